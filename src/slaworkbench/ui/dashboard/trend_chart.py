"""Compliance per metric by day, week or month, against the compliance target (or, when
filtered to a customer with an agreement, against each metric's goal in it)."""

from __future__ import annotations

import math
from collections.abc import Sequence

import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QLabel, QWidget

from slaworkbench import formatting
from slaworkbench.app.analytics.compliance import TrendPoint
from slaworkbench.app.analytics.dashboard import TrendData
from slaworkbench.domain.labels import metric_label
from slaworkbench.i18n import tr
from slaworkbench.ui.dashboard.chart_panel import ChartPanel, PointTarget
from slaworkbench.ui.dashboard.chart_theme import (
    SYMBOLS,
    fmt_date,
    fmt_int,
    fmt_percent,
)

BUCKET_NAMES = {"day": "Day", "week": "Week", "month": "Month"}


def bucket_combo(parent: QWidget | None = None, current: str = "week") -> QComboBox:
    combo = QComboBox(parent)
    combo.addItem(tr("By day"), "day")
    combo.addItem(tr("By week"), "week")
    combo.addItem(tr("By month"), "month")
    combo.setCurrentIndex(combo.findData(current))
    combo.setToolTip(tr("How long each point of the trend is"))
    return combo


def bucket_label(start_at: int, bucket: str, tz: str) -> str:
    if bucket == "month":
        return fmt_date(start_at, tz, month_only=True)
    return fmt_date(start_at, tz)


