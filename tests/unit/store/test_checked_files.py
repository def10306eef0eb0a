"""The quick check at open is skipped only for a file recorded whole and unchanged since
(issue 16): a second open of an unchanged file reads no page it does not need; a file
touched, changed, replaced or left by a killed writer is checked in full; damage met
later while reading is the damaged sentence; a lost or unwritable record costs only
time."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import pytest
from sqlalchemy import func, select

from slaworkbench.cli.main import main
from slaworkbench.store import workspace_file
from slaworkbench.store.checked_files import KEPT, CheckedFiles, FileIdentity, identity_of
from slaworkbench.store.errors import WorkspaceError
from slaworkbench.store.schema import Calendar, Customer
from slaworkbench.store.workspace import open_workspace
from tests.support.damaged_files import corrupt_a_page_of


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Path]]:
    """The files ``PRAGMA quick_check`` ran on, in order."""
    ran: list[Path] = []
    real = workspace_file.quick_check

    def counting(connection: sqlite3.Connection, path: Path) -> None:
        ran.append(path)
        real(connection, path)

    monkeypatch.setattr(workspace_file, "quick_check", counting)
    yield ran


def _closed_workspace(path: Path) -> Path:
    with open_workspace(str(path)) as workspace, workspace.session(write=True) as session:
        session.add_all(Customer(name=f"Customer {n}") for n in range(50))
    return path


def _open_and_close(path: Path) -> None:
    open_workspace(str(path), create=False).close()


@contextmanager
def _held_open_with_a_write(path: Path) -> Iterator[None]:
    """Another connection (the window) that committed a row and stays open: its
    write-ahead log holds content beside the file for as long as the block lasts."""
    with closing(sqlite3.connect(path)) as other:
        other.execute("PRAGMA wal_autocheckpoint = 0")
        other.execute("INSERT INTO customers (name) VALUES ('held in the log')")
        other.commit()
        assert Path(f"{path}-wal").stat().st_size > 0
        yield


def test_a_second_open_of_an_unchanged_file_runs_no_quick_check(
    tmp_path: Path, checks: list[Path]
) -> None:
    path = _closed_workspace(tmp_path / "w.sqlite3")
    before = identity_of(path)
    _open_and_close(path)
    _open_and_close(path)
    assert checks == []  # created here, closed cleanly: recorded whole
    assert identity_of(path) == before  # opening and closing wrote nothing


def test_a_file_that_passed_the_check_is_not_checked_again(
    tmp_path: Path, checks: list[Path]
) -> None:
    path = _closed_workspace(tmp_path / "w.sqlite3")
    CheckedFiles().location.unlink()  # as if recorded by no one: the first open checks
    _open_and_close(path)
    _open_and_close(path)
    assert checks == [path]


def test_a_touched_file_is_checked(tmp_path: Path, checks: list[Path]) -> None:
    path = _closed_workspace(tmp_path / "w.sqlite3")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000))
    _open_and_close(path)
    assert checks == [path]


def test_a_file_changed_by_another_program_is_checked(tmp_path: Path, checks: list[Path]) -> None:
    path = _closed_workspace(tmp_path / "w.sqlite3")
    with closing(sqlite3.connect(path)) as other:
        other.executemany(
            "INSERT INTO customers (name) VALUES (?)", [(f"{n}" + "x" * 900,) for n in range(40)]
        )
        other.commit()
    _open_and_close(path)
    _open_and_close(path)
    assert checks == [path]  # checked once, then recorded whole again


def test_a_file_replaced_by_a_copy_is_checked(tmp_path: Path, checks: list[Path]) -> None:
    path = _closed_workspace(tmp_path / "w.sqlite3")
    copy = tmp_path / "copy.sqlite3"
    shutil.copy2(path, copy)  # same bytes, same times, another inode
    os.replace(copy, path)
    _open_and_close(path)
    assert checks == [path]


def test_an_open_file_with_a_write_ahead_log_beside_it_is_checked(
    tmp_path: Path, checks: list[Path]
) -> None:
    path = _closed_workspace(tmp_path / "w.sqlite3")
    with _held_open_with_a_write(path):
        _open_and_close(path)
    assert checks == [path]


def test_a_recorded_file_damaged_in_place_is_refused(tmp_path: Path, checks: list[Path]) -> None:
    path = _closed_workspace(tmp_path / "w.sqlite3")
    corrupt_a_page_of(path, "customers", keep_times=False)
    with pytest.raises(WorkspaceError, match="is damaged"):
        open_workspace(str(path), create=False)
    assert checks == [path]


def test_a_recorded_file_replaced_by_a_damaged_one_is_refused(tmp_path: Path) -> None:
    path = _closed_workspace(tmp_path / "w.sqlite3")
    damaged = _closed_workspace(tmp_path / "other.sqlite3")
    corrupt_a_page_of(damaged, "customers", keep_times=True)
    os.replace(damaged, path)
    with pytest.raises(WorkspaceError, match="is damaged"):
        open_workspace(str(path), create=False)


def test_damage_hidden_from_the_record_is_the_damaged_sentence_at_the_first_read(
    tmp_path: Path, checks: list[Path]
) -> None:
    """Bytes changed in place with the size and the modification time put back (nothing
    this program can notice without reading every page): the open skips the check, the
    first read meets the damage, and that is the damaged sentence, not a traceback."""
    path = _closed_workspace(tmp_path / "w.sqlite3")
    corrupt_a_page_of(path, "customers", keep_times=True)
    workspace = open_workspace(str(path), create=False)
    try:
        assert checks == []
        with (
            pytest.raises(WorkspaceError, match="is damaged") as caught,
            workspace.session() as session,
        ):
            session.scalars(select(Customer)).all()
        with workspace.session() as session:  # other tables still read
            assert session.scalar(select(func.count()).select_from(Calendar))
    finally:
        workspace.close()
    message = str(caught.value)
    assert str(path) in message and "There is no backup of it beside it" in message
    # The record was dropped, and the close did not record it again: the next open checks.
    with pytest.raises(WorkspaceError, match="is damaged"):
        open_workspace(str(path), create=False)
    assert checks == [path]


def test_a_command_meeting_hidden_damage_prints_the_damaged_sentence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _closed_workspace(tmp_path / "w.sqlite3")
    corrupt_a_page_of(path, "calendars", keep_times=True)
    assert main(["calendar", "list", "--database", str(path)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert f"The workspace {path} is damaged (" in err
    assert "SQLite met the damage while reading it" in err


_WRITER = """
import sys
from slaworkbench.store.schema import Customer
from slaworkbench.store.workspace import open_workspace
from tests.support.damaged_files import corrupt_a_page_of

