"""Open the window, let it settle, close it: the start-up check of a frozen bundle.

``make package-check`` runs the frozen program with ``SLAWORKBENCH_CLOSE_WHEN_IDLE=1``
(and ``QT_QPA_PLATFORM=offscreen``). The window then opens as usual, and once it is
shown and its task runner has had no task for ``IDLE_TICKS`` checks in a row (the
start-up reads, the recompute check and whatever their callbacks queued), it closes and
the program exits with code 0 — having gone through start-up, the first paint and a
normal shutdown, so anything logged at warning level or above on the way is a finding.
People never set the variable; it is not a command-line option so it stays out of
``--help``.
"""

from __future__ import annotations

import logging
import os

from PySide6.QtCore import QObject, QTimer, Slot
from PySide6.QtWidgets import QApplication, QMainWindow

from slaworkbench.ui.tasks import TaskRunner

log = logging.getLogger(__name__)

ENVIRONMENT_VARIABLE = "SLAWORKBENCH_CLOSE_WHEN_IDLE"
CHECK_INTERVAL_MS = 250
IDLE_TICKS = 4


def requested() -> bool:
    return os.environ.get(ENVIRONMENT_VARIABLE, "") not in ("", "0")


class CloseWhenIdle(QObject):
    """Closes ``window`` and quits the application once the runner stays idle."""

    def __init__(self, window: QMainWindow, runner: TaskRunner) -> None:
        super().__init__(window)
        self.window = window
        self.runner = runner
        self._idle_ticks = 0
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_INTERVAL_MS)
        self._timer.timeout.connect(self._check)
        self._timer.start()

    @Slot()
    def _check(self) -> None:
        if not self.window.isVisible() or self.runner.active():
            self._idle_ticks = 0
            return
        self._idle_ticks += 1
        if self._idle_ticks >= IDLE_TICKS:
            self._timer.stop()
            log.info("Start-up finished; closing the window (%s)", ENVIRONMENT_VARIABLE)
            self.window.close()
            QApplication.quit()
