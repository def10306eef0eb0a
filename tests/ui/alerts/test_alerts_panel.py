from __future__ import annotations

from slaworkbench.app.tickets.breach_schedule import Alert, AlertKind
from slaworkbench.ui.alerts.panel import AlertListModel, AlertsPanel


def _alert(ticket_id: int, kind: AlertKind = AlertKind.BREACHED) -> Alert:
    return Alert(ticket_id, kind, 1_800_000_000 + ticket_id, f"<b>subject {ticket_id}</b>")


def test_model_passes_the_model_tester(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = AlertListModel()
    for i in range(3):
        model.add(_alert(i, AlertKind.AT_RISK if i % 2 else AlertKind.BREACHED))
    qtmodeltester.check(model)


def test_newest_first_and_capped(qapp) -> None:  # type: ignore[no-untyped-def]
    model = AlertListModel()
    for i in range(AlertListModel.MAX_ALERTS + 5):
        model.add(_alert(i))
    assert model.rowCount() == AlertListModel.MAX_ALERTS
    assert model.alerts()[0].ticket_id == AlertListModel.MAX_ALERTS + 4


def test_activating_an_alert_asks_to_open_its_ticket(qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = AlertsPanel()
    qtbot.addWidget(panel)
    panel.add_alert(_alert(41, AlertKind.AT_RISK))
    panel.add_alert(_alert(42))
    text = panel.model.index(0).data()
    assert "#42" in text and "breached" in text and "<b>subject 42</b>" in text
    with qtbot.waitSignal(panel.open_ticket_requested) as blocker:
        panel.view.activated.emit(panel.model.index(1))
    assert blocker.args == [41]
