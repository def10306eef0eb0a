"""The customer statement's blocks: the service description and commitments, compliance
against the agreement's goals, availability per service with its outages, CSAT and NPS,
the credits owed with their computation, and the methods appendix."""

from __future__ import annotations

from PySide6.QtGui import QTextDocument

from slaworkbench import formatting
from slaworkbench.app.agreements.statement import CreditLine, Statement
from slaworkbench.domain.agreement.credits import MonthVerdict
from slaworkbench.domain.labels import metric_label, priority_label
from slaworkbench.i18n import tr
from slaworkbench.reports.blocks import (
    Block,
    Cell,
    Heading,
    KeyFigure,
    KeyFigures,
    Paragraph,
    Table,
)
from slaworkbench.reports.builder import REPORTS_COUNT_RULE
from slaworkbench.reports.formatting import ReportFormat


def money(statement: Statement, fmt: ReportFormat, value: float) -> str:
    return f"{fmt.number(value, 2)} {statement.agreement.currency}"


def _plain(html: str) -> str:
    document = QTextDocument()
    document.setHtml(html)
    return document.toPlainText().strip()


def _verdict(verdict: MonthVerdict) -> Cell:
    if verdict is MonthVerdict.MET:
        return Cell(tr("met"), "good")
    if verdict is MonthVerdict.MISSED:
        return Cell(tr("missed"), "bad", bold=True)
    return Cell(tr("not enough tickets"), "muted")


def _priority(priority: object) -> str:
    return tr("all priorities") if priority is None else priority_label(str(priority))


def service_blocks(s: Statement, fmt: ReportFormat) -> list[Block]:
    spec = s.agreement
    blocks: list[Block] = [Heading(tr("The service"))]
    description = _plain(spec.description) if spec.description else ""
    blocks.append(Paragraph(description or tr("No service description recorded."), "body"))
    validity = (
        tr("Valid from {start}, without end date.").format(start=fmt.long_date(spec.valid_from))
        if spec.valid_to is None
        else tr("Valid from {start} to {end}.").format(
            start=fmt.long_date(spec.valid_from), end=fmt.long_date(spec.valid_to)
        )
    )
    blocks.append(
        Paragraph(
            tr("{validity} Monthly fee {fee}. Tickets are judged by the policy “{policy}”"
               "{calendar}.").format(
                validity=validity, fee=money(s, fmt, spec.monthly_fee), policy=spec.policy,
                calendar=tr(" in the calendar “{name}” ({zone})").format(
                    name=spec.calendar, zone=s.calendar_zone) if spec.calendar else "",
            ),
            "body",
        )
    )  # fmt: skip
    rows: list[tuple[Cell, ...]] = []

    def row(measure: str, priority: str, commitment: str) -> None:
        rows.append((Cell(measure), Cell(priority), Cell(commitment)))

    for goal in spec.goals:
        row(
            metric_label(goal.metric),
            _priority(goal.priority),
            tr("{goal} % of tickets within target").format(goal=decimal(fmt, goal.goal_percent)),
        )
    for service in spec.services:
        row(
            tr("Availability of {service}").format(service=service.service),
            "",
            share(fmt, service.target_percent),
        )
    if spec.csat_goal is not None:
        row(tr("CSAT"), "", tr("{goal} % satisfied").format(goal=decimal(fmt, spec.csat_goal)))
    if spec.nps_goal is not None:
        row(tr("NPS"), "", tr("at least {goal}").format(goal=decimal(fmt, spec.nps_goal)))
    blocks += [
        Heading(tr("Commitments"), level=3),
        Table((tr("Measure"), tr("Priority"), tr("Commitment")), tuple(rows), ("l", "l", "l"),
              empty_text=tr("No commitment recorded.")),
    ]  # fmt: skip
    return blocks


def decimal(fmt: ReportFormat, value: float) -> str:
    """A goal or a target as the reader's locale writes it, with the decimals it has
    (``99,9``; it was Python's ``99.9`` and ``90.0`` in every language)."""
    return formatting.decimal(value, fmt.locale)


