"""A stopped cycle keeps its verdict: merging stored stopped cycles into a new evaluation.

A stopped cycle is judged once, by the policy version, calendar and target in force when
it stopped, and keeps that verdict until an explicit re-baseline (docs/SLA_SEMANTICS.md,
"Policy changes and history"). Every path that rewrites a ticket's clocks therefore
merges what the engine computes now with the ticket's stored stopped cycles:

- A cycle is identified by its ticket, metric and start instant; cycles of one metric
  that start in the same second are told apart by their order (cycle index).
- A new cycle that is a stored stopped cycle is replaced by the stored one, values and
  policy version alike, as long as the new evaluation still shows it stopped, at the
  stored stop or before it. A stored stopped cycle the new evaluation shows running or
  paused (a reopened ticket continues its resolution clock) or stopped later (it ran
  again after the recorded stop: solved, reopened and solved again) is no longer a
  stopped cycle with that verdict: the new cycle is taken as computed, judged at its
  last stop. A stored stopped cycle the new evaluation no longer has (the ticket now
  follows a policy that does not measure it, say) is kept as well.
- The other new cycles (running, paused, and cycles that stopped since they were last
  stored) are taken as computed. One whose number a kept cycle of its metric already
  has is numbered after the highest number of that ticket's metric, in order.

Everything is numpy over columns (one sort per step), so the recompute's column path
stays columnar; the single-ticket path uses the same function with one ticket.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from slaworkbench.domain.clock.events import BoolArray, Int64Array
from slaworkbench.domain.clock.results import NONE, ClockColumns, summarised
from slaworkbench.domain.sorting import lexsort_order


@dataclass(frozen=True, slots=True)
class StoredCycles:
    """Stored stopped cycles as columns (``NONE`` = no instant); ``ticket`` is the
    ticket's position in the batch, ``version`` its ``policy_version_id`` (-1: none),
    ``priority`` the code of the priority it was judged under."""

    ticket: Int64Array
    metric: Int64Array
    index: Int64Array
    started_at: Int64Array
    stopped_at: Int64Array
    state: Int64Array
    target: Int64Array
    elapsed: Int64Array
    due_at: Int64Array
    breached_at: Int64Array
    at_risk: BoolArray
    risk_at: Int64Array
    version: Int64Array
    priority: Int64Array
    """Code in ``PRIORITIES`` of the priority that judged the cycle (-1: not known)."""

    @property
    def size(self) -> int:
        return int(self.ticket.size)


def no_stored_cycles() -> StoredCycles:
    nothing = np.zeros(0, dtype=np.int64)
    return StoredCycles(
        ticket=nothing,
        metric=nothing,
        index=nothing,
        started_at=nothing,
        stopped_at=nothing,
        state=nothing,
        target=nothing,
        elapsed=nothing,
        due_at=nothing,
        breached_at=nothing,
        at_risk=np.zeros(0, dtype=bool),
        risk_at=nothing,
        version=nothing,
        priority=nothing,
    )


@dataclass(frozen=True, slots=True)
class Merged:
    """The merged cycles of a batch with their summaries, and per cycle its policy
    version and whether it is a stored stopped cycle kept as it was."""

    columns: ClockColumns
    version: Int64Array
    kept: BoolArray
    ran_again: BoolArray
    """Per stored cycle (in the order given), whether the new evaluation shows it ran
    again after its recorded stop: its verdict is replaced, not kept."""


def _occurrence(
    ticket: Int64Array, metric: Int64Array, start: Int64Array, index: Int64Array
) -> Int64Array:
    """Per cycle, its position among the cycles of its ticket and metric that start in
    the same second (0 for nearly every cycle)."""
    order = lexsort_order((index, start, metric, ticket))
    t, m, s = ticket[order], metric[order], start[order]
    first = np.ones(order.size, dtype=bool)
    first[1:] = (t[1:] != t[:-1]) | (m[1:] != m[:-1]) | (s[1:] != s[:-1])
    group_start = np.maximum.accumulate(np.where(first, np.arange(order.size), 0))
    occurrence = np.empty(order.size, dtype=np.int64)
    occurrence[order] = np.arange(order.size) - group_start
    return occurrence


def _found_in(keys_a: tuple[Int64Array, ...], keys_b: tuple[Int64Array, ...]) -> BoolArray:
    """Per row of ``a``, whether a row of ``b`` has the same keys (rows of ``b`` are
    distinct)."""
    found: BoolArray = _match_in(keys_a, keys_b) >= 0
    return found


def _match_in(keys_a: tuple[Int64Array, ...], keys_b: tuple[Int64Array, ...]) -> Int64Array:
    """Per row of ``a``, the row of ``b`` with the same keys (-1: none; rows of ``b``
    are distinct)."""
    count_a = keys_a[0].size
    if count_a == 0 or keys_b[0].size == 0:
        return np.full(count_a, -1, dtype=np.int64)
    both = [np.concatenate((a, b)) for a, b in zip(keys_a, keys_b, strict=True)]
    source = np.concatenate((np.ones(count_a, np.int64), np.zeros(keys_b[0].size, np.int64)))
    order = lexsort_order((source, *reversed(both)))  # b's row first among equal keys
    same_as_previous = np.ones(order.size - 1, dtype=bool)
    for column in both:
        ordered = column[order]
        same_as_previous &= ordered[1:] == ordered[:-1]
    hit = np.zeros(order.size, dtype=bool)
    hit[1:] = same_as_previous & (source[order][:-1] == 0) & (source[order][1:] == 1)
    match = np.full(count_a, -1, dtype=np.int64)
    rows = np.flatnonzero(hit)
    match[order[rows]] = order[rows - 1] - count_a
    return match


def keep_stopped(
    count: int, new: ClockColumns, new_version: Int64Array, stored: StoredCycles
) -> Merged:
    """Merge the stored stopped cycles of ``count`` tickets into their new cycles (see
    the module docstring). ``new_version`` is each new cycle's policy version."""
    if stored.size == 0:
        nothing = np.zeros(0, dtype=bool)
        return Merged(new, new_version, np.zeros(new.ticket.size, dtype=bool), nothing)
    new_id = (
        new.ticket,
        new.metric,
        new.started_at,
        _occurrence(new.ticket, new.metric, new.started_at, new.index),
    )
    stored_id: tuple[Int64Array, ...] = (
        stored.ticket,
        stored.metric,
        stored.started_at,
        _occurrence(stored.ticket, stored.metric, stored.started_at, stored.index),
    )
    ran_again = _ran_again(stored, stored_id, new, new_id)
    if ran_again.any():
        still = np.flatnonzero(~ran_again)
        stored = _only(stored, still)
        stored_id = tuple(key[still] for key in stored_id)
    taken = np.flatnonzero(~_found_in(new_id, stored_id))  # new cycles not stored stopped

    index = new.index[taken].copy()
    clash = _found_in(
        (new.ticket[taken], new.metric[taken], index),
        (stored.ticket, stored.metric, stored.index),
    )
    if clash.any():
        index = _renumbered(new.ticket[taken], new.metric[taken], index, clash, stored)

    def both(stored_values: Int64Array, new_values: Int64Array) -> Int64Array:
        return np.concatenate((stored_values, new_values[taken]))

    ticket = both(stored.ticket, new.ticket)
    metric = both(stored.metric, new.metric)
    numbers = np.concatenate((stored.index, index))
    order = lexsort_order((numbers, metric, ticket))
    stopped_at = both(stored.stopped_at, new.stopped_at)[order]
    columns = summarised(
        count,
        ticket=ticket[order],
        metric=metric[order],
        index=numbers[order],
        started_at=both(stored.started_at, new.started_at)[order],
        stopped=stopped_at != NONE,
        stopped_at=stopped_at,
        state=both(stored.state, new.state)[order],
        target=both(stored.target, new.target)[order],
        elapsed=both(stored.elapsed, new.elapsed)[order],
        due_at=both(stored.due_at, new.due_at)[order],
        breached_at=both(stored.breached_at, new.breached_at)[order],
        at_risk=np.concatenate((stored.at_risk, new.at_risk[taken]))[order],
        risk_at=both(stored.risk_at, new.risk_at)[order],
        priority=both(stored.priority, new.priority)[order],
    )
    kept = np.concatenate((np.ones(stored.size, bool), np.zeros(taken.size, bool)))[order]
    return Merged(columns, both(stored.version, new_version)[order], kept, ran_again)


