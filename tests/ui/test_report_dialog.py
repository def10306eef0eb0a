"""The report dialog: figures gathered in a task, then printed or saved."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate, QLocale
from PySide6.QtGui import QPageLayout, QPageSize
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

from slaworkbench.reports.builder import ReportData
from slaworkbench.ui.report_dialog import ReportDialog
from slaworkbench.ui.tasks import TaskRunner
from tests.support.analytics_workspace import MiniWorkspace
from tests.support.report_data import FILTERS


def make_dialog(qtbot: QtBot, ws: MiniWorkspace, locale: QLocale) -> ReportDialog:
    dialog = ReportDialog(
        ws,  # type: ignore[arg-type]
        TaskRunner(synchronous=True),
        teams=["Apps", "Billing", "Core"],
        customers=["Acme"],
        today=dt.date(2026, 5, 10),
        tz=FILTERS.tz,
        locale=locale,
    )
    qtbot.addWidget(dialog)
    return dialog


def test_defaults_to_last_month(qtbot: QtBot, ws: MiniWorkspace, locale: QLocale) -> None:
    dialog = make_dialog(qtbot, ws, locale)
    f = dialog.filters()
    assert (f.date_from, f.date_to) == (dt.date(2026, 4, 1), dt.date(2026, 4, 30))
    assert f.team is None and f.customer is None and f.priority is None


def test_gathers_the_same_figures_as_the_builder(
    qtbot: QtBot, ws: MiniWorkspace, data: ReportData, locale: QLocale, tmp_path: Path
) -> None:
    dialog = make_dialog(qtbot, ws, locale)
    dialog.date_from.setDate(QDate(2026, 1, 1))
    dialog.date_to.setDate(QDate(2026, 4, 30))
    with qtbot.waitSignal(dialog.report_ready) as ready:
        dialog._with_report(lambda: None)
    got: ReportData = ready.args[0]
    assert got.headline == data.headline
    assert got.running.total == data.running.total
    assert len(got.running.rows) == got.running.total
    for fmt in ("pdf", "html", "csv"):
        path = dialog.save(fmt, tmp_path / f"r.{fmt}")
        assert path is not None and path.stat().st_size > 0
    assert "Saved" in dialog.status.text()


def test_refuses_a_reversed_period(qtbot: QtBot, ws: MiniWorkspace, locale: QLocale) -> None:
    dialog = make_dialog(qtbot, ws, locale)
    dialog.date_from.setDate(QDate(2026, 4, 1))
    dialog.date_to.setDate(QDate(2026, 3, 1))
    called = []
    dialog._with_report(lambda: called.append(1))
    assert not called and "swap" in dialog.status.text()


def test_printer_page_follows_locale_and_landscape(qtbot: QtBot, ws: MiniWorkspace) -> None:
    us = make_dialog(qtbot, ws, QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    assert us.make_printer().pageLayout().pageSize().id() == QPageSize.PageSizeId.Letter
    gb = make_dialog(qtbot, ws, QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    gb.landscape.setChecked(True)
    layout = gb.make_printer().pageLayout()
    assert layout.pageSize().id() == QPageSize.PageSizeId.A4
    assert layout.orientation() == QPageLayout.Orientation.Landscape


def test_prints_through_the_paginator(
    qtbot: QtBot, ws: MiniWorkspace, locale: QLocale, tmp_path: Path
) -> None:
    from slaworkbench.reports.pdf import render_to_device

    dialog = make_dialog(qtbot, ws, locale)
    dialog.date_from.setDate(QDate(2026, 1, 1))
    dialog._with_report(lambda: None)
    printer = dialog.make_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    pages = render_to_device(printer, dialog.document())
    assert pages >= 3
    assert (tmp_path / "printed.pdf").read_bytes().startswith(b"%PDF")
