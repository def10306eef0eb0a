"""The SQL behind ``analytics_facts``: a period's clocks and answers, and every ticket's
current attributes, as integer columns (one query each, no join between clocks and
tickets: numpy joins them, see ``analytics_facts``).

Portable SQL fetches plain integer rows (``CASE`` codes for metric, state, priority and
kind; ``COALESCE`` for missing ids). Where integers pack into text
(``store.dialect.bulk_traits``: SQLite, where making a Python object per value costs
more than the query itself), each column comes back as one ``group_concat`` string
parsed by numpy, and several small values are packed into one integer (mixed radix, the
radices read from indices in the same snapshot) so the text stays short. Whatever cannot
be packed (negative ids, an integer overflow) falls back to rows.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from sqlalchemy import Integer, and_, bindparam, case, func, literal, select, text, union_all
from sqlalchemy.orm import Session, aliased

from slaworkbench.store import dialect
from slaworkbench.store.dialect import bulk_traits
from slaworkbench.store.schema import (
    DURATION_CLOCKS,
    METRICS,
    PRIORITIES,
    SPAN_DAYS,
    Agent,
    ClockRollup,
    ClockRollupBySpan,
    ClockRollupByTeam,
    Customer,
    PolicyVersion,
    SurveyAnswer,
    Team,
    Ticket,
    TicketClock,
)

NULL_ID = -(2**62)
"""Stands for a missing id (no team, no customer, no agent, no policy version, no first
response) in the arrays; no row id and no resolved filter (``NO_MATCH`` = -1) equals it."""
ACHIEVED, BREACHED, OTHER = 0, 1, 2
"""``state`` codes."""
CSAT, NPS = 0, 1
"""``kind`` codes of survey answers."""

IntArray = np.ndarray[Any, np.dtype[np.int64]]
Columns = dict[str, IntArray]


def code_of(column: Any, values: Sequence[str], other: int = -1) -> Any:
    """``column``'s position in ``values`` in SQL (``other`` when it is none of them)."""
    return case(
        *((column == value, literal(i)) for i, value in enumerate(values)), else_=literal(other)
    )


def _state_code() -> Any:
    return case(
        (TicketClock.state == "achieved", literal(ACHIEVED)),
        (TicketClock.state == "breached", literal(BREACHED)),
        else_=literal(OTHER),
    )


def _plus_one(column: Any) -> Any:
    """``id + 1``, 0 for NULL (ids are not negative when this is used)."""
    return func.coalesce(column + 1, 0)


def _from_plus_one(values: IntArray) -> IntArray:
    return np.where(values == 0, NULL_ID, values - 1)


def uses_group_concat(session: Session) -> bool:
    """Whether to fetch columns as ``group_concat`` strings rather than rows."""
    return bulk_traits(session.get_bind()).packs_text


# --- plain rows (any database) ------------------------------------------------------------


def driver_rows(session: Session, query: Any, *, piece: int = 100_000) -> Iterator[Sequence[Any]]:
    """The query's rows, ``piece`` at a time, as the driver gives them (tuples, no
    SQLAlchemy row objects and no type processing: integers, texts, ``None``)."""
    connection = session.connection()
    compiled = query.compile(dialect=connection.dialect, compile_kwargs={"literal_binds": True})
    with dialect.streamed_cursor(connection) as cursor:
        cursor.execute(str(compiled))
        while rows := cursor.fetchmany(piece):
            yield rows


def integer_columns(
    session: Session,
    query: Any,
    names: Sequence[str],
    *,
    piece: int = 100_000,
    narrow: Mapping[str, type[np.integer[Any]]] | None = None,
) -> Columns:
    """The query's integer rows as one array per column, through the DBAPI cursor
    (``driver_rows``), ``piece`` rows at a time: the rows of millions of clocks are
    never all held as tuples at once, nor as one table of every column (each piece is
    split into its columns at once, and ``narrow`` gives a column a smaller integer type,
    a code as 8 bits). At the end each column is joined from its pieces one after the
    other, so the peak is the columns and one column's pieces again, not three copies of
    the whole table (1.5 GB for the 1M demo's 8.6 M stopped cycles of a year)."""
    width = len(names)
    types = [(narrow or {}).get(name, np.int64) for name in names]
    parts: list[list[IntArray]] = [[] for _ in names]
    for rows in driver_rows(session, query, piece=piece):
        flat = np.fromiter(
            itertools.chain.from_iterable(rows), dtype=np.int64, count=len(rows) * width
        ).reshape(-1, width)
        for i, kind in enumerate(types):
            parts[i].append(flat[:, i].astype(kind))
    columns: Columns = {}
    for i, name in enumerate(names):
        pieces, parts[i] = parts[i], []
        columns[name] = np.concatenate(pieces) if pieces else np.zeros(0, dtype=types[i])
        del pieces
    return columns


