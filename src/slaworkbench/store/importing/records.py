"""The plain records importers produce and ``bulk`` writes: tickets, rejections, previews."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from slaworkbench import formatting
from slaworkbench.domain.model import Event, EventType, Instant, Priority, Status
from slaworkbench.i18n import tr
from slaworkbench.store.errors import ValidationError

EventRow = tuple[Instant, str, str | None, str | None, str | None, str | None, str | None]
"""One event as stored: at, type, author, status, priority, field, value (plain text).

Importers keep events in this form because a million tickets' worth of them must be
cheap; ``TicketRecord.events`` turns them into domain ``Event`` objects on demand.
"""


class _CodeOf(dict[str | None, int | None]):
    """Name -> stored code; -1 (refused by the column's CHECK) for any other text."""

    def __missing__(self, key: str | None) -> int:
        return -1


def _codes(names: Iterable[str], *, nullable: bool) -> _CodeOf:
    codes = _CodeOf()
    if nullable:
        codes[None] = None
    codes.update((name, code) for code, name in enumerate(names))
    return codes


TYPE_CODES = _codes((kind.value for kind in EventType), nullable=False)
STATUS_CODES = _codes((status.value for status in Status), nullable=True)
PRIORITY_CODES = _codes((priority.value for priority in Priority), nullable=True)
"""An event's type, status and priority as ``ticket_events`` stores them (migration
0026): the position in the domain's enum, which is the schema's list (``store.schema.
EVENT_TYPES`` etc.; ``store.importing.bulk`` checks they agree). NULL stays NULL."""


def coded_event_rows(
    ticket_id: int, rows: Iterable[EventRow], authors: Mapping[str | None, int | None]
) -> list[tuple[Any, ...]]:
    """A ticket's ``EventRow``s as stored rows (``bulk.EVENT_COLUMNS``): ticket id, seq
    1, 2, 3…, the type, status and priority as codes and the author as its id in
    ``authors`` (``store.event_authors.AuthorIds``, which gives a new name its id)."""
    types, statuses, priorities = TYPE_CODES, STATUS_CODES, PRIORITY_CODES
    return [
        (ticket_id, seq, at, types[kind], authors[author], statuses[status],
         priorities[priority], f, v)
        for seq, (at, kind, author, status, priority, f, v) in enumerate(rows, 1)
    ]  # fmt: skip


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
        where = tr("line {line}").format(line=self.line)
        if self.column:
            where += tr(", column '{column}'").format(column=self.column)
        return f"{where}: {self.reason}"


KEPT_PER_REASON = 50
"""Rejected rows kept (with their line) per distinct reason; the rest are only counted, so
a huge file of bad rows costs no more memory than a small one."""


class KeptRejections(tuple[Rejection, ...]):
    """The rejected rows kept, in file order, and how many there were of each reason
    (``counts``; a reason's count can exceed the rows kept of it)."""

    counts: dict[str, int]

    def __new__(
        cls, kept: tuple[Rejection, ...] | list[Rejection], counts: dict[str, int] | None = None
    ) -> KeptRejections:
        made = super().__new__(cls, sorted(kept, key=lambda rejection: rejection.line))
        if counts is None:
            counts = {}
            for rejection in made:
                counts[rejection.reason] = counts.get(rejection.reason, 0) + 1
        made.counts = dict(counts)
        return made

    @property
    def total(self) -> int:
        """Every rejected row, kept or only counted."""
        return sum(self.counts.values())


class RejectionLog:
    """Collects rejected rows: the first ``keep`` of each reason and a count of all."""

    def __init__(self, keep: int = KEPT_PER_REASON) -> None:
        self._keep = keep
        self._kept: list[Rejection] = []
        self._counts: dict[str, int] = {}

    def add(self, rejection: Rejection) -> None:
        seen = self._counts.get(rejection.reason, 0)
        self._counts[rejection.reason] = seen + 1
        if seen < self._keep:
            self._kept.append(rejection)

    def result(self) -> KeptRejections:
        return KeptRejections(self._kept, self._counts)


def rejected_count(rejections: tuple[Rejection, ...]) -> int:
    """How many rows were rejected, counted ones included."""
    return rejections.total if isinstance(rejections, KeptRejections) else len(rejections)


def grouped_rejections(
    rejections: tuple[Rejection, ...] | list[Rejection],
) -> list[tuple[str, int, list[Rejection]]]:
    """``(reason, count, rejections)`` per distinct reason, the most rows first (then the
    earliest line), each group's (kept) rejections in file order; the count includes the
    rows only counted (``KeptRejections``)."""
    groups: dict[str, list[Rejection]] = {}
    for rejection in sorted(rejections, key=lambda r: r.line):
        groups.setdefault(rejection.reason, []).append(rejection)
    counts = rejections.counts if isinstance(rejections, KeptRejections) else {}
    ordered = sorted(
        groups.items(), key=lambda item: (-counts.get(item[0], len(item[1])), item[1][0].line)
    )
    return [(reason, counts.get(reason, len(items)), items) for reason, items in ordered]


@dataclass(frozen=True, slots=True)
class LeftOutTicket:
    """A case left out whole because some of its rows were rejected."""

    case_id: str
    bad_rows: int
    other_rows: int
    """Its rows that were fine, left out with it."""
    first_line: int

    def describe(self) -> str:
        return tr(
            "{case}: {bad} rejected rows (first at line {line}); its other {other} rows "
            "were left out with it"
        ).format(
            case=self.case_id,
            bad=formatting.count(self.bad_rows),
            line=self.first_line,
            other=formatting.count(self.other_rows),
        )


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


_PRIORITIES = {priority.value: priority for priority in Priority}
_STATUSES = {status.value: status for status in Status}


def record_values(ticket: TicketRecord) -> tuple[Any, ...]:
    """A ticket as plain values, for another process (pickled by C code alone, unlike a
    dataclass); ``record_from_values`` makes it again."""
    return (
        ticket.external_id, ticket.subject, ticket.priority.value, ticket.status.value,
        ticket.created_at, ticket.updated_at, ticket.solved_at, ticket.event_rows,
        ticket.requester, ticket.customer, ticket.customer_tier, ticket.team,
        ticket.assignee, ticket.category, ticket.channel, ticket.tags,
    )  # fmt: skip


def record_from_values(values: tuple[Any, ...]) -> TicketRecord:
    return TicketRecord(
        values[0], values[1], _PRIORITIES[values[2]], _STATUSES[values[3]], *values[4:]
    )


@dataclass(frozen=True, slots=True)
class ParsedFile:
    """What an importer read from one file, before anything is written."""

    tickets: tuple[TicketRecord, ...]
    rejections: tuple[Rejection, ...]
    """The rejected rows kept (``KeptRejections`` from the importers: the first rows of
    each reason, with counts of all)."""
    rows: int
    """Data rows read (header excluded)."""
    ignored_rows: int = 0
    """Rows the preset says to ignore (a status mapped to ``ignore``): no event, no error."""
    warnings: tuple[str, ...] = ()
    """Sentences about the file that did not stop the import (e.g. an unread column named
    twice)."""
    left_out: tuple[LeftOutTicket, ...] = ()
    """Cases left out whole because of their rejected rows."""

    @property
    def rejected_rows(self) -> int:
        return rejected_count(self.rejections)

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
    ignored_rows: int = 0
    warnings: tuple[str, ...] = ()
    judged_by: tuple[str, ...] = ()
    """After the first import into a workspace: the active policies and calendars that
    judged the tickets, one line each (empty otherwise)."""
    left_out: tuple[LeftOutTicket, ...] = ()

    @property
    def rejected_rows(self) -> int:
        return rejected_count(self.rejections)