def _ran_again(
    stored: StoredCycles,
    stored_id: tuple[Int64Array, ...],
    new: ClockColumns,
    new_id: tuple[Int64Array, ...],
) -> BoolArray:
    """Per stored stopped cycle, whether the new evaluation has it (same identity) and
    shows it running, paused, or stopped after the recorded stop."""
    match = _match_in(stored_id, new_id)
    found = match >= 0
    if not found.any():
        return found
    stop = np.where(found, new.stopped_at[np.maximum(match, 0)], NONE)
    ran_again: BoolArray = found & ((stop == NONE) | (stop > stored.stopped_at))
    return ran_again


def _only(stored: StoredCycles, rows: Int64Array) -> StoredCycles:
    """The stored cycles at ``rows``."""
    return StoredCycles(
        ticket=stored.ticket[rows],
        metric=stored.metric[rows],
        index=stored.index[rows],
        started_at=stored.started_at[rows],
        stopped_at=stored.stopped_at[rows],
        state=stored.state[rows],
        target=stored.target[rows],
        elapsed=stored.elapsed[rows],
        due_at=stored.due_at[rows],
        breached_at=stored.breached_at[rows],
        at_risk=stored.at_risk[rows],
        risk_at=stored.risk_at[rows],
        version=stored.version[rows],
        priority=stored.priority[rows],
    )


def _renumbered(
    ticket: Int64Array,
    metric: Int64Array,
    index: Int64Array,
    clash: BoolArray,
    stored: StoredCycles,
) -> Int64Array:
    """``index`` with every clashing cycle numbered after the highest number its ticket's
    metric has (stored or new), in the order of their old numbers."""
    all_ticket = np.concatenate((stored.ticket, ticket))
    all_metric = np.concatenate((stored.metric, metric))
    all_index = np.concatenate((stored.index, index))
    groups, group_of = np.unique(
        np.column_stack((all_ticket, all_metric)), axis=0, return_inverse=True
    )
    group_of = group_of.reshape(-1)
    highest = np.full(len(groups), -1, dtype=np.int64)
    np.maximum.at(highest, group_of, all_index)
    mine = group_of[stored.size :]
    rows = np.flatnonzero(clash)
    order = rows[lexsort_order((index[rows], mine[rows]))]
    ordered_group = mine[order]
    first = np.ones(order.size, dtype=bool)
    first[1:] = ordered_group[1:] != ordered_group[:-1]
    group_start = np.maximum.accumulate(np.where(first, np.arange(order.size), 0))
    result = index.copy()
    result[order] = highest[ordered_group] + 1 + (np.arange(order.size) - group_start)
    return result