def _one_row(session: Session, query: Any) -> tuple[Any, ...]:
    connection = session.connection()
    compiled = query.compile(dialect=connection.dialect, compile_kwargs={"literal_binds": True})
    cursor = connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(str(compiled))
        row = cursor.fetchone()
    finally:
        cursor.close()
    return tuple(row or ())


# --- packing (text) -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Field:
    """A non-negative integer expression below ``radix``, packed with others; the first
    field of a packed integer may be any integer (nothing is above it)."""

    name: str
    expression: Any
    radix: int


_PACK_LIMIT = 1 << 62


def _packed(group: Sequence[_Field]) -> Any:
    value: Any = group[0].expression
    for field in group[1:]:
        value = value * field.radix + field.expression
    return value


def _unpack(values: IntArray, group: Sequence[_Field]) -> Columns:
    out: Columns = {}
    for field in reversed(group[1:]):
        values, out[field.name] = np.divmod(values, field.radix)
    out[group[0].name] = values
    return out


def _lower_product(group: Sequence[_Field]) -> int:
    product = 1
    for field in group[1:]:
        product *= field.radix
    return product


def _group_concat_columns(
    session: Session,
    build: Any,
    packed: Sequence[Sequence[_Field]],
    plain: Sequence[tuple[str, Any]],
    *,
    not_null: Sequence[str] = (),
) -> Columns | None:
    """One query (``build(select_list)``) returning one ``group_concat`` per packed group
    and per plain column, parsed and unpacked. Plain columns named in ``not_null`` must
    have one value per row; the others may skip NULLs. ``None`` if a packed integer
    overflowed (SQLite then makes it a float) or the columns do not line up."""
    select_list = [func.group_concat(_packed(g)) for g in packed]
    select_list += [func.group_concat(expression) for _, expression in plain]
    strings = [value or "" for value in _one_row(session, build(select_list))]
    if any("." in value or "e" in value for value in strings[: len(packed)]):
        return None
    arrays = [np.fromstring(value, dtype=np.int64, sep=",") for value in strings]
    out: Columns = {}
    sizes = set()
    for group, values in zip(packed, arrays, strict=False):
        sizes.add(values.size)
        out.update(_unpack(values, group))
    for (name, _), values in zip(plain, arrays[len(packed) :], strict=True):
        if name in not_null:
            sizes.add(values.size)
        out[name] = values
    return out if len(sizes) <= 1 else None


def concatenated_columns(
    session: Session,
    build: Any,
    codes: Sequence[tuple[str, Any, int]],
    integers: Sequence[tuple[str, Any]],
) -> Columns | None:
    """Where integers come back fastest as text (SQLite), the columns of the rows of
    ``build(select_list)`` in one row of ``group_concat`` strings: ``codes`` (name,
    expression, radix; every code but the first non-negative and below its radix)
    packed into one integer a row, and ``integers`` (name, expression; never NULL) one
    string each. No Python object per row: on the 1M demo's 8.4 M stopped cycles of a
    year, 5.5 s against 9.6 s through the rows. ``None`` elsewhere, or when the
    columns do not line up (a NULL): then read the rows (``integer_columns``)."""
    if not uses_group_concat(session):
        return None
    group = [_Field(name, expression, radix) for name, expression, radix in codes]
    return _group_concat_columns(
        session, build, [group] if group else [], integers, not_null=[n for n, _ in integers]
    )


def _id_bound(session: Session, column: Any) -> int | None:
    """One more than the largest value of an indexed column (0 when there is none), read
    from its index; ``None`` when a value is negative."""
    low = session.execute(select(func.min(column))).scalar()
    high = session.execute(select(func.max(column))).scalar()
    if low is None or high is None:
        return 0
    return None if low < 0 else int(high) + 1


# --- tickets --------------------------------------------------------------------------------


