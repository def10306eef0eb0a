"""A ticket's detail as its customer's agreement has it judged: the calendar named is the
one its clocks count in (``store.agreements.calendars``)."""

from __future__ import annotations

import dataclasses

from slaworkbench.domain.calendar.business import BusinessCalendar
from slaworkbench.domain.policy import CalendarLike
from slaworkbench.store.tickets.detail import TicketDetail


def calendar_named(detail: TicketDetail, calendar: CalendarLike) -> TicketDetail:
    """The ticket's detail naming the calendar its clocks count in."""
    if not isinstance(calendar, BusinessCalendar) or calendar.name == detail.calendar_name:
        return detail
    return dataclasses.replace(
        detail, calendar_name=calendar.name, calendar_timezone=calendar.timezone
    )
