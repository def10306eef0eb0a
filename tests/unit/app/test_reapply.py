"""Re-applying one desk's edits onto what another desk saved meanwhile."""

from __future__ import annotations

from slaworkbench.app.reapply import reapply

BASE = {
    "name": "Gold",
    "targets": {"urgent": {"first_response": 3600, "resolution": 14400}},
    "pause_statuses": ["pending"],
    "owner": "",
}


def test_an_edit_left_alone_there_is_taken_and_theirs_are_kept() -> None:
    mine = {**BASE, "owner": "Ana"}
    theirs = {**BASE, "targets": {"urgent": {"first_response": 1800, "resolution": 14400}}}
    result = reapply(BASE, mine, theirs)
    assert result.collisions == ()
    assert result.merged == {**theirs, "owner": "Ana"}


def test_nested_fields_merge_one_by_one() -> None:
    mine = {**BASE, "targets": {"urgent": {"first_response": "20m", "resolution": 14400}}}
    theirs = {**BASE, "targets": {"urgent": {"first_response": 3600, "resolution": 7200}}}
    result = reapply(BASE, mine, theirs)
    assert result.collisions == ()
    assert result.merged["targets"] == {"urgent": {"first_response": "20m", "resolution": 7200}}


def test_a_field_changed_on_both_sides_collides_and_keeps_the_saved_value() -> None:
    mine = {**BASE, "pause_statuses": ["pending", "on_hold"], "owner": "Ana"}
    theirs = {**BASE, "pause_statuses": []}
    result = reapply(BASE, mine, theirs)
    assert result.collisions == (("pause_statuses",),)
    assert result.merged == {**BASE, "pause_statuses": [], "owner": "Ana"}


def test_the_same_change_on_both_sides_is_no_collision() -> None:
    mine = {**BASE, "owner": "Bo"}
    result = reapply(BASE, mine, mine)
    assert result == reapply(BASE, BASE, mine)
    assert result.collisions == () and result.merged == mine


def test_fields_added_or_removed_here_are_carried_over() -> None:
    mine = {
        "name": "Gold",
        "targets": {"urgent": {"first_response": 3600}, "high": {"resolution": "8h"}},
        "pause_statuses": ["pending"],
        "owner": "",
    }
    theirs = {**BASE, "name": "Gold+"}
    result = reapply(BASE, mine, theirs)
    assert result.collisions == ()
    assert result.merged == {
        "name": "Gold+",
        "targets": {"urgent": {"first_response": 3600}, "high": {"resolution": "8h"}},
        "pause_statuses": ["pending"],
        "owner": "",
    }
