"""The compliance sections of the report: the headline against the goal, the trend and
the tables by priority, team, agent and customer."""

from __future__ import annotations

from collections import defaultdict

from slaworkbench.app.analytics.compliance import GroupCompliance
from slaworkbench.domain.labels import metric_label, priority_label
from slaworkbench.i18n import tr
from slaworkbench.reports import charts
from slaworkbench.reports.blocks import (
    Block,
    Cell,
    Chart,
    Heading,
    KeyFigure,
    KeyFigures,
    Paragraph,
    Table,
)
from slaworkbench.reports.builder import DimensionTable, ReportData
from slaworkbench.reports.formatting import ReportFormat, dimension_label


def _compliance_cell(fmt: ReportFormat, fraction: float | None, goal: float) -> Cell:
    if fraction is None:
        return Cell("—", "muted")
    return Cell(fmt.percent(fraction), "good" if fraction >= goal else "bad")


def headline_blocks(data: ReportData, fmt: ReportFormat) -> list[Block]:
    metrics = data.measured_metrics or data.headline
    agreed = data.agreement_goals
    figures = []
    for m in metrics:
        goal = data.goal_for(m.metric)
        tone = None if m.compliance is None else ("good" if m.compliance >= goal else "bad")
        figures.append(
            KeyFigure(
                metric_label(m.metric),
                fmt.percent(m.compliance),
                tr("{achieved} of {stopped} on time").format(
                    achieved=fmt.count(m.achieved), stopped=fmt.count(m.stopped)
                ),
                tone,
            )
        )
    rows = []
    for m in metrics:
        goal = data.goal_for(m.metric)
        met = m.compliance is not None and m.compliance >= goal
        verdict = "—" if m.compliance is None else (tr("met") if met else tr("missed"))
        rows.append(
            (
                Cell(metric_label(m.metric)),
                Cell(fmt.count(m.achieved)),
                Cell(fmt.count(m.breached)),
                _compliance_cell(fmt, m.compliance, goal),
                Cell(
                    verdict if agreed is None else f"{fmt.percent(goal, 0)}: {verdict}",
                    None if m.compliance is None else ("good" if met else "bad"),
                ),
                Cell(fmt.count(m.not_stopped)),
            )
        )
    not_stopped = sum(m.not_stopped for m in data.headline)
    blocks: list[Block] = [
        Heading(
            tr("Compliance against the goal of {goal}").format(goal=fmt.percent(data.goal, 0))
            if agreed is None
            else tr("Compliance against the goals of “{agreement}”").format(
                agreement=agreed.agreement
            )
        ),
        KeyFigures(tuple(figures)),
        Table(
            (
                tr("Metric"),
                tr("Achieved"),
                tr("Breached"),
                tr("Compliance"),
                tr("Goal {goal}").format(goal=fmt.percent(data.goal, 0))
                if agreed is None
                else tr("Agreement's goal"),
                tr("Not stopped"),
            ),
            tuple(rows),
            ("l", "r", "r", "r", "c", "r"),
            (28, 14, 14, 16, 14, 14),
        ),
    ]
    if agreed is not None:
        blocks.append(Paragraph(agreed.sentence(), "note"))
    return [
        *blocks,
        Paragraph(
            tr(
                "Counted: clocks that stopped from {start} to {end} inclusive ({tz}). "
                "{count} clocks had not stopped by the end of the period; they are not in "
                "these figures and are listed under “Clocks still running”."
            ).format(
                start=fmt.date(data.filters.date_from),
                end=fmt.date(data.filters.date_to),
                tz=data.filters.tz,
                count=fmt.count(not_stopped),
            ),
            "note",
        ),
    ]


