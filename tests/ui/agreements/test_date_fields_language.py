"""The agreement and outage editors' dates in the window's locale: a Portuguese user sees
``28/12/2027`` (not ``2027-12-28``) and types a date and time in that order; what is
typed is what is kept."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtWidgets import QApplication, QDateTimeEdit, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from slaworkbench.store.schema import Outage
from slaworkbench.store.workspace import Workspace
from slaworkbench.ui.agreements.page import AgreementsPage
from slaworkbench.ui.changes import ChangeNotice
from slaworkbench.ui.tasks import TaskRunner
from tests.support.agreements.workspace import JAN_2026, agreement_workspace
from tests.support.window_language import window_language

pytestmark = pytest.mark.qt_log_ignore(
    "propagateSizeHints", "does not support raise", "grabbing the keyboard"
)

NOW = JAN_2026 + 40 * 86_400
"""2026-02-10 00:00 UTC."""


def click(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def type_into(qtbot: QtBot, edit: QDateTimeEdit, digits: str) -> None:
    """Double-click the first part of the field (the day) and type the digits; the field
    moves on to the month, the year… by itself, as it does for a person."""
    line = edit.lineEdit()
    qtbot.mouseDClick(line, Qt.MouseButton.LeftButton, pos=QPoint(4, line.height() // 2))
    qtbot.keyClicks(edit, digits)


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    ws = agreement_workspace(tmp_path)
    yield ws
    ws.close()


def _page(qtbot: QtBot, workspace: Workspace) -> AgreementsPage:
    page = AgreementsPage(
        workspace, TaskRunner(synchronous=True), ChangeNotice(), author="ana", clock=lambda: NOW
    )
    qtbot.addWidget(page)
    page.resize(1400, 900)
    page.show()
    return page


@pytest.mark.parametrize("code", ["pt_PT", "pt_BR"])
def test_the_validity_is_shown_and_typed_as_the_locale_writes_dates(
    qtbot: QtBot, qapp: QApplication, workspace: Workspace, code: str
) -> None:
    with window_language(qapp, code):
        editor = _page(qtbot, workspace).editor
        assert editor.valid_from.text() == "10/02/2026"
        assert editor.review_date.text() == "10/02/2027"

        type_into(qtbot, editor.valid_to, "28122027")
        assert editor.valid_to.text() == "28/12/2027"
        assert editor.valid_to.date() == QDate(2027, 12, 28)
        assert editor.terms()["valid_to"] == "2027-12-28"


def test_an_outage_is_typed_in_day_month_year_and_stored_as_that_instant(
    qtbot: QtBot, qapp: QApplication, workspace: Workspace
) -> None:
    with window_language(qapp, "pt_PT"):
        page = _page(qtbot, workspace)
        outages = page.outages
        page.sections.setCurrentIndex(1)
        qtbot.keyClicks(outages.service_name, "Portal")
        qtbot.keyClicks(outages.customers, "Acme")
        click(qtbot, outages.save_service_button)
        assert outages.started.text() == "09/02/2026 23:00 UTC"  # an hour before now

        type_into(qtbot, outages.started, "050220261430")
        type_into(qtbot, outages.ended, "050220261605")
        assert outages.started.text() == "05/02/2026 14:30 UTC"
        qtbot.keyClicks(outages.description, "Pesquisa lenta")
        click(qtbot, outages.save_outage_button)
        assert not outages.outage_error.isVisible(), outages.outage_error.text()

    with workspace.session() as session:
        stored = session.execute(select(Outage.started_at, Outage.ended_at)).one()
    start = dt.datetime(2026, 2, 5, 14, 30, tzinfo=dt.UTC)
    assert tuple(stored) == (int(start.timestamp()), int(start.timestamp()) + 95 * 60)


def test_the_csat_goal_is_typed_with_the_locale_s_decimal_comma(
    qtbot: QtBot, qapp: QApplication, workspace: Workspace
) -> None:
    with window_language(qapp, "pt_PT"):
        editor = _page(qtbot, workspace).editor
        editor.csat_goal.setFocus()
        qtbot.keyClicks(editor.csat_goal, "85,5")
        assert editor.terms()["csat_goal"] == 85.5  # it said "is a number, not “85,5”"
