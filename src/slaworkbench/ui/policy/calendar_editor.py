"""The business-calendar editor: name, time zone, weekly hours, holidays, live preview.

Every field checks itself while you type and says what is wrong next to it; Save stays
disabled until the whole calendar is valid, so a bad calendar is never written. The
holidays box (``calendar_holidays``) and the saving and files helper
(``calendar_saving``) are parts the editor owns; a save is announced on the window's
change notice, which is what queues a recompute.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from slaworkbench.app.permissions import Role, may
from slaworkbench.app.reapply import FieldPath, reapply
from slaworkbench.domain.calendar.business import BusinessCalendar
from slaworkbench.domain.calendar.spec import CalendarError, Holiday, check_hours, day_label
from slaworkbench.store.policies.calendars import list_calendars, load_calendar
from slaworkbench.store.workspace import Workspace
from slaworkbench.ui.changes import ChangeNotice
from slaworkbench.ui.policy.calendar_holidays import CalendarHolidays
from slaworkbench.ui.policy.calendar_preview import CalendarPreview
from slaworkbench.ui.policy.calendar_saving import CalendarSaving
from slaworkbench.ui.policy.common import (
    ErrorLabel,
    HintLabel,
    mark_invalid,
)
from slaworkbench.ui.policy.timezone_picker import TimeZonePicker
from slaworkbench.ui.policy.week_grid import WeekGrid
from slaworkbench.ui.tasks import TaskContext, TaskRunner

BUILT_IN = "24/7"

NEW_CALENDAR_HOURS = {
    day: [["09:00", "17:00"]] if day in ("mon", "tue", "wed", "thu", "fri") else []
    for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
}


class CalendarEditor(QWidget):
    """Edit the workspace's calendars; every save is announced on ``notice``."""

    def __init__(
        self,
        workspace: Workspace,
        runner: TaskRunner,
        *,
        notice: ChangeNotice,
        author: str | Callable[[], str],
        clock: Callable[[], int] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._runner = runner
        self._original_name: str | None = None
        self._loading = False
        self._dirty = False
        self._calendar: BusinessCalendar | None = None
        self._lock_version: int | None = None
        self._may_edit = may(workspace, Role.MANAGER)

        # -- the list of calendars ---------------------------------------------------
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Calendars"))
        self.list.currentItemChanged.connect(self._list_selection)
        self.new_button = QPushButton(self.tr("&New calendar"))
        self.new_button.clicked.connect(self.new_calendar)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.list, 1)
        left_layout.addWidget(self.new_button)

        # -- the form ----------------------------------------------------------------
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("e.g. Lisbon office"))
        self.name_error = ErrorLabel()
        self.zone = TimeZonePicker()
        form = QFormLayout()
        name_box = QVBoxLayout()
        name_box.setSpacing(2)
        name_box.addWidget(self.name)
        name_box.addWidget(self.name_error)
        name_label = QLabel(self.tr("&Name:"))
        name_label.setBuddy(self.name)
        form.addRow(name_label, name_box)
        form.addRow(self.tr("&Time zone:"), self.zone)

        self.grid = WeekGrid()
        self.week_error = ErrorLabel()
        hours_box = QGroupBox(self.tr("Working hours"))
        hours_layout = QVBoxLayout(hours_box)
        hours_layout.addWidget(
            HintLabel(
                self.tr(
                    "Times are local to the time zone. A day may have several intervals; "
                    "an overnight shift is two intervals, e.g. Thursday 22:00–24:00 and "
                    "Friday 00:00–06:00."
                )
            )
        )
        hours_layout.addWidget(self.grid)
        hours_layout.addWidget(self.week_error)

        self.holidays = CalendarHolidays()
        self.holidays.changed.connect(self._changed)
        self.saving = CalendarSaving(workspace, runner, notice, author=author, window=self)
        self.saving.saved.connect(self._saved)
        self.saving.failed.connect(self._failed)
        self.saving.stale.connect(self._stale)

        self.preview = CalendarPreview(clock)

        self.error = ErrorLabel()
        self.export_button = QPushButton(self.tr("E&xport…"))
        self.import_button = QPushButton(self.tr("&Import file…"))
        self.revert_button = QPushButton(self.tr("Re&vert"))
        self.save_button = QPushButton(self.tr("&Save calendar"))
        self.save_button.setDefault(True)
        self.reload_button = QPushButton(self.tr("Re&load"))
        self.reload_button.setToolTip(self.tr("Show the calendar as it is saved now"))
        self.reload_button.hide()  # offered when a save was refused as stale
        self.reload_button.clicked.connect(self._revert)
        self.reapply_button = QPushButton(self.tr("Reload and &re-apply my changes"))
        self.reapply_button.setToolTip(
            self.tr("Show the calendar as it is saved now with the fields you changed on top")
        )
        self.reapply_button.hide()  # offered with Reload
        self.reapply_button.clicked.connect(self.reload_and_reapply)
        self._base: dict[str, Any] = {}
        """The calendar as loaded (``to_dict``): what a re-apply compares the edits to."""
        self._attempted: dict[str, Any] = {}
        """The calendar of the last save (``to_dict``), re-applied if the form is invalid."""
        self.import_button.setEnabled(self._may_edit)
        if not self._may_edit:
            self.save_button.setToolTip(self.tr("Only a manager may change calendars"))
        self.export_button.clicked.connect(self.export_file)
        self.import_button.clicked.connect(lambda: self.import_file())
        self.revert_button.clicked.connect(self._revert)
        self.save_button.clicked.connect(self.save)
        buttons = QHBoxLayout()
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.import_button)
        buttons.addStretch(1)
        buttons.addWidget(self.reload_button)
        buttons.addWidget(self.reapply_button)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)

        # Said on the form, not only in the list's tooltip: its fields are shut.
        self.built_in_note = QLabel(
            self.tr(
                "Built in: every hour of every day, in UTC. It cannot be changed; "
                "for other hours, make a new calendar."
            )
        )
        self.built_in_note.setObjectName("built_in_note")
        self.built_in_note.setWordWrap(True)
        self.built_in_note.hide()

        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.addWidget(self.built_in_note)
        body_layout.addLayout(form)
        body_layout.addWidget(hours_box)
        body_layout.addWidget(self.holidays)
        body_layout.addWidget(self.preview)
        body_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(scroll, 1)
        right_layout.addWidget(self.error)
        right_layout.addLayout(buttons)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([180, 720])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self.name.textChanged.connect(lambda _t: self._changed())
        self.zone.edited.connect(self._changed)
        self.grid.changed.connect(self._changed)
        self.reload()

    # -- loading -----------------------------------------------------------------------

    def reload(self, select: str | None = None) -> None:
        """Read the list of calendars (in the background) and select ``select``."""
        workspace = self._workspace

        def work(_context: TaskContext) -> list[str]:
            with workspace.session() as session:
                return [info.name for info in list_calendars(session)]

        def done(names: Any) -> None:
            current = select or (
                self.list.currentItem().text() if self.list.currentItem() else None
            )
            self.list.blockSignals(True)
            self.list.clear()
            for name in names:
                item = QListWidgetItem(name)
                if name == BUILT_IN:
                    item.setToolTip(self.tr("Built in: every hour of every day, in UTC."))
                self.list.addItem(item)
            self.list.blockSignals(False)
            wanted = current if current in names else (names[0] if names else None)
            if wanted is not None:
                self.select_calendar(wanted)
            else:
                self.new_calendar()

        self._runner.submit(self.tr("Reading calendars"), work, on_success=done)

    def calendar_names(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]

    def select_calendar(self, name: str) -> None:
        matches = self.list.findItems(name, Qt.MatchFlag.MatchExactly)
        if matches:
            self.list.blockSignals(True)
            self.list.setCurrentItem(matches[0])
            self.list.blockSignals(False)
        self._load(name)

    def _list_selection(self, item: QListWidgetItem | None, _previous: object) -> None:
        if item is not None:
            self._load(item.text())

    def _load(self, name: str, then: Callable[[], None] | None = None) -> None:
        workspace = self._workspace

        def work(_context: TaskContext) -> tuple[dict[str, Any], int | None]:
            with workspace.session() as session:
                versions = {info.name: info.lock_version for info in list_calendars(session)}
                return load_calendar(session, name).to_dict(), versions.get(name)

        def loaded(result: Any) -> None:
            spec, self._lock_version = result
            self.set_spec(spec, original_name=name)
            self._base = self._calendar.to_dict() if self._calendar is not None else spec
            if then is not None:
                then()

        self._runner.submit(
            self.tr("Reading calendar"), work, on_success=loaded, on_failure=self.error.show_error
        )

    def new_calendar(self) -> None:
        self.list.clearSelection()
        self.set_spec(
            {
                "name": "",
                "timezone": self.zone.zone() or "UTC",
                "hours": NEW_CALENDAR_HOURS,
                "holidays": [],
            },
            original_name=None,
        )
        self.name.setFocus()

    def set_spec(self, spec: dict[str, Any], *, original_name: str | None) -> None:
        """Show a calendar (its JSON shape) in the form."""
        self._loading = True
        self._original_name = original_name
        self.name.setText(str(spec.get("name", "")))
        self.zone.set_zone(str(spec.get("timezone", "")))
        self.grid.set_hours(spec.get("hours", {}))
        self.holidays.set_holidays(
            [
                Holiday(dt.date.fromisoformat(item["date"]), item.get("name") or "")
                for item in spec.get("holidays", [])
            ]
        )
        self._loading = False
        self._dirty = False
        built_in = original_name == BUILT_IN
        for widget in (self.name, self.zone, self.grid):
            widget.setEnabled(not built_in)
        self.built_in_note.setVisible(built_in)
        self.holidays.set_editable(not built_in)
        self._validate()

    # -- checking ----------------------------------------------------------------------

    def _changed(self) -> None:
        if self._loading:
            return
        self._dirty = True
        self._validate()

    def is_dirty(self) -> bool:
        return self._dirty

    def _validate(self) -> BusinessCalendar | None:
        ok = True
        name = self.name.text().strip()
        name_problem = None if name else self.tr("Give the calendar a name.")
        if name and name != self._original_name and name in self.calendar_names():
            name_problem = self.tr("Another calendar is already called “{name}”.").format(name=name)
        self.name_error.show_error(name_problem)
        mark_invalid(self.name, name_problem is not None, name_problem or "")
        ok &= name_problem is None
        ok &= self.zone.is_valid()
        day_errors = self.grid.errors()
        ok &= not day_errors
        week_problem = None
        if not day_errors:
            try:
                check_hours(name or self.tr("This calendar"), self.grid.hours())
            except CalendarError as error:
                week_problem = str(error)
        self.week_error.show_error(week_problem)
        ok &= week_problem is None
        holidays = self.holidays.holidays()
        ok &= self.holidays.check()
        calendar = None
        problem = None
        if ok:
            try:
                calendar = BusinessCalendar(
                    name=name,
                    timezone=self.zone.zone(),
                    hours=self.grid.hours(),
                    holidays=tuple(sorted(holidays, key=lambda h: h.date)),
                )
            except CalendarError as error:
                problem = str(error)
        self.error.show_error(problem)
        self._calendar = calendar
        editable = self._original_name != BUILT_IN
        self.save_button.setEnabled(
            calendar is not None and editable and self._dirty and self._may_edit
        )
        self.revert_button.setEnabled(self._dirty)
        self.export_button.setEnabled(calendar is not None)
        self.preview.show_calendar(calendar)
        return calendar

    # -- saving and files ----------------------------------------------------------------

    def save(self) -> None:
        calendar = self._validate()
        if calendar is None or not self.save_button.isEnabled():
            return
        self.save_button.setEnabled(False)
        expected = self._lock_version if self._original_name is not None else None
        self._attempted = calendar.to_dict()
        self.saving.save(calendar, original_name=self._original_name, expected_version=expected)

    def _saved(self, name: str) -> None:
        self._dirty = False
        self._original_name = name
        self.error.show_error(None)
        self.reload(select=name)

    def _failed(self, message: str) -> None:
        self._validate()
        self.error.show_error(message)

    def _stale(self, message: str) -> None:
        self._failed(message)
        self._offer_reload(True)

    def _offer_reload(self, offered: bool) -> None:
        for button in (self.reload_button, self.reapply_button):
            button.setVisible(offered)

    def reload_and_reapply(self) -> None:
        """After a refused stale save: show the calendar as someone else saved it, with
        the fields changed here put back on top where they were not changed there too; a
        field changed on both sides keeps the saved value and is named under the form."""
        name = self._original_name
        if name is None:
            return
        base = self._base
        mine = self._calendar.to_dict() if self._calendar is not None else self._attempted
        self._offer_reload(False)
        self._load(name, then=lambda: self._reapply(base, mine))

    def _reapply(self, base: dict[str, Any], mine: dict[str, Any]) -> None:
        theirs = self._base
        result = reapply(base, mine, theirs)
        self.set_spec(result.merged, original_name=self._original_name)
        self._dirty = result.merged != theirs
        self._validate()
        if result.collisions:
            self.error.show_error(
                self.tr(
                    "Your changes are back on the calendar saved now, except {fields}: "
                    "changed there too, so the saved value is kept. Check and save."
                ).format(fields=", ".join(self._field_label(path) for path in result.collisions))
            )

    def _field_label(self, path: FieldPath) -> str:
        """A field of the calendar's ``to_dict`` as the form names it."""
        if path[0] == "hours" and len(path) == 2:
            return self.tr("the hours on {day}").format(day=day_label(path[1]))
        labels = {
            "name": self.tr("the name"),
            "timezone": self.tr("the time zone"),
            "holidays": self.tr("the holidays"),
        }
        return labels.get(path[0], " · ".join(path))

    def _revert(self) -> None:
        self._offer_reload(False)
        if self._original_name is not None:
            self._load(self._original_name)
        else:
            self.new_calendar()

    def export_file(self) -> None:
        calendar = self._validate()
        if calendar is not None and self.saving.export_file(calendar):
            self.error.show_error(None)

    def import_file(self, path: str | None = None) -> bool:
        """Load a calendar file into the form (not saved until you press Save)."""
        calendar = self.saving.read_file(path)
        if calendar is None:
            return False
        existing = calendar.name in self.calendar_names()
        self.list.clearSelection()
        self.set_spec(calendar.to_dict(), original_name=calendar.name if existing else None)
        self._dirty = True
        self._validate()
        return True

    def calendar(self) -> BusinessCalendar | None:
        """The calendar as edited, or ``None`` while something is wrong."""
        return self._calendar
