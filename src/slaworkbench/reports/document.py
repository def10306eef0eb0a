"""``ReportData`` → the blocks of the printed compliance summary, formatted for a locale.

The same blocks feed the HTML file, the print preview, the printer and the PDF, so the
figures on paper are the builder's figures, formatted once. Each section is built in a
``sections_*`` module; this one puts them in reading order under the title.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QLocale

from slaworkbench.domain.labels import priority_label
from slaworkbench.i18n import tr
from slaworkbench.reports.blocks import Block, Paragraph
from slaworkbench.reports.builder import ReportData
from slaworkbench.reports.formatting import ReportFormat
from slaworkbench.reports.sections.clocks import PRINTED_RUNNING_ROWS as PRINTED_RUNNING_ROWS
from slaworkbench.reports.sections.clocks import breach_blocks, running_blocks
from slaworkbench.reports.sections.compliance import (
    dimension_blocks,
    headline_blocks,
    trend_blocks,
)
from slaworkbench.reports.sections.escalations import escalation_blocks
from slaworkbench.reports.sections.methods import methods_blocks, unevaluated_blocks
from slaworkbench.reports.sections.ola import ola_blocks
from slaworkbench.reports.sections.service import (
    availability_blocks,
    response_time_blocks,
    satisfaction_blocks,
)
from slaworkbench.reports.sections.sla_holders import sla_holder_blocks


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
    blocks += unevaluated_blocks(data, fmt)
    blocks += headline_blocks(data, fmt)
    blocks += trend_blocks(data, fmt)
    blocks += dimension_blocks(data, fmt)
    blocks += ola_blocks(data, fmt)
    blocks += sla_holder_blocks(data, fmt)
    blocks += escalation_blocks(data, fmt)
    blocks += breach_blocks(data, fmt)
    blocks += running_blocks(data, fmt)
    blocks += response_time_blocks(data, fmt)
    blocks += satisfaction_blocks(data, fmt)
    blocks += availability_blocks(data, fmt)
    blocks += methods_blocks(data, fmt)
    return ReportDocument(
        title=title_text(),
        header_left=tr("{workspace} · {period}").format(
            workspace=data.workspace, period=period_text(data, fmt)
        ),
        header_right=tr("Generated {when}").format(when=fmt.instant(data.generated_at)),
        blocks=tuple(blocks),
    )
