"""Export tickets with their clock results as CSV (UTF-8 with BOM, so spreadsheets agree).

Per metric: the state of its worst cycle (breached beats everything, then the least
remaining time, as ``MetricResult.worst``), elapsed business seconds, due instant,
breach instant, the target that judged it (business seconds) and the policy version that
set that target ("name vN"), read from ``ticket_clocks``; a cycle still running is read at the
export's instant, from its due instant and calendar (``domain.readings``). Instants are
ISO 8601 UTC. Every text cell is guarded against formula injection (``guard_cell``, which
the report's CSV uses too).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import suppress
from pathlib import Path
from typing import Any, TextIO

import numpy as np
from sqlalchemy import Connection, func, select

from slaworkbench.domain.calendar.business import BusinessCalendar
from slaworkbench.domain.clock.readings import remaining_at
from slaworkbench.domain.model import Metric
from slaworkbench.i18n import tr
from slaworkbench.saved_files import saving, writes_through
from slaworkbench.store.agreements.calendars import ticket_calendar_id
from slaworkbench.store.dialect import driver_sql, least_per_group_sql
from slaworkbench.store.errors import ValidationError
from slaworkbench.store.schema import (
    Calendar,
    Policy,
    PolicyVersion,
    Ticket,
)

FORMULA_SIGNS = frozenset("=+-@\uff1d\uff0b\uff0d\uff20")
"""Characters a spreadsheet may run as the start of a formula (and their full-width forms,
which some spreadsheets fold to the ASCII ones)."""
SKIPPED_BEFORE_FORMULA = " \t\u200b\ufeff"
"""What a spreadsheet may skip before a formula sign: spaces, tabs, zero-width spaces and
byte-order marks."""
LINE_STARTS = ("\n", "\r")
PAGE = 2000
TICKET_COLUMNS = (
    "id",
    "external_id",
    "subject",
    "priority",
    "status",
    "requester",
    "customer",
    "team",
    "assignee",
    "category",
    "channel",
    "tags",
    "created_at",
    "updated_at",
    "solved_at",
    "sla_state",
    "next_due_at",
)
CLOCK_FIELDS = ("state", "elapsed_seconds", "due_at", "breached_at", "target_seconds", "policy")
HEADER = (*TICKET_COLUMNS, *(f"{m.value}_{f}" for m in Metric for f in CLOCK_FIELDS))
_INSTANT_COLUMNS = frozenset({"created_at", "updated_at", "solved_at", "next_due_at"})


def guard_cell(value: str) -> str:
    """A text cell a spreadsheet will show as text, never run as a formula.

    A leading single quote is added when the cell starts with a formula sign (``=``,
    ``+``, ``-``, ``@`` or a full-width ``＝ ＋ － ＠``), with one after spaces, tabs,
    zero-width spaces or byte-order marks, or with a line feed or carriage return (or a
    tab: some spreadsheets start a new cell there)."""
    if value.startswith((*LINE_STARTS, "\t")):
        return "'" + value
    first = value.lstrip(SKIPPED_BEFORE_FORMULA)[:1]
    return "'" + value if first and first in FORMULA_SIGNS else value


def iso_instant(value: int | None) -> str:
    """ISO 8601 UTC; an instant no calendar date holds (stored by an older version that let
    any date in) is refused with a sentence naming it."""
    if value is None:
        return ""
    try:
        return dt.datetime.fromtimestamp(value, dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    except (ValueError, OverflowError, OSError):
        raise ValidationError(
            tr(
                "The workspace holds the instant {value}, which is no date; fix that "
                "ticket (or delete it) and export again. Nothing was written."
            ).format(value=value)
        ) from None


def _calendars_by_id(connection: Connection) -> dict[int, BusinessCalendar]:
    """Every readable calendar by id (a workspace has a handful)."""
    calendars: dict[int, BusinessCalendar] = {}
    for calendar_id, spec in connection.execute(select(Calendar.id, Calendar.spec)):
        with suppress(ValueError, TypeError, KeyError):  # unreadable: read in wall time
            calendars[calendar_id] = BusinessCalendar.from_dict(json.loads(spec))
    return calendars


def _policy_version_names(connection: Connection) -> dict[int, str]:
    """Each policy version as people name it: "Standard SLA v3"."""
    rows = connection.execute(
        select(PolicyVersion.id, Policy.name, PolicyVersion.version).join(
            Policy, Policy.id == PolicyVersion.policy_id
        )
    )
    return {version_id: f"{name} v{version}" for version_id, name, version in rows}


_TICKETS_FROM = """
SELECT t.id, t.external_id, t.subject, t.priority, t.status, t.requester, c.name, m.name,
       a.name, t.category, t.channel, t.tags, t.created_at, t.updated_at, t.solved_at,
       t.sla_state, t.next_due_at
