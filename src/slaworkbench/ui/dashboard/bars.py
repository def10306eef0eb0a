"""Stacked and grouped bars that register their tooltips and click filters on a panel."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor

from slaworkbench.ui.dashboard.chart_panel import BarTarget, ChartPanel


@dataclass(frozen=True)
class BarSeries:
    name: str
    values: Sequence[float]
    color: QColor
    hatched: bool = False


Tooltip = Callable[[int, int, float], str]
"""``(series index, category index, value) -> text``."""
ClickFilter = Callable[[int, int], dict[str, Any] | None]


def stacked_bars(
    panel: ChartPanel,
    series: Sequence[BarSeries],
    *,
    width: float = 0.7,
    tooltip: Tooltip,
    click_filter: ClickFilter | None = None,
    x: Sequence[float] | None = None,
) -> float:
    """Draw ``series`` stacked over categories ``0..n-1``; return the tallest stack."""
    theme = panel.theme()
    count = len(series[0].values) if series else 0
    xs = list(x) if x is not None else list(range(count))
    bottoms = [0.0] * count
    for s_index, s in enumerate(series):
        heights = [float(v) for v in s.values]
        item = pg.BarGraphItem(
            x=xs,
            height=heights,
            y0=list(bottoms),
            width=width,
            brush=theme.bar_brush(s.color, hatched=s.hatched),
            pen=theme.bar_pen(s.color),
        )
        panel.plot.addItem(item)
        panel.legend.addItem(item, s.name)
        for c_index, height in enumerate(heights):
            if height <= 0:
                continue
            panel.add_bar_target(
                BarTarget(
                    QRectF(xs[c_index] - width / 2, bottoms[c_index], width, height),
                    tooltip(s_index, c_index, height),
                    click_filter(s_index, c_index) if click_filter else None,
                )
            )
            bottoms[c_index] += height
    return max(bottoms, default=0.0)


def grouped_bars(
    panel: ChartPanel,
    series: Sequence[BarSeries],
    *,
    group_width: float = 0.8,
    tooltip: Tooltip,
    click_filter: ClickFilter | None = None,
    baseline: float = 0.0,
) -> None:
    """Draw ``series`` side by side within each category ``0..n-1``."""
    theme = panel.theme()
    if not series:
        return
    width = group_width / len(series)
    for s_index, s in enumerate(series):
        offset = -group_width / 2 + width * (s_index + 0.5)
        xs = [c + offset for c in range(len(s.values))]
        heights = [float(v) - baseline for v in s.values]
        item = pg.BarGraphItem(
            x=xs,
            height=heights,
            y0=[baseline] * len(xs),
            width=width * 0.92,
            brush=theme.bar_brush(s.color, hatched=s.hatched),
            pen=theme.bar_pen(s.color),
        )
        panel.plot.addItem(item)
        panel.legend.addItem(item, s.name)
        for c_index, height in enumerate(heights):
            if s.values[c_index] is None:
                continue
            panel.add_bar_target(
                BarTarget(
                    QRectF(xs[c_index] - width / 2, baseline, width, height),
                    tooltip(s_index, c_index, float(s.values[c_index])),
                    click_filter(s_index, c_index) if click_filter else None,
                )
            )
