"""File › Export tickets…: the tickets of a list view (or every ticket) with their clock
results as CSV, the file ``slaworkbench export tickets`` writes
(``store.importing.export``: all or nothing, text cells guarded against formulas)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from slaworkbench.store.importing.export import export_tickets, tickets_to_export
from slaworkbench.store.tickets import filters
from slaworkbench.store.tickets.query import TicketQuery
from slaworkbench.store.workspace import Workspace


def export_ticket_file(
    workspace: Workspace,
    path: Path,
    *,
    now: int,
    query: TicketQuery | None = None,
    progress: Callable[[int, int], None] | None = None,
    selected: Sequence[int] | None = None,
) -> int:
    """Write the tickets ``query`` matches at ``now`` (``None``: every ticket), or those of
    ``selected`` (a selection, in id order), to ``path``, running clocks read as of
    ``now``; ``progress(done, total)`` after each page. Returns the tickets written."""
    chosen: list[int] | None = None
    if selected is not None:
        chosen = sorted(set(selected))
    elif query is not None:
        with workspace.session() as session:
            chosen = filters.ticket_ids(session, query, now=now)
    with workspace.engine.connect() as connection:
        total = tickets_to_export(connection) if chosen is None else len(chosen)

        def written(done: int) -> None:
            if progress is not None:
                progress(done, total)

        return export_tickets(connection, path, progress=written, now=now, ticket_ids=chosen)