FROM tickets t
LEFT JOIN customers c ON c.id = t.customer_id
LEFT JOIN teams m ON m.id = t.team_id
LEFT JOIN agents a ON a.id = t.assignee_id
"""
_TICKETS_SQL = _TICKETS_FROM + "WHERE t.id > ? ORDER BY t.id LIMIT ?"
"""A page of tickets in ``TICKET_COLUMNS``' order, names joined."""
_TICKET_RANGE_SQL = _TICKETS_FROM + "WHERE t.id BETWEEN ? AND ? ORDER BY t.id"
"""The tickets of an id range, as ``_TICKETS_SQL`` gives them."""


SPREAD = 4
"""A page of chosen tickets spans at most ``SPREAD * PAGE`` ids: its tickets and clocks are
read by id range, so a sparse choice (a view's few tickets among a million) reads a few
rows beyond its own, never the whole range between its first and last."""


def _pages(
    connection: Connection, ticket_ids: Sequence[int] | None = None
) -> Iterator[Sequence[Any]]:
    if ticket_ids is None:
        sql = driver_sql(connection, _TICKETS_SQL)
        last_id = 0
        while rows := _driver_rows(connection, sql, (last_id, PAGE)):
            yield rows
            last_id = rows[-1][0]
        return
    sql = driver_sql(connection, _TICKET_RANGE_SQL)
    for run in id_runs(sorted(set(ticket_ids)), PAGE, SPREAD * PAGE):
        wanted = set(run)
        rows = [row for row in _driver_rows(connection, sql, (run[0], run[-1])) if row[0] in wanted]
        if rows:
            yield rows


def id_runs(ids: Sequence[int], most: int, span: int) -> Iterator[list[int]]:
    """``ids`` (ascending) in runs of at most ``most`` ids, each within ``span`` of its
    first."""
    run: list[int] = []
    for ticket_id in ids:
        if run and (len(run) >= most or ticket_id - run[0] >= span):
            yield run
            run = []
        run.append(ticket_id)
    if run:
        yield run


_RUNNING_SQL = "stopped_at IS NULL AND due_at IS NOT NULL AND state <> 'paused'"
"""``domain.clock.readings.is_running_reading`` in SQL."""
_REMAINING_BOUND = 2**40 - 1
"""Remaining business seconds a cycle's order key holds exactly (34,000 years: more than
any two instants a calendar date holds are apart, so it never clips a real cycle)."""
_CYCLE_BOUND = 2**20 - 1
_WORST_KEY = (
    f"((CASE WHEN state = 'breached' THEN 0 ELSE 1 END) * {2 * (_REMAINING_BOUND + 1)}"
    f" + (CASE WHEN remaining > {_REMAINING_BOUND} THEN {_REMAINING_BOUND}"
    f" WHEN remaining < -{_REMAINING_BOUND} THEN -{_REMAINING_BOUND} ELSE remaining END)"
    f" + {_REMAINING_BOUND + 1}) * {_CYCLE_BOUND + 1}"
    f" + (CASE WHEN cycle_index > {_CYCLE_BOUND} THEN {_CYCLE_BOUND}"
    " WHEN cycle_index < 0 THEN 0 ELSE cycle_index END)"
)
"""``MetricResult.worst``'s order (breached first, then the least remaining time, then
the earliest cycle) as one integer below 2**62: least is worst."""
_METRIC_CODE = (
    "CASE metric "
    + " ".join(f"WHEN '{metric.value}' THEN {code}" for code, metric in enumerate(Metric))
    + " END"
)
_CLOCK_COLUMNS = (
    f"ticket_id * {len(Metric)} + {_METRIC_CODE}, ticket_id, state, elapsed, due_at, "
    "breached_at, target, policy_version_id, remaining, cycle_index"
)
"""A clock row as the export reads it; its first column is its slot (ticket and metric
as one number: ``_slot``)."""
_RANGE = "ticket_clocks WHERE ticket_id BETWEEN ? AND ?"