def fetch_tickets(session: Session) -> Columns:
    """Every ticket's id (ascending), priority code and team, customer and agent ids."""
    if uses_group_concat(session):
        customer = _id_bound(session, Ticket.customer_id)
        agent = _id_bound(session, Ticket.assignee_id)
        if customer is not None and agent is not None:
            group = [
                _Field("team", _plus_one(Ticket.team_id), 1),
                _Field("customer", _plus_one(Ticket.customer_id), customer + 2),
                _Field("agent", _plus_one(Ticket.assignee_id), agent + 2),
                _Field("priority", code_of(Ticket.priority, PRIORITIES, len(PRIORITIES)), 6),
            ]
            found = _group_concat_columns(
                session,
                lambda columns: select(*columns).select_from(Ticket),
                [group],
                [("id", Ticket.id)],
                not_null=("id",),
            )
            if found is not None:
                for name in ("team", "customer", "agent"):
                    found[name] = _from_plus_one(found[name])
                found["priority"] = np.where(
                    found["priority"] >= len(PRIORITIES), -1, found["priority"]
                )
                return _by_id(found)
    query = select(
        Ticket.id,
        code_of(Ticket.priority, PRIORITIES),
        func.coalesce(Ticket.team_id, NULL_ID),
        func.coalesce(Ticket.customer_id, NULL_ID),
        func.coalesce(Ticket.assignee_id, NULL_ID),
    )
    return _by_id(integer_columns(session, query, ("id", "priority", "team", "customer", "agent")))


def _by_id(columns: Columns) -> Columns:
    ids = columns["id"]
    if ids.size and not bool(np.all(ids[1:] > ids[:-1])):
        order = np.argsort(ids, kind="stable")
        return {name: values[order] for name, values in columns.items()}
    return columns


# --- clocks ---------------------------------------------------------------------------------


SCAN_SHARE = 0.2
"""Read the whole clock table when the period spans at least this share of the time
between the first and the last stop."""


def _mostly_in(session: Session, start: int, end: int) -> bool:
    firsts: list[int] = []
    lasts: list[int] = []
    for metric in METRICS:
        # One aggregate per statement: SQLite answers a lone min() or max() from the index.
        first = session.execute(
            select(func.min(TicketClock.stopped_at)).where(TicketClock.metric == metric)
        ).scalar()
        last = session.execute(
            select(func.max(TicketClock.stopped_at)).where(TicketClock.metric == metric)
        ).scalar()
        if first is not None and last is not None:
            firsts.append(int(first))
            lasts.append(int(last))
    if not firsts:
        return False
    low, high = min(firsts), max(lasts)
    return min(end, high + 1) - max(start, low) >= SCAN_SHARE * (high + 1 - low)


def _stopped_in(start: int, end: int, *, scan: bool) -> list[Any]:
    """With ``scan`` the terms are written so that no index serves them (``+ 0``): when
    the period holds most clocks, one pass over the table in storage order beats probing
    the ``(metric, stopped_at)`` index and visiting the rows out of order (2-3x)."""
    stopped_at = TicketClock.stopped_at + 0 if scan else TicketClock.stopped_at
    return [stopped_at >= start, stopped_at < end]


def fetch_clocks(session: Session, start: int, end: int) -> Columns:
    """Clocks stopped in ``[start, end)``: ticket id, stop instant, metric and state codes,
    elapsed, policy version and the code of the priority each was judged under (-1: not
    known)."""
    names = (
        "ticket_id", "stopped_at", "metric", "state", "elapsed", "policy_version_id", "priority"
    )  # fmt: skip
    priority = code_of(TicketClock.priority, PRIORITIES, len(PRIORITIES))
    if uses_group_concat(session):
        group = [
            _Field("elapsed", TicketClock.elapsed, 1),
            _Field("offset", TicketClock.stopped_at - start, end - start),
            _Field("metric", code_of(TicketClock.metric, METRICS, len(METRICS)), len(METRICS) + 1),
            _Field("state", _state_code(), 3),
            _Field("priority", priority, len(PRIORITIES) + 1),
        ]
        conditions = _stopped_in(start, end, scan=_mostly_in(session, start, end))
        found = None
        if _lower_product(group) < _PACK_LIMIT >> 20:
            found = _group_concat_columns(
                session,
                lambda columns: select(*columns).select_from(TicketClock).where(*conditions),
                [group],
                [
                    ("ticket_id", TicketClock.ticket_id),
                    ("policy_version", _plus_one(TicketClock.policy_version_id)),
                ],
                not_null=("ticket_id", "policy_version"),
            )
        if found is not None:
            found["stopped_at"] = found.pop("offset") + start
            found["metric"] = np.where(found["metric"] >= len(METRICS), -1, found["metric"])
            found["policy_version_id"] = _from_plus_one(found.pop("policy_version"))
            found["priority"] = _known_priority(found["priority"])
            return {name: found[name] for name in names}
    query = select(
        TicketClock.ticket_id,
        TicketClock.stopped_at,
        code_of(TicketClock.metric, METRICS),
        _state_code(),
        TicketClock.elapsed,
        func.coalesce(TicketClock.policy_version_id, NULL_ID),
        priority,
    ).where(*_stopped_in(start, end, scan=False))
    found = integer_columns(session, query, names)
    found["priority"] = _known_priority(found["priority"])
    return found


