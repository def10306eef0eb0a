"""The calendar editor's saving and files: writing a calendar, export and import of JSON.

A helper the calendar editor owns, given what it needs when it is made. Saving runs
``app.policies.saving.save_calendar`` on the writer thread, then says ``saved(name)`` and
announces ``Changes(calendars=True)`` on the change notice; a refusal is ``failed``
(with its sentence) and changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from slaworkbench.app.changes import Changes
from slaworkbench.app.policies.files import PolicyFileError, calendar_to_json, read_calendar_file
from slaworkbench.app.policies.saving import save_calendar
from slaworkbench.domain.calendar.business import BusinessCalendar
from slaworkbench.saved_files import saving
from slaworkbench.store.errors import ChangedElsewhereError
from slaworkbench.store.workspace import Workspace
from slaworkbench.ui.changes import ChangeNotice
from slaworkbench.ui.stale_save import StaleSave
from slaworkbench.ui.tasks import TaskContext, TaskRunner


class CalendarSaving(QObject):
    """Writes calendars and moves them in and out as files; dialogs open over ``window``."""

    saved = Signal(str)
    """The name of the calendar just written."""
    failed = Signal(str)
    """A sentence saying why nothing was written or read."""
    stale = Signal(str)
    """The save was refused: someone else saved the calendar first (who and when)."""

    def __init__(
        self,
        workspace: Workspace,
        runner: TaskRunner,
        notice: ChangeNotice,
        *,
        author: str | Callable[[], str],
        window: QWidget,
    ) -> None:
        super().__init__(window)
        self._workspace = workspace
        self._runner = runner
        self._notice = notice
        self._author = author
        self._window = window

    def save(
        self,
        calendar: BusinessCalendar,
        *,
        original_name: str | None,
        expected_version: int | None = None,
    ) -> None:
        """Write ``calendar``, renaming ``original_name`` when the name changed;
        ``expected_version`` is the row version the editor loaded."""
        workspace = self._workspace
        author = self._author() if callable(self._author) else self._author  # "Working as"

        def work(_context: TaskContext) -> Changes | StaleSave:
            try:
                return save_calendar(
                    workspace, calendar, original_name=original_name, author=author,
                    expected_version=expected_version,
                )  # fmt: skip
            except ChangedElsewhereError as error:
                return StaleSave(str(error))

        def done(changes: Any) -> None:
            if isinstance(changes, StaleSave):
                self.stale.emit(changes.message)
                return
            self.saved.emit(calendar.name)
            self._notice.announce(changes)

        self._runner.submit(
            self.tr("Saving calendar"),
            work,
            writer=True,
            on_success=done,
            on_failure=self.failed.emit,
        )

    def export_file(self, calendar: BusinessCalendar, path: str | None = None) -> bool:
        """Write ``calendar`` to a JSON file (asking where when no path is given)."""
        if not path:
            path, _ = QFileDialog.getSaveFileName(
                self._window,
                self.tr("Export calendar"),
                f"{calendar.name}.json",
                self.tr("JSON (*.json)"),
            )
            if not path:
                return False
        try:
            with saving(path) as temporary:
                temporary.write_text(calendar_to_json(calendar), encoding="utf-8")
        except OSError as error:
            self.failed.emit(
                self.tr("Could not write {path}: {error}.").format(path=path, error=error.strerror)
            )
            return False
        return True

    def read_file(self, path: str | None = None) -> BusinessCalendar | None:
        """A calendar from a JSON file (asking which when no path is given); ``None`` when
        cancelled or refused (``failed`` says why)."""
        if not path:
            path, _ = QFileDialog.getOpenFileName(
                self._window,
                self.tr("Import calendar"),
                "",
                self.tr("JSON (*.json);;All files (*)"),
            )
            if not path:
                return None
        try:
            return read_calendar_file(Path(path))
        except PolicyFileError as error:
            self.failed.emit(str(error))
            return None
