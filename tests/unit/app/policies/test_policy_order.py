"""Where policies go in the evaluation order, and the writes the policy editors run.

A policy placed after a catch-all (an active policy without conditions) can never apply:
a new policy goes before the first catch-all unless the user says otherwise, and lint
and what-if say so when a policy or draft stands after one.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from slaworkbench.app.changes import Changes
from slaworkbench.app.demo.workspace import generate_demo
from slaworkbench.app.policies.files import policy_to_json, read_policy_file
from slaworkbench.app.policies.lint import find_shadowed, lint
from slaworkbench.app.policies.ordering import (
    OrderEntry,
    default_position,
    read_order,
    reorder_policies,
    set_policy_active,
)
from slaworkbench.app.policies.saving import (
    PolicyEdit,
    import_policy_file,
    save_calendar,
    save_policy,
)
from slaworkbench.app.policies.whatif import run_whatif
from slaworkbench.domain.calendar.business import BusinessCalendar
from slaworkbench.domain.policy import policy_from_dict
from slaworkbench.store.errors import StalePolicyError
from slaworkbench.store.policies.calendars import list_calendars, load_calendar
from slaworkbench.store.policies.editing import load_policies_in_order
from slaworkbench.store.policies.versions import list_policies
from slaworkbench.store.seed import STANDARD_POLICY
from slaworkbench.store.workspace import Workspace, open_workspace
from tests.support.policy.conditions import P, c
from tests.support.policy.lisbon_office import lisbon_policy


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    """A fresh workspace: its one policy, "Standard SLA", is a catch-all."""
    ws = open_workspace(str(tmp_path / "ws.sqlite3"))
    yield ws
    ws.close()


def spec(name: str, **conditions: list[str]) -> dict[str, Any]:
    return {
        "name": name,
        "active": True,
        "conditions": conditions,
        "targets": {"high": {"resolution": 3600}},
        "calendar": "24/7",
    }


def edit(name: str, position: int | None = None, **conditions: list[str]) -> PolicyEdit:
    return PolicyEdit(None, spec(name, **conditions), "24/7", position=position)


def names(workspace: Workspace) -> list[str]:
    with workspace.session() as session:
        return [info.name for info in list_policies(session)]


def test_lint_flags_a_policy_placed_after_a_catch_all() -> None:
    policies = [
        P(1, "Everything", c()),
        P(2, "VIP", c(customers={"Acme"})),
        P(3, "Urgent", c(priorities={"urgent"})),
    ]
    report = lint(policies, [])
    assert [(s.policy_name, s.by, s.catch_all) for s in report.shadowed] == [
        ("VIP", ("Everything",), True),
        ("Urgent", ("Everything",), True),
    ]
    assert "catch-all “Everything” above it takes every ticket" in report.shadowed[0].sentence()
    assert not report.is_clean
    # Above the catch-all, the same policies can apply.
    assert find_shadowed([policies[1], policies[2], policies[0]]) == []


def test_a_union_of_narrow_policies_is_not_called_a_catch_all() -> None:
    policies = [
        P(1, "Urgent", c(priorities={"urgent"})),
        P(2, "Not urgent", c(priorities={"high", "normal", "low"})),
        P(3, "Everything", c()),
    ]
    (shadowed,) = find_shadowed(policies)
    assert shadowed.policy_name == "Everything" and not shadowed.catch_all
    assert "take every ticket it would match" in shadowed.sentence()


def test_default_position_is_before_the_first_active_catch_all() -> None:
    entries = [
        OrderEntry(1, "VIP", True, False),
        OrderEntry(2, "Off", False, False),
        OrderEntry(3, "Everything", True, True),
        OrderEntry(4, "Later", True, False),
    ]
    assert default_position(entries) == 2
    assert default_position(entries[:2]) == 2  # no catch-all: last
    assert default_position([]) == 0


def test_a_new_policy_is_saved_before_the_catch_all(workspace: Workspace) -> None:
    saved = save_policy(workspace, edit("VIP", customers=["Acme"]), author="ana", reason="new")
    assert saved.changes == Changes(policies=True)
    assert names(workspace) == ["VIP", STANDARD_POLICY]
    save_policy(workspace, edit("Urgent", priorities=["urgent"]), author="ana", reason="new")
    assert names(workspace) == ["VIP", "Urgent", STANDARD_POLICY]
    with workspace.session() as session:
        assert find_shadowed(load_policies_in_order(session)) == []
        assert [e.catch_all for e in read_order(session)] == [False, False, True]


def test_a_new_policy_goes_where_the_user_put_it(workspace: Workspace) -> None:
    save_policy(workspace, edit("VIP", customers=["Acme"]), author="ana", reason="new")
    save_policy(workspace, edit("First", 0, teams=["Ops"]), author="ana", reason="new")
    save_policy(workspace, edit("Dead", 3, teams=["Sales"]), author="ana", reason="on purpose")
    assert names(workspace) == ["First", "VIP", STANDARD_POLICY, "Dead"]
    with workspace.session() as session:
        (shadowed,) = find_shadowed(load_policies_in_order(session))
    assert (shadowed.policy_name, shadowed.catch_all) == ("Dead", True)


def test_saving_an_existing_policy_keeps_its_place_and_switches_it(workspace: Workspace) -> None:
    save_policy(workspace, edit("VIP", customers=["Acme"]), author="ana", reason="new")
    with workspace.session() as session:
        vip = next(i for i in list_policies(session) if i.name == "VIP")
    off = PolicyEdit(
        vip.id,
        spec("VIP", customers=["Acme"]) | {"active": False},
        "24/7",
        lock_version=vip.lock_version,
        position=5,
    )
    saved = save_policy(workspace, off, author="ana", reason="pause it")
    assert saved.policy_id == vip.id
    with workspace.session() as session:
        infos = list_policies(session)
    assert [(i.name, i.active, i.current_version) for i in infos] == [
        ("VIP", False, 2),
        (STANDARD_POLICY, True, 1),
    ]
    with pytest.raises(StalePolicyError):  # the editor's lock is from before that save
        save_policy(workspace, off, author="ana", reason="again")


def test_reorder_and_switching_report_policy_changes(workspace: Workspace) -> None:
    saved = save_policy(workspace, edit("VIP", customers=["Acme"]), author="ana", reason="new")
    with workspace.session() as session:
        ids = [i.id for i in list_policies(session)]
        standard = next(i for i in list_policies(session) if i.name == STANDARD_POLICY)
    assert reorder_policies(workspace, list(reversed(ids))) == Changes(policies=True)
    assert names(workspace) == [STANDARD_POLICY, "VIP"]
    changes = set_policy_active(
        workspace, standard.id, False, expected_version=standard.lock_version + 1
    )
    assert changes == Changes(policies=True)
    with workspace.session() as session:
        assert [i.active for i in list_policies(session)] == [False, True]
        assert find_shadowed(load_policies_in_order(session)) == []
    assert saved.policy_id == ids[0]


def test_an_imported_new_policy_goes_before_the_catch_all(
    workspace: Workspace, tmp_path: Path
) -> None:
    path = tmp_path / "gold.json"
    path.write_text(policy_to_json(lisbon_policy()), encoding="utf-8")
    with workspace.session() as session:
        file = read_policy_file(path, session)
    saved = import_policy_file(workspace, file, author="ana", reason="import")
    assert saved.changes == Changes(policies=True, calendars=True)
    assert names(workspace) == ["Gold customers", STANDARD_POLICY]
    again = import_policy_file(workspace, file, author="ana", reason="import")
    assert (again.policy_id, again.changes) == (saved.policy_id, Changes(policies=True))
    assert names(workspace) == ["Gold customers", STANDARD_POLICY]


def test_saving_a_calendar_renames_it_and_reports_calendars(workspace: Workspace) -> None:
    office = BusinessCalendar.from_dict(
        {"name": "Office", "timezone": "UTC", "hours": {"mon": [["09:00", "17:00"]]}}
    )
    assert save_calendar(workspace, office, original_name=None, author="ana") == Changes(
        calendars=True
    )
    renamed = BusinessCalendar.from_dict(office.to_dict() | {"name": "Head office"})
    save_calendar(workspace, renamed, original_name="Office", author="ana")
    with workspace.session() as session:
        found = {info.name for info in list_calendars(session)}
    assert "Head office" in found and "Office" not in found


def test_whatif_warns_when_a_new_draft_stands_after_the_catch_all(workspace: Workspace) -> None:
    with workspace.session() as session:
        calendar = load_calendar(session, "24/7")
    draft = policy_from_dict(spec("VIP", customers=["Acme"]) | {"id": 0}, lambda _n: calendar)
    last = run_whatif(workspace, draft, 0, 100, now=100, position=None)
    assert len(last.warnings) == 1
    assert "catch-all “Standard SLA” above it takes every ticket" in last.warnings[0]
    first = run_whatif(workspace, draft, 0, 100, now=100, position=0)
    assert first.warnings == ()
    assert first.changes == ("A new policy, tried in position 1.",)


def test_the_demo_ships_no_policy_that_can_never_apply(tmp_path: Path) -> None:
    ws = open_workspace(str(tmp_path / "demo.sqlite3"))
    try:
        generate_demo(ws, tickets=50, seed=3, now=1_780_000_000, compute_clocks=False)
        with ws.session() as session:
            policies = load_policies_in_order(session)
        assert find_shadowed(policies) == []
        assert [p.name for p in policies if p.active][-1] == "Office hours"
    finally:
        ws.close()
