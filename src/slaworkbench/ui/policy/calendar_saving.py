"""The calendar editor's saving and files: Save, Revert, export and import of JSON.

A mixin of :class:`~slaworkbench.ui.policy.calendar_editor.CalendarEditor`. Saving runs
on the writer thread; a refusal is shown under the form and changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QFileDialog, QListWidget, QMessageBox, QPushButton

from slaworkbench.app.policies.files import PolicyFileError, calendar_to_json, read_calendar_file
from slaworkbench.store.policies.calendars import save_calendar
from slaworkbench.store.policies.editing import rename_calendar
from slaworkbench.ui.tasks import TaskContext

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance

    from slaworkbench.domain.calendar.business import BusinessCalendar
    from slaworkbench.store.workspace import Workspace
    from slaworkbench.ui.policy.common import ErrorLabel
    from slaworkbench.ui.tasks import TaskRunner


class CalendarSaving:
    """Writes the edited calendar, reverts it, and moves calendars in and out as files."""

    saved: SignalInstance
    list: QListWidget
    error: ErrorLabel
    save_button: QPushButton
    _workspace: Workspace
    _runner: TaskRunner
    _author: str
    _on_saved: Callable[[], None] | None
    _original_name: str | None
    _dirty: bool
    _validate: Callable[[], BusinessCalendar | None]
    _load: Callable[[str], None]
    reload: Callable[..., None]
    new_calendar: Callable[[], None]
    calendar_names: Callable[[], Sequence[str]]
    set_spec: Callable[..., None]
    tr: Callable[[str], str]

    def save(self) -> None:
        calendar = self._validate()
        if calendar is None or not self.save_button.isEnabled():
            return
        workspace, author, original = self._workspace, self._author, self._original_name

        def work(_context: TaskContext) -> str:
            with workspace.session(write=True) as session:
                if original is not None and original != calendar.name:
                    rename_calendar(session, original, calendar.name)
                save_calendar(session, calendar, author)
            return calendar.name

        self.save_button.setEnabled(False)
        self._runner.submit(
            self.tr("Saving calendar"),
            work,
            writer=True,
            on_success=self._saved,
            on_failure=self._save_failed,
        )

    def _saved(self, name: Any) -> None:
        self._dirty = False
        self._original_name = str(name)
        self.error.show_error(None)
        self.saved.emit(str(name))
        if self._on_saved is not None:
            self._on_saved()
        self.reload(select=str(name))

    def _save_failed(self, message: str) -> None:
        self.error.show_error(message)
        self._validate()

    def _revert(self) -> None:
        if self._original_name is not None:
            self._load(self._original_name)
        else:
            self.new_calendar()

    def export_file(self) -> None:
        calendar = self._validate()
        if calendar is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export calendar"), f"{calendar.name}.json", self.tr("JSON (*.json)")
        )
        if path:
            try:
                Path(path).write_text(calendar_to_json(calendar), encoding="utf-8")
            except OSError as error:
                QMessageBox.warning(
                    self,
                    self.tr("Export calendar"),
                    self.tr("Could not write {path}: {error}.").format(
                        path=path, error=error.strerror
                    ),
                )

    def import_file(self, path: str | None = None) -> bool:
        """Load a calendar file into the form (not saved until you press Save)."""
        if not path:
            path, _ = QFileDialog.getOpenFileName(
                self, self.tr("Import calendar"), "", self.tr("JSON (*.json);;All files (*)")
            )
            if not path:
                return False
        try:
            calendar = read_calendar_file(Path(path))
        except PolicyFileError as error:
            self.error.show_error(str(error))
            return False
        existing = calendar.name in self.calendar_names()
        self.list.clearSelection()
        self.set_spec(calendar.to_dict(), original_name=calendar.name if existing else None)
        self._dirty = True
        self._validate()
        return True
