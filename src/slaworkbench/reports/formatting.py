"""A report's face of ``slaworkbench.formatting`` (numbers, percentages, dates, durations in
the report's locale and time zone),
and the translated names of dimensions and week days (the names of metrics, priorities and
states are ``domain.labels``)."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

from PySide6.QtCore import QLocale

from slaworkbench import formatting
from slaworkbench.i18n import DEFAULT_LOCALE, current_locale, tr


def dimension_label(dimension: str) -> str:
    return {
        "priority": tr("Priority"),
        "team": tr("Team"),
        "agent": tr("Agent"),
        "customer": tr("Customer"),
    }.get(dimension, dimension)


def day_label(key: str) -> str:
    return {
        "mon": tr("Monday"),
        "tue": tr("Tuesday"),
        "wed": tr("Wednesday"),
        "thu": tr("Thursday"),
        "fri": tr("Friday"),
        "sat": tr("Saturday"),
        "sun": tr("Sunday"),
    }.get(key, key)


def locale_name(locale: QLocale | str | None) -> str:
    """The name ``formatting`` takes (``pt_BR``) for a ``QLocale``, a name or ``None``
    (the active locale). The POSIX "C" locale (a bare terminal) prints in British English,
    which keeps its metric paper and 24-hour clock."""
    if locale is None:
        return current_locale()
    if isinstance(locale, QLocale):
        if locale.language() == QLocale.Language.C:
            return DEFAULT_LOCALE
        return locale.name()
    return locale


class ReportFormat:
    """Formats values for one report: one locale, one time zone (``slaworkbench.formatting``
    with the report's locale, which may differ from the window's)."""

    def __init__(self, locale: QLocale | str | None, tz: str) -> None:
        self.locale = locale_name(locale)
        self.tz = ZoneInfo(tz)

    def count(self, value: int) -> str:
        return formatting.count(value, self.locale)

    def number(self, value: float | None, decimals: int = 1) -> str:
        return formatting.number(value, decimals, self.locale)

    def percent(self, fraction: float | None, decimals: int = 1) -> str:
        """``0.9534`` → ``95.3%`` (``95,3%`` in a comma locale); ``None`` → ``—``."""
        return formatting.percent(fraction, decimals, self.locale)

    def signed(self, value: float | None, decimals: int = 0) -> str:
        return formatting.signed(value, decimals, self.locale)

    def money(self, value: float, currency: str) -> str:
        return formatting.money(value, currency, self.locale)

    def date(self, day: dt.date) -> str:
        return formatting.date(day, self.locale)

    def long_date(self, day: dt.date) -> str:
        return formatting.long_date(day, self.locale)

    def month(self, day: dt.date) -> str:
        return formatting.month(day, self.locale)

    def bucket(self, day: dt.date, bucket: str) -> str:
        if bucket == "month":
            return self.month(day)
        return formatting.day_month(day, self.locale)

    def instant(self, at: int | None) -> str:
        """An instant as a short local date and time in the report's time zone."""
        return formatting.instant(at, self.tz, self.locale)

    def duration(self, seconds: int | float | None) -> str:
        """``formatting.duration`` with each number bound to its unit (``31 h 50 min``
        breaks only between ``h`` and ``50``): a table column narrower than a whole
        Portuguese duration wraps it in two readable halves instead of running off the
        page (the worst breaches' "Late by" and "Stopped" columns did)."""
        return re.sub(r"(?<=\d) (?=\D)", "\u00a0", formatting.duration(seconds))
