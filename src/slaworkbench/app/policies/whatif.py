"""What-if: replay a draft (unsaved) policy over a period of history, change nothing.

The tickets created in the period are evaluated twice at the same instant ``now``: under
the current policies ("now"), and under the same list with the draft in place of the
policy it edits ("with the draft"; a new draft goes where the editor will put it). A
draft that can never apply there (a catch-all above it takes every ticket) is warned
about in ``WhatIfResult.warnings``. Compliance per metric and
priority follows docs/SLA_SEMANTICS.md, "Reports count": achieved / (achieved +
breached) among clocks that stopped in the period; clocks still running are counted
apart. A ticket *flips* when its result for a metric (the worst cycle) changes.

The priority of a row is the ticket's current priority, the one policies select on.
Both evaluations are the recompute's: its reading of a chunk of tickets as columns
(``store.clocks.read.read_chunk``, the events from the cached timelines) and its column
engine (``domain.clock.columns``), so a draft, once saved and recomputed, gives the
clocks the replay showed. The tallies and the flips are counted from the engine's
columns too: no object per ticket or cycle (90 days of the 1M demo, 256,685 tickets:
91 s of CPU as objects, 5.5 s as columns; docs/perf/window.md).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from sqlalchemy.orm import Session

from slaworkbench.app.policies.files import exact_duration_text
from slaworkbench.app.policies.lint import shadowing_of
from slaworkbench.domain.agreement.variants import replace_policy
from slaworkbench.domain.clock.columns import evaluate_columns
from slaworkbench.domain.clock.events import PRIORITIES, Int64Array
from slaworkbench.domain.clock.results import METRICS, NONE, STATES, ClockColumns
from slaworkbench.domain.labels import metric_label, priority_label
from slaworkbench.domain.model import (
    ClockState,
    Instant,
    Metric,
    Priority,
)
from slaworkbench.domain.policy import Policy
from slaworkbench.domain.sorting import lexsort_order
from slaworkbench.i18n import tr
from slaworkbench.store.agreements.calendars import with_customer_calendars
from slaworkbench.store.clocks.read import TicketChunk, priorities_and_choices, read_chunk
from slaworkbench.store.policies.editing import created_ids, load_policies_in_order, ticket_labels
from slaworkbench.store.workspace import Workspace

Progress = Callable[[int, int, str], None]


class WhatIfError(ValueError):
    """The replay cannot run as asked; the message says what to change."""


class Outcome:
    """A ticket's result for one metric, as the flip list names it."""

    ACHIEVED = "achieved"
    BREACHED = "breached"
    IN_PROGRESS = "in_progress"
    NOT_MEASURED = "not_measured"


def outcome_label(outcome: str) -> str:
    return {
        Outcome.ACHIEVED: tr("achieved"),
        Outcome.BREACHED: tr("breached"),
        Outcome.IN_PROGRESS: tr("in progress"),
        Outcome.NOT_MEASURED: tr("not measured"),
    }[outcome]


@dataclass(frozen=True)
class Tally:
    achieved: int = 0
    breached: int = 0
    running: int = 0
    """Clocks not stopped yet (listed apart, never counted in the percentage)."""

    @property
    def judged(self) -> int:
        return self.achieved + self.breached

    @property
    def compliance(self) -> float | None:
        """achieved / (achieved + breached), or ``None`` when nothing stopped."""
        return self.achieved / self.judged if self.judged else None

    def add(self, other: Tally) -> Tally:
        return Tally(
            self.achieved + other.achieved,
            self.breached + other.breached,
            self.running + other.running,
        )


@dataclass(frozen=True)
class ComplianceRow:
    metric: Metric
    priority: Priority
    before: Tally
    after: Tally


@dataclass(frozen=True)
class Flip:
    ticket_id: int
    external_id: str | None
    subject: str
    priority: Priority
    metric: Metric
    before: str
    after: str


@dataclass(frozen=True)
class WhatIfResult:
    draft_name: str
    period_start: Instant
    period_end: Instant
    evaluated_at: Instant
    tickets: int
    rows: tuple[ComplianceRow, ...]
    flips: tuple[Flip, ...]
    changes: tuple[str, ...] = ()
    """What the draft changes against the saved version, one sentence each."""
    warnings: tuple[str, ...] = ()
    """Why the draft can never apply where it stands, if it cannot."""

    def row(self, metric: Metric, priority: Priority) -> ComplianceRow | None:
        for row in self.rows:
            if row.metric is metric and row.priority is priority:
                return row
        return None


