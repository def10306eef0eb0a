"""A second process writing to the workspace makes open views refresh."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading

from slaworkbench.app.changes import Changes
from slaworkbench.store.workspace import open_workspace
from slaworkbench.ui.changes import ChangeNotice
from slaworkbench.ui.tasks import TaskRunner
from slaworkbench.ui.window.workspace_watcher import WorkspaceWatcher


def test_another_process_writing_is_noticed(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'shared.sqlite3'}"
    workspace = open_workspace(url)
    runner = TaskRunner()
    notice = ChangeNotice()
    watcher = WorkspaceWatcher(runner, workspace.data_version, notice, interval_ms=50)
    changes: list[Changes] = []
    notice.changed.connect(changes.append)
    watcher.start()
    qtbot.wait(200)
    assert changes == []  # nobody wrote

    writer = textwrap.dedent(
        f"""
        from sqlalchemy import text
        from slaworkbench.store.workspace import open_workspace
        ws = open_workspace({url!r})
        with ws.begin() as connection:
            connection.execute(text("INSERT INTO teams (name) VALUES ('Night shift')"))
        ws.close()
        """
    )
    subprocess.run([sys.executable, "-c", writer], check=True, timeout=60)
    qtbot.waitUntil(lambda: changes == [Changes(external=True)], timeout=5000)

    watcher.set_active(False)
    assert not watcher.is_active()
    assert runner.shutdown(5000)
    workspace.close()


def test_this_windows_own_write_is_never_announced_as_another_s(qtbot) -> None:  # type: ignore[no-untyped-def]
    """A write of this window that announces nothing (the escalation plan's refresh)
    commits while a poll is under way that read the version before it: the poll's late
    answer must not become the baseline the write is then measured against."""
    version = [1]
    hold, read_started, release = [False], threading.Event(), threading.Event()

    def read_version() -> int:
        seen = version[0]
        if hold[0]:
            read_started.set()
            release.wait(10)
        return seen

    runner = TaskRunner()
    notice = ChangeNotice()
    watcher = WorkspaceWatcher(runner, read_version, notice, interval_ms=3_600_000)
    changes: list[Changes] = []
    notice.changed.connect(changes.append)
    watcher.start()
    qtbot.waitUntil(lambda: not runner.active(), timeout=5000)

    hold[0] = True
    watcher.poll()
    assert read_started.wait(10)
    hold[0] = False

    def write(_context: object) -> None:
        version[0] += 1

    runner.submit("Plan escalations", write, writer=True)
    qtbot.waitUntil(lambda: not runner.writing(), timeout=5000)
    release.set()  # the poll answers 1, after the write is over
    qtbot.waitUntil(lambda: not runner.active(), timeout=5000)
    watcher.poll()
    qtbot.waitUntil(lambda: not runner.active(), timeout=5000)
    assert changes == []

    runner.submit("Plan escalations", write, writer=True)  # no poll under way this time
    qtbot.waitUntil(lambda: not runner.active(), timeout=5000)
    watcher.poll()
    qtbot.waitUntil(lambda: not runner.active(), timeout=5000)
    assert changes == []

    version[0] += 1  # another process's write is still announced
    watcher.poll()
    qtbot.waitUntil(lambda: changes == [Changes(external=True)], timeout=5000)
    watcher.set_active(False)
    assert runner.shutdown(5000)
