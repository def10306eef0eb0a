"""Alerts name a ticket as the ticket list does (its external id, else ``#id``)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from slaworkbench.app.tickets.actions import NewTicket, create_ticket_with_clocks
from slaworkbench.app.tickets.breach_schedule import BreachSchedule
from slaworkbench.domain.model import Priority
from slaworkbench.store.tickets.alerts import watched_tickets
from slaworkbench.store.workspace import open_workspace
from slaworkbench.ui.alerts.panel import AlertsPanel

T0 = int(dt.datetime(2024, 1, 8, 9, 0, tzinfo=dt.UTC).timestamp())


def test_an_alert_names_the_ticket_as_the_list_does(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with open_workspace(str(tmp_path / "w.sqlite3")) as ws:
        imported = NewTicket("Printer on fire", Priority.URGENT, external_id="DEMO-1-0004969")
        create_ticket_with_clocks(ws, imported, author="Ana", now=T0)
        typed = NewTicket("VPN slow", Priority.URGENT)
        typed_id = create_ticket_with_clocks(ws, typed, author="Ana", now=T0).ticket_id
        with ws.session() as session:
            watched = watched_tickets(session, T0, T0 + 30 * 86400)
    assert len(watched) == 2
    schedule = BreachSchedule()
    schedule.replace_all(watched, T0)
    alerts = schedule.pop_due(T0 + 30 * 86400)
    panel = AlertsPanel()
    qtbot.addWidget(panel)
    for alert in alerts:
        panel.add_alert(alert)
    texts = [panel.model.index(row).data() for row in range(panel.model.rowCount())]
    imported_texts = [t for t in texts if "Printer on fire" in t]
    assert imported_texts and all("DEMO-1-0004969" in t for t in imported_texts)
    assert not any(f"#{alert.ticket_id} " in t for alert in alerts for t in imported_texts)
    assert all(f"#{typed_id} " in t for t in texts if "VPN slow" in t)
