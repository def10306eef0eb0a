"""The window as the real program: ``python -m slaworkbench --demo-if-empty`` (``make run``)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import func, select

from slaworkbench.store.schema import Ticket
from slaworkbench.store.workspace import open_workspace


def _wait_for(path: Path, text: str, process: subprocess.Popen[bytes], seconds: float) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        log = path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""
        if text in log:
            return log
        assert process.poll() is None, f"the program exited early:\n{log}"
        time.sleep(0.2)
    raise AssertionError(f"{text!r} not logged within {seconds} s:\n{log}")


def test_an_empty_workspace_opens_and_fills_with_the_demo(tmp_path: Path) -> None:
    database = tmp_path / "first.sqlite3"
    log_path = tmp_path / "stderr.log"
    env = dict(os.environ, SLAWORKBENCH_HOME=str(tmp_path / "home"), QT_QPA_PLATFORM="offscreen")
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "slaworkbench",
                "--database",
                str(database),
                "--demo-if-empty",
                "--log-level",
                "info",
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
        )
    try:
        _wait_for(log_path, "Main window shown", process, 60)
        text = _wait_for(log_path, "Recomputed", process, 240)
        assert "Traceback" not in text
    finally:
        process.terminate()
        process.wait(30)
    with (
        open_workspace(f"sqlite:///{database}", create=False) as workspace,
        workspace.session() as session,
    ):
        assert session.execute(select(func.count(Ticket.id))).scalar_one() == 5000
