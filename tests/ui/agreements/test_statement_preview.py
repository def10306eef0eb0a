"""The statement previewed in the Agreements tab, driven like a person: pick the customer
and a period, preview the pages, save them as PDF; the PDF's total is the builder's and
the hand-computed one (``acme_january``: 420.00)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog
from pytestqt.qtbot import QtBot

from slaworkbench.app.agreements.statement import build_statement
from slaworkbench.ui.agreements.page import AgreementsPage
from slaworkbench.ui.changes import ChangeNotice
from slaworkbench.ui.tasks import TaskRunner
from tests.support.agreements.workspace import JAN_2026, acme_january, agreement_workspace

pytestmark = pytest.mark.qt_log_ignore(
    "propagateSizeHints", "does not support raise", "grabbing the keyboard"
)
NOW = JAN_2026 + 40 * 86_400
"""2026-02-10: the view offers January 2026, the last whole month."""


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_preview_print_and_save_a_statement(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = agreement_workspace(tmp_path)
    acme_january(ws)
    page = AgreementsPage(ws, TaskRunner(synchronous=True), ChangeNotice(), author="ana",
                          clock=lambda: NOW)  # fmt: skip
    qtbot.addWidget(page)
    page.resize(1400, 900)
    page.show()
    try:
        bar = page.sections.tabBar()
        index = page.sections.indexOf(page.statement)
        qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
        view = page.statement
        assert view.isVisible() and not view.save_button.isEnabled()
        assert view.customer.currentText() == "Acme"
        assert view.date_from.date().toString("yyyy-MM-dd") == "2026-01-01"
        assert view.date_to.date().toString("yyyy-MM-dd") == "2026-01-31"
        qtbot.mouseClick(view.preview_button, Qt.MouseButton.LeftButton)
        assert view.total.text() == "Credits owed for the period: 420.00 EUR."
        assert view.preview.isVisible() and view.pages() >= 2
        built = build_statement(ws, "Acme", dt.date(2026, 1, 1), dt.date(2026, 1, 31), now=NOW)
        assert built.total_credit == view.statement().total_credit == 420.0  # type: ignore[union-attr]

        out = tmp_path / "acme.pdf"
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(out), ""))
        qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
        assert view.status.text() == f"Saved {out}."
        text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True,
                              check=True).stdout  # fmt: skip
        found = re.search(r"Total owed for the period: ([\d,]+\.\d\d) EUR\.", text)
        assert found is not None and found.group(1) == "420.00"
        assert "Service statement for Acme" in text

        printed = tmp_path / "printed.pdf"

        def accept(dialog: QPrintDialog) -> int:
            dialog.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            dialog.printer().setOutputFileName(str(printed))
            return int(QDialog.DialogCode.Accepted)

        monkeypatch.setattr(QPrintDialog, "exec", accept)
        qtbot.mouseClick(view.print_button, Qt.MouseButton.LeftButton)
        assert view.status.text().startswith("Sent ") and printed.stat().st_size > 0

        view.date_to.setFocus()
        qtbot.keyClick(view.date_to, Qt.Key.Key_Home)
        qtbot.keyClick(view.date_to, Qt.Key.Key_Down)  # another period: preview it again
        assert not view.save_button.isEnabled()
    finally:
        ws.close()