def trend_blocks(data: ReportData, fmt: ReportFormat) -> list[Block]:
    if not data.trends:
        return []
    points = data.trends[0][1]
    categories = [fmt.bucket(p.start, data.trend_bucket) for p in points]
    series = [
        charts.Series(
            metric_label(metric),
            tuple(None if p.compliance is None else p.compliance * 100 for p in trend),
        )
        for metric, trend in data.trends
    ]
    goals = {metric: data.goal_for(metric) for metric, _trend in data.trends}
    partial = [p.partial(data.start_at, data.end_at) for p in points]
    image = charts.export(
        "trend",
        charts.compliance_plot(
            categories, series, min(goals.values()), tr("Compliance (%)"), tr("Goal"), partial
        ),
    )
    unit = {"day": tr("day"), "week": tr("week"), "month": tr("month")}[data.trend_bucket]
    caption = tr("Compliance per {unit}, by metric; the dashed line is the goal.").format(unit=unit)
    if len(set(goals.values())) > 1:
        caption = tr(
            "Compliance per {unit}, by metric; the dashed line is the lowest goal ({goals})."
        ).format(
            unit=unit,
            goals=", ".join(
                f"{metric_label(metric)} {fmt.percent(goal, 0)}" for metric, goal in goals.items()
            ),
        )
    if any(partial):
        caption += " " + tr("Hollow points: a {unit} only partly inside the period.").format(
            unit=unit
        )
    return [Heading(tr("Trend")), Chart(image, caption)]


def _dimension_rows(
    table: DimensionTable, metrics: list[str], fmt: ReportFormat, data: ReportData
) -> list[tuple[Cell, ...]]:
    by_key: dict[str | None, dict[str, GroupCompliance]] = defaultdict(dict)
    order: list[str | None] = []
    for group in table.rows:
        if group.key not in by_key:
            order.append(group.key)
        by_key[group.key][group.metric] = group

    def row(
        label: str, groups: dict[str, GroupCompliance], muted: bool, priority: str | None = None
    ) -> tuple[Cell, ...]:
        cells = [Cell(label, "muted" if muted else None)]
        total = 0
        for metric in metrics:
            g = groups.get(metric)
            if g is None or not g.stopped:
                cells.append(Cell("—", "muted"))
                continue
            total += g.stopped
            cell = _compliance_cell(fmt, g.compliance, data.goal_for(metric, priority))
            cells.append(Cell(f"{cell.text} ({fmt.count(g.stopped)})", cell.tone))
        cells.append(Cell(fmt.count(total)))
        return tuple(cells)

    rows = []
    for key in order:
        if table.dimension == "priority":
            label = priority_label(key)
        else:
            label = key if key is not None else tr("(none)")
        priority = key if table.dimension == "priority" else None
        rows.append(row(label, by_key[key], key is None, priority))
    if table.others:
        rows.append(
            row(
                tr("{count} others").format(count=fmt.count(table.others_count)),
                {g.metric: g for g in table.others},
                True,
            )
        )
    return rows


def dimension_blocks(data: ReportData, fmt: ReportFormat) -> list[Block]:
    metrics = [m.metric for m in data.measured_metrics if m.stopped] or [
        "first_response",
        "resolution",
    ]
    blocks: list[Block] = []
    share = max(10, 70 // len(metrics))
    for table in data.dimensions:
        title = {
            "priority": tr("By priority"),
            "team": tr("By team"),
            "agent": tr("By agent"),
            "customer": tr("By customer"),
        }[table.dimension]
        blocks.append(Heading(title))
        blocks.append(
            Table(
                (dimension_label(table.dimension), *map(metric_label, metrics), tr("Clocks")),
                tuple(_dimension_rows(table, metrics, fmt, data)),
                ("l", *("r" for _ in metrics), "r"),
                (100 - share * len(metrics) - 10, *(share for _ in metrics), 10),
                empty_text=tr("No clock stopped in the period."),
            )
        )
        if table.others:
            blocks.append(
                Paragraph(
                    tr("The {shown} busiest are shown; the CSV export lists every one.").format(
                        shown=fmt.count(len({g.key for g in table.rows}))
                    ),
                    "note",
                )
            )
    blocks.append(Paragraph(tr("Each cell: compliance (clocks stopped in the period)."), "note"))
    return blocks
