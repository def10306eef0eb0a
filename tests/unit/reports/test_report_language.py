"""A report and a statement in another language than the window's: the words, numbers,
dates and durations of the PDF are Portuguese (Portugal or Brazil), the paper the locale's."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale

from slaworkbench.app.agreements.statement import build_statement
from slaworkbench.i18n import tr
from slaworkbench.language import speaking
from slaworkbench.reports.blocks import Paragraph
from slaworkbench.reports.builder import ReportData
from slaworkbench.reports.document import ReportDocument
from slaworkbench.reports.formatting import ReportFormat
from slaworkbench.reports.output import write_report
from slaworkbench.reports.pdf import write_pdf
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
