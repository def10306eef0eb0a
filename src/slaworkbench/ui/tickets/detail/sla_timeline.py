"""The per-ticket SLA timeline: a horizontal picture of the ticket's life.

Painted by hand (``QPainter``) from an ``SlaTimeline`` built on the worker thread: the
calendar's non-working time shaded behind everything, a status row (pauses hatched),
one row per metric with each cycle's bar (coloured by its state), its due instant (a
tick) and *now*, then a row of escalations fired (diamonds) and one of assignments and
reopenings. The whole life fits the width at first; the mouse wheel zooms in and out
around the pointer, dragging pans, and the Fit button (or a double click) shows the whole
life again; the time axis picks its step (minutes to years) and its labels for the span
shown. Hovering any bar or marker shows what it is as a tooltip.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC as UTC_ZONE
from datetime import datetime, timedelta, tzinfo

from PySide6.QtCore import QDate, QDateTime, QLocale, QPointF, QRectF, QSize, Qt, QTime
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFontMetrics,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QPolygonF,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QSizePolicy, QToolButton, QToolTip, QWidget

from slaworkbench.domain.labels import status_label
from slaworkbench.i18n import tr
from slaworkbench.ui.tickets.detail.explanation_view import local_text
from slaworkbench.ui.tickets.detail.sla_timeline_model import CycleBar, SlaTimeline

LABEL_WIDTH = 118
"""The labels' column at its narrowest; wider for longer labels (``label_width``)."""
LABEL_SHARE = 0.35
"""The most of the view's width the labels may take."""
AXIS_HEIGHT = 22
NOW_LINE = 14
"""Under the axis's labels, a line of its own for "now" where the ticket's life reaches
it (on the labels' line, "now" was written over the label of a ticket opened now)."""
ROW_HEIGHT = 22
MARGIN = 8

STATE_COLOURS = {
    "achieved": "#3c9a5f",
    "breached": "#d0463c",
    "running": "#3d7dd8",
    "paused": "#c9a227",
}
STATUS_COLOURS = {
    "new": "#8fb4e8",
    "open": "#3d7dd8",
    "pending": "#e0b84a",
    "on_hold": "#e0b84a",
    "solved": "#9aa3ad",
    "closed": "#6d7680",
}
TICKS = (
    60,
    5 * 60,
    10 * 60,
    15 * 60,
    30 * 60,
    3600,
    3 * 3600,
    6 * 3600,
    12 * 3600,
    86400,
    2 * 86400,
    7 * 86400,
    14 * 86400,
    30 * 86400,
    91 * 86400,
    365 * 86400,
)
MIN_SPAN = 15 * 60
"""The narrowest span zooming in shows (seconds)."""
WHEEL_STEP = 0.8
"""A wheel notch (120 eighths of a degree) away from you shows this share of the span."""


def _label(moment: datetime, pattern: str) -> str:
    """A tick label in the user's language (day and month names from ``QLocale``)."""
    local = QDateTime(
        QDate(moment.year, moment.month, moment.day),
        QTime(moment.hour, moment.minute),
    )
    return QLocale().toString(local, pattern)


def _first_tick(local: datetime, step: int) -> datetime:
    """The first tick at or before ``local``: a whole multiple of ``step`` in local time
    (minutes past the hour, hours of the day), or a midnight for a step of days."""
    if step >= 86400:
        return local.replace(hour=0, minute=0, second=0, microsecond=0)
    if step >= 3600:
        hours = step // 3600
        return local.replace(
            hour=local.hour - local.hour % hours, minute=0, second=0, microsecond=0
        )
    minutes = step // 60
    return local.replace(minute=local.minute - local.minute % minutes, second=0, microsecond=0)


def _next_tick(tick: datetime, step: int, zone: tzinfo) -> datetime:
    following = (tick + timedelta(seconds=step)).astimezone(zone)
    if step >= 86400:  # a local midnight, whatever the day's length (DST)
        following = following.replace(hour=0, minute=0, second=0, microsecond=0)
        if following <= tick:
            following = (following + timedelta(days=1)).replace(hour=0)
    return following


