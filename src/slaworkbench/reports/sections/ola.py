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


def busiest(
    figures: tuple[HolderFigures, ...], limit: int
) -> tuple[tuple[HolderFigures, ...], HolderFigures | None, int]:
    """The ``limit`` holders with the most cycles, in their order, with the unassigned
    row wherever it is; the others summed in one row (no median or P90: those of the
    others together are not read); and how many others there are. A printed report of a
    real helpdesk's log (BPI 2013) listed every holder on 58 pages; one of its tables
    has 2,706 agents."""
    named = [f for f in figures if f.name is not None]
    if len(named) <= limit:
        return figures, None, 0
    ranked = sorted(named, key=lambda f: (-(f.cycles + f.running), (f.name or "").casefold()))
    kept = {id(f) for f in ranked[:limit]}
    others = [f for f in named if id(f) not in kept]
    summed = HolderFigures(
        None,
        sum(f.cycles for f in others),
        sum(f.achieved for f in others),
        sum(f.breached for f in others),
        None,
        None,
        sum(f.running for f in others),
    )
    shown = tuple(f for f in figures if f.name is None or id(f) in kept)
    return shown, summed, len(others)


def holder_table(
    first: str,
    figures: tuple[HolderFigures, ...],
    fmt: ReportFormat,
    goal: float,
    running: bool,
    *,
    met: str | None = None,
    empty_text: str | None = None,
    limit: int | None = None,
) -> list[Block]:
    """Compliance, stopped, breached, median and P90 per holder (and running cycles),
    the ``limit`` busiest and one row for the others, with a note saying so; shared
    with the SLA holders' section (``reports.sections.sla_holders``)."""
    headers = [first, met or tr("OLA met"), tr("Stopped"), tr("Breached"), tr("Median"), tr("P90")]
    if running:
        headers.append(tr("Running"))
    shown, others, count = (figures, None, 0) if limit is None else busiest(figures, limit)
    rows = _rows(shown, fmt, goal, running=running)
    if others is not None:
        label = tr("{count} others").format(count=fmt.count(count))
        (summed,) = _rows((others,), fmt, goal, running=running)
        rows += ((Cell(label), *summed[1:]),)
    blocks: list[Block] = [
        Table(
            tuple(headers),
            rows,
            ("l",) + ("r",) * (len(headers) - 1),
            empty_text=empty_text or tr("No OLA cycle stopped in the period."),
        )
    ]
    if others is not None:
        blocks.append(
            Paragraph(
                tr("The {shown} busiest are shown; the CSV export lists every one.").format(
                    shown=fmt.count(len(shown) - sum(1 for f in shown if f.name is None))
                ),
                "note",
            )
        )
    return blocks


def ola_blocks(data: ReportData, fmt: ReportFormat) -> list[Block]:
    ola = data.ola
    if ola is None or not ola.measured:
        return []
    limit = data.options.dimension_limit
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
        *holder_table(tr("Team"), ola.teams, fmt, data.goal, True, limit=limit),
        Heading(tr("Per agent, by the assignee when the cycle stopped"), 3),
        *holder_table(tr("Agent"), ola.agents_at_stop, fmt, data.goal, False, limit=limit),
        Paragraph(
            tr("Each cycle counts once, for whoever held the ticket when it stopped."), "note"
        ),
        Heading(tr("Per agent, by the assignees while the clock ran"), 3),
        *holder_table(tr("Agent"), ola.agents_while_running, fmt, data.goal, False, limit=limit),
        Paragraph(
            tr(
                "A cycle counts for every agent who held the running clock; median and P90 are "
                "of the business time each held."
            ),
            "note",
        ),
    ]
