"""Issue 14 items 4, 7 and 9 on the command line: reading commands refuse a missing
workspace; a held lock, a full disk, a read-only folder, a corrupt ``.gz``, a bad preset
and a missing folder end in one sentence, exit code 1 and nothing changed; ``check``
runs the full check and says what it found."""

from __future__ import annotations

import gzip
import json
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from slaworkbench.cli.main import main
from slaworkbench.store import dialect
from slaworkbench.store.workspace import open_workspace
from tests.support.import_files import content_hash, row_counts


def _import(db: Path, events: Path, preset: Path) -> int:
    return main(["import", "events", str(events), "--preset", str(preset), "--database", str(db)])


def _state(db: Path) -> tuple[dict[str, int], str]:
    workspace = open_workspace(str(db), create=False)
    try:
        return row_counts(workspace), content_hash(workspace)
    finally:
        workspace.close()


@pytest.mark.parametrize(
    "command",
    [
        ["export", "tickets", "OUT"],
        ["recompute"],
        ["report", "--from", "2026-01-01", "--to", "2026-01-31", "--format", "csv", "--out", "OUT"],
        ["calendar", "list"],
        ["policy", "list"],
        ["check"],
    ],
)
def test_reading_commands_refuse_a_missing_workspace(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    db = tmp_path / "missing.sqlite3"
    argv = [str(tmp_path / "out.csv") if part == "OUT" else part for part in command]
    assert main([*argv, "--database", str(db)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("slaworkbench: ") and "Traceback" not in err
    assert str(db) in err
    assert not db.exists() and not (tmp_path / "out.csv").exists()


@pytest.fixture
def short_busy_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dialect, "BUSY_TIMEOUT_MS", 200)


@pytest.fixture
def workspace_file(tmp_path: Path, events_file: Path, preset_file: Path) -> Path:
    db = tmp_path / "ws.sqlite3"
    assert _import(db, events_file, preset_file) == 0
    return db


@pytest.fixture
def held_lock(workspace_file: Path) -> Iterator[None]:
    """Another connection holding the write lock for the length of the test."""
    other = sqlite3.connect(workspace_file, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        other.execute("ROLLBACK")
        other.close()


@pytest.mark.usefixtures("short_busy_timeout")
@pytest.mark.parametrize(
    "command",
    [
        ["recompute", "--all", "--reason", "test"],
        ["demo", "--tickets", "5"],
        ["import", "tickets", "TICKETS"],
        ["policy", "import", "POLICY"],
    ],
)
def test_a_lock_held_past_the_busy_timeout_is_a_sentence(
    tmp_path: Path,
    workspace_file: Path,
    capsys: pytest.CaptureFixture[str],
    command: list[str],
) -> None:
    tickets = tmp_path / "t.csv"
    tickets.write_text("id,created\nN1,2026-03-02T09:00:00Z\n", encoding="utf-8")
    before = _state(workspace_file)
    policy = tmp_path / "policy.json"
    assert main(["policy", "export", "Standard SLA", str(policy), "--database",
                 str(workspace_file)]) in (0, 1)  # fmt: skip
    capsys.readouterr()
    argv = [
        str(tickets) if part == "TICKETS" else str(policy) if part == "POLICY" else part
        for part in command
    ]
    other = sqlite3.connect(workspace_file, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        code = main([*argv, "--database", str(workspace_file)])
    finally:
        other.execute("ROLLBACK")
        other.close()
    err = capsys.readouterr().err
    assert code == 1, err
    assert "is busy" in err and "Traceback" not in err
    assert _state(workspace_file) == before


def test_a_corrupt_gzip_file_is_a_sentence(
    tmp_path: Path, preset_file: Path, events_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    packed = gzip.compress(events_file.read_bytes() * 200)
    broken = tmp_path / "events.csv.gz"
    broken.write_bytes(packed[:40] + bytes(b ^ 0x5A for b in packed[40:200]) + packed[200:])
    db = tmp_path / "ws.sqlite3"
    assert _import(db, broken, preset_file) == 1
    err = capsys.readouterr().err
    assert "cannot be read to the end" in err and "Traceback" not in err
    assert not db.exists()


def test_a_preset_with_a_wrong_type_is_a_sentence(
    tmp_path: Path, events_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    preset = tmp_path / "p.json"
    preset.write_text(
        json.dumps({"columns": {"case_id": "Case", "timestamp": "When", "status": "Status"},
                    "statuses": {"open": ["New"]}, "delimiter": ""}),
        encoding="utf-8",
    )  # fmt: skip
    assert _import(tmp_path / "ws.sqlite3", events_file, preset) == 1
    assert "'delimiter' must be one character" in capsys.readouterr().err


def test_an_export_into_a_missing_folder_is_a_sentence(
    tmp_path: Path, workspace_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "nowhere" / "out.csv"
    assert main(["export", "tickets", str(out), "--database", str(workspace_file)]) == 1
    err = capsys.readouterr().err
    assert "Cannot write" in err and "Traceback" not in err
    assert not out.parent.exists()


def test_check_of_a_whole_workspace_exits_0(
    workspace_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "--database", str(workspace_file)]) == 0
    out = capsys.readouterr().out
    assert "Integrity check: ok" in out and "every SLA clock matches" in out


def test_check_repairs_a_clock_edited_by_hand_and_exits_1(
    workspace_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with sqlite3.connect(workspace_file) as connection:
        connection.execute(
            "UPDATE ticket_clocks SET state_code = 3, breached_at = 1 WHERE ticket_id IN "
            "(SELECT id FROM tickets WHERE status NOT IN ('solved', 'closed'))"
        )
    connection.close()
    assert main(["check", "--database", str(workspace_file)]) == 1
    err = capsys.readouterr().err
    assert "Repaired the clocks of 1 tickets" in err
    assert main(["check", "--database", str(workspace_file)]) == 0


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 2 MB file system (tmpfs; needs root), else the test is skipped."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip("cannot mount a small file system here (needs root)")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_full_disk_during_an_import_is_a_sentence_and_changes_nothing(
    small_disk: Path, tmp_path: Path, events_file: Path, preset_file: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    db = small_disk / "ws.sqlite3"
    assert _import(db, events_file, preset_file) == 0
    before = _state(db)
    filler = small_disk / "filler"
    with filler.open("wb") as handle:  # leave about 100 kB free
        free = subprocess.run(["df", "-B1", "--output=avail", str(small_disk)],
                              capture_output=True, text=True, check=True)  # fmt: skip
        handle.write(b"\0" * max(int(free.stdout.split()[-1]) - 100_000, 0))
    tickets = tmp_path / "many.csv"
    tickets.write_text(
        "id,subject,created\n"
        + "".join(f"T{n},subject {n} {'x' * 80},2026-03-02T09:00:00Z\n" for n in range(20_000)),
        encoding="utf-8",
    )
    capsys.readouterr()
    assert main(["import", "tickets", str(tickets), "--database", str(db)]) == 1
    err = capsys.readouterr().err
    assert "the disk is full" in err and "Traceback" not in err
    filler.unlink()
    assert _state(db) == before


def test_a_read_only_folder_is_a_sentence_and_changes_nothing(
    small_disk: Path, tmp_path: Path, events_file: Path, preset_file: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    db = small_disk / "ws.sqlite3"
    assert _import(db, events_file, preset_file) == 0
    before = db.read_bytes()
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    capsys.readouterr()
    tickets = tmp_path / "t.csv"
    tickets.write_text("id,created\nN1,2026-03-02T09:00:00Z\n", encoding="utf-8")
    assert main(["import", "tickets", str(tickets), "--database", str(db)]) == 1
    err = capsys.readouterr().err
    assert "read-only" in err and "Traceback" not in err
    assert db.read_bytes() == before
