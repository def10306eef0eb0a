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
Both evaluations are the recompute's: the column engine (``domain.clock.columns``), so a
draft, once saved and recomputed, gives the clocks the replay showed.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from sqlalchemy.orm import Session

from slaworkbench.app.policies.files import exact_duration_text
from slaworkbench.app.policies.lint import shadowing_of
from slaworkbench.domain.agreement.variants import replace_policy
from slaworkbench.domain.clock.columns import evaluate_columns
from slaworkbench.domain.clock.events import EventColumns, columns_of
from slaworkbench.domain.clock.results import to_evaluations
from slaworkbench.domain.labels import metric_label, priority_label
from slaworkbench.domain.model import (
    ClockState,
    Instant,
    Metric,
    MetricResult,
    Priority,
    TicketEvaluation,
)
from slaworkbench.domain.policy import Policy, select_policy
from slaworkbench.i18n import tr
from slaworkbench.store.agreements.calendars import with_customer_calendars
from slaworkbench.store.policies.editing import (
    TicketHistory,
    count_tickets_created,
    load_policies_in_order,
    ticket_histories,
)
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


def tally_cycles(result: MetricResult | None, start: Instant, end: Instant) -> Tally:
    """The clocks of one metric of one ticket that count for the period."""
    if result is None:
        return Tally()
    achieved = breached = running = 0
    for cycle in result.cycles:
        if cycle.stopped_at is None:
            running += 1
        elif start <= cycle.stopped_at < end:
            if cycle.state is ClockState.BREACHED:
                breached += 1
            elif cycle.state is ClockState.ACHIEVED:
                achieved += 1
    return Tally(achieved, breached, running)


def outcome_of(result: MetricResult | None) -> str:
    worst = None if result is None else result.worst
    if worst is None:
        return Outcome.NOT_MEASURED
    if worst.state is ClockState.BREACHED:
        return Outcome.BREACHED
    if worst.stopped_at is None:
        return Outcome.IN_PROGRESS
    return Outcome.ACHIEVED


def _evaluate(
    events: EventColumns, chosen: Sequence[Policy | None], now: Instant
) -> list[TicketEvaluation]:
    """The evaluation of ticket ``i`` of ``events`` under ``chosen[i]`` (``None``: no SLA)."""
    pool: list[Policy] = []
    position: dict[int, int] = {}
    codes = []
    for policy in chosen:
        if policy is None:
            codes.append(-1)
            continue
        code = position.get(id(policy))
        if code is None:
            code = position[id(policy)] = len(pool)
            pool.append(policy)
        codes.append(code)
    policy_index = np.array(codes, dtype=np.int64)
    columns = evaluate_columns(events, policy_index, pool, now)
    return to_evaluations(columns, policy_index, pool, now)


def compare_chunk(
    chunk: Sequence[TicketHistory],
    current: Sequence[Policy],
    proposed: Sequence[Policy],
    draft_id: int,
    now: Instant,
) -> list[tuple[TicketEvaluation, TicketEvaluation]]:
    """Per ticket, its evaluation under ``current`` and under ``proposed`` policies.

    A ticket whose policy is the same in both (and is not the draft's) gets the very same
    evaluation object twice, so ``before is after`` tells it cannot have changed.
    """
    before = [select_policy(current, history.facts) for history in chunk]
    after = [select_policy(proposed, history.facts) for history in chunk]
    changed = [
        new is not old or (old is not None and old.id == draft_id)
        for old, new in zip(before, after, strict=True)
    ]
    events = columns_of([history.events for history in chunk])
    olds = _evaluate(events, before, now)
    news = _evaluate(
        events, [new if moved else None for new, moved in zip(after, changed, strict=True)], now
    )
    return [
        (old, new if moved else old) for old, new, moved in zip(olds, news, changed, strict=True)
    ]


def replay(
    histories: Iterable[Sequence[TicketHistory]],
    current: Sequence[Policy],
    draft: Policy,
    start: Instant,
    end: Instant,
    now: Instant,
    *,
    total: int = 0,
    progress: Progress | None = None,
    check_cancelled: Callable[[], None] | None = None,
    position: int | None = None,
) -> WhatIfResult:
    """The what-if over already loaded ticket histories (see ``run_whatif``)."""
    proposed = policies_with_draft(current, draft, position)
    before: dict[tuple[Metric, Priority], Tally] = {}
    after: dict[tuple[Metric, Priority], Tally] = {}
    flips: list[Flip] = []
    done = 0
    for chunk in histories:
        if check_cancelled is not None:
            check_cancelled()
        compared = compare_chunk(chunk, current, proposed, draft.id, now)
        for history, (old_eval, new_eval) in zip(chunk, compared, strict=True):
            priority = history.facts.priority
            for totals, evaluation in ((before, old_eval), (after, new_eval)):
                for metric, result in evaluation.results.items():
                    key = (metric, priority)
                    totals[key] = totals.get(key, Tally()).add(tally_cycles(result, start, end))
            if new_eval is old_eval:
                continue
            for metric in Metric:
                was = outcome_of(old_eval.results.get(metric))
                becomes = outcome_of(new_eval.results.get(metric))
                if was != becomes:
                    flips.append(
                        Flip(
                            history.id,
                            history.external_id,
                            history.subject,
                            priority,
                            metric,
                            was,
                            becomes,
                        )
                    )
        done += len(chunk)
        if progress is not None:
            progress(done, max(total, done), tr("Replaying tickets…"))
    keys = sorted(
        set(before) | set(after),
        key=lambda key: (list(Metric).index(key[0]), list(Priority).index(key[1])),
    )
    rows = tuple(
        ComplianceRow(
            metric,
            priority,
            before.get((metric, priority), Tally()),
            after.get((metric, priority), Tally()),
        )
        for metric, priority in keys
    )
    saved = next((policy for policy in current if policy.id == draft.id), None)
    shadowing = shadowing_of(proposed, draft.id)
    return WhatIfResult(
        draft_name=draft.name,
        period_start=start,
        period_end=end,
        evaluated_at=now,
        tickets=done,
        rows=rows,
        flips=tuple(flips),
        changes=draft_changes(saved, draft, position),
        warnings=() if shadowing is None else (shadowing.sentence(),),
    )


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
        total = count_tickets_created(session, start, end)
        if progress is not None:
            progress(0, total, tr("Replaying tickets…"))
        result = replay(
            ticket_histories(session, start, end),
            current,
            draft,
            start,
            end,
            instant,
            total=total,
            progress=progress,
            check_cancelled=check_cancelled,
            position=position,
        )
        session.rollback()
    return result
