"""The window's backups: a daily backup while the window is open (a timer; the copy runs
off the GUI thread) and File › Restore backup… (``backups_dialog``)."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from slaworkbench.app.backups.rolling import backup_if_due
from slaworkbench.i18n import tr
from slaworkbench.store.workspace import Workspace
from slaworkbench.ui.changes import ChangeNotice
from slaworkbench.ui.tasks import TaskRunner

log = logging.getLogger(__name__)

FIRST_CHECK_MS = 60_000
"""The first daily-backup check, a minute after the window opened (not during start-up)."""
CHECK_EVERY_MS = 3_600_000
"""Then every hour; a backup is taken when the newest daily one is a day old."""


class WindowBackups(QObject):
    def __init__(
        self,
        window: QWidget,
        workspace: Workspace,
        runner: TaskRunner,
        notice: ChangeNotice,
        *,
        first_check_ms: int = FIRST_CHECK_MS,
        check_every_ms: int = CHECK_EVERY_MS,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._workspace = workspace
        self._runner = runner
        self._notice = notice
        self._running = False
        self.restore_action = QAction(tr("Restore backup…"), window)
        self.restore_action.setObjectName("file_restore_backup")
        self.restore_action.triggered.connect(lambda _checked=False: self.open_dialog())
        self.timer = QTimer(self)
        self.timer.setInterval(check_every_ms)
        self.timer.timeout.connect(self.back_up_if_due)
        QTimer.singleShot(first_check_ms, self, self._start)

    def _start(self) -> None:
        self.back_up_if_due()
        self.timer.start()

    def back_up_if_due(self) -> None:
        if self._running:
            return
        self._running = True
        workspace = self._workspace
        self._runner.submit(
            tr("Daily backup"),
            lambda _context: backup_if_due(workspace),
            on_success=self._done,
            on_failure=self._failed,
            owner=self,
        )

    def _done(self, result: Any) -> None:
        self._running = False
        if result is not None:
            log.info("Daily backup written to %s", result.path)

    def _failed(self, message: str) -> None:
        self._running = False
        log.warning("Daily backup failed: %s", message)

    def open_dialog(self) -> QWidget:
        from slaworkbench.ui.window.backups_dialog import RestoreBackupDialog

        dialog = RestoreBackupDialog(self._workspace, self._runner, self._notice, self._window)
        dialog.setObjectName("restore_backup_dialog")
        dialog.open()
        return dialog