def current_policies(session: Session) -> list[Policy]:
    """Every policy's current version in evaluation order, with the customer-calendar
    variants of agreements: the list the recompute judges by (active or not)."""
    return with_customer_calendars(session, load_policies_in_order(session))


def policies_with_draft(
    policies: Sequence[Policy], draft: Policy, position: int | None = None
) -> list[Policy]:
    """The ordered list with ``draft`` in place of the policy of the same id; a new draft
    is inserted at ``position`` (0 = tried first; ``None``: last)."""
    replaced = replace_policy(policies, draft)  # customer-calendar variants too
    if all(policy.id != draft.id for policy in policies):
        at = len(replaced) if position is None else max(0, min(position, len(replaced)))
        replaced.insert(at, draft)
    return replaced


def _where(priority: Priority, metric: Metric) -> str:
    return f"{priority_label(priority)} · {metric_label(metric)}"


def draft_changes(
    saved: Policy | None, draft: Policy, position: int | None = None
) -> tuple[str, ...]:
    """What replaying ``draft`` changes, in words; a target says whether it gets tighter.

    ``1d`` is 24 hours of *business* time, so ``1d 12h`` is tighter than ``1d 16h``:
    spelling that out keeps a "looser" draft from hiding a tighter cell.
    """
    if saved is None:
        if position is None:
            return (tr("A new policy, tried after every existing one."),)
        return (tr("A new policy, tried in position {n}.").format(n=position + 1),)
    changes: list[str] = []
    for priority in Priority:
        for metric in Metric:
            old, new = saved.target(priority, metric), draft.target(priority, metric)
            if old == new:
                continue
            where = _where(priority, metric)
            if new is None:
                text = tr("{where}: no longer measured (was {old}).")
            elif old is None:
                text = tr("{where}: now measured, {new}.")
            elif new < old:
                text = tr("{where}: {old} → {new}, tighter by {by}.")
            else:
                text = tr("{where}: {old} → {new}, looser by {by}.")
            changes.append(
                text.format(
                    where=where,
                    old=exact_duration_text(old or 0),
                    new=exact_duration_text(new or 0),
                    by=exact_duration_text(abs((new or 0) - (old or 0))),
                )
            )
    if saved.conditions != draft.conditions:
        changes.append(tr("Other conditions: the draft applies to other tickets."))
    if saved.calendar.name != draft.calendar.name:
        changes.append(
            tr("Calendar: {old} → {new}.").format(old=saved.calendar.name, new=draft.calendar.name)
        )
    if saved.pause_statuses != draft.pause_statuses:
        changes.append(
            tr("Paused while: {old} → {new}.").format(
                old=", ".join(sorted(s.value for s in saved.pause_statuses)) or "—",
                new=", ".join(sorted(s.value for s in draft.pause_statuses)) or "—",
            )
        )
    if saved.active != draft.active:
        changes.append(tr("Switched on.") if draft.active else tr("Switched off."))
    return tuple(changes)


# --- the replay, as columns ---------------------------------------------------------------

_OUTCOMES = (Outcome.NOT_MEASURED, Outcome.ACHIEVED, Outcome.BREACHED, Outcome.IN_PROGRESS)
"""Outcome code -> outcome of a metric's cycles (the worst cycle's)."""
_ACHIEVED, _BREACHED = STATES.index(ClockState.ACHIEVED), STATES.index(ClockState.BREACHED)
_CELLS = len(METRICS) * len(PRIORITIES)


@dataclass(frozen=True, slots=True)
class ComparedChunk:
    """A chunk of tickets evaluated under the current policies and with the draft."""

    ids: Int64Array
    priority: Int64Array
    """Per ticket, its current priority's code in ``PRIORITIES``."""
    before_policy: Int64Array
    """Per ticket, the position in the current list of the policy it follows (-1)."""
    after_policy: Int64Array
    """Per ticket, the position in the list with the draft (-1)."""
    changed: NDArray[np.bool_]
    """Per ticket, whether its policy with the draft is another, or the draft's own;
    the others cannot have changed and are not evaluated again."""
    before: ClockColumns
    after: ClockColumns
    """The changed tickets' clocks with the draft (the others have no cycles here)."""


