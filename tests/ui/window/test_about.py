"""Help › About shows the version and the real paths; Help › Keyboard shortcuts lists the
window's own actions."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QMenu

from slaworkbench import __version__, config
from slaworkbench.store.workspace import Workspace, open_workspace
from slaworkbench.ui.tasks import TaskRunner
from slaworkbench.ui.window.about import AboutDialog
from slaworkbench.ui.window.main_window import MainWindow
from slaworkbench.ui.window.shortcuts import ShortcutsDialog

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    ws = open_workspace(str(tmp_path / "about.sqlite3"))
    yield ws
    ws.close()


@pytest.fixture
def window(qtbot, workspace: Workspace, tmp_path: Path):  # type: ignore[no-untyped-def]
    runner = TaskRunner()
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = MainWindow(workspace, runner, settings=settings, watch_interval_ms=60_000, tray=False)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.shutdown()
    runner.shutdown(10_000)


def help_action(window: MainWindow, name: str) -> QAction:
    menus = {a.text(): a.menu() for a in window.menuBar().actions()}
    assert "&Help" in menus, list(menus)
    menu = menus["&Help"]
    assert isinstance(menu, QMenu)
    action = next((a for a in menu.actions() if a.objectName() == name), None)
    assert action is not None
    return action


def open_dialog(qtbot, kind: type) -> object:  # type: ignore[no-untyped-def]
    def found() -> object:
        return next((w for w in QApplication.topLevelWidgets() if isinstance(w, kind)), None)

    qtbot.waitUntil(lambda: found() is not None and found().isVisible())
    return found()


def test_about_shows_the_version_and_where_things_are(qtbot, window, workspace) -> None:  # type: ignore[no-untyped-def]
    help_action(window, "help_about").trigger()
    dialog = open_dialog(qtbot, AboutDialog)
    assert isinstance(dialog, AboutDialog)

    def field(key: str) -> str:
        label = dialog.findChild(QLabel, f"about_{key}")
        assert label is not None
        return label.text()

    assert field("version") == __version__
    assert field("workspace") == str(Path(workspace.url.removeprefix("sqlite:///")).resolve())
    assert field("log") == str(config.log_file())
    assert field("settings") == str(config.config_dir())
    assert field("data") == str(config.data_dir())
    assert __version__ in dialog.findChild(QLabel, "about_title").text()

    qtbot.mouseClick(
        dialog.copy_button, Qt.MouseButton.LeftButton, pos=dialog.copy_button.rect().center()
    )
    copied = QGuiApplication.clipboard().text()
    assert f"version: {__version__}" in copied
    assert f"log: {config.log_file()}" in copied
    dialog.close()


def test_keyboard_shortcuts_are_read_from_the_window_actions(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_Slash, Qt.KeyboardModifier.ControlModifier)
    dialog = open_dialog(qtbot, ShortcutsDialog)
    assert isinstance(dialog, ShortcutsDialog)

    table = dialog.table
    rows = {table.item(r, 0).text(): table.item(r, 1).text() for r in range(table.rowCount())}
    native = QKeySequence.SequenceFormat.NativeText
    assert rows["Import"] == QKeySequence("Ctrl+I").toString(native)
    assert rows["Dashboard"] == QKeySequence("Ctrl+2").toString(native)
    assert rows["Keyboard shortcuts"] == QKeySequence("Ctrl+/").toString(native)
    # Every action of the window that has a shortcut is listed, and nothing else.
    with_keys = {
        a.text().replace("&", "").rstrip("…").strip()
        for a in window.findChildren(QAction)
        if not a.shortcut().isEmpty()
    }
    assert set(rows) == with_keys
    dialog.close()
