"""The report's charts: what a printed chart shows is readable — the axis label clear of
the numbers, the legend clear of the lines, both ends of a fixed range labelled. The
plots are checked as the export draws them (``AxisItem.generateDrawSpecs``: each tick
label's text and rectangle)."""

from __future__ import annotations

import datetime as dt

import pyqtgraph as pg
import pytest
from PySide6.QtCore import QLocale, QRectF
from PySide6.QtGui import QImage, QPainter

from slaworkbench.app.analytics.filters import Filters
from slaworkbench.reports.blocks import Chart
from slaworkbench.reports.builder import ReportData, ReportOptions, build_report
from slaworkbench.reports.charts import Series, bar_plot, compliance_plot
from slaworkbench.reports.formatting import ReportFormat
from slaworkbench.reports.sections.compliance import trend_blocks
from tests.support.analytics_workspace import MiniWorkspace
from tests.support.report_data import NOW

MONTHS = [f"M{k}" for k in range(13)]
ENGLISH = ("First response", "Next response", "Periodic update", "Resolution")
LONGER = ("Primeira resposta", "Próxima resposta", "Atualização periódica", "Resolução")


def _series(names: tuple[str, ...], levels: tuple[float, ...]) -> list[Series]:
    return [
        Series(name, tuple(min(100.0, level + (k % 3) * 0.7) for k in range(len(MONTHS))))
        for name, level in zip(names, levels, strict=True)
    ]


def _tick_labels(axis: pg.AxisItem) -> list[tuple[QRectF, str]]:
    """The tick labels as drawn: rectangle (axis coordinates) and text."""
    image = QImage(1800, 600, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        specs = axis.generateDrawSpecs(painter)
    finally:
        painter.end()
    assert specs is not None
    return [(QRectF(rect), text) for rect, _flags, text in specs[2]]


@pytest.mark.parametrize(
    ("names", "levels", "goal"),
    [
        (ENGLISH, (94.8, 97.9, 98.9, 91.9), 0.95),
        (LONGER, (64.8, 97.9, 98.9, 81.9), 0.95),  # two rows of legend, a wide range
        (ENGLISH, (100.0, 100.0, 100.0, 100.0), None),
        (LONGER, (33.0, 40.0, 55.0, 30.0), 0.9),
    ],
)
def test_the_legend_lies_below_every_line_and_the_label_beside_the_numbers(
    qapp: object, names: tuple[str, ...], levels: tuple[float, ...], goal: float | None
) -> None:
    series = _series(names, levels)
    widget = compliance_plot(MONTHS, series, goal, "Compliance (%)", "Goal")
    item = widget.getPlotItem()
    view = item.getViewBox()
    legend = item.legend
    top_of_legend = view.mapSceneToView(legend.mapToScene(legend.boundingRect().topLeft()))
    lowest = min([v for one in series for v in one.values if v is not None])
    lowest = min(lowest, goal * 100) if goal is not None else lowest
    assert top_of_legend.y() < lowest
    right_of_legend = legend.mapToScene(legend.boundingRect().topRight()).x()
    assert right_of_legend <= view.mapToScene(view.boundingRect().topRight()).x()
    axis = item.getAxis("left")
    labels = _tick_labels(axis)
    assert "100" in [text for _rect, text in labels]
    label = axis.label.mapRectToParent(axis.label.boundingRect())
    for rect, text in labels:
        assert not label.intersects(rect), text
        assert rect.left() >= 0, text  # inside the axis: nothing cut at the edge
    widget.deleteLater()


def test_a_fixed_range_is_labelled_at_both_ends(qapp: object) -> None:
    widget = bar_plot(MONTHS, [-7.0, 3.0, None] * 4 + [1.0], "NPS", (-100, 100))
    axis = widget.getPlotItem().getAxis("left")
    texts = [text for _rect, text in _tick_labels(axis)]
    assert "100" in texts
    assert any(text.endswith("100") and text != "100" for text in texts)  # −100
    label = axis.label.mapRectToParent(axis.label.boundingRect())
    assert not any(label.intersects(rect) for rect, _text in _tick_labels(axis))
    widget.deleteLater()


def test_the_weeks_the_period_cuts_are_hollow_and_said_so(
    qapp: object, data: ReportData, ws: MiniWorkspace, locale: QLocale
) -> None:
    """1 January to 30 April 2026 by week: the first week began on 29 December and the
    last ends on 3 May, so those two count fewer days; the caption says what their
    hollow points mean. Whole weeks mark nothing and say nothing."""
    points = data.trends[0][1]
    partial = [p.partial(data.start_at, data.end_at) for p in points]
    assert partial[0] and partial[-1] and not any(partial[1:-1])
    fmt = ReportFormat(locale, data.filters.tz)
    chart = next(b for b in trend_blocks(data, fmt) if isinstance(b, Chart))
    assert chart.caption.endswith("Hollow points: a week only partly inside the period.")
    weeks = Filters(dt.date(2026, 1, 5), dt.date(2026, 4, 26), tz=data.filters.tz)
    whole = build_report(ws, ReportOptions(weeks), workspace="W", now=NOW)
    assert whole.trend_bucket == "week"
    assert not any(p.partial(whole.start_at, whole.end_at) for p in whole.trends[0][1])
    chart = next(b for b in trend_blocks(whole, fmt) if isinstance(b, Chart))
    assert "Hollow" not in chart.caption


@pytest.mark.parametrize("values", [[], [None, None], [3.5, -1.25, None]])
def test_bars_without_a_fixed_range_are_drawn_whatever_their_values(
    qapp: object, values: list[float | None]
) -> None:
    widget = bar_plot(MONTHS[: len(values)], values, "Score")
    axis = widget.getPlotItem().getAxis("left")
    label = axis.label.mapRectToParent(axis.label.boundingRect())
    assert not any(label.intersects(rect) for rect, _text in _tick_labels(axis))
    widget.deleteLater()
