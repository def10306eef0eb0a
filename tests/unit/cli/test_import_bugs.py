"""The import command's bugs of issue 15: options before the command, a file whose every
row is rejected, and a dry run that must not create or change the workspace."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from slaworkbench.cli.main import main
from slaworkbench.store.workspace import open_workspace


def _tickets(db: Path) -> int:
    workspace = open_workspace(str(db), create=False)
    try:
        from sqlalchemy import func, select

        from slaworkbench.store.schema import Ticket

        with workspace.session() as session:
            return int(session.execute(select(func.count(Ticket.id))).scalar_one())
    finally:
        workspace.close()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("before", [True, False])
def test_database_before_or_after_the_command_is_where_the_import_goes(
    tmp_path: Path, isolated_home: Path, events_file: Path, preset_file: Path, before: bool
) -> None:
    db = tmp_path / "chosen.sqlite3"
    command = ["import", "events", str(events_file), "--preset", str(preset_file)]
    option = ["--database", str(db)]
    assert main(option + command if before else command + option) == 0
    assert _tickets(db) == 2
    assert not list(isolated_home.rglob("*.sqlite3"))  # the default workspace untouched


def test_export_with_database_before_the_command_reads_that_workspace(
    tmp_path: Path, events_file: Path, preset_file: Path
) -> None:
    db, out = tmp_path / "chosen.sqlite3", tmp_path / "out.csv"
    assert main(["import", "events", str(events_file), "--preset", str(preset_file),
                 "--database", str(db)]) == 0  # fmt: skip
    assert main(["--database", str(db), "export", "tickets", str(out)]) == 0
    assert len(out.read_text(encoding="utf-8-sig").splitlines()) == 3


def test_the_same_option_with_two_values_is_refused(
    tmp_path: Path, events_file: Path, preset_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--database", str(tmp_path / "a"), "import", "events", str(events_file),
              "--preset", str(preset_file), "--database", str(tmp_path / "b")])  # fmt: skip
    assert exit_.value.code == 2
    assert "--database is given twice" in capsys.readouterr().err
    assert not list(tmp_path.glob("a*")) and not list(tmp_path.glob("b*"))


def test_log_level_works_after_the_command(
    tmp_path: Path, events_file: Path, preset_file: Path
) -> None:
    db = tmp_path / "ws.sqlite3"
    assert main(["import", "events", str(events_file), "--preset", str(preset_file),
                 "--database", str(db), "--log-level", "error"]) == 0  # fmt: skip


def test_demo_if_empty_with_a_command_is_refused(
    events_file: Path, preset_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit):
        main(["--demo-if-empty", "import", "events", str(events_file), "--preset",
              str(preset_file)])  # fmt: skip
    assert "--demo-if-empty" in capsys.readouterr().err


def test_a_file_whose_every_row_is_rejected_fails_with_the_first_reason(
    tmp_path: Path, preset_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "Case,When,Status,Owner\nA1,2026-03-02T09:00:00Z,Lost,ana\nA2,yesterday,New,bo\n",
        encoding="utf-8",
    )
    db = tmp_path / "ws.sqlite3"
    code = main(["import", "events", str(bad), "--preset", str(preset_file), "--database", str(db)])
    err = capsys.readouterr().err
    assert code == 1
    assert "Nothing was imported" in err and "line 2" in err and "'Lost'" in err
    assert "Traceback" not in err
    assert not db.exists()  # a failed import does not even create the workspace


def test_a_dry_run_of_a_file_whose_every_row_is_rejected_fails_too(
    tmp_path: Path, preset_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("Case,When,Status,Owner\nA1,2026-03-02T09:00:00Z,Lost,ana\n", encoding="utf-8")
    code = main(["import", "events", str(bad), "--preset", str(preset_file), "--dry-run",
                 "--database", str(tmp_path / "ws.sqlite3")])  # fmt: skip
    err = capsys.readouterr().err
    assert code == 1 and "'Lost'" in err


def test_a_dry_run_creates_no_workspace(
    tmp_path: Path, isolated_home: Path, events_file: Path, preset_file: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    db = tmp_path / "new.sqlite3"
    code = main(["import", "events", str(events_file), "--preset", str(preset_file),
                 "--dry-run", "--database", str(db)])  # fmt: skip
    assert code == 0
    assert "2 tickets with 4 events would be imported" in capsys.readouterr().out
    assert not db.exists() and not list(tmp_path.glob("new.sqlite3*"))
    assert main(["import", "events", str(events_file), "--preset", str(preset_file),
                 "--dry-run"]) == 0  # fmt: skip
    assert not list(isolated_home.rglob("*.sqlite3"))


def test_a_dry_run_changes_no_byte_of_an_existing_workspace(
    tmp_path: Path, events_file: Path, preset_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "ws.sqlite3"
    first = tmp_path / "first.csv"
    first.write_text(events_file.read_text().splitlines()[0] + "\n"
                     "A1,2026-03-02T09:00:00+00:00,New,ana\n", encoding="utf-8")  # fmt: skip
    assert main(["import", "events", str(first), "--preset", str(preset_file),
                 "--database", str(db)]) == 0  # fmt: skip
    files = sorted(tmp_path.glob("ws.sqlite3*"))
    before = {path.name: _digest(path) for path in files}
    capsys.readouterr()
    assert main(["import", "events", str(events_file), "--preset", str(preset_file),
                 "--dry-run", "--database", str(db)]) == 0  # fmt: skip
    out = capsys.readouterr().out
    assert "1 tickets with 1 events would be imported" in out
    assert "Skipped 1 tickets already in the workspace" in out
    assert {path.name: _digest(path) for path in sorted(tmp_path.glob("ws.sqlite3*"))} == before


def test_a_file_whose_every_row_is_ignored_imports_nothing_and_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    preset = tmp_path / "ignoring.json"
    preset.write_text(
        '{"name": "i", "columns": {"case_id": "Case", "timestamp": "When", "status": "Status"},'
        ' "statuses": {"new": ["New"], "ignore": ["Verified"]}}',
        encoding="utf-8",
    )
    log = tmp_path / "log.csv"
    log.write_text("Case,When,Status\nA1,2026-03-02T09:00:00Z,Verified\n", encoding="utf-8")
    db = tmp_path / "ws.sqlite3"
    for extra in (["--dry-run"], []):
        code = main(["import", "events", str(log), "--preset", str(preset), "--database",
                     str(db), *extra])  # fmt: skip
        assert code == 1 and "Nothing" in capsys.readouterr().err
    assert not db.exists()