def share(fmt: ReportFormat, percent: float) -> str:
    """A goal or a target in a table cell, as the measured percentages beside it are
    written (``99,9%`` beside ``100,0%``; it was ``99,9 %``)."""
    return decimal(fmt, percent) + formatting.percent_suffix(fmt.locale)


def compliance_blocks(s: Statement, fmt: ReportFormat) -> list[Block]:
    rows = tuple(
        (
            Cell(fmt.month(line.month)), Cell(metric_label(line.metric)),
            Cell(_priority(line.priority)), Cell(fmt.count(line.result.achieved)),
            Cell(fmt.count(line.result.breached)),
            Cell(fmt.percent(None if line.result.percent is None else line.result.percent / 100)),
            Cell(share(fmt, line.result.goal_percent)),
            _verdict(line.verdict),
        )
        for line in s.compliance
    )  # fmt: skip
    return [
        Heading(tr("Compliance against the agreement's goals")),
        Paragraph(
            tr("A month with fewer than {count} judged tickets is reported as “not enough "
               "tickets” and owes no compliance credit.").format(
                count=s.agreement.minimum_volume),
            "note",
        ),
        Table(
            (tr("Month"), tr("Metric"), tr("Priority"), tr("Achieved"), tr("Breached"),
             tr("Compliance"), tr("Goal"), tr("Verdict")),
            rows, ("l", "l", "l", "r", "r", "r", "r", "l"), nowrap=(0,),
            empty_text=tr("The agreement sets no compliance goal."),
        ),
    ]  # fmt: skip


def availability_blocks(s: Statement, fmt: ReportFormat) -> list[Block]:
    rows = tuple(
        (
            Cell(line.service), Cell(fmt.month(line.month)),
            Cell(fmt.number(line.percent, 3) + " %", "bad" if (line.percent or 100) <
                 line.target_percent else "good"),
            Cell(share(fmt, line.target_percent)),
            Cell(fmt.number(line.availability.down_seconds / 60, 1)),
            Cell(fmt.count(len(line.outages))),
        )
        for line in s.services
    )  # fmt: skip
    outage_rows = []
    seen: set[int] = set()
    for line in s.services:
        for o in line.outages:
            if o.id in seen:
                continue
            seen.add(o.id)
            outage_rows.append((
                Cell(line.service), Cell(fmt.instant(o.started_at)),
                Cell(fmt.instant(o.ended_at) if o.ended_at else tr("still going on")),
                Cell(fmt.number(o.weight, 2)),
                Cell(tr("planned") if o.planned else tr("unplanned")),
                Cell(" ".join(f"#{t}" for t in o.ticket_ids)), Cell(o.description),
            ))  # fmt: skip
    planned = (
        tr("Planned maintenance is excluded.") if s.agreement.exclude_planned
        else tr("Planned maintenance counts as downtime.")
    )  # fmt: skip
    return [
        Heading(tr("Availability")),
        Paragraph(
            tr("Availability = 1 − weighted unplanned downtime ÷ the month's length; "
               "overlapping outages count once, at the largest weight. {planned}").format(
                planned=planned),
            "note",
        ),
        Table(
            (tr("Service"), tr("Month"), tr("Availability"), tr("Target"),
             tr("Weighted minutes down"), tr("Outages")),
            rows, ("l", "l", "r", "r", "r", "r"), nowrap=(1,),
            empty_text=tr("The agreement commits to no service's availability."),
        ),
        Heading(tr("Outages"), level=3),
        Table(
            (tr("Service"), tr("Start"), tr("End"), tr("Weight"), tr("Kind"), tr("Tickets"),
             tr("Description")),
            tuple(outage_rows), ("l", "l", "l", "r", "l", "l", "l"),
            empty_text=tr("No outage in the period."),
        ),
    ]  # fmt: skip


