"""Each holder's samples per span, measured from the clock rows and kept
(``store.ola.held_samples``, migration 0034): what the "who held the clock" figures
(``app.ola.sla_holders``) and the team agreements' (``app.ola.accountability``) read
for the spans that lie whole in a period.

``fill_held_samples`` measures every span that has ended and is not kept — from the same
cycles and with the same arithmetic (``samples_of``, ``ola_samples``) as a period read
from the clock rows, grouped per holder id — and keeps it, in the caller's transaction.
A recompute run calls it when it ends (after a re-baseline: every span), the demo and a
first import after their bulk write. A span still running (the current one) is not
kept: every stop would forget it again, and a period's last days are read from the
clock rows anyway.

``held_samples_differences`` measures every kept span again and names those whose rows
differ (``slaworkbench check``, which then forgets them all and fills them again).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np
import numpy.typing as npt
from sqlalchemy import Connection
from sqlalchemy.orm import Session

from slaworkbench.app.ola.accountability import KINDS, Holders, Samples, ola_samples
from slaworkbench.app.ola.sla_holders import READINGS, samples_of
from slaworkbench.domain.sorting import lexsort_order
from slaworkbench.store.ola.accountability import held_ola_slices, stopped_ola_cycles
from slaworkbench.store.ola.held_samples import (
    KEPT,
    OLA,
    SPAN_SECONDS,
    KeptSamples,
    keep_span,
    kept_spans,
    lock_for_filling,
    read_kept,
    stopped_extent,
)
from slaworkbench.store.ola.sla_holders import every_name, stopped_sla_cycles

_INT32 = np.iinfo(np.int32)


def _sla_samples(
    connection: Connection, metric: str, span: int, holders: dict[str, Holders]
) -> Iterator[tuple[str, int, Samples]]:
    with Session(bind=connection) as session:
        part = stopped_sla_cycles(session, metric, span * SPAN_SECONDS, (span + 1) * SPAN_SECONDS)
    for reading in READINGS:
        for kind in KINDS:
            for samples in samples_of(part, kind, reading, holders[kind]):
                yield kind, reading, samples


def _ola_samples(connection: Connection, span: int) -> Iterator[tuple[str, int, Samples]]:
    with Session(bind=connection) as session:
        part = stopped_ola_cycles(session, span * SPAN_SECONDS, (span + 1) * SPAN_SECONDS)
        yield from ola_samples([part], lambda cycle_ids: held_ola_slices(session, cycle_ids))


def measure_span(
    connection: Connection, metric: str, span: int, holders: dict[str, Holders]
) -> KeptSamples | None:
    """The samples of one span of ``metric`` (``KEPT``) from its stopped cycles, per
    (reading, kind, holder id) in that order (``None``: a sample's seconds do not fit 32
    bits; such a span is read from the clock rows). ``holders``: per kind, the named
    agents and teams (``every_holder``)."""
    found: dict[tuple[int, int], list[Samples]] = {}
    measured = (
        _ola_samples(connection, span)
        if metric == OLA
        else _sla_samples(connection, metric, span, holders)
    )
    for kind, reading, samples in measured:
        found.setdefault((reading, KINDS.index(kind)), []).append(samples)
    columns: list[list[npt.NDArray[Any]]] = [[] for _ in range(7)]
    for (reading, kind_code), parts in sorted(found.items()):
        ids = np.concatenate([p[0] for p in parts]).astype(np.int64)
        breached = np.concatenate([p[1] for p in parts])
        seconds = np.concatenate([p[2] for p in parts]).astype(np.int64)
        place = np.concatenate([p[3] for p in parts]).astype(np.int64)
        if not ids.size:
            continue
        if seconds.min() < _INT32.min or seconds.max() > _INT32.max:
            return None
        order = lexsort_order((seconds, ids))  # per holder, its samples ascending
        ordered = ids[order]
        starts = np.flatnonzero(np.concatenate(([True], ordered[1:] != ordered[:-1])))
        held = ordered[starts]
        columns[0].append(np.full(held.size, reading, dtype=np.int64))
        columns[1].append(np.full(held.size, kind_code, dtype=np.int64))
        columns[2].append(held)
        columns[3].append(np.diff(np.append(starts, ids.size)).astype(np.int64))
        columns[4].append(np.add.reduceat(breached[order].astype(np.int64), starts))
        columns[5].append(np.minimum.reduceat(place[order], starts))
        columns[6].append(seconds[order].astype(np.int32))
    if not columns[0]:
        empty = np.zeros(0, dtype=np.int64)
        return KeptSamples(empty, empty, empty, empty, empty, empty, np.zeros(0, np.int32))
    reading_, kind_, holder, cycles, late, first = (np.concatenate(c) for c in columns[:6])
    return KeptSamples(reading_, kind_, holder, cycles, late, first, np.concatenate(columns[6]))


def every_holder(connection: Connection) -> dict[str, Holders]:
    """The agents and teams by name, per kind (``KINDS``)."""
    with Session(bind=connection) as session:
        return {kind: Holders(every_name(session, kind)) for kind in KINDS}


def _ended_spans(connection: Connection, metric: str, now: int) -> range:
    """The spans from the first stopped cycle of ``metric`` to the last span that ended
    by ``now``."""
    extent = stopped_extent(connection, metric)
    if extent is None:
        return range(0)
    return range(extent[0] // SPAN_SECONDS, min(extent[1] // SPAN_SECONDS + 1, now // SPAN_SECONDS))


def fill_held_samples(connection: Connection, now: int) -> int:
    """Keep every span that ended by ``now`` and is not kept, in the caller's transaction;
    returns how many were filled."""
    lock_for_filling(connection)
    holders: dict[str, Holders] | None = None
    filled = 0
    for metric in KEPT:
        spans = _ended_spans(connection, metric, now)
        if not spans:
            continue
        kept = set(kept_spans(connection, metric, spans.start, spans.stop))
        for span in spans:
            if span in kept:
                continue
            holders = holders or every_holder(connection)
            samples = measure_span(connection, metric, span, holders)
            if samples is not None:
                keep_span(connection, metric, span, samples)
                filled += 1
    return filled


def _rows(samples: KeptSamples) -> dict[tuple[int, int, int], tuple[int, int, int, list[int]]]:
    ends = np.cumsum(samples.cycles)
    rows = {}
    for k in range(samples.cycles.size):
        key = (int(samples.reading[k]), int(samples.kind[k]), int(samples.holder_id[k]))
        values = samples.seconds[ends[k] - samples.cycles[k] : ends[k]]
        rows[key] = (
            int(samples.cycles[k]),
            int(samples.breached[k]),
            int(samples.first_place[k]),
            sorted(values.tolist()),
        )
    return rows


def held_samples_differences(connection: Connection) -> list[tuple[str, int]]:
    """The kept spans (metric, span) whose samples differ from what their cycles give now."""
    differ = []
    holders = every_holder(connection)
    for metric in KEPT:
        for span in kept_spans(connection, metric, -(2**31), 2**31 - 1):
            measured = measure_span(connection, metric, span, holders)
            stored = read_kept(connection, metric, [span])
            if measured is None or _rows(measured) != _rows(stored):
                differ.append((metric, span))
    return differ
