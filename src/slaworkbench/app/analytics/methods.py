"""The methods behind a period's figures (Qt-free): the calendars, pause statuses and
policy versions in force, read from the clocks stopped in the period and the active
policies.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from slaworkbench.app.analytics.filters import (
    METRICS,
    PRIORITIES,
    Filters,
    Source,
    _session,
    _stopped_counts,
    zone,
)
from slaworkbench.store.analytics import queries as q
from slaworkbench.store.analytics.fetch import NULL_ID
from slaworkbench.store.analytics.unevaluated import unevaluated_tickets


@dataclass(frozen=True, slots=True)
class CalendarInfo:
    name: str
    timezone: str
    hours: tuple[tuple[str, tuple[tuple[str, str], ...]], ...]
    """``(day key mon…sun, ((start, end), ...))``."""
    holidays: tuple[tuple[dt.date, str], ...]
    """The holidays that fall inside the period."""


@dataclass(frozen=True, slots=True)
class PolicyVersionInfo:
    policy: str
    version: int
    version_id: int
    created_at: int
    author: str
    reason: str
    calendar: str
    pause_statuses: tuple[str, ...]
    targets: tuple[tuple[str, str, int], ...]
    """``(priority, metric, business seconds)``."""
    clocks_judged: int
    """Clocks stopped in the period that this version judged."""
    is_current: bool
    active: bool


@dataclass(frozen=True, slots=True)
class Methods:
    start_at: int
    end_at: int
    tz: str
    calendars: tuple[CalendarInfo, ...]
    policy_versions: tuple[PolicyVersionInfo, ...]
    pause_statuses: tuple[str, ...]
    """Every status that pauses a pausable clock under some version in force."""
    unversioned_clocks: int
    """Clocks stopped in the period whose policy version is no longer recorded."""
    unevaluated_tickets: int = 0
    """Tickets of the workspace never evaluated (no clocks, no timeline): not counted."""


_DAY_KEYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def methods(source: Source, filters: Filters) -> Methods:
    """The calendars, pause statuses and policy versions behind the period's figures: every
    version that judged a clock stopped in the period, and the version of every active
    policy in force at the period's end (a version saved later appears only once a
    re-baseline made it judge clocks of the period)."""
    with _session(source) as session:
        scope, facts = _stopped_counts(session, filters, group="policy_version_id", by_day=False)
        ids, inverse = np.unique(facts.policy_version_id, return_inverse=True)
        counts = np.bincount(inverse.reshape(-1), weights=facts.count, minlength=ids.size)
        judged: dict[int | None, int] = {
            (None if v == NULL_ID else v): int(n)
            for v, n in zip(ids.tolist(), counts.tolist(), strict=True)
        }
        versions = q.policy_version_rows(
            session, (v for v in judged if v is not None), as_of=scope.end
        )
        calendar_ids = {v.calendar_id for v in versions}
        calendars = q.calendar_rows(session, calendar_ids)
        extra_holidays = q.calendar_holiday_rows(session, calendar_ids)
        unevaluated = unevaluated_tickets(session)
    tz = zone(filters)
    first_day = dt.datetime.fromtimestamp(scope.start, tz).date()
    last_day = dt.datetime.fromtimestamp(scope.end - 1, tz).date()
    calendar_names = {cid: name for cid, name, _, _ in calendars}
    calendar_infos = []
    for cid, name, timezone, spec in calendars:
        holidays: dict[dt.date, str] = {}
        for raw in spec.get("holidays", []) or []:
            day = _parse_day(raw.get("date") if isinstance(raw, dict) else None)
            if day is not None and first_day <= day <= last_day:
                holidays[day] = str(raw.get("name") or "")
        for owner, day, label in extra_holidays:
            if owner == cid and first_day <= day <= last_day:
                holidays.setdefault(day, label or "")
        calendar_infos.append(
            CalendarInfo(
                name=name,
                timezone=timezone,
                hours=_hours(spec.get("hours")),
                holidays=tuple(sorted(holidays.items())),
            )
        )
    version_infos = []
    pauses: set[str] = set()
    for v in versions:
        statuses = v.spec.get("pause_statuses")
        paused = (
            tuple(sorted(str(s) for s in statuses))
            if isinstance(statuses, list)
            else ("on_hold", "pending")
        )
        pauses.update(paused)
        version_infos.append(
            PolicyVersionInfo(
                policy=v.policy_name,
                version=v.version,
                version_id=v.version_id,
                created_at=v.created_at,
                author=v.author,
                reason=v.reason,
                calendar=calendar_names.get(v.calendar_id, str(v.spec.get("calendar", ""))),
                pause_statuses=paused,
                targets=_targets(v.spec.get("targets")),
                clocks_judged=judged.get(v.version_id, 0),
                is_current=v.is_current,
                active=v.policy_active,
            )
        )
    return Methods(
        start_at=scope.start,
        end_at=scope.end,
        tz=filters.tz,
        calendars=tuple(calendar_infos),
        policy_versions=tuple(version_infos),
        pause_statuses=tuple(sorted(pauses)),
        unversioned_clocks=judged.get(None, 0),
        unevaluated_tickets=unevaluated,
    )


def _parse_day(value: object) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _hours(raw: object) -> tuple[tuple[str, tuple[tuple[str, str], ...]], ...]:
    if not isinstance(raw, dict):
        return ()
    days = []
    for key in _DAY_KEYS:
        intervals = raw.get(key) or []
        days.append(
            (
                key,
                tuple(
                    (str(pair[0]), str(pair[1]))
                    for pair in intervals
                    if isinstance(pair, list | tuple) and len(pair) == 2
                ),
            )
        )
    return tuple(days)


def _targets(raw: object) -> tuple[tuple[str, str, int], ...]:
    if not isinstance(raw, dict):
        return ()
    targets = []
    for priority in sorted(raw, key=lambda p: PRIORITIES.index(p) if p in PRIORITIES else 99):
        per_metric = raw[priority]
        if not isinstance(per_metric, dict):
            continue
        for metric in METRICS:
            value = per_metric.get(metric)
            if isinstance(value, int | float):
                targets.append((str(priority), metric, int(value)))
    return tuple(targets)
