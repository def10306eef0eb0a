from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from slaworkbench.app.policies.files import (
    PolicyFileError,
    calendar_to_json,
    exact_duration_text,
    import_policy,
    policy_to_json,
    read_calendar_file,
    read_policy_file,
)
from slaworkbench.domain.calendar.business import BusinessCalendar
from slaworkbench.domain.durations import format_duration, parse_duration
from slaworkbench.domain.model import Metric, Priority
from slaworkbench.store.policies.calendars import load_calendar
from slaworkbench.store.policies.versions import list_policy_versions
from tests.support.office_workspace import new_workspace, row_counts
from tests.support.policy.lisbon_office import LISBON, lisbon_policy


def test_calendar_file_is_the_documented_shape_and_round_trips(tmp_path: Path) -> None:
    calendar = BusinessCalendar.from_dict(LISBON)
    path = tmp_path / "calendar.json"
    path.write_text(calendar_to_json(calendar))
    assert json.loads(path.read_text()) == LISBON
    assert read_calendar_file(path).to_dict() == calendar.to_dict()


def test_bad_calendar_file_names_the_file_and_the_interval(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    broken = json.loads(json.dumps(LISBON))
    broken["hours"]["tue"] = [["09:00", "25:00"]]
    path.write_text(json.dumps(broken))
    with pytest.raises(PolicyFileError, match=r"bad.json: Tuesday, interval 1"):
        read_calendar_file(path)
    path.write_text("{not json")
    with pytest.raises(PolicyFileError, match="not valid JSON"):
        read_calendar_file(path)


def test_policy_file_round_trip(tmp_path: Path) -> None:
    policy = lisbon_policy()
    path = tmp_path / "policy.json"
    path.write_text(policy_to_json(policy, review_date=dt.date(2027, 1, 31), owner="Ana"))
    document = json.loads(path.read_text())
    assert document["policy"]["targets"] == {
        "urgent": {"first_response": "30m", "resolution": "26h"}
    }
    loaded = read_policy_file(path)
    assert loaded.policy.target(Priority.URGENT, Metric.RESOLUTION) == 26 * 3600
    assert loaded.policy.conditions == policy.conditions
    assert loaded.calendar.to_dict() == policy.calendar.to_dict()
    assert (loaded.review_date, loaded.owner) == (dt.date(2027, 1, 31), "Ana")


def test_import_creates_calendar_and_versions(tmp_path: Path) -> None:
    workspace = new_workspace(tmp_path)
    path = tmp_path / "policy.json"
    path.write_text(policy_to_json(lisbon_policy(), owner="Ana"))
    loaded = read_policy_file(path)
    with workspace.session(write=True) as session:
        import_policy(session, loaded, author="me", reason="imported")
    with workspace.session(write=True) as session:
        import_policy(session, loaded, author="me", reason="again")
    with workspace.session() as session:
        assert load_calendar(session, "Lisbon office").to_dict() == LISBON
        from slaworkbench.store.policies.versions import list_policies

        info = next(i for i in list_policies(session) if i.name == "Gold customers")
        versions = list_policy_versions(session, info.id)
    assert [(v.version, v.reason, v.owner) for v in versions] == [
        (2, "again", "Ana"),
        (1, "imported", "Ana"),
    ]

    # Same calendar name, other hours: refused, nothing written.
    other = json.loads(path.read_text())
    other["calendar"]["hours"]["sat"] = [["10:00", "12:00"]]
    path.write_text(json.dumps(other))
    counts = row_counts(workspace)
    with (
        pytest.raises(PolicyFileError, match="already has a calendar"),
        workspace.session(write=True) as session,
    ):
        import_policy(session, read_policy_file(path), author="me", reason="x")
    assert row_counts(workspace) == counts
    workspace.close()


def test_bad_policy_files(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    document = json.loads(policy_to_json(lisbon_policy()))
    document["policy"]["targets"]["urgent"]["resolution"] = "abc"
    path.write_text(json.dumps(document))
    with pytest.raises(PolicyFileError, match="'abc' is not a duration"):
        read_policy_file(path)
    document = json.loads(policy_to_json(lisbon_policy()))
    del document["calendar"]
    path.write_text(json.dumps(document))
    with pytest.raises(PolicyFileError, match="does not exist"):
        read_policy_file(path)
    path.write_text("[1, 2]")
    with pytest.raises(PolicyFileError, match="does not hold a policy"):
        read_policy_file(path)


@given(st.integers(min_value=1, max_value=10**8))
def test_exact_duration_text_reads_back_exactly(seconds: int) -> None:
    text = exact_duration_text(seconds)
    assert parse_duration(text) == seconds
    if seconds % 60 == 0:
        assert text == format_duration(seconds)


def test_exact_duration_text_examples() -> None:
    assert exact_duration_text(100_000) == "27h 46m 40s"
    assert exact_duration_text(45) == "45s"
    assert exact_duration_text(3_630) == "1h 30s"
    assert exact_duration_text(7_200) == "2h"


@pytest.mark.parametrize(
    ("place", "value", "said"),
    [
        (("policy", "targets"), {"resolution": "1h"}, r"'a\nb' is not a priority"),
        (("policy", "targets", "urgent"), "1h", r"'a\nb' is not a metric"),
        (("policy", "conditions"), [], r"'a\nb' is not a condition"),
        (("calendar", "hours"), [["09:00", "17:00"]], r'Unknown day "a\nb" in the hours'),
    ],
)
def test_a_key_with_a_line_break_is_named_escaped_on_one_line(
    tmp_path: Path, place: tuple[str, ...], value: object, said: str
) -> None:
    document = json.loads(policy_to_json(lisbon_policy()))
    holder = document
    for key in place:
        holder = holder[key]
    holder["a\nb"] = value
    path = tmp_path / "p.json"
    path.write_text(json.dumps(document))
    with pytest.raises(PolicyFileError) as refused:
        read_policy_file(path)
    assert "\n" not in str(refused.value)
    assert said in str(refused.value)
