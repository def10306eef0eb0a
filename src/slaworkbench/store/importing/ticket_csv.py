"""The ticket-table importer: one CSV row per ticket → a ticket with synthesised events.

Columns (header names are matched case-insensitively; ``id`` and ``created`` are
required): id, subject, priority, status, requester, customer, customer_tier, team,
assignee, category, channel, tags, created, first_response, resolved, closed.
Events: ``created``; ``agent_reply`` at first_response; ``status_changed`` to solved at
resolved and to closed at closed, in time order. Instants are ISO 8601 (with or
without offset), ``Y-m-d H:M[:S]``, ``d/m/Y H:M`` or ``Y/m/d H:M:S.f``; values without
an offset are UTC.
"""

from __future__ import annotations

from pathlib import Path

from slaworkbench.domain.model import Instant, Priority, Status
from slaworkbench.i18n import tr
from slaworkbench.store.importing.csv_source import CsvTable
from slaworkbench.store.importing.presets import (
    ISO8601,
    TimestampParser,
    normalise,
    out_of_range,
)
from slaworkbench.store.importing.records import (
    EventRow,
    ImportFileError,
    ParsedFile,
    Rejection,
    RejectionLog,
    TicketRecord,
    wrong_width,
)

TIMESTAMP_FORMATS = (
    ISO8601,
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%Y/%m/%d %H:%M:%S.%f",
    "%Y/%m/%d %H:%M:%S",
)
REQUIRED = ("id", "created")
TEXT_COLUMNS = (
    "subject",
    "requester",
    "customer",
    "customer_tier",
    "team",
    "assignee",
    "category",
    "channel",
)
INSTANT_COLUMNS = ("created", "first_response", "resolved", "closed")
KNOWN = (*REQUIRED, "priority", "status", "tags", *TEXT_COLUMNS, *INSTANT_COLUMNS)
_PRIORITIES = {p.value: p for p in Priority}
_STATUSES = {s.value: s for s in Status} | {"on hold": Status.ON_HOLD}


def parse_ticket_csv(path: str | Path, timezone: str = "UTC") -> ParsedFile:
    """Read and check the whole file; nothing is written. Raises ``ImportFileError``."""
    parser = TimestampParser(TIMESTAMP_FORMATS, timezone)
    with CsvTable(path) as table:
        by_role = {normalise(name).replace(" ", "_"): name for name in table.header}
        for role in REQUIRED:
            if role not in by_role:
                raise ImportFileError(
                    tr(
                        "The file has no column '{column}', which a ticket CSV needs; "
                        "add it and import again."
                    ).format(column=role)
                )
        column = {role: by_role[role] for role in KNOWN if role in by_role}
        table.refuse_duplicates(list(column.values()))
        warnings = table.duplicate_warnings(list(column.values()))
        position = {role: table.index[name] for role, name in column.items()}
        width = len(table.header)
        seen: dict[str, int] = {}
        tickets: list[TicketRecord] = []
        rejections = RejectionLog()
        rows = 0
        for line, row in table.rows():
            rows += 1
            misfit = wrong_width(line, row, width)
            if misfit is not None:
                rejections.add(misfit)
                continue
            cells = {role: row[index].strip() for role, index in position.items()}
            result = _ticket(cells, column, parser, line, seen)
            if isinstance(result, Rejection):
                rejections.add(result)
            else:
                tickets.append(result)
                seen[result.external_id] = line
    if rows == 0:
        raise ImportFileError(tr("The file has a header but no rows; there is nothing to import."))
    return ParsedFile(
        tickets=tuple(tickets), rejections=rejections.result(), rows=rows, warnings=warnings
    )


