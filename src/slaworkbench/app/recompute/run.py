"""Re-evaluate the SLA clocks of many tickets (after a policy or calendar save, an import,
or a re-baseline). Qt-free; ``ui/window/recompute_controller.py`` runs it on the writer thread.

Tickets are read in chunks ordered by id; each chunk is read as columns
(``store.clocks_read``), evaluated with the column engine (``domain.clock_columns``) and
written back as the difference to what is stored (``store.clocks_bulk``), all in its
own write transaction, so a cancel between chunks leaves every ticket with either its
old or its new clocks, never a mix within one ticket. Open tickets follow the current
versions of the active policies, but a cycle that has stopped keeps the verdict it was
stored with (``domain.clock.verdicts``). A re-baseline (``only_open=False`` over every
ticket) re-judges closed tickets and stopped cycles too, and records who and why.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from sqlalchemy import Connection, Table, func, select
from sqlalchemy.orm import Session

from slaworkbench.app.ola.held_samples import fill_held_samples
from slaworkbench.app.permissions import Role, require
from slaworkbench.app.recompute.affected import (
    META_REBASELINE_VERSIONS,
    Moves,
    affected_tickets,
    move_to_new_versions,
    versions_in_force,
)
from slaworkbench.app.recompute.derived import (
    META_DERIVED_INPUTS,
    DerivedPlan,
    derived_inputs_fingerprint,
)
from slaworkbench.app.recompute.ola import refresh_ola_cycles, verify_ola_cycles
from slaworkbench.app.recompute.open_selection import select_open_tickets
from slaworkbench.domain.clock.columns import evaluate_columns
from slaworkbench.domain.clock.results import METRICS, SLA_STATES
from slaworkbench.domain.policy import Policy
from slaworkbench.i18n import tr
from slaworkbench.store.clocks.bulk import Retimed, write_chunk
from slaworkbench.store.clocks.holds import refresh_clock_holds
from slaworkbench.store.clocks.read import TicketChunk, read_chunk
from slaworkbench.store.clocks.timelines import forget_timelines
from slaworkbench.store.dialect import RECOMPUTE_LOCK, lock_rows
from slaworkbench.store.ola.versions import load_team_olas
from slaworkbench.store.policies.versions import load_active_policies, policy_fingerprint
from slaworkbench.store.schema import (
    META_LAST_RECOMPUTE_AT,
    META_POLICY_FINGERPRINT,
    OPEN_STATUSES,
    Ticket,
    WorkspaceMeta,
)
from slaworkbench.store.workspace import Workspace

log = logging.getLogger(__name__)
TICKETS: Table = Ticket.__table__  # type: ignore[assignment]

META_LAST_REBASELINE = "last_rebaseline"
"""JSON ``{"at", "author", "reason", "tickets"}`` of the last re-baseline."""


@dataclass(frozen=True, slots=True)
class RecomputeResult:
    tickets: int
    """Tickets evaluated and written (all of ``total`` unless cancelled)."""
    total: int
    without_policy: int
    breached: int
    at_risk: int
    evaluated_at: int
    fingerprint: str
    cancelled: bool
    seconds: float
    ola_repaired: tuple[int, ...] = ()
    """A verifying run: the tickets whose stored OLA rows did not match a fresh evaluation
    and were rewritten (``app.recompute.ola.verify_ola_cycles``)."""
    moved: int = 0
    """Tickets given their policy's new version without being evaluated (a save that
    changed only targets none of their cycles was judged under: ``app.recompute.affected``
    in a re-baseline, ``app.recompute.open_selection`` in an open-ticket recompute)."""
    up_to_date: int = 0
    """An open-ticket recompute: open tickets neither evaluated nor moved, whose stored
    clocks are what an evaluation would store, running readings aside
    (``app.recompute.open_selection``)."""
    skipped: bool = False
    """Another desktop's recompute with the same policies ended while this one waited
    for it (``Workspace.one_at_a_time``), so nothing was evaluated."""


def recompute(
    workspace: Workspace,
    *,
    only_open: bool = True,
    chunk_size: int = 5000,
    now: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    author: str | None = None,
    reason: str | None = None,
    verify: bool = False,
    after_id: int = 0,
) -> RecomputeResult:
    """Re-evaluate open tickets (every ticket when ``only_open`` is False).

    Stored stopped cycles keep their verdicts, except in a re-baseline: ``only_open``
    False over every ticket (``after_id`` 0), which re-judges them all.

    ``verify`` compares every ticket's stored clock rows with its new ones instead of
    trusting the stored fingerprints, and rebuilds the cached timelines from the event
    log (a repair after the file was edited by hand); it compares the OLA rows too and
    names the tickets whose OLA rows it rewrote (``RecomputeResult.ola_repaired``).

    On a server one recompute runs at a time (``Workspace.one_at_a_time``); each
    chunk locks its tickets against concurrent ticket actions before reading them. A
    re-baseline needs the manager role (``app.permissions``).
    ``after_id`` limits the run to tickets with a higher id (the tickets an import just
    added); such a partial run records nothing about policies in the workspace.

    ``progress(done, total)`` is called after every chunk; ``cancelled()`` is polled
    between chunks. The policy fingerprint is recorded only when every ticket was done.
    """
    if chunk_size < 1:
        raise ValueError("chunk_size must be at least 1")
    started = time.perf_counter()
    now = int(time.time()) if now is None else now
    if not only_open and after_id == 0:
        require(workspace, Role.MANAGER, tr("re-baseline the clocks of every ticket"))
    # One recompute at a time on a shared server: a second desktop waits for the first;
    # if the first recorded the same policies meanwhile, there is nothing left to do.
    with workspace.one_at_a_time(RECOMPUTE_LOCK) as waited:
        if waited and only_open and after_id == 0 and not verify and not needs_recompute(workspace):
            return _skipped(workspace, now, started)
        return _recompute(
            workspace,
            only_open=only_open,
            chunk_size=chunk_size,
            now=now,
            progress=progress,
            cancelled=cancelled,
            author=author,
            reason=reason,
            verify=verify,
            after_id=after_id,
            started=started,
        )


def _skipped(workspace: Workspace, now: int, started: float) -> RecomputeResult:
    with workspace.session() as session:
        fingerprint = policy_fingerprint(session)
        total = _count(session, True, 0)
    log.info("Another recompute with the same policies ended while this one waited: skipped")
    return RecomputeResult(
        tickets=0,
        total=total,
        without_policy=0,
        breached=0,
        at_risk=0,
        evaluated_at=now,
        fingerprint=fingerprint,
        cancelled=False,
        seconds=time.perf_counter() - started,
        skipped=True,
    )


def _recompute(
    workspace: Workspace,
    *,
    only_open: bool,
    chunk_size: int,
    now: int,
    progress: Callable[[int, int], None] | None,
    cancelled: Callable[[], bool] | None,
    author: str | None,
    reason: str | None,
    verify: bool,
    after_id: int,
    started: float,
) -> RecomputeResult:
    with workspace.session() as session:
        policies = load_active_policies(session)
        olas = load_team_olas(session)
        fingerprint = policy_fingerprint(session)
        total = _count(session, only_open, after_id)
        inputs = derived_inputs_fingerprint(session)
        recorded = session.get(WorkspaceMeta, META_DERIVED_INPUTS)
        derived_kept = recorded is not None and recorded.value == inputs
        in_force = session.get(WorkspaceMeta, META_REBASELINE_VERSIONS)
        versions_before = None if in_force is None else in_force.value
    if recorded is not None and not derived_kept:
        # Derived rows written from here on follow other inputs than the recorded ones:
        # forget the record until a complete run writes every ticket's anew.
        with workspace.session(write=True) as session:
            _delete_meta(session, META_DERIVED_INPUTS)
    plan = DerivedPlan(policies, trusted=derived_kept and not verify)
    version_ids = [policy.version_id for policy in policies]
    breached_code, at_risk_code = SLA_STATES.index("breached"), SLA_STATES.index("at_risk")

    done = without_policy = breached = at_risk = 0
    ola_repaired: list[int] = []
    partial = after_id > 0
    rebaseline = not only_open and not partial
    among = None
    retimed = None
    retimed_metrics: NDArray[np.int64] | None = None
    ola_due = None
    moved = 0
    pending: Moves = ()
    # One connection for the whole run, its page cache kept between transactions: the
    # selection, the read and the write of a chunk touch the same pages.
    with workspace.run_of_transactions() as begin:
        if rebaseline and plan.trusted and versions_before is not None:
            # Only the tickets the saves since the last re-baseline can move (affected.py);
            # those of a policy whose saves changed only targets that judged none of their
            # cycles take its new version without being evaluated.
            with begin() as connection:
                affected = affected_tickets(connection, policies, versions_before)
            if affected is not None:
                # Moved chunk by chunk, in the transaction of the chunk that reaches their
                # ids (the rest after the last chunk): the chunk's ticket pages are then
                # written once for its summaries and the moves (move_to_new_versions).
                pending = affected.moves
                among, retimed = affected.evaluate, affected.retimed
                retimed_metrics = np.array(
                    [METRICS.index(metric) for metric in affected.retimed_metrics], dtype=np.int64
                )
                total = int(among.size)
        up_to_date = 0
        if only_open and not partial and not verify and plan.trusted:
            # Only the open tickets whose clocks anything but the time moved, or that reached
            # a risk or due instant (open_selection.py).
            with begin() as connection:
                selection = select_open_tickets(connection, policies, now, olas=bool(olas))
                moved = move_to_new_versions(connection, selection.moves)
            among, up_to_date, retimed = selection.evaluate, selection.current, selection.retimed
            ola_due = selection.ola_due
            total = int(among.size)
        stopped = False
        if progress is not None:
            progress(0, total)
        while True:
            if cancelled is not None and cancelled():
                stopped = True
                break
            with begin() as connection:
                chunk = _read_locked(
                    connection, policies, after_id, chunk_size, only_open, verify, among
                )
                if pending:  # up to the chunk's last id; after the last chunk, the rest
                    through = None if chunk is None else int(chunk.ids[-1])
                    moved += move_to_new_versions(
                        connection, pending, after=after_id, through=through
                    )
                if chunk is None:
                    break
                columns = evaluate_columns(chunk.events, chunk.policy_index, policies, now)
                is_retimed = None if retimed is None else np.isin(chunk.ids, retimed)
                written = write_chunk(
                    connection,
                    chunk,
                    columns,
                    version_ids,
                    now,
                    verify=verify,
                    rebaseline=rebaseline,
                    retimed=None
                    if is_retimed is None or retimed_metrics is None
                    else Retimed(is_retimed, retimed_metrics),
                )
                columns = written.columns  # what is stored: stopped cycles as they were judged
                judged_by = [policies[i] if i >= 0 else None for i in chunk.policy_index]
                fresh_events = ~chunk.has_timeline
                every_cycle, written_rows = plan.holds(written.rewritten, fresh_events)
                if is_retimed is not None:
                    written_rows &= ~is_retimed
                for picked, written_at in ((every_cycle, None), (written_rows, now)):
                    held = np.flatnonzero(picked).tolist()
                    refresh_clock_holds(
                        connection,
                        chunk.ids[held].tolist(),
                        [judged_by[i] for i in held],
                        now,
                        rebaseline=rebaseline,
                        written_at=written_at,
                    )
                pauses = [policy.pause_statuses if policy else None for policy in judged_by]
                if verify and not rebaseline:
                    ola_repaired += verify_ola_cycles(
                        connection, chunk.ids.tolist(), pauses, olas, now
                    )
                elif olas:
                    old_versions = chunk.old_summary[:, 0].tolist()
                    picked = plan.ola(
                        connection, chunk.ids, fresh_events, chunk.is_open, old_versions, judged_by,
                        now, rebaseline=rebaseline, due=ola_due,
                    )  # fmt: skip
                    rows = np.flatnonzero(picked).tolist()
                    refresh_ola_cycles(
                        connection,
                        chunk.ids[rows].tolist(),
                        [pauses[i] for i in rows],
                        olas,
                        now,
                        rebaseline=rebaseline,
                    )
            after_id = int(chunk.ids[-1])
            done += int(chunk.ids.size)
            without_policy += int((chunk.policy_index < 0).sum())
            breached += int((columns.sla_state == breached_code).sum())
            at_risk += int((columns.sla_state == at_risk_code).sum())
            if progress is not None:
                progress(min(done, max(total, done)), max(total, done))

    # The spans that ended and are not kept (those the run's chunks forgot, a
    # re-baseline's as any other's: the spans of the stopped cycles they rewrote, of the
    # cycles whose held pieces they wrote again, and of the team agreements' cycles they
    # replaced): bookkeeping no screen shows, which changes no figure.
    with workspace.session(write=True, derived=True) as session:
        fill_held_samples(session.connection(), now)
    if not stopped and not partial:
        with workspace.session(write=True) as session:
            _set_meta(session, META_POLICY_FINGERPRINT, fingerprint)
            _set_meta(session, META_LAST_RECOMPUTE_AT, str(now))
            if rebaseline or derived_kept:
                _set_meta(session, META_DERIVED_INPUTS, inputs)
            if rebaseline:
                _set_meta(session, META_REBASELINE_VERSIONS, versions_in_force(policies))
            if not only_open:
                record = {"at": now, "author": author, "reason": reason, "tickets": done}
                _set_meta(session, META_LAST_REBASELINE, json.dumps(record, sort_keys=True))
    seconds = time.perf_counter() - started
    log.info(
        "Recomputed %d of %d tickets in %.1fs (%d moved to a new version alone)%s",
        done,
        total,
        seconds,
        moved,
        " (cancelled)" if stopped else "",
    )
    return RecomputeResult(
        tickets=done,
        total=total,
        without_policy=without_policy,
        breached=breached,
        at_risk=at_risk,
        evaluated_at=now,
        fingerprint=fingerprint,
        cancelled=stopped,
        seconds=seconds,
        ola_repaired=tuple(ola_repaired),
        moved=moved,
        up_to_date=up_to_date,
    )


def _read_locked(
    connection: Connection,
    policies: list[Policy],
    after_id: int,
    limit: int,
    only_open: bool,
    verify: bool,
    among: NDArray[np.int64] | None,
) -> TicketChunk | None:
    """The next chunk, read while its tickets are locked against concurrent ticket actions
    (on a server; SQLite's write transaction holds everything already). A verifying run
    rebuilds the chunk's cached timelines from the event log instead of trusting them."""

    def read() -> TicketChunk | None:
        return read_chunk(
            connection, policies, after_id=after_id, limit=limit, only_open=only_open, among=among
        )

    chunk = read()
    locked: set[int] = set()
    while chunk is not None:
        wanted = [int(i) for i in chunk.ids.tolist() if int(i) not in locked]
        if not wanted or not lock_rows(connection, TICKETS, wanted):
            break
        locked.update(wanted)
        chunk = read()  # what was committed before the locks were granted
    if verify and chunk is not None:
        forget_timelines(connection, chunk.ids.tolist())
        chunk = read()
    return chunk


def needs_recompute(workspace: Workspace) -> bool:
    """Whether the active policies or calendars changed since the last full recompute."""
    with workspace.session() as session:
        recorded = session.get(WorkspaceMeta, META_POLICY_FINGERPRINT)
        return recorded is None or recorded.value != policy_fingerprint(session)


def _count(session: Session, only_open: bool, after_id: int) -> int:
    query = select(func.count(Ticket.id)).where(Ticket.id > after_id)
    if only_open:
        query = query.where(Ticket.status.in_(OPEN_STATUSES))
    return int(session.execute(query).scalar_one())


def _delete_meta(session: Session, key: str) -> None:
    row = session.get(WorkspaceMeta, key)
    if row is not None:
        session.delete(row)


def _set_meta(session: Session, key: str, value: str) -> None:
    row = session.get(WorkspaceMeta, key)
    if row is None:
        session.add(WorkspaceMeta(key=key, value=value))
    else:
        row.value = value
