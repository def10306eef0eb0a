"""A workspace for agreement tests: the Office calendar and policy, a customer calendar
in another zone with its own holiday, two customers with tickets, and Acme's terms."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from slaworkbench.app.tickets.actions import NewTicket, create_ticket
from slaworkbench.domain.calendar.business import BusinessCalendar
from slaworkbench.domain.model import Priority
from slaworkbench.store.policies.calendars import save_calendar
from slaworkbench.store.policies.versions import save_policy_version
from slaworkbench.store.workspace import Workspace
from tests.support.office_workspace import new_workspace

HOUR = 3600
DAY = 86_400
JAN_2026 = 1_767_225_600
"""2026-01-01T00:00:00Z, a Thursday."""

TOKYO = {
    "name": "Acme Tokyo",
    "timezone": "Asia/Tokyo",
    "hours": {d: [["09:00", "17:00"]] for d in ("mon", "tue", "wed", "thu", "fri")}
    | {"sat": [], "sun": []},
    "holidays": [{"date": "2026-01-02", "name": "Acme New Year"}],
}
POLICY = "Office support"


def agreement_workspace(tmp_path: Path) -> Workspace:
    """Office calendar + "Office support" policy (first response 4 h, resolution 16 h for
    every priority, business time in Office hours, UTC), the Acme Tokyo calendar, and
    customers Acme and Globex (one ticket each, created 2025-12-01)."""
    ws = new_workspace(tmp_path)
    with ws.session(write=True) as session:
        save_calendar(session, BusinessCalendar.from_dict(TOKYO), "test")
        spec = {
            "name": POLICY,
            "active": True,
            "conditions": {},
            "targets": {
                p.value: {"first_response": 4 * HOUR, "resolution": 16 * HOUR} for p in Priority
            },
            "calendar": "Office",
            "pause_statuses": ["pending", "on_hold"],
            "warning_fraction": 0.25,
        }
        save_policy_version(session, None, spec, calendar_name="Office", author="test")
    for customer in ("Acme", "Globex"):
        create_ticket(
            ws,
            NewTicket(subject=f"{customer} hello", customer=customer),
            author="test",
            now=JAN_2026 - 31 * DAY,
        )
    return ws


def acme_terms(**changes: Any) -> dict[str, Any]:
    """Acme's agreement in its JSON form (``agreement_from_dict``)."""
    data: dict[str, Any] = {
        "name": "Acme support 2026",
        "customer": "Acme",
        "valid_from": "2026-01-01",
        "valid_to": "2026-12-31",
        "policy": POLICY,
        "calendar": "Acme Tokyo",
        "description": "<p>Support for the <b>Portal</b> by e-mail and phone.</p>",
        "monthly_fee": 2000,
        "currency": "EUR",
        "exclude_planned": True,
        "minimum_volume": 2,
        "csat_goal": 80,
        "nps_goal": 10,
        "goals": [{"metric": "resolution", "priority": None, "goal": 90}],
        "services": [
            {"service": "Portal", "target": 99.9,
             "tiers": [{"below": 99.9, "credit": 10}, {"below": 99.0, "credit": 25}]}
        ],
        "ticket_credits": [
            {"priority": "urgent", "metric": "resolution", "amount": 50, "cap": 120}
        ],
        "compliance_credits": [
            {"metric": "resolution", "priority": None, "goal": 90, "credit": 5}
        ],
    }  # fmt: skip
    data.update(changes)
    return data
