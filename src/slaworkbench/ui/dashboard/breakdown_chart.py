"""Breaches by priority, team or customer, stacked by metric."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QWidget

from slaworkbench.app.analytics.dashboard import BreakdownData
from slaworkbench.domain.labels import metric_label, priority_label
from slaworkbench.i18n import tr
from slaworkbench.ui.dashboard.bars import BarSeries, stacked_bars
from slaworkbench.ui.dashboard.chart_panel import ChartPanel
from slaworkbench.ui.dashboard.chart_theme import (
    fmt_int,
    fmt_percent,
)


class BreachesChart(ChartPanel):
    """Breached clocks stopped in the period per group; a bar lists its tickets."""

    dimension_changed = Signal(str)
    export_name = "breaches"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(tr("Breaches"), parent)
        self.dimension = QComboBox(self)
        self.dimension.addItem(tr("By priority"), "priority")
        self.dimension.addItem(tr("By team"), "team")
        self.dimension.addItem(tr("By customer"), "customer")
        self.dimension.setCurrentIndex(1)
        self.dimension.currentIndexChanged.connect(
            lambda _i: self.dimension_changed.emit(self.dimension.currentData())
        )
        self.controls.addWidget(self.dimension)

    def group_label(self, data: BreakdownData, index: int) -> str:
        row = data.rows[index]
        if row.others:
            return tr("Others")
        if row.key is None:
            return tr("(none)")
        return priority_label(row.key) if data.dimension == "priority" else row.key

    def draw(self, data: BreakdownData) -> str | None:
        if not data.rows or not any(r.stopped_total for r in data.rows):
            return tr("No SLA clock stopped in this period; widen the period or clear a filter.")
        theme = self.theme()
        used = [i for i, _ in enumerate(data.metrics) if any(r.breached[i] for r in data.rows)]
        if not used:
            used = [i for i, _ in enumerate(data.metrics) if any(r.achieved[i] for r in data.rows)]
        labels = [self.group_label(data, i) for i in range(len(data.rows))]
        series = [
            BarSeries(
                metric_label(data.metrics[m]),
                [r.breached[m] for r in data.rows],
                theme.metric(data.metrics[m]),
                hatched=n % 2 == 1,
            )
            for n, m in enumerate(used)
        ]

        def tooltip(s: int, c: int, value: float) -> str:
            row = data.rows[c]
            m = used[s]
            done = row.breached[m] + row.achieved[m]
            return tr("{group} — {metric}\n{breached} breached of {done} ({share})").format(
                group=labels[c],
                metric=metric_label(data.metrics[m]),
                breached=fmt_int(row.breached[m]),
                done=fmt_int(done),
                share=fmt_percent(row.breached[m] / done if done else 0),
            )

        def click(s: int, c: int) -> dict[str, Any] | None:
            row = data.rows[c]
            if row.others:
                return None
            wanted: dict[str, Any] = {"sla_state": "breached", "metric": data.metrics[used[s]]}
            wanted[data.dimension] = row.key
            return wanted

        stacked_bars(self, series, tooltip=tooltip, click_filter=click)
        self.plot.getAxis("bottom").setTicks([list(enumerate(labels)), []])
        self.plot.setXRange(-0.6, len(labels) - 0.4, padding=0)
        self.plot.enableAutoRange(axis="y")
        self.set_axis_labels(
            tr("Breached clocks (count)"),
            {"priority": tr("Priority"), "team": tr("Team"), "customer": tr("Customer")}[
                data.dimension
            ],
        )
        return None
