"""Export one chart as a PNG or SVG file with pyqtgraph's exporters.

A PNG stands on its own in a slide or an e-mail: it carries the chart's title, the
period it covers and its legend (coloured swatches with their names, in a readable size),
above and below the plot, on an opaque background."""

from __future__ import annotations

from pathlib import Path

import pyqtgraph as pg
from pyqtgraph import exporters
from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QImageWriter, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QFileDialog, QWidget

from slaworkbench.i18n import tr
from slaworkbench.saved_files import saving

PNG_WIDTH = 1600
"""Exported PNGs are this many pixels wide: sharp enough for a printed report."""


class ExportError(Exception):
    """The chart could not be written; the text is a sentence for the user."""


def export_chart(
    plot_item: pg.PlotItem,
    path: Path,
    *,
    title: str = "",
    period: str = "",
    legend: pg.LegendItem | None = None,
) -> Path:
    """Write ``plot_item`` to ``path``; the suffix (``.png`` or ``.svg``) picks the format.
    A PNG gets ``title`` and ``period`` above the plot and ``legend``'s entries below."""
    suffix = path.suffix.lower()
    if suffix not in (".svg", ".png"):
        raise ExportError(
            tr("Charts can be saved as PNG or SVG; choose a file name ending in .png or .svg.")
        )
    try:
        with saving(path) as temporary:
            if suffix == ".svg":
                _export_svg(plot_item, temporary)
            else:
                exporter = exporters.ImageExporter(plot_item)
                exporter.parameters()["width"] = PNG_WIDTH
                plot = exporter.export(toBytes=True)
                if not isinstance(plot, QImage) or plot.isNull():
                    raise OSError(str(path))
                entries = legend_entries(legend) if legend is not None else []
                # the temporary name says nothing of the format: name it
                writer = QImageWriter(str(temporary), QByteArray(b"png"))
                if not writer.write(framed(plot, title, period, entries)):
                    raise OSError(str(path))
            if not temporary.stat().st_size:  # a writer that failed without saying so
                raise OSError(str(path))
    except ExportError:
        raise
    except OSError as error:
        raise ExportError(
            tr("The chart could not be saved to {path} ({reason}); choose another folder.").format(
                path=path, reason=error.strerror or error.__class__.__name__
            )
        ) from error
    return path


def _export_svg(plot_item: pg.PlotItem, path: Path) -> None:
    """pyqtgraph's SVG exporter, or Qt's SVG generator where that exporter cannot parse
    the paths this Qt version writes (it fails on some hatched bars)."""
    try:
        exporters.SVGExporter(plot_item).export(str(path))
        return
    except (ValueError, IndexError):
        path.unlink(missing_ok=True)
    source = plot_item.sceneBoundingRect()
    generator = QSvgGenerator()
    generator.setFileName(str(path))
    generator.setSize(source.size().toSize())
    generator.setViewBox(QRectF(0, 0, source.width(), source.height()))
    generator.setTitle(tr("SLA Workbench chart"))
    painter = QPainter(generator)
    try:
        plot_item.scene().render(painter, QRectF(0, 0, source.width(), source.height()), source)
    finally:
        painter.end()


def ask_export_path(parent: QWidget, suggested_name: str, fmt: str) -> Path | None:
    """A save dialog for one format (``png`` or ``svg``); ``None`` when cancelled."""
    filters = {
        "png": tr("PNG image (*.png)"),
        "svg": tr("SVG drawing (*.svg)"),
    }
    name, _selected = QFileDialog.getSaveFileName(
        parent,
        tr("Export chart"),
        str(Path.home() / f"{suggested_name}.{fmt}"),
        filters[fmt],
    )
    if not name:
        return None
    path = Path(name)
    if path.suffix.lower() != f".{fmt}":
        path = path.with_name(path.name + f".{fmt}")
    return path


def legend_entries(legend: pg.LegendItem) -> list[tuple[str, QColor]]:
    """The names of a legend's entries with the colour each is drawn in."""
    entries = []
    for sample, label in legend.items:
        item = getattr(sample, "item", None)
        opts = getattr(item, "opts", {}) or {}
        color = QColor(Qt.GlobalColor.gray)
        for key in ("brush", "pen", "symbolBrush"):
            value = opts.get(key)
            if value is None:
                continue
            made = pg.mkBrush(value) if key != "pen" else pg.mkPen(value)
            if made.color().alpha() > 0:
                color = made.color()
                break
        entries.append((str(label.text), color))
    return entries


def framed(plot: QImage, title: str, period: str, entries: list[tuple[str, QColor]]) -> QImage:
    """``plot`` on a white page with the title and period above and a legend below."""
    width = plot.width()
    margin = width // 40
    title_font, text_font = QFont(), QFont()
    title_font.setPixelSize(max(12, width // 45))
    title_font.setBold(True)
    text_font.setPixelSize(max(10, width // 70))
    title_height = QFontMetrics(title_font).height() if title else 0
    line = QFontMetrics(text_font).height()
    period_height = line if period else 0
    swatch = line * 2 // 3
    rows: list[list[tuple[str, QColor, int]]] = [[]]
    used = margin
    for name, color in entries:
        advance = swatch + line // 2 + QFontMetrics(text_font).horizontalAdvance(name) + line
        if rows[-1] and used + advance > width - margin:
            rows.append([])
            used = margin
        rows[-1].append((name, color, used))
        used += advance
    legend_height = (len(rows) * line * 3 // 2) if entries else 0
    header = margin + title_height + period_height + (margin // 2 if title or period else 0)
    page = QImage(
        width, header + plot.height() + legend_height + margin, QImage.Format.Format_ARGB32
    )
    page.fill(QColor(Qt.GlobalColor.white))
    painter = QPainter(page)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QColor(Qt.GlobalColor.black))
        top = margin
        if title:
            painter.setFont(title_font)
            painter.drawText(margin, top + QFontMetrics(title_font).ascent(), title)
            top += title_height
        painter.setFont(text_font)
        if period:
            painter.setPen(QColor(70, 70, 70))
            painter.drawText(margin, top + QFontMetrics(text_font).ascent(), period)
        painter.drawImage(0, header, plot)
        top = header + plot.height() + line // 2
        for row in rows if entries else []:
            for name, color, x in row:
                painter.fillRect(x, top + (line - swatch) // 2, swatch, swatch, color)
                painter.setPen(QColor(Qt.GlobalColor.black))
                painter.drawText(
                    x + swatch + line // 2, top + QFontMetrics(text_font).ascent(), name
                )
            top += line * 3 // 2
    finally:
        painter.end()
    return page
