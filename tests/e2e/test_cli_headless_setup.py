"""Issue 15 as a user runs it: only the command line, the real program as a process.

- ``--database X`` before or after the command writes to X and nowhere else;
- from an empty folder: ``import events`` (a preset using every new key) → ``policy
  import`` (a policy with its own calendar) → ``recompute --all`` → ``export tickets`` →
  ``report --format pdf``; the exported clocks equal a computation written here.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

LOG = """Number,Updated,State,Agent,Group,Opened,Seq,Notes,Notes
A,2026-03-02 09:40:00,New,?,Desk,2026-03-02 09:00:00,1,x,y
A,2026-03-02 11:30:00,Active,ana,Desk,,2,,
A,2026-03-02 11:30:00,Verified,ana,Desk,,3,,
A,2026-03-03 10:00:00,Resolved,ana,Desk,,5,,
A,2026-03-03 10:00:00,Active,ana,Desk,,4,,
B,2026-03-06 17:00:00,New,NULL,Desk,,1,,
B,2026-03-09 08:30:00,Active,bo,Desk,,2,,
B,2026-03-09 12:00:00,Resolved,bo,Desk,,3,,
C,2026-03-04 09:00:00,New,,Desk,,1,,
C,2026-03-04 10:00:00,Bogus,cy,Desk,,2,,
"""
"""A: opened before its first row, an ignored row, two rows at one instant whose file order
is wrong (Seq puts Active before Resolved). B: picked up from New by a status change only.
C: a row no mapping covers, so C is left out whole. "?" and "NULL" mean no value."""
PRESET = {
    "name": "itsm-test",
    "columns": {
        "case_id": "Number",
        "timestamp": "Updated",
        "status": "State",
        "author": "Agent",
        "assignee": "Agent",
        "team": "Group",
        "created_at": "Opened",
        "order": "Seq",
    },
    "timestamps": {"formats": ["Y-m-d H:M:S"], "timezone": "Europe/Lisbon"},
    "missing_values": ["?", "NULL"],
    "statuses": {"new": ["New"], "open": ["Active"], "solved": ["Resolved"],
                 "ignore": ["Verified"]},
    "agent_reply": {"from": ["New"], "to": ["Active"], "with_status_change": True},
}  # fmt: skip
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")
POLICY = {
    "format": "slaworkbench-policy",
    "format_version": 1,
    "policy": {
        "name": "Lisbon SLA",
        "conditions": {},
        "targets": {"normal": {"first_response": "2h", "resolution": "16h"}},
        "calendar": "Lisbon office",
    },
    "calendar": {
        "name": "Lisbon office",
        "timezone": "Europe/Lisbon",
        "hours": {day: [["08:00", "18:00"]] for day in WEEKDAYS},
        "holidays": [],
    },
}


def _run(*args: str, cwd: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "SLAWORKBENCH_DATABASE")
    }
    env["SLAWORKBENCH_HOME"] = str(home)
    result = subprocess.run(
        [sys.executable, "-m", "slaworkbench", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=300,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


def _files(folder: Path) -> set[str]:
    return {str(path.relative_to(folder)) for path in folder.rglob("*") if path.is_file()}


@pytest.mark.parametrize("before", [True, False])
def test_database_before_or_after_the_command_writes_there_and_nowhere_else(
    tmp_path: Path, before: bool
) -> None:
    home, work = tmp_path / "home", tmp_path / "work"
    home.mkdir(), work.mkdir()
    (work / "log.csv").write_text(LOG, encoding="utf-8")
    (work / "preset.json").write_text(json.dumps(PRESET), encoding="utf-8")
    target = tmp_path / "chosen" / "x.sqlite3"
    target.parent.mkdir()
    command = ["import", "events", "log.csv", "--preset", "preset.json"]
    option = ["--database", str(target)]
    result = _run(*(option + command if before else command + option), cwd=work, home=home)
    assert result.returncode == 0, result.stderr
    assert "Imported 2 tickets" in result.stdout
    assert _files(target.parent) == {"x.sqlite3"}
    assert _files(work) == {"log.csv", "preset.json"}
    assert not any(name.endswith(".sqlite3") for name in _files(home))


def _business_seconds(start: str, end: str) -> int:
    """Monday to Friday 08:00–18:00 in Lisbon, which is UTC in early March 2026: the
    overlap of [start, end) with each working day, summed day by day."""
    a, b = dt.datetime.fromisoformat(start), dt.datetime.fromisoformat(end)
    total, day = 0, a.date()
    while day <= b.date():
        if day.weekday() < 5:
            opens = dt.datetime.combine(day, dt.time(8))
            closes = dt.datetime.combine(day, dt.time(18))
            total += max(0, int((min(b, closes) - max(a, opens)).total_seconds()))
        day += dt.timedelta(days=1)
    return total


def test_a_workspace_set_up_from_files_only(tmp_path: Path) -> None:
    home, work = tmp_path / "home", tmp_path / "work"
    home.mkdir(), work.mkdir()
    (work / "log.csv").write_text(LOG, encoding="utf-8")
    (work / "preset.json").write_text(json.dumps(PRESET), encoding="utf-8")
    (work / "policy.json").write_text(json.dumps(POLICY), encoding="utf-8")
    db = ["--database", "ws.sqlite3"]

    imported = _run("import", "events", "log.csv", "--preset", "preset.json", *db,
                    cwd=work, home=home)  # fmt: skip
    assert imported.returncode == 0, imported.stderr
    out = imported.stdout
    assert "Imported 2 tickets" in out and "Ignored 1 rows" in out
    assert "Left out 1 tickets" in out and "C: 1 rejected rows" in out
    assert "'Notes' twice" in out
    assert "judged by:" in out and "“Standard SLA”" in out

    policy = _run("policy", "import", "policy.json", "--reason", "our contract", "--first", *db,
                  cwd=work, home=home)  # fmt: skip
    assert policy.returncode == 0, policy.stderr
    assert "“Lisbon office” (Europe/Lisbon), which came with the file" in policy.stdout

    rejudged = _run("recompute", "--all", "--reason", "our contract", *db, cwd=work, home=home)
    assert rejudged.returncode == 0, rejudged.stderr

    exported = _run("export", "tickets", "out.csv", *db, cwd=work, home=home)
    assert exported.returncode == 0, exported.stderr
    with (work / "out.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = {row["external_id"]: row for row in csv.DictReader(handle)}
    assert sorted(rows) == ["A", "B"]
    expected = {
        "A": {
            "first_response": _business_seconds("2026-03-02T09:00", "2026-03-02T11:30"),
            "resolution": _business_seconds("2026-03-02T09:00", "2026-03-03T10:00"),
        },
        "B": {
            "first_response": _business_seconds("2026-03-06T17:00", "2026-03-09T08:30"),
            "resolution": _business_seconds("2026-03-06T17:00", "2026-03-09T12:00"),
        },
    }
    targets = {"first_response": 7200, "resolution": 16 * 3600}
    for case, metrics in expected.items():
        row = rows[case]
        assert row["status"] == "solved" and row["team"] == "Desk"
        assert row["created_at"] == ("2026-03-02T09:00:00Z" if case == "A" else
                                     "2026-03-06T17:00:00Z")  # fmt: skip
        for metric, elapsed in metrics.items():
            assert int(row[f"{metric}_elapsed_seconds"]) == elapsed, (case, metric)
            assert int(row[f"{metric}_target_seconds"]) == targets[metric]
            assert row[f"{metric}_policy"] == "Lisbon SLA v1"
            state = "achieved" if elapsed <= targets[metric] else "breached"
            assert row[f"{metric}_state"] == state, (case, metric)
    assert rows["A"]["first_response_state"] == "breached"  # 2 h 30 min of a 2 h target
    assert rows["B"]["first_response_state"] == "achieved"  # 1 h 30 min over a weekend

    report = _run("report", "--from", "2026-03-01", "--to", "2026-03-31", "--format", "pdf",
                  "--out", "report.pdf", *db, cwd=work, home=home)  # fmt: skip
    assert report.returncode == 0, report.stderr
    assert (work / "report.pdf").read_bytes().startswith(b"%PDF")
