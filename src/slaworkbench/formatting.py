"""Numbers, percentages, dates, times and business durations as the reader's locale writes
them — the one formatting engine of the program (CLDR data through ``babel``).

Every layer uses it: the window (its locale is the one ``slaworkbench.language`` installs
at start), the reports (``reports.formatting.ReportFormat`` passes the report's own
locale), the command line (the locale of ``LANG``/``LC_MESSAGES``) and the Qt-free layers'
sentences. Qt is not needed, so ``domain`` may use it. Each function takes the locale's
name (``pt_BR``); without one it uses the active locale (``i18n.current_locale()``, which a
report in another language overrides for its thread).

Dates are CLDR's short numeric date with the full year (``31/12/2026``, ``12/31/2026``),
durations are business hours and minutes (``2h 14m`` in English, ``2 h 14 min`` in
Portuguese: the unit templates are translated strings).
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel import dates as babel_dates
from babel import numbers as babel_numbers
from babel import units as babel_units
from babel.numbers import NumberFormatError, parse_decimal

from slaworkbench.i18n import DEFAULT_LOCALE, current_locale, tr

NONE = "—"
"""What a missing value shows as, in every locale."""


@lru_cache(maxsize=32)
def babel_locale(name: str | None = None) -> Locale:
    """The CLDR locale for ``pt_BR``, ``pt-PT``, ``en_US.UTF-8``…; British English for
    the POSIX "C" locale and anything CLDR does not know."""
    text = (name or "").split(".")[0].split("@")[0].replace("-", "_")
    if text in ("", "C", "POSIX"):
        text = DEFAULT_LOCALE
    try:
        return Locale.parse(text)
    except (ValueError, UnknownLocaleError):
        return Locale.parse(DEFAULT_LOCALE)


def _locale(name: str | None) -> Locale:
    return babel_locale(name or current_locale())


def count(value: int, locale: str | None = None) -> str:
    """``1234`` → ``1,234`` (``1.234`` in pt_BR; ``1234`` in pt_PT, whose CLDR groups
    from five digits: ``12 345``)."""
    return babel_numbers.format_decimal(int(value), locale=_locale(locale))


def number(value: float | None, decimals: int = 1, locale: str | None = None) -> str:
    """``1234.5`` → ``1,234.5`` / ``1.234,5``, always ``decimals`` digits; ``None`` → ``—``."""
    if value is None:
        return NONE
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return babel_numbers.format_decimal(
        float(value), format=pattern, locale=_locale(locale), decimal_quantization=True
    )


def decimal(value: float, locale: str | None = None, *, sign: bool = False) -> str:
    """As few decimals as the value needs (up to four), like Python's ``:g`` but as the
    locale writes numbers: ``99.95`` → ``99.95`` / ``99,95``, ``5.0`` → ``5``; ``sign``
    writes ``+30`` for a positive value."""
    text = babel_numbers.format_decimal(float(value), format="#,##0.####", locale=_locale(locale))
    if sign and round(value, 4) > 0:
        return str(_locale(locale).number_symbols.get("latn", {}).get("plusSign", "+")) + text
    return text


def percent(fraction: float | None, decimals: int = 1, locale: str | None = None) -> str:
    """``0.9534`` → ``95.3%`` (``95,3%`` in Portuguese); ``None`` → ``—``."""
    if fraction is None:
        return NONE
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "") + "%"
    return babel_numbers.format_percent(float(fraction), format=pattern, locale=_locale(locale))


def read_number(text: str, locale: str | None = None) -> float:
    """The inverse of ``number`` and ``decimal``: a number typed as the locale writes it
    (``99,9`` in Portuguese), or with a dot (strictly: in Brazilian Portuguese, whose
    dot groups thousands, ``99.9`` is not read as 999); ``ValueError`` if neither."""
    text = text.strip().rstrip("%").strip()
    where = _locale(locale)
    try:
        return float(parse_decimal(text, locale=where, strict=True))
    except (NumberFormatError, ValueError):
        return float(text)  # "99.9" where the comma is the locale's: ValueError if neither


def percent_suffix(locale: str | None = None) -> str:
    """What follows a number in a percentage (``%``; ``\u00a0%`` where the locale puts
    a space before it): the suffix of a percentage spin box, so that it reads as the
    figures beside it."""
    return re.sub(r"^\d+", "", percent(0.0, 0, locale)) or "%"


def signed(value: float | None, decimals: int = 0, locale: str | None = None) -> str:
    """``+3``, ``-2``, ``0``: the sign shown for any non-zero rounded value."""
    if value is None:
        return NONE
    symbols = _locale(locale).number_symbols.get("latn", {})
    text = number(abs(float(value)), decimals, locale)
    if round(value, decimals) > 0:
        return str(symbols.get("plusSign", "+")) + text
    if round(value, decimals) < 0:
        return str(symbols.get("minusSign", "-")) + text
    return text


def money(value: float, currency: str, locale: str | None = None) -> str:
    """``1234.5, "EUR"`` → ``€1,234.50`` / ``1234,50 €`` as the locale writes amounts."""
    try:
        return babel_numbers.format_currency(value, currency, locale=_locale(locale))
    except (ValueError, babel_numbers.UnknownCurrencyError):
        return f"{number(value, 2, locale)} {currency}"


def _short_date_pattern(locale: Locale) -> str:
    """CLDR's short date with the full year: ``dd/MM/yy`` → ``dd/MM/y``."""
    pattern = str(locale.date_formats["short"].pattern)
    if "yyyy" not in pattern:
        pattern = pattern.replace("yy", "y")
    return pattern


