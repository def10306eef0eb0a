"""What the tickets page looks names and calendars up in: the pickers' options and the
workspace's business calendars, loaded in the background.

Loaded at start, on F5, and again after every change the notice announces (a handful
of small tables): a saved calendar changes how countdowns count, an import, a new
ticket or another process may have added customers, teams, agents or calendars. ``loaded``
says fresh data is there (the list repaints its countdowns with the new calendars).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot

from slaworkbench.app.changes import Changes
from slaworkbench.app.tickets.workbench import PickerOptions, load_calendars, load_options
from slaworkbench.domain.calendar.business import BusinessCalendar
from slaworkbench.i18n import tr
from slaworkbench.store.workspace import Workspace
from slaworkbench.ui.changes import ChangeNotice
from slaworkbench.ui.tasks import TaskContext, TaskRunner

Loaded = tuple[PickerOptions, dict[int, BusinessCalendar]]


class ReferenceData(QObject):
    loaded = Signal()
    """New ``options`` and ``calendars`` are there."""
    failed = Signal(str)

    def __init__(
        self,
        workspace: Workspace,
        runner: TaskRunner,
        notice: ChangeNotice,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._runner = runner
        self.options = PickerOptions()
        self._calendars: dict[int, BusinessCalendar] = {}
        notice.changed.connect(self._changes_announced)

    def calendar(self, calendar_id: int | None) -> BusinessCalendar | None:
        """A business calendar of the workspace by id (None when unknown or not loaded)."""
        return self._calendars.get(calendar_id) if calendar_id is not None else None

    def calendars(self) -> list[tuple[int, BusinessCalendar]]:
        return list(self._calendars.items())

    def load(self) -> None:
        ws = self._workspace

        def work(_context: TaskContext) -> Loaded:
            return load_options(ws), load_calendars(ws)

        self._runner.submit(
            tr("Load workspace"), work, on_success=self._loaded, on_failure=self.failed.emit
        )

    @Slot(object)
    def _changes_announced(self, _changes: Changes) -> None:
        self.load()

    def _loaded(self, loaded: Loaded) -> None:
        self.options, self._calendars = loaded
        self.loaded.emit()
