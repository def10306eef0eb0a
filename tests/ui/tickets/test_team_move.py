"""Moving a ticket to another team in the detail pane, as a person does: pick the team
in the Team combo, press Submit, see the OLA rows change; Undo moves it back."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt

from slaworkbench.ui.tasks import TaskRunner
from slaworkbench.ui.window.main_window import MainWindow
from tests.support.combo_picking import pick
from tests.support.fake_clock import FakeClock
from tests.support.team_move_workspace import CREATED, HOUR, ola_cycles, team_move_workspace

NOW = CREATED + 3 * HOUR
pytestmark = pytest.mark.qt_log_ignore(
    "does not support propagateSizeHints", "does not support raise", "grabbing the keyboard"
)


@pytest.fixture
def seeded(tmp_path):  # type: ignore[no-untyped-def]
    made = team_move_workspace(tmp_path)
    yield made
    made.workspace.close()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(NOW)


@pytest.fixture
def window(qtbot, seeded, clock, tmp_path):  # type: ignore[no-untyped-def]
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    w = MainWindow(
        seeded.workspace,
        TaskRunner(synchronous=True),
        clock=clock,
        settings=settings,
        watch_interval_ms=3_600_000,
    )
    qtbot.addWidget(w)
    w.show()
    model = w.tickets.model
    qtbot.waitUntil(lambda: model.position_of(seeded.ticket_id) is not None)
    rect = w.tickets.table.visualRect(model.index(model.position_of(seeded.ticket_id), 1))
    qtbot.mouseClick(w.tickets.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: w.tickets.detail.is_complete())
    yield w
    w.shutdown()


def ola_rows(window) -> list[str]:  # type: ignore[no-untyped-def]
    table = window.tickets.detail.clock_table
    return [
        table.item(r, 0).text()
        for r in range(table.rowCount())
        if table.item(r, 0) is not None and table.item(r, 0).text().startswith("OLA")
    ]


def test_pick_a_team_submit_and_undo(qtbot, window, seeded, clock) -> None:  # type: ignore[no-untyped-def]
    actions = window.tickets.detail.ticket_actions
    assert actions.team_combo.currentData() == "Desk"
    assert ola_rows(window) == ["OLA Desk #1"]

    pick(qtbot, actions.team_combo, "Apps")
    assert "team → Apps" in actions.pending.text()
    assert ola_cycles(seeded.workspace, seeded.ticket_id, NOW) == [("Desk", CREATED, None)]

    qtbot.mouseClick(actions.submit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ola_rows(window) == ["OLA Desk #1", "OLA Apps #2"])
    assert actions.team_combo.currentData() == "Apps"
    assert ola_cycles(seeded.workspace, seeded.ticket_id, NOW) == [
        ("Desk", CREATED, NOW),
        ("Apps", NOW, None),
    ]

    clock.advance(5)
    qtbot.mouseClick(actions.undo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ola_rows(window) == ["OLA Desk #1", "OLA Apps #2", "OLA Desk #3"])
    assert actions.team_combo.currentData() == "Desk"
    assert "Undone" in actions.message.text()
