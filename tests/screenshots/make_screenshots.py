"""Regenerate docs/screenshots/main_window_{light,dark}.png and the ticket list at
1024×700 and 1920×1080 in both themes, each with a filter chip and the time-to-breach
column (ticket_list_{1024x700,1920x1080}_{light,dark}.png), from a demo workspace.

Run: ``make screenshots`` (all of them), or this one alone with
``QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.screenshots.make_screenshots``
(not collected by pytest: no ``test_`` names here).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from slaworkbench.app.demo.workspace import generate_demo
from slaworkbench.store.tickets.paging import list_tickets
from slaworkbench.store.tickets.query import SortKey, TicketQuery, View
from slaworkbench.ui.tasks import TaskRunner
from slaworkbench.ui.theme import Theme, apply_scheme
from slaworkbench.ui.window.main_window import MainWindow
from tests.support.screenshot_session import OUT, screenshot_session


def pick_ticket(ws, now: int) -> int:
    """An open ticket with a running clock, close to its due time."""
    with ws.session() as session:
        rows = list_tickets(
            session, TicketQuery(view=View.AT_RISK, sort=SortKey.NEXT_DUE), now=now, limit=5
        ) or list_tickets(session, TicketQuery(view=View.ALL_OPEN), now=now, limit=5)
    return rows[0].id


LIST_SHOTS = (
    # (width, height, the dashboard click that filled the list)
    (1024, 700, {"open": True, "priority": "high"}),
    (1920, 1080, {"open": True, "sla_state": "breached", "metric": "next_response"}),
)


def open_window(app: QApplication, ws, now: int, dark: bool, settings_file: Path) -> MainWindow:
    theme = Theme(dark=dark)
    apply_scheme(app, dark)
    settings = QSettings(str(settings_file), QSettings.Format.IniFormat)
    return MainWindow(
        ws,
        TaskRunner(synchronous=True),
        clock=lambda: now,
        theme=theme,
        settings=settings,
        watch_interval_ms=3_600_000,
        tray=False,
    )


def close(app: QApplication, window: MainWindow) -> None:
    window.shutdown()
    window.close()
    window.deleteLater()
    app.processEvents()


def shoot_list(
    app: QApplication, ws, now: int, dark: bool, folder: Path, shot: tuple[int, int, dict]
) -> Path:
    """The list at a screen size, as the window first opens there, after a dashboard
    click: its chip above the list, the time-to-breach column, the first row selected."""
    width, height, click = shot
    window = open_window(app, ws, now, dark, folder / f"list-{width}-{dark}.ini")
    window.resize(width, height)
    window.show()
    for _ in range(3):
        app.processEvents()
    window.show_tab(1)
    window.dashboard.open_tickets_requested.emit(click)
    app.processEvents()
    window.tickets.table.selectRow(0)
    window.tickets.table.setFocus()
    for _ in range(5):
        app.processEvents()
    theme = "dark" if dark else "light"
    path = OUT / f"ticket_list_{width}x{height}_{theme}.png"
    window.grab().save(str(path))
    close(app, window)
    return path


def shoot(app: QApplication, ws, now: int, dark: bool, folder: Path) -> Path:
    window = open_window(app, ws, now, dark, folder / f"settings-{dark}.ini")
    window.resize(1920, 1000)
    window.show()
    window.tickets.splitter.setSizes([160, 1150, 610])
    app.processEvents()
    window.tickets.list.select_ticket(pick_ticket(ws, now))
    for _ in range(5):
        app.processEvents()
    path = OUT / f"main_window_{'dark' if dark else 'light'}.png"
    window.grab().save(str(path))
    close(app, window)
    return path


def main() -> int:
    with screenshot_session() as (app, ws, folder):
        now = int(time.time())
        generate_demo(ws, tickets=1500, seed=1, now=now)
        for dark in (False, True):
            print(shoot(app, ws, now, dark, folder))
            for shot in LIST_SHOTS:
                print(shoot_list(app, ws, now, dark, folder, shot))
    return 0


if __name__ == "__main__":
    sys.exit(main())