def _slot(ticket: int, metric: int) -> int:
    return ticket * len(Metric) + metric


def _worst_sql(connection: Connection) -> str:
    """Per ticket and metric of a range of tickets, its worst cycle by stored values
    among those whose values do not move with time (chosen in SQL, read in the unique
    index's order, no sort), then every cycle whose do (read at the export's instant in
    Python): one plain row each instead of one per cycle."""
    least = least_per_group_sql(
        connection,
        f"{_CLOCK_COLUMNS}, 0",
        f"{_RANGE} AND NOT ({_RUNNING_SQL})",
        "ticket_id, metric",
        _WORST_KEY,
    )
    running = f"SELECT {_CLOCK_COLUMNS}, 1, 0 FROM {_RANGE} AND {_RUNNING_SQL}"
    return driver_sql(connection, f"SELECT * FROM ({least}) AS least UNION ALL {running}")


def _driver_rows(connection: Connection, sql: str, parameters: tuple[int, ...]) -> list[Any]:
    """The rows of ``sql`` as the driver's plain tuples (no result object per row)."""
    cursor = connection.connection.cursor()
    try:
        cursor.execute(sql, parameters)
        return list(cursor.fetchall())
    finally:
        cursor.close()


def _running_calendars(connection: Connection, tickets: set[int]) -> dict[int, int]:
    """The calendar each of ``tickets`` counts its running clocks in: the customer's
    agreement calendar when it overrides the judging policy, else the policy version's
    (a running cycle is always judged by the ticket's current version)."""
    if not tickets:
        return {}
    rows = connection.execute(
        select(Ticket.id, ticket_calendar_id())
        .select_from(Ticket)
        .join(PolicyVersion, PolicyVersion.id == Ticket.policy_version_id)
        .where(Ticket.id.in_(sorted(tickets)))
    )
    return {int(ticket): int(calendar) for ticket, calendar in rows if calendar is not None}


_Clock = tuple[Any, ...]
"""A metric's worst cycle as the clock query gives it: slot, ticket, state, elapsed,
due_at, breached_at, target, policy version id, remaining, cycle index, running, key."""
_NO_CLOCK: _Clock = (None, None, "", "", None, None, "", None, 0, 0, 0, 0)


def _worst_clocks(
    connection: Connection,
    ids: list[int],
    calendars: dict[int, BusinessCalendar],
    now: int,
) -> dict[int, _Clock]:
    """By slot (ticket and metric), the worst cycle as ``MetricResult.worst`` chooses
    it: breached first, then the least remaining time (a running cycle's as of
    ``now``), then the earliest cycle."""
    rows = _driver_rows(connection, _worst_sql(connection), (ids[0], ids[-1]) * 2)
    worst = {row[0]: row for row in rows if not row[10]}
    running = [row for row in rows if row[10]]
    calendar_of = _running_calendars(connection, {row[1] for row in running})
    for slot, ticket, state, _, due, breached, target, version, _, cycle, *_ in running:
        remaining = remaining_at(calendars.get(calendar_of.get(ticket, -1)), due, now)
        chosen = worst.get(slot)
        if chosen is None or (state != "breached", remaining, cycle) < (
            chosen[2] != "breached",
            chosen[8],
            chosen[9],
        ):
            elapsed = target - remaining
            worst[slot] = (slot, ticket, state, elapsed, due, breached, int(target), version,
                           remaining, cycle, 1, 0)  # fmt: skip
    return worst


_FIRST_INSTANT = -30_610_224_000  # 1000-01-01T00:00:00Z (strftime pads no earlier year)
_LAST_INSTANT = 253_402_300_799  # 9999-12-31T23:59:59Z


