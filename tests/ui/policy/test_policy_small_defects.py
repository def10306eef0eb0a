"""Small defects of the policy screens: mnemonics, plural forms, clipped dates, Close."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel
from pytestqt.qtbot import QtBot

from slaworkbench.app.policies.lint import LintReport
from slaworkbench.i18n import trn
from slaworkbench.store.policies.versions import load_active_policies
from slaworkbench.store.workspace import Workspace, open_workspace
from slaworkbench.ui.policy.calendar_holidays import CalendarHolidays
from slaworkbench.ui.policy.common import format_date
from slaworkbench.ui.policy.holiday_import import HolidayImportDialog
from slaworkbench.ui.policy.lint_view import report_lines
from slaworkbench.ui.policy.whatif_view import WhatIfDialog
from slaworkbench.ui.tasks import TaskRunner


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    ws = open_workspace(str(tmp_path / "ws.sqlite3"))
    yield ws
    ws.close()


def test_no_label_shows_a_literal_ampersand(qtbot: QtBot) -> None:
    dialog = HolidayImportDialog(default_country="PT")
    qtbot.addWidget(dialog)
    with_mnemonic = [label for label in dialog.findChildren(QLabel) if "&" in label.text()]
    assert {label.text() for label in with_mnemonic} >= {"&Years:", "&Country:"}
    for label in with_mnemonic:
        assert label.buddy() is not None, f"{label.text()!r} shows its ampersand"
    years = next(label for label in with_mnemonic if label.text() == "&Years:")
    assert years.buddy() is dialog.first_year


def test_counts_read_in_their_plural_form(qtbot: QtBot) -> None:
    assert trn("{n} holiday", "{n} holidays", 1) == "1 holiday"
    assert trn("{n} holiday", "{n} holidays", 13) == "13 holidays"
    assert trn("{n} ticket", "{n} tickets", 1_204) == "1,204 tickets"
    dialog = HolidayImportDialog(default_country="PT")
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    count = len(dialog.holidays())
    assert count > 1
    assert ok.text() == f"Add {count} holidays"
    one = report_lines(LintReport(tickets=1, multiple_matches=1, no_policy=0))
    assert one == ["1 ticket matches more than one active policy; only the first one counts."]
    all_fine = report_lines(LintReport(tickets=1, multiple_matches=0, no_policy=0))
    assert all_fine == ["The 1 ticket has exactly one policy, and every policy can apply."]
    many = report_lines(LintReport(tickets=40, multiple_matches=0, no_policy=1))
    assert many == ["1 of 40 tickets matches no active policy and has no SLA."]


def test_holiday_dates_are_not_clipped(qtbot: QtBot) -> None:
    holidays = CalendarHolidays()
    qtbot.addWidget(holidays)
    holidays.resize(420, 300)
    holidays.show()
    widest = max(
        holidays.table.fontMetrics().horizontalAdvance(format_date(dt.date(2026, m, 28)))
        for m in range(1, 13)
    )
    assert holidays.table.columnWidth(0) > widest + 8
    dialog = HolidayImportDialog(default_country="PT")
    qtbot.addWidget(dialog)
    texts = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    metrics = dialog.table.fontMetrics()
    assert dialog.table.columnWidth(0) > max(metrics.horizontalAdvance(t) for t in texts) + 8


@pytest.fixture
def what_if(qtbot: QtBot, workspace: Workspace) -> WhatIfDialog:
    """The what-if dialog of the first active policy, shown, not run."""
    with workspace.session() as session:
        draft = load_active_policies(session)[0]
    dialog = WhatIfDialog(workspace, TaskRunner(synchronous=True), draft)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_the_what_if_dialog_closes_with_its_close_button(
    qtbot: QtBot, what_if: WhatIfDialog
) -> None:
    dialog = what_if
    close = dialog.buttons.button(QDialogButtonBox.StandardButton.Close)
    assert close is not None and close.isVisible()
    qtbot.mouseClick(close, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()


def test_the_what_if_tables_show_every_title_whole_before_a_run(what_if: WhatIfDialog) -> None:
    # Before the first run the columns were sized by no rows: "Achieved / judged (now →
    # draft)" read "d / judged (now".
    for view in (what_if.view.compliance_view, what_if.view.flips_view):
        header = view.horizontalHeader()
        model = view.model()
        for column in range(model.columnCount()):
            title = model.headerData(column, Qt.Orientation.Horizontal)
            needed = header.fontMetrics().horizontalAdvance(title)
            assert header.sectionSize(column) >= needed, title
