"""Satisfaction against speed: CSAT and NPS by first-response time, with answer counts,
and the agreement's CSAT goal when filtered to a customer with one."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtWidgets import QWidget

from slaworkbench.app.analytics.dashboard import SatisfactionData
from slaworkbench.i18n import tr
from slaworkbench.ui.dashboard.bars import BarSeries, grouped_bars
from slaworkbench.ui.dashboard.chart_panel import ChartPanel
from slaworkbench.ui.dashboard.chart_theme import fmt_duration_edge, fmt_int, fmt_number


def response_bucket_label(lower: int | None, upper: int | None) -> str:
    if lower is None and upper is None:
        return tr("No first response")
    if upper is None:
        return tr("≥ {edge}").format(edge=fmt_duration_edge(lower or 0))
    if not lower:
        return tr("< {edge}").format(edge=fmt_duration_edge(upper))
    return f"{fmt_duration_edge(lower)}–{fmt_duration_edge(upper)}"


class SatisfactionChart(ChartPanel):
    """Per first-response bucket: share of satisfied CSAT answers (4–5) and the NPS."""

    export_name = "satisfaction-vs-speed"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(tr("Satisfaction by first-response time"), parent)

    csat_goal: float | None = None
    """The agreement's CSAT goal (share satisfied), drawn dashed when set."""

    def set_csat_goal(self, goal: float | None) -> None:
        self.csat_goal = goal
        self._redraw()

    def draw(self, data: SatisfactionData) -> str | None:
        buckets = list(data.buckets)
        if not any(b.csat_count or b.nps_count for b in buckets):
            return tr("No survey answer was given in this period.")
        theme = self.theme()
        labels = [response_bucket_label(b.lower, b.upper) for b in buckets]
        series = [
            BarSeries(
                tr("Satisfied, CSAT 4–5 (%)"),
                [100.0 * (b.csat_satisfied or 0.0) for b in buckets],
                theme.series(2),
            ),
            BarSeries(
                tr("NPS (−100 to 100)"),
                [b.nps or 0.0 for b in buckets],
                theme.series(4),
                hatched=True,
            ),
        ]

        def tooltip(s: int, c: int, value: float) -> str:
            b = buckets[c]
            if s == 0:
                return tr(
                    "First response {bucket}\nCSAT: {satisfied} % satisfied, mean {mean} of 5"
                    "\n{count} answers"
                ).format(
                    bucket=labels[c],
                    satisfied=fmt_number(value, 1),
                    mean=fmt_number(b.csat_mean or 0, 2),
                    count=fmt_int(b.csat_count),
                )
            return tr(
                "First response {bucket}\nNPS {nps}: {promoters} promoters, "
                "{detractors} detractors\n{count} answers"
            ).format(
                bucket=labels[c],
                nps=fmt_number(value, 0),
                promoters=fmt_int(b.promoters),
                detractors=fmt_int(b.detractors),
                count=fmt_int(b.nps_count),
            )

        grouped_bars(self, series, tooltip=tooltip)
        lowest = min(0.0, *(b.nps or 0.0 for b in buckets))
        for c, b in enumerate(buckets):
            text = pg.TextItem(
                tr("n = {csat} / {nps}").format(
                    csat=fmt_int(b.csat_count), nps=fmt_int(b.nps_count)
                ),
                color=theme.foreground,
                anchor=(0.5, 0.0),
            )
            text.setPos(c, 112)
            self.plot.addItem(text)
        self.plot.addItem(pg.InfiniteLine(pos=0, angle=0, pen=pg.mkPen(theme.muted)))
        if self.csat_goal is not None:
            self.plot.addItem(
                pg.InfiniteLine(
                    pos=self.csat_goal * 100, angle=0, pen=theme.target_pen(),
                    label=tr("CSAT goal {goal} %").format(goal=fmt_number(self.csat_goal * 100, 0)),
                    labelOpts={"position": 0.05, "color": theme.foreground,
                               "anchors": [(0, 1), (0, 1)]},
                )
            )  # fmt: skip
        self.plot.getAxis("bottom").setTicks([list(enumerate(labels)), []])
        self.plot.setXRange(-0.6, len(labels) - 0.4, padding=0)
        self.plot.setYRange(min(lowest - 10, 0), 115, padding=0)
        self.set_axis_labels(tr("Satisfied (%) · NPS (points)"), tr("First-response time"))
        self.set_subtitle(tr("n = CSAT answers / NPS answers in each bucket."))
        return None
