"""A workspace for agreement tests: the Office calendar and policy, a customer calendar
in another zone with its own holiday, two customers with tickets, and Acme's terms."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from slaworkbench.app.tickets.actions import NewTicket, create_ticket
from slaworkbench.domain.calendar.business import BusinessCalendar
from slaworkbench.domain.model import Priority
from slaworkbench.store.policies.calendars import save_calendar
from slaworkbench.store.policies.versions import (
    list_policies,
    save_policy_version,
    set_policy_active,
)
from slaworkbench.store.workspace import Workspace, open_workspace
from tests.support.office_workspace import OFFICE, new_workspace

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


def agreement_workspace(tmp_path: Path, url: str | None = None) -> Workspace:
    """Office calendar + "Office support" policy (first response 4 h, resolution 16 h for
    every priority, business time in Office hours, UTC), the Acme Tokyo calendar, and
    customers Acme and Globex (one ticket each, created 2025-12-01). ``url`` names another
    database (PostgreSQL) instead of a SQLite file in ``tmp_path``."""
    ws = new_workspace(tmp_path) if url is None else open_workspace(url)
    with ws.session(write=True) as session:
        if url is not None:
            for info in list_policies(session):
                set_policy_active(session, info.id, False)
            save_calendar(session, BusinessCalendar.from_dict(OFFICE), "test")
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


def solved_ticket(
    ws: Workspace, customer: str, priority: Priority, created: int, solved: int
) -> int:
    """A ticket of ``customer`` created and solved at the given instants (clocks judged)."""
    from slaworkbench.app.tickets.actions import change_status

    ticket_id = create_ticket(
        ws,
        NewTicket(subject=f"{customer} {priority.value}", customer=customer, priority=priority),
        author="test",
        now=created,
    )
    change_status(ws, ticket_id, "solved", author="test", expected_version=1, now=solved)
    return ticket_id


JAN_5 = JAN_2026 + 4 * DAY + 10 * HOUR
"""Monday 2026-01-05 10:00 UTC."""
JAN_10 = JAN_2026 + 9 * DAY
"""Saturday 2026-01-10 00:00 UTC."""


def acme_january(ws: Workspace) -> dict[str, list[int]]:
    """Acme's January 2026, with hand-computed figures (docs/AGREEMENTS.md example):

    - resolution: 2 achieved (solved within minutes), 3 urgent breached (solved 23 days
      later) → 40 % against a 90 % goal → 5 % of 2,000 = 100.00; urgent breached tickets
      3 × 50 = 150 capped at 120.00;
    - Portal: a full outage 60 min, a half outage 60 min overlapping it by 30 min, a
      planned 120 min window (excluded) → 75 weighted minutes of January's 44,640 →
      99.832 % < 99.9 % → 10 % of 2,000 = 200.00;
    - Globex has a breached urgent ticket that Acme's statement must not count;
    - CSAT 5, 4, 2 → 66.7 % (2 of 3); NPS 10, 6 → 0 (1 promoter, 1 detractor).

    Total owed for January: 420.00.
    """
    from slaworkbench.app.agreements.editing import save_agreement, save_outage, save_service
    from slaworkbench.app.agreements.satisfaction import enter_answer
    from slaworkbench.store.agreements.services import OutageDraft

    save_service(ws, None, name="Portal", availability_target=0.999, customers=["Acme"])
    save_agreement(ws, None, acme_terms(), author="test", reason="signed")
    achieved = [
        solved_ticket(ws, "Acme", Priority.URGENT, JAN_5, JAN_5 + 1800),
        solved_ticket(ws, "Acme", Priority.NORMAL, JAN_5 + DAY, JAN_5 + DAY + 300),
    ]
    breached = [
        solved_ticket(ws, "Acme", Priority.URGENT, JAN_5 + i * 60, JAN_5 + 23 * DAY)
        for i in range(3)
    ]
    other = [solved_ticket(ws, "Globex", Priority.URGENT, JAN_5, JAN_5 + 23 * DAY)]
    outages = [
        save_outage(ws, None, OutageDraft("Portal", JAN_10, JAN_10 + 3600, 1.0, False, "down",
                                          (breached[0],)))[0],
        save_outage(ws, None, OutageDraft("Portal", JAN_10 + 1800, JAN_10 + 5400, 0.5))[0],
        save_outage(ws, None, OutageDraft("Portal", JAN_10 + 7 * DAY, JAN_10 + 7 * DAY + 7200,
                                          1.0, True, "maintenance"))[0],
    ]  # fmt: skip
    for ticket_id, kind, score in (
        (achieved[0], "csat", 5), (achieved[1], "csat", 4), (breached[0], "csat", 2),
        (achieved[0], "nps", 10), (breached[1], "nps", 6), (other[0], "csat", 1),
    ):  # fmt: skip
        enter_answer(ws, ticket_id, kind, score, now=JAN_5 + 24 * DAY)
    return {"achieved": achieved, "breached": breached, "other": other, "outages": outages}
