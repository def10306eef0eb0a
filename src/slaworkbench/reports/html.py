"""Blocks → HTML: a standalone file for browsers, and fragments for ``QTextDocument``.

Only the subset of HTML and CSS that Qt's rich text engine understands is used (tables
with ``cellpadding``/``width`` attributes, class selectors, colours, font weights), so the
file and the printed pages look alike. Every text is escaped: ticket subjects are data.
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Sequence
from html import escape

from slaworkbench.i18n import tr
from slaworkbench.reports.blocks import (
    Block,
    Cell,
    Chart,
    Heading,
    KeyFigures,
    Paragraph,
    Table,
)
from slaworkbench.reports.document import ReportDocument

INK = "#222222"
MUTED = "#6b6b6b"
GOOD = "#1e7a3c"
BAD = "#b03a2e"
RULE = "#c8ccd2"
HEADER_FILL = "#e9edf2"
STRIPE_FILL = "#f6f7f9"
ACCENT = "#1f5fa8"

STYLE = f"""
body {{ color: {INK}; }}
h1 {{ font-size: 17pt; font-weight: 600; color: {ACCENT}; margin-top: 0; margin-bottom: 2pt; }}
h2 {{ font-size: 12.5pt; font-weight: 600; color: {ACCENT}; margin-top: 14pt;
      margin-bottom: 5pt; }}
h3 {{ font-size: 10.5pt; font-weight: 600; margin-top: 10pt; margin-bottom: 4pt; }}
p {{ margin-top: 0; margin-bottom: 6pt; }}
p.subtitle {{ color: {MUTED}; font-size: 10pt; margin-bottom: 8pt; }}
p.note {{ color: {MUTED}; font-size: 8pt; margin-top: 3pt; }}
p.caption {{ color: {MUTED}; font-size: 8pt; margin-top: 2pt; }}
table.data {{ border-collapse: collapse; border-color: {RULE}; border-style: solid;
              margin-bottom: 3pt; }}
table.data th {{ background-color: {HEADER_FILL}; font-weight: 600; font-size: 8.5pt;
                 border-color: {RULE}; border-style: solid; }}
