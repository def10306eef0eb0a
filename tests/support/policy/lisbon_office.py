"""The Lisbon office calendar as its file holds it, and a gold-customer policy on it."""

from __future__ import annotations

from slaworkbench.domain.calendar.business import BusinessCalendar
from slaworkbench.domain.policy import Policy, policy_from_dict

LISBON = {
    "name": "Lisbon office",
    "timezone": "Europe/Lisbon",
    "hours": {
        "mon": [["09:00", "12:30"], ["13:30", "18:00"]],
        "tue": [["09:00", "18:00"]],
        "wed": [],
        "thu": [["22:00", "24:00"]],
        "fri": [["00:00", "06:00"]],
        "sat": [],
        "sun": [],
    },
    "holidays": [{"date": "2026-12-25", "name": "Christmas"}],
}


def lisbon_policy() -> Policy:
    calendar = BusinessCalendar.from_dict(LISBON)
    return policy_from_dict(
        {
            "name": "Gold customers",
            "conditions": {"customer_tiers": ["gold"], "tags": ["vip"]},
            "targets": {"urgent": {"first_response": "30m", "resolution": "1d 2h"}},
            "calendar": "Lisbon office",
            "pause_statuses": ["pending"],
            "warning_fraction": 0.2,
        },
        lambda _name: calendar,
    )
