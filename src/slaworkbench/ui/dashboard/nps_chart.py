"""The net promoter score over the period, with the number of answers behind each point,
and the agreement's NPS goal when filtered to a customer with one."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QWidget

from slaworkbench.app.analytics.dashboard import NpsData
from slaworkbench.i18n import tr
from slaworkbench.ui.dashboard.chart_panel import ChartPanel, PointTarget
from slaworkbench.ui.dashboard.chart_theme import fmt_int, fmt_number
from slaworkbench.ui.dashboard.trend_chart import bucket_combo, bucket_label, thin_ticks


class NpsTrendChart(ChartPanel):
    bucket_changed = Signal(str)
    export_name = "nps-trend"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(tr("Net promoter score"), parent)
        self.bucket = bucket_combo(self, "month")
        self.bucket.currentIndexChanged.connect(
            lambda _i: self.bucket_changed.emit(self.bucket.currentData())
        )
        self.controls.addWidget(self.bucket)

    goal: float | None = None
    """The agreement's NPS goal (points), drawn dashed when set."""

    def set_goal(self, goal: float | None) -> None:
        self.goal = goal
        self._redraw()

    def draw(self, data: NpsData) -> str | None:
        points = list(data.points)
        if not any(p.responses for p in points):
            return tr("No NPS answer was given in this period.")
        theme = self.theme()
        labels = [bucket_label(p.start_at, data.bucket, data.tz) for p in points]
        xs = [i for i, p in enumerate(points) if p.nps is not None]
        ys = [points[i].nps or 0.0 for i in xs]
        color = theme.series(4)
        line = pg.PlotDataItem(
            xs,
            ys,
            pen=theme.pen(color, 2.0),
            symbol="o",
            symbolSize=6,
            symbolBrush=pg.mkBrush(color),
            symbolPen=pg.mkPen(color),
        )
        self.plot.addItem(line)
        self.legend.addItem(line, tr("NPS (answers given in the bucket)"))
        self.plot.addItem(pg.InfiniteLine(pos=0, angle=0, pen=pg.mkPen(theme.muted)))
        if self.goal is not None:
            pen = theme.target_pen()
            pen.setStyle(Qt.PenStyle.DashLine)
            self.plot.addItem(pg.InfiniteLine(pos=self.goal, angle=0, pen=pen))
            self.legend.addItem(
                pg.PlotDataItem(pen=pen),
                tr("Agreement's goal {goal}").format(goal=fmt_number(self.goal, 0)),
            )
            ys = [*ys, self.goal]
        for i in xs:
            p = points[i]
            self.add_point_target(
                PointTarget(
                    i,
                    p.nps or 0.0,
                    tr(
                        "{bucket}\nNPS {nps} from {responses} answers\n{promoters} promoters, "
                        "{passives} passives, {detractors} detractors"
                    ).format(
                        bucket=labels[i],
                        nps=fmt_number(p.nps or 0.0, 0),
                        responses=fmt_int(p.responses),
                        promoters=fmt_int(p.promoters),
                        passives=fmt_int(p.passives),
                        detractors=fmt_int(p.detractors),
                    ),
                )
            )
        self.plot.getAxis("bottom").setTicks([thin_ticks(labels), []])
        self.plot.setXRange(-0.5, len(labels) - 0.5, padding=0.02)
        self.plot.setYRange(min(-10.0, min(ys) - 10), max(10.0, max(ys) + 10), padding=0)
        self.set_axis_labels(
            tr("NPS (points, −100 to 100)"),
            {  # whole sentences: the bucket's gender moves the article ("na semana")
                "day": tr("Answers given in the day"),
                "week": tr("Answers given in the week"),
                "month": tr("Answers given in the month"),
            }[data.bucket],
        )
        return None