@dataclass(frozen=True, slots=True)
class HitArea:
    rect: QRectF
    tip: str


class SlaTimelineView(QWidget):
    """The timeline of one ticket; ``set_timeline`` shows one, ``show_message`` a line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sla_timeline")
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._timeline: SlaTimeline | None = None
        self._message = ""
        self._zone: tzinfo = UTC_ZONE
        self._hits: list[HitArea] = []
        self._axis: list[str] = []
        self.marker_labels: list[tuple[str, QRectF]] = []
        """The markers' labels as last painted (elided where the next marker is near)."""
        self.axis_right = 0.0
        """Where the axis's last label ends, as last painted."""
        self.now_label = QRectF()
        """Where "now" was last written above its line."""
        self.axis_label_rects: list[QRectF] = []
        """Where the axis's labels were painted last."""
        self._view: tuple[float, float] | None = None
        """The span shown (instants) when zoomed or panned; ``None``: the whole life."""
        self._widest_label = 0
        self._drag: tuple[float, tuple[float, float]] | None = None
        self.setAccessibleName(tr("SLA timeline"))
        self.setToolTip("")
        self.fit_button = QToolButton(self)
        self.fit_button.setText(tr("Fit"))
        self.fit_button.setToolTip(
            tr("Show the ticket's whole life again (or double-click the timeline)")
        )
        self.fit_button.setAutoRaise(True)
        self.fit_button.clicked.connect(self.zoom_to_fit)
        self.fit_button.move(4, MARGIN - 2)
        self.fit_button.setEnabled(False)

    # -- what it shows -----------------------------------------------------------------
    def set_timeline(self, timeline: SlaTimeline, zone: tzinfo | None = None) -> None:
        """Show ``timeline``; the same ticket again (same life's start) keeps its zoom."""
        old = self._timeline
        if old is None or old.start != timeline.start:
            self._set_view(None)
        self._timeline = timeline
        if self._view is not None:
            self._set_view(self._view)  # within the (maybe longer) life
        self._zone = zone or UTC_ZONE
        self._message = ""
        metrics = self.fontMetrics()
        self._widest_label = max(
            (metrics.horizontalAdvance(label) for label in self.row_labels()), default=0
        )
        self.setFixedHeight(self._height())
        self.update()

    def show_message(self, message: str) -> None:
        self._timeline = None
        self._set_view(None)
        self._message = message
        self.setFixedHeight(AXIS_HEIGHT + ROW_HEIGHT)
        self.update()

    def timeline(self) -> SlaTimeline | None:
        return self._timeline

    def row_labels(self) -> list[str]:
        """The rows top to bottom, as their labels read."""
        if self._timeline is None:
            return []
        return [
            tr("Status"),
            *(row.label for row in self._timeline.rows),
            tr("Escalations"),
            tr("Assignments"),
        ]

    def _height(self) -> int:
        rows = self._axis_height() + ROW_HEIGHT * len(self.row_labels()) + MARGIN * 2
        return rows + round(self._legend_rect(0.0).height()) + 2

    def label_width(self) -> int:
        """The labels' column: the longest label ("Atualização periódica") whole, within
        ``LABEL_SHARE`` of the width (the rest elided), never under ``LABEL_WIDTH``."""
        wanted = self._widest_label + 12
        return int(max(LABEL_WIDTH, min(wanted, self.width() * LABEL_SHARE)))

    def sizeHint(self) -> QSize:
        return QSize(600, self._height() if self._timeline else AXIS_HEIGHT + ROW_HEIGHT)

    # -- zoom --------------------------------------------------------------------------
    def visible_range(self) -> tuple[float, float]:
        """The instants at the left and right edges of the plot."""
        if self._view is not None:
            return self._view
        assert self._timeline is not None
        return float(self._timeline.start), float(max(self._timeline.end, self._timeline.start + 1))

    def is_zoomed(self) -> bool:
        return self._view is not None

    def zoom_to_fit(self) -> None:
        self._set_view(None)
        self.update()

    def zoom_at(self, x: float, factor: float) -> None:
        """Show ``factor`` times the span, keeping the instant under ``x`` where it is."""
        if self._timeline is None:
            return
        start, end = self.visible_range()
        anchor = self.instant_at(x)
        life = max(1, self._timeline.end - self._timeline.start)
        span = min(float(life), max(float(min(MIN_SPAN, life)), (end - start) * factor))
        share = (anchor - start) / (end - start)
        self._set_view((anchor - share * span, anchor - share * span + span))
        self.update()

    def pan_by(self, dx: float) -> None:
        """Move the span shown by ``dx`` pixels (a drag to the right shows earlier time)."""
        if self._view is None:
            return
        start, end = self._view
        shift = -dx * (end - start) / self._plot_width()
        self._set_view((start + shift, end + shift))
        self.update()

    def _set_view(self, view: tuple[float, float] | None) -> None:
        """Keep the span shown inside the ticket's life; the whole life is no zoom."""
        timeline = self._timeline
        if view is not None and timeline is not None:
            start, end = view
            life_start, life_end = float(timeline.start), float(timeline.end)
            span = end - start
            if span >= life_end - life_start:
                view = None
            else:
                start = min(max(start, life_start), life_end - span)
                view = (start, start + span)
        self._view = view
        self.fit_button.setEnabled(view is not None)

    # -- geometry ----------------------------------------------------------------------
    def _plot_width(self) -> float:
        return max(1.0, self.width() - self.label_width() - MARGIN)

    def x_of(self, instant: float) -> float:
        """The x of an instant in the span shown."""
        start, end = self.visible_range()
        return self.label_width() + (instant - start) * self._plot_width() / (end - start)

    def instant_at(self, x: float) -> float:
        """The instant at ``x`` in the span shown."""
        start, end = self.visible_range()
        return start + (x - self.label_width()) * (end - start) / self._plot_width()

    def row_top(self, number: int) -> float:
        return MARGIN + self._axis_height() + number * ROW_HEIGHT

    def _axis_height(self) -> int:
        timeline = self._timeline
        shows_now = timeline is not None and timeline.start <= timeline.now <= timeline.end
        return AXIS_HEIGHT + NOW_LINE * shows_now

    def axis_labels(self) -> list[str]:
        """The time axis's labels, left to right (as last painted)."""
        return list(self._axis)

    def hit_areas(self) -> list[HitArea]:
        """What hovering shows, where (as last painted)."""
        return list(self._hits)

    # -- painting ----------------------------------------------------------------------
    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.Text)
        if self._timeline is None:
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self._message)
            return
        self._hits = []
        plot_top = MARGIN + self._axis_height()
        plot_bottom = self.row_top(len(self.row_labels()))
        # What lies outside the span shown is cut at the plot's edges, not over the labels.
        painter.setClipRect(
            QRectF(self.label_width(), 0, self._plot_width() + MARGIN, plot_bottom + 1)
        )
        self._paint_working(painter, plot_top, plot_bottom)
        self._paint_axis(painter, text, plot_top, plot_bottom)
        self._paint_plot(painter, text, plot_top, plot_bottom)
        painter.setClipping(False)
        labels = self.row_labels()
        painter.setPen(text)
        room = self.label_width() - 8
        metrics = self.fontMetrics()
        for number, label in enumerate(labels):
            rect = QRectF(4, self.row_top(number), room, ROW_HEIGHT)
            shown = metrics.elidedText(label, Qt.TextElideMode.ElideRight, room)
            painter.drawText(
                rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, shown
            )
        self._paint_legend(painter, text, plot_bottom)

    def _paint_plot(
        self, painter: QPainter, text: QColor, plot_top: float, plot_bottom: float
    ) -> None:
        timeline = self._timeline
        assert timeline is not None
        self._paint_status(painter, 0)
        for number, row in enumerate(timeline.rows, start=1):
            self._paint_cycles(painter, number, row.bars)
        escalation_row = len(timeline.rows) + 1
        self._paint_markers(painter, escalation_row, escalation_row + 1, text)
        now_x = self.x_of(timeline.now)
        if timeline.start <= timeline.now <= timeline.end:
            painter.setPen(QPen(QColor("#d0463c"), 1, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(now_x, plot_top - 4), QPointF(now_x, plot_bottom))
            word = tr("now")
            advance = painter.fontMetrics().horizontalAdvance(word)
            # Left of its line where the right edge would cut it (a ticket still open: its
            # life ends now, at the plot's edge).
            left = now_x + 3 if now_x + 3 + advance <= self.width() else now_x - 3 - advance
            metrics = painter.fontMetrics()
            baseline = plot_top - 3 - metrics.descent()
            painter.drawText(QPointF(left, baseline), word)
            self.now_label = QRectF(left, baseline - metrics.ascent(), advance, metrics.height())

    def _paint_working(self, painter: QPainter, top: float, bottom: float) -> None:
        timeline = self._timeline
        assert timeline is not None
        left, right = self.x_of(timeline.start), self.x_of(timeline.end)
        if timeline.working is None:
            return
        off = QColor(128, 128, 128, 46)
        painter.fillRect(QRectF(left, top, right - left, bottom - top), off)
        on = self.palette().color(QPalette.ColorRole.Base)
        for a, b in timeline.working:
            x0, x1 = self.x_of(a), self.x_of(b)
            painter.fillRect(QRectF(x0, top, max(1.0, x1 - x0), bottom - top), on)

    def _paint_axis(self, painter: QPainter, text: QColor, top: float, bottom: float) -> None:
        """Grid lines and labels at a step that leaves room for each label: minutes when
        zoomed in (with the day named where it changes), days, months or years out."""
        start, end = self.visible_range()
        width = self._plot_width()
        span = end - start
        step = next((s for s in TICKS if span / s <= width / 70), TICKS[-1])
        tick = _first_tick(datetime.fromtimestamp(int(start), self._zone), step)
        metrics = QFontMetrics(self.font())
        grid = QColor(text)
        grid.setAlpha(40)
        # The left edge names its day and time; the ticks then name what changes.
        first = datetime.fromtimestamp(int(start), self._zone)
        first_label = _label(first, "ddd dd MMM HH:mm" if step < 30 * 86400 else "MMM yyyy")
        painter.setPen(text)
        painter.drawText(QPointF(self.label_width() + 2, MARGIN + 12), first_label)
        self._axis = [first_label]
        top_of_text = MARGIN + 12 - metrics.ascent()
        self.axis_label_rects = [
            QRectF(
                self.label_width() + 2,
                top_of_text,
                metrics.horizontalAdvance(first_label),
                metrics.height(),
            )
        ]
        last_label_end = float(self.label_width() + 2 + metrics.horizontalAdvance(first_label))
        self.axis_right = last_label_end
        day_shown = first.date()
        while tick.timestamp() <= end:
            instant = int(tick.timestamp())
            if instant >= start:
                x = self.x_of(instant)
                painter.setPen(QPen(grid, 1))
                painter.drawLine(QPointF(x, top), QPointF(x, bottom))
                if step >= 30 * 86400:
                    label = _label(tick, "MMM yyyy")
                elif step >= 86400:
                    label = _label(tick, "ddd dd MMM")
                elif tick.date() != day_shown:  # the day, where it changes
                    label = _label(tick, "ddd dd MMM HH:mm")
                else:
                    label = _label(tick, "HH:mm")
                fits = x + 2 + metrics.horizontalAdvance(label) <= self.width()
                if x > last_label_end + 4 and fits:  # a label cut at the edge said "May 202"
                    painter.setPen(text)
                    painter.drawText(QPointF(x + 2, MARGIN + 12), label)
                    self._axis.append(label)
                    self.axis_label_rects.append(
                        QRectF(
                            x + 2, top_of_text, metrics.horizontalAdvance(label), metrics.height()
                        )
                    )
                    last_label_end = x + 2 + metrics.horizontalAdvance(label)
                    self.axis_right = last_label_end
                    day_shown = tick.date()
            tick = _next_tick(tick, step, self._zone)

    def _bar(self, number: int, a: int, b: int, inset: float = 4) -> QRectF:
        x0, x1 = self.x_of(a), self.x_of(b)
        return QRectF(x0, self.row_top(number) + inset, max(2.0, x1 - x0), ROW_HEIGHT - 2 * inset)

    def _paint_status(self, painter: QPainter, number: int) -> None:
        timeline = self._timeline
        assert timeline is not None
        for period in timeline.periods:
            rect = self._bar(number, period.start, period.end, 6)
            colour = QColor(STATUS_COLOURS.get(period.status.value, "#888888"))
            painter.fillRect(rect, colour)
            if period.paused:
                painter.fillRect(rect, QBrush(QColor(0, 0, 0, 90), Qt.BrushStyle.BDiagPattern))
            tip = tr("{status} from {start} to {end}").format(
                status=status_label(period.status),
                start=local_text(period.start),
                end=local_text(period.end),
            )
            if period.paused:
                tip += "\n" + tr("The SLA clocks are paused.")
            self._hits.append(HitArea(rect, tip))

    def _paint_cycles(self, painter: QPainter, number: int, bars: tuple[CycleBar, ...]) -> None:
        for bar in bars:
            rect = self._bar(number, bar.start, bar.end)
            colour = QColor(STATE_COLOURS.get(bar.state, "#888888"))
            if bar.running:
                colour.setAlpha(170)
            painter.fillRect(rect, colour)
            tip = bar.tip + "\n" + tr("started {start}").format(start=local_text(bar.start))
            if bar.due_at is not None:
                due_x = self.x_of(bar.due_at)
                top = self.row_top(number) + 1
                painter.setPen(
                    QPen(QColor("#202020") if not self._dark() else QColor("#f0f0f0"), 2)
                )
                painter.drawLine(QPointF(due_x, top), QPointF(due_x, top + ROW_HEIGHT - 2))
                word = tr("due {when}") if bar.running else tr("was due {when}")
                tip += "\n" + word.format(when=local_text(bar.due_at))
                self._hits.append(
                    HitArea(
                        QRectF(due_x - 3, top, 6, ROW_HEIGHT - 2),
                        word.format(when=local_text(bar.due_at)),
                    )
                )
            self._hits.append(HitArea(rect, tip))

    def _dark(self) -> bool:
        return self.palette().color(QPalette.ColorRole.Base).lightness() < 128

    def _paint_markers(
        self, painter: QPainter, escalations: int, others: int, text: QColor
    ) -> None:
        timeline = self._timeline
        assert timeline is not None
        # A labelled marker's text runs to the next labelled marker at most, elided (or
        # left out: its tooltip still says it), and never past the plot: two assignments
        # an hour apart on a ten-year life printed over each other.
        # Of markers at one spot, the last one's label shows.
        labelled = sorted(
            (self.x_of(m.at), n)
            for n, m in enumerate(timeline.markers)
            if m.kind not in ("escalation", "reopen")
        )
        ends = [x for x, _ in labelled[1:]] + [self.width() - MARGIN] * bool(labelled)
        room = {n: end - x - 10 for (x, n), end in zip(labelled, ends, strict=True)}
        metrics = painter.fontMetrics()
        self.marker_labels = []
        for number, marker in enumerate(timeline.markers):
            x = self.x_of(marker.at)
            row = escalations if marker.kind == "escalation" else others
            if marker.kind == "reopen":
                row = 0  # on the status row, where the ticket comes back from solved
            middle = self.row_top(row) + ROW_HEIGHT / 2
            if marker.kind == "escalation":
                diamond = QPolygonF(
                    [
                        QPointF(x, middle - 7),
                        QPointF(x + 6, middle),
                        QPointF(x, middle + 7),
                        QPointF(x - 6, middle),
                    ]
                )
                painter.setPen(QPen(QColor("#7a1f17"), 1))
                painter.setBrush(QColor("#e8663d"))
                painter.drawPolygon(diamond)
            elif marker.kind == "reopen":
                painter.setPen(QPen(text, 2))
                painter.drawLine(QPointF(x, middle - 9), QPointF(x, middle + 9))
                arrow = QPolygonF(
                    [QPointF(x, middle - 9), QPointF(x + 6, middle - 6), QPointF(x, middle - 3)]
                )
                painter.setBrush(text)
                painter.drawPolygon(arrow)
            else:
                painter.setPen(QPen(text, 1))
                painter.setBrush(QColor("#6a5acd"))
                painter.drawEllipse(QPointF(x, middle), 4, 4)
                shown = metrics.elidedText(
                    marker.label, Qt.TextElideMode.ElideRight, max(0, int(room[number]))
                )
                if shown and shown != "…":
                    painter.drawText(QPointF(x + 6, middle + 4), shown)
                    width = metrics.horizontalAdvance(shown)
                    self.marker_labels.append((shown, QRectF(x + 6, middle - 8, width, 16)))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            self._hits.append(
                HitArea(QRectF(x - 7, middle - 8, 14, 16), f"{local_text(marker.at)}\n{marker.tip}")
            )

    def legend(self) -> str:
        """The line under the plot saying what its shades mean."""
        timeline = self._timeline
        if timeline is None:
            return ""
        if timeline.working is None:
            return tr("Working time not drawn: too long a life to show it at this width.")
        return tr("White: working time of {calendar}; grey: outside it. Hatched: paused.").format(
            calendar=timeline.calendar_name or tr("the calendar")
        )

    def _legend_rect(self, top: float) -> QRectF:
        """Where the legend goes below ``top``: the view's width, on as many lines as that
        takes (a long calendar name, or Portuguese, ran past the edge on one line)."""
        width = max(1, self.width() - 8)
        flags = int(Qt.TextFlag.TextWordWrap)
        needed = self.fontMetrics().boundingRect(0, 0, width, 10_000, flags, self.legend())
        return QRectF(4, top + 2, width, needed.height())

    def _paint_legend(self, painter: QPainter, text: QColor, top: float) -> None:
        painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
        painter.drawText(self._legend_rect(top), int(Qt.TextFlag.TextWordWrap), self.legend())

    # -- hover -------------------------------------------------------------------------
    def tip_at(self, x: float, y: float) -> str:
        """What hovering at (x, y) tells; the smallest area under the pointer wins."""
        if x < self.label_width():  # the labels (what is cut off there tells nothing)
            return ""
        under = [hit for hit in self._hits if hit.rect.contains(QPointF(x, y))]
        if not under:
            return ""
        return min(under, key=lambda hit: hit.rect.width() * hit.rect.height()).tip

    def wheelEvent(self, event: QWheelEvent) -> None:
        notches = event.angleDelta().y() / 120
        if self._timeline is None or not notches:
            event.ignore()
            return
        self.zoom_at(max(self.label_width(), event.position().x()), WHEEL_STEP**notches)
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self._view is not None:
            self._drag = (event.position().x(), self._view)
            self.setCursor(Qt.CursorShape.ClosedHandCursor)
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._drag is not None:
            self._drag = None
            self.unsetCursor()
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self.zoom_to_fit()
        super().mouseDoubleClickEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.fit_button.move(4, MARGIN - 2)
        super().resizeEvent(event)
        if self._timeline is not None and self.height() != self._height():
            self.setFixedHeight(self._height())  # the legend's lines follow the width

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drag is not None and event.buttons() & Qt.MouseButton.LeftButton:
            pressed_x, (start, end) = self._drag
            self._view = (start, end)
            self.pan_by(event.position().x() - pressed_x)
            super().mouseMoveEvent(event)
            return
        tip = self.tip_at(event.position().x(), event.position().y())
        self.setToolTip(tip)
        if tip:
            QToolTip.showText(event.globalPosition().toPoint(), tip, self)
        else:
            QToolTip.hideText()
        super().mouseMoveEvent(event)
