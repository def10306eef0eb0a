"""The event-log importer: one CSV row per status change → tickets with ordered events.

How rows become events (docs/IMPORTING.md):
- cells equal to one of the preset's ``missing_values`` are read as empty;
- rows whose status the preset maps to ``ignore`` give nothing and are counted;
- rows are grouped by case id and ordered by time, then by the ``order`` column when the
  preset names one, then by file order;
- the first accepted row of a case is ``created`` with its mapped status and priority, at
  the case's ``created_at`` value when the preset names that column (first non-empty),
  then ``assigned`` to its assignee when it names one;
- every later row gives one event, the first that applies of: ``status_changed``
  (the mapped status differs), ``agent_reply`` (the preset's reply rule matches),
  ``assigned`` (the assignee differs), a move to another team (below), else
  ``field_changed`` with the source status;
  with the reply rule's ``with_status_change`` a status change that matches the rule
  gives an ``agent_reply`` as well;
- a row whose priority differs also gives a ``priority_changed`` event, so a ticket's
  priority is always the one its events say; a row that changes the status or replies
  and names another assignee also gives an ``assigned`` event, before its own, so a
  ticket's assignee (who holds its clocks) is always the one its events say;
- where the mapping names a ``team`` column and a case's rows name more than one team
  (empty cells name none), the team changes are moves: a ``field_changed`` event on the
  field ``team`` right after ``created`` with the first row's team, and one at each row
  whose team differs from the one before, so each team's OLA cycle is its own
  (docs/SLA_SEMANTICS.md, "Team agreements"). A row's move comes before its status
  change, except one that solves or closes the ticket: that row's move comes after it,
  so a team that only closed the ticket gets no empty cycle. A case that stays with one
  team gives no move (it has been with that team since it was created).
Rejected rows are reported with line, column and reason; they give no event. By default a
case with a rejected row is left out whole (its clocks would be wrong with a hole in its
history); ``on_row_error: skip_row`` leaves out the row only.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from itertools import islice
from operator import is_not, itemgetter, lt
from pathlib import Path
from typing import Protocol

from slaworkbench.domain.instants import MAX_INSTANT, MIN_INSTANT
from slaworkbench.domain.model import (
    DONE_STATUSES,
    TEAM_FIELD,
    EventType,
    Instant,
    Priority,
    Status,
)
from slaworkbench.i18n import tr
from slaworkbench.store.collector import collection_paused
from slaworkbench.store.importing.csv_source import CsvTable
from slaworkbench.store.importing.presets import IGNORE, EventLogPreset, normalise, out_of_range
from slaworkbench.store.importing.records import (
    EventRow,
    ImportFileError,
    LeftOutTicket,
    ParsedFile,
    Rejection,
    RejectionLog,
    TicketRecord,
    wrong_width,
)

SOURCE_STATUS_FIELD = "source_status"
NO_TAGS: frozenset[str] = frozenset()
_PRIORITIES = {priority.value: priority for priority in Priority}
_STATUSES = {status.value: status for status in Status}
DONE = frozenset(status.value for status in DONE_STATUSES)
CREATED = EventType.CREATED.value
STATUS_CHANGED = EventType.STATUS_CHANGED.value
AGENT_REPLY = EventType.AGENT_REPLY.value
ASSIGNED = EventType.ASSIGNED.value
FIELD_CHANGED = EventType.FIELD_CHANGED.value
PRIORITY_CHANGED = EventType.PRIORITY_CHANGED.value
"""``field_changed`` events that only record the source system's status label."""

# A source status as the rows refer to it: raw label, mapped status, and whether it is
# a "from" / "to" value of the preset's agent-reply rule (judged once per label).
_StatusInfo = tuple[str, str, bool, bool]
# How rows with the same instant are ordered before file order (the ``order`` column):
# numbers by value, then texts, then empty cells.
_OrderKey = tuple[int, float, str]
_NO_ORDER: _OrderKey = (0, 0.0, "")
# An accepted row, kept as a tuple (a million of them must stay cheap): at, order key,
# line, status info, priority, author, assignee, attribute cells (raw, unstripped),
# the created_at instant of the row (or None)
_Row = tuple[
    Instant,
    _OrderKey,
    int,
    _StatusInfo,
    str,
    str | None,
    str | None,
    tuple[str, ...],
    Instant | None,
]
_AT = itemgetter(0)
_CELLS = itemgetter(7)
_CREATED_AT = itemgetter(8)
_IS_SET = partial(is_not, None)
_ROW_ORDER = itemgetter(0, 1, 2)
_ATTRIBUTES = ("customer", "customer_tier", "team", "category", "channel", "requester", "subject")


