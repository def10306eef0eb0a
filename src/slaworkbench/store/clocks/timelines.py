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

import warnings
from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray
from sqlalchemy import Connection, Table, delete

from slaworkbench.domain.clock.results import NONE
from slaworkbench.store.clocks.transfer import INT64_MIN_SQL, insert_rows, read_int_lists
from slaworkbench.store.schema import TicketTimeline

Int64Array = NDArray[np.int64]
TABLE = "ticket_timelines"
_FORGET_BATCH = 500
_HEAD = ("ticket_id", "event_count", f"COALESCE(clocks_hash, {INT64_MIN_SQL})")
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
    seq, code)`` per event of those tickets, in no particular order.
    """
    try:
        with warnings.catch_warnings():  # older numpy warns and stops at a non-number
            warnings.simplefilter("ignore", DeprecationWarning)
            head, body = read_int_lists(connection, _HEAD, "events", _SOURCE, ids, "ticket_id")
    except ValueError as error:  # newer numpy refuses a text that is not all numbers
        raise DamagedTimeline(str(error)) from error
    counts = head[:, 1]
    if (counts < 0).any() or int(counts.sum()) * 3 != body.size:
        raise DamagedTimeline("a ticket timeline's event count and text disagree")
    events = body.reshape(-1, 3)
    owner = np.repeat(head[:, 0], counts)
    return head, np.column_stack((owner, events)) if events.size else np.zeros((0, 4), np.int64)


def write_timelines(
    connection: Connection, ticket_ids: Int64Array, rows: Int64Array, hashes: Int64Array
) -> None:
    """Insert the timelines of these tickets (which have none) from their event rows
    ``(ticket_id, at, seq, code)`` sorted by ticket, with their clock fingerprints."""
    if ticket_ids.size == 0:
        return
    starts = np.searchsorted(rows[:, 0], ticket_ids, side="left")
    ends = np.searchsorted(rows[:, 0], ticket_ids, side="right")
    # One flat list of numbers as text (a 2-D ``tolist`` builds a list per event).
    numbers = list(map(str, rows[:, 1:].ravel().tolist()))
    texts = [
        ",".join(numbers[start * 3 : end * 3])
        for start, end in zip(starts.tolist(), ends.tolist(), strict=True)
    ]
    insert_rows(
        connection,
        TABLE,
        ("ticket_id", "event_count", "events", "clocks_hash"),
        list(
            zip(
                ticket_ids.tolist(),
                (ends - starts).tolist(),
                texts,
                hashes.tolist(),
                strict=True,
            )
        ),
    )


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
