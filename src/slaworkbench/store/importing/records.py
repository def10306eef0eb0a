"""The plain records importers produce and ``bulk`` writes: tickets, rejections, previews."""

from __future__ import annotations

from dataclasses import dataclass, field

from slaworkbench.domain.model import Event, EventType, Instant, Priority, Status
from slaworkbench.i18n import tr
from slaworkbench.store.errors import ValidationError

EventRow = tuple[Instant, str, str | None, str | None, str | None, str | None, str | None]
"""One event as stored: at, type, author, status, priority, field, value (plain text).

Importers keep events in this form because a million tickets' worth of them must be
cheap; ``TicketRecord.events`` turns them into domain ``Event`` objects on demand.
"""


def event_row(event: Event) -> EventRow:
    return (
        event.at,
        event.type.value,
        event.author,
        None if event.status is None else event.status.value,
        None if event.priority is None else event.priority.value,
        event.field,
        event.value,
    )


def event_from_row(row: EventRow) -> Event:
    at, type_, author, status, priority, field_name, value = row
    return Event(
        at,
        EventType(type_),
        author,
        status=None if status is None else Status(status),
        priority=None if priority is None else Priority(priority),
        field=field_name,
        value=value,
    )


class ImportFileError(ValidationError):
    """The whole file cannot be imported; the text is one sentence for the user."""


@dataclass(frozen=True, slots=True)
class Rejection:
    """One input row that was not imported, and why (``line`` counts the header as 1)."""

    line: int
    column: str | None
    reason: str

    def describe(self) -> str:
        where = f"line {self.line}"
        if self.column:
            where += f", column '{self.column}'"
        return f"{where}: {self.reason}"


def wrong_width(line: int, row: list[str], width: int) -> Rejection | None:
    """The rejection of a row whose cell count differs from the header's, else None."""
    if len(row) == width:
        return None
    return Rejection(
        line,
        None,
        tr("the row has {found} cells but the header has {expected}").format(
            found=len(row), expected=width
        ),
    )


@dataclass(frozen=True, slots=True)
class TicketRecord:
    """One ticket as it will be stored: current attributes and its ordered event log."""

    external_id: str
    subject: str
    priority: Priority
    status: Status
    created_at: Instant
    updated_at: Instant
    solved_at: Instant | None
    event_rows: tuple[EventRow, ...]
    requester: str | None = None
    customer: str | None = None
    customer_tier: str | None = None
    team: str | None = None
    assignee: str | None = None
    category: str | None = None
    channel: str | None = None
    tags: frozenset[str] = frozenset()

    @property
    def events(self) -> tuple[Event, ...]:
        """The ordered event log as domain events."""
        return tuple(event_from_row(row) for row in self.event_rows)


@dataclass(frozen=True, slots=True)
class ParsedFile:
    """What an importer read from one file, before anything is written."""

    tickets: tuple[TicketRecord, ...]
    rejections: tuple[Rejection, ...]
    rows: int
    """Data rows read (header excluded)."""

    @property
    def event_count(self) -> int:
        return sum(len(ticket.event_rows) for ticket in self.tickets)


@dataclass(frozen=True, slots=True)
class ImportSummary:
    """The outcome of an import (or of a dry run, when ``dry_run`` is true)."""

    dry_run: bool
    rows: int
    tickets_imported: int
    events_imported: int
    tickets_skipped: int
    """Tickets whose external id was already in the workspace (left untouched)."""
    rejections: tuple[Rejection, ...]
    preview: tuple[TicketRecord, ...] = field(default=())
    """On a dry run: the first tickets exactly as they would be stored."""
