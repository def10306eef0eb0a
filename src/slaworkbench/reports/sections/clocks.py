"""The sections that list single clocks: the worst breaches, and the clocks still running
at the end of the period."""

from __future__ import annotations

from slaworkbench.domain.labels import clock_state_label, metric_label, priority_label
from slaworkbench.i18n import tr
from slaworkbench.reports.blocks import Block, Cell, Heading, Paragraph, Table
from slaworkbench.reports.builder import ReportData
from slaworkbench.reports.formatting import ReportFormat

PRINTED_RUNNING_ROWS = 40
"""Running clocks listed on paper (all are counted; the CSV lists every one fetched)."""


def _ticket_label(ticket_id: int, external_id: str | None) -> str:
    return external_id or f"#{ticket_id}"


def breach_blocks(data: ReportData, fmt: ReportFormat) -> list[Block]:
    rows = tuple(
        (
            Cell(_ticket_label(b.ticket_id, b.external_id)),
            Cell(b.subject),
            Cell(metric_label(b.metric)),
            Cell(priority_label(b.priority)),
            Cell(b.team or "—"),
            Cell(fmt.duration(b.target)),
            Cell(fmt.duration(b.elapsed)),
            Cell("+" + fmt.duration(b.overrun), "bad"),
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
            nowrap=(0,),  # a duration's number and unit stay together (fmt.duration)
            empty_text=tr("No breach among the clocks that stopped in the period."),
        ),
        Paragraph(tr("Business time; the longest overrun first."), "note"),
    ]


def running_blocks(data: ReportData, fmt: ReportFormat) -> list[Block]:
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
                    if c.state_at_end == "paused"
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
                (15, 25, 11, 9, 12, 15, 13),
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
