"""The event-log import that writes while a second process reads: the same workspace,
summary and sentences as reading the whole file first (``store_parsed``), whatever the
layout of the file and wherever it fails."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from slaworkbench.app.importing.run import import_event_log, store_parsed
from slaworkbench.store.importing.event_log import FIRST_SENT, parse_event_log
from slaworkbench.store.importing.presets import load_preset
from slaworkbench.store.importing.records import ImportFileError, ImportSummary
from slaworkbench.store.workspace import Workspace, open_workspace
from tests.support.import_files import HEADER, PRESET, content_hash, row_counts
from tests.support.processes import gone_within

CASES = 4 * FIRST_SENT
"""Enough cases that groups are sent (and written) well before the end of the file."""


@pytest.fixture
def preset_path(tmp_path: Path) -> Path:
    path = tmp_path / "small.json"
    path.write_text(json.dumps(PRESET), encoding="utf-8")
    return path


def _rows(case: int, *, team_hour: int = 9) -> list[str]:
    owner = f"agent{case % 7}"
    return [
        f"C{case},2026-03-02T{team_hour:02d}:00:00+00:00,Queued,Waiting,Medium,{owner}\n",
        f"C{case},2026-03-02T{team_hour:02d}:10:00+00:00,Accepted,Working,High,{owner}\n",
        f"C{case},2026-03-02T{team_hour:02d}:20:00+00:00,Completed,Resolved,High,{owner}\n",
    ]


def _log(tmp_path: Path, tail: str = "", *, cases: int = CASES) -> Path:
    """``cases`` cases, each with its rows together, then ``tail``."""
    lines = [HEADER]
    for case in range(1, cases + 1):
        lines += _rows(case)
    path = tmp_path / "log.csv"
    path.write_text("".join(lines) + tail, encoding="utf-8")
    return path


def _stored(ws: Workspace) -> dict[str, list[tuple[object, ...]]]:
    tables = {
        "tickets": "SELECT id, external_id, subject, requester, customer_id, team_id,"
        " assignee_id, category, channel, tags, priority, status, created_at, updated_at,"
        " solved_at FROM tickets ORDER BY id",
        "events": "SELECT ticket_id, seq, at, type,"
        " (SELECT name FROM event_authors WHERE id = author_id) AS author,"
        " status, priority, field, value"
        " FROM ticket_events ORDER BY ticket_id, seq",
        "agents": "SELECT id, name, role FROM agents ORDER BY id",
    }
    with ws.engine.connect() as connection:
        return {
            name: [tuple(row) for row in connection.exec_driver_sql(sql)]
            for name, sql in tables.items()
        }


def _both(
    tmp_path: Path, log: Path, preset: Path
) -> tuple[ImportSummary, ImportSummary, Workspace, Workspace]:
    """The file imported while read (first) and read first, then stored (second)."""
    streamed = open_workspace(f"sqlite:///{tmp_path / 'streamed.sqlite3'}")
    read_first = open_workspace(f"sqlite:///{tmp_path / 'read_first.sqlite3'}")
    one = import_event_log(streamed, log, str(preset), compute_clocks=False)
    other = store_parsed(
        read_first, parse_event_log(log, load_preset(str(preset))), compute_clocks=False
    )
    return one, other, streamed, read_first


def test_cases_kept_together_are_stored_as_when_read_first(
    tmp_path: Path, preset_path: Path
) -> None:
    one, other, streamed, read_first = _both(tmp_path, _log(tmp_path), preset_path)
    assert one == other
    assert one.tickets_imported == CASES and one.events_imported > CASES
    assert _stored(streamed) == _stored(read_first)


def test_a_case_whose_rows_come_back_later_is_stored_as_when_read_first(
    tmp_path: Path, preset_path: Path
) -> None:
    # C1's last row comes at the end: the groups already written were not final.
    tail = "C1,2026-03-02T23:00:00+00:00,Accepted,Working,Medium,late\n"
    one, other, streamed, read_first = _both(tmp_path, _log(tmp_path, tail), preset_path)
    assert one == other
    assert _stored(streamed) == _stored(read_first)
    with streamed.engine.connect() as connection:
        late = connection.exec_driver_sql(
            "SELECT count(*) FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id"
            " JOIN event_authors a ON a.id = e.author_id"
            " WHERE t.external_id = 'C1' AND a.name = 'late'"
        ).scalar_one()
    assert late == 3  # handed to "late", reopened (status) and back to Medium (priority)


def test_a_rejected_row_of_a_case_already_written_leaves_it_out_as_when_read_first(
    tmp_path: Path, preset_path: Path
) -> None:
    tail = "C2,not a time,Accepted,Working,Medium,bo\n"
    one, other, streamed, read_first = _both(tmp_path, _log(tmp_path, tail), preset_path)
    assert one == other
    assert [ticket.case_id for ticket in one.left_out] == ["C2"]
    assert one.tickets_imported == CASES - 1
    assert _stored(streamed) == _stored(read_first)


def test_a_second_import_skips_every_ticket_as_when_read_first(
    tmp_path: Path, preset_path: Path
) -> None:
    log = _log(tmp_path)
    _, _, streamed, read_first = _both(tmp_path, log, preset_path)
    again = import_event_log(streamed, log, str(preset_path), compute_clocks=False)
    again_read_first = store_parsed(
        read_first, parse_event_log(log, load_preset(str(preset_path))), compute_clocks=False
    )
    assert again == again_read_first
    assert again.tickets_skipped == CASES and again.tickets_imported == 0


def _refused(ws: Workspace, log: Path, preset: Path) -> str:
    before, digest = row_counts(ws), content_hash(ws)
    with pytest.raises(ImportFileError) as caught:
        import_event_log(ws, log, str(preset))
    assert row_counts(ws) == before and content_hash(ws) == digest
    return str(caught.value)


def _refused_read_first(log: Path, preset: Path) -> str:
    with pytest.raises(ImportFileError) as caught:
        parse_event_log(log, load_preset(str(preset)))
    return str(caught.value)


def test_a_broken_last_line_rolls_back_the_tickets_written_before_it(
    tmp_path: Path, preset_path: Path
) -> None:
    log = _log(tmp_path, 'C9999,"2026-03-02T09:00:00+00:00,Queued,Waiting,Medium,x\n')
    ws = open_workspace(f"sqlite:///{tmp_path / 'ws.sqlite3'}")
    sentence = _refused(ws, log, preset_path)
    assert sentence == _refused_read_first(log, preset_path)
    assert "never closed" in sentence


def _with_nul_in_case_three(tmp_path: Path, tail: str) -> Path:
    log = _log(tmp_path, tail)
    text = log.read_text(encoding="utf-8").replace(",agent3\n", ",age\x00nt3\n", 1)
    log.write_text(text, encoding="utf-8")
    return log


def test_a_text_no_workspace_keeps_refuses_the_import_with_the_same_sentence(
    tmp_path: Path, preset_path: Path
) -> None:
    log = _with_nul_in_case_three(tmp_path, "")
    ws = open_workspace(f"sqlite:///{tmp_path / 'ws.sqlite3'}")
    sentence = _refused(ws, log, preset_path)
    read_first = open_workspace(f"sqlite:///{tmp_path / 'read_first.sqlite3'}")
    with pytest.raises(ImportFileError) as caught:
        import_event_log(read_first, log, str(preset_path), dry_run=True)
    assert sentence == str(caught.value)
    assert "NUL character" in sentence and "C3" in sentence


def test_a_file_error_after_an_unstorable_text_is_the_one_reported(
    tmp_path: Path, preset_path: Path
) -> None:
    # Reading the whole file first would stop at the broken line before any check.
    log = _with_nul_in_case_three(
        tmp_path, 'C9999,"2026-03-02T09:00:00+00:00,Queued,Waiting,Medium,x\n'
    )
    ws = open_workspace(f"sqlite:///{tmp_path / 'ws.sqlite3'}")
    assert _refused(ws, log, preset_path) == _refused_read_first(log, preset_path)


_KILLED_PARENT = """
import sys, time
from pathlib import Path
from slaworkbench.store.importing.presets import load_preset
from slaworkbench.store.importing.read_ahead import EventLogReader

