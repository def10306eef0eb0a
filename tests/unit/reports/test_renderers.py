"""HTML, CSV and PDF from one ReportData: the same figures, escaped text, whole rows."""

from __future__ import annotations

import csv
import dataclasses
import io
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtGui import QImage, QPageSize, QPdfWriter, QTextDocument
from sqlalchemy import text

from slaworkbench.reports.blocks import Cell, Chart, Heading, Paragraph, Table
from slaworkbench.reports.builder import ReportData, ReportOptions, build_report
from slaworkbench.reports.charts import bar_plot, export
from slaworkbench.reports.csv_out import neutralise, render_csv
from slaworkbench.reports.document import ReportDocument, build_document
from slaworkbench.reports.html import render_html, table_html
from slaworkbench.reports.pdf import (
    Piece,
    ReportPaginator,
    default_page_size,
    page_layout,
    write_pdf,
)
from tests.support.analytics_workspace import (
    FORMULA_SUBJECT,
    HOSTILE_SUBJECT,
    build_workspace,
)
from tests.support.report_data import FILTERS, NOW


@pytest.fixture(scope="module")
def hostile_data() -> ReportData:
    """A report whose worst breach has a subject full of markup."""
    ws = build_workspace(seed=5, tickets=200)
    first = build_report(ws, ReportOptions(FILTERS), workspace="W", now=NOW)
    worst = first.breaches[0].ticket_id
    second = first.breaches[1].ticket_id
    with ws.engine.begin() as connection:
        connection.execute(
            text("UPDATE tickets SET subject = :s WHERE id = :i"),
            {"s": HOSTILE_SUBJECT, "i": worst},
        )
        connection.execute(
            text("UPDATE tickets SET subject = :s WHERE id = :i"),
            {"s": FORMULA_SUBJECT, "i": second},
        )
    return build_report(ws, ReportOptions(FILTERS), workspace="<Ops & Co>", now=NOW)


def test_html_escapes_ticket_text(qapp: object, hostile_data: ReportData, locale: QLocale) -> None:
    html = render_html(build_document(hostile_data, locale))
    assert HOSTILE_SUBJECT not in html
    assert "&lt;b&gt;x&lt;/b&gt; &amp; &lt;img src=x&gt;" in html
    assert "&lt;Ops &amp; Co&gt;" in html
    assert "<img src=x>" not in html
    shown = QTextDocument()
    shown.setHtml(html)
    assert HOSTILE_SUBJECT in shown.toPlainText()


def test_html_shows_the_builder_figures(qapp: object, data: ReportData, locale: QLocale) -> None:
    doc = QTextDocument()
    doc.setHtml(render_html(build_document(data, locale)))
    plain = doc.toPlainText()
    for m in data.measured_metrics:
        if m.stopped:
            assert f"{m.achieved * 100 / m.stopped:.1f}%" in plain
            assert f"{m.achieved:,} of {m.stopped:,} on time" in plain
    assert "achieved / (achieved + breached)" in plain
    assert plain.count("data:image/png") == 0
    assert render_html(build_document(data, locale)).count("data:image/png;base64,") >= 1


def test_csv_neutralises_formulas() -> None:
    assert neutralise("=1+2") == "'=1+2"
    assert neutralise("+33 123") == "'+33 123"
    assert neutralise("-cmd") == "'-cmd"
    assert neutralise("@SUM(A1)") == "'@SUM(A1)"
    assert neutralise("\t=x") == "'\t=x"
    assert neutralise(" =x") == "' =x"  # the same guard as the ticket export
    assert neutralise("\uff1dx") == "'\uff1dx"
    assert neutralise("plain") == "plain"
    assert neutralise(-5) == "-5"
    assert neutralise(0.25) == "0.25"
    assert neutralise(None) == ""


def test_csv_sections(hostile_data: ReportData) -> None:
    rows = list(csv.reader(io.StringIO(render_csv(hostile_data))))
    cells = [cell for row in rows for cell in row]
    assert "'" + FORMULA_SUBJECT in cells
    assert FORMULA_SUBJECT not in cells
    assert HOSTILE_SUBJECT in cells
    assert not any(cell.startswith(("=", "+", "@")) for cell in cells)
    start = rows.index(["compliance_by_metric"])
    header = rows[start + 1]
    by_metric = {r[0]: dict(zip(header, r, strict=True)) for r in rows[start + 2 : start + 6]}
    for m in hostile_data.headline:
        row = by_metric[m.metric]
        assert int(row["achieved"]) == m.achieved and int(row["breached"]) == m.breached
        if m.compliance is not None:
            assert float(row["compliance_pct"]) == pytest.approx(m.compliance * 100, abs=1e-3)
    agents = rows.index(["compliance_by_agent"])
    assert rows[agents + 1] == ["agent", "metric", "achieved", "breached", "compliance_pct"]


