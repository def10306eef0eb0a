"""Evaluate tickets inside the caller's write transaction (an import, a demo).

An import or a demo writes its tickets and their clocks in one transaction, so a kill
at any point leaves the workspace as it was before or as it is after, never with
tickets that have no SLA state (issue 14, item 2). The steps are the recompute's
(``store.clocks.read`` → ``domain.clock.columns`` → ``store.clocks.bulk``), run on the
caller's connection instead of one transaction per chunk: nothing is committed here.
The tickets' OLA cycles are written with their clocks (``app.recompute.ola``), as the
recompute does.

Tickets the caller has just written (``new_tickets``: an import, a demo) have nothing
stored to compare with or keep: their clock rows go in with the rollups' deltas summed
from the evaluated columns (``count_rewritten``; inside ``summed_after`` the daily ones
are summed across chunks before they are written), and their SLA holds and OLA cycles are computed
from the evaluated columns and one read of their events (``_store_new``), the rows
written as plain tuples; the same rows the per-ticket path writes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial

import numpy as np
from sqlalchemy import Connection
from sqlalchemy.orm import Session

from slaworkbench.app.ola.held_samples import fill_held_samples
from slaworkbench.app.recompute.affected import META_REBASELINE_VERSIONS, versions_in_force
from slaworkbench.app.recompute.derived import META_DERIVED_INPUTS, derived_inputs_fingerprint
from slaworkbench.app.recompute.ola import evaluate_ola_batch, refresh_ola_cycles
from slaworkbench.domain.clock.columns import evaluate_columns
from slaworkbench.domain.clock.ola import TeamOla
from slaworkbench.domain.clock.results import ClockColumns
from slaworkbench.domain.policy import Policy
from slaworkbench.store.analytics.rollup import summed_after
from slaworkbench.store.clocks.bulk import write_chunk
from slaworkbench.store.clocks.holds import (
    insert_new_holds,
    measure_new_holds,
    new_clock_ids,
    refresh_clock_holds,
)
from slaworkbench.store.clocks.read import TicketChunk, read_chunk
from slaworkbench.store.clocks.transfer import flush_staged, staged_inserts
from slaworkbench.store.importing.bulk import after_load
from slaworkbench.store.ola.read import read_ola_batch
from slaworkbench.store.ola.versions import load_team_olas
from slaworkbench.store.ola.write import write_new_ola_cycles
from slaworkbench.store.policies.versions import load_active_policies, policy_fingerprint
from slaworkbench.store.schema import META_LAST_RECOMPUTE_AT, META_POLICY_FINGERPRINT, WorkspaceMeta

CHUNK = 5000


def judge_tickets(
    connection: Connection,
    *,
    now: int,
    after_id: int = 0,
    stop_after: int | None = None,
    new_tickets: bool = False,
    only: Sequence[int] | None = None,
    rebaseline: bool = False,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Evaluate every ticket with an id above ``after_id`` (up to ``stop_after`` when
    given) by the active policies at ``now``, in the caller's transaction; returns how
    many were evaluated.

    ``new_tickets`` says that none of them has stored clocks yet (they were written in
    this transaction), so the stored rows are not read to compare; ``only`` then names
    them: on a server another desktop commits tickets (and their clocks) beside the
    caller's, with ids among and above its ones, and those must not be written again
    (a duplicate key on ``ticket_clocks``). Stored stopped cycles
    keep their verdicts (``domain.clock.verdicts``) unless ``rebaseline`` re-judges them.
    """
    with Session(bind=connection) as session:
        policies = load_active_policies(session)
        olas = load_team_olas(session)
    version_ids = [policy.version_id for policy in policies]
    among = None if only is None else np.unique(np.asarray(only, dtype=np.int64))
    # New tickets at least as many as those before them (a demo, a first import) add
    # most of the rollup's rows: its sums by team and by span are made once at the end.
    most = new_tickets and (after_id == 0 or (among is not None and among.size >= after_id))
    # A demo's clock rows and holds bound by a helper on the other core (staged_inserts).
    staged = among.size if new_tickets and among is not None else 0
    with summed_after(connection, most_of_the_rows=most), staged_inserts(connection, staged):
        done = 0
        while stop_after is None or after_id < stop_after:
            chunk = read_chunk(
                connection, policies, after_id=after_id, limit=CHUNK, only_open=False, among=among
            )
            if chunk is None:
                break
            if stop_after is not None and chunk.ids[-1] > stop_after:
                # The last chunk below ``stop_after`` ends there: the tickets above it are
                # another call's (a demo's new ones, judged apart as new).
                chunk = read_chunk(
                    connection, policies, after_id=after_id, limit=CHUNK, only_open=False,
                    among=chunk.ids[chunk.ids <= stop_after],
                )  # fmt: skip
                if chunk is None:
                    break
            columns = evaluate_columns(chunk.events, chunk.policy_index, policies, now)
            judged_by = [policies[i] if i >= 0 else None for i in chunk.policy_index.tolist()]
            if new_tickets:
                _store_new(connection, chunk, columns, judged_by, version_ids, olas, now)
            else:
                write_chunk(connection, chunk, columns, version_ids, now, rebaseline=rebaseline)
                ids = chunk.ids.tolist()
                refresh_clock_holds(connection, ids, judged_by, now, rebaseline=rebaseline)
                pauses = [policy.pause_statuses if policy else None for policy in judged_by]
                refresh_ola_cycles(connection, ids, pauses, olas, now, rebaseline=rebaseline)
            after_id = int(chunk.ids[-1])
            done += int(chunk.ids.size)
            if progress is not None:
                progress(done)
    if most:
        # most of the stopped cycles are new: every span that ended is measured once,
        # after the load's indexes are built (otherwise those the new tickets touched
        # were forgotten, for the next recompute)
        after_load(connection, partial(_fill_held_samples, connection, now))
    return done


