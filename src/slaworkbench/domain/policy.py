"""SLA policies: which tickets they apply to, their targets, and how they are stored.

Policies are ordered; the first *active* one whose conditions all match a ticket's
current attributes applies (docs/SLA_SEMANTICS.md, "Policies"). A policy is immutable:
saving creates a new version, which the store numbers (``version``) and identifies
(``version_id``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, tzinfo
from types import MappingProxyType
from typing import Any, Protocol

import numpy as np
from numpy.typing import NDArray

from slaworkbench.domain.durations import LONGEST_TARGET, LONGEST_TARGET_TEXT, parse_duration
from slaworkbench.domain.escalation import (
    EscalationRule,
    RuleError,
    rule_to_dict,
    rules_from_list,
)
from slaworkbench.domain.model import (
    DEFAULT_PAUSE_STATUSES,
    DONE_STATUSES,
    Metric,
    Priority,
    Status,
    TicketFacts,
)
from slaworkbench.domain.shown import shown
from slaworkbench.i18n import tr

DEFAULT_WARNING_FRACTION = 0.25


class CalendarLike(Protocol):
    """What the engine needs of a business calendar (``domain.calendar.BusinessCalendar``)."""

    @property
    def name(self) -> str: ...

    @property
    def zone(self) -> tzinfo: ...

    def holiday_name(self, day: date) -> str | None: ...

    def add_business_seconds_epoch(self, start: int, seconds: int) -> int: ...

    def business_seconds_between_epoch(self, a: int, b: int) -> int: ...

    def add_business_seconds_array(
        self, starts: NDArray[np.int64], seconds: NDArray[np.int64]
    ) -> NDArray[np.int64]: ...

    def business_seconds_between_array(
        self, a: NDArray[np.int64], b: NDArray[np.int64]
    ) -> NDArray[np.int64]: ...

    def working_segments(self, a: int, b: int) -> list[tuple[int, int]]: ...

    def is_working(self, t: int) -> bool: ...


CONDITION_FIELDS = (
    "priorities",
    "customers",
    "customer_tiers",
    "teams",
    "categories",
    "channels",
    "tags",
)


@dataclass(frozen=True)
class Conditions:
    """Each field is "is one of"; an empty set matches anything."""

    priorities: frozenset[str] = frozenset()
    customers: frozenset[str] = frozenset()
    customer_tiers: frozenset[str] = frozenset()
    teams: frozenset[str] = frozenset()
    categories: frozenset[str] = frozenset()
    channels: frozenset[str] = frozenset()
    tags: frozenset[str] = frozenset()

    def matches(self, facts: TicketFacts) -> bool:
        """All conditions hold; for tags, the ticket carries at least one of them."""
        checks: tuple[tuple[frozenset[str], str | None], ...] = (
            (self.priorities, facts.priority),
            (self.customers, facts.customer),
            (self.customer_tiers, facts.customer_tier),
            (self.teams, facts.team),
            (self.categories, facts.category),
            (self.channels, facts.channel),
        )
        for allowed, value in checks:
            if allowed and value not in allowed:
                return False
        return not self.tags or not self.tags.isdisjoint(facts.tags)


@dataclass(frozen=True)
class Policy:
    """One immutable version of an SLA policy. Targets are business seconds."""

    id: int
    name: str
    version: int
    active: bool
    conditions: Conditions
    targets: Mapping[Priority, Mapping[Metric, int]]
    calendar: CalendarLike
    pause_statuses: frozenset[Status] = DEFAULT_PAUSE_STATUSES
    warning_fraction: float = DEFAULT_WARNING_FRACTION
    version_id: int | None = None
    variant_for: str | None = None
    """The customer whose agreement calendar this copy of the policy judges in (placed
    before the policy itself, ``domain.agreement.variants``); ``None`` for the policy."""
    escalations: tuple[EscalationRule, ...] = ()
    """Escalation rules (``domain.escalation``), ordered by metric and level."""
    _flat: Mapping[tuple[Priority, Metric], int] = field(
        init=False, repr=False, compare=False, hash=False
    )

    def __post_init__(self) -> None:
        flat = {
            (Priority(priority), Metric(metric)): int(seconds)
            for priority, per_metric in self.targets.items()
            for metric, seconds in per_metric.items()
        }
        object.__setattr__(self, "_flat", MappingProxyType(flat))

    def target(self, priority: Priority, metric: Metric) -> int | None:
        """The target in business seconds, or ``None`` when the metric is not measured."""
        return self._flat.get((priority, metric))


def select_policy(policies: Sequence[Policy], facts: TicketFacts) -> Policy | None:
    """The first active policy, in sequence order, whose conditions all match."""
    for policy in policies:
        if policy.active and policy.conditions.matches(facts):
            return policy
    return None


# --- JSON-able form ---------------------------------------------------------------


def policy_to_dict(policy: Policy) -> dict[str, Any]:
    """A JSON-able dict; the calendar is referenced by its name, targets are seconds."""
    return {
        "id": policy.id,
        "name": policy.name,
        "version": policy.version,
        "version_id": policy.version_id,
        "active": policy.active,
        "conditions": {name: sorted(getattr(policy.conditions, name)) for name in CONDITION_FIELDS},
        "targets": {
            priority.value: {
                metric.value: policy.targets[priority][metric]
                for metric in Metric
                if metric in policy.targets[priority]
            }
            for priority in Priority
            if policy.targets.get(priority)
        },
        "calendar": policy.calendar.name,
        "pause_statuses": sorted(status.value for status in policy.pause_statuses),
        "warning_fraction": policy.warning_fraction,
    } | (
        {"escalations": [rule_to_dict(rule) for rule in policy.escalations]}
        if policy.escalations
        else {}
    )


def _invalid(policy_name: str, problem: str) -> ValueError:
    return ValueError(
        tr("Policy '{name}' cannot be used: {problem}").format(
            name=shown(policy_name), problem=problem
        )
    )


def _string_set(value: object, what: str, policy_name: str) -> frozenset[str]:
    if value is None:
        return frozenset()
    if not isinstance(value, list | tuple | set | frozenset) or not all(
        isinstance(item, str) and item.strip() for item in value
    ):
        raise _invalid(
            policy_name,
            tr("the condition '{what}' must be a list of names.").format(what=what),
        )
    return frozenset(item.strip() for item in value)


def _target_seconds(value: object, where: str, policy_name: str, *, stored: bool) -> int:
    if isinstance(value, bool):
        seconds = -1
    elif isinstance(value, int):
        seconds = value
    elif isinstance(value, str):
        try:
            seconds = parse_duration(value)
        except ValueError as error:
            raise _invalid(
                policy_name,
                tr("the target for {where} is not valid: {error}").format(where=where, error=error),
            ) from None
    else:
        seconds = -1
    if seconds <= 0:
        raise _invalid(
            policy_name,
            tr("the target for {where} must be a positive duration such as 4h.").format(
                where=where
            ),
        )
    if seconds > LONGEST_TARGET and not stored:
        raise _invalid(
            policy_name,
            tr("the target for {where} is longer than {longest}; give at most {longest}.").format(
                where=where, longest=LONGEST_TARGET_TEXT
            ),
        )
    return seconds


def policy_from_dict(
    data: Mapping[str, Any],
    resolve_calendar: Callable[[str], CalendarLike],
    *,
    stored: bool = False,
) -> Policy:
    """Build a policy from :func:`policy_to_dict` output or a hand-written policy file.

    Targets may be seconds or duration text (``"4h"``), at most ``LONGEST_TARGET`` —
    unless ``stored`` (a version saved before that limit is read as it was saved).
    ``resolve_calendar`` turns the calendar's name into a calendar and raises
    ``KeyError`` or ``ValueError`` if there is none. Every problem raises a
    ``ValueError`` sentence naming the policy.
    """
    if not isinstance(data, Mapping):
        raise ValueError(tr("A policy must be an object with a name, targets and a calendar."))
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ValueError(tr('A policy needs a name: add a non-empty "name".'))
    name = name.strip()

    policy_id = data.get("id", 0)
    version = data.get("version", 1)
    version_id = data.get("version_id")
    if isinstance(policy_id, bool) or not isinstance(policy_id, int):
        raise _invalid(name, tr("its id must be a whole number."))
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise _invalid(name, tr("its version must be a whole number from 1."))
    if version_id is not None and (isinstance(version_id, bool) or not isinstance(version_id, int)):
        raise _invalid(name, tr("its version id must be a whole number or empty."))
    active = data.get("active", True)
    if not isinstance(active, bool):
        raise _invalid(name, tr('"active" must be true or false.'))

    raw_conditions = data.get("conditions") or {}
    if not isinstance(raw_conditions, Mapping):
        raise _invalid(name, tr("its conditions must be an object."))
    unknown = sorted(set(raw_conditions) - set(CONDITION_FIELDS))
    if unknown:
        raise _invalid(
            name,
            tr("'{field}' is not a condition; use one of {known}.").format(
                field=shown(unknown[0]), known=", ".join(CONDITION_FIELDS)
            ),
        )
    sets = {key: _string_set(raw_conditions.get(key), key, name) for key in CONDITION_FIELDS}
    bad_priorities = sorted(sets["priorities"] - {p.value for p in Priority})
    if bad_priorities:
        raise _invalid(
            name,
            tr("'{value}' is not a priority; use urgent, high, normal or low.").format(
                value=shown(bad_priorities[0])
            ),
        )
    conditions = Conditions(**sets)

    raw_targets = data.get("targets")
    if not isinstance(raw_targets, Mapping) or not raw_targets:
        raise _invalid(name, tr("it has no targets; give at least one priority a target."))
    targets: dict[Priority, dict[Metric, int]] = {}
    for priority_text, per_metric in raw_targets.items():
        try:
            priority = Priority(priority_text)
        except ValueError:
            raise _invalid(
                name,
                tr("'{value}' is not a priority; use urgent, high, normal or low.").format(
                    value=shown(priority_text)
                ),
            ) from None
        if not isinstance(per_metric, Mapping):
            raise _invalid(
                name,
                tr("the targets of priority {priority} must be an object.").format(
                    priority=priority.value
                ),
            )
        for metric_text, value in per_metric.items():
            try:
                metric = Metric(metric_text)
            except ValueError:
                raise _invalid(
                    name,
                    tr("'{value}' is not a metric; use {known}.").format(
                        value=shown(metric_text), known=", ".join(m.value for m in Metric)
                    ),
                ) from None
            where = f"{priority.value} {metric.value}"
            targets.setdefault(priority, {})[metric] = _target_seconds(
                value, where, name, stored=stored
            )
    if not any(targets.values()):
        raise _invalid(name, tr("it has no targets; give at least one priority a target."))

    raw_pause = data.get("pause_statuses")
    if raw_pause is None:
        pause_statuses = DEFAULT_PAUSE_STATUSES
    else:
        if not isinstance(raw_pause, list | tuple | set | frozenset):
            raise _invalid(name, tr("its pause statuses must be a list of statuses."))
        collected = set()
        for item in raw_pause:
            try:
                status = Status(item)
            except ValueError:
                status = None
            if status is None or status in DONE_STATUSES:
                raise _invalid(
                    name,
                    tr("'{value}' cannot pause a clock; use new, open, pending or on_hold.").format(
                        value=shown(item)
                    ),
                )
            collected.add(status)
        pause_statuses = frozenset(collected)

    fraction = data.get("warning_fraction", DEFAULT_WARNING_FRACTION)
    if (
        isinstance(fraction, bool)
        or not isinstance(fraction, int | float)
        or not (0 <= fraction < 1)
    ):
        raise _invalid(
            name, tr("the warning threshold must be a fraction from 0 up to (not including) 1.")
        )

    try:
        escalations = rules_from_list(data.get("escalations"))
    except RuleError as error:
        raise _invalid(name, str(error)) from None

    calendar_name = data.get("calendar")
    if not isinstance(calendar_name, str) or not calendar_name.strip():
        raise _invalid(name, tr("it does not name the calendar it counts in."))
    try:
        calendar = resolve_calendar(calendar_name)
    except (KeyError, ValueError):
        raise _invalid(
            name,
            tr("its calendar '{calendar}' does not exist; create it or pick another.").format(
                calendar=shown(calendar_name)
            ),
        ) from None

    return Policy(
        id=policy_id,
        name=name,
        version=version,
        active=active,
        conditions=conditions,
        targets=MappingProxyType(
            {priority: MappingProxyType(dict(per)) for priority, per in targets.items()}
        ),
        calendar=calendar,
        pause_statuses=pause_statuses,
        warning_fraction=float(fraction),
        version_id=version_id,
        escalations=escalations,
    )