def _known_priority(codes: IntArray) -> IntArray:
    """Priority codes with "not known" (``len(PRIORITIES)``) as -1."""
    return np.where(codes >= len(PRIORITIES), -1, codes)


def fetch_durations(session: Session, start: int, end: int) -> Columns:
    """The first responses and resolutions stopped in ``[start, end)``: metric code,
    elapsed business seconds, ticket id and the code of the priority each was judged under
    (-1: not known), read from ``ix_ticket_clocks_durations`` alone (its ``WHERE`` terms
    are repeated here, as SQLite uses a partial index only then)."""
    names = ("metric", "elapsed", "ticket_id", "priority")
    conditions: list[Any] = [
        text(DURATION_CLOCKS),
        TicketClock.stopped_at >= start,
        TicketClock.stopped_at < end,
    ]
    metric = code_of(TicketClock.metric, METRICS, len(METRICS))
    priority = code_of(TicketClock.priority, PRIORITIES, len(PRIORITIES))
    if uses_group_concat(session):
        group = [
            _Field("elapsed", TicketClock.elapsed, 1),
            _Field("metric", metric, len(METRICS) + 1),
            _Field("priority", priority, len(PRIORITIES) + 1),
        ]
        found = _group_concat_columns(
            session,
            lambda columns: select(*columns).select_from(TicketClock).where(*conditions),
            [group],
            [("ticket_id", TicketClock.ticket_id)],
            not_null=("ticket_id",),
        )
        if found is not None:
            found["priority"] = _known_priority(found["priority"])
            return {name: found[name] for name in names}
    query = select(metric, TicketClock.elapsed, TicketClock.ticket_id, priority).where(*conditions)
    found = integer_columns(session, query, names)
    found["priority"] = _known_priority(found["priority"])
    return found


def fetch_breaches(session: Session, start: int, end: int) -> Columns:
    """Breached clocks stopped in ``[start, end)``: ticket id, clock id, stop instant,
    overrun (elapsed minus target) and the code of the priority it was judged under (-1:
    not known), to rank the worst of them."""
    names = ("ticket_id", "clock_id", "stopped_at", "overrun", "priority")
    conditions = [
        TicketClock.state == "breached",
        *_stopped_in(
            start, end, scan=uses_group_concat(session) and _mostly_in(session, start, end)
        ),
    ]
    columns = (
        TicketClock.ticket_id,
        TicketClock.id,
        TicketClock.stopped_at,
        TicketClock.elapsed - TicketClock.target,
        code_of(TicketClock.priority, PRIORITIES, len(PRIORITIES)),
    )
    if uses_group_concat(session):
        found = _group_concat_columns(
            session,
            lambda select_list: select(*select_list).select_from(TicketClock).where(*conditions),
            [],
            list(zip(names, columns, strict=True)),
            not_null=names,
        )
        if found is not None:
            found["priority"] = _known_priority(found["priority"])
            return found
    found = integer_columns(session, select(*columns).where(*conditions), names)
    found["priority"] = _known_priority(found["priority"])
    return found


# --- survey answers -------------------------------------------------------------------------


