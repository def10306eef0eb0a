"""A full disk and a lock held by another process, with the real program as a process.

Each run must end in one sentence on standard error (``slaworkbench: …``, no traceback),
exit code 1 and the workspace exactly as before (canonical dump), whole
(``integrity_check``) and openable; an export into a full disk leaves no partial file.
The disk is a small tmpfs (needs root: skipped otherwise); the lock is a separate
process holding SQLite's write lock (``BEGIN IMMEDIATE``). The short form (default
suite) uses a 1 s busy timeout in the child, one free-space size per command and two
locked commands; the long form (``make faults``) tries five free-space sizes per
command, four locked commands, and also waits out the real 15 s busy timeout once.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from slaworkbench.app.demo.workspace import generate_demo
from slaworkbench.store.workspace import open_workspace
from tests.faults.harness import FROZEN_NOW, environment, opens, snapshot

pytestmark = [pytest.mark.faults, pytest.mark.slow]

LONG = os.environ.get("SLAWORKBENCH_FAULTS") == "long"
FREE_BYTES = (0, 8_192, 65_536, 262_144, 1_048_576) if LONG else (65_536,)
BUSY_MS = 1_000

_CHILD = """
import runpy, sys, time
time.time = lambda: {now}.0
busy = {busy}
if busy:
    import slaworkbench.store.dialect as dialect
    dialect.BUSY_TIMEOUT_MS = busy
