"""Paginated printing of a report: PDF files, printers and the print preview.

Qt's rich text engine breaks tables wherever a page ends, cutting rows in half. So the
report is paginated here: every block and every table row is measured with a
``QTextDocument`` laid out on the target device (a table's rows in one layout of it);
pages are filled with whole blocks and whole rows (a table split across pages repeats
its header, a heading never ends a page); each page is then one ``QTextDocument``
painted into the body area, with the header (workspace, period, generation time) and
footer ("Page 2 of 5") painted with ``QPainter``.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from PySide6.QtCore import QLocale, QMarginsF, QPointF, QRectF, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextDocument,
    QTextOption,
    QTextTable,
)

from slaworkbench.i18n import tr
from slaworkbench.reports.blocks import Block, Chart, Heading, Paragraph, Table
from slaworkbench.reports.document import ReportDocument
from slaworkbench.reports.html import STYLE, block_html, table_html

PDF_RESOLUTION = 300
MARGIN_MM = 14.0
BODY_POINT_SIZE = 9.0
HEADER_POINT_SIZE = 7.5
MIN_ROWS_AFTER_HEADING = 3
SCREEN_DPI = 96.0
"""Image sizes in rich text are in 96-dpi pixels, scaled to the device by Qt."""


def default_page_size(locale: QLocale | None = None) -> QPageSize:
    """Letter where the locale measures in US units, A4 everywhere else."""
    system = (locale or QLocale()).measurementSystem()
    if system == QLocale.MeasurementSystem.ImperialUSSystem:
        return QPageSize(QPageSize.PageSizeId.Letter)
    return QPageSize(QPageSize.PageSizeId.A4)


def page_layout(page_size: QPageSize, landscape: bool) -> QPageLayout:
    orientation = (
        QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    )
    return QPageLayout(
        page_size,
        orientation,
        QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
        QPageLayout.Unit.Millimeter,
    )


@dataclass(frozen=True, slots=True)
class Piece:
    """A whole block, or the rows ``start:stop`` of a table block (with its header)."""

    block: int
    start: int = 0
    stop: int = 0


Page = tuple[Piece, ...]


def _body_font() -> QFont:
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont)
    font.setPointSizeF(BODY_POINT_SIZE)
    return font


class ReportPaginator:
    """Measures blocks on one device and lays the report out into pages."""

    def __init__(self, device: QPagedPaintDevice, document: ReportDocument) -> None:
        self.device = device
        self.document = document
        self.blocks: tuple[Block, ...] = document.blocks
        resolution = device.logicalDpiY()
        paint = device.pageLayout().paintRectPixels(resolution)
        self.width = float(paint.width())
        self.page_height = float(paint.height())
        self.header_font = QFont(_body_font())
        self.header_font.setPointSizeF(HEADER_POINT_SIZE)
        line = QFontMetricsF(self.header_font, device).height()
        self.header_height = line * 2.2
        self.footer_height = line * 2.2
        self.body_height = self.page_height - self.header_height - self.footer_height
        self._images = {
            i: block.image.image for i, block in enumerate(self.blocks) if isinstance(block, Chart)
        }
        self._cache: dict[Piece, float] = {}
        self._rows: dict[int, list[float]] = {}
        """Each table's row heights (``_row_heights``), by block."""
        self._measurer = self.new_text_document("")
        """One document, laid out anew for each block or table chunk measured alone."""
        self._pages: dict[str, QTextDocument] = {}
        """Each page's document as measured, kept to be painted."""

    # --- rich text on the device ---------------------------------------------------------

    def new_text_document(self, html: str) -> QTextDocument:
        doc = QTextDocument()
        doc.documentLayout().setPaintDevice(self.device)
        doc.setDefaultFont(_body_font())
        doc.setDefaultStyleSheet(STYLE)
        doc.setDocumentMargin(0)
        # Break lines between words only, so ticket ids and durations stay whole and
        # table columns grow to their longest word.
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WordWrap)
        doc.setDefaultTextOption(option)
        for index, image in self._images.items():
            doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(f"chart-{index}"), image)
        doc.setTextWidth(self.width)
        doc.setHtml(html)
        return doc

    def piece_html(self, piece: Piece) -> str:
        block = self.blocks[piece.block]
        if isinstance(block, Table):
            return table_html(block, piece.start, piece.stop)
        return block_html(
            block,
            lambda _chart: f"chart-{piece.block}",
            lambda chart: int(
                self.width * chart.width_fraction * SCREEN_DPI / self.device.logicalDpiX()
            ),
        )

    def page_html(self, page: Page) -> str:
        return "".join(self.piece_html(piece) for piece in page)

    def height(self, piece: Piece) -> float:
        if piece not in self._cache:
            self._measurer.setHtml(self.piece_html(piece))
            self._cache[piece] = self._measurer.size().height()
        return self._cache[piece]

    def _row_height(self, block: int, row: int) -> float:
        """The height one more row adds to a table chunk."""
        if block not in self._rows:
            self._rows[block] = self._row_heights(block)
        return self._rows[block][row]

    def _row_heights(self, block: int) -> list[float]:
        """Every row's height from one layout of the whole table (one layout per row
        took a quarter of the pagination at 1M): each row from where the next starts,
        the last from the table's height less its header and the other rows. Rows laid
        out with the whole table may wrap a little differently than in a page's chunk
        (its columns are sized by the chunk's text): an estimate either way, and
        ``paginate`` checks each page laid out as it is painted."""
        table = self.blocks[block]
        assert isinstance(table, Table)
        header = self.height(Piece(block, 0, 0))
        self._measurer.setHtml(table_html(table))
        total = self._measurer.size().height()
        frames = self._measurer.rootFrame().childFrames()
        laid = next(frame for frame in frames if isinstance(frame, QTextTable))
        layout = self._measurer.documentLayout()
        tops = [
            layout.blockBoundingRect(laid.cellAt(row, 0).firstCursorPosition().block()).top()
            for row in range(1, laid.rows())  # row 0 is the header
        ]
        heights = [below - above for above, below in pairwise(tops)]
        heights.append(total - header - sum(heights))
        return heights

    # --- pagination ----------------------------------------------------------------------

    def _units(self) -> list[Piece]:
        units: list[Piece] = []
        for index, block in enumerate(self.blocks):
            if isinstance(block, Table) and block.rows:
                units += [Piece(index, row, row + 1) for row in range(len(block.rows))]
            else:
                units.append(Piece(index, 0, 0))
        return units

    def _unit_height(self, unit: Piece, continues_chunk: bool) -> float:
        if isinstance(self.blocks[unit.block], Table) and unit.stop > unit.start:
            row = self._row_height(unit.block, unit.start)
            return row if continues_chunk else self.height(Piece(unit.block, 0, 0)) + row
        return self.height(unit)

    def _lead_height(self, units: list[Piece], index: int) -> float:
        """What must follow a heading on its page: a paragraph and what follows it, or a
        table's header and first rows, or the next block."""
        if index >= len(units):
            return 0.0
        unit = units[index]
        block = self.blocks[unit.block]
        if isinstance(block, Paragraph):
            return self.height(unit) + self._lead_height(units, index + 1)
        if isinstance(block, Table) and unit.stop > unit.start:
            return self._table_start_height(unit)
        return self.height(unit)

    def _table_start_height(self, unit: Piece) -> float:
        """A table's header and its first rows: a table never starts with a lone row."""
        block = self.blocks[unit.block]
        assert isinstance(block, Table)
        rows = min(MIN_ROWS_AFTER_HEADING, len(block.rows) - unit.start)
        total = self.height(Piece(unit.block, 0, 0))
        for row in range(unit.start, unit.start + rows):
            total += self._row_height(unit.block, row)
        return total

    def paginate(self) -> list[Page]:
        units = self._units()
        pages: list[Page] = []
        index = 0
        while index < len(units):
            placed: list[Piece] = []
            used = 0.0
            while index < len(units):
                unit = units[index]
                block = self.blocks[unit.block]
                if placed and isinstance(block, Heading) and block.page_break_before:
                    break
                continues = bool(placed) and placed[-1].block == unit.block and unit.stop > 0
                needed = self._unit_height(unit, continues)
                if isinstance(block, Heading):
                    needed += self._lead_height(units, index + 1)
                elif isinstance(block, Table) and unit.stop > unit.start and not continues:
                    needed = self._table_start_height(unit)
                if placed and used + needed > self.body_height:
                    break
                placed.append(unit)
                used += self._unit_height(unit, continues)
                index += 1
            page = _merge(placed, self.blocks)
            # The sum of heights is an estimate (margins between blocks collapse); check
            # the real page and give back whole rows or blocks until it fits.
            while len(placed) > 1 and self._measure(page) > self.body_height:
                placed.pop()
                index -= 1
                page = _merge(placed, self.blocks)
            # A note is the caption of the table or chart before it: it never starts a
            # page alone, the last row or the chart goes over with it.
            if len(placed) > 1 and self._is_note(units, index) and self._captioned(placed[-1]):
                placed.pop()
                index -= 1
                page = _merge(placed, self.blocks)
            while (
                len(placed) > 1
                and isinstance(self.blocks[placed[-1].block], Heading)
                and index < len(units)
            ):
                placed.pop()
                index -= 1
                page = _merge(placed, self.blocks)
            pages.append(page)
        kept = {self.page_html(page) for page in pages}
        self._pages = {html: doc for html, doc in self._pages.items() if html in kept}
        return pages

    def _is_note(self, units: list[Piece], index: int) -> bool:
        if index >= len(units):
            return False
        block = self.blocks[units[index].block]
        return isinstance(block, Paragraph) and block.style == "note"

    def _captioned(self, unit: Piece) -> bool:
        """Whether ``unit`` is what a note after it describes: a table's row or a chart
        (a table without rows is one unit)."""
        return isinstance(self.blocks[unit.block], Table | Chart)

    def _page_document(self, page: Page) -> QTextDocument:
        html = self.page_html(page)
        if html not in self._pages:
            self._pages[html] = self.new_text_document(html)
        return self._pages[html]

    def _measure(self, page: Page) -> float:
        return self._page_document(page).size().height()

    # --- painting ------------------------------------------------------------------------

    def paint(self, painter: QPainter, pages: list[Page]) -> None:
        """Paint every page; the painter is active on ``self.device``."""
        for number, page in enumerate(pages, start=1):
            if number > 1:
                self.device.newPage()
            self._paint_header_footer(painter, number, len(pages))
            painter.save()
            painter.translate(0, self.header_height)
            doc = self._page_document(page)
            doc.drawContents(painter, QRectF(0, 0, self.width, self.body_height))
            painter.restore()

    def _paint_header_footer(self, painter: QPainter, number: int, count: int) -> None:
        painter.save()
        painter.setFont(self.header_font)
        metrics = QFontMetricsF(self.header_font, self.device)
        grey = QColor("#555555")
        painter.setPen(grey)
        line_y = metrics.height() * 1.4
        top = QRectF(0, 0, self.width, metrics.height())
        painter.drawText(
            top,
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            self.document.header_left,
        )
        painter.drawText(
            top,
            int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
            self.document.header_right,
        )
        pen = QPen(QColor("#c8ccd2"))
        pen.setWidthF(max(1.0, self.device.logicalDpiY() / 150))
        painter.setPen(pen)
        painter.drawLine(QPointF(0, line_y), QPointF(self.width, line_y))
        bottom_y = self.page_height - metrics.height()
        painter.drawLine(
            QPointF(0, bottom_y - metrics.height() * 0.4),
            QPointF(self.width, bottom_y - metrics.height() * 0.4),
        )
        painter.setPen(grey)
        bottom = QRectF(0, bottom_y, self.width, metrics.height())
        painter.drawText(
            bottom,
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            self.document.title,
        )
        painter.drawText(
            bottom,
            int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
            tr("Page {number} of {count}").format(
                number=QLocale().toString(number), count=QLocale().toString(count)
            ),
        )
        painter.restore()


