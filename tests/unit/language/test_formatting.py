"""The one formatting engine writes numbers, dates, percentages and durations as each
locale does (``1.234,5``, ``31/12/2026``, ``2 h 14 min``), the report face included."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtGui import QPageSize

from slaworkbench import formatting, i18n, language
from slaworkbench.domain.durations import format_duration, parse_duration, working_days_text
from slaworkbench.reports.formatting import ReportFormat
from slaworkbench.reports.pdf import default_page_size
from slaworkbench.store.errors import StalePolicyError

NEW_YEARS_EVE = dt.date(2026, 12, 31)


def test_numbers_follow_the_locale() -> None:
    assert formatting.number(1234.5, 1, "pt_BR") == "1.234,5"
    assert formatting.number(1234.5, 1, "en_GB") == "1,234.5"
    assert formatting.number(12345.5, 1, "pt_PT") == "12\xa0345,5"
    assert formatting.count(1234, "pt_BR") == "1.234"
    assert formatting.percent(0.9534, 1, "pt_PT") == "95,3%"
    assert formatting.percent(0.9534, 1, "en_US") == "95.3%"
    assert formatting.number(None) == formatting.NONE
    assert formatting.decimal(99.95, "pt_PT") == "99,95"
    assert formatting.decimal(99.95, "en_GB") == "99.95"
    assert formatting.decimal(5.0, "pt_BR") == "5"
    assert formatting.decimal(30, "pt_BR", sign=True) == "+30"
    assert formatting.decimal(-30, "pt_BR", sign=True) == "-30"


def test_dates_are_numeric_with_the_whole_year() -> None:
    assert formatting.date(NEW_YEARS_EVE, "pt_PT") == "31/12/2026"
    assert formatting.date(NEW_YEARS_EVE, "pt_BR") == "31/12/2026"
    assert formatting.date(NEW_YEARS_EVE, "en_GB") == "31/12/2026"
    assert formatting.date(NEW_YEARS_EVE, "en_US") == "12/31/2026"
    assert formatting.long_date(NEW_YEARS_EVE, "pt_PT") == "31 de dezembro de 2026"
    moment = dt.datetime(2026, 12, 31, 14, 5, tzinfo=ZoneInfo("Europe/Lisbon"))
    assert formatting.date_time(moment, "pt_BR") == "31/12/2026 14:05"
    assert formatting.weekday_date_time(moment, "pt_PT").startswith("quinta 31/12/2026")


def test_a_shared_instant_is_written_in_utc_and_says_so() -> None:
    at = int(dt.datetime(2026, 12, 31, 14, 5, tzinfo=dt.UTC).timestamp())
    assert formatting.utc_instant(at, "pt_PT") == "31/12/2026 14:05 UTC"
    assert formatting.utc_instant(at, "en_US").startswith("12/31/2026 2:05")


def test_a_stale_save_says_when_in_the_language_of_the_reader() -> None:
    at = int(dt.datetime(2026, 12, 31, 14, 5, tzinfo=dt.UTC).timestamp())
    with i18n.using("pt_BR", language.catalogue("pt_BR")):
        refused = StalePolicyError("Horário comercial", by="Ana", at=at)
    assert str(refused) == (
        "Ana alterou a política “Horário comercial” em 31/12/2026 14:05 UTC — recarregar? "
        "Nada foi sobrescrito."
    )


def test_durations_are_written_in_the_language() -> None:
    seconds = 2 * 3600 + 14 * 60
    assert format_duration(seconds) == "2h 14m"
    for code in ("pt_PT", "pt_BR"):
        with i18n.using(code, language.catalogue(code)):
            assert format_duration(seconds) == "2 h 14 min"
            assert format_duration(45) == "<1 min"
            assert working_days_text(3 * 8 * 3600, 8 * 3600) == "3 dias úteis de 8 h"
            assert working_days_text(8 * 3600, 8 * 3600) == "1 dia útil de 8 h"
    assert parse_duration("2 h 14 min") == seconds  # what a Portuguese reader types back


def test_the_report_face_uses_the_report_locale_not_the_windows() -> None:
    fmt = ReportFormat(QLocale("pt_BR"), "America/Sao_Paulo")
    assert (fmt.number(1234.5), fmt.date(NEW_YEARS_EVE)) == ("1.234,5", "31/12/2026")
    assert ReportFormat("en_US", "UTC").date(NEW_YEARS_EVE) == "12/31/2026"
    assert ReportFormat(QLocale.c(), "UTC").locale == i18n.DEFAULT_LOCALE


@pytest.mark.parametrize(
    ("code", "paper"),
    [("pt_PT", QPageSize.PageSizeId.A4), ("pt_BR", QPageSize.PageSizeId.A4),
     ("en_GB", QPageSize.PageSizeId.A4), ("en_US", QPageSize.PageSizeId.Letter)],
)  # fmt: skip
def test_the_paper_follows_the_locale(code: str, paper: QPageSize.PageSizeId) -> None:
    assert default_page_size(QLocale(code)).id() == paper


@pytest.mark.parametrize(
    ("size", "locale", "told"),
    [
        (0, "en_GB", "0 bytes"),
        (999, "en_GB", "999 bytes"),
        (1_500, "en_GB", "1.5 kB"),
        (64_000_000, "en_GB", "64 MB"),
        (640_400_000, "en_GB", "640 MB"),
        (2_212_483_072, "en_GB", "2.2 GB"),
        (2_212_483_072, "pt_PT", "2,2 GB"),
        (2_212_483_072, "pt_BR", "2,2 GB"),
        (12_500_000_000, "en_GB", "12 GB"),
    ],
)
def test_file_sizes_in_the_largest_decimal_unit(size: int, locale: str, told: str) -> None:
    assert formatting.file_size(size, locale) == told
