"""Checks on the ordered policy list: overlaps, shadowed policies, tickets without a policy.

The first active policy whose conditions all match applies (docs/SLA_SEMANTICS.md), so:

- a ticket matching more than one active policy is worth knowing about (only the first
  counts, which may not be what the author of the second intended);
- a policy that every ticket it could match is already taken by earlier active policies
  can *never* apply. That is decided from the conditions themselves, not from the tickets
  at hand, so it also warns about tickets that have not arrived yet;
- tickets that no active policy matches have no SLA at all;
- a ticket of a customer with an active agreement that another policy than the
  agreement's judges (an earlier policy takes it, e.g. "Urgent around the clock") is
  not judged by the terms the customer signed (docs/AGREEMENTS.md).
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from slaworkbench.domain.escalation import rule_problems
from slaworkbench.domain.model import Priority, TicketFacts
from slaworkbench.domain.policy import Conditions
from slaworkbench.i18n import tr, trn

EXAMPLES = 10
"""Ticket ids a report names as examples (the smallest): give groups of tickets at least
as many of their ids (``TicketGroup.first_ids``)."""

MAX_CASES = 200_000
"""Beyond this many condition combinations a policy is only compared one by one."""

_SCALAR_FIELDS = ("priorities", "customers", "customer_tiers", "teams", "categories", "channels")


class LintablePolicy(Protocol):
    @property
    def id(self) -> int: ...

    @property
    def name(self) -> str: ...

    @property
    def active(self) -> bool: ...

    @property
    def conditions(self) -> Conditions: ...


@dataclass(frozen=True)
class Shadowing:
    """``policy_id`` can never apply: ``by`` (earlier active policies) take all its tickets."""

    policy_id: int
    policy_name: str
    by: tuple[str, ...]
    catch_all: bool = False
    """``by`` is one catch-all (an active policy without conditions) above it."""

    def sentence(self) -> str:
        if self.catch_all:
            return tr(
                "“{name}” can never apply: the catch-all “{by}” above it takes every ticket; "
                "move “{name}” above it."
            ).format(name=self.policy_name, by=self.by[0])
        return tr("“{name}” can never apply: {by} take every ticket it would match.").format(
            name=self.policy_name, by=", ".join(f"“{n}”" for n in self.by)
        )


@dataclass(frozen=True)
class LintReport:
    tickets: int
    multiple_matches: int
    """Tickets matched by more than one active policy."""
    no_policy: int
    """Tickets matched by no active policy."""
    applied: dict[int, int] = field(default_factory=dict)
    """policy id → tickets it applies to (first match)."""
    also_matched: dict[int, int] = field(default_factory=dict)
    """policy id → tickets it matches but an earlier policy applies to instead."""
    shadowed: tuple[Shadowing, ...] = ()
    example_no_policy: tuple[int, ...] = ()
    """Up to ten ids of tickets without a policy, the smallest (when ticket ids were given)."""
    off_agreement: tuple[OffAgreement, ...] = ()
    """Per customer with an agreement, the tickets another policy judges."""
    escalation_problems: tuple[str, ...] = ()
    """Escalation rules that can never fire or duplicate another (sentences)."""

    @property
    def is_clean(self) -> bool:
        return not (
            self.multiple_matches
            or self.no_policy
            or self.shadowed
            or self.off_agreement
            or self.escalation_problems
        )

    @property
    def off_agreement_tickets(self) -> int:
        return sum(found.tickets for found in self.off_agreement)


@dataclass(frozen=True)
class OffAgreement:
    """Tickets of ``customer`` judged by other policies than their agreement's ``policy``."""

    customer: str
    policy: str
    tickets: int
    judged_by: dict[str, int]
    """The policies that judge them instead → how many tickets each."""
    examples: tuple[int, ...] = ()
    """Up to ten of those tickets' ids, the smallest (when ticket ids were given)."""

    def sentence(self) -> str:
        others = ", ".join(
            tr("“{name}” ({count})").format(name=name, count=count)
            for name, count in sorted(self.judged_by.items(), key=lambda kv: (-kv[1], kv[0]))
        )
        text = trn(
            "{n} ticket of {customer} is judged by another policy than their "
            "agreement's “{policy}”: {others}.",
            "{n} tickets of {customer} are judged by another policy than their "
            "agreement's “{policy}”: {others}.",
            self.tickets,
        ).format(customer=self.customer, policy=self.policy, others=others)
        if self.examples:
            text += " " + tr("For example {tickets}.").format(
                tickets=", ".join(f"#{ticket}" for ticket in self.examples)
            )
        return text


