"""File › Export tickets…: every ticket with its clock results as CSV, the file
``slaworkbench export tickets`` writes (``store.importing.export``: all or nothing, text
cells guarded against formulas)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from slaworkbench.store.importing.export import export_tickets, tickets_to_export
from slaworkbench.store.workspace import Workspace


def export_every_ticket(
    workspace: Workspace,
    path: Path,
    progress: Callable[[int, int], None] | None = None,
    now: int | None = None,
) -> int:
    """Write every ticket to ``path`` (running clocks read as of ``now``, default this
    moment); ``progress(done, total)`` after each page. Returns the tickets written."""
    with workspace.engine.connect() as connection:
        total = tickets_to_export(connection)

        def written(done: int) -> None:
            if progress is not None:
                progress(done, total)

        return export_tickets(connection, path, progress=written, now=now)