def iso_instants(values: Sequence[int | None]) -> list[str]:
    """``iso_instant`` of many values at once (numpy formats them)."""
    array = np.array([_LAST_INSTANT + 1 if v is None else v for v in values], dtype=np.int64)
    usual = (array >= _FIRST_INSTANT) & (array <= _LAST_INSTANT)
    out = np.full(array.size, "", dtype=object)
    out[usual] = np.char.add(
        np.datetime_as_string(array[usual].astype("datetime64[s]"), unit="s"), "Z"
    )
    for index in np.flatnonzero(~usual).tolist():
        out[index] = iso_instant(values[index])
    return list(out.tolist())


_RISKY_STARTS = frozenset((*FORMULA_SIGNS, *SKIPPED_BEFORE_FORMULA, *LINE_STARTS, "\t"))
"""A text cell starting with none of these is its own ``guard_cell``."""


def _cell(value: Any) -> str | int:
    return value if isinstance(value, int) else guard_cell(value or "")


def _cells(values: Sequence[Any]) -> list[str | int]:
    """Each value as a cell: numbers as they are, text through ``guard_cell`` (called
    only for the few cells that start with a character it may change)."""
    return [v if type(v) is str and v[:1] not in _RISKY_STARTS else _cell(v) for v in values]


def _page_rows(
    page: Sequence[Any], clocks: dict[int, _Clock], policies: dict[int, str]
) -> Iterator[tuple[str | int, ...]]:
    """The CSV rows of a page of tickets, built column by column."""
    columns: list[Sequence[Any]] = []
    for name, values in zip(TICKET_COLUMNS, zip(*page, strict=True), strict=True):
        columns.append(iso_instants(values) if name in _INSTANT_COLUMNS else _cells(values))
    names = {version: guard_cell(name) for version, name in policies.items()}
    slots = [_slot(ticket, 0) for ticket in columns[0]]
    for code in range(len(Metric)):
        picked = [clocks.get(slot + code, _NO_CLOCK) for slot in slots]
        _, _, states, elapsed, dues, breaches, targets, versions, *_ = zip(*picked, strict=True)
        columns += [states, elapsed, iso_instants(dues), iso_instants(breaches), targets]
        columns.append([names.get(version, "") for version in versions])
    return zip(*columns, strict=True)


def tickets_to_export(connection: Connection) -> int:
    """How many rows ``export_tickets`` writes (every ticket), for a progress bar."""
    return int(connection.execute(select(func.count()).select_from(Ticket)).scalar_one())


def export_tickets(
    connection: Connection,
    path: str | Path,
    progress: Callable[[int], None] | None = None,
    now: int | None = None,
    ticket_ids: Sequence[int] | None = None,
) -> int:
    """Write every ticket (or those of ``ticket_ids``) with its clocks to ``path``, in id
    order (running clocks as of ``now``, default this moment); returns the number of
    tickets written. The file is written whole or not at all (``saved_files.saving``)."""
    at = int(time.time()) if now is None else now
    calendars = _calendars_by_id(connection)
    policies = _policy_version_names(connection)
    target = Path(path)
    try:
        with (
            saving(target) as temporary,
            temporary.open("w", encoding="utf-8-sig", newline="") as handle,
        ):
            count = _write_rows(handle, connection, calendars, policies, at, progress, ticket_ids)
    except OSError as error:
        raise _cannot_write(target, error) from None
    return count


def _cannot_write(target: Path, error: OSError) -> ValidationError:
    reason = error.strerror or error
    if writes_through(target):  # what it took cannot be taken back
        return ValidationError(
            tr("Cannot write {path} ({reason}).").format(path=target, reason=reason)
        )
    return ValidationError(
        tr("Cannot write {path} ({reason}); choose another place. Nothing was written.").format(
            path=target, reason=reason
        )
    )


def _write_rows(
    handle: TextIO,
    connection: Connection,
    calendars: dict[int, BusinessCalendar],
    policies: dict[int, str],
    at: int,
    progress: Callable[[int], None] | None,
    ticket_ids: Sequence[int] | None,
) -> int:
    count = 0
    writer = csv.writer(handle)
    writer.writerow(HEADER)
    for page in _pages(connection, ticket_ids):
        clocks = _worst_clocks(connection, [row[0] for row in page], calendars, at)
        writer.writerows(_page_rows(page, clocks, policies))
        count += len(page)
        if progress is not None:
            progress(count)
    return count
