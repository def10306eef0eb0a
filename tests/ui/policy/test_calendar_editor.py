"""The calendar editor: building a calendar, refusing bad input inline, importing holidays."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import holidays
import pytest
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from slaworkbench.app.changes import Changes
from slaworkbench.domain.calendar.spec import Holiday
from slaworkbench.store.policies.calendars import load_calendar
from slaworkbench.store.schema import Calendar, CalendarHoliday
from slaworkbench.store.workspace import Workspace, open_workspace
from slaworkbench.ui.changes import ChangeNotice
from slaworkbench.ui.policy.calendar_editor import CalendarEditor
from slaworkbench.ui.policy.holiday_import import HolidayImportDialog
from slaworkbench.ui.tasks import TaskRunner
from tests.support.policy.calendar_editing import NOW, fill_lisbon
from tests.support.policy.ics_calendar import THREE_EVENTS


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    ws = open_workspace(str(tmp_path / "ws.sqlite3"))
    yield ws
    ws.close()


@pytest.fixture
def runner() -> TaskRunner:
    return TaskRunner(synchronous=True)


def calendar_rows(workspace: Workspace) -> tuple[int, int]:
    with workspace.session() as session:
        return (
            session.execute(select(func.count()).select_from(Calendar)).scalar_one(),
            session.execute(select(func.count()).select_from(CalendarHoliday)).scalar_one(),
        )


@pytest.fixture
def notice() -> ChangeNotice:
    return ChangeNotice()


@pytest.fixture
def announced(notice: ChangeNotice) -> list[Changes]:
    seen: list[Changes] = []
    notice.changed.connect(seen.append)
    return seen


@pytest.fixture
def editor(qtbot, workspace: Workspace, runner: TaskRunner, notice: ChangeNotice) -> CalendarEditor:
    widget = CalendarEditor(workspace, runner, notice=notice, author="ana", clock=lambda: NOW)
    qtbot.addWidget(widget)
    return widget


def test_build_and_save_a_calendar_with_a_split_day_and_a_holiday(
    qtbot, editor: CalendarEditor, workspace: Workspace, announced: list[Changes]
) -> None:
    before = calendar_rows(workspace)
    fill_lisbon(editor)
    assert editor.save_button.isEnabled()
    assert "would be due" in editor.preview.text.text()
    # Monday 10:00 UTC = 10:00 Lisbon (winter): 2.5 h to 12:30, 1.5 h from 13:30 -> 15:00;
    # Tuesday is the holiday, so the strip has no working time on it.
    assert "15:00" in editor.preview.text.text()
    strip = editor.preview.strip.days()
    assert strip[0].segments == ((540, 750), (810, 1080))
    assert strip[1].holiday == "Carnival" and strip[1].segments == ()
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert calendar_rows(workspace) == (before[0] + 1, before[1] + 1)
    assert announced == [Changes(calendars=True)]
    with workspace.session() as session:
        spec = load_calendar(session, "Lisbon office").to_dict()
    assert spec["hours"]["mon"] == [["09:00", "12:30"], ["13:30", "18:00"]]
    assert spec["holidays"] == [{"date": "2027-03-02", "name": "Carnival"}]
    assert "Lisbon office" in editor.calendar_names()
    assert not editor.save_button.isEnabled()  # saved: nothing to save


@pytest.mark.parametrize(
    ("breakage", "where", "words"),
    [
        (lambda e: e.grid.day("mon").add_interval("12:00", "14:00"), "mon", "overlaps"),
        (lambda e: e.grid.day("tue").intervals[0].end.setText("25:00"), "tue", '"25:00"'),
        (lambda e: e.grid.day("wed").intervals[0].end.setText("08:00"), "wed", "after the start"),
        (lambda e: e.grid.set_hours({}), "week", "no working time"),
        (lambda e: e.zone.set_zone("Mars/Olympus"), "zone", "not a known time zone"),
        (lambda e: e.name.setText(""), "name", "Give the calendar a name"),
        (lambda e: e.holidays.add(dt.date(2027, 3, 2), "again"), "holidays", "same date"),
    ],
)
def test_invalid_input_is_refused_inline_and_nothing_is_written(
    qtbot,
    editor: CalendarEditor,
    workspace: Workspace,
    announced: list[Changes],
    breakage,
    where: str,
    words: str,
) -> None:
    fill_lisbon(editor)
    before = calendar_rows(workspace)
    breakage(editor)
    labels = {
        "week": editor.week_error,
        "zone": editor.zone.error,
        "name": editor.name_error,
        "holidays": editor.holidays.error,
    }
    label = labels.get(where) or editor.grid.day(where).error
    assert not label.isHidden()
    assert words in label.text()
    assert not editor.save_button.isEnabled()
    assert editor.calendar() is None
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    editor.save()  # even if triggered another way, nothing happens
    assert calendar_rows(workspace) == before
    assert announced == []


def test_bad_time_field_gets_a_red_frame(editor: CalendarEditor) -> None:
    fill_lisbon(editor)
    interval = editor.grid.day("tue").intervals[0]
    interval.end.setText("25:00")
    editor.grid.changed.emit()
    assert interval.end.property("invalid") is True
    assert not interval.start.property("invalid")


def test_overnight_shift_is_two_intervals(qtbot, editor: CalendarEditor) -> None:
    fill_lisbon(editor)
    thursday = editor.grid.day("thu")
    qtbot.mouseClick(thursday.add_button, Qt.MouseButton.LeftButton)
    late = thursday.intervals[-1]
    qtbot.keyClicks(late.start, "22:00")
    qtbot.keyClicks(late.end, "24:00")
    early = editor.grid.day("fri").intervals[0]
    for field, text in ((early.start, "00:00"), (early.end, "06:00")):
        qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(field, text)
    calendar = editor.calendar()
    assert calendar is not None
    hours = calendar.to_dict()["hours"]
    assert hours["thu"] == [["09:00", "18:00"], ["22:00", "24:00"]]
    assert hours["fri"] == [["00:00", "06:00"]]
    # Thursday 4 March 2027 21:00 to Friday 07:00 in Lisbon: the shift counts 8 hours
    # straight across midnight, one stretch of working time from 22:00 to 06:00.
    lisbon = ZoneInfo("Europe/Lisbon")
    evening = dt.datetime(2027, 3, 4, 21, 0, tzinfo=lisbon)
    morning = dt.datetime(2027, 3, 5, 7, 0, tzinfo=lisbon)
    assert calendar.business_seconds_between(evening, morning) == 8 * 3600
    shift = (
        int(dt.datetime(2027, 3, 4, 22, 0, tzinfo=lisbon).timestamp()),
        int(dt.datetime(2027, 3, 5, 6, 0, tzinfo=lisbon).timestamp()),
    )
    assert calendar.working_segments(int(evening.timestamp()), int(morning.timestamp())) == [shift]


def test_public_holidays_dialog_lists_exactly_the_package_dates(qtbot) -> None:
    dialog = HolidayImportDialog(default_country="PT")
    qtbot.addWidget(dialog)
    assert dialog.country_code() == "PT"
    for spin in (dialog.last_year, dialog.first_year):  # first ≤ last at every keystroke
        spin.selectAll()
        qtbot.keyClicks(spin, "2027")
    assert (dialog.first_year.value(), dialog.last_year.value()) == (2027, 2027)
    expected = sorted(holidays.country_holidays("PT", years=2027))
    assert [h.date for h in dialog.holidays()] == expected
    assert dialog.table.rowCount() == len(expected)
    region = dialog.region  # Lisbon adds Saint Anthony
    for _ in range(region.findData("11")):
        qtbot.keyClick(region, Qt.Key.Key_Down)
    assert region.currentData() == "11"
    assert dt.date(2027, 6, 13) in {h.date for h in dialog.holidays()}


def test_imported_holidays_merge_into_the_calendar(editor: CalendarEditor, tmp_path: Path) -> None:
    fill_lisbon(editor)
    from slaworkbench.app.policies.calendar_import import holidays_from_ics, public_holidays

    added = editor.holidays.merge(holidays_from_ics(THREE_EVENTS))
    assert added == 3
    assert len(editor.holidays.holidays()) == 4
    added = editor.holidays.merge(public_holidays("PT", None, 2027, 2027))
    # New Year, 25 April and Christmas are already there (from the .ics file).
    assert added == len(holidays.country_holidays("PT", years=2027)) - 3
    assert editor.calendar() is not None
    assert Holiday(dt.date(2027, 1, 1), "New Year") in editor.holidays.holidays()


def test_calendar_file_import_fills_the_form(editor: CalendarEditor, tmp_path: Path) -> None:
    path = tmp_path / "cal.json"
    spec = {
        "name": "Night desk",
        "timezone": "America/New_York",
        "hours": {"thu": [["22:00", "24:00"]], "fri": [["00:00", "06:00"]]},
        "holidays": [{"date": "2027-07-05", "name": "Independence Day (observed)"}],
    }
    path.write_text(json.dumps(spec))
    assert editor.import_file(str(path))
    assert editor.name.text() == "Night desk"
    assert editor.save_button.isEnabled()
    path.write_text(json.dumps(spec | {"timezone": "Nowhere/Land"}))
    assert not editor.import_file(str(path))
    assert "Unknown time zone" in editor.error.text()


def test_the_built_in_calendar_says_why_its_fields_are_shut(qtbot, editor: CalendarEditor) -> None:
    # Its fields were disabled without a word on the form (only the list's tooltip).
    editor.show()
    qtbot.waitExposed(editor)
    fill_lisbon(editor)
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.list.count() >= 2)

    def click(name: str) -> None:
        item = editor.list.findItems(name, Qt.MatchFlag.MatchExactly)[0]
        rect = editor.list.visualItemRect(item)
        qtbot.mouseClick(editor.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())

    click("24/7")
    qtbot.waitUntil(editor.built_in_note.isVisible)
    assert "cannot be changed" in editor.built_in_note.text()
    assert not editor.name.isEnabled()
    other = next(
        editor.list.item(row).text()
        for row in range(editor.list.count())
        if editor.list.item(row).text() != "24/7"
    )
    click(other)
    qtbot.waitUntil(lambda: not editor.built_in_note.isVisible())
    assert editor.name.isEnabled()
