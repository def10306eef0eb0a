"""The customer statement as a file: PDF and HTML from the same blocks as the screen
(``reports.sections.statement``), and CSV with every figure, rule by rule. Written next
to its final name and renamed into place, like the compliance report."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from PySide6.QtCore import QLocale

from slaworkbench.app.agreements.statement import Statement
from slaworkbench.i18n import tr
from slaworkbench.language import speaking
from slaworkbench.reports.blocks import Block, Paragraph
from slaworkbench.reports.csv_out import neutralise
from slaworkbench.reports.document import ReportDocument
from slaworkbench.reports.formatting import ReportFormat
from slaworkbench.reports.output import FORMATS, ensure_qt_application
from slaworkbench.reports.sections.statement import (
    availability_blocks,
    compliance_blocks,
    credit_blocks,
    satisfaction_blocks,
    service_blocks,
    statement_methods_blocks,
)
from slaworkbench.saved_files import saving


def statement_document(s: Statement, locale: QLocale | None = None) -> ReportDocument:
    fmt = ReportFormat(locale or QLocale(), s.calendar_zone)
    title = tr("Service statement for {customer}").format(customer=s.customer)
    period = tr("{start} – {end}").format(start=fmt.date(s.date_from), end=fmt.date(s.date_to))
    blocks: list[Block] = [
        Paragraph(title, "title"),
        Paragraph(
            tr("{agreement} · {start} to {end}").format(
                agreement=s.agreement.name, start=fmt.long_date(s.date_from),
                end=fmt.long_date(s.date_to),
            ),
            "subtitle",
        ),
    ]  # fmt: skip
    blocks += service_blocks(s, fmt)
    blocks += compliance_blocks(s, fmt)
    blocks += availability_blocks(s, fmt)
    blocks += satisfaction_blocks(s, fmt)
    blocks += credit_blocks(s, fmt)
    blocks += statement_methods_blocks(s, fmt)
    return ReportDocument(
        title=title,
        header_left=tr("{customer} · {period}").format(customer=s.customer, period=period),
        header_right=tr("Generated {when}").format(when=fmt.instant(s.generated_at)),
        blocks=tuple(blocks),
    )


def render_statement_csv(s: Statement) -> str:
    """One row per figure: section, month, subject, and the figure's parts."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["section", "month", "subject", "priority", "value", "detail_1",
                     "detail_2", "detail_3"])  # fmt: skip
    for line in s.compliance:
        writer.writerow([neutralise(v) for v in (
            "compliance", line.month.isoformat(), line.metric.value,
            line.priority.value if line.priority else "", line.result.percent,
            line.result.achieved, line.result.breached, line.verdict.value,
        )])  # fmt: skip
    for service in s.services:
        writer.writerow([neutralise(v) for v in (
            "availability", service.month.isoformat(), service.service, "", service.percent,
            service.target_percent, round(service.availability.down_seconds / 60, 4),
            " ".join(str(o.id) for o in service.outages),
        )])  # fmt: skip
    writer.writerow([neutralise(v) for v in (
        "csat", "", "", "", s.csat.percent, s.csat.satisfied, s.csat.answers, "")])  # fmt: skip
    writer.writerow([neutralise(v) for v in (
        "nps", "", "", "", s.nps.score, s.nps.promoters, s.nps.passives, s.nps.detractors,
    )])  # fmt: skip
    for credit in s.credits:
        writer.writerow([neutralise(v) for v in (
            "credit", credit.month.isoformat(), str(credit.rule), "", credit.amount,
            str(credit.computation), " ".join(str(t) for t in credit.ticket_ids),
            " ".join(str(o) for o in credit.outage_ids),
        )])  # fmt: skip
    writer.writerow([neutralise(v) for v in (
        "total", "", s.agreement.currency, "", s.total_credit, "", "", "")])  # fmt: skip
    return out.getvalue()


def write_statement(s: Statement, fmt: str, path: Path, locale: QLocale | str | None = None) -> int:
    """Write the statement as ``fmt`` atomically; returns the PDF page count (0 otherwise).

    ``locale`` (``pt_BR``, a ``QLocale``) writes it in that language and locale, whatever
    the window's; ``None`` keeps the active one."""
    if fmt not in FORMATS:
        raise ValueError(fmt)
    pages = 0
    with saving(path) as temporary:
        if fmt == "csv":
            temporary.write_bytes(render_statement_csv(s).encode("utf-8-sig"))
        else:
            from slaworkbench.reports.html import render_html
            from slaworkbench.reports.pdf import write_pdf

            ensure_qt_application()
            with speaking(locale) as name:
                reader = QLocale(name)
                document = statement_document(s, reader)
                if fmt == "html":
                    language = name.split("_")[0] or "en"
                    temporary.write_text(render_html(document, language=language), "utf-8")
                else:
                    pages = write_pdf(document, temporary, locale=reader)
    return pages
