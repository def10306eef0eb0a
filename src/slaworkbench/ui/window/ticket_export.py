"""File › Export tickets…: the tickets of the list's view (its filters, search and
chips, as shown; or the tickets selected in it, from the row menu) with their clock
results as a CSV file (``app.tickets.export_file``),
written off the GUI thread; the window says how many went where, or one sentence when
the file could not be written (nothing is left behind then). "All tickets" exports every
ticket."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QSettings
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox

from slaworkbench import formatting
from slaworkbench.app.tickets.export_file import export_ticket_file
from slaworkbench.i18n import tr
from slaworkbench.store.tickets.query import TicketQuery
from slaworkbench.store.workspace import Workspace
from slaworkbench.ui.tasks import TaskContext, TaskRunner

FOLDER_KEY = "export/folder"
"""The folder of the last export, offered again next time."""


class TicketExport(QObject):
    def __init__(
        self,
        window: QMainWindow,
        workspace: Workspace,
        runner: TaskRunner,
        settings: QSettings,
        *,
        view: Callable[[], TicketQuery],
        clock: Callable[[], int],
    ) -> None:
        super().__init__(window)
        self._window = window
        self._view = view
        self._clock = clock
        self._workspace = workspace
        self._runner = runner
        self._settings = settings
        self.message_box: QMessageBox | None = None
        self.action = QAction(tr("Export tickets…"), window)
        self.action.setObjectName("file_export_tickets")
        self.action.setShortcut(QKeySequence("Ctrl+E"))
        self.action.setStatusTip(
            tr("The tickets of the view shown, with their SLA results, as a CSV file")
        )
        self.action.triggered.connect(lambda _checked=False: self.choose_file())

    def choose_file(self, ticket_ids: Sequence[int] | None = None) -> None:
        """Ask where, then export the view's tickets (or those of ``ticket_ids``: the
        list's selection, from its row menu)."""
        folder = str(self._settings.value(FOLDER_KEY, "") or Path.home())
        chosen, _ = QFileDialog.getSaveFileName(
            self._window,
            tr("Export tickets"),
            str(Path(folder) / "tickets.csv"),
            tr("CSV files (*.csv)"),
        )
        if chosen:
            path = Path(chosen)
            self.export_to(path if path.suffix else path.with_suffix(".csv"), ticket_ids)

    def export_to(self, path: Path, ticket_ids: Sequence[int] | None = None) -> None:
        self.action.setEnabled(False)
        workspace, query, now = self._workspace, self._view(), self._clock()
        chosen = None if ticket_ids is None else tuple(ticket_ids)

        def work(context: TaskContext) -> int:
            return export_ticket_file(
                workspace,
                path,
                now=now,
                query=query,
                selected=chosen,
                progress=lambda done, total: context.progress(done, total),
            )

        self._runner.submit(
            tr("Exporting tickets"),
            work,
            on_success=lambda count: self._finished(path, count),
            on_failure=self._failed,
            owner=self,
        )

    def _finished(self, path: Path, count: Any) -> None:
        self.action.setEnabled(True)
        self._settings.setValue(FOLDER_KEY, str(path.parent))
        self._window.statusBar().showMessage(
            tr("Exported {count} tickets to {path}.").format(
                count=formatting.count(int(count)), path=path
            ),
            15_000,
        )

    def _failed(self, message: str) -> None:
        self.action.setEnabled(True)
        box = QMessageBox(
            QMessageBox.Icon.Warning, tr("Export tickets"), message, QMessageBox.StandardButton.Ok
        )
        box.setParent(self._window, box.windowFlags())
        box.setObjectName("export_failed")
        self.message_box = box
        box.open()
