"""The frame every dashboard chart lives in.

A ``ChartPanel`` holds a title, optional controls, a pyqtgraph plot, and the states a
chart goes through: loading (an indeterminate bar, the old picture greyed out — the
window never freezes), an error sentence, "nothing to show", or the chart. It also
does what every chart shares: tooltips with exact values when hovering a bar or a
point, a signal when a bar is clicked, and "Export as PNG/SVG…" from a menu button and
the context menu. Subclasses implement ``draw(data)`` and register hit targets.
"""

from __future__ import annotations

import math
import weakref
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pyqtgraph as pg
import shiboken6
from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCursor
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QProgressBar,
    QSizePolicy,
    QStackedWidget,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from slaworkbench.i18n import tr
from slaworkbench.ui.dashboard.chart_theme import ChartTheme, fmt_number
from slaworkbench.ui.dashboard.export import ExportError, ask_export_path, export_chart

HOVER_RADIUS_PX = 10.0


@dataclass(frozen=True)
class BarTarget:
    """A rectangle in data coordinates: its tooltip and the ticket filter it stands for."""

    rect: QRectF
    tooltip: str
    ticket_filter: dict[str, Any] | None = None


@dataclass(frozen=True)
class PointTarget:
    x: float
    y: float
    tooltip: str


if TYPE_CHECKING:

    class _AxisItem:
        """The part of ``pyqtgraph.AxisItem`` used here (pyqtgraph ships no type hints)."""

        def __init__(self, orientation: str, **kwargs: Any) -> None: ...
        def enableAutoSIPrefix(self, enable: bool = True) -> None: ...
        def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]: ...

else:
    _AxisItem = pg.AxisItem


class LocaleAxis(_AxisItem):
    """Tick labels in the user's locale (decimal separator, digit grouping)."""

    def __init__(self, orientation: str, *, log: bool = False, **kwargs: Any) -> None:
        super().__init__(orientation, **kwargs)
        self.enableAutoSIPrefix(False)
        self._log = log

    def wheelEvent(self, event: Any) -> None:
        """The charts do not zoom, so the wheel over an axis scrolls the dashboard like
        the wheel anywhere else (pyqtgraph's axis took it, and the page stood still
        whenever the pointer crossed an axis)."""
        event.ignore()

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        if self._log:
            out = []
            for v in values:
                real = 10.0**v
                decimals = 0 if real >= 10 else (1 if real >= 1 else 2)
                out.append(fmt_number(real, decimals))
            return out
        decimals = 0 if spacing >= 1 else max(0, min(3, math.ceil(-math.log10(spacing))))
        return [fmt_number(v * scale, decimals) for v in values]


