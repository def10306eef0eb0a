"""A chart says what it shows: the trend's x axis follows the data, and an exported PNG
carries the chart's title, its period and a legend."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pyqtgraph as pg
from PySide6.QtGui import QColor, QImage

from slaworkbench.app.analytics.compliance import TrendPoint
from slaworkbench.app.analytics.dashboard import TrendData
from slaworkbench.ui.dashboard import chart_panel
from slaworkbench.ui.dashboard.trend_chart import ComplianceTrendChart

MONDAY = dt.date(2025, 1, 6)


def _year_of_weeks_with_six_of_data() -> TrendData:
    points = []
    for week in range(52):
        start = MONDAY + dt.timedelta(weeks=week)
        start_at = int(dt.datetime.combine(start, dt.time(), dt.UTC).timestamp())
        counted = week >= 46
        points.append(
            TrendPoint(
                start, start_at, start_at + 7 * 86400, 9 if counted else 0, 1 if counted else 0
            )
        )
    return TrendData("week", "UTC", (("first_response", tuple(points)),))


def test_a_trend_shows_the_span_of_its_data(qtbot: Any) -> None:
    chart = ComplianceTrendChart()
    qtbot.addWidget(chart)
    chart.set_data(_year_of_weeks_with_six_of_data())
    low, high = chart.plot.getViewBox().viewRange()[0]
    assert 44 < low < 46 and 51 < high < 53  # six weeks fill the chart
    assert "only" in chart.subtitle_label.text()
    ticks = chart.plot.getAxis("bottom")._tickLevels[0]
    assert ticks and all(46 <= position <= 51 for position, _ in ticks)


def _dark_pixels(image: QImage, top: int, bottom: int) -> int:
    return sum(
        1
        for y in range(top, bottom, 2)
        for x in range(0, image.width(), 4)
        if QColor(image.pixel(x, y)).lightness() < 100
    )


def test_an_exported_png_has_its_title_period_and_legend(
    qtbot: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    chart = ComplianceTrendChart()
    qtbot.addWidget(chart)
    chart.resize(800, 500)
    chart.show()
    chart.period_text = "6 Jan 2025 – 4 Jan 2026"
    chart.set_data(_year_of_weeks_with_six_of_data())
    path = tmp_path / "trend.png"
    monkeypatch.setattr(chart_panel, "ask_export_path", lambda *_args: path)  # the dialog
    chart.export_png_action.trigger()
    image = QImage(str(path))
    assert not image.isNull() and image.width() == 1600
    plot_only = chart.plot.sceneBoundingRect()
    plot_height = round(plot_only.height() * 1600 / plot_only.width())
    assert image.height() > plot_height + 80  # a header and a legend around the plot
    assert _dark_pixels(image, 0, 60) > 50  # the title and period are written on top
    legend = image.copy(0, image.height() - 90, image.width(), 90)
    series = chart.theme().metric("first_response")
    assert any(
        QColor(legend.pixel(x, y)).rgb() == series.rgb()
        for y in range(legend.height())
        for x in range(0, legend.width(), 2)
    )  # the first-response swatch, in the series' colour


def test_a_week_only_partly_inside_the_period_has_a_hollow_point(qtbot: Any) -> None:
    """The period starts on a Wednesday and ends on a Tuesday: its first and last weeks
    count fewer days than the others, and their points are drawn hollow (in the
    legend: "Only partly in the period"; in the point's tooltip too)."""
    data = _year_of_weeks_with_six_of_data()
    points = data.series[0][1]
    start_at, end_at = points[46].start_at + 2 * 86400, points[51].start_at + 2 * 86400
    chart = ComplianceTrendChart()
    qtbot.addWidget(chart)
    chart.set_data(TrendData("week", "UTC", data.series, (start_at, end_at)))
    background = chart.theme().background
    hollow = [
        item
        for item in chart.plot.items
        if isinstance(item, pg.ScatterPlotItem) and item.opts["brush"].color() == background
    ]
    assert sorted(x for item in hollow for x in item.data["x"].tolist()) == [46, 51]
    labels = [label.text for _sample, label in chart.legend.items]
    assert "Only partly in the period" in labels
    # the whole weeks: no hollow point, no legend entry
    whole = (points[0].start_at, points[51].end_at)
    chart.set_data(TrendData("week", "UTC", data.series, whole))
    assert not [
        item
        for item in chart.plot.items
        if isinstance(item, pg.ScatterPlotItem) and item.opts["brush"].color() == background
    ]
    assert "Only partly in the period" not in [label.text for _s, label in chart.legend.items]


def test_the_target_label_is_drawn_on_the_background_not_over_the_lines(qtbot: Any) -> None:
    chart = ComplianceTrendChart()
    qtbot.addWidget(chart)
    chart.set_data(_year_of_weeks_with_six_of_data())
    lines = [i for i in chart.plot.items if isinstance(i, pg.InfiniteLine)]
    labels = [line.label for line in lines if getattr(line, "label", None) is not None]
    assert labels and all("Target" in label.toPlainText() for label in labels)
    for label in labels:
        fill = label.fill.color()
        assert fill.alpha() > 128 and fill.lightness() > 200, fill.name()  # light theme


def test_weeks_without_a_stopped_clock_are_a_gap_in_the_line(qtbot: Any) -> None:
    """BPI 2013 over two years by week: a line ran straight from May 2010 to January 2011
    across thirty weeks in which no clock stopped."""
    from PySide6.QtGui import QPainterPath

    points = []
    for week in range(70):
        start = MONDAY + dt.timedelta(weeks=week)
        start_at = int(dt.datetime.combine(start, dt.time(), dt.UTC).timestamp())
        counted = week < 3 or week == 30 or week >= 60
        points.append(TrendPoint(start, start_at, start_at + 7 * 86400, 8 * counted, 2 * counted))
    chart = ComplianceTrendChart()
    qtbot.addWidget(chart)
    chart.set_data(TrendData("week", "UTC", (("first_response", tuple(points)),)))
    (line,) = [i for i in chart.plot.listDataItems() if isinstance(i, pg.PlotDataItem)]
    path = line.curve.getPath()
    segments = {
        (round(path.elementAt(n - 1).x), round(path.elementAt(n).x))
        for n in range(1, path.elementCount())
        if path.elementAt(n).type == QPainterPath.ElementType.LineToElement
    }
    # Weeks 0-2 and 60-69 joined week to week; nothing drawn across the empty weeks.
    assert {(a, b) for a, b in segments if a != b} == {(0, 1), (1, 2)} | {
        (w, w + 1) for w in range(60, 69)
    }
    # Week 30 stands alone: no line through it, and at 70 buckets no symbols, so a dot.
    dots = [i for i in chart.plot.items if isinstance(i, pg.ScatterPlotItem)]
    assert any(list(dot.data["x"]) == [30] for dot in dots)
