"""Writing a report file (PDF, HTML or CSV) from a workspace, with or without a display.

Used by the command line (through ``cli/report.py``) and the report dialog. The
file appears only when it is complete: it is written next to its final name and renamed
into place, so a failure leaves any earlier file untouched.
"""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path

from PySide6.QtCore import QLocale

from slaworkbench.app.analytics.filters import Source
from slaworkbench.language import speaking
from slaworkbench.reports.builder import ReportData, ReportOptions, build_report
from slaworkbench.saved_files import saving

FORMATS = ("pdf", "html", "csv")


def ensure_qt_application() -> None:
    """A ``QApplication`` for pyqtgraph and fonts; off screen when there is no display."""
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is not None:
        return
    no_display = not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY")
    if sys.platform.startswith("linux") and no_display and not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    QApplication(["slaworkbench"])


_RENDERERS = {"pdf": ("document", "pdf"), "html": ("document", "html")}


def prepare_renderer(fmt: str) -> None:
    """Load what writing ``fmt`` needs (the document, its charts and the writer:
    PySide6's widgets and pyqtgraph) and make the ``QApplication``: done by
    ``report_file`` while the figures are read on other threads, instead of after."""
    if fmt in _RENDERERS:
        for name in _RENDERERS[fmt]:
            importlib.import_module(f"slaworkbench.reports.{name}")
        ensure_qt_application()


def render_bytes(data: ReportData, fmt: str, locale: QLocale | str | None = None) -> bytes | None:
    """The file's bytes for ``csv`` and ``html``; ``None`` for ``pdf`` (written by path).
    ``locale`` (``pt_BR``, a ``QLocale``) writes it in that language whatever the
    window's; ``None`` keeps the active one."""
    if fmt == "csv":
        from slaworkbench.reports.csv_out import render_csv

        return render_csv(data).encode("utf-8-sig")
    if fmt == "html":
        from slaworkbench.reports.document import build_document
        from slaworkbench.reports.html import render_html

        ensure_qt_application()
        with speaking(locale) as name:
            document = build_document(data, QLocale(name))
            return render_html(document, language=name.split("_")[0] or "en").encode("utf-8")
    return None


def write_report(
    data: ReportData, fmt: str, path: Path, locale: QLocale | str | None = None
) -> int:
    """Write ``data`` as ``fmt`` to ``path`` atomically; returns the page count for PDF
    (0 otherwise)."""
    if fmt not in FORMATS:
        raise ValueError(fmt)
    pages = 0
    with saving(path) as temporary:
        payload = render_bytes(data, fmt, locale)
        if payload is None:
            from slaworkbench.reports.document import build_document
            from slaworkbench.reports.pdf import write_pdf

            ensure_qt_application()
            with speaking(locale) as name:
                reader = QLocale(name)
                pages = write_pdf(
                    build_document(data, reader),
                    temporary,
                    landscape=data.options.landscape,
                    locale=reader,
                )
        else:
            temporary.write_bytes(payload)
    return pages


def report_file(
    source: Source,
    options: ReportOptions,
    fmt: str,
    path: Path,
    *,
    workspace: str,
    now: int | None = None,
    locale: QLocale | str | None = None,
) -> tuple[ReportData, int]:
    """Build the report and write it; returns the data and the PDF page count."""
    data = build_report(
        source, options, workspace=workspace, now=now, meanwhile=lambda: prepare_renderer(fmt)
    )
    return data, write_report(data, fmt, path, locale)
