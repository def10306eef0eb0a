"""How long first responses and resolutions take, per priority, with P50 and P90 marked."""

from __future__ import annotations

import itertools

import pyqtgraph as pg
from PySide6.QtWidgets import QWidget

from slaworkbench.app.analytics.dashboard import DistributionData
from slaworkbench.domain.labels import metric_label, priority_label
from slaworkbench.i18n import tr
from slaworkbench.ui.dashboard.bars import BarSeries, grouped_bars
from slaworkbench.ui.dashboard.chart_panel import ChartPanel, PointTarget
from slaworkbench.ui.dashboard.chart_theme import (
    fmt_duration_edge,
    fmt_hours,
    fmt_int,
    fmt_number,
)


def bin_labels(edges: tuple[int, ...]) -> list[str]:
    labels = [
        f"{fmt_duration_edge(low)}–{fmt_duration_edge(high)}"
        for low, high in itertools.pairwise(edges)
    ]
    labels[0] = tr("< {edge}").format(edge=fmt_duration_edge(edges[1]))
    labels.append(tr("≥ {edge}").format(edge=fmt_duration_edge(edges[-1])))
    return labels


def bin_position(value: float, edges: tuple[int, ...], group_width: float = 0.8) -> float:
    """Where ``value`` falls on the categorical axis: its bin, interpolated inside it."""
    index = 0
    while index + 1 < len(edges) and value >= edges[index + 1]:
        index += 1
    low = edges[index]
    high = edges[index + 1] if index + 1 < len(edges) else edges[index] * 2
    fraction = min(1.0, max(0.0, (value - low) / (high - low))) if high > low else 0.0
    return index - group_width / 2 + fraction * group_width


class DistributionChart(ChartPanel):
    """Share of a metric's stopped clocks per business-time bin, bars grouped by priority."""

    def __init__(self, metric: str, parent: QWidget | None = None) -> None:
        super().__init__(
            tr("{metric} time (business hours)").format(metric=metric_label(metric)), parent
        )
        self.metric_key = metric
        self.export_name = f"{metric.replace('_', '-')}-distribution"

    def draw(self, data: DistributionData) -> str | None:
        dists = [d for d in data.of(self.metric_key) if d.count]
        if not dists:
            return tr("No {metric} clock stopped in this period.").format(
                metric=metric_label(self.metric_key).lower()
            )
        theme = self.theme()
        labels = bin_labels(data.edges)
        series = [
            BarSeries(
                tr("{priority} (n = {count})").format(
                    priority=priority_label(d.priority), count=fmt_int(d.count)
                ),
                [100.0 * n / d.count for n in d.histogram],
                theme.priority(d.priority),
                hatched=i % 2 == 1,
            )
            for i, d in enumerate(dists)
        ]

        def tooltip(s: int, c: int, value: float) -> str:
            d = dists[s]
            return tr("{priority}, {bin}\n{count} clocks ({share} %)").format(
                priority=priority_label(d.priority),
                bin=labels[c],
                count=fmt_int(d.histogram[c]),
                share=fmt_number(value, 1),
            )

        def click(s: int, c: int) -> dict[str, object]:
            high = data.edges[c + 1] if c + 1 < len(data.edges) else None
            return {
                "metric": self.metric_key,
                "priority": dists[s].priority,
                "elapsed_from": data.edges[c],
                "elapsed_to": high,
            }

        grouped_bars(self, series, tooltip=tooltip, click_filter=click)
        top = max((v for s in series for v in s.values), default=1.0)
        # P50 (circle) and P90 (triangle) of each priority on its own row above the bars,
        # joined by a line in the priority's colour.
        for i, d in enumerate(dists):
            if d.p50 is None or d.p90 is None:
                continue
            color = theme.priority(d.priority)
            y = top * (1.08 + 0.07 * i)
            xs = [bin_position(d.p50, data.edges), bin_position(d.p90, data.edges)]
            self.plot.addItem(pg.PlotDataItem(xs, [y, y], pen=theme.pen(color, 2.0)))
            for symbol, x in (("o", xs[0]), ("t1", xs[1])):
                self.plot.addItem(
                    pg.ScatterPlotItem(
                        [x],
                        [y],
                        symbol=symbol,
                        size=11,
                        brush=pg.mkBrush(color),
                        pen=pg.mkPen(color),
                    )
                )
            for label, value, x in (("P50", d.p50, xs[0]), ("P90", d.p90, xs[1])):
                self.add_point_target(
                    PointTarget(
                        x,
                        y,
                        tr("{priority}: {label} = {value}").format(
                            priority=priority_label(d.priority), label=label, value=fmt_hours(value)
                        ),
                    )
                )
        marker = theme.foreground
        self.legend.addItem(
            pg.PlotDataItem(
                [0],
                [0],
                pen=None,
                symbol="o",
                symbolBrush=pg.mkBrush(marker),
                symbolPen=pg.mkPen(marker),
            ),
            tr("P50 (median)"),
        )
        self.legend.addItem(
            pg.PlotDataItem(
                [0],
                [0],
                pen=None,
                symbol="t1",
                symbolBrush=pg.mkBrush(marker),
                symbolPen=pg.mkPen(marker),
            ),
            tr("P90"),
        )
        ticks = [
            (i - 0.5, fmt_duration_edge(edge) if edge else "0") for i, edge in enumerate(data.edges)
        ]
        self.plot.getAxis("bottom").setTicks([ticks, []])
        self.plot.setXRange(-0.6, len(labels) - 0.4, padding=0)
        self.plot.setYRange(0, top * (1.1 + 0.07 * len(dists)), padding=0)
        self.set_axis_labels(
            tr("Share of clocks (%)"),
            tr("Business time to {metric}").format(metric=metric_label(self.metric_key).lower()),
        )
        # Each priority's figures kept on one line (no-break spaces): a narrow panel
        # wraps between priorities, not between "P90" and its figure.
        self.set_subtitle(
            "   ".join(
                tr("{priority}: P50 {p50} · P90 {p90}")
                .format(
                    priority=priority_label(d.priority),
                    p50=fmt_hours(d.p50 or 0),
                    p90=fmt_hours(d.p90 or 0),
                )
                .replace(" ", "\u00a0")
                for d in dists
            )
        )
        return None