def fetch_answers(session: Session, start: int, end: int) -> Columns:
    """Answers given in ``[start, end)``: instant, kind code, score, ticket id and the
    business seconds of the ticket's first response (``NULL_ID`` without one)."""
    first = aliased(TicketClock, name="first")

    def build(columns: Sequence[Any]) -> Any:
        return (
            select(*columns)
            .select_from(SurveyAnswer)
            .outerjoin(
                first,
                and_(
                    first.ticket_id == SurveyAnswer.ticket_id,
                    first.metric == "first_response",
                    first.cycle_index == 0,
                    first.stopped_at.is_not(None),
                ),
            )
            .where(SurveyAnswer.answered_at >= start, SurveyAnswer.answered_at < end)
        )

    if uses_group_concat(session):
        group = [
            _Field("first_response", func.coalesce(first.elapsed, 0), 1),
            _Field("responded", case((first.elapsed.is_(None), 0), else_=1), 2),
            _Field("offset", SurveyAnswer.answered_at - start, end - start),
            _Field("kind", code_of(SurveyAnswer.kind, ("csat", "nps"), 2), 3),
        ]
        found = None
        if _lower_product(group) < _PACK_LIMIT >> 20:
            found = _group_concat_columns(
                session,
                build,
                [group],
                [("score", SurveyAnswer.score), ("ticket_id", SurveyAnswer.ticket_id)],
                not_null=("score", "ticket_id"),
            )
        if found is not None:
            return {
                "answered_at": found["offset"] + start,
                "kind": np.where(found["kind"] == 2, -1, found["kind"]),
                "score": found["score"],
                "first_response": np.where(
                    found["responded"] == 1, found["first_response"], NULL_ID
                ),
                "ticket_id": found["ticket_id"],
            }
    query = build(
        [
            SurveyAnswer.answered_at,
            code_of(SurveyAnswer.kind, ("csat", "nps")),
            SurveyAnswer.score,
            func.coalesce(first.elapsed, NULL_ID),
            SurveyAnswer.ticket_id,
        ]
    )
    return integer_columns(
        session, query, ("answered_at", "kind", "score", "first_response", "ticket_id")
    )


# --- the daily rollup -----------------------------------------------------------------------


def _table_bound(session: Session, column: Any) -> int:
    """One more than the largest id of a table (its primary key), 1 when it is empty: the
    radix of an id column packed as ``id`` (0 = none)."""
    high = session.execute(select(func.max(column))).scalar()
    return int(high or 0) + 1


ROLLUP_GROUPS = ("team", "customer", "policy_version_id", "agent")
"""What ``fetch_rollup`` may keep apart besides day, metric and priority."""


_DAYS_AT_ONCE = 28
"""Days of ``clock_rollup`` read at once when numpy sums it (``_summed_by_numpy``): four
weeks of the 1M demo are ~170,000 rows, so the text and arrays held at once stay a few
MB whatever the period."""

_DENSE_KEYS = 1 << 20
"""Possible groups (the product of the packed fields' radices) up to which
``_summed_by_numpy`` sums into one slot per group (no sort; 8 MB an array at most)
rather than sorting each piece's keys (``unique``)."""

_COUNT_RADIX = 256
"""The largest radix of a count packed after its row's group (``_summed_by_numpy``): a
row of the 1M demo counts at most 192 clocks."""


def _count_radix(groups: int) -> int:
    """The radix of the three counts packed after a group of ``groups`` possible values:
    ``_COUNT_RADIX``, or less where ``groups * radix**3`` would not pack into one integer
    (1: not even 2 does)."""
    radix = _COUNT_RADIX
    while radix > 1 and groups * radix**3 >= _PACK_LIMIT:
        radix //= 2
    return radix


