"""Tools › Check workspace: the full check (``app.check``) on the writer thread (it
repairs clocks), then its summary in a message box. Repaired clocks are announced."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox, QWidget

from slaworkbench.app.changes import Changes
from slaworkbench.app.check.summary import describe_report
from slaworkbench.app.check.workspace import CheckReport, check_workspace
from slaworkbench.i18n import tr
from slaworkbench.store.workspace import Workspace
from slaworkbench.ui.changes import ChangeNotice
from slaworkbench.ui.tasks import TaskContext, TaskRunner


class WorkspaceCheck(QObject):
    def __init__(
        self, window: QWidget, workspace: Workspace, runner: TaskRunner, notice: ChangeNotice
    ) -> None:
        super().__init__(window)
        self._window = window
        self._workspace = workspace
        self._runner = runner
        self._notice = notice
        self.result_box: QMessageBox | None = None
        self.action = QAction(tr("Check workspace"), window)
        self.action.setObjectName("tools_check_workspace")
        self.action.triggered.connect(lambda _checked=False: self.run())

    def run(self) -> None:
        self.action.setEnabled(False)
        workspace = self._workspace

        def work(context: TaskContext) -> CheckReport:
            return check_workspace(workspace, progress=context.progress)

        self._runner.submit(
            tr("Checking the workspace"),
            work,
            writer=True,
            on_success=self._finished,
            on_failure=self._failed,
            owner=self,
        )

    def _finished(self, result: Any) -> None:
        report: CheckReport = result
        if report.tickets_repaired or report.rollup_rows_repaired:  # the dashboard reloads
            self._notice.announce(Changes(clocks=True))
        lines = describe_report(report)
        icon = QMessageBox.Icon.Information if report.ok else QMessageBox.Icon.Warning
        self._show(icon, lines[0], "\n".join(lines[1:]))

    def _failed(self, message: str) -> None:
        self._show(QMessageBox.Icon.Critical, message, "")

    def _show(self, icon: QMessageBox.Icon, text: str, details: str) -> None:
        self.action.setEnabled(True)
        box = QMessageBox(icon, tr("Check workspace"), text, QMessageBox.StandardButton.Ok)
        box.setParent(self._window, box.windowFlags())
        box.setObjectName("check_result")
        if details:
            box.setInformativeText(details)
        self.result_box = box
        box.open()
