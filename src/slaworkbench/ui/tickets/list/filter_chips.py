"""The active filter, shown above the ticket list as removable chips.

A chip is a small framed label with a × button: one for a saved filter, or else one
each for a dashboard click's filter, the search and the toolbar's narrowing. The row of
chips is hidden when the list is a plain view. ``removed`` carries the chip's kind
(a plain ``str``): the list controller drops that filter and shows the plain view.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

from slaworkbench.i18n import tr

SAVED = "saved"
DASHBOARD = "dashboard"
SEARCH = "search"
NARROWING = "narrowing"


@dataclass(frozen=True, slots=True)
class Chip:
    kind: str
    """``SAVED``, ``DASHBOARD``, ``SEARCH`` or ``NARROWING``."""
    text: str


class FilterChip(QFrame):
    """One filter: its words and a × that removes it."""

    removed = Signal(str)

    def __init__(self, chip: Chip, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = chip.kind
        self.setObjectName(f"filter_chip_{chip.kind}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFrameShadow(QFrame.Shadow.Plain)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 1, 2, 1)
        layout.setSpacing(4)
        self.label = QLabel(chip.text, self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setToolTip(chip.text)
        self.close_button = QToolButton(self)
        self.close_button.setObjectName("filter_chip_close")
        self.close_button.setText("×")
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip(tr("Remove this filter"))
        self.close_button.setAccessibleName(tr("Remove filter: {filter}").format(filter=chip.text))
        self.close_button.clicked.connect(lambda: self.removed.emit(self.kind))
        layout.addWidget(self.label)
        layout.addWidget(self.close_button)


class FilterChipBar(QWidget):
    """The row of chips above the list (hidden when no filter is active)."""

    removed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("filter_chips")
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(4, 3, 4, 3)
        self._layout.setSpacing(6)
        self._title = QLabel(tr("Filtered by:"), self)
        self._layout.addWidget(self._title)
        self._layout.addStretch(1)
        self.chips: list[FilterChip] = []
        self.setVisible(False)

    def show_chips(self, chips: list[Chip]) -> None:
        for old in self.chips:
            self._layout.removeWidget(old)
            old.hide()
            old.deleteLater()
        self.chips = []
        for position, chip in enumerate(chips, start=1):
            widget = FilterChip(chip, self)
            widget.removed.connect(self.removed)
            self._layout.insertWidget(position, widget)
            self.chips.append(widget)
        self.setVisible(bool(chips))

    def chip(self, kind: str) -> FilterChip | None:
        return next((c for c in self.chips if c.kind == kind), None)
