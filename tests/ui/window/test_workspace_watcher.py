"""A second process writing to the workspace makes open views refresh."""

from __future__ import annotations

import subprocess
import sys
import textwrap

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