class _Other:
    """A value no policy mentions (also stands for "empty")."""

    def __repr__(self) -> str:
        return "<other>"


_OTHER = _Other()


def _matches(conditions: Conditions, point: dict[str, object], tags: frozenset[str]) -> bool:
    for name in _SCALAR_FIELDS:
        allowed: frozenset[str] = getattr(conditions, name)
        if allowed and point[name] not in allowed:
            return False
    return not conditions.tags or not conditions.tags.isdisjoint(tags)


def is_catch_all(conditions: Conditions) -> bool:
    """No condition at all: the policy matches every ticket."""
    return not any(getattr(conditions, name) for name in (*_SCALAR_FIELDS, "tags"))


def _single_cover(earlier: Conditions, later: Conditions) -> bool:
    """Every ticket ``later`` matches, ``earlier`` matches too (field by field)."""
    for name in (*_SCALAR_FIELDS, "tags"):
        wide: frozenset[str] = getattr(earlier, name)
        narrow: frozenset[str] = getattr(later, name)
        if wide and (not narrow or not narrow <= wide):
            return False
    return True


def _cases(
    target: Conditions, earlier: Sequence[Conditions]
) -> tuple[list[Sequence[object]], list[frozenset[str]]] | None:
    """The representative values per field, and the minimal tag sets, to try."""
    axes: list[Sequence[object]] = []
    for name in _SCALAR_FIELDS:
        own: frozenset[str] = getattr(target, name)
        if own:
            axes.append(sorted(own))
        elif name == "priorities":
            axes.append([p.value for p in Priority])
        else:
            mentioned: set[str] = set()
            for conditions in earlier:
                mentioned |= getattr(conditions, name)
            axes.append([*sorted(mentioned), _OTHER])
    # Matching only grows with more tags, so the hardest tickets carry as few as they can:
    # none at all, or exactly one of the policy's tags.
    tag_sets = [frozenset({tag}) for tag in sorted(target.tags)] if target.tags else [frozenset()]
    size = len(tag_sets)
    for axis in axes:
        size *= len(axis)
    if size > MAX_CASES:
        return None
    return axes, tag_sets


def find_shadowed(policies: Sequence[LintablePolicy]) -> list[Shadowing]:
    """Active policies that no ticket can ever reach, in list order."""
    found: list[Shadowing] = []
    for index, policy in enumerate(policies):
        if not policy.active:
            continue
        before = [p for p in policies[:index] if p.active]
        if not before:
            continue
        single = [p for p in before if _single_cover(p.conditions, policy.conditions)]
        if single:
            found.append(
                Shadowing(
                    policy.id,
                    policy.name,
                    (single[0].name,),
                    catch_all=is_catch_all(single[0].conditions),
                )
            )
            continue
        cases = _cases(policy.conditions, [p.conditions for p in before])
        if cases is None:
            continue
        axes, tag_sets = cases
        used: set[str] = set()
        covered = True
        for values in itertools.product(*axes):
            point = dict(zip(_SCALAR_FIELDS, values, strict=True))
            for tags in tag_sets:
                first = next((p for p in before if _matches(p.conditions, point, tags)), None)
                if first is None:
                    covered = False
                    break
                used.add(first.name)
            if not covered:
                break
        if covered:
            names = tuple(p.name for p in before if p.name in used)
            found.append(Shadowing(policy.id, policy.name, names))
    return found