def compare_chunk(
    chunk: TicketChunk,
    priority: Int64Array,
    after_policy: Int64Array,
    current: Sequence[Policy],
    proposed: Sequence[Policy],
    draft_id: int,
    now: Instant,
) -> ComparedChunk:
    """The tickets of ``chunk`` (read for ``current``) under both lists at ``now``:
    ``after_policy`` is each one's position in ``proposed``. Both are the recompute's
    column engine, the same clocks a saved draft would store."""
    before_policy = chunk.policy_index
    same = {id(policy): position for position, policy in enumerate(proposed)}
    mapped = np.array([same.get(id(policy), -2) for policy in current] + [-1], dtype=np.int64)
    drafted = np.array([policy.id == draft_id for policy in current] + [False], dtype=bool)
    changed = (after_policy != mapped[before_policy]) | drafted[before_policy]
    before = evaluate_columns(chunk.events, before_policy, current, now)
    after = evaluate_columns(chunk.events, np.where(changed, after_policy, -1), proposed, now)
    return ComparedChunk(
        chunk.ids, priority, before_policy, after_policy, changed, before, after
    )  # fmt: skip


def _tallies(
    columns: ClockColumns,
    priority: Int64Array,
    tickets: NDArray[np.bool_],
    start: Instant,
    end: Instant,
) -> NDArray[np.int64]:
    """Per cell (metric code × priority code): cycles, achieved, breached and running of
    the cycles of the ``tickets`` marked: a cycle not stopped runs; one stopped in
    ``[start, end)`` counts as achieved or breached; others not at all."""  # fmt: skip
    rows = tickets[columns.ticket]
    cell = (columns.metric * len(PRIORITIES) + priority[columns.ticket])[rows]
    stopped_at, state = columns.stopped_at[rows], columns.state[rows]
    running = stopped_at == NONE
    counted = ~running & (stopped_at >= start) & (stopped_at < end)
    return np.stack(
        [
            np.bincount(cell, minlength=_CELLS),
            np.bincount(cell, weights=counted & (state == _ACHIEVED), minlength=_CELLS),
            np.bincount(cell, weights=counted & (state == _BREACHED), minlength=_CELLS),
            np.bincount(cell, weights=running, minlength=_CELLS),
        ]
    ).astype(np.int64)


def _outcomes(columns: ClockColumns, count: int) -> NDArray[np.int64]:
    """Per ticket and metric code, the code in ``_OUTCOMES`` of its worst cycle
    (``MetricResult.worst``: a breached one, else the one with the least time left, the
    first of equals in cycle order): breached, in progress (not stopped), achieved; not
    measured without a cycle."""
    found = np.zeros((count, len(METRICS)), dtype=np.int64)
    breached = columns.state == _BREACHED
    order = lexsort_order(
        (columns.remaining, (~breached).astype(np.int64), columns.metric, columns.ticket)
    )
    ticket, metric = columns.ticket[order], columns.metric[order]
    first = np.ones(order.size, dtype=bool)
    first[1:] = (ticket[1:] != ticket[:-1]) | (metric[1:] != metric[:-1])
    worst = order[first]
    found[columns.ticket[worst], columns.metric[worst]] = np.where(
        breached[worst], 2, np.where(columns.stopped_at[worst] == NONE, 3, 1)
    )
    return found


