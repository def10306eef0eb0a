"""``slaworkbench calendar …`` and ``policy …``: the window's JSON files, headless."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from slaworkbench.app.policies.files import calendar_to_json, policy_to_json
from slaworkbench.cli.main import main
from slaworkbench.domain.calendar.business import BusinessCalendar
from slaworkbench.store.policies.calendars import load_calendar
from slaworkbench.store.policies.versions import (
    list_policies,
    list_policy_versions,
    load_policy_version,
)
from slaworkbench.store.workspace import open_workspace

LISBON = {
    "name": "Lisbon office",
    "timezone": "Europe/Lisbon",
    "hours": {day: [["08:00", "18:00"]] for day in ("mon", "tue", "wed", "thu", "fri")},
    "holidays": [{"date": "2026-04-25", "name": "Freedom Day"}],
}
POLICY_FILE = {
    "format": "slaworkbench-policy",
    "format_version": 1,
    "policy": {
        "name": "Lisbon SLA",
        "conditions": {},
        "targets": {"normal": {"first_response": "2h", "resolution": "2d"}},
        "calendar": "Lisbon office",
    },
    "calendar": LISBON,
}


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "ws.sqlite3"
    open_workspace(str(path)).close()
    return path


def _write(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_calendar_list_export_import_round_trip(
    tmp_path: Path, db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _write(tmp_path / "lisbon.json", LISBON)
    assert main(["calendar", "import", str(source), "--database", str(db)]) == 0
    assert "Added the calendar “Lisbon office” (Europe/Lisbon)" in capsys.readouterr().out
    assert main(["--database", str(db), "calendar", "list"]) == 0
    assert "Lisbon office\tEurope/Lisbon" in capsys.readouterr().out.splitlines()
    out = tmp_path / "out.json"
    assert main(["calendar", "export", "Lisbon office", str(out), "--database", str(db)]) == 0
    # exactly what the window's Export button writes
    assert out.read_text(encoding="utf-8") == calendar_to_json(BusinessCalendar.from_dict(LISBON))


def test_policy_import_brings_its_calendar_and_export_writes_the_window_file(
    tmp_path: Path, db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _write(tmp_path / "policy.json", POLICY_FILE)
    assert main(["policy", "import", str(source), "--reason", "our SLA", "--first",
                 "--database", str(db)]) == 0  # fmt: skip
    out = capsys.readouterr().out
    assert "Added the policy “Lisbon SLA”" in out and "which came with the file" in out
    workspace = open_workspace(str(db))
    try:
        with workspace.session() as session:
            assert load_calendar(session, "Lisbon office").timezone == "Europe/Lisbon"
            order = list_policies(session)
            assert [p.name for p in order] == ["Lisbon SLA", "Standard SLA"]
            (version,) = list_policy_versions(session, order[0].id)
            assert version.reason == "our SLA" and version.calendar_name == "Lisbon office"
            policy = load_policy_version(session, order[0].current_version_id or 0)
    finally:
        workspace.close()
    exported = tmp_path / "exported.json"
    assert main(["policy", "export", "Lisbon SLA", str(exported), "--database", str(db)]) == 0
    assert exported.read_text(encoding="utf-8") == policy_to_json(policy)


def test_a_policy_with_a_known_name_becomes_its_next_version_in_its_place(
    tmp_path: Path, db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = _write(tmp_path / "a.json", POLICY_FILE)
    assert main(["policy", "import", str(first), "--database", str(db)]) == 0
    assert "judges none" in capsys.readouterr().out  # Standard SLA matches every ticket first
    changed = json.loads(json.dumps(POLICY_FILE))
    changed["policy"]["targets"]["normal"]["resolution"] = "3d"
    second = _write(tmp_path / "b.json", changed)
    assert main(["policy", "import", str(second), "--database", str(db)]) == 0
    assert "as its next version (its place kept)" in capsys.readouterr().out
    assert main(["policy", "list", "--database", str(db)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split("\t")[:3] == ["1", "Standard SLA", "version 1"]
    assert lines[1].split("\t")[:3] == ["2", "Lisbon SLA", "version 2"]


def test_bad_files_are_one_sentence_and_change_nothing(
    tmp_path: Path, db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = db.read_bytes()
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    assert main(["policy", "import", str(broken), "--database", str(db)]) == 1
    assert "is not valid JSON" in capsys.readouterr().err
    clash = json.loads(json.dumps(POLICY_FILE))
    clash["calendar"]["name"] = clash["policy"]["calendar"] = "Standard business hours"
    assert main(["policy", "import", str(_write(tmp_path / "c.json", clash)),
                 "--database", str(db)]) == 1  # fmt: skip
    err = capsys.readouterr().err
    assert "already has a calendar named" in err and "Traceback" not in err
    assert main(["policy", "export", "Nope", str(tmp_path / "x.json"), "--database", str(db)]) == 1
    assert "no policy named “Nope”" in capsys.readouterr().err
    assert main(["calendar", "import", str(tmp_path / "missing.json"), "--database", str(db)]) == 1
    assert "does not exist" in capsys.readouterr().err
    assert db.read_bytes() == before


def test_listing_does_not_create_a_workspace(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["policy", "list", "--database", str(tmp_path / "none.sqlite3")]) == 1
    assert "There is no workspace" in capsys.readouterr().err
    assert not (tmp_path / "none.sqlite3").exists()


def test_an_export_that_cannot_be_renamed_leaves_the_old_file_and_no_partial(
    tmp_path: Path, db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The file is written under a temporary name and renamed when complete."""
    assert main(["calendar", "import", str(_write(tmp_path / "c.json", LISBON)), "--database",
                 str(db)]) == 0  # fmt: skip
    out = tmp_path / "taken"
    out.mkdir()  # a folder in the way: the rename fails, nothing is half-written
    assert main(["calendar", "export", "Lisbon office", str(out), "--database", str(db)]) == 1
    assert "Could not write" in capsys.readouterr().err
    assert out.is_dir() and [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_the_policy_list_in_portuguese_agrees_with_policy(
    tmp_path: Path, db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A policy (a política) is "ativa" or "inativa": the list said "ativo" and "inativa"."""
    from slaworkbench import i18n

    before = i18n.active()
    monkeypatch.setenv("LC_ALL", "pt_PT.UTF-8")
    try:
        assert main(["policy", "list", "--database", str(db)]) == 0
    finally:
        i18n.install(before.locale, before.catalogue)
    states = {line.split("\t")[3] for line in capsys.readouterr().out.splitlines() if line}
    assert states <= {"ativa", "inativa"} and states, states
