"""Escalation rules: at a threshold of a metric's clock, do one or more actions.

A rule belongs to a policy version (its ``escalations`` list, saved with the policy). Its
threshold is one of:

- ``share``: a percentage of the cycle's target (75 = when 75 % of the target elapsed);
- ``before_due``: a business-time amount before the due instant;
- ``after_due``: a business-time amount after the due instant.

Each threshold is an amount of *elapsed business time* of the cycle
(:func:`threshold_elapsed`), so the instant it is reached is found the way the due
instant is (docs/SLA_SEMANTICS.md, "Escalations"). A rule's ``level`` (1–9) names it
within its metric: a policy holds at most one rule per (metric, level).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from slaworkbench.domain.durations import format_duration, parse_duration
from slaworkbench.domain.labels import metric_label
from slaworkbench.domain.model import Metric
from slaworkbench.domain.shown import shown
from slaworkbench.i18n import tr

MAX_LEVEL = 9
MAX_SHARE_PERCENT = 1000
PLAUSIBLE_SECONDS = 366 * 24 * 3600
"""A threshold further from the due instant than a year of business time never fires."""


class ThresholdKind(StrEnum):
    SHARE = "share"
    BEFORE_DUE = "before_due"
    AFTER_DUE = "after_due"


class ActionKind(StrEnum):
    NOTIFY = "notify"
    RAISE_PRIORITY = "raise_priority"
    REASSIGN = "reassign"
    ADD_TAG = "add_tag"


class Recipient(StrEnum):
    ASSIGNEE = "assignee"
    TEAM_LEAD = "team_lead"
    MANAGERS = "managers"


@dataclass(frozen=True, slots=True)
class EscalationAction:
    kind: ActionKind
    recipient: Recipient | None = None
    """Whom ``notify`` tells."""
    team: str | None = None
    """``reassign``: the team the ticket moves to (its assignee is cleared)..."""
    agent: str | None = None
    """...or the agent it is given to."""
    tag: str | None = None
    """``add_tag``: the tag added."""


@dataclass(frozen=True, slots=True)
class EscalationRule:
    metric: Metric
    level: int
    kind: ThresholdKind
    value: int
    """Percent for ``share``; business seconds for ``before_due`` and ``after_due``."""
    actions: tuple[EscalationAction, ...]

    def threshold_text(self) -> str:
        if self.kind is ThresholdKind.SHARE:
            return tr("{percent} % of the target").format(percent=self.value)
        amount = format_duration(self.value)
        if self.kind is ThresholdKind.BEFORE_DUE:
            return tr("{amount} before due").format(amount=amount)
        return tr("{amount} after due").format(amount=amount)

    def describe(self) -> str:
        """ "First response level 1 at 75 % of the target" (the metric by its name in the
        user's language; it was the program's identifier, ``first_response``)."""
        return tr("{metric} level {level} at {threshold}").format(
            metric=metric_label(self.metric), level=self.level, threshold=self.threshold_text()
        )


def threshold_elapsed(rule: EscalationRule, target: int) -> int:
    """The elapsed business seconds of a cycle with ``target`` at which ``rule`` fires.

    A share rounds up to the whole second (75 % of 1 h is 2,700 s); a ``before_due``
    amount larger than the target fires at the cycle's start (0 elapsed).
    """
    if rule.kind is ThresholdKind.SHARE:
        return -(-target * rule.value // 100)
    if rule.kind is ThresholdKind.BEFORE_DUE:
        return max(0, target - rule.value)
    return target + rule.value


def action_text(action: EscalationAction) -> str:
    if action.kind is ActionKind.NOTIFY:
        names = {
            Recipient.ASSIGNEE: tr("notify the assignee"),
            Recipient.TEAM_LEAD: tr("notify the team lead"),
            Recipient.MANAGERS: tr("notify the managers"),
        }
        return names[action.recipient or Recipient.ASSIGNEE]
    if action.kind is ActionKind.RAISE_PRIORITY:
        return tr("raise the priority")
    if action.kind is ActionKind.REASSIGN:
        if action.agent:
            return tr("reassign to {agent}").format(agent=action.agent)
        return tr("reassign to team {team}").format(team=action.team or "")
    return tr("add tag {tag}").format(tag=action.tag or "")


# --- JSON-able form ---------------------------------------------------------------


def rule_to_dict(rule: EscalationRule) -> dict[str, Any]:
    return {
        "metric": rule.metric.value,
        "level": rule.level,
        "threshold": rule.kind.value,
        "value": rule.value,
        "actions": [_action_to_dict(action) for action in rule.actions],
    }


def _action_to_dict(action: EscalationAction) -> dict[str, Any]:
    data: dict[str, Any] = {"do": action.kind.value}
    if action.recipient is not None:
        data["to"] = action.recipient.value
    if action.team is not None:
        data["team"] = action.team
    if action.agent is not None:
        data["agent"] = action.agent
    if action.tag is not None:
        data["tag"] = action.tag
    return data


class RuleError(ValueError):
    """One sentence: what is wrong with an escalation rule and how to put it right."""


def _choice(kind: Any, value: object, sentence: str) -> Any:
    try:
        return kind(value)
    except ValueError:
        known = ", ".join(member.value for member in kind)
        raise RuleError(sentence.format(value=shown(value), known=known)) from None


def _name(value: object, sentence: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise RuleError(sentence)
    return value.strip()


def action_from_dict(data: object) -> EscalationAction:
    if not isinstance(data, Mapping):
        raise RuleError(tr('An escalation action must be an object such as {"do": "notify"}.'))
    kind = _choice(
        ActionKind,
        data.get("do"),
        tr("'{value}' is not an escalation action; use {known}."),
    )
    if kind is ActionKind.NOTIFY:
        recipient = _choice(
            Recipient,
            data.get("to", Recipient.ASSIGNEE.value),
            tr("'{value}' cannot be notified; use assignee, team_lead or managers."),
        )
        return EscalationAction(kind, recipient=recipient)
    if kind is ActionKind.REASSIGN:
        team, agent = data.get("team"), data.get("agent")
        if (team is None) == (agent is None):
            raise RuleError(tr("A reassignment names either a team or an agent, not both."))
        if agent is not None:
            return EscalationAction(kind, agent=_name(agent, tr("Name the agent to reassign to.")))
        return EscalationAction(kind, team=_name(team, tr("Name the team to reassign to.")))
    if kind is ActionKind.ADD_TAG:
        tag = _name(data.get("tag"), tr("Name the tag to add."))
        if " " in tag or "," in tag:
            raise RuleError(tr("A tag is one word without spaces or commas."))
        return EscalationAction(kind, tag=tag)
    return EscalationAction(kind)


def parse_threshold(kind: ThresholdKind, value: object) -> int:
    """A share in percent (``75``, ``"75%"``) or a business-time amount (``"2h"``)."""
    if kind is ThresholdKind.SHARE:
        text = str(value).strip().rstrip("%").strip() if not isinstance(value, bool) else ""
        if not text.isdigit():
            raise RuleError(tr("A share of the target is a whole percentage such as 75."))
        percent = int(text)
        if not 1 <= percent <= MAX_SHARE_PERCENT:
            raise RuleError(
                tr("A share of the target is from 1 % to {most} %.").format(most=MAX_SHARE_PERCENT)
            )
        return percent
    if isinstance(value, int) and not isinstance(value, bool):
        seconds = value
    elif isinstance(value, str):
        try:
            seconds = parse_duration(value)
        except ValueError as error:
            raise RuleError(
                tr("The amount is not a duration: {error}").format(error=error)
            ) from None
    else:
        seconds = -1
    if kind is ThresholdKind.AFTER_DUE and seconds < 0:
        raise RuleError(tr("The amount after due is a duration such as 2h (0 means at due)."))
    if kind is ThresholdKind.BEFORE_DUE and seconds <= 0:
        raise RuleError(tr("The amount before due is a positive duration such as 30m."))
    return seconds


def rule_from_dict(data: object) -> EscalationRule:
    if not isinstance(data, Mapping):
        raise RuleError(tr("An escalation rule must be an object with a metric and a threshold."))
    metric = _choice(
        Metric,
        data.get("metric"),
        tr("'{value}' is not a metric; use {known}."),
    )
    level = data.get("level", 1)
    if isinstance(level, bool) or not isinstance(level, int) or not 1 <= level <= MAX_LEVEL:
        raise RuleError(tr("An escalation level is a whole number from 1 to 9."))
    kind = _choice(
        ThresholdKind,
        data.get("threshold"),
        tr("'{value}' is not a threshold; use share, before_due or after_due."),
    )
    value = parse_threshold(kind, data.get("value"))
    raw_actions = data.get("actions")
    if not isinstance(raw_actions, list | tuple) or not raw_actions:
        raise RuleError(tr("An escalation rule does at least one thing: add an action."))
    actions = tuple(action_from_dict(item) for item in raw_actions)
    if sum(action.kind is ActionKind.REASSIGN for action in actions) > 1:
        raise RuleError(tr("An escalation rule reassigns at most once."))
    return EscalationRule(metric, level, kind, value, actions)


def rules_from_list(data: object) -> tuple[EscalationRule, ...]:
    """The rules of a policy; refuses two rules for the same metric and level."""
    if data is None:
        return ()
    if not isinstance(data, list | tuple):
        raise RuleError(tr("A policy's escalations must be a list of rules."))
    rules = tuple(rule_from_dict(item) for item in data)
    seen: set[tuple[Metric, int]] = set()
    for rule in rules:
        key = (rule.metric, rule.level)
        if key in seen:
            raise RuleError(
                tr(
                    "Two escalation rules are level {level} of {metric}; give each its own level."
                ).format(level=rule.level, metric=metric_label(rule.metric))
            )
        seen.add(key)
    return tuple(sorted(rules, key=lambda rule: (list(Metric).index(rule.metric), rule.level)))


def rule_problems(
    rules: Sequence[EscalationRule], targets: Mapping[Any, Mapping[Metric, int]]
) -> list[str]:
    """Sentences for rules that can never fire or duplicate another (the policy lint)."""
    problems: list[str] = []
    for rule in rules:
        measured = [per[rule.metric] for per in targets.values() if rule.metric in per]
        if not measured:
            problems.append(
                tr("Escalation {rule} never fires: no priority measures {metric}.").format(
                    rule=rule.describe(), metric=metric_label(rule.metric)
                )
            )
            continue
        if all(threshold_elapsed(rule, target) > PLAUSIBLE_SECONDS for target in measured):
            problems.append(
                tr(
                    "Escalation {rule} never fires in practice: it waits more than a year of "
                    "business time."
                ).format(rule=rule.describe())
            )
    by_point: dict[tuple[Metric, tuple[int, ...]], EscalationRule] = {}
    for rule in rules:
        measured = sorted(per[rule.metric] for per in targets.values() if rule.metric in per)
        point = (rule.metric, tuple(threshold_elapsed(rule, target) for target in measured))
        earlier = by_point.get(point)
        if earlier is not None and measured:
            problems.append(
                tr(
                    "Escalation {rule} duplicates level {level}: both fire at the same instant."
                ).format(rule=rule.describe(), level=earlier.level)
            )
        else:
            by_point[point] = rule
    return problems
