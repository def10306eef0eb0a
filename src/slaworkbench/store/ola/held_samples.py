"""Each holder's samples kept per span (``held_samples``, ``held_sample_spans``; migration
0034): read, written, and forgotten when what they derive from changes.

A span (``SPAN_DAYS`` UTC days, as ``clock_rollup_by_span``) of a metric of
``SAMPLED_METRICS`` is *kept* when ``held_sample_spans`` has its row; its samples are
then exactly what its stopped cycles and their held pieces give
(``app.ola.held_samples`` measures them). Derived data changes with what it derives from,
in the same transaction: every write of stopped clock rows or of held pieces forgets the
spans it touches (their rows of both tables are deleted), and a span not kept is read
from the clock rows. The writers:

- ``store.analytics.rollup.count_rewritten`` (the recompute's chunks): the spans of the
  stopped rows a chunk overwrote, deleted or inserted (``forget_spans``);
- ``store.analytics.rollup.rollup_kept`` (a ticket action, a bulk load of new tickets):
  the spans of the tickets' stopped cycles before the write and after it
  (``forget_tickets``);
- ``store.clocks.holds.refresh_clock_holds``: the spans of the stopped cycles whose
  pieces it rewrites.

Forgetting costs nothing where nothing is kept (a re-baseline forgets every span in its
first chunk; a demo's tables are empty until its end). On a server the deletes are made
under ``ROLLUP_LOCK`` like the rollups' writes, and a fill takes it before it reads, so a
fill never keeps a span a concurrent writer changed.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from sqlalchemy import Connection, case, delete, insert, literal, select, text

from slaworkbench.store.dialect import ROLLUP_LOCK, index_hint, lock_for_writers
from slaworkbench.store.schema import (
    CLOCK_KEY_INDEX,
    METRICS,
    SAMPLED_METRICS,
    SPAN_DAYS,
    HeldSamples,
    HeldSampleSpan,
    TicketClock,
    TicketOlaCycle,
)

Int64Array = npt.NDArray[np.int64]

SPAN_SECONDS = SPAN_DAYS * 86_400
"""A span's length: span ``s`` is stop times ``[s * SPAN_SECONDS, (s + 1) * SPAN_SECONDS)``."""

SAMPLED_CODES = tuple(METRICS.index(metric) for metric in SAMPLED_METRICS)
"""The stored codes (``ticket_clocks.metric_code``) of ``SAMPLED_METRICS``."""

OLA = "ola"
"""The team agreements' cycles (``ticket_ola_cycles``), kept beside the SLA metrics."""
OLA_CODE = -1
"""``held_samples.metric`` of the team agreements' cycles."""
KEPT = (*SAMPLED_METRICS, OLA)
"""Everything whose samples are kept: the SLA metrics, then the team agreements."""


def code_of(metric: str) -> int:
    """``held_samples.metric`` of ``metric`` (``OLA``: ``OLA_CODE``)."""
    return OLA_CODE if metric == OLA else METRICS.index(metric)


SAMPLE_TYPE = np.dtype("<i4")
"""A sample's business seconds as stored: little-endian 32 bits."""

_ID_BATCH = 500
_NO_SECONDS = np.zeros(0, dtype=np.int32)


@dataclass(frozen=True, slots=True)
class KeptSamples:
    """Rows of ``held_samples``, a column each; ``seconds`` every row's samples one after
    the other (``cycles`` of them each, ascending)."""

    reading: Int64Array
    kind: Int64Array
    holder_id: Int64Array
    cycles: Int64Array
    breached: Int64Array
    first_place: Int64Array
    seconds: npt.NDArray[np.int32]


def _forget(connection: Connection, pairs: Iterable[tuple[int, int]]) -> None:
    """Delete the rows of these (metric code, span) pairs from both tables."""
    by_metric: dict[int, list[int]] = {}
    for metric, span in sorted(set(pairs)):
        by_metric.setdefault(metric, []).append(span)
    if not by_metric:
        return
    lock_for_writers(connection, ROLLUP_LOCK)
    for metric, spans in by_metric.items():
        for start in range(0, len(spans), _ID_BATCH):
            part = spans[start : start + _ID_BATCH]
            for table in (HeldSampleSpan, HeldSamples):
                connection.execute(
                    delete(table).where(table.metric == metric, table.span.in_(part))
                )


_SPAN_RANGE = 1 << 40


