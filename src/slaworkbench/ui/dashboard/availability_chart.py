"""Uptime of each service per month against its availability target (the agreement's,
when filtered to a customer whose agreement commits to the service)."""

from __future__ import annotations

import dataclasses

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from slaworkbench.app.agreements.applied_goals import AppliedGoals
from slaworkbench.app.analytics.dashboard import AvailabilityData
from slaworkbench.i18n import tr
from slaworkbench.ui.dashboard.chart_panel import ChartPanel, PointTarget
from slaworkbench.ui.dashboard.chart_theme import SYMBOLS, fmt_hours, fmt_month, fmt_percent
from slaworkbench.ui.dashboard.trend_chart import thin_ticks


class AvailabilityChart(ChartPanel):
    """One line per service (uptime %), its target dashed in the same colour; a month that
    missed its target is drawn as a cross, not only in another colour."""

    export_name = "availability"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(tr("Availability per service"), parent)
        self.agreement_goals: AppliedGoals | None = None

    def set_agreement_goals(self, goals: AppliedGoals | None) -> None:
        self.agreement_goals = goals
        self._redraw()

    def draw(self, data: AvailabilityData) -> str | None:
        if self.agreement_goals is not None:
            data = dataclasses.replace(data, months=self.agreement_goals.retarget(data.months))
        months = sorted({m.month for m in data.months})
        if not months:
            return tr("No service is monitored, or the period lies in the future.")
        theme = self.theme()
        index = {month: i for i, month in enumerate(months)}
        labels = [fmt_month(month) for month in months]
        lowest = 100.0
        for s_index, (service, target) in enumerate(data.services):
            color = theme.series(s_index)
            rows = [m for m in data.months if m.service == service and m.uptime is not None]
            xs = [index[m.month] for m in rows]
            ys = [100.0 * (m.uptime or 0.0) for m in rows]
            line = pg.PlotDataItem(
                xs,
                ys,
                pen=theme.pen(color, 2.0),
                symbol=SYMBOLS[s_index % 4],
                symbolSize=7,
                symbolBrush=pg.mkBrush(color),
                symbolPen=pg.mkPen(color),
            )
            self.plot.addItem(line)
            self.legend.addItem(
                line,
                tr("{service} (target {target})").format(
                    service=service, target=fmt_percent(target, 2)
                ),
            )
            missed = [(x, y) for m, x, y in zip(rows, xs, ys, strict=True) if not m.met]
            if missed:
                self.plot.addItem(
                    pg.ScatterPlotItem(
                        [x for x, _ in missed],
                        [y for _, y in missed],
                        symbol="x",
                        size=14,
                        pen=pg.mkPen(theme.foreground, width=2),
                        brush=pg.mkBrush(theme.foreground),
                    )
                )
            target_pen = theme.pen(color, 1.2)
            target_pen.setStyle(Qt.PenStyle.DashLine)
            self.plot.addItem(
                pg.PlotDataItem([-0.4, len(months) - 0.6], [target * 100] * 2, pen=target_pen)
            )
            lowest = min(lowest, target * 100, *ys) if ys else min(lowest, target * 100)
            for m, x, y in zip(rows, xs, ys, strict=True):
                verdict = tr("met its target") if m.met else tr("missed its target")
                self.add_point_target(
                    PointTarget(
                        x,
                        y,
                        tr(
                            "{service}, {month}\nUptime {uptime} (target {target}) — {verdict}"
                            "\nDown {down}"
                        ).format(
                            service=service,
                            month=labels[x],
                            uptime=fmt_percent(m.uptime or 0.0, 3),
                            target=fmt_percent(m.target, 2),
                            verdict=verdict,
                            down=fmt_hours(m.down_seconds),
                        ),
                    )
                )
        dashed = theme.pen(theme.foreground, 1.2)
        dashed.setStyle(Qt.PenStyle.DashLine)
        self.legend.addItem(pg.PlotDataItem(pen=dashed), tr("Target (dashed)"))
        self.legend.addItem(
            pg.PlotDataItem(
                [0], [0], pen=None, symbol="x", symbolSize=12, symbolPen=theme.foreground
            ),
            tr("Missed target"),
        )
        self.plot.getAxis("bottom").setTicks([thin_ticks(labels, 6), []])
        self.plot.setXRange(-0.5, len(months) - 0.5, padding=0.02)
        span = max(0.05, 100.0 - lowest)
        self.plot.setYRange(100.0 - span * 1.25, 100.0 + span * 0.1, padding=0)
        self.set_axis_labels(tr("Uptime (%)"), tr("Month"))
        return None