reader = EventLogReader(Path(sys.argv[1]), load_preset(sys.argv[2]))
print(reader._helper.process.pid, flush=True)
time.sleep(600)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and /proc are POSIX")
def test_the_reading_process_ends_when_the_importing_process_is_killed(
    tmp_path: Path, preset_path: Path
) -> None:
    log = _log(tmp_path, cases=20 * FIRST_SENT)
    parent = subprocess.Popen(
        [sys.executable, "-c", _KILLED_PARENT, str(log), str(preset_path)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert parent.stdout is not None
    reader = int(parent.stdout.readline())
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    assert gone_within(reader)


@pytest.mark.parametrize("interpreter", ["missing", "exits at once"])
def test_without_a_reading_process_the_file_is_read_here(
    tmp_path: Path, preset_path: Path, monkeypatch: pytest.MonkeyPatch, interpreter: str
) -> None:

    if interpreter == "missing":
        executable = tmp_path / "no-such-python"
    else:
        if sys.platform == "win32":
            pytest.skip("a shell script is not an executable on Windows")
        executable = tmp_path / "broken-python"
        executable.write_text("#!/bin/sh\nexit 3\n", encoding="utf-8")
        executable.chmod(0o755)
    monkeypatch.setattr(sys, "executable", str(executable))  # the helper's interpreter
    ws = open_workspace(f"sqlite:///{tmp_path / 'ws.sqlite3'}")
    summary = import_event_log(ws, _log(tmp_path), str(preset_path), compute_clocks=False)
    assert summary.tickets_imported == CASES
    assert row_counts(ws)["tickets"] == CASES
