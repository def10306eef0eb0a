"""Ticket timelines: the clock engine's view of each ticket's log, cached beside it.

A recompute needs, per ticket, only the events the engine looks at (created, status,
priority, agent and customer replies) as ``(at, seq, code)``. Reading them from
``ticket_events`` costs a B-tree visit and several SQL expressions per event; reading
them from one ``ticket_timelines`` row per ticket costs one text per ticket (about ten
times less on the 1M demo). The row also keeps ``clocks_hash``, the fingerprint of the
engine's evaluation the recompute last merged into the ticket's ``ticket_clocks`` rows
(stored stopped cycles keep their verdicts, ``domain.clock.verdicts``; the fingerprint
is marked when the kept verdicts make the rows differ from that evaluation), so a ticket
whose new evaluation has the stored fingerprint needs neither the read of its old clock
rows nor any clock or summary write; a re-baseline trusts only an unmarked one.

The cache is safe by construction:
- a ticket without a row is read from ``ticket_events`` and gets its row in the same
  write transaction (``recompute`` fills the table lazily; migration 0003 leaves it
  empty);
- whoever appends events to an existing ticket, or writes its clocks outside the
  recompute, deletes its row first (``forget_timelines``, used by ``app.ticket_writes`` and
  ``store.clocks.write_evaluations``); new tickets have no row to forget;
- ``recompute(..., verify=True)`` ignores the fingerprints and compares every stored
  clock row, which repairs rows changed behind the program's back.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray
from sqlalchemy import Connection, Table, delete

from slaworkbench.domain.clock.results import NONE
from slaworkbench.store.clocks.transfer import INT64_MIN_SQL, read_rows, write_columns
from slaworkbench.store.schema import TicketTimeline

Int64Array = NDArray[np.int64]
TABLE = "ticket_timelines"
_FORGET_BATCH = 500
_COLUMNS = ("ticket_id", "event_count", f"COALESCE(clocks_hash, {INT64_MIN_SQL})", "events")
_WORD = np.dtype("<i8")
_DELTA_SPAN = 1 << 32
"""An event's instant is stored as its distance from the ticket's earliest one, below
this (136 years) in a compact timeline."""
_CODE_SPAN = 512
"""``code`` is below this (``clocks_read``: kind << 6 | (status + 1) << 3 | ...)."""
_SEQ_SPAN = 1 << 22
"""A compact timeline's ``seq`` values are below this: ``seq * _CODE_SPAN + code`` fits
the 31 bits above the instant's distance."""
_SOURCE = f"{TABLE} WHERE {{where}}"

# Odd 64-bit multipliers (from a fixed seed) for the fingerprint's per-column weights.
_WEIGHTS = np.random.default_rng(20261122).integers(1, 2**63, size=32, dtype=np.uint64) | 1
_MIX_1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX_2 = np.uint64(0x94D049BB133111EB)
_PER_ROW = np.uint64(0x9E3779B97F4A7C15)


class DamagedTimeline(ValueError):
    """A cached timeline does not parse; forget it and read the events instead."""


def forget_timelines(connection: Connection, ticket_ids: Sequence[int]) -> None:
    """Drop the cached timelines (and clock fingerprints) of these tickets."""
    table: Table = TicketTimeline.__table__  # type: ignore[assignment]
    ids = list(dict.fromkeys(ticket_ids))
    for start in range(0, len(ids), _FORGET_BATCH):
        batch = ids[start : start + _FORGET_BATCH]
        connection.execute(delete(table).where(table.c.ticket_id.in_(batch)))


def read_timelines(connection: Connection, ids: Int64Array) -> tuple[Int64Array, Int64Array]:
    """The cached timelines of these tickets (sorted ids).

    Returns ``(head, rows)``: ``head`` is ``(ticket_id, event_count, clocks_hash)`` per
    ticket that has a row (``NONE`` for an unknown hash), ``rows`` is ``(ticket_id, at,
    seq, code)`` per event of those tickets, in no particular order. A row whose
    ``events`` are not what ``write_timelines`` writes for its count raises
    ``DamagedTimeline``.
    """
    found = read_rows(connection, _COLUMNS, _SOURCE, ids, "ticket_id")
    if not found:
        return np.zeros((0, 3), np.int64), np.zeros((0, 4), np.int64)
    head = np.array([row[:3] for row in found], dtype=np.int64)
    return head, unpacked_timelines(head, [row[3] for row in found])


