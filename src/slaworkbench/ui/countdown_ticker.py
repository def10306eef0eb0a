"""One shared 1 Hz timer that repaints the countdown columns of the visible rows.

It emits ``dataChanged`` for the countdown columns only, over the rows the view shows
(one signal per contiguous run of columns), and stops while the window is hidden or
minimised, so an idle or minimised window costs nothing.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView, QWidget

from slaworkbench.ui.ticket_table_model import TicketTableModel


def contiguous_runs(columns: Sequence[int]) -> list[tuple[int, int]]:
    """``[6, 7, 8, 10]`` → ``[(6, 8), (10, 10)]``."""
    runs: list[tuple[int, int]] = []
    for column in sorted(set(columns)):
        if runs and column == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], column)
        else:
            runs.append((column, column))
    return runs


class CountdownTicker(QObject):
    INTERVAL_MS = 1000

    def __init__(self, view: QAbstractItemView, model: TicketTableModel, window: QWidget) -> None:
        super().__init__(view)
        self._view = view
        self._model = model
        self._window = window
        self._timer = QTimer(self)
        self._timer.setInterval(self.INTERVAL_MS)
        self._timer.setTimerType(Qt.TimerType.CoarseTimer)
        self._timer.timeout.connect(self.tick)
        window.installEventFilter(self)
        self._update_running()

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() in (
            QEvent.Type.Show,
            QEvent.Type.Hide,
            QEvent.Type.WindowStateChange,
        ):
            # The state is settled after the event is handled.
            QTimer.singleShot(0, self._update_running)
        return False

    def _should_run(self) -> bool:
        return self._window.isVisible() and not self._window.isMinimized()

    def _update_running(self) -> None:
        if self._should_run():
            if not self._timer.isActive():
                self._timer.start()
                self.tick()  # catch up at once after being hidden
        else:
            self._timer.stop()

    def visible_rows(self) -> tuple[int, int] | None:
        rows = self._model.rowCount()
        if rows == 0 or not self._view.isVisible():
            return None
        viewport = self._view.viewport()
        top = self._view.indexAt(viewport.rect().topLeft()).row()
        bottom = self._view.indexAt(viewport.rect().bottomLeft()).row()
        if top < 0:
            top = 0
        if bottom < 0:
            bottom = rows - 1
        return top, bottom

    def tick(self) -> None:
        visible = self.visible_rows()
        if visible is None:
            return
        top, bottom = visible
        for first, last in contiguous_runs(self._model.COUNTDOWN_COLUMNS):
            self._model.dataChanged.emit(
                self._model.index(top, first),
                self._model.index(bottom, last),
                [
                    Qt.ItemDataRole.DisplayRole,
                    Qt.ItemDataRole.ToolTipRole,
                    Qt.ItemDataRole.ForegroundRole,
                    Qt.ItemDataRole.BackgroundRole,
                    Qt.ItemDataRole.DecorationRole,
                ],
            )
