"""The report's section on who held the SLA clocks: per metric, compliance, breaches,
median and P90 business time per agent and per team, by the holder when the cycle
stopped and by the holders while the clock ran, each table saying which
(docs/SLA_SEMANTICS.md, "Who held an SLA clock")."""

from __future__ import annotations

from slaworkbench.app.ola.sla_holders import SlaHolders
from slaworkbench.domain.labels import metric_label
from slaworkbench.i18n import tr
from slaworkbench.reports.blocks import Block, Heading, Paragraph
from slaworkbench.reports.builder import ReportData
from slaworkbench.reports.formatting import ReportFormat
from slaworkbench.reports.sections.ola import holder_table


def _metric_blocks(holders: SlaHolders, data: ReportData, fmt: ReportFormat) -> list[Block]:
    met, empty = tr("SLA met"), tr("No clock of this metric stopped in the period.")
    metric = metric_label(holders.metric)
    tables = (
        (tr("{metric}: per agent, by the assignee when the clock stopped"), tr("Agent"),
         holders.agents_at_stop),
        (tr("{metric}: per agent, by the assignees while the clock ran"), tr("Agent"),
         holders.agents_while_running),
        (tr("{metric}: per team, by the team when the clock stopped"), tr("Team"),
         holders.teams_at_stop),
        (tr("{metric}: per team, by the teams while the clock ran"), tr("Team"),
         holders.teams_while_running),
    )  # fmt: skip
    blocks: list[Block] = []
    for title, first, figures in tables:
        blocks.append(Heading(title.format(metric=metric), 3))
        blocks += holder_table(
            first, figures, fmt, data.goal, False, met=met, empty_text=empty,
            limit=data.options.dimension_limit,
        )  # fmt: skip
    return blocks


def sla_holder_blocks(data: ReportData, fmt: ReportFormat) -> list[Block]:
    measured = [holders for holders in data.sla_holders if holders.measured]
    if not measured:
        return []
    blocks: list[Block] = [
        Heading(tr("Who held the SLA clocks")),
        Paragraph(
            tr(
                "Clocks that stopped in the period, in business time. When it stopped: each "
                "clock counts once, for the agent and the team holding the ticket then. While "
                "it ran: a clock counts for every agent (team) who held it for some running "
                "business time, with the share they held; paused time counts for nobody."
            ),
            "note",
        ),
    ]
    for holders in measured:
        blocks += _metric_blocks(holders, data, fmt)
    return blocks
