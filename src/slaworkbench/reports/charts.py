"""Report charts: pyqtgraph plots rendered off screen to PNG by ``ImageExporter``.

The house style keeps pyqtgraph's print exporter out of reports; a chart enters a PDF or
an HTML file as a PNG image. A ``QApplication`` must exist (pyqtgraph plots are widgets);
no window is ever shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import pyqtgraph as pg
import pyqtgraph.exporters as exporters
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage

LOGICAL_WIDTH = 900
"""Chart width in scene units; fonts and pens are sized against it."""
EXPORT_WIDTH = 1800
"""PNG width in pixels (2x for crisp print)."""
SERIES_COLOURS = ("#1f5fa8", "#d9822b", "#3a9a5b", "#8e44ad")
GOAL_COLOUR = "#b03a2e"
BAR_COLOUR = "#1f5fa8"
NEGATIVE_COLOUR = "#b03a2e"


@dataclass(frozen=True, slots=True)
class ChartImage:
    name: str
    image: QImage = field(hash=False)
    """The chart as drawn; the PDF paints it as it is (no PNG round trip)."""
    width: int
    height: int

    @property
    def aspect(self) -> float:
        return self.height / self.width

    @property
    def png(self) -> bytes:
        """The chart as a PNG file, for HTML (encoded when asked: ~0.08 s a chart)."""
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        self.image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stubs say bytes; PySide6 wants str
        buffer.close()
        return bytes(data.data())


@dataclass(frozen=True, slots=True)
class Series:
    label: str
    values: tuple[float | None, ...]
    """One value per category; ``None`` leaves a gap."""


def _plot(height: int, y_label: str) -> pg.PlotWidget:
    # No context menus: a chart drawn into a file is never clicked (each plot built its
    # view box's menu of axis controls, a tenth of a chart's making).
    widget = pg.PlotWidget(background="w", enableMenu=False)
    widget.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    widget.resize(LOGICAL_WIDTH, height)
    item = widget.getPlotItem()
    item.setGeometry(QRectF(0, 0, LOGICAL_WIDTH, height))
    item.layout.setContentsMargins(2, 10, 14, 2)  # room for the top tick's label
    item.showGrid(x=False, y=True, alpha=0.25)
    item.hideButtons()
    font = QFont()
    font.setPointSizeF(11)
    for side in ("left", "bottom"):
        axis = item.getAxis(side)
        axis.setPen(pg.mkPen("#555555"))
        axis.setTextPen(pg.mkPen("#333333"))
        axis.setTickFont(font)
    item.setLabel("left", y_label, color="#333333", **{"font-size": "11pt"})
    return widget


def _fit_left_axis(item: pg.PlotItem, low: float, high: float, height: int) -> None:
    """Make room on the left for the tick labels of ``low``–``high`` and the axis label.
    pyqtgraph measures tick labels while it paints them and widens the axis for the
    next layout, which an image exported once never gets: the label was drawn over
    the numbers."""
    axis = item.getAxis("left")
    metrics = QFontMetricsF(axis.style["tickFont"] or QFont())
    texts = [
        text
        for spacing, values in axis.tickValues(low, high, height)
        for text in axis.tickStrings(values, 1.0, spacing)
    ]
    widest = max((metrics.horizontalAdvance(text) for text in texts), default=0.0)
    axis.setStyle(autoExpandTextSpace=False, tickTextWidth=int(widest) + 1)
    axis.setWidth(None)
    item.layout.activate()  # the plot is never shown: lay it out now, before the export


def _categories(item: pg.PlotItem, labels: Sequence[str]) -> None:
    # At most about eight labels: "Sept 2025"-long labels need ~110 of the 900 units.
    step = max(1, -(-len(labels) // 8))
    ticks = [(i, label) for i, label in enumerate(labels) if i % step == 0]
    item.getAxis("bottom").setTicks([ticks])
    item.setXRange(-0.5, len(labels) - 0.5, padding=0.02)


def export(name: str, widget: pg.PlotWidget) -> ChartImage:
    """The plot drawn once into an image ``EXPORT_WIDTH`` wide; the widget is then let go."""
    exporter = exporters.ImageExporter(widget.getPlotItem())
    exporter.parameters()["width"] = EXPORT_WIDTH
    image: QImage = exporter.export(toBytes=True)
    widget.deleteLater()
    return ChartImage(name, image, image.width(), image.height())


def compliance_plot(
    categories: Sequence[str],
    series: Sequence[Series],
    goal: float | None,
    y_label: str,
    goal_label: str,
    partial: Sequence[bool] = (),
) -> pg.PlotWidget:
    """Lines of compliance % (0–100) per category, with the goal as a dashed line; the
    categories ``partial`` marks (only partly inside the period) have hollow points.
    ``export`` draws it."""
    widget = _plot(300, y_label)
    item = widget.getPlotItem()
    # One row along the bottom, inside the band the y range leaves free below the
    # lowest value (``floor`` below): never over a line, and as large as the ticks.
    entries = sum(1 for one in series if any(v is not None for v in one.values))
    legend = item.addLegend(
        offset=(10, -10),
        colCount=max(1, entries + (goal is not None)),
        horSpacing=16,
        labelTextColor="#333333",
        labelTextSize="10pt",
    )
    legend.setBrush(pg.mkBrush(255, 255, 255, 220))
    # drawn at the export's scale like the rest (pyqtgraph keeps a legend at screen
    # size, which the 2× image halved)
    legend.setFlag(legend.GraphicsItemFlag.ItemIgnoresTransformations, False)
    lowest = 100.0
    for index, one in enumerate(series):
        xs = [i for i, v in enumerate(one.values) if v is not None]
        ys = [float(v) for v in one.values if v is not None]
        if not xs:
            continue
        lowest = min(lowest, *ys)
        colour = SERIES_COLOURS[index % len(SERIES_COLOURS)]
        item.plot(
            xs,
            ys,
            pen=pg.mkPen(colour, width=2.5),
            symbol="o",
            symbolSize=6,
            symbolBrush=colour,
            symbolPen=pg.mkPen(colour),
            name=one.label,
        )
        hollow = [k for k, i in enumerate(xs) if i < len(partial) and partial[i]]
        if hollow:  # over the filled points, out of the legend
            item.addItem(
                pg.ScatterPlotItem(
                    x=[xs[k] for k in hollow],
                    y=[ys[k] for k in hollow],
                    symbol="o",
                    size=7,
                    brush=pg.mkBrush("w"),
                    pen=pg.mkPen(colour, width=1.5),
                )
            )
    if goal is not None:
        line = pg.InfiniteLine(
            pos=goal * 100,
            angle=0,
            pen=pg.mkPen(GOAL_COLOUR, width=1.5, style=Qt.PenStyle.DashLine),
        )
        item.addItem(line)
        item.plot(
            [],
            [],
            pen=pg.mkPen(GOAL_COLOUR, width=1.5, style=Qt.PenStyle.DashLine),
            name=goal_label,
        )
        lowest = min(lowest, goal * 100)
    item.layout.activate()
    legend.layout.activate()
    if legend.boundingRect().width() > item.getViewBox().width() - 20:  # longer labels
        legend.setColumnCount(-(-legend.columnCount // 2))  # two rows
        legend.layout.activate()
    # ten points or more below the lowest value, and room there for the legend
    share = min(0.5, (legend.boundingRect().height() + 16) / max(1.0, item.getViewBox().height()))
    floor = (int(lowest) // 10) * 10 - 10
    floor = max(0.0, min(floor, (lowest - share * 100) / (1 - share) // 10 * 10))
    item.setYRange(floor, 100, padding=0.03)
    _fit_left_axis(item, floor, 100, 300)
    _categories(item, categories)
    return widget


def bar_plot(
    categories: Sequence[str],
    values: Sequence[float | None],
    y_label: str,
    y_range: tuple[float, float] | None = None,
) -> pg.PlotWidget:
    """Bars per category; negative values in the warning colour. ``export`` draws it."""
    widget = _plot(260, y_label)
    item = widget.getPlotItem()
    xs = [i for i, v in enumerate(values) if v is not None]
    ys = [float(v) for v in values if v is not None]
    if xs:
        brushes = [pg.mkBrush(QColor(NEGATIVE_COLOUR if y < 0 else BAR_COLOUR)) for y in ys]
        item.addItem(pg.BarGraphItem(x=xs, height=ys, width=0.6, brushes=brushes, pen=None))
    low, high = y_range or (min([0.0, *ys]), max([0.0, *ys]))
    if high <= low:  # no bar, or only zeros
        high = low + 1
    item.setYRange(low, high, padding=0.08)  # padded enough to label both ends
    _fit_left_axis(item, low, high, 260)
    item.addItem(pg.InfiniteLine(pos=0, angle=0, pen=pg.mkPen("#555555", width=1)))
    _categories(item, categories)
    return widget
