"""File › Export tickets…: every ticket with its clock results as a CSV file
(``app.tickets.export_file``), written off the GUI thread; the window says where it went,
or one sentence when it could not be written (nothing is left behind then)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QSettings
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox

from slaworkbench import formatting
from slaworkbench.app.tickets.export_file import export_every_ticket
from slaworkbench.i18n import tr
from slaworkbench.store.workspace import Workspace
from slaworkbench.ui.tasks import TaskContext, TaskRunner

FOLDER_KEY = "export/folder"
"""The folder of the last export, offered again next time."""


class TicketExport(QObject):
    def __init__(
        self, window: QMainWindow, workspace: Workspace, runner: TaskRunner, settings: QSettings
    ) -> None:
        super().__init__(window)
        self._window = window
        self._workspace = workspace
        self._runner = runner
        self._settings = settings
        self.message_box: QMessageBox | None = None
        self.action = QAction(tr("Export tickets…"), window)
        self.action.setObjectName("file_export_tickets")
        self.action.setShortcut(QKeySequence("Ctrl+E"))
        self.action.setStatusTip(
            tr("Every ticket with its SLA results, one row each, as a CSV file")
        )
        self.action.triggered.connect(lambda _checked=False: self.choose_file())

    def choose_file(self) -> None:
        folder = str(self._settings.value(FOLDER_KEY, "") or Path.home())
        chosen, _ = QFileDialog.getSaveFileName(
            self._window,
            tr("Export tickets"),
            str(Path(folder) / "tickets.csv"),
            tr("CSV files (*.csv)"),
        )
        if chosen:
            path = Path(chosen)
            self.export_to(path if path.suffix else path.with_suffix(".csv"))

    def export_to(self, path: Path) -> None:
        self.action.setEnabled(False)
        workspace = self._workspace

        def work(context: TaskContext) -> int:
            return export_every_ticket(
                workspace, path, progress=lambda done, total: context.progress(done, total)
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
