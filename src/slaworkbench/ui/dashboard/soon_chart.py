"""Breaches that will happen in the next 7 days if nobody acts, per 6 hours, by metric."""

from __future__ import annotations

from typing import Any

import pyqtgraph as pg
from PySide6.QtWidgets import QWidget

from slaworkbench.app.analytics.dashboard import SoonData
from slaworkbench.domain.labels import metric_label
from slaworkbench.i18n import tr
from slaworkbench.ui.dashboard.bars import BarSeries, stacked_bars
from slaworkbench.ui.dashboard.chart_panel import ChartPanel
from slaworkbench.ui.dashboard.chart_theme import fmt_datetime, fmt_int


class SoonChart(ChartPanel):
    export_name = "breaches-ahead"

    def __init__(self, parent: QWidget | None = None, *, tz: str = "UTC") -> None:
        super().__init__(tr("Breaches ahead if nobody acts"), parent)
        self.tz = tz

    def draw(self, data: SoonData) -> str | None:
        theme = self.theme()
        days = data.slot_seconds / 86400  # the x axis counts days from now
        used = [i for i, row in enumerate(data.counts) if any(row)]
        self.set_subtitle(
            tr("{day} clocks fall due in the next 24 hours · {week} in the next 7 days").format(
                day=fmt_int(data.next_24h), week=fmt_int(data.next_7d)
            )
        )
        if not used:
            return tr("No running clock falls due in the next 7 days.")
        slots = len(data.counts[0])
        xs = [(k + 0.5) * days for k in range(slots)]
        series = [
            BarSeries(
                metric_label(data.metrics[m]),
                list(data.counts[m]),
                theme.metric(data.metrics[m]),
                hatched=n % 2 == 1,
            )
            for n, m in enumerate(used)
        ]

        def span(k: int) -> tuple[int, int]:
            return data.now + k * data.slot_seconds, data.now + (k + 1) * data.slot_seconds

        def tooltip(s: int, c: int, value: float) -> str:
            start, end = span(c)
            return tr("{metric}: {count} clocks due\n{start} – {end}").format(
                metric=metric_label(data.metrics[used[s]]),
                count=fmt_int(int(value)),
                start=fmt_datetime(start, self.tz),
                end=fmt_datetime(end, self.tz),
            )

        def click(s: int, c: int) -> dict[str, Any]:
            start, end = span(c)
            return {
                "open": True,
                "metric": data.metrics[used[s]],
                "due_after": start,
                "due_until": end,
            }

        top = stacked_bars(
            self, series, width=days * 0.85, x=xs, tooltip=tooltip, click_filter=click
        )
        line = pg.InfiniteLine(
            pos=1,
            angle=90,
            pen=theme.target_pen(),
            label=tr("+1 d"),
            labelOpts={"position": 0.95, "color": theme.foreground, "anchors": [(0, 0), (0, 0)]},
        )
        self.plot.addItem(line)
        self.plot.getAxis("bottom").setTicks(
            [
                [(0, tr("now"))] + [(d, tr("+{days} d").format(days=d)) for d in range(1, 8)],
                [(k * days, "") for k in range(slots + 1)],
            ]
        )
        self.plot.setXRange(0, slots * days, padding=0.01)
        self.plot.setYRange(0, max(1.0, top) * 1.1, padding=0)
        self.set_axis_labels(tr("Clocks falling due (count)"), tr("Time from now (days)"))
        return None