def _cells_getter(positions: Sequence[int]) -> Callable[[list[str]], tuple[str, ...]]:
    """A function giving these cells of a row as a tuple (``itemgetter`` speed)."""
    if len(positions) >= 2:
        return itemgetter(*positions)
    if len(positions) == 1:
        only = positions[0]
        return lambda row: (row[only],)
    return lambda row: ()


def _order_key(text: str) -> _OrderKey:
    value = text.strip()
    if not value:
        return (2, 0.0, "")
    try:
        return (0, float(value), "")
    except ValueError:
        return (1, 0.0, value)


def _status_info(preset: EventLogPreset, raw: str) -> _StatusInfo | None:
    status = preset.status_of(raw) if raw else None
    if status is None:
        return None
    rule = preset.agent_reply
    key = normalise(raw)
    return (
        raw,
        status,
        rule is not None and key in rule.from_values,
        rule is not None and key in rule.to_values,
    )


class TicketSink(Protocol):
    """Where ``parse_event_log`` hands tickets before the end of the file (see there)."""

    def send(self, tickets: Sequence[TicketRecord], rows: int) -> None:
        """Final tickets, in the order of the file's tickets, once ``rows`` rows are read."""

    def restart(self) -> None:
        """The tickets sent so far are not final: a case's rows were not together. The
        parse goes on; the ``ParsedFile`` it returns then holds every ticket."""


SENT_TOGETHER = 2_000
"""Tickets per ``TicketSink.send`` (the first groups are smaller: ``FIRST_SENT``,
doubling, so that a writer waiting for them can begin early)."""
FIRST_SENT = 125


class _CaseRuns:
    """Which cases are complete while the file is read, on the bet that each case's rows
    are together (as in logs sorted by case): a case is complete when a row of another
    case follows its last. The bet is lost when a row of a completed case comes later
    (or, with the default ``reject_ticket``, a rejected row of one): then everything
    comes at the end, as without a sink."""

    def __init__(
        self, sink: TicketSink, build: Callable[[str], TicketRecord], held: dict[str, list[int]]
    ) -> None:
        self._sink = sink
        self._build = build
        self._held = held
        """Cases with rejected rows (left out whole unless ``skip_row``): never sent."""
        self._closed: set[str] = set()
        self._pending: list[str] = []
        self._group = FIRST_SENT
        self.sent: set[str] = set()
        self.lost = False
        self.last: str | None = None

    def switch(self, case_id: str, rows: int) -> None:
        """A row of ``case_id`` (the ``rows``-th) follows one of ``self.last``."""
        if self.lost:
            return
        if case_id in self._closed:
            self._lose()
            return
        last, self.last = self.last, case_id
        if last is None or last in self._held:
            return
        self._closed.add(last)
        self._pending.append(last)
        if len(self._pending) >= self._group:
            self._sink.send([self._build(pending) for pending in self._pending], rows)
            self.sent.update(self._pending)
            self._pending = []
            self._group = min(SENT_TOGETHER, 2 * self._group)

    def rejected(self, case_id: str) -> None:
        """A rejected row of ``case_id`` that leaves the whole case out."""
        if not self.lost and case_id in self._closed:
            self._lose()

    def _lose(self) -> None:
        if self.sent:
            self._sink.restart()
        self.lost = True

    def unsent(self, case_id: str) -> bool:
        return self.lost or case_id not in self.sent


def parse_event_log(
    path: str | Path, preset: EventLogPreset, sink: TicketSink | None = None
) -> ParsedFile:
    """Read and map the whole file; nothing is written. Raises ``ImportFileError``.

    With a ``sink``, tickets known to be final before the end of the file go there (in
    groups of ``SENT_TOGETHER``, in order) and the ``ParsedFile`` holds the others; so a
    writer can store them while the rest is read. Same tickets, same order, same
    rejections as without it.
    """
    with collection_paused():
        return _parse_event_log(path, preset, sink)


