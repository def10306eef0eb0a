from __future__ import annotations

import datetime as dt
from pathlib import Path

import holidays
import pytest

from slaworkbench.app.policies.calendar_import import (
    HolidayImportError,
    holidays_from_ics,
    merge_holidays,
    public_holidays,
    supported_countries,
)
from slaworkbench.domain.calendar.spec import Holiday
from tests.support.policy.ics_calendar import THREE_EVENTS


def test_portugal_2027_is_exactly_what_the_package_lists() -> None:
    imported = public_holidays("PT", None, 2027, 2027)
    expected = holidays.country_holidays("PT", years=2027)
    assert [h.date for h in imported] == sorted(expected)
    assert {h.date: h.name for h in imported} == {d: n for d, n in expected.items()}
    assert dt.date(2027, 4, 25) in {h.date for h in imported}


def test_subdivision_adds_its_regional_holidays() -> None:
    national = public_holidays("PT", None, 2027, 2027)
    lisbon = public_holidays("PT", "11", 2027, 2028)
    assert {h.date for h in national} < {h.date for h in lisbon}
    assert dt.date(2027, 6, 13) in {h.date for h in lisbon}  # Saint Anthony
    assert min(h.date for h in lisbon).year == 2027
    assert max(h.date for h in lisbon).year == 2028


@pytest.mark.parametrize(
    ("country", "sub", "first", "last", "words"),
    [
        ("XX", None, 2027, 2027, "not a country"),
        ("PT", "99", 2027, 2027, "not a region"),
        ("PT", None, 2028, 2027, "before the first"),
        ("PT", None, 2000, 2100, "at most"),
    ],
)
def test_bad_requests_are_sentences(
    country: str, sub: str | None, first: int, last: int, words: str
) -> None:
    with pytest.raises(HolidayImportError, match=words):
        public_holidays(country, sub, first, last)


def test_countries_have_human_names_and_regions() -> None:
    by_code = {country.code: country for country in supported_countries()}
    assert by_code["PT"].name == "Portugal"
    assert ("11", "Lisboa") in by_code["PT"].subdivisions


def test_ics_with_three_all_day_events_gives_three_holidays(tmp_path: Path) -> None:
    path = tmp_path / "holidays.ics"
    path.write_bytes(THREE_EVENTS)
    imported = holidays_from_ics(path)
    assert imported == [
        Holiday(dt.date(2027, 1, 1), "New Year"),
        Holiday(dt.date(2027, 4, 25), "Freedom Day"),
        Holiday(dt.date(2027, 12, 25), "Christmas"),
    ]


def test_multi_day_event_gives_each_day() -> None:
    data = THREE_EVENTS.replace(b"DTEND;VALUE=DATE:20271226", b"DTEND;VALUE=DATE:20271228")
    days = [h.date for h in holidays_from_ics(data)]
    assert days[-3:] == [dt.date(2027, 12, 25), dt.date(2027, 12, 26), dt.date(2027, 12, 27)]


def test_not_an_ics_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.ics"
    path.write_text("hello")
    with pytest.raises(HolidayImportError, match="iCalendar"):
        holidays_from_ics(path)
    with pytest.raises(HolidayImportError, match="Could not read"):
        holidays_from_ics(tmp_path / "missing.ics")


def test_merge_keeps_existing_names() -> None:
    existing = [Holiday(dt.date(2027, 12, 25), "Natal")]
    merged = merge_holidays(existing, holidays_from_ics(THREE_EVENTS))
    assert [h.name for h in merged] == ["New Year", "Freedom Day", "Natal"]


def test_the_policies_tab_loads_icalendar_only_when_a_file_is_read() -> None:
    """``icalendar`` took 0.07–0.1 s of the policies tab's first showing, for a file the
    user may never import (issue 16: every screen fast)."""
    import subprocess
    import sys

    script = (
        "import sys\n"
        "import slaworkbench.ui.policy.workspace_widget\n"
        "print('icalendar' in sys.modules)\n"
        "from slaworkbench.app.policies.calendar_import import holidays_from_ics\n"
        "ics = 'BEGIN:VCALENDAR\\nBEGIN:VEVENT\\nSUMMARY:Day\\nDTSTART;VALUE=DATE:20270101\\n"
        "END:VEVENT\\nEND:VCALENDAR\\n'\n"
        "print(len(holidays_from_ics(ics)), 'icalendar' in sys.modules)\n"
    )
    shown = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120
    ).stdout.split()
    assert shown == ["False", "1", "True"]
