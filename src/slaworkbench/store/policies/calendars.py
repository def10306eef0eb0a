"""Business calendars in the store: saving a spec (upsert by name), listing, loading.

Every function takes the caller's ``Session`` and returns plain dataclasses or domain
objects, never ORM rows. ``CalendarCache`` parses each calendar once per use case.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from slaworkbench.domain.calendar.business import BusinessCalendar
from slaworkbench.i18n import tr
from slaworkbench.store.errors import NotFoundError, StaleCalendarError, ValidationError
from slaworkbench.store.schema import Calendar, CalendarHoliday


@dataclass(frozen=True, slots=True)
class CalendarInfo:
    id: int
    name: str
    timezone: str
    created_at: int
    lock_version: int = 1
    """The row version an editor starts from (``expected_version`` of a save)."""


def save_calendar(
    session: Session,
    calendar: BusinessCalendar,
    author: str,
    *,
    now: int | None = None,
    expected_version: int | None = None,
) -> int:
    """Create the calendar, or replace the one with the same name; returns its id.
    ``expected_version`` (the ``CalendarInfo.lock_version`` an editor loaded) refuses the
    save with ``StaleCalendarError`` when someone saved the calendar since."""
    return save_calendar_spec(
        session, calendar.to_dict(), author, now=now, expected_version=expected_version
    )


def save_calendar_spec(
    session: Session,
    spec: Mapping[str, Any],
    author: str,
    *,
    now: int | None = None,
    expected_version: int | None = None,
) -> int:
    """Like ``save_calendar`` for the JSON form; the spec is checked before anything is
    written (a ``ValidationError`` sentence names the day and interval at fault)."""
    try:
        calendar = BusinessCalendar.from_dict(dict(spec))
    except ValueError as error:
        raise ValidationError(str(error)) from error
    return store_calendar_spec(
        session, calendar.to_dict(), now=now, author=author, expected_version=expected_version
    )


def store_calendar_spec(
    session: Session,
    spec: Mapping[str, Any],
    *,
    now: int | None = None,
    author: str | None = None,
    expected_version: int | None = None,
) -> int:
    """Write an already checked calendar spec (upsert by name, holidays replaced)."""
    name = str(spec["name"])
    at = int(time.time()) if now is None else now
    existing = session.execute(select(Calendar.id).where(Calendar.name == name)).scalar()
    text = json.dumps(spec, sort_keys=True)
    if existing is None:
        calendar_id = session.execute(
            insert(Calendar)
            .values(
                name=name,
                timezone=str(spec["timezone"]),
                spec=text,
                created_at=at,
                changed_by=author,
                changed_at=at,
            )
            .returning(Calendar.id)
        ).scalar_one()
    else:
        calendar_id = existing
        claim = update(Calendar).where(Calendar.id == calendar_id)
        if expected_version is not None:  # compare-and-set: one of two racing saves wins
            claim = claim.where(Calendar.version == expected_version)
        claimed = session.execute(
            claim.values(
                timezone=str(spec["timezone"]),
                spec=text,
                version=Calendar.version + 1,
                changed_by=author,
                changed_at=at,
            )
        ).rowcount  # type: ignore[attr-defined]
        if claimed != 1:
            row = session.execute(
                select(Calendar.changed_by, Calendar.changed_at).where(Calendar.id == calendar_id)
            ).one()
            raise StaleCalendarError(name, row.changed_by, row.changed_at)
        session.execute(delete(CalendarHoliday).where(CalendarHoliday.calendar_id == calendar_id))
    holidays = [
        {
            "calendar_id": calendar_id,
            "date": dt.date.fromisoformat(str(item["date"])),
            "name": item.get("name"),
        }
        for item in spec.get("holidays") or ()
    ]
    if holidays:
        session.execute(insert(CalendarHoliday), holidays)
    return int(calendar_id)


def list_calendars(session: Session) -> list[CalendarInfo]:
    rows = session.execute(
        select(
            Calendar.id, Calendar.name, Calendar.timezone, Calendar.created_at, Calendar.version
        ).order_by(Calendar.name)
    )
    return [CalendarInfo(*row) for row in rows]


def load_calendar(session: Session, name: str) -> BusinessCalendar:
    spec = session.execute(select(Calendar.spec).where(Calendar.name == name)).scalar()
    if spec is None:
        raise NotFoundError(
            tr("There is no calendar named “{name}”; create it or pick another.").format(name=name)
        )
    return BusinessCalendar.from_dict(json.loads(spec))


class CalendarCache:
    """Calendars by id, each parsed once per use case."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._by_id: dict[int, BusinessCalendar] = {}

    def get(self, calendar_id: int) -> BusinessCalendar:
        calendar = self._by_id.get(calendar_id)
        if calendar is None:
            spec = self._session.execute(
                select(Calendar.spec).where(Calendar.id == calendar_id)
            ).scalar_one()
            calendar = BusinessCalendar.from_dict(json.loads(spec))
            self._by_id[calendar_id] = calendar
        return calendar
