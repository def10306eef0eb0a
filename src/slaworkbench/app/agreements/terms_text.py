"""The agreement editor's rule boxes: one rule per line in a few words, read into the
JSON form of ``domain.agreement.spec`` (and written back for editing).

- Goals: ``<metric> [<priority>] <goal>%`` — ``resolution 90%``, ``first_response high 95%``
- Services: ``<service> <target>% [<below>%=<credit>% ...]`` — ``Portal 99.9% 99.9%=10% 99%=25%``
- Ticket credits: ``<priority> <metric> <amount>|<percent>% [cap <amount>]`` —
  ``urgent resolution 50 cap 200``, ``high first_response 1.5%``
- Compliance credits: ``<metric> [<priority>] <goal>% <credit>%`` — ``resolution 90% 5%``

A service name with spaces is written in double quotes. A line that cannot be read is
refused with a sentence naming the box and the line.
"""

from __future__ import annotations

import shlex
from collections.abc import Callable
from typing import Any

from slaworkbench.domain.model import Metric, Priority
from slaworkbench.i18n import tr

METRICS = {m.value for m in Metric}
PRIORITIES = {p.value for p in Priority}


class RuleTextError(ValueError):
    """A line of a rule box could not be read; the message names the box and line."""


def _percent(word: str) -> float:
    if not word.endswith("%"):
        raise ValueError(tr("“{word}” should be a percentage like 90%.").format(word=word))
    return float(word[:-1])


def _number(word: str) -> float:
    return float(word)


def _goal(words: list[str]) -> dict[str, Any]:
    metric, rest = words[0], words[1:]
    priority = rest.pop(0) if rest and rest[0] in PRIORITIES else None
    if metric not in METRICS or len(rest) != 1:
        raise ValueError(
            tr("write a metric, an optional priority and a goal, e.g. resolution 90%.")
        )
    return {"metric": metric, "priority": priority, "goal": _percent(rest[0])}


def _service(words: list[str]) -> dict[str, Any]:
    if len(words) < 2:
        raise ValueError(tr("write a service and its target, e.g. Portal 99.9%."))
    tiers = []
    for word in words[2:]:
        below, _, credit = word.partition("=")
        if not credit:
            raise ValueError(tr("write a tier as 99.9%=10%."))
        tiers.append({"below": _percent(below), "credit": _percent(credit)})
    return {"service": words[0], "target": _percent(words[1]), "tiers": tiers}


def _ticket_credit(words: list[str]) -> dict[str, Any]:
    if len(words) not in (3, 5) or words[0] not in PRIORITIES or words[1] not in METRICS:
        raise ValueError(
            tr("write a priority, a metric and an amount or percentage, e.g. urgent "
               "resolution 50 cap 200.")
        )  # fmt: skip
    amount = percent = cap = None
    if words[2].endswith("%"):
        percent = _percent(words[2])
    else:
        amount = _number(words[2])
    if len(words) == 5:
        if words[3] != "cap":
            raise ValueError(tr("the fourth word is “cap”, then the monthly cap."))
        cap = _number(words[4])
    return {"priority": words[0], "metric": words[1], "amount": amount, "percent": percent,
            "cap": cap}  # fmt: skip


def _compliance_credit(words: list[str]) -> dict[str, Any]:
    metric, rest = words[0], words[1:]
    priority = rest.pop(0) if rest and rest[0] in PRIORITIES else None
    if metric not in METRICS or len(rest) != 2:
        raise ValueError(
            tr("write a metric, an optional priority, the goal and the credit, e.g. "
               "resolution 90% 5%.")
        )  # fmt: skip
    return {"metric": metric, "priority": priority, "goal": _percent(rest[0]),
            "credit": _percent(rest[1])}  # fmt: skip


BOXES: dict[str, tuple[str, Callable[[list[str]], dict[str, Any]]]] = {
    "goals": (tr("Goals"), _goal),
    "services": (tr("Services"), _service),
    "ticket_credits": (tr("Ticket credits"), _ticket_credit),
    "compliance_credits": (tr("Compliance credits"), _compliance_credit),
}


def read_box(key: str, text: str) -> list[dict[str, Any]]:
    """The rules of one box (``goals``, ``services``, ``ticket_credits``,
    ``compliance_credits``)."""
    title, parse = BOXES[key]
    rules = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            rules.append(parse(shlex.split(line)))
        except ValueError as error:
            raise RuleTextError(
                tr("{box}, line {line}: {problem}").format(box=title, line=number, problem=error)
            ) from error
    return rules


def _pct(value: float) -> str:
    return f"{value:g}%"


def write_box(key: str, rules: list[dict[str, Any]]) -> str:
    """The box's text for rules in the JSON form (the inverse of ``read_box``)."""
    lines = []
    for r in rules:
        if key == "goals":
            words = [r["metric"], r.get("priority") or "", _pct(r["goal"])]
        elif key == "services":
            name = r["service"]
            words = [shlex.quote(name), _pct(r["target"])] + [
                f"{_pct(t['below'])}={_pct(t['credit'])}" for t in r.get("tiers", ())
            ]
        elif key == "ticket_credits":
            value = _pct(r["percent"]) if r.get("percent") is not None else f"{r['amount']:g}"
            words = [r["priority"], r["metric"], value]
            if r.get("cap") is not None:
                words += ["cap", f"{r['cap']:g}"]
        else:
            words = [r["metric"], r.get("priority") or "", _pct(r["goal"]), _pct(r["credit"])]
        lines.append(" ".join(w for w in words if w))
    return "\n".join(lines)