def _parse_event_log(
    path: str | Path, preset: EventLogPreset, sink: TicketSink | None
) -> ParsedFile:
    with CsvTable(path, preset.delimiter) as table:
        table.require(preset.required_columns(), preset.name)
        warnings = table.duplicate_warnings(preset.required_columns())
        at = table.index
        case_col, stamp_col = at[preset.case_id], at[preset.timestamp]
        status_cols = [at[name] for name in preset.status]
        status_cells = _cells_getter(status_cols)
        role = {name: at[column] for name, column in preset.columns.items()}
        priority_col = role.get("priority")
        author_col = role.get("author")
        assignee_col = role.get("assignee")
        tags_col = role.get("tags")
        created_col = role.get("created_at")
        order_col = role.get("order")
        attribute_names = tuple(name for name in _ATTRIBUTES if name in role)
        attribute_cells = _cells_getter([role[name] for name in attribute_names])
        width = len(table.header)
        separator = preset.status_separator
        parse_time = preset.timestamps.parse
        default_priority = preset.default_priority.value
        missing = preset.missing_values
        status_cache: dict[tuple[str, ...], _StatusInfo | None] = {}
        names: dict[str, str] = {}
        priority_cache: dict[str, str | None] = {}

        cases: dict[str, list[_Row]] = {}
        tags: dict[str, set[str]] = {}
        rejections = RejectionLog()
        bad_rows: dict[str, list[int]] = {}
        """Per known case with rejected rows: how many, and the first one's line (the whole
        case is left out unless skip_row)."""
        rows = ignored = 0
        requires_author = _requires_author(preset)

        def build(case_id: str) -> TicketRecord:
            return _ticket(
                case_id,
                cases[case_id],
                preset,
                attribute_names,
                frozenset(tags[case_id]) if case_id in tags else NO_TAGS,
                requires_author,
            )

        runs = (
            None
            if sink is None
            else _CaseRuns(sink, build, {} if preset.skip_bad_rows else bad_rows)
        )
        rejected = None if runs is None or preset.skip_bad_rows else runs.rejected
        current_id: str | None = None
        """The case of the last accepted row, and its rows in ``cases`` (``current``): a
        row of the same case needs no look-up; ``runs.last`` is that case already."""
        current: list[_Row] = []
        for line, row in table.rows():
            rows += 1
            if missing:
                row = ["" if normalise(cell) in missing else cell for cell in row]
            if len(row) != width:
                misfit = wrong_width(line, row, width)
                assert misfit is not None
                case_id = row[case_col].strip() if case_col < len(row) else ""
                _reject(misfit, case_id, rejections, bad_rows, rejected)
                continue
            case_id = row[case_col].strip()  # the header has the column: so has the row
            if not case_id:
                rejections.add(Rejection(line, preset.case_id, tr("the case id is missing")))
                continue
            stamp = row[stamp_col]
            instant = parse_time(stamp)
            if instant is None:
                reason = (
                    tr("the date and time is missing")
                    if not stamp.strip()
                    else tr("'{value}' is not a date and time in the format {formats}").format(
                        value=stamp.strip(), formats=preset.timestamps.describe()
                    )
                )
                _reject(
                    Rejection(line, preset.timestamp, reason),
                    case_id,
                    rejections,
                    bad_rows,
                    rejected,
                )
                continue
            beyond = None if MIN_INSTANT <= instant <= MAX_INSTANT else out_of_range(instant, stamp)
            if beyond is not None:
                _reject(
                    Rejection(line, preset.timestamp, beyond),
                    case_id,
                    rejections,
                    bad_rows,
                    rejected,
                )
                continue
            status_key = status_cells(row)
            try:
                info = status_cache[status_key]
            except KeyError:
                raw = separator.join(part for cell in status_key if (part := cell.strip()))
                info = status_cache[status_key] = _status_info(preset, raw)
            if info is None:
                raw = separator.join(part for cell in status_key if (part := cell.strip()))
                reason = (
                    tr("the status is missing")
                    if not raw
                    else tr("no status mapping of the preset covers '{value}'").format(value=raw)
                )
                _reject(
                    Rejection(line, " + ".join(preset.status), reason),
                    case_id,
                    rejections,
                    bad_rows,
                    rejected,
                )
                continue
            if info[1] == IGNORE:
                ignored += 1
                continue
            priority = default_priority
            if priority_col is not None:
                raw_priority = row[priority_col]
                try:
                    found = priority_cache[raw_priority]
                except KeyError:
                    mapped = preset.priority_of(raw_priority)
                    found = priority_cache[raw_priority] = None if mapped is None else mapped.value
                if found is None:
                    reason = tr("no priority mapping of the preset covers '{value}'").format(
                        value=raw_priority.strip()
                    )
                    _reject(
                        Rejection(line, preset.columns["priority"], reason),
                        case_id,
                        rejections,
                        bad_rows,
                        rejected,
                    )
                    continue
                priority = found
            created: Instant | None = None
            if created_col is not None and row[created_col].strip():
                created = parse_time(row[created_col])
                problem = (
                    tr("'{value}' is not a date and time in the format {formats}").format(
                        value=row[created_col].strip(), formats=preset.timestamps.describe()
                    )
                    if created is None
                    else out_of_range(created, row[created_col])
                )
                if problem is not None:
                    _reject(
                        Rejection(line, preset.columns["created_at"], problem),
                        case_id,
                        rejections,
                        bad_rows,
                        rejected,
                    )
                    continue
            if tags_col is not None and row[tags_col].strip():
                tags.setdefault(case_id, set()).update(row[tags_col].replace(",", " ").split())
            author: str | None = None
            if author_col is not None:
                # One object per distinct name: its rows pickle (to a writing process)
                # as references to it.
                cell = row[author_col].strip()
                author = names.setdefault(cell, cell) or None
            assignee: str | None = None
            if assignee_col == author_col:
                assignee = author
            elif assignee_col is not None:
                cell = row[assignee_col].strip()
                assignee = names.setdefault(cell, cell) or None
            order = _NO_ORDER if order_col is None else _order_key(row[order_col])
            record = (
                instant, order, line, info, priority, author, assignee, attribute_cells(row),
                created,
            )  # fmt: skip
            if case_id == current_id:  # the row before was of the same case (as mostly)
                current.append(record)
                continue
            try:
                current = cases[case_id]
                current.append(record)
            except KeyError:
                current = cases[case_id] = [record]
            current_id = case_id
            if runs is not None and case_id != runs.last:
                runs.switch(case_id, rows)
    if rows == 0:
        raise ImportFileError(tr("The file has a header but no rows; there is nothing to import."))
    left_out: list[LeftOutTicket] = []
    for case_id, (bad, first_line) in bad_rows.items():
        if not preset.skip_bad_rows:
            kept = cases.pop(case_id, [])
            left_out.append(LeftOutTicket(case_id, bad, len(kept), first_line))
    tickets = tuple(build(case_id) for case_id in cases if runs is None or runs.unsent(case_id))
    return ParsedFile(
        tickets=tickets,
        rejections=rejections.result(),
        rows=rows,
        ignored_rows=ignored,
        warnings=warnings,
        left_out=tuple(sorted(left_out, key=lambda ticket: ticket.first_line)),
    )


