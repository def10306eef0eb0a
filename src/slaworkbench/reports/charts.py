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
from PySide6.QtGui import QColor, QFont, QImage

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
    widget = pg.PlotWidget(background="w")
    widget.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    widget.resize(LOGICAL_WIDTH, height)
    item = widget.getPlotItem()
    item.setGeometry(QRectF(0, 0, LOGICAL_WIDTH, height))
    item.showGrid(x=False, y=True, alpha=0.25)
    item.setMenuEnabled(False)
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


def _categories(item: pg.PlotItem, labels: Sequence[str]) -> None:
    # At most about eight labels: "Sept 2025"-long labels need ~110 of the 900 units.
    step = max(1, -(-len(labels) // 8))
    ticks = [(i, label) for i, label in enumerate(labels) if i % step == 0]
    item.getAxis("bottom").setTicks([ticks])
    item.setXRange(-0.5, len(labels) - 0.5, padding=0.02)


def _export(name: str, widget: pg.PlotWidget) -> ChartImage:
    exporter = exporters.ImageExporter(widget.getPlotItem())
    exporter.parameters()["width"] = EXPORT_WIDTH
    image: QImage = exporter.export(toBytes=True)
    widget.deleteLater()
    return ChartImage(name, image, image.width(), image.height())


def compliance_chart(
    name: str,
    categories: Sequence[str],
    series: Sequence[Series],
    goal: float | None,
    y_label: str,
    goal_label: str,
) -> ChartImage:
    """Lines of compliance % (0–100) per category, with the goal as a dashed line."""
    widget = _plot(300, y_label)
    item = widget.getPlotItem()
    legend = item.addLegend(offset=(-10, -10), labelTextColor="#333333", labelTextSize="11pt")
    legend.setBrush(pg.mkBrush(255, 255, 255, 220))
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
    floor = max(0.0, (int(lowest) // 10) * 10 - 10)
    item.setYRange(floor, 100, padding=0.03)
    _categories(item, categories)
    return _export(name, widget)


def bar_chart(
    name: str,
    categories: Sequence[str],
    values: Sequence[float | None],
    y_label: str,
    y_range: tuple[float, float] | None = None,
) -> ChartImage:
    """Bars per category; negative values in the warning colour."""
    widget = _plot(260, y_label)
    item = widget.getPlotItem()
    xs = [i for i, v in enumerate(values) if v is not None]
    ys = [float(v) for v in values if v is not None]
    if xs:
        brushes = [pg.mkBrush(QColor(NEGATIVE_COLOUR if y < 0 else BAR_COLOUR)) for y in ys]
        item.addItem(pg.BarGraphItem(x=xs, height=ys, width=0.6, brushes=brushes, pen=None))
    if y_range is not None:
        item.setYRange(*y_range, padding=0.03)
    item.addItem(pg.InfiniteLine(pos=0, angle=0, pen=pg.mkPen("#555555", width=1)))
    _categories(item, categories)
    return _export(name, widget)
