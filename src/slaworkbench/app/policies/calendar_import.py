"""Holidays from elsewhere: a country's public holidays, or the all-day events of an .ics file.

Both return plain ``Holiday`` values sorted by date, one per date (when two holidays fall
on the same day their names are joined), ready to be merged into a calendar being edited.
Nothing here touches the workspace.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import holidays as holidays_package

from slaworkbench.domain.calendar.spec import Holiday
from slaworkbench.formatting import babel_locale
from slaworkbench.i18n import current_locale, tr

if TYPE_CHECKING:
    import icalendar

MAX_YEARS = 50


class HolidayImportError(ValueError):
    """The import cannot be done; the message says why and what to do."""


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    subdivisions: tuple[tuple[str, str], ...]
    """(code, human name) pairs; the name is the code itself when the package has none."""


def _country_names() -> dict[str, str]:
    """ISO code → English name, from the holidays registry (``UnitedKingdom``: two words)."""
    from holidays import registry

    names: dict[str, str] = {}
    for entry in registry.COUNTRIES.values():
        class_name, code = str(entry[0]), str(entry[1])
        names[code] = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", class_name)
    return names


def _subdivision_names(code: str) -> dict[str, str]:
    cls = getattr(holidays_package, code, None)
    aliases = getattr(cls, "subdivisions_aliases", None) or {}
    names: dict[str, str] = {}
    for alias, sub in aliases.items():
        names.setdefault(str(sub), str(alias))
    return names


def supported_countries() -> list[Country]:
    """Every country the ``holidays`` package knows, named and sorted in the active
    language (CLDR's names: "Alemanha", "Brasil"; the package's English name otherwise)."""
    country_names = {**_country_names(), **babel_locale(current_locale()).territories}
    countries = []
    for code, subdivisions in holidays_package.list_supported_countries().items():
        if len(code) != 2:
            continue
        names = _subdivision_names(code)
        countries.append(
            Country(
                code=code,
                name=country_names.get(code, code),
                subdivisions=tuple((sub, names.get(sub, sub)) for sub in subdivisions),
            )
        )
    return sorted(countries, key=lambda country: country.name.casefold())


def _merge(pairs: Iterable[tuple[dt.date, str]]) -> list[Holiday]:
    by_date: dict[dt.date, list[str]] = {}
    for day, name in pairs:
        names = by_date.setdefault(day, [])
        for part in (p.strip() for p in name.split(";")):
            if part and part not in names:
                names.append(part)
    return [Holiday(date=day, name="; ".join(by_date[day])) for day in sorted(by_date)]


def public_holidays(
    country: str, subdivision: str | None, first_year: int, last_year: int
) -> list[Holiday]:
    """The public holidays of ``country`` (ISO code), optionally one subdivision, per year."""
    if last_year < first_year:
        raise HolidayImportError(
            tr("The last year ({last}) is before the first ({first}); swap them.").format(
                last=last_year, first=first_year
            )
        )
    if last_year - first_year + 1 > MAX_YEARS:
        raise HolidayImportError(
            tr("Import at most {count} years at a time.").format(count=MAX_YEARS)
        )
    supported = holidays_package.list_supported_countries()
    if country not in supported:
        raise HolidayImportError(
            tr(
                '"{country}" is not a country the holiday list knows; pick one from the list.'
            ).format(country=country)
        )
    if subdivision and subdivision not in supported[country]:
        raise HolidayImportError(
            tr('"{sub}" is not a region of {country}; pick one from the list.').format(
                sub=subdivision, country=country
            )
        )
    table = holidays_package.country_holidays(
        country,
        subdiv=subdivision or None,
        years=range(first_year, last_year + 1),
        language=holiday_language(country),
    )
    return _merge((day, str(name)) for day, name in table.items())


def holiday_language(country: str, locale: str | None = None) -> str | None:
    """The language of the holiday names for a reader in ``locale`` (the active one): the
    locale itself when the ``holidays`` package writes the country's names in it (``pt_PT``
    for Portugal, ``pt_BR`` for Brazil), else the same language of another region (a
    Portuguese reader gets Brazil's names in ``pt_BR``), else the country's own."""
    wanted = (locale or current_locale()).split(".")[0]
    cls = getattr(holidays_package, country, None)
    offered = [str(code) for code in getattr(cls, "supported_languages", ())]
    if wanted in offered:
        return wanted
    same = [code for code in offered if code.split("_")[0] == wanted.split("_")[0]]
    return same[0] if same else None


def _value(event: icalendar.cal.Component, key: str) -> object:
    """The value of an event's property (the first, when the file repeats it); a value
    that cannot be read is a sentence naming the event."""
    found = event.get(key)
    if isinstance(found, list):
        found = found[0] if found else None
    if found is None:
        return None
    try:
        return found.dt
    except (ValueError, AttributeError, TypeError):
        raise HolidayImportError(
            tr(
                "The event “{name}” has a {key} that is not a date; fix it in the calendar "
                "program and export the .ics file again."
            ).format(name=str(event.get("SUMMARY", "")).strip() or "?", key=key)
        ) from None


def _all_day_dates(event: icalendar.cal.Component) -> list[dt.date]:
    first = _value(event, "DTSTART")
    if first is None:
        return []
    if isinstance(first, dt.datetime) or not isinstance(first, dt.date):
        return []  # timed events are meetings, not holidays
    last = _value(event, "DTEND")
    if last is None:
        duration = _value(event, "DURATION")
        last = (
            first + duration if isinstance(duration, dt.timedelta) else first + dt.timedelta(days=1)
        )
    if isinstance(last, dt.datetime) or not isinstance(last, dt.date) or last <= first:
        last = first + dt.timedelta(days=1)
    days = (last - first).days
    return [first + dt.timedelta(days=offset) for offset in range(min(days, 366))]


def holidays_from_ics(source: bytes | str | Path) -> list[Holiday]:
    """The all-day events of an iCalendar file as holidays (multi-day events give each day).

    Timed events are ignored. Yearly recurring events are not expanded: the file's own
    instances are what is imported.
    """
    if isinstance(source, Path):
        try:
            data: bytes | str = source.read_bytes()
        except OSError as error:
            raise HolidayImportError(
                tr("Could not read {path}: {error}.").format(path=source, error=error.strerror)
            ) from None
    else:
        data = source
    # Loaded when a file is read, not with the policies tab (0.07–0.1 s of its first
    # showing, issue 16's "every screen fast").
    import icalendar

    try:
        calendar = icalendar.Calendar.from_ical(data)
    except (ValueError, IndexError, KeyError):
        raise HolidayImportError(
            tr("This file is not an iCalendar (.ics) file; export the calendar as .ics and retry.")
        ) from None
    pairs: list[tuple[dt.date, str]] = []
    for event in calendar.walk("VEVENT"):
        name = str(event.get("SUMMARY", "")).strip() or tr("Holiday")
        pairs.extend((day, name) for day in _all_day_dates(event))
    if not pairs:
        raise HolidayImportError(
            tr("The file has no all-day events, so there are no holidays to import.")
        )
    return _merge(pairs)


def merge_holidays(existing: Iterable[Holiday], incoming: Iterable[Holiday]) -> list[Holiday]:
    """``existing`` plus the incoming dates it does not have yet (existing names win)."""
    kept = {holiday.date: holiday for holiday in existing}
    for holiday in incoming:
        kept.setdefault(holiday.date, holiday)
    return [kept[day] for day in sorted(kept)]
