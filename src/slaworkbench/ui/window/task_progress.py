"""The status bar's view of background work: what runs, how far, and a Cancel button."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QToolButton, QWidget

from slaworkbench import formatting
from slaworkbench.ui.tasks import TaskHandle


class TaskProgressWidget(QWidget):
    """Follows one task at a time (the newest one that reports progress)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._handle: TaskHandle | None = None
        self.label = QLabel(self)
        self.bar = QProgressBar(self)
        self.bar.setMaximumWidth(220)
        self.bar.setTextVisible(True)
        self.cancel_button = QToolButton(self)
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Stop this task; finished parts are kept"))
        self.cancel_button.clicked.connect(self.cancel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        self.setVisible(False)

    def follow(self, handle: TaskHandle, title: str) -> None:
        self._handle = handle
        self.label.setText(title)
        self.bar.setRange(0, 0)  # busy until the first report
        self.cancel_button.setEnabled(True)
        self.setVisible(True)
        handle.progressed.connect(self._on_progress)
        handle.finished.connect(self._on_finished)

    def following(self) -> TaskHandle | None:
        return self._handle

    @Slot()
    def cancel(self) -> None:
        if self._handle is not None:
            self._handle.cancel()
            self.cancel_button.setEnabled(False)
            self.label.setText(self.tr("Cancelling…"))

    @Slot(int, int, str)
    def _on_progress(self, done: int, total: int, text: str) -> None:
        if self.sender() is not self._handle:
            return
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(done)
            self.bar.setFormat(
                self.tr("{done} of {total}").format(
                    done=formatting.count(done), total=formatting.count(total)
                )
            )
        if text:
            self.label.setText(text)

    @Slot()
    def _on_finished(self) -> None:
        if self.sender() is self._handle:
            self._handle = None
            self.setVisible(False)


__all__ = ["TaskProgressWidget"]
