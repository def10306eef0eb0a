"""Which open tickets an open-ticket recompute must evaluate at all.

An open ticket's clock rows, summary, holds and OLA cycles are a function of its events,
of the version that judges it (versions are immutable), of the calendars and OLA terms
(``derived``) and — for a cycle that runs — of the time. A running cycle's elapsed and
remaining are a reading that is not rewritten while nothing else about it changes
(docs/SLA_SEMANTICS.md, "Stored clocks and their readings"); what else the time alone
changes happens at instants the stored rows hold: a running cycle becomes at risk at its
``risk_at`` and breached after its ``due_at``. So, while the calendars and OLA terms are
the recorded ones (``DerivedPlan.trusted``), an open ticket needs an evaluation only when

- its events changed since its timeline was cached (no cached timeline, or one without
  the fingerprint of an evaluation that saw every event: ``store.clocks.bulk`` keeps
  none for a ticket whose log has an event after the run's instant), or it was never
  evaluated, or it was evaluated after ``now`` (a recompute back in time), or its
  summary lacks the list's business-time order (``next_due_position``, a file from
  before migration 0006);
- the matching rules now give it another version than the stored one — unless both are
  versions of one policy that differ only in targets (``affected.changed_targets``) and
  none of the changed targets is of the ticket's current priority: its unfinished cycles
  are judged under that priority (a stopped cycle keeps its verdict outside a
  re-baseline), so every row would be stored as it is and only the summary's version
  moves (``moves``: written with one ``UPDATE``, ``evaluated_at`` and the readings left
  as of the evaluation they are from);
- a running SLA clock or OLA cycle reached its risk or due instant by ``now`` while
  still stored as running, not at risk: the ticket's ``next_risk_at`` (the earliest risk
  instant of its unfinished cycles not at risk yet) or a running clock's ``due_at``
  (``ix_ticket_clocks_running_work``, whose first column it is) is at or before ``now``,
  or an OLA cycle's (``store.ola.read.all_tickets_due_to_move``).

Every other open ticket's evaluation would store exactly what is stored, running
readings aside. Pinned by ``tests/unit/app/recompute/test_open_selection.py`` (random
histories, saves and times against evaluating every open ticket).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from sqlalchemy import Connection
from sqlalchemy.orm import Session

from slaworkbench.app.recompute.affected import changed_targets, int_rows, version_chosen_sql
from slaworkbench.domain.policy import Policy
from slaworkbench.store.clocks.inputs import facts_from_sql
from slaworkbench.store.clocks.read import case_sql
from slaworkbench.store.clocks.transfer import INT64_MIN_SQL
from slaworkbench.store.ola.read import all_tickets_due_to_move
from slaworkbench.store.schema import CLOCK_STATES, OPEN_ID_INDEX, OPEN_STATUSES, PRIORITIES

Ints = NDArray[np.int64]

_OPEN = "(" + ", ".join(f"'{status}'" for status in OPEN_STATUSES) + ")"
_RUNNING = CLOCK_STATES.index("running")


@dataclass(frozen=True, slots=True)
class OpenSelection:
    """What an open-ticket recompute does with the open tickets (module text)."""

    evaluate: Ints
    """The ids (ascending) of the open tickets to evaluate."""
    moves: tuple[tuple[int, int, Ints], ...]
    """``(stored version, version in force, ids)``: open tickets given the version in
    force without being evaluated (``affected.move_to_new_versions``)."""
    current: int
    """How many open tickets were up to date (neither evaluated nor moved)."""
    retimed: Ints
    """Among ``evaluate``, the tickets with unchanged events judged by the same terms but
    for targets (the same version, or one that differs only in targets): the rows their
    evaluation rewrites start and stop where they did, under the same pause statuses
    and calendar, so their SLA holds stay as they are (``app.recompute.derived``; a
    running cycle's holds are a reading)."""
    ola_due: Ints
    """The open tickets with a running OLA cycle the time alone moves by the run's
    instant (``store.ola.read.all_tickets_due_to_move``; empty without OLAs): the chunks'
    OLA refresh takes them from here rather than asking again chunk by chunk."""


def select_open_tickets(
    connection: Connection,
    policies: Sequence[Policy],
    now: int,
    *,
    olas: bool,
) -> OpenSelection:
    """The open tickets an open-ticket recompute at ``now`` by ``policies`` evaluates and
    those it only moves to the version in force (module text); ``olas``: whether any team
    has an OLA (then running OLA cycles are looked at too)."""
    now = int(now)
    version_chosen = version_chosen_sql(policies, connection)
    priority = case_sql("t.priority", PRIORITIES)
    # The open tickets in id order (their partial index), so their rows, customers and
    # timelines are met in the order they are stored: 40 % less than in the next due
    # instant's order SQLite picks unprompted (issue 16, 1M demo: 118 -> 76 ms).
    source = facts_from_sql(connection, OPEN_ID_INDEX)
    with Session(bind=connection) as session:
        ids, stored, version, priority_code, stale = int_rows(
            session,
            f"SELECT t.id AS c0, COALESCE(t.policy_version_id, -1) AS c1, {version_chosen} AS c2,"
            f" {priority} AS c3,"
            " CASE WHEN t.evaluated_at IS NULL OR t.evaluated_at > "
            f"{now} OR (t.next_due_at IS NOT NULL AND t.next_due_position IS NULL)"
            f" OR t.next_risk_at <= {now}"
            " OR NOT EXISTS (SELECT 1 FROM ticket_timelines tl WHERE tl.ticket_id = t.id"
            f" AND tl.clocks_hash IS NOT NULL AND tl.clocks_hash <> {INT64_MIN_SQL})"
            f" THEN 1 ELSE 0 END AS c4 FROM {source} WHERE t.status IN {_OPEN}",
            5,
        )
        (moving,) = int_rows(
            session,
            "SELECT ticket_id AS c0 FROM ticket_clocks WHERE stopped_at IS NULL"
            f" AND due_at <= {now} AND state_code = {_RUNNING}",
            1,
        )
    order = np.argsort(ids, kind="stable")
    ids, stored, version = ids[order], stored[order], version[order]
    priority_code = priority_code[order]
    fresh = stale[order] == 1
    evaluate = fresh | np.isin(ids, moving)
    ola_due = (
        np.intersect1d(ids, all_tickets_due_to_move(connection, now))
        if olas
        else np.zeros(0, dtype=np.int64)
    )
    evaluate |= np.isin(ids, ola_due)
    same_terms = version == stored  # judged alike but maybe for some targets
    moves: list[tuple[int, int, Ints]] = []
    other = version != stored
    for old, new in sorted(set(zip(stored[other].tolist(), version[other].tolist(), strict=True))):
        pair = (stored == old) & (version == new)
        pairs = changed_targets(connection, old, new) if old >= 0 and new >= 0 else None
        if pairs is None:
            evaluate |= pair
            continue
        same_terms |= pair
        retargeted = np.array(sorted({PRIORITIES.index(p) for p, _ in pairs}), dtype=np.int64)
        evaluate |= pair & np.isin(priority_code, retargeted)
        if (pair & ~evaluate).any():
            moves.append((old, new, ids[pair & ~evaluate]))
    moved = sum(int(m[2].size) for m in moves)
    return OpenSelection(
        ids[evaluate],
        tuple(moves),
        int(ids.size) - int(evaluate.sum()) - moved,
        ids[evaluate & ~fresh & same_terms],
        ola_due,
    )