def test_page_size_follows_the_locale() -> None:
    us = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    pt = QLocale(QLocale.Language.Portuguese, QLocale.Country.Portugal)
    assert default_page_size(us).id() == QPageSize.PageSizeId.Letter
    assert default_page_size(pt).id() == QPageSize.PageSizeId.A4


def _writer(path: Path, landscape: bool = False) -> QPdfWriter:
    writer = QPdfWriter(str(path))
    writer.setResolution(150)
    writer.setPageLayout(page_layout(QPageSize(QPageSize.PageSizeId.A4), landscape))
    return writer


@pytest.mark.parametrize("landscape", [False, True])
def test_pagination_never_cuts_a_row(
    qapp: object, data: ReportData, locale: QLocale, tmp_path: Path, landscape: bool
) -> None:
    long = dataclasses.replace(data, options=dataclasses.replace(data.options, running_limit=None))
    rebuilt = dataclasses.replace(long, running=data.running)
    document = build_document(rebuilt, locale)
    paginator = ReportPaginator(_writer(tmp_path / "x.pdf", landscape), document)
    pages = paginator.paginate()
    assert len(pages) > 2
    seen: dict[int, list[int]] = {}
    for page in pages:
        assert paginator._measure(page) <= paginator.body_height + 0.5
        for piece in page:
            block = document.blocks[piece.block]
            if isinstance(block, Table) and block.rows:
                seen.setdefault(piece.block, []).extend(range(piece.start, piece.stop))
    for index, block in enumerate(document.blocks):
        if isinstance(block, Table) and block.rows:
            assert seen[index] == list(range(len(block.rows))), index
    all_blocks = [piece.block for page in pages for piece in page]
    assert sorted(set(all_blocks)) == list(range(len(document.blocks)))


@pytest.mark.parametrize("landscape", [False, True])
def test_one_measuring_document_gives_the_heights_of_fresh_ones(
    qapp: object, data: ReportData, locale: QLocale, tmp_path: Path, landscape: bool
) -> None:
    """Blocks and rows are measured on one document laid out again for each: no layout
    state may carry over from one piece to the next, in any order."""
    document = build_document(data, locale)
    writer = _writer(tmp_path / "x.pdf", landscape)
    paginator = ReportPaginator(writer, document)
    paginator.paginate()
    measured = dict(paginator._cache)
    assert len(measured) > 20
    for piece, height in measured.items():
        fresh = paginator.new_text_document(paginator.piece_html(piece))
        assert fresh.size().height() == height, piece
    backwards = ReportPaginator(writer, document)
    for piece in reversed(list(measured)):
        assert backwards.height(piece) == measured[piece], piece


@pytest.mark.parametrize("landscape", [False, True])
def test_a_tables_rows_measured_in_one_layout_are_the_rows_measured_alone(
    qapp: object, tmp_path: Path, landscape: bool
) -> None:
    """Where a table's columns do not depend on its text (fixed widths), each row's
    height from one layout of the whole table is the height it adds laid out alone
    under the header: rows of one, two and many lines, the last row included."""
    words = "overdue breached paused resolution response " * 12
    rows = tuple(
        (Cell(f"T-{k}"), Cell(words[: 32 * (k % 5) ** 2 + 1]), Cell(f"{k}h")) for k in range(11)
    )
    table = Table(("Ticket", "Subject", "Overdue"), rows, ("l", "l", "r"), widths=(15, 70, 15))
    document = ReportDocument("T", "left", "right", (Paragraph("before"), table))
    paginator = ReportPaginator(_writer(tmp_path / "x.pdf", landscape), document)
    header = paginator.height(Piece(1, 0, 0))
    alone = [paginator.height(Piece(1, k, k + 1)) - header for k in range(len(rows))]
    assert len(set(alone)) >= 3  # one, two and more lines
    together = [paginator._row_height(1, k) for k in range(len(rows))]
    assert together == pytest.approx(alone, abs=0.5)


