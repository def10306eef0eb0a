"""The display format of the window's date editors: the locale's short date with the full
year (``31/12/2026``, ``12/31/2026``), as ``slaworkbench.formatting`` writes dates, and its
short time (``14:05``, ``2:05 PM``) where an editor holds an instant."""

from __future__ import annotations

from PySide6.QtCore import QLocale


def date_edit_format(locale: QLocale | None = None) -> str:
    """``dd/MM/yyyy`` for Portugal and Brazil, ``M/d/yyyy`` for the US: Qt's short date
    format of the locale (the window's by default) with a four-digit year."""
    pattern = (locale or QLocale()).dateFormat(QLocale.FormatType.ShortFormat)
    if "yyyy" not in pattern:
        pattern = pattern.replace("yy", "yyyy")
    return pattern


def date_time_edit_format(locale: QLocale | None = None, *, zone: str = "") -> str:
    """``dd/MM/yyyy HH:mm`` for Portugal and Brazil, ``M/d/yyyy h:mm AP`` for the US: the
    locale's short date and short time; ``zone`` (e.g. ``UTC``) is written after them."""
    chosen = locale or QLocale()
    pattern = f"{date_edit_format(chosen)} {chosen.timeFormat(QLocale.FormatType.ShortFormat)}"
    return f"{pattern} '{zone}'" if zone else pattern
