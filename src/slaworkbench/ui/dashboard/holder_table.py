"""A table of figures per holder (team or agent): compliance, stopped, breached, median
and P90 business time (and running cycles). A click on a Stopped or Breached number
emits ``number_clicked(name, breached)`` (name "" = nobody). Shared by the OLA view and
the SLA holders' view."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from slaworkbench.app.ola.accountability import HolderFigures
from slaworkbench.domain.durations import format_duration
from slaworkbench.i18n import tr
from slaworkbench.reports.formatting import ReportFormat

NAME_ROLE = Qt.ItemDataRole.UserRole
"""On a row's first cell: the team or agent name ("" = nobody)."""
STOPPED_COLUMN, BREACHED_COLUMN = 2, 3


class HolderTable(QTableWidget):
    number_clicked = Signal(str, bool)

    def __init__(
        self,
        first: str,
        met: str,
        *,
        running: bool,
        nobody: str,
        parent: QWidget | None = None,
    ) -> None:
        headers = [first, met, tr("Stopped"), tr("Breached"), tr("Median"), tr("P90")]
        if running:
            headers.append(tr("Running"))
        super().__init__(0, len(headers), parent)
        self.running = running
        self.nobody = nobody
        self.setHorizontalHeaderLabels(headers)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.verticalHeader().setVisible(False)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.cellClicked.connect(self._clicked)

    def fill(self, rows: tuple[HolderFigures, ...], fmt: ReportFormat) -> None:
        self.setRowCount(len(rows))
        for r, figures in enumerate(rows):
            texts = [
                figures.name or self.nobody,
                fmt.percent(figures.compliance),
                fmt.count(figures.cycles),
                fmt.count(figures.breached),
                "—" if figures.median is None else format_duration(figures.median),
                "—" if figures.p90 is None else format_duration(figures.p90),
            ]
            if self.running:
                texts.append(fmt.count(figures.running))
            for c, text in enumerate(texts):
                item = QTableWidgetItem(text)
                if c:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                if c in (STOPPED_COLUMN, BREACHED_COLUMN):
                    item.setToolTip(tr("Show these tickets"))
                    font = item.font()
                    font.setUnderline(True)
                    item.setFont(font)
                self.setItem(r, c, item)
            first = self.item(r, 0)
            assert first is not None
            first.setData(NAME_ROLE, figures.name or "")
        self.setFixedHeight(
            self.horizontalHeader().height()
            + max(1, len(rows)) * self.verticalHeader().defaultSectionSize()
            + 4
        )

    def _clicked(self, row: int, column: int) -> None:
        first = self.item(row, 0)
        if column not in (STOPPED_COLUMN, BREACHED_COLUMN) or first is None:
            return
        self.number_clicked.emit(str(first.data(NAME_ROLE)), column == BREACHED_COLUMN)
