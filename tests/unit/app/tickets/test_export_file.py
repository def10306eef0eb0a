"""The window's export of a list view (``app.tickets.export_file``), on both engines: the
view's tickets are the whole export's lines of those tickets, and no view is every ticket."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from slaworkbench.app.demo.workspace import generate_demo
from slaworkbench.app.tickets.export_file import export_ticket_file
from slaworkbench.domain.model import Priority
from slaworkbench.store.schema import Ticket
from slaworkbench.store.tickets.query import TicketQuery, View
from slaworkbench.store.workspace import open_workspace

NOW = 1_790_000_000


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8-sig").splitlines()


def test_a_view_exports_its_tickets_as_the_whole_export_writes_them(tmp_path: Path) -> None:
    with open_workspace(str(tmp_path / "w.sqlite3")) as workspace:
        generate_demo(workspace, tickets=150, seed=6, now=NOW)
        seen: list[tuple[int, int]] = []
        whole = tmp_path / "whole.csv"
        assert export_ticket_file(workspace, whole, now=NOW) == 150
        views = {
            "open": TicketQuery(),
            "urgent and high, every status": TicketQuery(
                view=View.ALL, priorities=(Priority.URGENT, Priority.HIGH)
            ),
        }
        with workspace.session() as session:
            open_ids = set(
                session.execute(
                    select(Ticket.id).where(Ticket.status.not_in(("solved", "closed")))
                ).scalars()
            )
            pressing = set(
                session.execute(
                    select(Ticket.id).where(Ticket.priority.in_(("urgent", "high")))
                ).scalars()
            )
        expected = {"open": open_ids, "urgent and high, every status": pressing}
        header, *rows = _lines(whole)
        for name, query in views.items():
            out = tmp_path / f"{name}.csv"
            count = export_ticket_file(
                workspace, out, now=NOW, query=query, progress=lambda d, t: seen.append((d, t))
            )
            wanted = [row for row in rows if int(row.split(",", 1)[0]) in expected[name]]
            assert 0 < count == len(wanted) < 150, name
            assert _lines(out) == [header, *wanted], name
            assert seen[-1] == (count, count)  # the progress reaches its total
