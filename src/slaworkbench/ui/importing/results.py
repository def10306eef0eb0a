"""What a check found (or an import did): the counts, the first tickets, the rejected rows."""

from __future__ import annotations

from PySide6.QtCore import QLocale, QSortFilterProxyModel, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from slaworkbench.i18n import tr
from slaworkbench.store.importing.records import ImportSummary
from slaworkbench.ui.importing.parts import Figure
from slaworkbench.ui.importing.preview_model import ImportPreviewModel
from slaworkbench.ui.importing.rejection_model import RejectionTableModel
from slaworkbench.ui.policy.common import HintLabel

UNLIMITED = (1 << 24) - 1
"""Qt's QWIDGETSIZE_MAX: no maximum height."""


def _table(model: ImportPreviewModel | RejectionTableModel, name: str) -> QTableView:
    proxy = QSortFilterProxyModel(model)
    proxy.setSourceModel(model)
    proxy.setSortRole(model.SortRole)
    view = QTableView()
    view.setObjectName(name)
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # file order until a header click
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setDefaultAlignment(
        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    )
    return view


def _title() -> QLabel:
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    font = QFont(label.font())
    font.setBold(True)
    label.setFont(font)
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
    return label


class ImportResults(QStackedWidget):
    """A hint until a file is checked; then the counts and the two tables."""

    REJECTIONS_SHOWN = 8
    """Up to this many rejected rows are shown without scrolling."""

    def __init__(self, locale: QLocale, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._locale = locale
        self.placeholder = HintLabel(
            tr(
                "Choose a file and press Check file: the whole file is read and checked, and "
                "you see what would be imported. Nothing is written until you press Import."
            )
        )
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setMargin(24)
        self.placeholder.setFrameShape(QFrame.Shape.StyledPanel)

        self.rows_figure = Figure(tr("rows read"))
        self.tickets_figure = Figure(tr("tickets to import"))
        self.skipped_figure = Figure(tr("already in the workspace"))
        self.events_figure = Figure(tr("events"))
        self.rejected_figure = Figure(tr("rows rejected"))
        figures = QHBoxLayout()
        for figure in (
            self.rows_figure,
            self.tickets_figure,
            self.skipped_figure,
            self.events_figure,
            self.rejected_figure,
        ):
            figures.addWidget(figure)
        figures.addStretch(1)

        self.preview_model = ImportPreviewModel(self, locale=locale)
        self.rejection_model = RejectionTableModel(self, locale=locale)
        self.preview_view = _table(self.preview_model, "import_preview")
        self.rejection_view = _table(self.rejection_model, "import_rejections")
        self.preview_title = _title()
        self.rejection_title = _title()
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        sections: list[QWidget] = []
        for title, view in (
            (self.preview_title, self.preview_view),
            (self.rejection_title, self.rejection_view),
        ):
            section = QWidget()
            sections.append(section)
            box = QVBoxLayout(section)
            box.setContentsMargins(0, 8, 0, 0)
            box.addWidget(title)
            box.addWidget(view)
            self.splitter.addWidget(section)
        self.rejection_section = sections[1]
        # The rejected rows take the height they need (up to a few lines), the preview the rest.
        section_layout = self.rejection_section.layout()
        assert section_layout is not None
        section_layout.setSizeConstraint(QLayout.SizeConstraint.SetMinAndMaxSize)
        header = self.rejection_view.horizontalHeader()
        header.setSectionResizeMode(RejectionTableModel.COL_REASON, QHeaderView.ResizeMode.Stretch)
        self.rejection_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.preview_view.setMinimumHeight(self._rows_height(self.preview_view, 4))

        page = QWidget()
        box = QVBoxLayout(page)
        box.setContentsMargins(0, 0, 0, 0)
        box.addLayout(figures)
        box.addWidget(self.splitter, 1)
        self.addWidget(self.placeholder)
        self.addWidget(page)

    def clear(self) -> None:
        self.preview_model.set_rows([])
        self.rejection_model.set_rows([])
        self.setCurrentIndex(0)

    def show_check(self, summary: ImportSummary) -> None:
        self._show_figures(summary)
        self.preview_model.set_rows(summary.preview)
        self.rejection_model.set_rows(summary.rejections)
        self.preview_view.resizeColumnsToContents()
        for column in (RejectionTableModel.COL_LINE, RejectionTableModel.COL_COLUMN):
            self.rejection_view.resizeColumnToContents(column)
        shown = min(max(len(summary.rejections), 1), self.REJECTIONS_SHOWN)
        self.rejection_view.setMinimumHeight(self._rows_height(self.rejection_view, min(shown, 3)))
        self.rejection_view.setMaximumHeight(
            self._rows_height(self.rejection_view, shown)
            if len(summary.rejections) <= self.REJECTIONS_SHOWN
            else UNLIMITED
        )
        shown = len(summary.preview)
        if not shown:
            title = tr("No new tickets")
        elif shown < summary.tickets_imported:
            title = tr("The first {count} tickets, as they will be stored").format(
                count=self._number(shown)
            )
        else:
            title = tr("The tickets, as they will be stored")
        self.preview_title.setText(title)
        self.rejection_title.setText(
            tr("Rejected rows ({count}), left out of the import").format(
                count=self._number(summary.rejected_rows)
            )
        )
        self.rejection_section.setVisible(bool(summary.rejections))
        self.setCurrentIndex(1)

    def show_import(self, summary: ImportSummary) -> None:
        self._show_figures(summary)
        shown = self.preview_model.rowCount()
        if not shown:
            title = tr("No new tickets")
        elif shown < summary.tickets_imported:
            title = tr("The first {count} imported tickets").format(count=self._number(shown))
        else:
            title = tr("The imported tickets")
        self.preview_title.setText(title)
        self.setCurrentIndex(1)

    @staticmethod
    def _rows_height(view: QTableView, rows: int) -> int:
        header = view.horizontalHeader().sizeHint().height()
        return header + rows * view.verticalHeader().defaultSectionSize() + 2 * view.frameWidth()

    def _show_figures(self, summary: ImportSummary) -> None:
        done = not summary.dry_run
        self.rows_figure.set_value(self._number(summary.rows))
        self.tickets_figure.set_value(
            self._number(summary.tickets_imported),
            tr("tickets imported") if done else tr("tickets to import"),
        )
        self.skipped_figure.set_value(
            self._number(summary.tickets_skipped),
            tr("skipped, already there") if done else tr("already in the workspace"),
        )
        self.events_figure.set_value(
            self._number(summary.events_imported),
            tr("events imported") if done else tr("events"),
        )
        self.rejected_figure.set_value(self._number(summary.rejected_rows))
        self.rejected_figure.set_alert(bool(summary.rejections))

    def _number(self, value: int) -> str:
        return self._locale.toString(value)
