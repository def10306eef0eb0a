"""Policies and calendars in the store: immutable versions, order, activation, checks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from slaworkbench.domain.calendar.business import BusinessCalendar
from slaworkbench.domain.model import Metric, Priority
from slaworkbench.store.errors import StalePolicyError, ValidationError
from slaworkbench.store.policies.calendars import list_calendars, load_calendar, save_calendar
from slaworkbench.store.policies.versions import (
    list_policies,
    list_policy_versions,
    load_active_policies,
    policy_fingerprint,
    reorder_policies,
    save_policy_version,
    set_policy_active,
)
from slaworkbench.store.schema import CalendarHoliday, PolicyVersion
from slaworkbench.store.seed import BUSINESS_HOURS, STANDARD_POLICY, standard_policy_spec
from slaworkbench.store.workspace import Workspace, open_workspace

VIP = {
    "name": "VIP",
    "conditions": {"customer_tiers": ["gold"]},
    "targets": {"urgent": {"first_response": "30m", "resolution": "4h"}},
}


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    with open_workspace(str(tmp_path / "w.sqlite3")) as ws:
        yield ws


def test_saving_adds_versions_and_never_rewrites_old_ones(workspace: Workspace) -> None:
    with workspace.session(write=True) as session:
        (standard,) = list_policies(session)
        first_spec = session.execute(select(PolicyVersion.spec)).scalar_one()
        changed = standard_policy_spec()
        changed["targets"] = {"urgent": {"first_response": "15m"}}
        version_id = save_policy_version(
            session,
            standard.id,
            changed,
            calendar_name="24/7",
            author="Mo",
            reason="faster",
            review_date=dt.date(2025, 6, 1),
            owner="Support lead",
            expected_version=standard.lock_version,
        )
        versions = list_policy_versions(session, standard.id)
        assert [v.version for v in versions] == [2, 1]
        assert versions[0].id == version_id
        assert (versions[0].author, versions[0].reason, versions[0].calendar_name) == (
            "Mo",
            "faster",
            "24/7",
        )
        assert versions[0].review_date == dt.date(2025, 6, 1)
        assert session.get(PolicyVersion, versions[1].id).spec == first_spec  # type: ignore[union-attr]
        (policy,) = load_active_policies(session)
        assert (policy.version, policy.version_id) == (2, version_id)
        assert policy.target(Priority.URGENT, Metric.FIRST_RESPONSE) == 900
        assert policy.target(Priority.LOW, Metric.RESOLUTION) is None
        assert policy.calendar.name == "24/7"
        with pytest.raises(StalePolicyError, match=r"was changed by Mo at .* — reload"):
            save_policy_version(
                session,
                standard.id,
                changed,
                calendar_name="24/7",
                author="Jo",
                expected_version=standard.lock_version,
            )


def test_order_and_activation_decide_which_policies_load(workspace: Workspace) -> None:
    with workspace.session(write=True) as session:
        save_policy_version(session, None, VIP, calendar_name="24/7", author="Mo")
        names = [p.name for p in load_active_policies(session)]
        assert names == [STANDARD_POLICY, "VIP"]
        before = policy_fingerprint(session)
        ids = {p.name: p.id for p in list_policies(session)}
        reorder_policies(session, [ids["VIP"], ids[STANDARD_POLICY]])
        assert [p.name for p in load_active_policies(session)] == ["VIP", STANDARD_POLICY]
        assert policy_fingerprint(session) != before
        set_policy_active(session, ids["VIP"], False)
        assert [p.name for p in load_active_policies(session)] == [STANDARD_POLICY]
        with pytest.raises(ValidationError, match="every policy exactly once"):
            reorder_policies(session, [ids["VIP"]])


def test_bad_policies_are_refused_with_sentences(workspace: Workspace) -> None:
    with workspace.session(write=True) as session:
        with pytest.raises(ValidationError, match="no calendar named"):
            save_policy_version(session, None, VIP, calendar_name="Mars", author="Mo")
        with pytest.raises(ValidationError, match="already exists"):
            save_policy_version(
                session, None, dict(VIP, name=STANDARD_POLICY), calendar_name="24/7", author="Mo"
            )
        bad = dict(VIP, targets={"urgent": {"first_response": "-1h"}})
        with pytest.raises(ValidationError, match="VIP"):
            save_policy_version(session, None, bad, calendar_name="24/7", author="Mo")
        assert [p.name for p in list_policies(session)] == [STANDARD_POLICY]


def test_calendars_are_saved_with_their_holidays_and_checked(workspace: Workspace) -> None:
    spec = {
        "name": "Lisbon office",
        "timezone": "Europe/Lisbon",
        "hours": {"mon": [["09:00", "18:00"]], "tue": [["09:00", "18:00"]]},
        "holidays": [{"date": "2026-12-25", "name": "Christmas"}],
    }
    with workspace.session(write=True) as session:
        calendar_id = save_calendar(session, BusinessCalendar.from_dict(spec), "Mo")
        assert load_calendar(session, "Lisbon office").timezone == "Europe/Lisbon"
        assert {c.name for c in list_calendars(session)} == {
            "24/7",
            BUSINESS_HOURS,
            "Lisbon office",
        }
        holidays = session.execute(
            select(CalendarHoliday.date, CalendarHoliday.name).where(
                CalendarHoliday.calendar_id == calendar_id
            )
        ).all()
        assert [tuple(h) for h in holidays] == [(dt.date(2026, 12, 25), "Christmas")]
        spec["holidays"] = []
        assert save_calendar(session, BusinessCalendar.from_dict(spec), "Mo") == calendar_id
        assert session.execute(select(CalendarHoliday.id)).first() is None