sys.argv = ["slaworkbench", *sys.argv[1:]]
runpy.run_module("slaworkbench", run_name="__main__", alter_sys=True)
"""
_HOLDER = """
import sqlite3, sys, time
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
time.sleep(600)
"""


def _run(home: Path, *args: str, busy_ms: int = BUSY_MS) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", _CHILD.format(now=FROZEN_NOW, busy=busy_ms), *args],
        env=environment(home),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def _assert_one_sentence(done: subprocess.CompletedProcess[str], *words: str) -> None:
    assert done.returncode == 1, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("slaworkbench: "), done.stderr
    assert "Traceback" not in done.stderr
    for word in words:
        assert word in lines[0], lines[0]


def _demo(path: Path, tickets: int = 150) -> None:
    with open_workspace(str(path)) as workspace:
        generate_demo(workspace, tickets=tickets, seed=3, now=FROZEN_NOW)


def _tickets_csv(path: Path, rows: int) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        handle.write("id,subject,priority,created,first_response\n")
        for n in range(rows):
            handle.write(f"D{n},Disk {n} {'x' * 60},high,2025-11-03T09:00:00Z,\n")
    return path


def _whole_and_unchanged(path: Path, before: object) -> None:
    now, intact = snapshot(path)
    assert intact
    assert now == before
    assert opens(path) == (True, "")


# --- a full disk ------------------------------------------------------------------------


@contextmanager
def _small_file_system(mount: Path, size: str) -> Iterator[Path]:
    """A tmpfs of ``size`` at ``mount`` for the block (needs root: the test is skipped
    otherwise)."""
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(mount)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip("a small file system cannot be mounted here (needs root)")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    with _small_file_system(tmp_path / "disk", "12m") as mount:
        yield mount


def _fill(disk: Path, leave: int) -> Path:
    filler = disk / "filler"
    free = shutil.disk_usage(disk).free
    with filler.open("wb") as handle:
        handle.write(b"\0" * max(free - leave, 0))
    return filler


@pytest.mark.parametrize("leave", FREE_BYTES)
@pytest.mark.parametrize("command", ["import", "export"])
def test_a_full_disk_is_a_sentence_and_changes_nothing(
    small_disk: Path, tmp_path: Path, command: str, leave: int
) -> None:
    home = tmp_path / "home"
    path = small_disk / "ws.sqlite3"
    _demo(path)
    before, intact = snapshot(path)
    assert intact
    argv = {
        "import": ["import", "tickets", str(_tickets_csv(tmp_path / "t.csv", 30_000))],
        "export": ["export", "tickets", str(small_disk / "out.csv")],
    }[command]
    filler = _fill(small_disk, leave)
    done = _run(home, *argv, "--database", str(path))
    filler.unlink()
    if command == "export" and done.returncode == 0:  # it fitted: then it is whole
        assert (small_disk / "out.csv").read_text(encoding="utf-8-sig").count("\n") == 151
        assert [p.name for p in small_disk.iterdir() if p.name.startswith(".")] == []
        _whole_and_unchanged(path, before)
        return
    _assert_one_sentence(done)
    assert any(
        phrase in done.stderr for phrase in ("disk is full", "No space left", "Cannot write")
    ), done.stderr
    if command == "export":
        assert sorted(p.name for p in small_disk.iterdir() if "out" in p.name) == []
    _whole_and_unchanged(path, before)


_SMALL_SORT_RUNS = """
import runpy, sys
import slaworkbench.store.dialect as dialect
dialect.INDEX_SORT_CACHE_KIB = 256  # the index builds' sorts spill to files at once
sys.argv = ["slaworkbench", *sys.argv[1:]]
runpy.run_module("slaworkbench", run_name="__main__", alter_sys=True)
"""


def test_a_full_temporary_folder_is_a_sentence_that_names_it(tmp_path: Path) -> None:
    """A bulk load sorts its indexes into SQLite's temporary folder (``SQLITE_TMPDIR``,
    read when the process starts): that folder's disk filling up, while the workspace's
    has room, is one sentence that names the folder, and the load leaves nothing."""
    path = tmp_path / "ws.sqlite3"
    argv = ["demo", "--tickets", "20000", "--seed", "3", "--database", str(path)]
    with _small_file_system(tmp_path / "tmp", "256k") as folder:
        done = subprocess.run(
            [sys.executable, "-c", _SMALL_SORT_RUNS, *argv],
            env={**environment(tmp_path / "home"), "SQLITE_TMPDIR": str(folder)},
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
    _assert_one_sentence(done, f"the temporary folder {folder}", "SQLITE_TMPDIR")
    _, intact = snapshot(path)
    assert intact
    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT count(*) FROM tickets").fetchone() == (0,)
    assert opens(path) == (True, "")


# --- a lock held by another process -----------------------------------------------------


@pytest.fixture
def held_lock(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "ws.sqlite3"
    _demo(path)
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        yield path
    finally:
        holder.kill()
        holder.wait()


LOCKED_COMMANDS = {
    "import": ["import", "tickets", "CSV"],
    "recompute": ["recompute", "--all", "--reason", "locked"],
    "demo": ["demo", "--tickets", "50"],
    "policy import": ["policy", "import", "POLICY"],
}
SHORT_LOCKED = ("import", "recompute")


@pytest.mark.parametrize(
    "command",
    [LOCKED_COMMANDS[name] for name in (LOCKED_COMMANDS if LONG else SHORT_LOCKED)],
    ids=list(LOCKED_COMMANDS if LONG else SHORT_LOCKED),
)
def test_a_lock_held_by_another_process_is_a_sentence_and_changes_nothing(
    held_lock: Path, tmp_path: Path, command: list[str]
) -> None:
    home = tmp_path / "home"
    policy = tmp_path / "policy.json"
    exported = _run(home, "policy", "export", "Standard SLA", str(policy), "--database",
                    str(held_lock))  # fmt: skip
    assert exported.returncode == 0, exported.stderr  # reading is not blocked by the lock
    csv = _tickets_csv(tmp_path / "t.csv", 100)
    argv = [str(csv) if a == "CSV" else str(policy) if a == "POLICY" else a for a in command]
    before, _ = snapshot(held_lock)
    done = _run(home, *argv, "--database", str(held_lock))
    _assert_one_sentence(done, "is busy", "nothing was changed")
    assert snapshot(held_lock)[0] == before


def test_an_export_reads_past_a_held_lock(held_lock: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    done = _run(tmp_path / "home", "export", "tickets", str(out), "--database", str(held_lock))
    assert done.returncode == 0, done.stderr
    assert out.read_text(encoding="utf-8-sig").count("\n") == 151


@pytest.mark.skipif(not LONG, reason="waits out the real 15 s busy timeout (make faults)")
def test_the_real_busy_timeout_ends_in_a_sentence(held_lock: Path, tmp_path: Path) -> None:
    csv = _tickets_csv(tmp_path / "t.csv", 100)
    before, _ = snapshot(held_lock)
    done = _run(
        tmp_path / "home", "import", "tickets", str(csv), "--database", str(held_lock), busy_ms=0
    )
    _assert_one_sentence(done, "is busy", "15 s")
    assert snapshot(held_lock)[0] == before
