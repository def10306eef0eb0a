"""Evaluate tickets inside the caller's write transaction (an import, a demo).

An import or a demo writes its tickets and their clocks in one transaction, so a kill
at any point leaves the workspace as it was before or as it is after, never with
tickets that have no SLA state (issue 14, item 2). The steps are the recompute's
(``store.clocks.read`` → ``domain.clock.columns`` → ``store.clocks.bulk``), run on the
caller's connection instead of one transaction per chunk: nothing is committed here.
The tickets' OLA cycles are written with their clocks (``app.recompute.ola``), as the
recompute does.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
from sqlalchemy import Connection
from sqlalchemy.orm import Session

from slaworkbench.app.recompute.affected import META_REBASELINE_VERSIONS, versions_in_force
from slaworkbench.app.recompute.derived import META_DERIVED_INPUTS, derived_inputs_fingerprint
from slaworkbench.app.recompute.ola import refresh_ola_cycles
from slaworkbench.domain.clock.columns import evaluate_columns
from slaworkbench.store.clocks.bulk import write_chunk
from slaworkbench.store.clocks.holds import refresh_clock_holds
from slaworkbench.store.clocks.read import read_chunk
from slaworkbench.store.ola.versions import load_team_olas
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
    done = 0
    while stop_after is None or after_id < stop_after:
        chunk = read_chunk(
            connection, policies, after_id=after_id, limit=CHUNK, only_open=False, among=among
        )
        if chunk is None:
            break
        columns = evaluate_columns(chunk.events, chunk.policy_index, policies, now)
        write_chunk(
            connection,
            chunk,
            columns,
            version_ids,
            now,
            new_tickets=new_tickets,
            rebaseline=rebaseline,
        )
        judged_by = [policies[i] if i >= 0 else None for i in chunk.policy_index]
        refresh_clock_holds(connection, chunk.ids.tolist(), judged_by, now, rebaseline=rebaseline)
        pauses = [policy.pause_statuses if policy else None for policy in judged_by]
        refresh_ola_cycles(connection, chunk.ids.tolist(), pauses, olas, now, rebaseline=rebaseline)
        after_id = int(chunk.ids[-1])
        done += int(chunk.ids.size)
        if progress is not None:
            progress(done)
    return done


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
