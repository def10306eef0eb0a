"""File › Export tickets…, driven like a person: the shortcut and the menu action, the
file chosen in the save dialog; the CSV is the command line's, and a place that cannot be
written is one sentence with nothing left behind."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from slaworkbench.app.demo.workspace import generate_demo
from slaworkbench.store.importing.export import HEADER, export_tickets
from slaworkbench.store.workspace import Workspace, open_workspace
from slaworkbench.ui.window.main_window import MainWindow
from tests.support.live_window import close_window, open_window
from tests.support.ticket_window import click_sidebar_item

NOW = 1_790_000_000
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    ws = open_workspace(f"sqlite:///{tmp_path / 'w.sqlite3'}")
    generate_demo(ws, tickets=60, seed=4, now=NOW)
    yield ws
    ws.close()


@pytest.fixture
def window(qtbot, workspace, tmp_path):  # type: ignore[no-untyped-def]
    win = open_window(qtbot, workspace, tmp_path, now=NOW)
    yield win
    close_window(win)


def _choose(monkeypatch, path: Path) -> list[str]:  # type: ignore[no-untyped-def]
    """The save dialog answers ``path``; returns the folders it was opened in."""
    offered: list[str] = []

    def answer(_parent, _title, suggested, _filter):  # type: ignore[no-untyped-def]
        offered.append(str(Path(suggested).parent))
        return str(path), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)
    return offered


def _file_action(win: MainWindow, name: str):  # type: ignore[no-untyped-def]
    menus = {a.text().replace("&", ""): a.menu() for a in win.menuBar().actions()}
    return next(a for a in menus["File"].actions() if a.objectName() == name)


def _export_with_ctrl_e(qtbot, window, path: Path) -> list[list[str]]:  # type: ignore[no-untyped-def]
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(path.exists, timeout=10_000)
    qtbot.waitUntil(lambda: "Exported" in window.statusBar().currentMessage(), timeout=10_000)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert tuple(rows[0]) == tuple(HEADER)
    return rows[1:]


def _stored_ids(workspace, where: str = "") -> list[str]:  # type: ignore[no-untyped-def]
    with workspace.engine.connect() as connection:
        sql = f"SELECT id FROM tickets {where} ORDER BY id"
        return [str(i) for (i,) in connection.exec_driver_sql(sql)]


def test_ctrl_e_exports_the_tickets_of_the_view_shown(
    qtbot, window, workspace, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    # The window opens on "All open": those are exported, not the solved and closed ones.
    _choose(monkeypatch, tmp_path / "open tickets")  # no suffix given: .csv added
    written = tmp_path / "open tickets.csv"
    rows = _export_with_ctrl_e(qtbot, window, written)
    open_ids = _stored_ids(workspace, "WHERE status NOT IN ('solved', 'closed')")
    assert 0 < len(open_ids) < 60
    assert [row[0] for row in rows] == open_ids
    assert window.statusBar().currentMessage() == (
        f"Exported {len(open_ids)} tickets to {written}."
    )
    assert not list(tmp_path.glob(".*.partial"))


def test_in_the_all_tickets_view_every_ticket_is_exported_as_the_command_line_does(
    qtbot, window, workspace, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    click_sidebar_item(qtbot, window, "All tickets")
    qtbot.waitUntil(lambda: window.tickets.model.rowCount() == 60)
    _choose(monkeypatch, tmp_path / "every.csv")
    rows = _export_with_ctrl_e(qtbot, window, tmp_path / "every.csv")
    assert (
        window.statusBar().currentMessage() == f"Exported 60 tickets to {tmp_path / 'every.csv'}."
    )
    with workspace.engine.connect() as connection:
        export_tickets(connection, tmp_path / "cli.csv", now=NOW)
    with (tmp_path / "cli.csv").open(encoding="utf-8-sig", newline="") as handle:
        assert rows == list(csv.reader(handle))[1:]


def test_a_folder_that_cannot_be_written_is_one_sentence_and_leaves_nothing(
    qtbot, window, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    missing = tmp_path / "no such folder" / "tickets.csv"
    _choose(monkeypatch, missing)
    action = _file_action(window, "file_export_tickets")
    action.trigger()
    qtbot.waitUntil(lambda: window.ticket_export.message_box is not None, timeout=10_000)
    box = window.ticket_export.message_box
    assert box.icon() == QMessageBox.Icon.Warning
    text = box.text()
    assert text.startswith(f"Cannot write {missing}") and text.endswith("Nothing was written.")
    assert "\n" not in text and "Traceback" not in text
    assert not missing.parent.exists()
    assert action.isEnabled()
    box.close()


def test_the_next_export_offers_the_folder_of_the_last(
    qtbot, window, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "exports"
    folder.mkdir()
    offered = _choose(monkeypatch, folder / "first.csv")
    action = _file_action(window, "file_export_tickets")
    action.trigger()
    qtbot.waitUntil(lambda: (folder / "first.csv").exists(), timeout=10_000)
    qtbot.waitUntil(action.isEnabled, timeout=10_000)
    action.trigger()
    assert offered[-1] == str(folder)


@pytest.mark.qt_log_ignore("does not support raise", "grabbing the keyboard")  # the menu
def test_the_row_menu_exports_the_tickets_selected(
    qtbot, window, workspace, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    click_sidebar_item(qtbot, window, "All tickets")
    model, table = window.tickets.model, window.tickets.table
    qtbot.waitUntil(lambda: model.rowCount() == 60)
    viewport = table.viewport()
    rects = [table.visualRect(model.index(row, 1)) for row in (0, 2)]
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rects[0].center())
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier,
                     pos=rects[1].center())  # fmt: skip
    chosen = sorted(str(model.row_at(row).id) for row in (0, 2))
    qtbot.mouseClick(viewport, Qt.MouseButton.RightButton, pos=rects[1].center())
    menu = window.tickets.rows_menu.menu
    qtbot.waitUntil(menu.isVisible)
    export = next(a for a in menu.actions() if a.objectName() == "export_selected")
    assert export.text() == "Export 2 tickets…"
    _choose(monkeypatch, tmp_path / "two.csv")
    export.trigger()
    menu.close()
    qtbot.waitUntil((tmp_path / "two.csv").exists, timeout=10_000)
    qtbot.waitUntil(lambda: "Exported 2 tickets" in window.statusBar().currentMessage())
    with (tmp_path / "two.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert [row[0] for row in rows[1:]] == chosen  # those two, in id order