def shadowing_of(policies: Sequence[LintablePolicy], policy_id: int) -> Shadowing | None:
    """Why the policy ``policy_id`` can never apply in this order, or ``None`` if it can."""
    return next((s for s in find_shadowed(policies) if s.policy_id == policy_id), None)


class TicketGroup(Protocol):
    """Tickets with the same facts (``store.policies.editing.FactGroup``)."""

    @property
    def facts(self) -> TicketFacts: ...

    @property
    def count(self) -> int: ...

    @property
    def first_ids(self) -> tuple[int, ...]: ...


@dataclass(frozen=True, slots=True)
class _One:
    facts: TicketFacts
    count: int
    first_ids: tuple[int, ...]


def lint(
    policies: Sequence[LintablePolicy],
    tickets: Iterable[TicketFacts] | Iterable[tuple[int, TicketFacts]],
    agreement_policies: Mapping[str, str] | None = None,
) -> LintReport:
    """Check ``policies`` (in order) against the conditions and the current ``tickets``.

    ``tickets`` are facts, or ``(ticket id, facts)`` pairs so that the report can name
    examples of tickets without a policy. ``agreement_policies`` maps each customer
    with an active agreement to the name of the agreement's policy.
    """
    groups = (
        _One(item[1], 1, (item[0],)) if isinstance(item, tuple) else _One(item, 1, ())
        for item in tickets
    )
    return lint_groups(policies, groups, agreement_policies)


def lint_groups(
    policies: Sequence[LintablePolicy],
    groups: Iterable[TicketGroup],
    agreement_policies: Mapping[str, str] | None = None,
) -> LintReport:
    """``lint`` of tickets given as groups with the same facts (each matched once);
    the examples are the smallest ids of the groups' ``first_ids``."""
    agreed = agreement_policies or {}
    off: dict[str, dict[str, int]] = {}
    off_examples: dict[str, list[int]] = {}
    active = [p for p in policies if p.active]
    applied = {p.id: 0 for p in policies}
    also = {p.id: 0 for p in policies}
    count = multiple = none = 0
    no_policy_ids: list[int] = []
    for group in groups:
        facts, many = group.facts, group.count
        count += many
        matching = [p for p in active if p.conditions.matches(facts)]
        if not matching:
            none += many
            no_policy_ids += group.first_ids
            continue
        applied[matching[0].id] += many
        wanted = agreed.get(facts.customer or "")
        if wanted is not None and matching[0].name != wanted:
            judged_by = off.setdefault(facts.customer or "", {})
            judged_by[matching[0].name] = judged_by.get(matching[0].name, 0) + many
            off_examples.setdefault(facts.customer or "", []).extend(group.first_ids)
        for later in matching[1:]:
            also[later.id] += many
        if len(matching) > 1:
            multiple += many
    examples = heapq.nsmallest(EXAMPLES, no_policy_ids)
    return LintReport(
        tickets=count,
        multiple_matches=multiple,
        no_policy=none,
        applied=applied,
        also_matched=also,
        shadowed=tuple(find_shadowed(policies)),
        example_no_policy=tuple(examples),
        off_agreement=tuple(
            OffAgreement(
                customer,
                agreed[customer],
                sum(judged_by.values()),
                judged_by,
                tuple(heapq.nsmallest(EXAMPLES, off_examples.get(customer, ()))),
            )
            for customer, judged_by in sorted(off.items())
        ),
        escalation_problems=tuple(
            tr("“{name}”: {problem}").format(name=policy.name, problem=problem)
            for policy in policies
            for problem in rule_problems(
                getattr(policy, "escalations", ()), getattr(policy, "targets", {})
            )
        ),
    )
