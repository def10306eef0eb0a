"""Opening a workspace whose open is slow (the check of every page of a copied file, an
upgrade) shows a window saying what it waits for, instead of nothing: the window opens
when the open is done, Cancel during the check closes the program and leaves the file as
it was, and the upgrade cannot be cancelled. Driven through ``run_gui`` with the check or
the upgrade held at a gate, and the buttons and keys a person uses."""

from __future__ import annotations

import argparse
import hashlib
import shutil
import sqlite3
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from slaworkbench.store import workspace as store_workspace
from slaworkbench.store import workspace_file
from slaworkbench.store.workspace import open_workspace
from slaworkbench.ui.window import launch, opening
from slaworkbench.ui.window.main_window import MainWindow
from slaworkbench.ui.window.opening import OpeningDialog
from tests.support.older_files import empty_file_at

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


class Gate:
    """Holds a slow step of the open until the test lets it go."""

    def __init__(self) -> None:
        self.reached = threading.Event()
        self.released = threading.Event()

    def wrap(self, step: Callable[..., Any]) -> Callable[..., Any]:
        def held(*args: Any, **kwargs: Any) -> Any:
            self.reached.set()
            assert self.released.wait(30), "the test never let the open go on"
            return step(*args, **kwargs)

        return held


@pytest.fixture
def gate() -> Iterator[Gate]:
    held = Gate()
    yield held
    held.released.set()  # never leave the open's thread waiting


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _copied_workspace(tmp_path: Path) -> Path:
    made = tmp_path / "made.sqlite3"
    open_workspace(str(made)).close()
    copy = tmp_path / "Support desk.sqlite3"
    shutil.copyfile(made, copy)  # a copy: not recorded whole, so checked in full
    return copy


def _dialog() -> OpeningDialog | None:
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, OpeningDialog) and widget.isVisible():
            return widget
    return None


def _when_shown(qtbot: QtBot, act: Callable[[OpeningDialog], None]) -> None:
    """Once the opening window is up (``run_gui`` is then inside its loop), ``act``."""

    def poll() -> None:
        dialog = _dialog()
        if dialog is None:
            QTimer.singleShot(20, poll)
            return
        act(dialog)

    QTimer.singleShot(0, poll)


def _window_then_close(qapp: QApplication, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch,
                       path: Path, seen: dict[str, Any]) -> None:  # fmt: skip
    def fake_exec() -> int:
        window = next(
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, MainWindow) and w.isVisible() and w.workspace.url.endswith(path.name)
        )
        seen["window"] = True
        window.close()
        return 0

    monkeypatch.setattr(qapp, "exec", fake_exec)


def test_a_copied_workspace_says_it_is_checked_then_opens(
    qapp: QApplication, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, gate: Gate
) -> None:
    path = _copied_workspace(tmp_path)
    monkeypatch.setattr(workspace_file, "quick_check", gate.wrap(workspace_file.quick_check))
    seen: dict[str, Any] = {}

    def look(dialog: OpeningDialog) -> None:
        qtbot.waitUntil(lambda: "Checking" in dialog.title.text(), timeout=5000)
        seen["title"] = dialog.title.text()
        seen["detail"] = dialog.detail.text()
        seen["cancel"] = dialog.cancel_button.isEnabled()
        gate.released.set()

    _when_shown(qtbot, look)
    _window_then_close(qapp, qtbot, monkeypatch, path, seen)
    code = launch.run_gui(argparse.Namespace(database=str(path), demo_if_empty=False))
    assert code == 0
    assert seen["title"] == "Checking the workspace before opening it"
    assert "Support desk.sqlite3 (" in seen["detail"] and " kB)" in seen["detail"]
    assert seen["cancel"] is True
    assert seen.get("window") is True
    assert _dialog() is None


def test_cancel_during_the_check_closes_without_opening_and_leaves_the_file(
    qapp: QApplication, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, gate: Gate
) -> None:
    path = _copied_workspace(tmp_path)
    before = _digest(path)
    monkeypatch.setattr(workspace_file, "quick_check", gate.wrap(workspace_file.quick_check))
    closed: list[object] = []
    real_close = store_workspace.Workspace.close

    def counted_close(self: store_workspace.Workspace) -> None:
        closed.append(self)
        real_close(self)

    monkeypatch.setattr(store_workspace.Workspace, "close", counted_close)
    threads_before = set(threading.enumerate())

    def cancel(dialog: OpeningDialog) -> None:
        qtbot.waitUntil(lambda: dialog.cancel_button.isEnabled(), timeout=5000)
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)

    _when_shown(qtbot, cancel)
    monkeypatch.setattr(qapp, "exec", lambda: pytest.fail("the window opened"))
    code = launch.run_gui(argparse.Namespace(database=str(path), demo_if_empty=False))
    assert code == 0
    assert not any(isinstance(w, MainWindow) and w.isVisible() for w in qapp.topLevelWidgets())
    # The open's thread ends unseen; the workspace it opened is closed at once.
    gate.released.set()
    for thread in set(threading.enumerate()) - threads_before:
        if thread.name == "open-workspace":
            thread.join(30)
    assert len(closed) == 1
    assert _digest(path) == before


def test_an_upgrade_says_so_and_cannot_be_cancelled(
    qapp: QApplication, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, gate: Gate
) -> None:
    path = empty_file_at(tmp_path / "Older.sqlite3", "0035")
    monkeypatch.setattr(store_workspace, "upgrade", gate.wrap(store_workspace.upgrade))
    seen: dict[str, Any] = {}

    def look(dialog: OpeningDialog) -> None:
        qtbot.waitUntil(lambda: "Upgrading" in dialog.title.text(), timeout=10_000)
        seen["title"] = dialog.title.text()
        seen["cancel"] = dialog.cancel_button.isEnabled()
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # refused while the upgrade writes
        dialog.close()  # the window's close button: refused too
        seen["still_shown"] = dialog.isVisible()
        gate.released.set()

    _when_shown(qtbot, look)
    _window_then_close(qapp, qtbot, monkeypatch, path, seen)
    code = launch.run_gui(argparse.Namespace(database=str(path), demo_if_empty=False))
    assert code == 0
    assert seen["title"] == "Upgrading the workspace to this version"
    assert seen["cancel"] is False and seen["still_shown"] is True
    assert seen.get("window") is True
    with sqlite3.connect(path) as connection:  # upgraded to head
        (revision,) = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    assert revision == store_workspace.SCHEMA_REVISION


def test_a_quick_open_shows_no_window(
    qapp: QApplication, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "w.sqlite3"
    open_workspace(str(path)).close()  # recorded whole: no check
    shown: list[object] = []
    monkeypatch.setattr(opening.OpeningDialog, "exec", lambda self: shown.append(self) or 1)
    workspace = opening.open_showing_progress(str(path), show_after_ms=10_000)
    assert workspace is not None
    workspace.close()
    assert shown == []