def test_a_duration_in_a_column_that_never_wraps_stays_on_one_line(
    qapp: object, tmp_path: Path
) -> None:
    """A narrow column of durations (``Table.nowrap``) keeps "404h 47m" on one line, as
    "4h": the rows are as tall; the other columns still wrap, and the cell keeps the
    table's stripes and borders (no style of its own)."""
    rows = ((Cell("a"), Cell("404h 47m"), Cell("b")), (Cell("a"), Cell("4h"), Cell("b")))
    table = Table(("One", "Took", "Two"), rows, ("l", "r", "l"), widths=(47, 6, 47), nowrap=(1,))
    html = table_html(table)
    assert "404h&nbsp;47m" in html and "style=" not in html
    document = ReportDocument("T", "left", "right", (table,))
    paginator = ReportPaginator(_writer(tmp_path / "x.pdf"), document)
    header = paginator.height(Piece(0, 0, 0))
    long, short = (paginator.height(Piece(0, k, k + 1)) - header for k in (0, 1))
    assert long == short
    wrapping = dataclasses.replace(table, nowrap=())
    paginator = ReportPaginator(
        _writer(tmp_path / "y.pdf"), ReportDocument("T", "l", "r", (wrapping,))
    )
    assert paginator.height(Piece(0, 0, 1)) > paginator.height(Piece(0, 1, 2))


def test_a_note_never_starts_a_page_without_what_it_describes(qapp: object, tmp_path: Path) -> None:
    """A note after a table (its caption) goes over to the next page with the table's
    last row rather than alone: tables of 20 to 59 rows after a paragraph of 0 to 39
    words, each followed by a note (where the page ends varies by less than a row)."""
    writer = _writer(tmp_path / "x.pdf")
    orphans = 0
    for words in range(40):
        count = 20 + words
        rows = tuple((Cell(f"T-{k}"), Cell("row")) for k in range(count))
        blocks = (
            Paragraph("lead " * words * 9, "body"),
            Heading("Worst breaches"),
            Table(("Ticket", "Subject"), rows, ("l", "l"), widths=(30, 70)),
            Paragraph("Business time; the longest overrun first.", "note"),
            Paragraph("After.", "body"),
        )
        paginator = ReportPaginator(writer, ReportDocument("T", "l", "r", blocks))
        pages = paginator.paginate()
        placed = [(p.start, p.stop) for page in pages for p in page if p.block == 2]
        assert [k for a, b in placed for k in range(a, b)] == list(range(count))
        for page in pages[1:]:
            if page[0].block == 3:
                orphans += 1
        for page in pages:
            assert paginator._measure(page) <= paginator.body_height + 0.5
    assert orphans == 0


def test_a_chart_keeps_the_image_drawn_and_its_png_is_that_image(qapp: object) -> None:
    chart = export("satisfaction", bar_plot(["a", "b", "c"], [1.0, -2.0, None], "Score"))
    assert (chart.width, chart.height) == (chart.image.width(), chart.image.height())
    assert chart.png.startswith(b"\x89PNG")
    assert QImage.fromData(chart.png) == chart.image
    hash(Chart(chart, "caption"))  # blocks stay hashable


pypdf = pytest.importorskip("pypdf")


def _pdf_text(path: Path) -> list[str]:
    reader = pypdf.PdfReader(str(path))
    return [page.extract_text() for page in reader.pages]


def test_pdf_contains_the_figures_and_page_numbers(
    qapp: object, data: ReportData, locale: QLocale, tmp_path: Path
) -> None:
    path = tmp_path / "report.pdf"
    count = write_pdf(build_document(data, locale), path, locale=locale)
    pages = _pdf_text(path)
    assert len(pages) == count
    whole = "\n".join(pages)
    flat = " ".join(whole.split())
    for m in data.measured_metrics:
        if m.stopped:
            assert f"{m.achieved * 100 / m.stopped:.1f}%" in flat
            assert f"{m.achieved:,} of {m.stopped:,} on time" in flat
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {count}" in " ".join(page.split())
        assert "Test workspace" in " ".join(page.split())
    assert "running clocks are listed separately, never silently dropped" in flat


def test_pdf_shows_ticket_text_literally(
    qapp: object, hostile_data: ReportData, locale: QLocale, tmp_path: Path
) -> None:
    path = tmp_path / "hostile.pdf"
    write_pdf(build_document(hostile_data, locale), path, locale=locale, landscape=True)
    flat = " ".join(" ".join(_pdf_text(path)).split())
    assert HOSTILE_SUBJECT in flat
    assert "<Ops & Co>" in flat
    reader = pypdf.PdfReader(str(path))
    box = reader.pages[0].mediabox
    assert float(box.width) > float(box.height)
