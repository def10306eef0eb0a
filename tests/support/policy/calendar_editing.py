"""A Lisbon office week for the calendar editor, with a split Monday and one holiday;
``NOW`` is the instant the editors' tests run at."""

from __future__ import annotations

import datetime as dt

from slaworkbench.ui.policy.calendar_editor import CalendarEditor

NOW = int(dt.datetime(2027, 3, 1, 10, 0, tzinfo=dt.UTC).timestamp())  # a Monday


def fill_lisbon(editor: CalendarEditor) -> None:
    editor.new_calendar()
    editor.name.setText("Lisbon office")
    editor.zone.set_zone("Europe/Lisbon")
    grid = editor.grid
    grid.set_hours({})
    monday = grid.day("mon")
    first = monday.add_interval()
    first.start.setText("09:00")
    first.end.setText("12:30")
    monday.add_interval("13:30", "18:00")  # a split day
    for key in ("tue", "wed", "thu", "fri"):
        grid.day(key).add_interval("09:00", "18:00")
    row = editor.holidays.add(dt.date(2027, 3, 2), "Carnival")
    assert row == 0
