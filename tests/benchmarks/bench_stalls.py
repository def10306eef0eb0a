"""The window's GUI thread while a person goes through every screen of a big workspace.

The real ``MainWindow`` (offscreen) on a copy of the realistic demo (``--tickets=N``,
default 1,000,000; or ``--database=PATH``), and a timer that beats every 5 ms on the GUI
thread: the longest gap between two beats while a step runs is the longest the window
stood still (a person's click unanswered). The steps are what a person does: every view
of the sidebar, each column sorted both ways, a ticket selected, a search and its
clearing, every tab and sub-tab. Each line gives the step's own call, the longest stall
and the time until the background work it started is done; a stall over 0.5 s is
flagged. No peer: a stall is measured against the half second a person notices.

Usage: ``python -m tests.benchmarks bench_stalls [--tickets=N | --database=PATH]``.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.benchmarks.realistic import fresh_copy, load, realistic_workspace

FLAGGED = 0.5
"""A stall this long is one a person notices."""


def _survey(database: Path) -> list[tuple[str, float, float, float]]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings, Qt, QTimer

    from slaworkbench.store.workspace import open_workspace
    from slaworkbench.ui.tasks import TaskRunner
    from slaworkbench.ui.window.launch import make_application
    from slaworkbench.ui.window.main_window import MainWindow

    app = make_application([])
    workspace = open_workspace(f"sqlite:///{database}", create=False)
    runner = TaskRunner()
    settings = QSettings(str(database.with_suffix(".ini")), QSettings.Format.IniFormat)
    window = MainWindow(workspace, runner, settings=settings, tray=False)
    window.resize(1600, 1000)
    window.show()
    beat = {"last": time.perf_counter(), "longest": 0.0}

    def on_beat() -> None:
        now = time.perf_counter()
        beat["longest"] = max(beat["longest"], now - beat["last"])
        beat["last"] = now

    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(on_beat)
    timer.start()

    def settle(limit: float = 120.0) -> float:
        start, quiet = time.perf_counter(), 0.0
        while time.perf_counter() - start < limit:
            app.processEvents()
            time.sleep(0.005)
            if runner.active():
                quiet = 0.0
            elif not quiet:
                quiet = time.perf_counter()
            elif time.perf_counter() - quiet > 0.4:
                break
        return time.perf_counter() - start - 0.4

    lines: list[tuple[str, float, float, float]] = []

    def step(name: str, action: Callable[[], Any]) -> None:
        app.processEvents()
        beat["last"], beat["longest"] = time.perf_counter(), 0.0
        started = time.perf_counter()
        action()
        call = time.perf_counter() - started
        idle = call + settle()
        lines.append((name, call, max(beat["longest"], call), idle))

    settle()
    tree = window.tickets.sidebar.tree
    items = [
        tree.topLevelItem(r).child(c)  # type: ignore[union-attr]
        for r in range(tree.topLevelItemCount())
        for c in range(tree.topLevelItem(r).childCount())  # type: ignore[union-attr]
    ]
    for item in items:
        # The highlight moved as the arrow keys move it: the list follows it.
        step(f"sidebar: {item.text(0).split('  ')[0]}", lambda i=item: tree.setCurrentItem(i))
    tree.setCurrentItem(items[0])
    settle()
    table, model = window.tickets.table, window.tickets.model
    for column in range(model.columnCount()):
        if table.isColumnHidden(column):
            continue
        title = model.headerData(column, Qt.Orientation.Horizontal)
        for order, label in (
            (Qt.SortOrder.AscendingOrder, ""),
            (Qt.SortOrder.DescendingOrder, " ↓"),
        ):
            step(f"sort by {title}{label}", lambda c=column, o=order: table.sortByColumn(c, o))
    step("select a ticket", lambda: table.selectRow(3))
    search = window.tickets.toolbar.search

    def searched(text: str) -> None:
        search.setText(text)
        search.returnPressed.emit()

    step("search 'printer'", lambda: searched("printer"))
    step("search cleared", lambda: searched(""))
    step("tab Dashboard (first time)", lambda: window.show_tab(1))
    step("tab Policies and calendars (first time)", lambda: window.show_tab(2))
    policies = window.policies
    for index in range(policies.tabs.count()):
        title = policies.tabs.tabText(index).replace("&", "")
        step(f"  {title}", lambda i=index: policies.tabs.setCurrentIndex(i))
    step("tab Agreements (first time)", lambda: window.show_tab(3))
    agreements = window.agreements
    for index in range(agreements.sections.count()):
        title = agreements.sections.tabText(index)
        step(f"  {title}", lambda i=index: agreements.sections.setCurrentIndex(i))
    step("tab Tickets", lambda: window.show_tab(0))
    timer.stop()
    window.shutdown()
    workspace.close()
    return lines


def main(argv: list[str]) -> int:
    source = realistic_workspace(argv, default_tickets=1_000_000)
    with tempfile.TemporaryDirectory(dir="/dev/shm" if Path("/dev/shm").is_dir() else None) as tmp:
        copy = Path(tmp) / "stalls.sqlite3"
        fresh_copy(source, copy)
        lines = _survey(copy)
    print(f"workspace: {source.name}")
    print(f"{'step':48s} {'call':>7s} {'stall':>7s} {'to idle':>8s}")
    for name, call, stall, idle in lines:
        mark = "  ← noticed" if stall > FLAGGED else ""
        print(f"{name[:48]:48s} {call:6.2f}s {stall:6.2f}s {idle:7.2f}s{mark}")
    worst = max(lines, key=lambda line: line[2])
    print(f"longest stall: {worst[2]:.2f} s ({worst[0]}); {load()}")
    return 0