def thin_ticks(labels: list[str], most: int = 8, first: int = 0) -> list[tuple[int, str]]:
    """At most about ``most`` of the labels, from position ``first`` on, evenly spaced."""
    step = max(1, -(-len(labels) // most))
    return [(first + i, label) for i, label in enumerate(labels) if i % step == 0]


def data_span(data: TrendData) -> tuple[int, int]:
    """The first and last bucket in which some clock stopped: what the x axis shows, so
    six weeks of data in a twelve-month period fill the chart instead of its right edge."""
    used = [i for _, points in data.series for i, point in enumerate(points) if point.stopped]
    return min(used), max(used)


class ComplianceTrendChart(ChartPanel):
    """Lines of compliance (%) per bucket, one per measured metric, and the target line."""

    bucket_changed = Signal(str)
    legend_columns = 3
    export_name = "compliance-trend"

    def __init__(self, parent: QWidget | None = None, *, target: float = 0.95) -> None:
        super().__init__(tr("Compliance trend"), parent)
        self.bucket = bucket_combo(self)
        self.bucket.currentIndexChanged.connect(
            lambda _i: self.bucket_changed.emit(self.bucket.currentData())
        )
        self.target_box = QDoubleSpinBox(self)
        self.target_box.setRange(50.0, 100.0)
        self.target_box.setDecimals(1)
        self.target_box.setSingleStep(0.5)
        self.target_box.setSuffix(formatting.percent_suffix())
        self.target_box.setValue(target * 100)
        self.target_box.setToolTip(tr("The share of clocks you aim to meet"))
        self.target_box.valueChanged.connect(lambda _v: self._redraw())
        self.metric_goals: dict[str, float] = {}
        """Metric → the agreement's goal, drawn instead of the target when set."""
        target_label = QLabel(tr("Target"))
        target_label.setBuddy(self.target_box)
        self.controls.addWidget(self.bucket)
        self.controls.addWidget(target_label)
        self.controls.addWidget(self.target_box)

    @property
    def target(self) -> float:
        return float(self.target_box.value()) / 100.0

    def set_metric_goals(self, goals: dict[str, float], agreement: str | None) -> None:
        """The agreement's goal per metric (fraction) replaces the target; ``{}`` clears."""
        self.metric_goals = dict(goals)
        self.target_box.setEnabled(not goals)
        self.target_box.setToolTip(
            tr("The goals of “{agreement}” apply").format(agreement=agreement)
            if goals
            else tr("The share of clocks you aim to meet")
        )
        self._redraw()

    def draw(self, data: TrendData) -> str | None:
        if not data.series or not any(p.stopped for _, pts in data.series for p in pts):
            return tr("No SLA clock stopped in this period; widen the period or clear a filter.")
        theme = self.theme()
        labels = [bucket_label(p.start_at, data.bucket, data.tz) for p in data.series[0][1]]
        partial = data.partial()
        hollow_drawn = False
        lowest = min([self.target, *self.metric_goals.values()])
        for s_index, (metric, points) in enumerate(data.series):
            xs = [i for i, p in enumerate(points) if p.compliance is not None]
            # A bucket without a stopped clock is a gap in the line, not a straight run
            # to the next bucket that has one (thirty empty weeks drawn as a slope).
            ys = [math.nan if p.compliance is None else p.compliance * 100 for p in points]
            color = theme.metric(metric)
            item = pg.PlotDataItem(
                list(range(len(points))),
                ys,
                connect="finite",
                pen=theme.pen(color, 2.0, s_index),
                symbol=SYMBOLS[s_index % len(SYMBOLS)],
                symbolSize=6 if len(points) < 60 else 0,
                symbolBrush=pg.mkBrush(color),
                symbolPen=pg.mkPen(color),
            )
            self.plot.addItem(item)
            self.legend.addItem(item, metric_label(metric))
            alone = [i for i in xs if not _has(points, i - 1) and not _has(points, i + 1)]
            if alone and len(points) >= 60:  # no line through it, and no symbol: mark it
                self.plot.addItem(
                    pg.ScatterPlotItem(
                        x=alone,
                        y=[ys[i] for i in alone],
                        symbol=SYMBOLS[s_index % len(SYMBOLS)],
                        size=4,
                        brush=pg.mkBrush(color),
                        pen=pg.mkPen(color),
                    )
                )
            hollow = [i for i in xs if partial[i]]
            if hollow and len(points) < 60:  # a bucket only partly inside the period
                hollow_drawn = True
                self.plot.addItem(
                    pg.ScatterPlotItem(
                        x=hollow,
                        y=[(points[i].compliance or 0) * 100 for i in hollow],
                        symbol=SYMBOLS[s_index % len(SYMBOLS)],
                        size=7,
                        brush=pg.mkBrush(theme.background),
                        pen=pg.mkPen(color, width=1.5),
                    )
                )
            for i in xs:
                p = points[i]
                lowest = min(lowest, p.compliance or 1.0)
                self.add_point_target(
                    PointTarget(
                        i,
                        (p.compliance or 0) * 100,
                        tr(
                            "{bucket}\n{metric}: {value}\n{achieved} achieved, {breached} breached"
                        ).format(
                            bucket=labels[i]
                            + (" " + tr("(only partly inside the period)") if partial[i] else ""),
                            metric=metric_label(metric),
                            value=fmt_percent(p.compliance or 0),
                            achieved=fmt_int(p.achieved),
                            breached=fmt_int(p.breached),
                        ),
                    )
                )
        if hollow_drawn:  # the legend names only the points drawn
            sample = pg.ScatterPlotItem(
                symbol="o",
                size=7,
                brush=pg.mkBrush(theme.background),
                pen=pg.mkPen(theme.foreground, width=1.5),
            )
            self.legend.addItem(sample, tr("Only partly in the period"))
        if self.metric_goals:
            self._draw_goals(data)
        else:
            line = pg.InfiniteLine(
                pos=self.target * 100,
                angle=0,
                pen=theme.target_pen(),
                label=tr("Target {value}").format(value=fmt_percent(self.target)),
                labelOpts={
                    "position": 0.05, "color": theme.foreground, "anchors": [(0, 1), (0, 1)],
                    "fill": _label_fill(theme.background),  # legible over the lines
                },
            )  # fmt: skip
            self.plot.addItem(line)
            self.legend.addItem(pg.PlotDataItem(pen=theme.target_pen()), tr("Target"))
        first, last = data_span(data)
        self.plot.getAxis("bottom").setTicks(
            [thin_ticks(labels[first : last + 1], first=first), []]
        )
        self.plot.setXRange(first - 0.5, last + 0.5, padding=0.02)
        narrower = (first, last) != (0, len(labels) - 1)
        self.set_subtitle(
            tr("Clocks stopped from {first} to {last} only: the chart shows that span").format(
                first=labels[first], last=labels[last]
            )
            if narrower
            else ""
        )
        self.plot.setYRange(max(0.0, lowest * 100 - 5), 100.5, padding=0)
        self.set_axis_labels(
            tr("Compliance (%)"),
            {  # whole sentences: the bucket's gender moves the article ("na semana")
                "day": tr("Clocks stopped in the day"),
                "week": tr("Clocks stopped in the week"),
                "month": tr("Clocks stopped in the month"),
            }[data.bucket],
        )
        return None

    def _draw_goals(self, data: TrendData) -> None:
        """One dashed goal line per drawn metric, in the metric's colour."""
        theme = self.theme()
        for metric, _points in data.series:
            goal = self.metric_goals.get(metric)
            if goal is None:
                continue
            pen = theme.pen(theme.metric(metric), 1.5)
            pen.setStyle(Qt.PenStyle.DashLine)
            text = tr("{metric} goal {value}").format(
                metric=metric_label(metric), value=fmt_percent(goal)
            )
            self.plot.addItem(
                pg.InfiniteLine(
                    pos=goal * 100, angle=0, pen=pen, label=text,
                    labelOpts={"position": 0.05, "color": theme.foreground,
                               "anchors": [(0, 1), (0, 1)],
                               "fill": _label_fill(theme.background)},
                )
            )  # fmt: skip
            self.legend.addItem(pg.PlotDataItem(pen=pen), text)


def _label_fill(background: QColor) -> QBrush:
    """The chart's background, a little see-through: a label over the lines stays
    legible, the points under it still show."""
    colour = QColor(background)
    colour.setAlpha(210)
    return QBrush(colour)


def _has(points: Sequence[TrendPoint], index: int) -> bool:
    """Whether bucket ``index`` exists and had a clock stop."""
    return 0 <= index < len(points) and points[index].compliance is not None
