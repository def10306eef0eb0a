"""A report and a statement in another language than the window's: the words, numbers,
dates and durations of the PDF are Portuguese (Portugal or Brazil), the paper the locale's."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtGui import QPageSize, QPdfWriter

from slaworkbench.app.agreements.statement import build_statement
from slaworkbench.app.analytics.clocks import Breach
from slaworkbench.i18n import tr
from slaworkbench.language import speaking
from slaworkbench.reports.blocks import Paragraph, Table
from slaworkbench.reports.builder import ReportData
from slaworkbench.reports.document import ReportDocument
from slaworkbench.reports.formatting import ReportFormat
from slaworkbench.reports.output import write_report
from slaworkbench.reports.pdf import Piece, ReportPaginator, page_layout, write_pdf
from slaworkbench.reports.sections.clocks import breach_blocks
from slaworkbench.reports.statement import write_statement
from tests.support.agreements.workspace import JAN_2026, acme_january, agreement_workspace

pypdf = pytest.importorskip("pypdf")


def pdf_text(path: Path) -> str:
    pages = pypdf.PdfReader(str(path)).pages
    return " ".join(" ".join(page.extract_text() for page in pages).split())


@pytest.mark.parametrize(("code", "team"), [("pt_PT", "Por equipa"), ("pt_BR", "Por equipe")])
def test_the_compliance_report_in_portuguese(
    qapp: object, data: ReportData, tmp_path: Path, code: str, team: str
) -> None:
    path = tmp_path / f"{code}.pdf"
    pages = write_report(data, "pdf", path, code)
    text = pdf_text(path)
    assert tr("Methods") == "Methods"  # the window's language is untouched
    assert "Resumo de cumprimento de SLA" in text
    assert f"Página 1 de {pages}" in text and team in text and "Métodos" in text
    assert "01/01/2026 – 30/04/2026" in text  # the period, dd/mm/yyyy
    assert "1 de janeiro de 2026 a 30 de abril de 2026" in text
    assert re.search(r"\b\d{1,2},\d%", text)  # percentages with a decimal comma
    assert re.search(r"\b\d+ h \d+ min\b", text)  # business durations
    assert "Page 1 of" not in text and "Methods" not in text


def test_locale_numbers_dates_and_durations_reach_the_pdf(qapp: object, tmp_path: Path) -> None:
    with speaking("pt_BR"):
        fmt = ReportFormat(QLocale("pt_BR"), "America/Sao_Paulo")
        line = f"{fmt.number(1234.5)} · {fmt.date(dt.date(2026, 12, 31))} · {fmt.duration(8040)}"
    document = ReportDocument("T", "L", "R", (Paragraph(line),))
    path = tmp_path / "figures.pdf"
    write_pdf(document, path, locale=QLocale("pt_BR"))
    assert "1.234,5 · 31/12/2026 · 2 h 14 min" in pdf_text(path)


def test_the_statement_for_a_customer_in_sao_paulo(qapp: object, tmp_path: Path) -> None:
    ws = agreement_workspace(tmp_path)
    acme_january(ws)
    statement = build_statement(
        ws, "Acme", dt.date(2026, 1, 1), dt.date(2026, 1, 31), now=JAN_2026 + 40 * 86_400
    )
    ws.close()
    path = tmp_path / "s.pdf"
    write_statement(statement, "pdf", path, locale="pt_BR")
    text = pdf_text(path)
    assert "Extrato de serviço de Acme" in text
    assert "Total devido no período: 420,00 EUR." in text
    assert "chamados" in text and "Métodos" in text
    london = tmp_path / "london.pdf"
    write_statement(statement, "pdf", london, locale="en_GB")
    assert "Total owed for the period: 420.00 EUR." in pdf_text(london)


def test_letter_paper_for_a_reader_in_the_united_states(
    qapp: object, data: ReportData, tmp_path: Path
) -> None:
    path = tmp_path / "us.pdf"
    write_report(data, "pdf", path, "en_US")
    box = pypdf.PdfReader(str(path)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)
    assert "Test workspace · 1/1/2026 – 4/30/2026 Generated 5/10/2026 1:00 PM" in pdf_text(path)


def test_the_worst_breaches_fit_the_page_in_portuguese(qapp: object, tmp_path: Path) -> None:
    """ "+31 h 50 min", "71 h 50 min" and the Portuguese titles kept whole (each column
    told not to wrap) made the table wider than an A4 page: its last column, the instant
    the clock stopped, ran off the paper ("09/10/202"). A duration now breaks between its
    hours and its minutes, never inside "31 h"."""
    breaches = [
        Breach(
            ticket_id=n, external_id=f"DEMO-1-{n:07d}", subject="Password reset for Timesheets",
            priority="normal", team="Service Desk", customer=None, agent=None,
            metric="periodic_update", target=16 * 3600, elapsed=16 * 3600 + 31 * 3600 + 50 * 60,
            started_at=1_790_000_000, breached_at=None, stopped_at=1_790_000_000 + 86_400 * n,
        )
        for n in range(1, 6)
    ]  # fmt: skip

    class Data:  # what breach_blocks reads of ReportData
        pass

    data = Data()
    data.breaches = breaches  # type: ignore[attr-defined]
    with speaking("pt_PT"):
        fmt = ReportFormat(QLocale("pt_PT"), "Europe/Lisbon")
        blocks = tuple(breach_blocks(data, fmt))  # type: ignore[arg-type]
        writer = QPdfWriter(str(tmp_path / "page.pdf"))
        writer.setPageLayout(page_layout(QPageSize(QPageSize.PageSizeId.A4), landscape=False))
        paginator = ReportPaginator(writer, ReportDocument("T", "L", "R", blocks))
        [table] = [i for i, block in enumerate(blocks) if isinstance(block, Table)]
        document = paginator.new_text_document(paginator.piece_html(Piece(table, 0, len(breaches))))
        assert document.idealWidth() <= paginator.width + 1, (
            document.idealWidth(),
            paginator.width,
        )
        stops = [fmt.instant(b.stopped_at) for b in breaches]
    text = " ".join(document.toPlainText().split())
    assert all(" ".join(stop.split()) in text for stop in stops)
