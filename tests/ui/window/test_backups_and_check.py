"""File › Restore backup… and Tools › Check workspace, driven like a person; the daily
backup timer of the window."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from slaworkbench.app.backups.rolling import available_backups, backup_if_due
from slaworkbench.app.importing.run import import_ticket_csv
from slaworkbench.store.workspace import Workspace, open_workspace
from slaworkbench.ui.changes import ChangeNotice
from slaworkbench.ui.tasks import TaskRunner
from slaworkbench.ui.window.backups import WindowBackups
from slaworkbench.ui.window.backups_dialog import RestoreBackupDialog
from slaworkbench.ui.window.main_window import MainWindow
from tests.support.import_files import row_counts, write_csv

NOW = 1_790_000_000
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _tickets(first: int, count: int) -> str:
    return "id,created,first_response\n" + "".join(
        f"T{n},2026-03-02T09:00:00Z,\n" for n in range(first, first + count)
    )


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    ws = open_workspace(f"sqlite:///{tmp_path / 'w.sqlite3'}")
    import_ticket_csv(ws, write_csv(tmp_path / "a.csv", _tickets(0, 4)))
    yield ws
    ws.close()


@pytest.fixture
def window(qtbot, workspace, tmp_path):  # type: ignore[no-untyped-def]
    runner = TaskRunner()
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = MainWindow(
        workspace, runner, clock=lambda: NOW, settings=settings, watch_interval_ms=60_000,
        tray=False,
    )  # fmt: skip
    qtbot.addWidget(win)
    win.show()
    yield win
    win.shutdown()
    runner.shutdown(10_000)


def _menu_action(win: MainWindow, menu: str, name: str):  # type: ignore[no-untyped-def]
    menus = {a.text().replace("&", ""): a.menu() for a in win.menuBar().actions()}
    return next(a for a in menus[menu].actions() if a.objectName() == name)


def test_restore_backup_lists_what_each_holds_and_restores_after_a_confirmation(
    qtbot, window, workspace, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    backup_if_due(workspace, now=dt.datetime(2026, 12, 1, 9, tzinfo=dt.UTC))
    import_ticket_csv(workspace, write_csv(tmp_path / "b.csv", _tickets(100, 6)))
    assert row_counts(workspace)["tickets"] == 10

    _menu_action(window, "File", "file_restore_backup").trigger()
    dialog = window.findChild(RestoreBackupDialog, "restore_backup_dialog")
    assert dialog is not None
    table = dialog.table
    qtbot.waitUntil(lambda: table.rowCount() == 1, timeout=10_000)
    assert [table.item(0, c).text() for c in (1, 2)] == ["daily", "4"]
    assert table.item(0, 3).text().startswith("02/03/2026")  # the locale's date (en_GB)
    assert not dialog.restore_button.isEnabled()

    rect = table.visualItemRect(table.item(0, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert dialog.restore_button.isEnabled()
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    box = dialog.confirmation
    assert box is not None and box.isVisible()
    with qtbot.waitSignal(window.notice.changed, timeout=10_000):
        qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.status.text().startswith("Restored"), timeout=10_000)
    assert row_counts(workspace)["tickets"] == 4
    # The file as it was is now a backup too: the restore can be undone.
    qtbot.waitUntil(lambda: table.rowCount() == 2, timeout=10_000)
    kinds = {table.item(row, 1).text(): table.item(row, 2).text() for row in range(2)}
    assert kinds == {"daily": "4", "before a restore": "10"}


def test_cancelling_the_confirmation_changes_nothing(qtbot, window, workspace) -> None:  # type: ignore[no-untyped-def]
    backup_if_due(workspace, now=dt.datetime(2026, 12, 1, 9, tzinfo=dt.UTC))
    _menu_action(window, "File", "file_restore_backup").trigger()
    dialog = window.findChild(RestoreBackupDialog, "restore_backup_dialog")
    table = dialog.table
    qtbot.waitUntil(lambda: table.rowCount() == 1, timeout=10_000)
    rect = table.visualItemRect(table.item(0, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    box = dialog.confirmation
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    assert not box.isVisible()
    assert len(available_backups(workspace)) == 1  # no "before a restore" backup taken


def test_check_workspace_runs_in_the_background_and_shows_what_it_found(
    qtbot, window, workspace
) -> None:  # type: ignore[no-untyped-def]
    action = _menu_action(window, "Tools", "tools_check_workspace")
    action.trigger()
    qtbot.waitUntil(lambda: window.workspace_check.result_box is not None, timeout=30_000)
    box = window.workspace_check.result_box
    assert "whole" in box.text() and box.icon() == QMessageBox.Icon.Information
    box.accept()

    path = Path(str(workspace.engine.url.database))
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE ticket_clocks SET state_code = 3, breached_at = 1")
    connection.close()
    window.workspace_check.result_box = None
    with qtbot.waitSignal(window.notice.changed, timeout=30_000):
        action.trigger()
    qtbot.waitUntil(lambda: window.workspace_check.result_box is not None, timeout=30_000)
    box = window.workspace_check.result_box
    assert box.icon() == QMessageBox.Icon.Warning
    assert "Repaired the clocks of 4 tickets" in box.informativeText()


def test_the_window_takes_a_daily_backup_off_the_gui_thread(qtbot, workspace) -> None:  # type: ignore[no-untyped-def]
    host = QWidget()
    qtbot.addWidget(host)
    runner = TaskRunner()
    WindowBackups(host, workspace, runner, ChangeNotice(host), first_check_ms=10)
    qtbot.waitUntil(lambda: len(available_backups(workspace)) == 1, timeout=10_000)
    assert available_backups(workspace)[0].kind == "daily"
    runner.shutdown(10_000)