def _summed_by_numpy(
    session: Session, first_day: int, end_day: int, kept: Sequence[str], *, by_day: bool
) -> Columns | None:
    """``clock_rollup`` of UTC days ``[first_day, end_day)`` summed per metric, priority
    and the ``kept`` groups (and per ``day`` if ``by_day``, else over the days; ``day`` is
    then left out), the sums made by numpy: SQLite's ``GROUP BY`` of a year of a large
    workspace sorts its ~2 M rows (about one for every two clocks) in a temporary b-tree
    (or, by day, walks them in order but still makes and packs each group's row: 3 s at
    1M for the team and customer), where reading them packed, ``_DAYS_AT_ONCE`` days at a
    time, and summing in numpy takes a fraction of that. The groups come in the order of
    that ``GROUP BY`` (ascending day, metric, priority, then the kept ids), each group
    that has a row, sums of zero included. ``None`` where the group does not pack into
    one integer.

    Each row is one number of one ``group_concat``, its counts packed after its group:
    SQLite's time here goes to decoding each row, to each aggregate's step per row and to
    each character of text, so one aggregate of short numbers beats one per column (at
    1M, ~1.6 s of SQLite for four columns, ~1.2 s packed). A row with no breached and no
    other clock (nine in ten) is ``group * radix + achieved``; any other row is negative,
    ``-1 - (((group * radix + achieved) * radix + breached) * radix + other)``. A row
    with a count that does not fit the radix (or is below zero) is NULL there, and the
    rows of those days that are so are read again apart, one column each (none at 1M).
    The statement is built once per table and run per piece with the days (or spans) as
    parameters. Not ``by_day``, the spans of ``SPAN_DAYS`` days that lie whole in the
    period are read from ``clock_rollup_by_span`` (``_segments``): a fifth of the rows
    for a year of the realistic demo."""
    tables = {"team": Team.id, "customer": Customer.id, "policy_version_id": PolicyVersion.id}
    radices = {name: _table_bound(session, tables.get(name, Agent.id)) for name in kept}
    segments = (
        [_Segment(ClockRollup, first_day, end_day, _DAYS_AT_ONCE)]
        if by_day
        else _segments(first_day, end_day)
    )
    pieces: list[Columns] = []
    sums: _KeySums | None = None
    group: list[_Field] = []
    for segment in segments:
        rollup = segment.rollup
        start = rollup.span if rollup is ClockRollupBySpan else rollup.day
        low, high = bindparam("low", type_=Integer), bindparam("high", type_=Integer)
        group = [
            *([_Field("day", start - low, _DAYS_AT_ONCE)] if by_day else []),
            _Field("metric", rollup.metric, len(METRICS)),
            _Field("priority", rollup.priority, len(PRIORITIES)),
            *(_Field(name, getattr(rollup, _ROLLUP_COLUMNS[name]), radices[name]) for name in kept),
        ]
        groups = group[0].radix * _lower_product(group)
        radix = _count_radix(groups)
        if radix == 1:
            return None
        if sums is None:
            sums = _KeySums(groups)
        key = _packed(group)
        achieved, breached, other = rollup.achieved, rollup.breached, rollup.other
        fits = and_(*(and_(count >= 0, count < radix) for count in (achieved, breached, other)))
        packed = case(
            (
                and_(breached == 0, other == 0, achieved >= 0, achieved < radix),
                key * radix + achieved,
            ),
            (fits, -1 - ((key * radix + achieved) * radix + breached) * radix - other),
        )
        days = [start >= low, start < high, rollup.metric >= 0, rollup.priority >= 0]
        read = select(func.group_concat(packed), func.count()).where(*days)
        apart = select(*(func.group_concat(c) for c in (key, achieved, breached, other))).where(
            *days, ~fits
        )
        for first in range(segment.low, segment.high, segment.at_once):
            bounds = {"low": first, "high": min(first + segment.at_once, segment.high)}
            joined, rows = session.execute(read, bounds).one()
            joined = joined or ""
            if "." in joined or "e" in joined:
                return None  # a packed row overflowed (SQLite made it a float)
            values = np.fromstring(joined, dtype=np.int64, sep=",")
            plain = values >= 0
            keys, counts = np.divmod(values[plain], radix)
            if not sums.add(keys, counts):
                return None
            rest, others = np.divmod(-1 - values[~plain], radix)
            rest, breaches = np.divmod(rest, radix)
            keys, counts = np.divmod(rest, radix)
            if not sums.add(keys, counts, breaches, others):
                return None
            if values.size != rows:  # rows with a count that does not fit the radix
                strings = session.execute(apart, bounds).one()
                keys, *more = (np.fromstring(s or "", dtype=np.int64, sep=",") for s in strings)
                if values.size + keys.size != rows or any(m.size != keys.size for m in more):
                    return None
                if not sums.add(keys, *more):
                    return None
            if by_day:  # a piece's days are its own: its sums are final
                found = sums.columns()
                pieces.append(_unpack(found.pop("key"), group) | found)
                pieces[-1]["day"] = pieces[-1]["day"] + first
                sums = _KeySums(groups)
    if not by_day and sums is not None:
        found = sums.columns()
        pieces.append(_unpack(found.pop("key"), group) | found)
    names = [
        *(["day"] if by_day else []),
        "metric",
        "priority",
        *kept,
        "achieved",
        "breached",
        "other",
    ]
    return {
        name: np.concatenate([np.zeros(0, dtype=np.int64), *(p[name] for p in pieces)])
        for name in names
    }


