"""What a brand-new workspace starts with, so it shows clocks from the first ticket.

- the built-in ``24/7`` calendar (every day 00:00–24:00, UTC);
- "Standard business hours": Monday to Friday 09:00–17:00 in the machine's IANA time
  zone when it can be read reliably (``TZ`` naming a zone, or ``/etc/localtime`` linking
  into a zoneinfo tree), otherwise UTC;
- one policy, "Standard SLA", matching every ticket, counting in business hours.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from slaworkbench.domain.calendar.business import BusinessCalendar
from slaworkbench.store.policies.calendars import store_calendar_spec
from slaworkbench.store.policies.versions import store_policy_version

BUSINESS_HOURS = "Standard business hours"
STANDARD_POLICY = "Standard SLA"
SEED_AUTHOR = "SLA Workbench"

_HOUR = 3600
STANDARD_TARGETS: dict[str, dict[str, int]] = {
    "urgent": {
        "first_response": 1 * _HOUR,
        "next_response": 2 * _HOUR,
        "periodic_update": 4 * _HOUR,
        "resolution": 8 * _HOUR,
    },
    "high": {
        "first_response": 2 * _HOUR,
        "next_response": 4 * _HOUR,
        "periodic_update": 8 * _HOUR,
        "resolution": 16 * _HOUR,
    },
    "normal": {
        "first_response": 4 * _HOUR,
        "next_response": 8 * _HOUR,
        "periodic_update": 16 * _HOUR,
        "resolution": 40 * _HOUR,
    },
    "low": {
        "first_response": 8 * _HOUR,
        "next_response": 16 * _HOUR,
        "periodic_update": 40 * _HOUR,
        "resolution": 80 * _HOUR,
    },
}
"""Business seconds: one working day is 8 h, so normal resolution is a working week."""


_UTC_ALIASES = frozenset({"Etc/UTC", "Etc/UCT", "Etc/Universal", "Etc/Zulu"})


def local_zone_name() -> str:
    """The machine's IANA zone name when it can be read reliably, else ``"UTC"``."""
    candidates: list[str] = []
    tz = os.environ.get("TZ", "").lstrip(":")
    if tz:
        candidates.append(tz)
    try:
        target = str(Path("/etc/localtime").resolve())
    except OSError:
        target = ""
    if "zoneinfo/" in target:
        candidates.append(target.split("zoneinfo/", 1)[1])
    for name in candidates:
        if "/" not in name and name != "UTC":
            continue  # "CET", "EST5EDT"… are not the user's city zone
        try:
            ZoneInfo(name)
        except (ValueError, OSError, KeyError):
            continue
        return "UTC" if name in _UTC_ALIASES else name
    return "UTC"


def business_hours_spec(zone: str) -> dict[str, Any]:
    office = [["09:00", "17:00"]]
    return {
        "name": BUSINESS_HOURS,
        "timezone": zone,
        "hours": {
            "mon": office,
            "tue": office,
            "wed": office,
            "thu": office,
            "fri": office,
            "sat": [],
            "sun": [],
        },
        "holidays": [],
    }


def standard_policy_spec() -> dict[str, Any]:
    return {
        "name": STANDARD_POLICY,
        "active": True,
        "conditions": {},
        "targets": STANDARD_TARGETS,
        "calendar": BUSINESS_HOURS,
        "pause_statuses": ["on_hold", "pending"],
        "warning_fraction": 0.25,
    }


def seed_workspace(session: Session, *, now: int | None = None, zone: str | None = None) -> None:
    """Write the starting calendars and policy into an empty workspace."""
    now = int(time.time()) if now is None else now
    store_calendar_spec(session, BusinessCalendar.always_open().to_dict(), now=now)
    hours = BusinessCalendar.from_dict(business_hours_spec(zone or local_zone_name()))
    hours_id = store_calendar_spec(session, hours.to_dict(), now=now)
    store_policy_version(
        session,
        None,
        standard_policy_spec(),
        calendar_id=hours_id,
        author=SEED_AUTHOR,
        reason="Created with the workspace",
        now=now,
    )