def forget_spans(connection: Connection, metric: Int64Array, stopped_at: Int64Array) -> None:
    """Forget the spans of these stopped cycles (a metric code and a stop time each; those
    of other metrics are not kept)."""
    sampled = np.isin(metric, SAMPLED_CODES)
    if not sampled.any():
        return
    # one number per (metric, span), so that ``np.unique`` sorts plain integers (by rows,
    # ``axis=0``, it cost a re-baseline 0.25 s at 1M); spans fit 40 bits either way of 0
    coded = (metric[sampled] + 1) * _SPAN_RANGE + stopped_at[sampled] // SPAN_SECONDS
    metrics, spans = np.divmod(np.unique(coded) + _SPAN_RANGE // 2, _SPAN_RANGE)
    spans -= _SPAN_RANGE // 2
    _forget(connection, zip((metrics - 1).tolist(), spans.tolist(), strict=True))


def _spans_of_tickets(
    connection: Connection, query: Any, ticket_column: Any, ticket_ids: Sequence[int]
) -> set[tuple[int, int]]:
    """The (metric code, span) of the rows ``query`` selects — (metric code, stop time)
    of stopped cycles — whose ``ticket_column`` is one of ``ticket_ids``."""
    pairs: set[tuple[int, int]] = set()
    ids = sorted(set(ticket_ids))
    for start in range(0, len(ids), _ID_BATCH):
        part = ids[start : start + _ID_BATCH]
        for metric, stopped_at in connection.execute(query.where(ticket_column.in_(part))):
            if stopped_at is not None:  # (selected so)
                pairs.add((metric, int(stopped_at) // SPAN_SECONDS))
    return pairs


def stopped_spans(connection: Connection, ticket_ids: Sequence[int]) -> set[tuple[int, int]]:
    """The (metric code, span) of these tickets' stopped cycles of ``SAMPLED_METRICS`` as
    they are now. Read without ``ROLLUP_LOCK``: before a write the caller holds the
    tickets (their rows locked, or SQLite's write lock), and a writer takes
    ``ROLLUP_LOCK`` after its rows, never before (two desks would deadlock)."""
    query = (
        select(
            case(*((TicketClock.metric == m, METRICS.index(m)) for m in SAMPLED_METRICS)),
            TicketClock.stopped_at,
        )
        .where(
            TicketClock.stopped_at.is_not(None),
            TicketClock.metric.in_(SAMPLED_METRICS),
        )
        .distinct()
    )
    # by the clocks' key, not the partial index of every stopped cycle of these metrics
    # (SQLite's planner chose it for a list of tickets: 0.2 s a list at 1M tickets)
    query = index_hint(query, TicketClock.__table__, CLOCK_KEY_INDEX)
    return _spans_of_tickets(connection, query, TicketClock.ticket_id, ticket_ids)


def forget_tickets(
    connection: Connection, ticket_ids: Sequence[int], left: Iterable[tuple[int, int]] = ()
) -> None:
    """After a write of these tickets: forget the spans of their stopped cycles as they
    are now and the spans ``left`` (``stopped_spans`` before the write: those their
    cycles may have left)."""
    if not ticket_ids or not any_kept(connection):
        return
    _forget(connection, stopped_spans(connection, ticket_ids) | set(left))


def any_kept(connection: Connection) -> bool:
    """Whether any span is kept, asked by a writer about to forget spans: on a server
    under ``ROLLUP_LOCK`` (until its transaction ends), or a fill that commits after the
    question would keep a span the writer's rows, not yet committed, change."""
    lock_for_writers(connection, ROLLUP_LOCK)
    return connection.execute(select(HeldSampleSpan.span).limit(1)).first() is not None


def kept_spans(connection: Connection, metric: str, first: int, end: int) -> list[int]:
    """The kept spans of ``metric`` in ``[first, end)``, ascending."""
    code = code_of(metric)
    return [
        int(span)
        for (span,) in connection.execute(
            select(HeldSampleSpan.span)
            .where(
                HeldSampleSpan.metric == code,
                HeldSampleSpan.span >= first,
                HeldSampleSpan.span < end,
            )
            .order_by(HeldSampleSpan.span)
        )
    ]


def read_kept(connection: Connection, metric: str, spans: Sequence[int]) -> KeptSamples:
    """The samples of these kept spans of ``metric``."""
    code = code_of(metric)
    columns: list[list[int]] = [[] for _ in range(6)]
    blobs: list[npt.NDArray[np.int32]] = []
    query = select(
        HeldSamples.reading,
        HeldSamples.kind,
        HeldSamples.holder_id,
        HeldSamples.cycles,
        HeldSamples.breached,
        HeldSamples.first_place,
        HeldSamples.seconds,
    ).where(HeldSamples.metric == code)
    listed = sorted(spans)
    for start in range(0, len(listed), _ID_BATCH):
        part = listed[start : start + _ID_BATCH]
        for row in connection.execute(query.where(HeldSamples.span.in_(part))):
            for column, value in zip(columns, row[:6], strict=True):
                column.append(int(value))
            blobs.append(np.frombuffer(row[6], dtype=SAMPLE_TYPE))  # a view: no copy
    # one copy of the samples, in the machine's order (a view where that is little-endian)
    seconds = np.concatenate(blobs).astype(np.int32, copy=False) if blobs else _NO_SECONDS
    reading, kind, holder_id, cycles, breached, first_place = (
        np.array(column, dtype=np.int64) for column in columns
    )
    return KeptSamples(reading, kind, holder_id, cycles, breached, first_place, seconds)


def keep_span(connection: Connection, metric: str, span: int, samples: KeptSamples) -> None:
    """Store the samples of one span of ``metric`` and mark it kept, in the caller's
    transaction (which took ``ROLLUP_LOCK`` before it read what they derive from:
    ``lock_for_filling``); whatever the span held before is replaced."""
    code = code_of(metric)
    _forget(connection, [(code, span)])
    ends = np.cumsum(samples.cycles)
    starts = ends - samples.cycles
    rows = [
        {
            "metric": code,
            "span": span,
            "reading": int(samples.reading[k]),
            "kind": int(samples.kind[k]),
            "holder_id": int(samples.holder_id[k]),
            "cycles": int(samples.cycles[k]),
            "breached": int(samples.breached[k]),
            "first_place": int(samples.first_place[k]),
            "seconds": samples.seconds[starts[k] : ends[k]].astype(SAMPLE_TYPE).tobytes(),
        }
        for k in range(samples.cycles.size)
    ]
    if rows:
        connection.execute(insert(HeldSamples), rows)
    connection.execute(insert(HeldSampleSpan), [{"metric": code, "span": span}])


def lock_for_filling(connection: Connection) -> None:
    """Before a fill reads the cycles it keeps: on a server, no writer of clock rows
    forgets spans until the caller's transaction ends, nor has one forgotten them
    without committing (each takes ``ROLLUP_LOCK`` to)."""
    lock_for_writers(connection, ROLLUP_LOCK)


def stopped_extent(connection: Connection, metric: str) -> tuple[int, int] | None:
    """The first and last stop time of ``metric``'s stopped cycles (``None``: none): two
    look-ups at either end of an index (``MIN`` and ``MAX`` in one ``SELECT`` walk the
    whole index instead, ~0.09 s at 1M, on every recompute run)."""
    if metric == OLA:
        table, where = "ticket_ola_cycles", "stopped_at IS NOT NULL"
    else:
        table = "ticket_clocks"
        where = f"metric_code = {code_of(metric)} AND stopped_at IS NOT NULL"
    low, high = connection.execute(
        text(
            f"SELECT (SELECT MIN(stopped_at) FROM {table} WHERE {where}),"
            f" (SELECT MAX(stopped_at) FROM {table} WHERE {where})"
        )
    ).one()
    return None if low is None else (int(low), int(high))


def whole_spans_kept(connection: Connection, metric: str, start_at: int, end_at: int) -> list[int]:
    """The kept spans of ``metric`` that lie whole in ``[start_at, end_at)``."""
    return kept_spans(connection, metric, -(-start_at // SPAN_SECONDS), end_at // SPAN_SECONDS)


def split_period(
    connection: Connection, metric: str, start_at: int, end_at: int, *, narrowed: bool
) -> tuple[list[tuple[int, int]], Iterator[KeptSamples]]:
    """``[start_at, end_at)`` of ``metric`` as the ranges to read from the clock rows and
    the samples of the kept spans that lie whole in it, read a span at a time as they
    are asked for (each added and let go: the year's samples are held once). A
    ``narrowed`` period (by the tickets' team, customer or priority, or the OLA cycle's
    team, which the samples cannot tell) is read from the clock rows whole."""
    spans = [] if narrowed else whole_spans_kept(connection, metric, start_at, end_at)
    kept = (read_kept(connection, metric, [span]) for span in spans)
    return uncovered(start_at, end_at, spans), kept


def uncovered(start_at: int, end_at: int, spans: Sequence[int]) -> list[tuple[int, int]]:
    """``[start_at, end_at)`` less the ``spans`` (ascending, each whole in it), as ranges."""
    ranges, low = [], start_at
    for span in spans:
        if span * SPAN_SECONDS > low:
            ranges.append((low, span * SPAN_SECONDS))
        low = (span + 1) * SPAN_SECONDS
    if end_at > low:
        ranges.append((low, end_at))
    return ranges


def forget_ola_spans(connection: Connection, stopped_at: Int64Array) -> None:
    """Forget the team agreements' spans of these stop times."""
    if stopped_at.size:
        _forget(connection, ((OLA_CODE, int(s)) for s in np.unique(stopped_at // SPAN_SECONDS)))


def forget_ola_tickets(connection: Connection, ticket_ids: Sequence[int]) -> None:
    """Forget the team agreements' spans of these tickets' stopped OLA cycles as they are
    now (before a write that replaces them all)."""
    if not ticket_ids or not any_kept(connection):
        return
    query = (
        select(literal(OLA_CODE), TicketOlaCycle.stopped_at)
        .where(TicketOlaCycle.stopped_at.is_not(None))
        .distinct()
    )
    _forget(connection, _spans_of_tickets(connection, query, TicketOlaCycle.ticket_id, ticket_ids))


def forget_all(connection: Connection) -> None:
    """Forget every kept span (``slaworkbench check`` before it fills them again)."""
    lock_for_writers(connection, ROLLUP_LOCK)
    connection.execute(delete(HeldSamples))
    connection.execute(delete(HeldSampleSpan))