def replay(
    chunks: Iterable[ComparedChunk],
    current: Sequence[Policy],
    draft: Policy,
    start: Instant,
    end: Instant,
    now: Instant,
    *,
    describe: Callable[[Sequence[int]], Mapping[int, tuple[str | None, str]]],
    total: int = 0,
    progress: Progress | None = None,
    check_cancelled: Callable[[], None] | None = None,
    position: int | None = None,
) -> WhatIfResult:
    """The what-if over compared chunks (see ``run_whatif``); ``describe(ids)`` gives
    the external id and subject of the tickets that flip."""
    proposed = policies_with_draft(current, draft, position)
    before = np.zeros((4, _CELLS), dtype=np.int64)
    after = np.zeros((4, _CELLS), dtype=np.int64)
    flipped: list[tuple[int, int, Metric, str, str]] = []
    done = 0
    for chunk in chunks:
        if check_cancelled is not None:
            check_cancelled()
        every = np.ones(chunk.ids.size, dtype=bool)
        before += _tallies(chunk.before, chunk.priority, every, start, end)
        after += _tallies(chunk.before, chunk.priority, ~chunk.changed, start, end)
        after += _tallies(chunk.after, chunk.priority, chunk.changed, start, end)
        was = _outcomes(chunk.before, chunk.ids.size)
        becomes = _outcomes(chunk.after, chunk.ids.size)
        for metric in Metric:
            code = METRICS.index(metric)
            moved = np.flatnonzero(chunk.changed & (was[:, code] != becomes[:, code]))
            flipped += (
                (int(chunk.ids[i]), int(chunk.priority[i]), metric, _OUTCOMES[was[i, code]],
                 _OUTCOMES[becomes[i, code]])
                for i in moved.tolist()
            )  # fmt: skip
        done += int(chunk.ids.size)
        if progress is not None:
            progress(done, max(total, done), tr("Replaying tickets…"))
    order = {metric: n for n, metric in enumerate(Metric)}
    flipped.sort(key=lambda flip: (flip[0], order[flip[2]]))
    described = describe(sorted({flip[0] for flip in flipped}))
    flips = tuple(
        Flip(ticket, *described[ticket], PRIORITIES[priority], metric, was, becomes)
        for ticket, priority, metric, was, becomes in flipped
    )
    rows = tuple(
        ComplianceRow(
            metric,
            priority,
            Tally(*(int(v) for v in before[1:, cell])),
            Tally(*(int(v) for v in after[1:, cell])),
        )
        for metric in Metric
        for priority in Priority
        if (before[0, cell := METRICS.index(metric) * len(PRIORITIES) + PRIORITIES.index(priority)]
            or after[0, cell])
    )  # fmt: skip
    saved = next((policy for policy in current if policy.id == draft.id), None)
    shadowing = shadowing_of(proposed, draft.id)
    return WhatIfResult(
        draft_name=draft.name,
        period_start=start,
        period_end=end,
        evaluated_at=now,
        tickets=done,
        rows=rows,
        flips=flips,
        changes=draft_changes(saved, draft, position),
        warnings=() if shadowing is None else (shadowing.sentence(),),
    )


def compared_chunks(
    session: Session,
    current: Sequence[Policy],
    proposed: Sequence[Policy],
    draft_id: int,
    ids: Int64Array,
    now: Instant,
    *,
    size: int = 5_000,
) -> Iterator[ComparedChunk]:
    """The tickets ``ids`` (ascending) read as the recompute reads them, ``size`` at a
    time, and compared (``compare_chunk``)."""
    connection = session.connection()
    after_id = -1
    while (
        chunk := read_chunk(
            connection, current, after_id=after_id, limit=size, only_open=False, among=ids
        )
    ) is not None:
        priority, after_policy = priorities_and_choices(connection, chunk.ids, proposed)
        yield compare_chunk(chunk, priority, after_policy, current, proposed, draft_id, now)
        after_id = int(chunk.ids[-1])


def run_whatif(
    workspace: Workspace,
    draft: Policy,
    start: Instant,
    end: Instant,
    *,
    now: Instant | None = None,
    progress: Progress | None = None,
    check_cancelled: Callable[[], None] | None = None,
    position: int | None = None,
) -> WhatIfResult:
    """Replay ``draft`` over the tickets created in ``[start, end)``; nothing is written.

    ``draft.id`` names the policy it edits (0 or an unknown id: a new policy, tried at
    ``position``, last when ``None``).
    Runs in a read-only session; ``progress(done, total, text)`` reports tickets done and
    ``check_cancelled()`` may raise to stop between chunks.
    """
    if end <= start:
        raise WhatIfError(tr("The period ends before it starts; pick a later end date."))
    instant = int(time.time()) if now is None else now
    with workspace.session() as session:
        current = current_policies(session)
        ids = created_ids(session, start, end)
        if progress is not None:
            progress(0, int(ids.size), tr("Replaying tickets…"))
        proposed = policies_with_draft(current, draft, position)
        result = replay(
            compared_chunks(session, current, proposed, draft.id, ids, instant),
            current,
            draft,
            start,
            end,
            instant,
            describe=lambda flipped: ticket_labels(session, flipped),
            total=int(ids.size),
            progress=progress,
            check_cancelled=check_cancelled,
            position=position,
        )
        session.rollback()
    return result