_ROLLUP_COLUMNS = {
    "team": "team_id",
    "customer": "customer_id",
    "policy_version_id": "policy_version_id",
    "agent": "agent_id",
}
"""The rollup tables' column of each of ``ROLLUP_GROUPS``."""

_SPANS_AT_ONCE = 8
"""Spans of ``clock_rollup_by_span`` read at once (``_summed_by_numpy``): about as many
rows as ``_DAYS_AT_ONCE`` days of ``clock_rollup``."""


@dataclass(frozen=True, slots=True)
class _Segment:
    """Part of a period read from one rollup table: its days ``[low, high)`` of
    ``clock_rollup``, or its spans of ``clock_rollup_by_span``, ``at_once`` a query."""

    rollup: Any
    low: int
    high: int
    at_once: int


def _segments(first_day: int, end_day: int) -> list[_Segment]:
    """UTC days ``[first_day, end_day)`` as the rollup rows that sum them with the fewest
    rows: the whole spans inside from ``clock_rollup_by_span``, the days at either end
    from ``clock_rollup`` (all of them when no span lies whole inside)."""
    first_span = -(-first_day // SPAN_DAYS)
    end_span = end_day // SPAN_DAYS
    if end_span <= first_span:
        return [_Segment(ClockRollup, first_day, end_day, _DAYS_AT_ONCE)]
    found = [
        _Segment(ClockRollup, first_day, first_span * SPAN_DAYS, _DAYS_AT_ONCE),
        _Segment(ClockRollupBySpan, first_span, end_span, _SPANS_AT_ONCE),
        _Segment(ClockRollup, end_span * SPAN_DAYS, end_day, _DAYS_AT_ONCE),
    ]
    return [segment for segment in found if segment.high > segment.low]


class _KeySums:
    """The achieved, breached and other counts of rows summed per packed group, ``groups``
    possible ones: with at most ``_DENSE_KEYS`` of them, one slot per group, added to in
    place (no sort, and no array of every group made per piece: ``bincount`` with
    ``minlength`` cost 0.3 s at 1M); else each piece's groups found by ``unique``, and
    the pieces' sums summed again at the end."""

    def __init__(self, groups: int) -> None:
        self._groups = groups
        self._dense = groups <= _DENSE_KEYS
        size = groups if self._dense else 0
        self._seen = np.zeros(size, dtype=bool)
        self._sums = [np.zeros(size, dtype=np.int64) for _ in range(3)]
        self._pieces: list[tuple[IntArray, list[IntArray]]] = []

    def add(self, keys: IntArray, achieved: IntArray, *rest: IntArray) -> bool:
        """Adds rows (``rest``: breached and other, both zero if left out); false if a key
        is not one of the groups (an id above its table's: never, as ids are not
        deleted)."""
        if not keys.size:
            return True
        if int(keys.min()) < 0 or int(keys.max()) >= self._groups:
            return False
        counts = [achieved, *rest]
        if self._dense:
            self._seen[keys] = True
            for sums, count in zip(self._sums, counts, strict=False):
                # in place, no array of every group per piece (numpy 2's add.at is fast)
                np.add.at(sums, keys, count)
        else:
            self._pieces.append(_summed_per_key(keys, counts))
        return True

    def columns(self) -> Columns:
        """The groups seen (ascending) and their sums."""
        if self._dense:
            keys = np.flatnonzero(self._seen).astype(np.int64)
            sums = [s[keys] for s in self._sums]
        else:
            empty = np.zeros(0, dtype=np.int64)
            keys, sums = _summed_per_key(
                np.concatenate([empty, *(k for k, _ in self._pieces)]),
                [np.concatenate([empty, *(c[i] for _, c in self._pieces)]) for i in range(3)],
            )
        return {"key": keys, **dict(zip(("achieved", "breached", "other"), sums, strict=True))}


def _summed_per_key(keys: IntArray, counts: Sequence[IntArray]) -> tuple[IntArray, list[IntArray]]:
    """The distinct keys (ascending) and each of the three counts summed per key (a count
    left out of ``counts`` sums to zero)."""
    found, inverse = np.unique(keys, return_inverse=True)
    inverse = inverse.reshape(-1)
    sums = [
        np.bincount(inverse, weights=count, minlength=found.size).astype(np.int64)
        for count in counts
    ]
    sums += [np.zeros(found.size, dtype=np.int64)] * (3 - len(sums))
    return found, sums


def fetch_rollup(
    session: Session,
    first_day: int,
    end_day: int,
    groups: Sequence[str] = ROLLUP_GROUPS,
    *,
    by_day: bool = True,
) -> Columns:
    """The ``clock_rollup`` rows of UTC days ``[first_day, end_day)`` summed over the
    ``ROLLUP_GROUPS`` not in ``groups``: day, metric and priority codes, the ids kept
    (``NULL_ID`` for none; a column summed over is all ``NULL_ID``), and the achieved,
    breached and other counts. Keeping at most the team, the sum reads
    ``clock_rollup_by_team`` (a few dozen rows per day), else ``clock_rollup``; either
    in its own order (its primary key). Not ``by_day``, the days are summed over too
    (``day`` is ``first_day`` throughout): a few rows for a whole period, read for the
    spans that lie whole in it from ``clock_rollup_by_span`` (``_segments``)."""
    kept = [name for name in ROLLUP_GROUPS if name in groups]
    rollup: Any = ClockRollupByTeam if set(kept) <= {"team"} else ClockRollup
    counts = ("achieved", "breached", "other")
    segments = (
        _segments(first_day, end_day)
        if rollup is ClockRollup and not by_day
        else [_Segment(rollup, first_day, end_day, 0)]
    )
    if len(segments) == 1:
        start = rollup.day
        keys = [
            *([rollup.day.label("day")] if by_day else []),
            rollup.metric.label("metric"),
            rollup.priority.label("priority"),
            *(getattr(rollup, _ROLLUP_COLUMNS[name]).label(name) for name in kept),
        ]
        where = [start >= first_day, start < end_day, rollup.metric >= 0, rollup.priority >= 0]
        summing = [getattr(rollup, c) for c in counts]
    else:  # summed over the days: the whole spans' rows and the other days'
        names = ("metric", "priority", *(_ROLLUP_COLUMNS[name] for name in kept), *counts)
        parts = []
        for segment in segments:
            part = segment.rollup
            start = part.span if part is ClockRollupBySpan else part.day
            parts.append(
                select(*(getattr(part, name) for name in names)).where(
                    start >= segment.low, start < segment.high, part.metric >= 0, part.priority >= 0
                )
            )
        rows = union_all(*parts).subquery("rows")
        keys = [
            rows.c.metric.label("metric"),
            rows.c.priority.label("priority"),
            *(rows.c[_ROLLUP_COLUMNS[name]].label(name) for name in kept),
        ]
        where = []
        summing = [rows.c[c] for c in counts]
    summed = (
        select(
            *keys,
            *(func.sum(count).label(c) for c, count in zip(counts, summing, strict=True)),
        )
        .where(*where)
        .group_by(*keys)
        .subquery("summed")
    )
    found: Columns | None = None
    if rollup is ClockRollup and uses_group_concat(session):
        found = _summed_by_numpy(session, first_day, end_day, kept, by_day=by_day)
    if found is None and uses_group_concat(session):
        bounds = {
            "team": _table_bound(session, Team.id),
            "customer": _table_bound(session, Customer.id),
            "policy_version_id": _table_bound(session, PolicyVersion.id),
            "agent": _table_bound(session, Agent.id),
        }
        group = [
            *(_Field(name, summed.c[name], bounds[name]) for name in kept),
            *(
                [_Field("day", summed.c.day - first_day, max(end_day - first_day, 1))]
                if by_day
                else []
            ),
            _Field("metric", summed.c.metric, len(METRICS)),
            _Field("priority", summed.c.priority, len(PRIORITIES)),
        ]
        if _lower_product(group) < _PACK_LIMIT >> 20:
            found = _group_concat_columns(
                session,
                lambda columns: select(*columns).select_from(summed),
                [group],
                [(c, summed.c[c]) for c in counts],
                not_null=counts,
            )
        if found is not None and by_day:
            found["day"] = found["day"] + first_day
    if found is None:
        names = (*(["day"] if by_day else []), "metric", "priority", *kept, *counts)
        found = integer_columns(session, select(*(summed.c[n] for n in names)), names)
    if not by_day:
        found["day"] = np.full(found["metric"].size, first_day, dtype=np.int64)
    for name in ROLLUP_GROUPS:
        values = found.get(name)
        found[name] = (
            np.full(found["day"].size, NULL_ID, dtype=np.int64)
            if values is None
            else np.where(values == 0, NULL_ID, values)
        )
    return {name: found[name] for name in ("day", "metric", "priority", *ROLLUP_GROUPS, *counts)}