def _reject(
    rejection: Rejection,
    case_id: str,
    rejections: RejectionLog,
    bad_rows: dict[str, list[int]],
    watch: Callable[[str], None] | None,
) -> None:
    """A rejected row, counted against its case when the case is known (and told to
    ``watch``)."""
    rejections.add(rejection)
    if case_id:
        counted = bad_rows.setdefault(case_id, [0, rejection.line])
        counted[0] += 1
        if watch is not None:
            watch(case_id)


def _attributes(rows: Sequence[_Row], names: tuple[str, ...]) -> dict[str, str]:
    """Each attribute's last non-empty value."""
    found: dict[str, str] = {}
    for position, name in enumerate(names):
        for row in reversed(rows):
            value = row[7][position].strip()
            if value:
                found[name] = value
                break
    return found


def _ordered(rows: list[_Row]) -> Sequence[_Row]:
    """The case's rows by instant, then order key, then line; most cases come in order
    with strictly increasing instants, which one C-level comparison confirms."""
    if len(rows) < 2:
        return rows
    instants = list(map(_AT, rows))
    if all(map(lt, instants, islice(instants, 1, None))):
        return rows
    return sorted(rows, key=_ROW_ORDER)


def _ticket(
    case_id: str,
    rows: list[_Row],
    preset: EventLogPreset,
    attribute_names: tuple[str, ...],
    tags: frozenset[str],
    requires_author: bool,
) -> TicketRecord:
    ordered = _ordered(rows)
    first_at, _, _, info, priority, author, assignee, _cells, _created = ordered[0]
    opened = next(filter(_IS_SET, map(_CREATED_AT, ordered)), None)
    created_at = first_at if opened is None else min(opened, first_at)
    status = info[1]
    events: list[EventRow] = [(created_at, CREATED, author, status, priority, None, None)]
    solved_at: Instant | None = first_at if status in DONE else None
    both = preset.agent_reply is not None and preset.agent_reply.with_status_change
    teams = _team_of_rows(ordered, attribute_names)
    team = teams[0] if teams is not None else None
    if team is not None:
        events.append((created_at, FIELD_CHANGED, author, None, None, TEAM_FIELD, team))
    if assignee is not None:
        events.append((created_at, ASSIGNED, author, None, None, None, assignee))
    for number, row in enumerate(islice(ordered, 1, None), start=1):
        # Nine names, not ``*_``: a starred target builds a list per row.
        at, _order, _line, row_info, row_priority, row_author, row_assignee, _cells, _c = row
        row_status = row_info[1]
        reply = info[2] and row_info[3] and (row_author or not requires_author)
        row_team = teams[number] if teams is not None else team
        moved = row_team != team
        move_after = moved and row_status in DONE and status not in DONE
        if moved and not move_after:
            events.append((at, FIELD_CHANGED, row_author, None, None, TEAM_FIELD, row_team))
        handed = row_assignee is not None and row_assignee != assignee
        if handed and (row_status != status or reply):
            # With the row's own event: the ticket's assignee is what its events say.
            events.append((at, ASSIGNED, row_author, None, None, None, row_assignee))
        if row_status != status:
            if reply and both:
                events.append((at, AGENT_REPLY, row_author, None, None, None, None))
            events.append((at, STATUS_CHANGED, row_author, row_status, None, None, None))
            if row_status in DONE and status not in DONE:
                solved_at = at
            elif row_status not in DONE:
                solved_at = None
            status = row_status
        elif reply:
            events.append((at, AGENT_REPLY, row_author, None, None, None, None))
        elif handed:
            events.append((at, ASSIGNED, row_author, None, None, None, row_assignee))
        elif not moved:  # a row that only moves the ticket gives the move alone
            events.append(
                (at, FIELD_CHANGED, row_author, None, None, SOURCE_STATUS_FIELD, row_info[0])
            )
        if move_after:
            events.append((at, FIELD_CHANGED, row_author, None, None, TEAM_FIELD, row_team))
        if moved:
            team = row_team
        if row_priority != priority:
            events.append((at, PRIORITY_CHANGED, row_author, None, row_priority, None, None))
            priority = row_priority
        if row_assignee is not None:
            assignee = row_assignee
        info = row_info
    attributes = _attributes(ordered, attribute_names)
    subject = attributes.get("subject") or preset.subject_template.replace("{case_id}", case_id)
    return TicketRecord(
        external_id=case_id,
        subject=subject,
        priority=_PRIORITIES[priority],
        status=_STATUSES[status],
        created_at=created_at,
        updated_at=events[-1][0],
        solved_at=solved_at,
        event_rows=tuple(events),
        requester=attributes.get("requester"),
        customer=attributes.get("customer"),
        customer_tier=attributes.get("customer_tier"),
        team=attributes.get("team"),
        assignee=assignee,
        category=attributes.get("category"),
        channel=attributes.get("channel") or preset.default_channel,
        tags=tags,
    )


def _team_of_rows(rows: Sequence[_Row], names: tuple[str, ...]) -> list[str] | None:
    """The team each row leaves the ticket with (an empty cell keeps the one before; rows
    before the first named team take it), or ``None`` when the case never moves."""
    if "team" not in names:
        return None
    position = names.index("team")
    if len(set(map(itemgetter(position), map(_CELLS, rows)))) == 1:
        return None  # one cell text throughout: no move
    cells = list(map(str.strip, map(itemgetter(position), map(_CELLS, rows))))
    named = list(filter(None, cells))
    if len(set(named)) < 2:
        return None
    team = named[0]
    teams = []
    for cell in cells:
        team = cell or team
        teams.append(team)
    return teams


def _requires_author(preset: EventLogPreset) -> bool:
    return preset.agent_reply is None or preset.agent_reply.requires_author
