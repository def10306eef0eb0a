"""``slaworkbench import events`` writes while a second process reads the file, and a
file refused at its end still leaves no workspace behind (nor changes an existing one)."""

from __future__ import annotations

from pathlib import Path

import pytest

from slaworkbench.app.importing import streamed
from slaworkbench.cli.main import main
from slaworkbench.store.importing.event_log import FIRST_SENT
from slaworkbench.store.workspace import open_workspace

CASES = 4 * FIRST_SENT
"""Enough cases that groups are written well before the end of the file."""
BROKEN = 'Z9,"2026-03-02T09:00:00+00:00,New,x\n'
"""A last line whose quote never closes: the file is refused at its end."""


def _log(tmp_path: Path, tail: str = "") -> Path:
    lines = ["Case,When,Status,Owner\n"]
    for case in range(CASES):
        lines += [
            f"C{case},2026-03-02T09:00:00+00:00,New,ana\n",
            f"C{case},2026-03-02T10:00:00+00:00,Resolved,bo\n",
        ]
    path = tmp_path / "log.csv"
    path.write_text("".join(lines) + tail, encoding="utf-8")
    return path


@pytest.fixture
def groups(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The size of each group the command wrote while the file was being read."""
    sizes: list[int] = []
    original = streamed._write_group

    def counted(writer, group, progress, *, first):  # type: ignore[no-untyped-def]
        sizes.append(group.count)  # tickets, or rows built ready to insert
        return original(writer, group, progress, first=first)

    monkeypatch.setattr(streamed, "_write_group", counted)
    return sizes


def _tickets(db: Path) -> int:
    workspace = open_workspace(str(db), create=False)
    try:
        with workspace.engine.connect() as connection:
            return int(connection.exec_driver_sql("SELECT count(*) FROM tickets").scalar_one())
    finally:
        workspace.close()


def test_the_command_writes_groups_while_the_file_is_read(
    tmp_path: Path, preset_file: Path, groups: list[int], capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "ws.sqlite3"
    assert main(["import", "events", str(_log(tmp_path)), "--preset", str(preset_file),
                 "--database", str(db)]) == 0  # fmt: skip
    assert len(groups) > 1 and sum(groups) == CASES
    assert _tickets(db) == CASES
    assert f"{CASES:,}" in capsys.readouterr().out.replace("\u202f", ",")


def test_a_file_refused_at_its_end_creates_no_workspace(
    tmp_path: Path, preset_file: Path, groups: list[int], capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "new.sqlite3"
    code = main(["import", "events", str(_log(tmp_path, BROKEN)), "--preset",
                 str(preset_file), "--database", str(db)])  # fmt: skip
    err = capsys.readouterr().err
    assert code == 1 and "never closed" in err and "Traceback" not in err
    assert groups  # tickets were written into the new workspace before the error
    assert not db.exists() and not list(tmp_path.glob("new.sqlite3*"))


def test_a_file_refused_at_its_end_leaves_an_existing_workspace_as_it_was(
    tmp_path: Path, preset_file: Path, events_file: Path, groups: list[int],
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    db = tmp_path / "ws.sqlite3"
    assert main(["import", "events", str(events_file), "--preset", str(preset_file),
                 "--database", str(db)]) == 0  # fmt: skip
    code = main(["import", "events", str(_log(tmp_path, BROKEN)), "--preset",
                 str(preset_file), "--database", str(db)])  # fmt: skip
    assert code == 1 and "never closed" in capsys.readouterr().err
    assert groups and _tickets(db) == 2


def test_a_missing_preset_is_refused_before_any_workspace_is_created(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "new.sqlite3"
    code = main(["import", "events", str(_log(tmp_path)), "--preset", "no-such-preset",
                 "--database", str(db)])  # fmt: skip
    assert code == 1 and "There is no preset 'no-such-preset'" in capsys.readouterr().err
    assert not list(tmp_path.glob("new.sqlite3*"))
