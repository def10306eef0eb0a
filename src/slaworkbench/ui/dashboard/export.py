"""Export one chart as a PNG or SVG file with pyqtgraph's exporters."""

from __future__ import annotations

from pathlib import Path

import pyqtgraph as pg
from pyqtgraph import exporters
from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QFileDialog, QWidget

from slaworkbench.i18n import tr

PNG_WIDTH = 1600
"""Exported PNGs are this many pixels wide: sharp enough for a printed report."""


class ExportError(Exception):
    """The chart could not be written; the text is a sentence for the user."""


def export_chart(plot_item: pg.PlotItem, path: Path) -> Path:
    """Write ``plot_item`` to ``path``; the suffix (``.png`` or ``.svg``) picks the format."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".svg":
            _export_svg(plot_item, path)
        elif suffix == ".png":
            exporter = exporters.ImageExporter(plot_item)
            exporter.parameters()["width"] = PNG_WIDTH
            if not exporter.export(str(path)) and not path.exists():
                raise OSError(str(path))
        else:
            raise ExportError(
                tr("Charts can be saved as PNG or SVG; choose a file name ending in .png or .svg.")
            )
    except ExportError:
        raise
    except OSError as error:
        raise ExportError(
            tr("The chart could not be saved to {path} ({reason}); choose another folder.").format(
                path=path, reason=error.strerror or error.__class__.__name__
            )
        ) from error
    if not path.exists():
        raise ExportError(
            tr("The chart could not be saved to {path}; choose another folder.").format(path=path)
        )
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
