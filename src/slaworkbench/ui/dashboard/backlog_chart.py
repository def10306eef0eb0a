"""Open tickets by the time left before their next due instant, stacked by priority."""

from __future__ import annotations

import itertools
from typing import Any

from PySide6.QtWidgets import QWidget

from slaworkbench.app.analytics.dashboard import BacklogData
from slaworkbench.domain.labels import priority_label
from slaworkbench.i18n import tr
from slaworkbench.ui.dashboard.bars import BarSeries, stacked_bars
from slaworkbench.ui.dashboard.chart_panel import ChartPanel
from slaworkbench.ui.dashboard.chart_theme import fmt_duration_edge, fmt_int


def remaining_labels(edges: tuple[int, ...]) -> list[str]:
    labels = [tr("Overdue"), tr("< {edge}").format(edge=fmt_duration_edge(edges[0]))]
    labels += [
        f"{fmt_duration_edge(low)}–{fmt_duration_edge(high)}"
        for low, high in itertools.pairwise(edges)
    ]
    labels.append(tr("≥ {edge}").format(edge=fmt_duration_edge(edges[-1])))
    return labels


class BacklogChart(ChartPanel):
    """What is about to break: open tickets per bucket of time left (wall clock)."""

    legend_columns = 4
    export_name = "backlog"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(tr("Open tickets by time left"), parent)

    def draw(self, data: BacklogData) -> str | None:
        if not data.open_total:
            return tr("No open ticket matches these filters.")
        theme = self.theme()
        labels = remaining_labels(data.edges)
        series = [
            BarSeries(
                priority_label(p), list(data.counts[i]), theme.priority(p), hatched=i % 2 == 1
            )
            for i, p in enumerate(data.priorities)
        ]
        bounds = [None, 0, *data.edges, None]

        def tooltip(s: int, c: int, value: float) -> str:
            return tr("{priority}, {bucket}: {count} open tickets").format(
                priority=priority_label(data.priorities[s]),
                bucket=labels[c],
                count=fmt_int(int(value)),
            )

        def click(s: int, c: int) -> dict[str, Any]:
            wanted: dict[str, Any] = {"open": True, "priority": data.priorities[s]}
            if c == 0:
                wanted["due_before"] = data.now
            else:
                wanted["due_from"] = data.now + int(bounds[c] or 0)
                upper = bounds[c + 1]
                if upper is not None:
                    wanted["due_before"] = data.now + int(upper)
            return wanted

        stacked_bars(self, series, tooltip=tooltip, click_filter=click)
        self.plot.getAxis("bottom").setTicks([list(enumerate(labels)), []])
        self.plot.setXRange(-0.6, len(labels) - 0.4, padding=0)
        self.plot.enableAutoRange(axis="y")
        self.set_axis_labels(
            tr("Open tickets (count)"), tr("Time left before the next due instant")
        )
        self.set_subtitle(
            tr(
                "{total} open · {overdue} overdue · {paused} paused · "
                "{none} without a running clock"
            ).format(
                total=fmt_int(data.open_total),
                overdue=fmt_int(data.total_by_bucket[0]),
                paused=fmt_int(data.paused),
                none=fmt_int(data.without_clock),
            )
        )
        return None
