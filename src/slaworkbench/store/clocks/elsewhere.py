"""Which tickets keep stopped verdicts of another policy (``tickets_judged_elsewhere``,
migration 0035).

A stopped cycle keeps the verdict of the version that judged it until a re-baseline
(docs/SLA_SEMANTICS.md). When a ticket action, or the open-ticket recompute after a
change of the policies' conditions, moves a ticket to another policy after some of its
cycles stopped, its summary names the new policy's version and those rows the old
policy's. A re-baseline must re-judge them by the ticket's own policy even when neither
policy was saved (``app.recompute.affected``): the two writers that merge stored stopped
cycles into an evaluation (``store.clocks.bulk.write_chunk``,
``store.clocks.ticket.write_evaluations``) record here, in their transaction, every
ticket they decide: marked when one of its kept rows was judged by a version of another
policy than the one judging it now (or by a policy where it has none, or the reverse),
unmarked otherwise — after a re-baseline, always.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from sqlalchemy import Connection, delete, insert, select, text

from slaworkbench.store.schema import TicketJudgedElsewhere

Int64Array = npt.NDArray[np.int64]

_PIECE = 500


def policies_of_versions(connection: Connection) -> dict[int, int]:
    """Every policy version's policy."""
    rows = connection.execute(text("SELECT id, policy_id FROM policy_versions")).all()
    return {int(version): int(policy) for version, policy in rows}


def record_judged_elsewhere(
    connection: Connection,
    ids: Int64Array,
    decided: npt.NDArray[np.bool_],
    ticket_version: Int64Array,
    row_ticket: Int64Array,
    row_version: Int64Array,
    row_kept: npt.NDArray[np.bool_],
) -> None:
    """Mark or unmark the ``decided`` of tickets ``ids``: ``ticket_version`` is each
    one's judging version (-1: none), and the rows (``row_ticket``: a position in
    ``ids``; ``row_version``; ``row_kept``: a stored stopped row kept as it was judged)
    are every row of the decided tickets as written."""
    if not decided.any():
        return
    kept = np.flatnonzero(row_kept & decided[row_ticket])
    own = ticket_version[row_ticket[kept]]
    differs = kept[row_version[kept] != own]
    marked = np.zeros(0, dtype=np.int64)
    if differs.size:
        policy_of = policies_of_versions(connection)

        def policies(versions: Int64Array) -> Int64Array:
            return np.array([policy_of.get(int(v), -1) for v in versions.tolist()], np.int64)

        other = policies(row_version[differs]) != policies(ticket_version[row_ticket[differs]])
        marked = np.unique(ids[row_ticket[differs[other]]])
    if connection.execute(select(TicketJudgedElsewhere.ticket_id).limit(1)).first() is not None:
        cleared = ids[decided].tolist()
        for start in range(0, len(cleared), _PIECE):
            connection.execute(
                delete(TicketJudgedElsewhere).where(
                    TicketJudgedElsewhere.ticket_id.in_(cleared[start : start + _PIECE])
                )
            )
    if marked.size:
        connection.execute(
            insert(TicketJudgedElsewhere), [{"ticket_id": int(i)} for i in marked.tolist()]
        )


def judged_elsewhere(connection: Connection) -> Int64Array:
    """The marked tickets' ids, ascending."""
    found = connection.execute(
        select(TicketJudgedElsewhere.ticket_id).order_by(TicketJudgedElsewhere.ticket_id)
    ).scalars()
    return np.fromiter(found, dtype=np.int64)