def date(day: dt.date, locale: str | None = None) -> str:
    """``31/12/2026`` (pt, en_GB), ``12/31/2026`` (en_US)."""
    loc = _locale(locale)
    return babel_dates.format_date(day, _short_date_pattern(loc), locale=loc)


def long_date(day: dt.date, locale: str | None = None) -> str:
    """``31 December 2026`` / ``31 de dezembro de 2026``."""
    return babel_dates.format_date(day, "long", locale=_locale(locale))


def month(day: dt.date, locale: str | None = None) -> str:
    """``Dec 2026`` / ``dez. de 2026``."""
    return babel_dates.format_skeleton("yMMM", day, locale=_locale(locale))


def day_month(day: dt.date, locale: str | None = None) -> str:
    """``31 Dec`` / ``31/12``-like short day and month, as CLDR writes it."""
    return babel_dates.format_skeleton("MMMd", day, locale=_locale(locale))


def weekday(day: dt.date, locale: str | None = None) -> str:
    """The abbreviated week day: ``Mon`` / ``seg.``."""
    return babel_dates.format_date(day, "EEE", locale=_locale(locale))


def time(moment: dt.time | dt.datetime, locale: str | None = None) -> str:
    """``14:05`` (``2:05 PM`` in en_US)."""
    return babel_dates.format_time(moment, "short", locale=_locale(locale))


def date_time(moment: dt.datetime, locale: str | None = None) -> str:
    """A local date and time: ``31/12/2026 14:05``."""
    return f"{date(moment.date(), locale)} {time(moment, locale)}"


def near_date_time(
    moment: dt.datetime, locale: str | None = None, *, today: dt.date | None = None
) -> str:
    """A date and time for a narrow place: ``03/12 14:10`` in the current year (the
    locale's day and month, ``12/3`` in en_US), ``03/12/2025 14:10`` in any other."""
    if moment.year != (today or dt.date.today()).year:
        return date_time(moment, locale)
    loc = _locale(locale)
    return f"{babel_dates.format_skeleton('dM', moment, locale=loc)} {time(moment, locale)}"


def weekday_date_time(moment: dt.datetime, locale: str | None = None) -> str:
    """``Thu 31/12/2026 14:05``: the instant of a ticket's story, with its week day."""
    return f"{weekday(moment.date(), locale)} {date_time(moment, locale)}"


def instant(at: int | None, zone: dt.tzinfo, locale: str | None = None) -> str:
    """An instant (seconds since the epoch, UTC) as a local date and time in ``zone``."""
    if at is None:
        return NONE
    return date_time(dt.datetime.fromtimestamp(at, zone), locale)


def utc_instant(at: int, locale: str | None = None) -> str:
    """An instant (seconds since the epoch) in UTC, said so: ``31/12/2026 14:05 UTC``
    (for a moment several desks share, such as when a record was last changed)."""
    return f"{date_time(dt.datetime.fromtimestamp(at, dt.UTC), locale)} UTC"


_SIZE_UNITS = (
    (1e9, "digital-gigabyte"),
    (1e6, "digital-megabyte"),
    (1e3, "digital-kilobyte"),
)


def file_size(size: int, locale: str | None = None) -> str:
    """A file's size in the largest decimal unit it reaches, one decimal under ten:
    ``2.2 GB``, ``640 MB``, ``12 kB`` (``2,2 GB`` in Portuguese); bytes below a kilobyte."""
    for unit_size, unit in _SIZE_UNITS:
        if size >= unit_size:
            value = size / unit_size
            pattern = "#,##0.#" if value < 10 else "#,##0"
            return babel_units.format_unit(
                value, unit, length="short", format=pattern, locale=_locale(locale)
            )
    return babel_units.format_unit(size, "digital-byte", length="long", locale=_locale(locale))


def duration(seconds: int | float | None) -> str:
    """A business duration in hours and minutes, rounded down to minutes: ``136h 12m``,
    ``2h 14m``, ``45m``; ``0m`` for zero, ``<1m`` under a minute, a leading minus sign when
    overdue. Portuguese writes ``2 h 14 min``. Days are never shown: business time is told
    in hours (see ``domain.durations``). The units are translated strings, so the
    active language writes them."""
    if seconds is None:
        return NONE
    seconds = round(seconds)
    if seconds < 0:
        return "-" + duration(-seconds)
    if seconds == 0:
        return tr("{minutes}m").format(minutes=0)
    if seconds < 60:
        return tr("<1m")
    hours, rest = divmod(int(seconds), 3_600)
    minutes = rest // 60
    parts = []
    if hours:
        parts.append(tr("{hours}h").format(hours=hours))
    if minutes:
        parts.append(tr("{minutes}m").format(minutes=minutes))
    return " ".join(parts)