def _ticket(
    cells: dict[str, str],
    column: dict[str, str],
    parser: TimestampParser,
    line: int,
    seen: dict[str, int],
) -> TicketRecord | Rejection:
    external_id = cells["id"]
    if not external_id:
        return Rejection(line, column["id"], tr("the ticket id is missing"))
    if external_id in seen:
        return Rejection(
            line,
            column["id"],
            tr("the ticket id '{id}' already appears on line {line}").format(
                id=external_id, line=seen[external_id]
            ),
        )
    instants: dict[str, Instant | None] = {}
    for role in INSTANT_COLUMNS:
        text = cells.get(role, "")
        if not text:
            if role == "created":
                return Rejection(line, column[role], tr("the created date and time is missing"))
            instants[role] = None
            continue
        instant = parser.parse(text)
        if instant is None:
            return Rejection(
                line,
                column[role],
                tr("'{value}' is not a date and time (use ISO 8601, e.g. {example})").format(
                    value=text, example="2026-03-02T09:15:00+01:00"
                ),
            )
        beyond = out_of_range(instant, text)
        if beyond is not None:
            return Rejection(line, column[role], beyond)
        instants[role] = instant
    created = instants["created"]
    assert created is not None
    for role in ("first_response", "resolved", "closed"):
        later = instants[role]
        if later is not None and later < created:
            return Rejection(
                line,
                column[role],
                tr("'{value}' is before the ticket was created").format(value=cells[role]),
            )
    resolved_at, closed_at = instants["resolved"], instants["closed"]
    if resolved_at is not None and closed_at is not None and closed_at < resolved_at:
        return Rejection(line, column["closed"], tr("the ticket is closed before it was resolved"))
    priority = _PRIORITIES.get(normalise(cells.get("priority", "")) or "normal")
    if priority is None:
        return Rejection(
            line,
            column["priority"],
            tr("'{value}' is not a priority (urgent, high, normal or low)").format(
                value=cells["priority"]
            ),
        )
    declared = normalise(cells.get("status", ""))
    status_hint = _STATUSES.get(declared) if declared else None
    if declared and status_hint is None:
        return Rejection(
            line,
            column["status"],
            tr("'{value}' is not a status (new, open, pending, on_hold, solved or closed)").format(
                value=cells["status"]
            ),
        )
    author = cells.get("assignee") or None
    first_response, resolved, closed = (
        instants["first_response"],
        instants["resolved"],
        instants["closed"],
    )
    created_row: EventRow = (created, "created", None, "new", priority.value, None, None)
    timeline: list[tuple[Instant, int, EventRow]] = [(created, 0, created_row)]
    if first_response is not None:
        reply: EventRow = (first_response, "agent_reply", author, None, None, None, None)
        timeline.append((first_response, 1, reply))
    status = Status.NEW
    if resolved is None and closed is None:
        # Not done: the declared status, else open once answered, else new.
        wanted = status_hint or (Status.OPEN if first_response is not None else Status.NEW)
        if wanted in (Status.SOLVED, Status.CLOSED):
            return Rejection(
                line,
                column["status"],
                tr("the status is '{value}' but the resolved and closed columns are empty").format(
                    value=cells["status"]
                ),
            )
        if wanted is not Status.NEW:
            at = first_response if first_response is not None else created
            timeline.append((at, 2, (at, "status_changed", author, wanted.value, None, None, None)))
        status = wanted
    if resolved is not None:
        timeline.append((resolved, 3, (resolved, "status_changed", author, "solved") + (None,) * 3))
        status = Status.SOLVED
    if closed is not None:
        timeline.append((closed, 4, (closed, "status_changed", author, "closed") + (None,) * 3))
        status = Status.CLOSED
    events = [event for _, _, event in sorted(timeline, key=lambda item: (item[0], item[1]))]
    if author is not None:
        # Who held it: the one assignee the file names, from creation (an export of one
        # row per ticket does not say when it was handed over), so who held each clock
        # reads as the ticket's assignee rather than nobody.
        events.insert(1, (created, "assigned", None, None, None, None, author))
    return TicketRecord(
        external_id=external_id,
        subject=cells.get("subject") or external_id,
        priority=priority,
        status=status,
        created_at=created,
        updated_at=events[-1][0],
        solved_at=resolved if resolved is not None else closed,
        event_rows=tuple(events),
        requester=cells.get("requester") or None,
        customer=cells.get("customer") or None,
        customer_tier=cells.get("customer_tier") or None,
        team=cells.get("team") or None,
        assignee=author,
        category=cells.get("category") or None,
        channel=cells.get("channel") or None,
        tags=frozenset(cells.get("tags", "").replace(",", " ").split()),
    )
