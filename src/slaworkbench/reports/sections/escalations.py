"""The report's "Escalations" figure: rules fired in the period, per policy and priority."""

from __future__ import annotations

from slaworkbench.domain.labels import priority_label
from slaworkbench.i18n import tr
from slaworkbench.reports.blocks import Block, Cell, Heading, Paragraph, Table
from slaworkbench.reports.builder import ReportData
from slaworkbench.reports.formatting import ReportFormat


def escalation_blocks(data: ReportData, fmt: ReportFormat) -> list[Block]:
    rows = tuple(
        (
            Cell(count.policy),
            Cell(priority_label(count.priority)),
            Cell(fmt.count(count.fired)),
            Cell(fmt.count(count.late), "muted" if not count.late else None),
            Cell(fmt.count(count.tickets)),
        )
        for count in data.escalations
    )
    total = sum(count.fired for count in data.escalations)
    return [
        Heading(tr("Escalations")),
        Table(
            (tr("Policy"), tr("Priority"), tr("Escalations"), tr("Late"), tr("Tickets")),
            rows,
            ("l", "l", "r", "r", "r"),
            (36, 16, 16, 16, 16),
            empty_text=tr("No escalation rule fired in the period."),
        ),
        Paragraph(
            tr(
                "{total} escalations fired in the period. Priority: the ticket's priority when "
                "the rule fired. Late: the rule was due while no program was running and "
                "fired at the next start."
            ).format(total=fmt.count(total)),
            "note",
        ),
    ]
