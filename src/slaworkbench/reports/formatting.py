"""Numbers, percentages, dates and durations as the reader's locale writes them (QLocale),
and the translated names of dimensions and week days (the names of metrics, priorities and
states are ``domain.labels``)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QDateTime, QLocale, QTime

from slaworkbench.domain.durations import format_duration
from slaworkbench.i18n import tr


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


def readable_locale(locale: QLocale) -> QLocale:
    """The POSIX "C" locale (a bare terminal) writes dates as ``1 01 2026``; print in
    British English there instead, which keeps the C locale's metric paper and 24-hour
    clock."""
    if locale.language() == QLocale.Language.C:
        return QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
    return locale


class ReportFormat:
    """Formats values for one report: one locale, one time zone."""

    def __init__(self, locale: QLocale, tz: str) -> None:
        self.locale = readable_locale(locale)
        self.tz = ZoneInfo(tz)

    def count(self, value: int) -> str:
        return self.locale.toString(int(value))

    def number(self, value: float | None, decimals: int = 1) -> str:
        if value is None:
            return "—"
        return self.locale.toString(float(value), "f", decimals)

    def percent(self, fraction: float | None, decimals: int = 1) -> str:
        """``0.9534`` → ``95.3%`` (``95,3%`` in a comma locale); ``None`` → ``—``."""
        if fraction is None:
            return "—"
        return self.locale.toString(fraction * 100, "f", decimals) + self.locale.percent()

    def signed(self, value: float | None, decimals: int = 0) -> str:
        if value is None:
            return "—"
        text = self.locale.toString(abs(float(value)), "f", decimals)
        if round(value, decimals) > 0:
            return self.locale.positiveSign() + text
        if round(value, decimals) < 0:
            return self.locale.negativeSign() + text
        return text

    def date(self, day: dt.date) -> str:
        return self.locale.toString(
            QDate(day.year, day.month, day.day), QLocale.FormatType.ShortFormat
        )

    def long_date(self, day: dt.date) -> str:
        return self.locale.toString(
            QDate(day.year, day.month, day.day), QLocale.FormatType.LongFormat
        )

    def month(self, day: dt.date) -> str:
        return self.locale.toString(QDate(day.year, day.month, 1), "MMM yyyy")

    def bucket(self, day: dt.date, bucket: str) -> str:
        if bucket == "month":
            return self.month(day)
        return self.locale.toString(QDate(day.year, day.month, day.day), "d MMM")

    def instant(self, at: int | None) -> str:
        """An instant as a short local date and time in the report's time zone."""
        if at is None:
            return "—"
        local = dt.datetime.fromtimestamp(at, self.tz)
        value = QDateTime(
            QDate(local.year, local.month, local.day),
            QTime(local.hour, local.minute),
        )
        return self.locale.toString(value, QLocale.FormatType.ShortFormat)

    def duration(self, seconds: int | float | None) -> str:
        if seconds is None:
            return "—"
        return format_duration(round(seconds))