workspace = open_workspace(sys.argv[1], create=False)
for batch in range(100_000):
    with workspace.session(write=True) as session:
        session.add_all(Customer(name=f"Customer {batch}-{n}" * 10) for n in range(50))
    if batch == 20:
        print("writing", flush=True)
"""


def test_a_writer_killed_mid_write_leaves_a_file_the_next_open_checks(
    tmp_path: Path, checks: list[Path]
) -> None:
    path = _closed_workspace(tmp_path / "w.sqlite3")
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    child = subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(path)],
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert child.stdout is not None
    assert child.stdout.readline() == b"writing\n", child.stderr and child.stderr.read()
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=60)
    with open_workspace(str(path), create=False) as workspace, workspace.session() as session:
        assert session.scalar(select(func.count()).select_from(Customer)) > 50 * 21
    assert checks == [path]


def test_a_corrupt_record_only_costs_a_check(tmp_path: Path, checks: list[Path]) -> None:
    path = _closed_workspace(tmp_path / "w.sqlite3")
    record = CheckedFiles().location
    for garbage in ("{not json", '{"format": 1, "files": [{"path": 3}]}', "[]", '"text"'):
        record.write_text(garbage, encoding="utf-8")
        _open_and_close(path)
    assert checks == [path] * 4  # each open checked, then wrote a good record again
    _open_and_close(path)
    assert checks == [path] * 4
    assert json.loads(record.read_text(encoding="utf-8"))["files"][0]["path"] == str(path)


def test_an_unwritable_record_only_costs_a_check_at_every_open(
    tmp_path: Path, checks: list[Path]
) -> None:
    record = CheckedFiles().location
    record.mkdir()  # neither readable nor replaceable as a file, even for root
    path = _closed_workspace(tmp_path / "w.sqlite3")
    _open_and_close(path)
    _open_and_close(path)
    assert checks == [path, path]
    assert record.is_dir() and not list(record.parent.glob("*.tmp"))


def test_the_record_keeps_the_most_recent_files(tmp_path: Path) -> None:
    checked = CheckedFiles(tmp_path / "record.json")
    identities = [FileIdentity(f"/w{n}", 1, n, 4096, n, 1, 1) for n in range(KEPT + 5)]
    for identity in identities:
        checked.remember(identity)
    checked.remember(identities[0])  # recorded again: now the most recent
    kept = json.loads((tmp_path / "record.json").read_text(encoding="utf-8"))["files"]
    assert len(kept) == KEPT
    assert [entry["path"] for entry in kept[-2:]] == [f"/w{KEPT + 4}", "/w0"]
    assert "/w1" not in {entry["path"] for entry in kept}


def test_a_command_that_only_reads_a_file_in_use_reads_no_page_it_does_not_need(
    tmp_path: Path, checks: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """A report while the window has the workspace open: a write-ahead log with content
    lies beside the file, so no record of it holds; a command that only reads it
    (``reading=True``: report, export) runs no quick check, one that may write does."""
    path = _closed_workspace(tmp_path / "w.sqlite3")
    with _held_open_with_a_write(path):
        with (
            open_workspace(str(path), create=False, reading=True) as workspace,
            workspace.session() as session,
        ):
            assert session.scalar(select(func.count()).select_from(Customer)) == 51
        assert checks == []
        out = tmp_path / "tickets.csv"
        assert main(["export", "tickets", str(out), "--database", str(path)]) == 0
        assert checks == []
        _open_and_close(path)
        assert checks == [path]
    capsys.readouterr()


def test_a_command_that_only_reads_meets_damage_where_it_reads_and_says_so(
    tmp_path: Path, checks: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """Without the check at open, damage in what a report reads is the damaged sentence
    when the report reads it (exit 1, no traceback), and the file is checked in full at
    the next open."""
    path = _closed_workspace(tmp_path / "w.sqlite3")
    corrupt_a_page_of(path, "clock_rollup", keep_times=False)  # every report reads it
    out = tmp_path / "report.pdf"
    period = ["--from", "2026-01-01", "--to", "2026-03-31", "--out", str(out)]
    assert main(["report", *period, "--database", str(path)]) == 1
    said = capsys.readouterr().err
    assert "is damaged" in said and "Traceback" not in said
    assert not out.exists()
    assert checks == []
    with pytest.raises(WorkspaceError, match="is damaged"):
        open_workspace(str(path), create=False)
    assert checks == [path]


def test_a_file_to_upgrade_is_checked_in_full_even_for_reading(
    tmp_path: Path, checks: list[Path]
) -> None:
    """An upgrade writes the file: a command that only reads an older file checks it
    first, as any other."""
    path = _closed_workspace(tmp_path / "w.sqlite3")
    facts = workspace_file.examine(path, CheckedFiles(tmp_path / "none.json"), in_full=False)
    assert checks == [] and facts.revision is not None
    with closing(sqlite3.connect(path)) as connection:  # the file as 0036 left it
        connection.execute("DROP INDEX ix_ticket_ola_cycles_running")
        connection.execute("UPDATE alembic_version SET version_num = '0036'")
        connection.commit()
    open_workspace(str(path), create=False, reading=True).close()  # 0036 to 0037
    assert checks[:1] == [path]
    assert list(tmp_path.glob("w.sqlite3.backup-0036-*"))


def test_a_statement_beside_the_window_reads_no_page_it_does_not_need(
    tmp_path: Path, checks: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """A customer's statement only reads, as the report does: no check of every page of a
    workspace the window has open."""
    path = tmp_path / "demo.sqlite3"
    assert main(["--database", str(path), "demo", "--tickets", "300", "--seed", "3"]) == 0
    with closing(sqlite3.connect(path)) as connection:
        (customer,) = connection.execute(
            "SELECT c.name FROM agreements a JOIN customers c ON c.id = a.customer_id"
            " ORDER BY c.name LIMIT 1"
        ).fetchone()
    checks.clear()
    out = tmp_path / "statement.csv"
    asked = ["report", "--statement", "--customer", customer, "--format", "csv"]
    period = ["--from", "2026-01-01", "--to", "2026-12-31", "--out", str(out)]
    with _held_open_with_a_write(path):
        assert main([*asked, *period, "--database", str(path)]) == 0
    assert out.exists()
    assert checks == []
    capsys.readouterr()