def _merge(units: list[Piece], blocks: tuple[Block, ...]) -> Page:
    """Consecutive rows of one table become one piece."""
    merged: list[Piece] = []
    for unit in units:
        last = merged[-1] if merged else None
        if (
            last is not None
            and last.block == unit.block
            and isinstance(blocks[unit.block], Table)
            and last.stop == unit.start
            and unit.stop > unit.start
        ):
            merged[-1] = Piece(last.block, last.start, unit.stop)
        else:
            merged.append(unit)
    return tuple(merged)


def render_to_device(device: QPagedPaintDevice, document: ReportDocument) -> int:
    """Paginate and paint the report on a printer or PDF writer; returns the page count."""
    paginator = ReportPaginator(device, document)
    pages = paginator.paginate()
    painter = QPainter()
    if not painter.begin(device):
        raise OSError(tr("The printer or file could not be opened for drawing."))
    try:
        paginator.paint(painter, pages)
    finally:
        painter.end()
    return len(pages)


def write_pdf(
    document: ReportDocument,
    path: Path,
    *,
    page_size: QPageSize | None = None,
    landscape: bool = False,
    locale: QLocale | None = None,
) -> int:
    """Write the report as a PDF file; returns the number of pages."""
    writer = QPdfWriter(str(path))
    writer.setResolution(PDF_RESOLUTION)
    writer.setTitle(f"{document.title} — {document.header_left}")
    writer.setCreator("SLA Workbench")
    writer.setPageLayout(page_layout(page_size or default_page_size(locale), landscape))
    return render_to_device(writer, document)
