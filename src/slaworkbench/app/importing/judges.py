"""Which policies and calendars judge imported tickets, told to a workspace's first import.

A fresh workspace judges with the policy it was seeded with (business hours in the
machine's zone); a user who imports real history must know that, and how to change it.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from slaworkbench.domain.calendar.business import BusinessCalendar
from slaworkbench.i18n import tr
from slaworkbench.store.policies.versions import load_active_policies


def judges_of(session: Session) -> tuple[str, ...]:
    """One line per active policy, in evaluation order: its name, version and calendar."""
    lines = []
    for policy in load_active_policies(session):
        calendar = policy.calendar
        zone = calendar.timezone if isinstance(calendar, BusinessCalendar) else str(calendar.zone)
        lines.append(
            tr("policy “{policy}” version {version}, calendar “{calendar}” ({zone})").format(
                policy=policy.name,
                version=policy.version,
                calendar=calendar.name,
                zone=zone,
            )
        )
    return tuple(lines)
