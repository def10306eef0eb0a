"""The report's section on team agreements (OLAs) and who held the clock: compliance,
breaches, median and P90 business time per team, and per agent both ways (by the
assignee when the cycle stopped, and by the assignees while the clock ran), each table
saying which."""

from __future__ import annotations

from slaworkbench.app.ola.accountability import HolderFigures
from slaworkbench.i18n import tr
from slaworkbench.reports.blocks import Block, Cell, Heading, Paragraph, Table
from slaworkbench.reports.builder import ReportData
from slaworkbench.reports.formatting import ReportFormat


def _rows(
    figures: tuple[HolderFigures, ...], fmt: ReportFormat, goal: float, *, running: bool
) -> tuple[tuple[Cell, ...], ...]:
    rows = []
    for f in figures:
        tone = None if f.compliance is None else ("good" if f.compliance >= goal else "bad")
        cells = [
            Cell(f.name or tr("Unassigned")),
            Cell(fmt.percent(f.compliance), tone),
            Cell(fmt.count(f.cycles)),
            Cell(fmt.count(f.breached), "bad" if f.breached else None),
            Cell(fmt.duration(f.median)),
            Cell(fmt.duration(f.p90)),
        ]
        if running:
            cells.append(Cell(fmt.count(f.running)))
        rows.append(tuple(cells))
    return tuple(rows)


def holder_table(
    first: str,
    figures: tuple[HolderFigures, ...],
    fmt: ReportFormat,
    goal: float,
    running: bool,
    *,
    met: str | None = None,
    empty_text: str | None = None,
) -> Table:
    """Compliance, stopped, breached, median and P90 per holder (and running cycles);
    shared with the SLA holders' section (``reports.sections.sla_holders``)."""
    headers = [first, met or tr("OLA met"), tr("Stopped"), tr("Breached"), tr("Median"), tr("P90")]
    if running:
        headers.append(tr("Running"))
    return Table(
        tuple(headers),
        _rows(figures, fmt, goal, running=running),
        ("l",) + ("r",) * (len(headers) - 1),
        empty_text=empty_text or tr("No OLA cycle stopped in the period."),
    )


def ola_blocks(data: ReportData, fmt: ReportFormat) -> list[Block]:
    ola = data.ola
    if ola is None or not ola.measured:
        return []
    return [
        Heading(tr("Team agreements (OLAs) and who held the clock")),
        Paragraph(
            tr(
                "An OLA cycle is the time a ticket spent with one team, judged against that "
                "team's target in its own calendar; compliance counts the cycles that stopped "
                "in the period, business time."
            ),
            "note",
        ),
        Heading(tr("OLA compliance per team"), 3),
        holder_table(tr("Team"), ola.teams, fmt, data.goal, True),
        Heading(tr("Per agent, by the assignee when the cycle stopped"), 3),
        holder_table(tr("Agent"), ola.agents_at_stop, fmt, data.goal, False),
        Paragraph(
            tr("Each cycle counts once, for whoever held the ticket when it stopped."), "note"
        ),
        Heading(tr("Per agent, by the assignees while the clock ran"), 3),
        holder_table(tr("Agent"), ola.agents_while_running, fmt, data.goal, False),
        Paragraph(
            tr(
                "A cycle counts for every agent who held the running clock; median and P90 are "
                "of the business time each held."
            ),
            "note",
        ),
    ]
