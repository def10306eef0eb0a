"""The data commands as the real program: exit codes, summaries, and a killed import."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from slaworkbench.store.workspace import Workspace, open_workspace
from tests.support.import_files import content_hash, row_counts

pytestmark = pytest.mark.e2e


def _run(*args: str, env_home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SLAWORKBENCH_HOME": str(env_home)}
    return subprocess.run(
        [sys.executable, "-m", "slaworkbench", *args],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )


def test_import_export_and_errors(tmp_path: Path, bpic2013_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'ws.sqlite3'}"
    dry = _run("import", "events", str(bpic2013_path), "--preset", "bpic2013", "--dry-run",
               "--database", url, env_home=tmp_path)  # fmt: skip
    assert dry.returncode == 0, dry.stderr
    assert "nothing was written" in dry.stdout and "7,554 tickets" in dry.stdout
    done = _run("import", "events", str(bpic2013_path), "--preset", "bpic2013",
                "--database", url, env_home=tmp_path)  # fmt: skip
    assert done.returncode == 0, done.stderr
    # With the team moves and the assignments.
    assert "Imported 7,554 tickets with 95,748 events" in done.stdout
    out = tmp_path / "out.csv"
    exported = _run("export", "tickets", str(out), "--database", url, env_home=tmp_path)
    assert exported.returncode == 0, exported.stderr
    assert len(out.read_text(encoding="utf-8-sig").splitlines()) == 7_555
    missing = _run("import", "events", str(tmp_path / "nope.csv"), "--preset", "bpic2013",
                   "--database", url, env_home=tmp_path)  # fmt: skip
    assert missing.returncode == 1
    assert "does not exist" in missing.stderr and "Traceback" not in missing.stderr
    bad = tmp_path / "bad.csv"
    bad.write_text("SR Number,Status\n1,Queued\n", encoding="utf-8")
    refused = _run("import", "events", str(bad), "--preset", "bpic2013", "--database", url,
                   env_home=tmp_path)  # fmt: skip
    assert refused.returncode == 1 and "'Change Date+Time'" in refused.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX devices and links")
def test_an_export_goes_through_a_link_or_into_a_device_and_replaces_neither(
    tmp_path: Path,
) -> None:
    """Renaming the finished export over its name replaced a link by a regular file, and
    a device too: ``export tickets /dev/full`` run as root said "Exported" and left
    ``/dev/full`` a regular file; ``/dev/stdout`` could not be written at all."""
    url = f"sqlite:///{tmp_path / 'ws.sqlite3'}"
    made = _run("demo", "--tickets", "20", "--database", url, env_home=tmp_path)
    assert made.returncode == 0, made.stderr
    real = tmp_path / "shared" / "tickets.csv"
    real.parent.mkdir()
    link = tmp_path / "tickets.csv"
    link.symlink_to(real)
    linked = _run("export", "tickets", str(link), "--database", url, env_home=tmp_path)
    assert linked.returncode == 0, linked.stderr
    assert link.is_symlink() and len(real.read_text(encoding="utf-8-sig").splitlines()) == 21
    piped = _run("export", "tickets", "/dev/stdout", "--database", url, env_home=tmp_path)
    assert piped.returncode == 0, piped.stderr
    lines = piped.stdout.lstrip("\ufeff").splitlines()
    assert lines[0].startswith("id,external_id,") and len(lines) == 21  # the CSV alone
    assert "Exported 20 tickets to /dev/stdout." in piped.stderr
    if Path("/dev/full").exists():
        full = _run("export", "tickets", "/dev/full", "--database", url, env_home=tmp_path)
        assert full.returncode == 1
        assert full.stderr.strip() == (
            "slaworkbench: Cannot write /dev/full (No space left on device)."
        )
        assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def _size(path: Path) -> int:
    """The file's size, 0 when it is not there: the import removes the WAL when it
    switches the file to a rollback journal for a bulk load, between any two looks."""
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return 0


@pytest.mark.slow
def test_killed_import_leaves_the_workspace_as_it_was(tmp_path: Path) -> None:
    db = tmp_path / "ws.sqlite3"
    url = f"sqlite:///{db}"
    ws = open_workspace(url)
    try:
        before, digest, schema = row_counts(ws), content_hash(ws), _schema(ws)
    finally:
        ws.close()
    big = tmp_path / "big.csv"
    with big.open("w", encoding="utf-8") as handle:
        handle.write("id,subject,priority,created,first_response,resolved\n")
        for n in range(300_000):
            handle.write(
                f"T{n},Printer {n},normal,2026-03-02T09:00:00Z,2026-03-02T10:00:00Z,"
                "2026-03-03T10:00:00Z\n"
            )
    env = {**os.environ, "SLAWORKBENCH_HOME": str(tmp_path)}
    process = subprocess.Popen(
        [sys.executable, "-m", "slaworkbench", "import", "tickets", str(big), "--database", url],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wal, journal = Path(str(db) + "-wal"), Path(str(db) + "-journal")
    deadline = time.monotonic() + 240
    # Kill once the import has started writing: the WAL grows past a few MB or, for a
    # bulk load alone on the file (issue 16), its rollback journal exists; then let it
    # write a while (300,000 tickets take far longer).
    while time.monotonic() < deadline and process.poll() is None:
        if journal.exists() or _size(wal) > 4_000_000:
            time.sleep(1.0)
            break
        time.sleep(0.02)
    assert process.poll() is None, "the import finished before it could be killed"
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    ws = open_workspace(url)
    try:
        assert row_counts(ws) == before
        assert content_hash(ws) == digest
        assert _schema(ws) == schema  # the indexes a bulk load drops are back
    finally:
        ws.close()


def _schema(ws: Workspace) -> list[tuple[object, ...]]:
    with ws.engine.connect() as connection:
        rows = connection.exec_driver_sql("SELECT type, name, sql FROM sqlite_schema ORDER BY name")
        return [tuple(row) for row in rows]