def unpacked_timelines(head: Int64Array, blobs: Sequence[Any]) -> Int64Array:
    """The event rows ``(ticket_id, at, seq, code)`` of the packed ``blobs`` whose
    tickets' ``(ticket_id, event_count, …)`` are ``head`` (``read_timelines``)."""
    if not all(isinstance(blob, bytes | bytearray | memoryview) for blob in blobs):
        raise DamagedTimeline("a ticket timeline is not a packed one")
    counts = head[:, 1]
    sizes = np.fromiter(map(len, blobs), dtype=np.int64, count=len(blobs))
    compact = (counts > 0) & (sizes == 8 + 8 * counts)
    wide = (counts > 0) & (sizes == 24 * counts)
    if (counts < 0).any() or not (compact | wide | ((counts == 0) & (sizes == 0))).all():
        raise DamagedTimeline("a ticket timeline's event count and bytes disagree")
    parts = []
    if compact.any():
        chosen = np.flatnonzero(compact)
        words = np.frombuffer(b"".join(blobs[k] for k in chosen.tolist()), dtype=_WORD)
        per_ticket = counts[chosen] + 1
        header = np.cumsum(per_ticket) - per_ticket
        is_event = np.ones(words.size, dtype=bool)
        is_event[header] = False
        events = words[is_event]
        packed = events >> 32
        parts.append(
            np.column_stack(
                (
                    np.repeat(head[chosen, 0], counts[chosen]),
                    np.repeat(words[header], counts[chosen]) + (events & (_DELTA_SPAN - 1)),
                    packed // _CODE_SPAN,
                    packed % _CODE_SPAN,
                )
            )
        )
    for k in np.flatnonzero(wide).tolist():
        values = np.frombuffer(bytes(blobs[k]), dtype=_WORD).reshape(-1, 3)
        parts.append(np.column_stack((np.full(len(values), head[k, 0]), values)))
    if not parts:
        return np.zeros((0, 4), np.int64)
    return np.concatenate(parts).astype(np.int64, copy=False)


def write_timelines(
    connection: Connection, ticket_ids: Int64Array, rows: Int64Array, hashes: Int64Array
) -> None:
    """Insert the timelines of these tickets (which have none) from their event rows
    ``(ticket_id, at, seq, code)`` sorted by ticket, with their clock fingerprints."""
    if ticket_ids.size == 0:
        return
    starts = np.searchsorted(rows[:, 0], ticket_ids, side="left")
    ends = np.searchsorted(rows[:, 0], ticket_ids, side="right")
    write_columns(
        connection,
        TABLE,
        ("ticket_id", "event_count", "events", "clocks_hash"),
        [
            ticket_ids.tolist(),
            (ends - starts).tolist(),
            packed_timelines(rows, starts, ends),
            hashes.tolist(),
        ],
    )


def packed_timelines(rows: Int64Array, starts: Int64Array, ends: Int64Array) -> list[bytes]:
    """``ticket_timelines.events`` of each ticket whose event rows ``(ticket_id, at, seq,
    code)`` are ``rows[starts[i]:ends[i]]``, little-endian 64-bit words: compact, the
    ticket's earliest instant and then one word per event, its distance from that
    instant in the low 32 bits and ``seq * 512 + code`` above; or, for a ticket whose
    values do not fit that (a log of over four million events, or spanning over a
    century), wide: ``at, seq, code`` per event. No events: empty. The two forms differ
    in length for any count, so the count tells them apart (``read_timelines``)."""
    counts = ends - starts
    total = int(counts.sum())
    first_out = np.cumsum(counts) - counts
    taken = rows[np.repeat(starts - first_out, counts) + np.arange(total)] if total else rows[:0]
    owner = np.repeat(np.arange(counts.size), counts)
    has_events = counts > 0
    base = np.zeros(counts.size, dtype=np.int64)
    if total:
        base[has_events] = np.minimum.reduceat(taken[:, 1], first_out[has_events])
    delta = taken[:, 1] - base[owner]
    seq, code = taken[:, 2], taken[:, 3]
    fits = (
        (delta < _DELTA_SPAN) & (seq >= 0) & (seq < _SEQ_SPAN) & (code >= 0) & (code < _CODE_SPAN)
    )
    ticket_fits = np.ones(counts.size, dtype=bool)
    if total:
        ticket_fits[has_events] = np.logical_and.reduceat(fits, first_out[has_events])
    words = (delta | ((seq * _CODE_SPAN + code) << 32)).astype(_WORD)
    bases = base.astype(_WORD)
    packed = []
    for i, (low, high) in enumerate(
        zip(first_out.tolist(), (first_out + counts).tolist(), strict=True)
    ):
        if low == high:
            packed.append(b"")
        elif ticket_fits[i]:
            packed.append(bases[i : i + 1].tobytes() + words[low:high].tobytes())
        else:
            packed.append(taken[low:high, 1:].astype(_WORD).tobytes())
    return packed


def clock_hashes(ticket: Int64Array, fields: Int64Array, tickets: int) -> Int64Array:
    """A 64-bit fingerprint per ticket of its clock rows.

    ``ticket`` is each row's ticket position (``0 <= ticket < tickets``), ``fields`` the
    row's integer values (key and every stored column). Equal rows give equal
    fingerprints whatever their order; any change gives another one except with
    probability about 2**-64. Never ``NONE``, which stands for "unknown".
    """
    with np.errstate(over="ignore"):
        values = fields.astype(np.int64, copy=False).view(np.uint64)
        weights = _WEIGHTS[: values.shape[1]]
        row_hash = _mix((values * weights).sum(axis=1, dtype=np.uint64))
        total = np.zeros(tickets, dtype=np.uint64)
        np.add.at(total, ticket, row_hash)
        count = np.bincount(ticket, minlength=tickets).astype(np.uint64)
        result = _mix(total + count * _PER_ROW).view(np.int64)
    result[result == NONE] = NONE + 1
    return result


def _mix(values: NDArray[np.uint64]) -> NDArray[np.uint64]:
    """SplitMix64's finaliser: every input bit reaches every output bit."""
    values = values ^ (values >> np.uint64(30))
    values = values * _MIX_1
    values = values ^ (values >> np.uint64(27))
    values = values * _MIX_2
    return values ^ (values >> np.uint64(31))
