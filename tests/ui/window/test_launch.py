"""run_gui: a workspace that cannot open is a sentence and exit 1; an empty one fills."""

from __future__ import annotations

import argparse

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from slaworkbench.store.workspace import open_workspace
from slaworkbench.ui.window import launch
from slaworkbench.ui.window.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def test_unusable_workspace_shows_the_sentence_and_exits_1(qapp, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text: shown.append(text))
    bad = tmp_path / "not-a-database.sqlite3"
    bad.write_text("hello, I am a text file, not SQLite")
    code = launch.run_gui(argparse.Namespace(database=str(bad), demo_if_empty=False))
    assert code == 1
    assert len(shown) == 1 and "Traceback" not in shown[0]


def test_empty_workspace_is_filled_with_demo_data(qapp, qtbot, tmp_path, monkeypatch):
    path = tmp_path / "empty.sqlite3"
    monkeypatch.setattr(launch, "DEMO_TICKETS", 40)
    seen = {}

    def fake_exec() -> int:
        window = next(
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, MainWindow) and w.isVisible() and w.workspace.url.endswith(path.name)
        )
        seen["said"] = window.statusBar().currentMessage()
        qtbot.waitUntil(lambda: window.tickets.model.rowCount() > 0, timeout=60_000)
        seen["rows"] = window.tickets.model.rowCount()
        window.close()
        return 0

    monkeypatch.setattr(qapp, "exec", fake_exec)
    code = launch.run_gui(argparse.Namespace(database=str(path), demo_if_empty=True))
    assert code == 0
    assert "empty" in seen["said"] and seen["rows"] > 0
    with open_workspace(str(path)) as ws:
        assert not ws.is_empty()