class ChartPanel(QFrame):
    """A titled chart with loading, error and empty states, tooltips, clicks and export."""

    bar_clicked = Signal(dict)
    """A ticket filter (see ``DashboardWidget.open_tickets_requested``)."""

    export_name = "chart"
    legend_columns = 2
    """Legend entries per row; the legend must not be wider than the chart."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chartPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setMinimumHeight(320)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._bars: list[BarTarget] = []
        self._points: list[PointTarget] = []
        self._data: Any = None
        self._stale = False
        """``_data`` is not drawn yet (``set_data`` put it off)."""
        self._rendering = False

        self.title_label = QLabel(title)
        self.period_text = ""
        """What the chart covers ("1 Jan 2026 – 31 Mar 2026"), printed on an exported PNG."""
        font = self.title_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.title_label.setFont(font)
        self.subtitle_label = QLabel()
        self.subtitle_label.setWordWrap(True)
        self.subtitle_label.setVisible(False)
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setMaximumWidth(90)
        self.busy_bar.setMaximumHeight(10)
        self.busy_bar.setTextVisible(False)
        self.busy_bar.setAccessibleName(tr("Loading"))
        self.busy_bar.setVisible(False)
        self.export_button = QToolButton()
        self.export_button.setText(tr("Export"))
        self.export_button.setToolTip(tr("Save this chart as an image"))
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.export_png_action = QAction(tr("Export as PNG…"), self)
        self.export_svg_action = QAction(tr("Export as SVG…"), self)
        self.export_png_action.triggered.connect(lambda: self.export_interactively("png"))
        self.export_svg_action.triggered.connect(lambda: self.export_interactively("svg"))
        menu = QMenu(self)
        menu.addAction(self.export_png_action)
        menu.addAction(self.export_svg_action)
        self.export_button.setMenu(menu)

        self.controls = QHBoxLayout()
        self.controls.setSpacing(6)
        header = QHBoxLayout()
        header.addWidget(self.title_label)
        header.addStretch(1)
        header.addWidget(self.busy_bar)
        header.addLayout(self.controls)
        header.addWidget(self.export_button)

        self.plot_widget = pg.PlotWidget(
            axisItems={"left": LocaleAxis("left"), "bottom": LocaleAxis("bottom")}
        )
        self.plot_widget.setMenuEnabled(False)
        self.plot_widget.setMouseEnabled(x=False, y=False)
        self.plot_widget.hideButtons()
        self.plot_widget.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.plot_widget.customContextMenuRequested.connect(self._context_menu)
        self.plot_widget.scene().sigMouseMoved.connect(self._on_mouse_moved)
        self.plot_widget.scene().sigMouseClicked.connect(self._on_mouse_clicked)
        self.plot = self.plot_widget.getPlotItem()
        # The legend sits under the chart (in the plot's layout), never over the data,
        # and goes into exported images with it.
        self.legend = pg.LegendItem(colCount=4, horSpacing=16, labelTextSize="9pt", frame=False)
        self.plot.layout.addItem(self.legend, 4, 1)

        self.message_label = QLabel()
        self.message_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.plot_widget)
        self.stack.addWidget(self.message_label)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 8)
        layout.addLayout(header)
        layout.addWidget(self.subtitle_label)
        layout.addWidget(self.stack, 1)
        self.apply_theme()

    # --- states ------------------------------------------------------------------------

    def set_busy(self, busy: bool) -> None:
        self.busy_bar.setVisible(busy)
        self.plot_widget.setEnabled(not busy)
        self.plot_widget.setToolTip(tr("Loading…") if busy else "")

    def is_busy(self) -> bool:
        return self.busy_bar.isVisibleTo(self)

    def show_error(self, message: str) -> None:
        self.set_busy(False)
        self._data = None
        self.message_label.setText(message)
        self.message_label.setProperty("state", "error")
        self.stack.setCurrentWidget(self.message_label)
        self._update_export_actions()

    def show_message(self, message: str) -> None:
        self.message_label.setText(message)
        self.message_label.setProperty("state", "empty")
        self.stack.setCurrentWidget(self.message_label)
        self._update_export_actions()

    def message(self) -> str | None:
        """The sentence shown instead of the chart, if any."""
        if self.stack.currentWidget() is self.message_label:
            return self.message_label.text()
        return None

    def set_data(self, data: Any) -> None:
        """Show ``data`` (what this chart's loader returned). A chart on screen is drawn
        in a later turn of the event loop, one chart at a time, those in sight before
        those scrolled out of it (``_LATER``): the dashboard's sections arrive together,
        and drawing every chart in one turn held the window still for half a second at
        its first showing (issue 16). It keeps its busy bar until drawn. A chart not on
        screen is drawn at once (nothing is painted for it)."""
        self._data = data
        if self.isVisible():
            self._stale = True
            _LATER.add(self)
            return
        self.set_busy(False)
        self._redraw()

    def is_pending(self) -> bool:
        """Its data has come and waits for its turn to be drawn."""
        return self._stale

    def ensure_drawn(self) -> None:
        """Draw data whose drawing was put off (a no-op when the chart shows its data)."""
        if self._stale:
            self.set_busy(False)
            self._redraw()

    @property
    def data(self) -> Any:
        return self._data

    def set_subtitle(self, text: str) -> None:
        self.subtitle_label.setText(text)
        self.subtitle_label.setVisible(bool(text))

    # --- drawing -----------------------------------------------------------------------

    def _redraw(self) -> None:
        self._stale = False
        if self._data is None:
            return
        self._bars.clear()
        self._points.clear()
        self.plot.clear()
        self.legend.clear()
        self.legend.setColumnCount(self.legend_columns)
        empty_message = self.draw(self._data)
        if empty_message:
            self.show_message(empty_message)
        else:
            self.stack.setCurrentWidget(self.plot_widget)
        self._update_export_actions()

    def draw(self, data: Any) -> str | None:
        """Draw ``data``; return a sentence instead when there is nothing to draw."""
        raise NotImplementedError

    def theme(self) -> ChartTheme:
        return ChartTheme.from_widget(self)

    def apply_theme(self) -> None:
        theme = self.theme()
        self.plot_widget.setBackground(theme.background)
        for name in ("left", "bottom", "right", "top"):
            axis = self.plot.getAxis(name)
            axis.setPen(pg.mkPen(theme.muted))
            axis.setTextPen(pg.mkPen(theme.foreground))
            axis.label.setDefaultTextColor(theme.foreground)
        self.plot.showGrid(x=False, y=True, alpha=theme.grid_alpha)
        self.legend.setLabelTextColor(theme.foreground)
        error = "#ff8a80" if theme.dark else "#b00020"
        self.message_label.setStyleSheet(f"QLabel[state='error'] {{ color: {error}; }}")
        self._redraw()

    def changeEvent(self, event: QEvent) -> None:
        palette_events = (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange)
        if event.type() in palette_events and not self._rendering:
            self._rendering = True
            try:
                self.apply_theme()
            finally:
                self._rendering = False
        super().changeEvent(event)

    def set_axis_labels(self, left: str, bottom: str) -> None:
        theme = self.theme()
        style = {"color": theme.foreground.name()}
        self.plot.setLabel("left", left, **style)
        self.plot.setLabel("bottom", bottom, **style)

    def set_category_ticks(self, labels: list[str]) -> None:
        self.plot.getAxis("bottom").setTicks([list(enumerate(labels)), []])

    def clear_category_ticks(self) -> None:
        self.plot.getAxis("bottom").setTicks(None)

    def add_bar_target(self, target: BarTarget) -> None:
        self._bars.append(target)

    def add_point_target(self, target: PointTarget) -> None:
        self._points.append(target)

    @property
    def bar_targets(self) -> list[BarTarget]:
        self.ensure_drawn()
        return list(self._bars)

    @property
    def point_targets(self) -> list[PointTarget]:
        self.ensure_drawn()
        return list(self._points)

    # --- hover and click ---------------------------------------------------------------

    def target_at(self, scene_pos: QPointF) -> BarTarget | PointTarget | None:
        view_box = self.plot.getViewBox()
        if not view_box.sceneBoundingRect().contains(scene_pos):
            return None
        best: PointTarget | None = None
        best_distance = HOVER_RADIUS_PX
        for point in self._points:
            where = view_box.mapViewToScene(QPointF(point.x, point.y))
            distance = math.hypot(where.x() - scene_pos.x(), where.y() - scene_pos.y())
            if distance <= best_distance:
                best, best_distance = point, distance
        if best is not None:
            return best
        data_pos = view_box.mapSceneToView(scene_pos)
        for bar in self._bars:
            if bar.rect.normalized().contains(data_pos):
                return bar
        return None

    def _on_mouse_moved(self, scene_pos: QPointF) -> None:
        target = self.target_at(scene_pos)
        if target is None:
            QToolTip.hideText()
            self.plot_widget.unsetCursor()
            return
        clickable = isinstance(target, BarTarget) and target.ticket_filter is not None
        if clickable:
            self.plot_widget.setCursor(Qt.CursorShape.PointingHandCursor)
        else:
            self.plot_widget.unsetCursor()
        text = target.tooltip
        if clickable:
            text += "\n" + tr("Click to list these tickets.")
        QToolTip.showText(QCursor.pos(), text, self.plot_widget)

    def _on_mouse_clicked(self, event: Any) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        self.click_at(event.scenePos())

    def click_at(self, scene_pos: QPointF) -> bool:
        target = self.target_at(scene_pos)
        if isinstance(target, BarTarget) and target.ticket_filter is not None:
            self.bar_clicked.emit(dict(target.ticket_filter))
            return True
        return False

    # --- export ------------------------------------------------------------------------

    def _update_export_actions(self) -> None:
        enabled = self.stack.currentWidget() is self.plot_widget and self._data is not None
        self.export_button.setEnabled(enabled)

    def _context_menu(self, pos: Any) -> None:
        if not self.export_button.isEnabled():
            return
        menu = QMenu(self)
        menu.addAction(self.export_png_action)
        menu.addAction(self.export_svg_action)
        menu.exec(self.plot_widget.mapToGlobal(pos))

    def export_interactively(self, fmt: str) -> None:
        path = ask_export_path(self, self.export_name, fmt)
        if path is None:
            return
        self.ensure_drawn()
        try:
            export_chart(
                self.plot,
                path,
                title=self.title_label.text(),
                period=self.period_text,
                legend=self.legend,
            )
        except ExportError as error:
            QMessageBox.warning(self, tr("Export chart"), str(error))


class _DrawQueue:
    """Charts whose drawing ``ChartPanel.set_data`` put off, drawn one at a time with
    ``PAUSE_MS`` between them, in which the window paints and answers input (a chain of
    zero timers ran in one pass of the event loop)."""

    PAUSE_MS = 15

    def __init__(self) -> None:
        self._panels: list[weakref.ref[ChartPanel]] = []
        self._scheduled = False

    def add(self, panel: ChartPanel) -> None:
        if not any(ref() is panel for ref in self._panels):
            self._panels.append(weakref.ref(panel))
        self._schedule()

    def _schedule(self) -> None:
        if self._panels and not self._scheduled:
            self._scheduled = True
            QTimer.singleShot(self.PAUSE_MS, self._next)

    def _next(self) -> None:
        self._scheduled = False
        live = [p for ref in self._panels if (p := ref()) is not None and shiboken6.isValid(p)]
        waiting = [panel for panel in live if panel._stale]
        # those in sight first, in the order their data came
        waiting.sort(key=lambda panel: panel.visibleRegion().isEmpty())
        self._panels = [weakref.ref(panel) for panel in waiting[1:]]
        try:
            if waiting:
                waiting[0].ensure_drawn()
        finally:  # a chart that fails to draw leaves the others theirs
            self._schedule()


_LATER = _DrawQueue()
