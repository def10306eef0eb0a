"""Each preset key of issue 15 with a small CSV: missing values, ignored statuses, the
creation instant and tie order from columns, a reply with a status change, columns named
twice, a ticket with a rejected row, and glob patterns that disagree."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from slaworkbench.domain.model import Status
from slaworkbench.store.importing.event_log import parse_event_log
from slaworkbench.store.importing.presets import preset_from_dict
from slaworkbench.store.importing.records import ImportFileError, ParsedFile

HEADER = "Case,When,Status,Owner,Team\n"


def _preset(**extra: Any) -> dict[str, Any]:
    spec: dict[str, Any] = {
        "name": "keys",
        "columns": {
            "case_id": "Case",
            "timestamp": "When",
            "status": "Status",
            "author": "Owner",
            "assignee": "Owner",
            "team": "Team",
        },
        "statuses": {"new": ["New"], "open": ["Active"], "pending": ["Waiting"],
                     "solved": ["Resolved"]},
    }  # fmt: skip
    for key, value in extra.items():
        if key == "columns":
            spec["columns"] = {**spec["columns"], **value}
        else:
            spec[key] = value
    return spec


def _parse(tmp_path: Path, text: str, **extra: Any) -> ParsedFile:
    path = tmp_path / "log.csv"
    path.write_text(text, encoding="utf-8")
    return parse_event_log(path, preset_from_dict(_preset(**extra)))


def _at(text: str) -> int:
    return int(dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC).timestamp())


def _types(parsed: ParsedFile, case: str = "A") -> list[str]:
    ticket = next(t for t in parsed.tickets if t.external_id == case)
    return [row[1] for row in ticket.event_rows]


def test_missing_value_tokens_are_empty_cells(tmp_path: Path) -> None:
    text = HEADER + "A,2026-03-02T09:00:00,New,?,NULL\n" + "A,2026-03-02T10:00:00,Active,n/a,?\n"
    without = _parse(tmp_path, text)
    assert without.tickets[0].team == "?" and without.tickets[0].assignee == "n/a"
    parsed = _parse(tmp_path, text, missing_values=["?", "NULL", "N/A"])
    ticket = parsed.tickets[0]
    assert ticket.team is None and ticket.assignee is None
    assert [row[2] for row in ticket.event_rows] == [None, None]  # no author "?"


def test_a_missing_value_token_as_status_is_a_missing_status(tmp_path: Path) -> None:
    parsed = _parse(tmp_path, HEADER + "A,2026-03-02T09:00:00,?,ana,T\n", missing_values=["?"])
    assert parsed.rejections[0].reason == "the status is missing"


def test_statuses_mapped_to_ignore_give_nothing_and_are_counted(tmp_path: Path) -> None:
    text = (
        HEADER
        + "A,2026-03-02T09:00:00,New,ana,T\n"
        + "A,2026-03-02T10:00:00,VERIFIED,ana,T\n"
        + "A,2026-03-02T11:00:00,Resolved,ana,T\n"
        + "A,2026-03-02T12:00:00,duplicate,ana,T\n"
    )
    statuses = {"new": ["New"], "solved": ["Resolved"], "ignore": ["Verified", "Duplicate"]}
    parsed = _parse(tmp_path, text, statuses=statuses)
    assert parsed.ignored_rows == 2 and parsed.rejections == ()
    assert _types(parsed) == ["created", "assigned", "status_changed"]
    assert parsed.tickets[0].status is Status.SOLVED
    assert parsed.rows == 4  # two read, two ignored


def test_created_at_column_gives_the_creation_instant(tmp_path: Path) -> None:
    text = (
        "Case,When,Status,Owner,Team,Opened\n"
        "A,2026-03-02T10:00:00,Active,ana,T,\n"
        "A,2026-03-02T11:00:00,Resolved,ana,T,2026-03-02T08:30:00\n"
        "B,2026-03-02T10:00:00,New,ana,T,\n"
    )
    parsed = _parse(tmp_path, text, columns={"created_at": "Opened"})
    a, b = parsed.tickets
    assert a.created_at == _at("2026-03-02T08:30:00")
    assert a.event_rows[0][:2] == (_at("2026-03-02T08:30:00"), "created")
    assert a.event_rows[0][3] == "open"  # the first row's status
    assert b.created_at == _at("2026-03-02T10:00:00")  # no value: the first row


def test_a_bad_created_at_value_is_a_rejected_row(tmp_path: Path) -> None:
    text = "Case,When,Status,Owner,Team,Opened\nA,2026-03-02T10:00:00,New,ana,T,soon\n"
    path = tmp_path / "log.csv"
    path.write_text(text + "B,2026-03-02T10:00:00,New,ana,T,\n", encoding="utf-8")
    parsed = parse_event_log(path, preset_from_dict(_preset(columns={"created_at": "Opened"})))
    assert parsed.rejections[0].column == "Opened" and "'soon'" in parsed.rejections[0].reason


def test_order_column_breaks_ties_before_file_order(tmp_path: Path) -> None:
    text = (
        "Case,When,Status,Owner,Team,Seq\n"
        "A,2026-03-02T09:00:00,New,ana,T,1\n"
        "A,2026-03-02T10:00:00,Resolved,ana,T,10\n"
        "A,2026-03-02T10:00:00,Active,ana,T,9\n"
    )
    plain = _parse(tmp_path, text)
    assert plain.tickets[0].status is Status.OPEN  # file order: Resolved, then Active
    parsed = _parse(tmp_path, text, columns={"order": "Seq"})
    assert parsed.tickets[0].status is Status.SOLVED  # 9 before 10 (numbers, not text)
    rows = parsed.tickets[0].event_rows
    assert [row[3] for row in rows if row[1] != "assigned"] == ["new", "open", "solved"]


def test_a_reply_with_a_status_change_gives_both_events(tmp_path: Path) -> None:
    text = HEADER + "A,2026-03-02T09:00:00,New,,T\nA,2026-03-02T09:20:00,Active,ana,T\n"
    rule = {"from": ["New"], "to": ["Active"]}
    # Ana, named on the second row, takes the ticket with that row (no one had it).
    one = _parse(tmp_path, text, agent_reply=rule)
    assert _types(one) == ["created", "assigned", "status_changed"]
    both = _parse(tmp_path, text, agent_reply={**rule, "with_status_change": True})
    assert _types(both) == ["created", "assigned", "agent_reply", "status_changed"]
    assert both.tickets[0].event_rows[2][2] == "ana"


def test_a_column_named_twice_that_is_not_read_is_a_warning(tmp_path: Path) -> None:
    text = "Case,When,Status,Owner,Team,Notes,Notes\nA,2026-03-02T09:00:00,New,ana,T,x,y\n"
    parsed = _parse(tmp_path, text)
    assert len(parsed.tickets) == 1
    assert len(parsed.warnings) == 1 and "'Notes'" in parsed.warnings[0]


def test_a_column_named_twice_that_is_read_is_an_error(tmp_path: Path) -> None:
    text = "Case,When,Status,Owner,Team,Team\nA,2026-03-02T09:00:00,New,ana,T,U\n"
    with pytest.raises(ImportFileError, match="'Team' twice"):
        _parse(tmp_path, text)


BROKEN = (
    HEADER
    + "A,2026-03-02T09:00:00,New,ana,T\n"
    + "A,2026-03-02T10:00:00,Lost,ana,T\n"
    + "A,2026-03-02T11:00:00,Lost,ana,T\n"
    + "A,2026-03-02T12:00:00,Resolved,ana,T\n"
    + "B,2026-03-02T09:00:00,New,bo,T\n"
    + "C,never,New,bo,T\n"
)


def test_a_rejected_row_leaves_its_whole_ticket_out_by_default(tmp_path: Path) -> None:
    parsed = _parse(tmp_path, BROKEN)
    assert [t.external_id for t in parsed.tickets] == ["B"]
    assert [r.line for r in parsed.rejections] == [3, 4, 7]
    (left,) = [t for t in parsed.left_out if t.case_id == "A"]
    assert (left.bad_rows, left.other_rows, left.first_line) == (2, 2, 3)
    assert parsed.rows - parsed.rejected_rows - left.other_rows == 1  # B's one row


def test_skip_row_keeps_the_ticket_without_its_bad_rows(tmp_path: Path) -> None:
    parsed = _parse(tmp_path, BROKEN, on_row_error="skip_row")
    assert sorted(t.external_id for t in parsed.tickets) == ["A", "B"]
    assert parsed.left_out == () and len(parsed.rejections) == 3
    assert _types(parsed) == ["created", "assigned", "status_changed"]


def test_on_row_error_must_be_known() -> None:
    with pytest.raises(ImportFileError, match="on_row_error"):
        preset_from_dict(_preset(on_row_error="ignore"))


def test_a_value_matching_patterns_of_two_statuses_is_refused(tmp_path: Path) -> None:
    statuses = {"new": ["New"], "pending": ["Awaiting *"], "on_hold": ["* vendor"]}
    text = HEADER + "A,2026-03-02T09:00:00,New,ana,T\nA,2026-03-02T10:00:00,Awaiting vendor,,T\n"
    with pytest.raises(ImportFileError, match="'Awaiting vendor' matches"):
        _parse(tmp_path, text, statuses=statuses)
    fine = HEADER + "A,2026-03-02T09:00:00,New,ana,T\nA,2026-03-02T10:00:00,Awaiting user,,T\n"
    assert _parse(tmp_path, fine, statuses=statuses).tickets[0].status is Status.PENDING


def test_the_same_pattern_under_two_statuses_is_a_preset_error() -> None:
    statuses = {"pending": ["Awaiting *"], "on_hold": ["awaiting *"]}
    with pytest.raises(ImportFileError, match="mapped to both"):
        preset_from_dict(_preset(statuses=statuses))


def test_an_exact_value_wins_over_patterns() -> None:
    statuses = {"pending": ["Awaiting user"], "on_hold": ["Awaiting *", "* user"]}
    preset = preset_from_dict(_preset(statuses=statuses))
    assert preset.status_of("awaiting USER") == "pending"
