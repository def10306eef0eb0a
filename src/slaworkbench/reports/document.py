"""``ReportData`` → the blocks of the printed compliance summary, formatted for a locale.

The same blocks feed the HTML file, the print preview, the printer and the PDF, so the
figures on paper are the builder's figures, formatted once.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from PySide6.QtCore import QLocale

from slaworkbench.app import analytics as an
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
from slaworkbench.reports.builder import REPORTS_COUNT_RULE, DimensionTable, ReportData
from slaworkbench.reports.formatting import (
    ReportFormat,
    clock_state_label,
    day_label,
    dimension_label,
    metric_label,
    priority_label,
    status_label,
)

PRINTED_RUNNING_ROWS = 40
"""Running clocks listed on paper (all are counted; the CSV lists every one fetched)."""


@dataclass(frozen=True, slots=True)
class ReportDocument:
    title: str
    header_left: str
    """Workspace and period, for the page header."""
    header_right: str
    """Generation time, for the page header."""
    blocks: tuple[Block, ...]


def title_text() -> str:
    return tr("SLA compliance summary")


def period_text(data: ReportData, fmt: ReportFormat) -> str:
    return tr("{start} – {end}").format(
        start=fmt.date(data.filters.date_from), end=fmt.date(data.filters.date_to)
    )


def scope_text(data: ReportData) -> str:
    f = data.filters
    parts = []
    if f.team:
        parts.append(tr("team {name}").format(name=f.team))
    if f.customer:
        parts.append(tr("customer {name}").format(name=f.customer))
    if f.priority:
        parts.append(tr("priority {name}").format(name=priority_label(f.priority)))
    return ", ".join(parts) if parts else tr("all tickets")


def _compliance_cell(fmt: ReportFormat, fraction: float | None, goal: float) -> Cell:
    if fraction is None:
        return Cell("—", "muted")
    return Cell(fmt.percent(fraction), "good" if fraction >= goal else "bad")


def build_document(data: ReportData, locale: QLocale | None = None) -> ReportDocument:
    """The blocks of the report. Needs a ``QApplication`` (the charts are drawn by
    pyqtgraph off screen)."""
    fmt = ReportFormat(locale or QLocale(), data.filters.tz)
    blocks: list[Block] = [
        Paragraph(title_text(), "title"),
        Paragraph(
            tr("{workspace} · {start} to {end} · {scope}").format(
                workspace=data.workspace,
                start=fmt.long_date(data.filters.date_from),
                end=fmt.long_date(data.filters.date_to),
                scope=scope_text(data),
            ),
            "subtitle",
        ),
    ]
    blocks += _headline(data, fmt)
    blocks += _trend(data, fmt)
    blocks += _dimensions(data, fmt)
    blocks += _breaches(data, fmt)
    blocks += _running(data, fmt)
    blocks += _response_times(data, fmt)
    blocks += _satisfaction(data, fmt)
    blocks += _availability(data, fmt)
    blocks += _methods(data, fmt)
    return ReportDocument(
        title=title_text(),
        header_left=tr("{workspace} · {period}").format(
            workspace=data.workspace, period=period_text(data, fmt)
        ),
        header_right=tr("Generated {when}").format(when=fmt.instant(data.generated_at)),
        blocks=tuple(blocks),
    )


def _headline(data: ReportData, fmt: ReportFormat) -> list[Block]:
    metrics = data.measured_metrics or data.headline
    figures = []
    for m in metrics:
        tone = None if m.compliance is None else ("good" if m.compliance >= data.goal else "bad")
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
        met = m.compliance is not None and m.compliance >= data.goal
        rows.append(
            (
                Cell(metric_label(m.metric)),
                Cell(fmt.count(m.achieved)),
                Cell(fmt.count(m.breached)),
                _compliance_cell(fmt, m.compliance, data.goal),
                Cell(
                    "—" if m.compliance is None else (tr("met") if met else tr("missed")),
                    None if m.compliance is None else ("good" if met else "bad"),
                ),
                Cell(fmt.count(m.not_stopped)),
            )
        )
    not_stopped = sum(m.not_stopped for m in data.headline)
    return [
        Heading(tr("Compliance against the goal of {goal}").format(goal=fmt.percent(data.goal, 0))),
        KeyFigures(tuple(figures)),
        Table(
            (
                tr("Metric"),
                tr("Achieved"),
                tr("Breached"),
                tr("Compliance"),
                tr("Goal {goal}").format(goal=fmt.percent(data.goal, 0)),
                tr("Not stopped"),
            ),
            tuple(rows),
            ("l", "r", "r", "r", "c", "r"),
            (28, 14, 14, 16, 14, 14),
        ),
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


def _trend(data: ReportData, fmt: ReportFormat) -> list[Block]:
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
    image = charts.compliance_chart(
        "trend", categories, series, data.goal, tr("Compliance (%)"), tr("Goal")
    )
    unit = {"day": tr("day"), "week": tr("week"), "month": tr("month")}[data.trend_bucket]
    return [
        Heading(tr("Trend")),
        Chart(
            image,
            tr("Compliance per {unit}, by metric; the dashed line is the goal.").format(unit=unit),
        ),
    ]


def _dimension_rows(
    table: DimensionTable, metrics: list[str], fmt: ReportFormat, goal: float
) -> list[tuple[Cell, ...]]:
    by_key: dict[str | None, dict[str, an.GroupCompliance]] = defaultdict(dict)
    order: list[str | None] = []
    for group in table.rows:
        if group.key not in by_key:
            order.append(group.key)
        by_key[group.key][group.metric] = group

    def row(label: str, groups: dict[str, an.GroupCompliance], muted: bool) -> tuple[Cell, ...]:
        cells = [Cell(label, "muted" if muted else None)]
        total = 0
        for metric in metrics:
            g = groups.get(metric)
            if g is None or not g.stopped:
                cells.append(Cell("—", "muted"))
                continue
            total += g.stopped
            cell = _compliance_cell(fmt, g.compliance, goal)
            cells.append(Cell(f"{cell.text} ({fmt.count(g.stopped)})", cell.tone))
        cells.append(Cell(fmt.count(total)))
        return tuple(cells)

    rows = []
    for key in order:
        if table.dimension == "priority":
            label = priority_label(key)
        else:
            label = key if key is not None else tr("(none)")
        rows.append(row(label, by_key[key], key is None))
    if table.others:
        rows.append(
            row(
                tr("{count} others").format(count=fmt.count(table.others_count)),
                {g.metric: g for g in table.others},
                True,
            )
        )
    return rows


def _dimensions(data: ReportData, fmt: ReportFormat) -> list[Block]:
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
                tuple(_dimension_rows(table, metrics, fmt, data.goal)),
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


def _ticket_label(ticket_id: int, external_id: str | None) -> str:
    return external_id or f"#{ticket_id}"


def _breaches(data: ReportData, fmt: ReportFormat) -> list[Block]:
    rows = tuple(
        (
            Cell(_ticket_label(b.ticket_id, b.external_id)),
            Cell(b.subject),
            Cell(metric_label(b.metric)),
            Cell(priority_label(b.priority)),
            Cell(b.team or "—"),
            Cell(fmt.duration(b.target)),
            Cell(fmt.duration(b.elapsed)),
            Cell("+" + fmt.duration(b.overrun).replace(" ", "\u00a0"), "bad"),
            Cell(fmt.instant(b.stopped_at)),
        )
        for b in data.breaches
    )
    return [
        Heading(tr("Worst breaches")),
        Table(
            (
                tr("Ticket"),
                tr("Subject"),
                tr("Metric"),
                tr("Priority"),
                tr("Team"),
                tr("Target"),
                tr("Took"),
                tr("Late by"),
                tr("Stopped"),
            ),
            rows,
            ("l", "l", "l", "l", "l", "r", "r", "r", "r"),
            (15, 17, 11, 9, 9, 8, 9, 10, 12),
            nowrap=(0, 5, 6, 7),
            empty_text=tr("No breach among the clocks that stopped in the period."),
        ),
        Paragraph(tr("Business time; the longest overrun first."), "note"),
    ]


def _running(data: ReportData, fmt: ReportFormat) -> list[Block]:
    running = data.running
    summary = tuple(
        (
            Cell(metric_label(m.metric)),
            Cell(fmt.count(m.running)),
            Cell(fmt.count(m.paused)),
            Cell(fmt.count(m.overdue), "bad" if m.overdue else None),
            Cell(fmt.count(m.not_stopped), bold=True),
        )
        for m in running.metrics
    )
    rows = tuple(
        (
            Cell(_ticket_label(c.ticket_id, c.external_id)),
            Cell(c.subject),
            Cell(metric_label(c.metric)),
            Cell(priority_label(c.priority)),
            Cell(
                tr("Overdue")
                if c.overdue
                else (
                    clock_state_label("paused")
                    if c.state == "paused"
                    else clock_state_label("running")
                ),
                "bad" if c.overdue else None,
            ),
            Cell(fmt.instant(c.due_at)),
            Cell(fmt.duration(c.remaining), "bad" if c.remaining < 0 else None),
        )
        for c in running.rows[:PRINTED_RUNNING_ROWS]
    )
    omitted = running.total - len(rows)
    blocks: list[Block] = [
        Heading(tr("Clocks still running")),
        Paragraph(
            tr(
                "{count} clocks had not stopped by the end of {end}. They are not counted in "
                "the compliance figures above."
            ).format(count=fmt.count(running.total), end=fmt.date(data.filters.date_to)),
            "body",
        ),
        Table(
            (tr("Metric"), tr("Running"), tr("Paused"), tr("Overdue"), tr("Total")),
            summary,
            ("l", "r", "r", "r", "r"),
            (40, 15, 15, 15, 15),
            empty_text=tr("None."),
        ),
    ]
    if rows:
        blocks.append(
            Table(
                (
                    tr("Ticket"),
                    tr("Subject"),
                    tr("Metric"),
                    tr("Priority"),
                    tr("At period end"),
                    tr("Due"),
                    tr("Time left"),
                ),
                rows,
                ("l", "l", "l", "l", "l", "r", "r"),
                (15, 26, 12, 9, 9, 16, 13),
                nowrap=(0, 6),
            )
        )
    if omitted:
        blocks.append(
            Paragraph(
                tr(
                    "The {shown} with the least time left are listed; {more} more are in "
                    "the CSV export and the ticket list."
                ).format(shown=fmt.count(len(rows)), more=fmt.count(omitted)),
                "note",
            )
        )
    return blocks


def _response_times(data: ReportData, fmt: ReportFormat) -> list[Block]:
    rows = tuple(
        (
            Cell(metric_label(d.metric)),
            Cell(priority_label(d.priority)),
            Cell(fmt.count(d.count)),
            Cell(fmt.duration(d.p50)),
            Cell(fmt.duration(d.p90)),
            Cell(fmt.duration(d.mean)),
        )
        for d in data.distributions
    )
    return [
        Heading(tr("Response and resolution times")),
        Table(
            (
                tr("Metric"),
                tr("Priority"),
                tr("Clocks"),
                tr("Median"),
                tr("90th percentile"),
                tr("Mean"),
            ),
            rows,
            ("l", "l", "r", "r", "r", "r"),
            (22, 14, 14, 16, 18, 16),
            empty_text=tr("No clock stopped in the period."),
        ),
        Paragraph(tr("Business time of clocks that stopped in the period."), "note"),
    ]


def _bucket_label(b: an.SatisfactionBucket, fmt: ReportFormat) -> str:
    if b.without_response:
        return tr("No first response")
    if b.upper is None:
        return tr("{lower} or more").format(lower=fmt.duration(b.lower))
    if not b.lower:
        return tr("Under {upper}").format(upper=fmt.duration(b.upper))
    return tr("{lower} to {upper}").format(lower=fmt.duration(b.lower), upper=fmt.duration(b.upper))


def _satisfaction(data: ReportData, fmt: ReportFormat) -> list[Block]:
    rows = tuple(
        (
            Cell(_bucket_label(b, fmt)),
            Cell(fmt.count(b.csat_count)),
            Cell(fmt.number(b.csat_mean, 2)),
            Cell(fmt.percent(b.csat_satisfied, 0)),
            Cell(fmt.count(b.nps_count)),
            Cell(fmt.signed(b.nps), "bad" if (b.nps or 0) < 0 else None),
        )
        for b in data.satisfaction
    )
    total_nps = sum(p.responses for p in data.nps)
    promoters = sum(p.promoters for p in data.nps)
    detractors = sum(p.detractors for p in data.nps)
    csat_n = sum(p.csat_count for p in data.nps)
    csat_sum = sum((p.csat_mean or 0) * p.csat_count for p in data.nps)
    blocks: list[Block] = [
        Heading(tr("Customer satisfaction")),
        Paragraph(
            tr("CSAT {csat} from {csat_n} answers (1–5); NPS {nps} from {nps_n} answers.").format(
                csat=fmt.number(csat_sum / csat_n if csat_n else None, 2),
                csat_n=fmt.count(csat_n),
                nps=fmt.signed(100 * (promoters - detractors) / total_nps if total_nps else None),
                nps_n=fmt.count(total_nps),
            ),
            "body",
        ),
        Table(
            (
                tr("First response"),
                tr("CSAT answers"),
                tr("CSAT mean"),
                tr("Satisfied (4–5)"),
                tr("NPS answers"),
                tr("NPS"),
            ),
            rows,
            ("l", "r", "r", "r", "r", "r"),
            (25, 15, 15, 15, 15, 15),
        ),
    ]
    if total_nps:
        image = charts.bar_chart(
            "nps",
            [fmt.bucket(p.start, data.trend_bucket) for p in data.nps],
            [p.nps for p in data.nps],
            tr("NPS"),
            (-100, 100),
        )
        blocks.append(Chart(image, tr("Net promoter score per period of answer."), 0.8))
    return blocks


def _availability(data: ReportData, fmt: ReportFormat) -> list[Block]:
    services: list[tuple[str, float]] = []
    for month in data.availability:
        if (month.service, month.target) not in services:
            services.append((month.service, month.target))
    months = sorted({m.month for m in data.availability})
    cells = {(m.service, m.month): m for m in data.availability}
    blocks: list[Block] = [Heading(tr("Service availability"))]
    if not services:
        blocks.append(Paragraph(tr("No service is monitored in this workspace."), "note"))
        return blocks
    for start in range(0, len(services), 5):
        chunk = services[start : start + 5]
        rows = []
        for month in months:
            row = [Cell(fmt.month(month))]
            for name, _target in chunk:
                one = cells.get((name, month))
                if one is None or one.uptime is None:
                    row.append(Cell("—", "muted"))
                else:
                    row.append(Cell(fmt.percent(one.uptime, 3), "good" if one.met else "bad"))
            rows.append(tuple(row))
        headers = tuple(
            tr("{service} (target {target})").format(service=name, target=fmt.percent(target, 2))
            for name, target in chunk
        )
        width = 80 // len(chunk)
        blocks.append(
            Table(
                (tr("Month"), *headers),
                tuple(rows),
                ("l", *("r" for _ in chunk)),
                (100 - width * len(chunk), *(width for _ in chunk)),
            )
        )
    blocks.append(
        Paragraph(
            tr(
                "Uptime = 1 − downtime ÷ time measured, per month of the period up to the "
                "moment of the report; overlapping outages count once."
            ),
            "note",
        )
    )
    return blocks


def _hours_text(hours: tuple[tuple[str, tuple[tuple[str, str], ...]], ...]) -> str:
    parts = []
    for key, intervals in hours:
        if intervals:
            spans = ", ".join(f"{a}–{b}" for a, b in intervals)
            parts.append(f"{day_label(key)} {spans}")
    return "; ".join(parts) if parts else tr("no working hours recorded")


def _methods(data: ReportData, fmt: ReportFormat) -> list[Block]:
    m = data.methods
    blocks: list[Block] = [
        Heading(tr("Methods"), page_break_before=True),
        Paragraph(tr(REPORTS_COUNT_RULE), "body"),
        Paragraph(
            tr(
                "The period runs from {start} to {end} (time zone {tz}). Each cycle of a "
                "clock counts once: next-response and periodic-update clocks can run several "
                "times per ticket. Team, agent, customer and priority are the ticket's "
                "current ones. Durations are business time in the calendar of the policy "
                "that judged the clock. A clock is breached when its business time exceeds "
                "its target; one stopped exactly at its due time is achieved."
            ).format(start=fmt.instant(m.start_at), end=fmt.instant(m.end_at), tz=m.tz),
            "body",
        ),
        Paragraph(
            tr("Statuses that pause pausable clocks (periodic update, resolution): {list}.").format(
                list=", ".join(status_label(s) for s in m.pause_statuses) or tr("none")
            ),
            "body",
        ),
        Heading(tr("Policy versions in force"), level=3),
        Table(
            (
                tr("Policy"),
                tr("Version"),
                tr("Saved"),
                tr("By"),
                tr("Calendar"),
                tr("Pauses on"),
                tr("Clocks judged"),
            ),
            tuple(
                (
                    Cell(v.policy + ("" if v.active else " " + tr("(inactive)"))),
                    Cell(fmt.count(v.version) + (" " + tr("(current)") if v.is_current else "")),
                    Cell(fmt.instant(v.created_at)),
                    Cell(v.author),
                    Cell(v.calendar),
                    Cell(", ".join(status_label(s) for s in v.pause_statuses) or "—"),
                    Cell(fmt.count(v.clocks_judged)),
                )
                for v in m.policy_versions
            ),
            ("l", "r", "r", "l", "l", "l", "r"),
            (20, 11, 15, 13, 15, 14, 12),
            empty_text=tr("No policy version is recorded."),
        ),
    ]
    if m.unversioned_clocks:
        blocks.append(
            Paragraph(
                tr("{count} clocks were judged by a policy version no longer recorded.").format(
                    count=fmt.count(m.unversioned_clocks)
                ),
                "note",
            )
        )
    blocks.append(Heading(tr("Calendars"), level=3))
    blocks.append(
        Table(
            (tr("Calendar"), tr("Time zone"), tr("Working hours"), tr("Holidays in the period")),
            tuple(
                (
                    Cell(c.name),
                    Cell(c.timezone),
                    Cell(_hours_text(c.hours)),
                    Cell(
                        "; ".join(f"{fmt.date(d)} {name}".strip() for d, name in c.holidays)
                        or tr("none")
                    ),
                )
                for c in m.calendars
            ),
            ("l", "l", "l", "l"),
            (18, 16, 42, 24),
            empty_text=tr("No calendar is in use."),
        )
    )
    return blocks