def satisfaction_blocks(s: Statement, fmt: ReportFormat) -> list[Block]:
    csat, nps = s.csat, s.nps
    return [
        Heading(tr("Satisfaction")),
        KeyFigures((
            KeyFigure(
                tr("CSAT"), fmt.percent(None if csat.percent is None else csat.percent / 100),
                tr("{satisfied} of {answers} answers were 4 or 5").format(
                    satisfied=fmt.count(csat.satisfied), answers=fmt.count(csat.answers)),
            ),
            KeyFigure(
                tr("NPS"), fmt.signed(nps.score),
                # counts after their names: no plural to agree ("1 promotores")
                tr("promoters {p} · passives {a} · detractors {d}").format(
                    p=fmt.count(nps.promoters), a=fmt.count(nps.passives),
                    d=fmt.count(nps.detractors)),
            ),
        )),
    ]  # fmt: skip


SHOWN_TICKETS = 12
"""Tickets named behind a credit on paper; the CSV lists every one."""


def _behind(line: CreditLine, fmt: ReportFormat) -> str:
    """The tickets (at most ``SHOWN_TICKETS``, then how many more) or outages of a credit."""
    if line.ticket_ids:
        shown = " ".join(f"#{t}" for t in line.ticket_ids[:SHOWN_TICKETS])
        more = len(line.ticket_ids) - SHOWN_TICKETS
        if more > 0:
            shown += " " + tr("and {count} more (every one in the CSV)").format(
                count=fmt.count(more)
            )
        return shown
    if line.outage_ids:
        return tr("outages {ids}").format(ids=", ".join(f"#{o}" for o in line.outage_ids))
    return ""


def credit_blocks(s: Statement, fmt: ReportFormat) -> list[Block]:
    rows: list[tuple[Cell, ...]] = [
        (
            Cell(fmt.month(line.month)), Cell(str(line.rule)), Cell(str(line.computation)),
            Cell(_behind(line, fmt)), Cell(money(s, fmt, line.amount)),
        )
        for line in s.credits
    ]  # fmt: skip
    rows.append((Cell(tr("Total")), Cell(""), Cell(""), Cell(""),
                 Cell(money(s, fmt, s.total_credit), bold=True)))  # fmt: skip
    return [
        Heading(tr("Service credits owed")),
        Paragraph(
            tr("Total owed for the period: {total}.").format(total=money(s, fmt, s.total_credit)),
            "body",
        ),
        Table(
            (tr("Month"), tr("Rule"), tr("Computation"), tr("Behind it"), tr("Owed")),
            tuple(rows), ("l", "l", "l", "l", "r"), widths=(10, 28, 32, 18, 12), nowrap=(0, 4),
            total_row=True,
        ),
    ]  # fmt: skip


def statement_methods_blocks(s: Statement, fmt: ReportFormat) -> list[Block]:
    return [
        Heading(tr("Methods"), page_break_before=True),
        Paragraph(tr(REPORTS_COUNT_RULE), "body"),
        Paragraph(
            tr("Months are calendar months in the time zone {zone}. Compliance and the "
               "credits per breached ticket count the clocks of {customer}'s tickets that "
               "stopped in the month, by the ticket's current priority; a ticket counts once "
               "per rule and month however many of its cycles were breached. Durations are "
               "business time in the calendar that judged the clock (the agreement's "
               "calendar when it names one).").format(zone=s.calendar_zone, customer=s.customer),
            "body",
        ),
        Paragraph(
            tr("Credits: a rule per breached ticket owes its amount (or its percentage of the "
               "monthly fee) per ticket, up to its monthly cap. Availability tiers owe the "
               "percentage of the fee of the lowest tier the month's availability is below "
               "(tiers do not add up). A compliance credit is owed when a month's compliance "
               "is below its goal with at least the minimum number of judged tickets."),
            "body",
        ),
        Paragraph(
            tr("CSAT = the share of answers of 4 or 5 (scale 1–5). NPS = % promoters (9–10) "
               "− % detractors (0–6), scale 0–10. Both count the answers given in the "
               "period on the customer's tickets."),
            "body",
        ),
        Paragraph(
            tr("Agreement “{name}”, version {version}; generated {when}.").format(
                name=s.agreement.name, version=s.agreement_version,
                when=fmt.instant(s.generated_at)),
            "note",
        ),
    ]  # fmt: skip