table.data td {{ font-size: 8.5pt; border-color: {RULE}; border-style: solid; }}
tr.stripe td {{ background-color: {STRIPE_FILL}; }}
td.good, span.good {{ color: {GOOD}; }}
td.bad, span.bad {{ color: {BAD}; font-weight: 600; }}
td.muted {{ color: {MUTED}; }}
td.bold {{ font-weight: 600; }}
td.kf {{ background-color: {STRIPE_FILL}; border-color: {RULE}; border-style: solid; }}
span.kflabel {{ font-size: 8.5pt; color: {MUTED}; }}
span.kfvalue {{ font-size: 20pt; font-weight: 600; }}
span.kfdetail {{ font-size: 8pt; color: {MUTED}; }}
"""

_ALIGN = {"l": "left", "r": "right", "c": "center"}

ImageSource = Callable[[Chart], str]
ImageWidth = Callable[[Chart], int]


def _cell(tag: str, cell: Cell, align: str, width: int | None, nowrap: bool = False) -> str:
    classes = [c for c in (cell.tone, "bold" if cell.bold else None) if c]
    attributes = f' align="{_ALIGN.get(align, "left")}"'
    text = escape(cell.text)
    if nowrap:
        # non-breaking spaces rather than a ``white-space`` style: Qt's rich text drops
        # the stylesheet's cell background and borders for a cell with its own style
        text = text.replace(" ", "&nbsp;")
    if classes:
        attributes += f' class="{" ".join(classes)}"'
    if width:
        attributes += f' width="{width}%"'
    return f"<{tag}{attributes}>{text}</{tag}>"


def table_html(table: Table, start: int = 0, stop: int | None = None) -> str:
    """The table with its header and the rows ``start:stop`` (default: all of them)."""
    stop = len(table.rows) if stop is None else stop
    widths: Sequence[int | None] = table.widths or [None] * len(table.headers)
    parts = ['<table class="data" width="100%" cellspacing="0" cellpadding="3" border="1">']
    parts.append("<thead><tr>")
    for header, align, width in zip(table.headers, table.align, widths, strict=True):
        parts.append(_cell("th", Cell(header), align, width))
    parts.append("</tr></thead>")
    if not table.rows and table.empty_text:
        parts.append(
            f'<tr><td class="muted" colspan="{len(table.headers)}">'
            f"{escape(table.empty_text)}</td></tr>"
        )
    last = len(table.rows) - 1
    for position in range(start, stop):
        stripe = ' class="stripe"' if position % 2 else ""
        parts.append(f"<tr{stripe}>")
        is_total = table.total_row and position == last
        for column, (cell, align) in enumerate(zip(table.rows[position], table.align, strict=True)):
            parts.append(
                _cell(
                    "td",
                    Cell(cell.text, cell.tone, cell.bold or is_total),
                    align,
                    None,
                    column in table.nowrap,
                )
            )
        parts.append("</tr>")
    parts.append("</table>")
    return "".join(parts)


def key_figures_html(figures: KeyFigures) -> str:
    width = 100 // max(1, len(figures.figures))
    cells = []
    for figure in figures.figures:
        tone = f' class="{figure.tone}"' if figure.tone else ""
        cells.append(
            f'<td class="kf" width="{width}%" align="center">'
            f'<span class="kflabel">{escape(figure.label)}</span><br/>'
            f'<span class="kfvalue"><span{tone}>{escape(figure.value)}</span></span><br/>'
            f'<span class="kfdetail">{escape(figure.detail)}</span></td>'
        )
    return (
        '<table width="100%" cellspacing="6" cellpadding="6" border="0"><tr>'
        + "".join(cells)
        + "</tr></table>"
    )


def block_html(block: Block, image_src: ImageSource, image_width: ImageWidth) -> str:
    if isinstance(block, Heading):
        level = min(max(block.level, 1), 3)
        return f"<h{level}>{escape(block.text)}</h{level}>"
    if isinstance(block, Paragraph):
        if block.style == "title":
            return f"<h1>{escape(block.text)}</h1>"
        return f'<p class="{block.style}">{escape(block.text)}</p>'
    if isinstance(block, KeyFigures):
        return key_figures_html(block)
    if isinstance(block, Table):
        return table_html(block)
    width = image_width(block)
    height = round(width * block.image.aspect)
    return (
        f'<p align="center"><img src="{escape(image_src(block), quote=True)}" '
        f'width="{width}" height="{height}" alt="{escape(block.caption, quote=True)}"/></p>'
        f'<p class="caption" align="center">{escape(block.caption)}</p>'
    )


def data_uri(chart: Chart) -> str:
    return "data:image/png;base64," + base64.b64encode(chart.image.png).decode("ascii")


def render_html(document: ReportDocument, *, language: str = "en") -> str:
    """A standalone HTML file (charts inlined as data URIs)."""
    body = "\n".join(
        block_html(
            block,
            data_uri,
            lambda chart: round(860 * chart.width_fraction),
        )
        for block in document.blocks
    )
    # Not in the f-string below: lupdate does not read a call inside one (the sentence
    # was missing from the catalogues, and every HTML report ended in English).
    end = tr("End of report.")
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(language, quote=True)}">\n<head>\n'
        '<meta charset="utf-8"/>\n'
        f"<title>{escape(document.title)} — {escape(document.header_left)}</title>\n"
        "<style>\n"
        "body { font-family: 'DejaVu Sans', 'Segoe UI', Helvetica, Arial, sans-serif;"
        " font-size: 10pt; max-width: 900px; margin: 24px auto; }\n"
        "table.data { border: 1px solid " + RULE + "; }\n"
        "table.data th, table.data td { border: 1px solid "
        + RULE
        + "; padding: 3px 5px; }\n"
        + STYLE
        + "\n</style>\n</head>\n<body>\n"
        f'<p class="note">{escape(document.header_left)} · {escape(document.header_right)}</p>\n'
        f"{body}\n"
        f'<p class="note">{escape(end)}</p>\n'
        "</body>\n</html>\n"
    )
