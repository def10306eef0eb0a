"""Colours, pens and number formats the dashboard's charts share.

Backgrounds and text come from the widget's palette, so the charts follow the light or
dark theme; series colours come from the Okabe–Ito set (distinguishable with the common
colour-vision deficiencies), lightened on dark backgrounds. Where meaning matters
(breached vs achieved, P50 vs P90, target lines) a pattern, line style or label goes
with the colour, never colour alone.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QPalette, QPen
from PySide6.QtWidgets import QWidget

from slaworkbench import formatting
from slaworkbench.i18n import current_locale, tr

_OKABE_ITO = (
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#009E73",  # bluish green
    "#E69F00",  # orange
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#8C6D1F",  # ochre (a darker stand-in for Okabe–Ito yellow, readable on white)
    "#6B6B6B",  # grey
)
_PRIORITY_INDEX = {"urgent": 1, "high": 3, "normal": 0, "low": 5}
_METRIC_INDEX = {"first_response": 0, "next_response": 4, "periodic_update": 2, "resolution": 1}
PEN_STYLES = (
    Qt.PenStyle.SolidLine,
    Qt.PenStyle.DashLine,
    Qt.PenStyle.DotLine,
    Qt.PenStyle.DashDotLine,
)
SYMBOLS = ("o", "s", "t", "d", "+", "x", "star", "p")
PRIORITIES = ("urgent", "high", "normal", "low")
METRICS = ("first_response", "next_response", "periodic_update", "resolution")


@dataclass(frozen=True)
class ChartTheme:
    """What one chart needs to draw itself in the current palette."""

    dark: bool
    background: QColor
    foreground: QColor
    muted: QColor
    grid_alpha: float

    @classmethod
    def from_widget(cls, widget: QWidget) -> ChartTheme:
        palette = widget.palette()
        background = palette.color(QPalette.ColorRole.Base)
        foreground = palette.color(QPalette.ColorRole.Text)
        dark = background.lightness() < 128
        muted = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        if muted == foreground or not muted.isValid():
            muted = QColor(foreground)
            muted.setAlpha(150)
        return cls(dark, background, foreground, muted, 0.25 if dark else 0.15)

    def series(self, index: int) -> QColor:
        color = QColor(_OKABE_ITO[index % len(_OKABE_ITO)])
        if self.dark:
            color = color.lighter(135)
        return color

    def priority(self, priority: str) -> QColor:
        return self.series(_PRIORITY_INDEX.get(priority, 7))

    def metric(self, metric: str) -> QColor:
        return self.series(_METRIC_INDEX.get(metric, 7))

    def breach(self) -> QColor:
        return self.series(1)

    def ok(self) -> QColor:
        return self.series(2)

    def pen(self, color: QColor, width: float = 2.0, style: int = 0) -> QPen:
        pen = QPen(color)
        pen.setWidthF(width)
        pen.setCosmetic(True)
        pen.setStyle(PEN_STYLES[style % len(PEN_STYLES)])
        return pen

    def target_pen(self) -> QPen:
        pen = QPen(self.foreground)
        pen.setWidthF(1.5)
        pen.setCosmetic(True)
        pen.setStyle(Qt.PenStyle.DashLine)
        return pen

    def bar_brush(self, color: QColor, *, hatched: bool = False) -> QBrush:
        """A solid bar, or a diagonally hatched one where a pattern must carry meaning."""
        if not hatched:
            return QBrush(color)
        return QBrush(color, Qt.BrushStyle.BDiagPattern)

    def bar_pen(self, color: QColor) -> QPen:
        pen = QPen(color.darker(130) if not self.dark else color.lighter(120))
        pen.setCosmetic(True)
        pen.setWidthF(1.0)
        return pen


# --- numbers and dates as the user's locale writes them -----------------------------------


def fmt_int(value: int) -> str:
    return _formatted(int(value), None, current_locale())


def fmt_number(value: float, decimals: int = 1) -> str:
    return _formatted(float(value), decimals, current_locale())


@lru_cache(maxsize=4096)
def _formatted(value: float, decimals: int | None, locale: str) -> str:
    """An axis asks for the same few tick values at every layout and paint (a thousand
    a dashboard's first showing): each written once per language."""
    if decimals is None:
        return formatting.count(int(value), locale)
    return formatting.number(value, decimals, locale)


def fmt_percent(fraction: float, decimals: int = 1) -> str:
    """A share as the locale writes a percentage (CLDR, as the reports and every other
    screen: ``94.9%``; it was ``94.9 %`` here alone)."""
    return _percent(float(fraction), decimals, current_locale())


@lru_cache(maxsize=1024)
def _percent(fraction: float, decimals: int, locale: str) -> str:
    return formatting.percent(fraction, decimals, locale)


def fmt_hours(seconds: float) -> str:
    """Business time in hours (or minutes below one hour), the charts' unit."""
    if seconds < 3600:
        return tr("{value} min").format(value=fmt_number(seconds / 60.0, 0))
    return tr("{value} h").format(value=fmt_number(seconds / 3600.0, 1))


def fmt_duration_edge(seconds: int) -> str:
    """A bucket edge: ``30 min``, ``4 h``, ``3 d``."""
    if seconds < 3600:
        return tr("{value} min").format(value=fmt_int(seconds // 60))
    if seconds < 86400 or seconds % 86400:
        return tr("{value} h").format(value=fmt_number(seconds / 3600.0, 0))
    return tr("{value} d").format(value=fmt_int(seconds // 86400))


def _local(instant: int, tz_name: str) -> dt.datetime:
    return dt.datetime.fromtimestamp(int(instant), _zone(tz_name))


def _zone(tz_name: str) -> dt.tzinfo:
    try:
        return ZoneInfo(tz_name)  # ZoneInfo keeps each zone it made
    except (ValueError, ZoneInfoNotFoundError):
        return dt.UTC


def fmt_date(instant: int, tz_name: str, *, month_only: bool = False) -> str:
    """An instant as a local date in the locale's short format with the full year (or
    month and year), as every screen writes it (``slaworkbench.formatting``)."""
    day = _local(instant, tz_name).date()
    return formatting.month(day) if month_only else formatting.date(day)


def fmt_month(day: dt.date) -> str:
    return formatting.month(day)


def fmt_datetime(instant: int, tz_name: str) -> str:
    return formatting.date_time(_local(instant, tz_name))
