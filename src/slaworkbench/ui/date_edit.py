"""The display format of the window's date editors: the locale's short date with the full
year (``31/12/2026``, ``12/31/2026``), as ``slaworkbench.formatting`` writes dates."""

from __future__ import annotations

from PySide6.QtCore import QLocale


def date_edit_format(locale: QLocale | None = None) -> str:
    """``dd/MM/yyyy`` for Portugal and Brazil, ``M/d/yyyy`` for the US: Qt's short date
    format of the locale (the window's by default) with a four-digit year."""
    pattern = (locale or QLocale()).dateFormat(QLocale.FormatType.ShortFormat)
    if "yyyy" not in pattern:
        pattern = pattern.replace("yy", "yyyy")
    return pattern