def _fill_held_samples(connection: Connection, now: int) -> None:
    fill_held_samples(connection, now)


def _store_new(
    connection: Connection,
    chunk: TicketChunk,
    columns: ClockColumns,
    judged_by: list[Policy | None],
    version_ids: list[int | None],
    olas: dict[int, TeamOla],
    now: int,
) -> None:
    """Write the clocks, SLA holds and OLA cycles of a chunk of new tickets."""
    # The last chunk's rows handed to the helper go in before this chunk takes its ids.
    flush_staged(connection)
    ids = chunk.ids.tolist()
    # Who held each cycle is measured before the clock rows are written, so that each
    # row is inserted with its holder at stop (``NewHolds``) and never updated after.
    batch = read_ola_batch(connection, ids)
    holds = measure_new_holds(batch, columns, judged_by, now)
    stops = None if holds is None else holds.stops(int(columns.ticket.size), columns.elapsed)
    written = write_chunk(
        connection, chunk, columns, version_ids, now, new_tickets=True, stops=stops
    )
    if holds is not None and stops is not None:
        clock_ids = written.inserted_ids
        if clock_ids is None:
            clock_ids = new_clock_ids(connection, ids, written.columns)
        insert_new_holds(connection, holds, clock_ids, stops)
    if olas:
        pauses = [policy.pause_statuses if policy else None for policy in judged_by]
        cycles, ola_versions = evaluate_ola_batch(batch, pauses, olas, now)
        write_new_ola_cycles(connection, batch, cycles, ola_versions, now)


def record_full_evaluation(connection: Connection, now: int) -> None:
    """Record, in the caller's transaction, that every ticket was just evaluated by the
    active policies (what a complete recompute records), its SLA holds and OLA cycles
    included (``app.recompute.derived``)."""
    with Session(bind=connection) as session:
        values = {
            META_POLICY_FINGERPRINT: policy_fingerprint(session),
            META_LAST_RECOMPUTE_AT: str(now),
            META_DERIVED_INPUTS: derived_inputs_fingerprint(session),
            META_REBASELINE_VERSIONS: versions_in_force(load_active_policies(session)),
        }
        for key, value in values.items():
            row = session.get(WorkspaceMeta, key)
            if row is None:
                session.add(WorkspaceMeta(key=key, value=value))
            else:
                row.value = value
        session.flush()
