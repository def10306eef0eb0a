"""A real main window over a workspace, with a threaded task runner, for tests that
drive it like a person; closed and its threads joined by ``close_window``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings

from slaworkbench.store.workspace import Workspace
from slaworkbench.ui.tasks import TaskRunner
from slaworkbench.ui.window.main_window import MainWindow


def open_window(
    qtbot: Any,
    workspace: Workspace,
    folder: Path,
    *,
    now: int,
    ready: Callable[[MainWindow], bool] = lambda win: win.tickets.toolbar.me_combo.count() > 0,
    watch_interval_ms: int = 60_000,
    listen_for_changes: bool = True,
) -> MainWindow:
    """The window at the fixed instant ``now``, shown, once ``ready`` holds (by default:
    the "Working as" names are in)."""
    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    win = MainWindow(
        workspace,
        TaskRunner(),
        clock=lambda: now,
        settings=settings,
        watch_interval_ms=watch_interval_ms,
        listen_for_changes=listen_for_changes,
        tray=False,
    )
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: ready(win), timeout=20_000)
    return win


def close_window(win: MainWindow) -> None:
    win.shutdown()
    win.runner.shutdown(10_000)


class FirstPageCounter:
    """Wraps the tickets page's loader and records each first-page fetch (a reload)."""

    def __init__(self, page_module: Any) -> None:
        self.calls: list[int] = []
        self._real = page_module.load_page

    def __call__(self, ws: Any, query: Any, after: Any, limit: int, *, now: int) -> Any:
        if after is None:
            self.calls.append(now)
        return self._real(ws, query, after, limit, now=now)
