"""How the ticket list paints a cell: the time-to-breach's clock name and a visible focus.

- The time-to-breach cell shows, after its countdown, the name of the clock it counts
  in small muted text (``2h 14m  Resolution``), when the column is wide enough.
- Keyboard focus is visible: while the table has focus, the selected row uses the
  palette's highlight and the current row is outlined; without focus the selection is
  a muted tint of the highlight, so one can tell at a glance where the keys go.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
)

AnyIndex = QModelIndex | QPersistentModelIndex
_GAP = 8


def _mix(a: QColor, b: QColor, share_of_a: float) -> QColor:
    def channel(x: int, y: int) -> int:
        return round(x * share_of_a + y * (1 - share_of_a))

    return QColor(
        channel(a.red(), b.red()), channel(a.green(), b.green()), channel(a.blue(), b.blue())
    )


class TicketListDelegate(QStyledItemDelegate):
    """Paints the ticket list's cells (see the module's docstring)."""

    def __init__(self, view: QAbstractItemView, *, metric_column: int, metric_role: int) -> None:
        super().__init__(view)
        self._view = view
        self._metric_column = metric_column
        self._metric_role = metric_role

    def _secondary(self, index: AnyIndex) -> str:
        if index.column() != self._metric_column:
            return ""
        value = index.data(self._metric_role)
        return value if isinstance(value, str) else ""

    def initStyleOption(self, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        super().initStyleOption(option, index)
        if self._view.hasFocus():
            return
        palette = QPalette(option.palette)
        base = palette.color(QPalette.ColorRole.Base)
        highlight = palette.color(QPalette.ColorRole.Highlight)
        muted = _mix(highlight, base, 0.35)
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            palette.setColor(group, QPalette.ColorRole.Highlight, muted)
            palette.setColor(
                group, QPalette.ColorRole.HighlightedText, palette.color(QPalette.ColorRole.Text)
            )
        option.palette = palette

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        super().paint(painter, option, index)
        rect: QRect = option.rect
        secondary = self._secondary(index)
        if secondary:
            self._paint_secondary(painter, option, index, rect, secondary)
        if self._view.hasFocus() and index.row() == self._view.currentIndex().row():
            self._paint_focus(painter, option, index, rect)

    def _paint_secondary(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: AnyIndex,
        rect: QRect,
        text: str,
    ) -> None:
        shown = QStyleOptionViewItem(option)
        self.initStyleOption(shown, index)
        style = self._view.style()
        main = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, shown, self._view)
        font = shown.font
        font.setPointSizeF(max(6.0, font.pointSizeF() * 0.82))
        painter.save()
        painter.setFont(font)
        metrics = painter.fontMetrics()
        used = shown.fontMetrics.horizontalAdvance(shown.text) + _GAP
        room = QRect(
            main.left() + used, rect.top(), rect.right() - main.left() - used - 4, rect.height()
        )
        shown_text = metrics.elidedText(text, Qt.TextElideMode.ElideRight, room.width())
        if len(shown_text) >= min(len(text), 5):  # a name cut to "Pe…" says nothing
            selected = bool(shown.state & QStyle.StateFlag.State_Selected)
            palette = shown.palette
            colour = palette.color(
                QPalette.ColorRole.HighlightedText
                if selected
                else QPalette.ColorRole.PlaceholderText
            )
            painter.setPen(colour)
            painter.drawText(
                room, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), shown_text
            )
        painter.restore()

    def _paint_focus(
        self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex, rect: QRect
    ) -> None:
        """The current row's outline, drawn cell by cell (top, bottom, and the ends)."""
        palette = option.palette
        pen = QPen(palette.color(QPalette.ColorRole.Text))
        pen.setWidth(1)
        pen.setStyle(Qt.PenStyle.DotLine)
        painter.save()
        painter.setPen(pen)
        top, bottom = rect.top(), rect.bottom()
        painter.drawLine(rect.left(), top, rect.right(), top)
        painter.drawLine(rect.left(), bottom, rect.right(), bottom)
        if isinstance(self._view, QTableView):
            header = self._view.horizontalHeader()
            shown = [
                header.logicalIndex(v)
                for v in range(header.count())
                if not header.isSectionHidden(header.logicalIndex(v))
            ]
            if shown and shown[0] == index.column():
                painter.drawLine(rect.left(), top, rect.left(), bottom)
            if shown and shown[-1] == index.column():
                painter.drawLine(rect.right(), top, rect.right(), bottom)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        size = super().sizeHint(option, index)
        secondary = self._secondary(index)
        if secondary:
            size.setWidth(size.width() + option.fontMetrics.horizontalAdvance(secondary) + _GAP)
        return size
