"""The agreement screens driven like a person: create an agreement with a service, an
outage and penalty rules; invalid input refused inline with nothing written; CSAT and
NPS on a ticket; a survey CSV with one bad row; the figures in the statement's data."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QComboBox, QFileDialog, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from slaworkbench import formatting
from slaworkbench.app.agreements.statement import build_statement
from slaworkbench.store.schema import (
    Agreement,
    AgreementReview,
    AgreementVersion,
    Outage,
    OutageTicket,
    Service,
    SurveyAnswer,
)
from slaworkbench.store.workspace import Workspace
from slaworkbench.ui.agreements.page import AgreementsPage
from slaworkbench.ui.agreements.rule_tables import RuleTable
from slaworkbench.ui.agreements.satisfaction_section import SatisfactionSection
from slaworkbench.ui.changes import ChangeNotice
from slaworkbench.ui.tasks import TaskRunner
from tests.support.agreements.workspace import JAN_2026, agreement_workspace

pytestmark = pytest.mark.qt_log_ignore(
    "propagateSizeHints", "does not support raise", "grabbing the keyboard"
)
"""The offscreen platform's notes about popups and size hints."""

NOW = JAN_2026 + 40 * 86_400
"""2026-02-10 00:00 UTC."""


def _count(ws: Workspace, table: type) -> int:
    with ws.session() as session:
        return int(session.execute(select(func.count()).select_from(table)).scalar_one())


def click(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def retype(qtbot: QtBot, widget: QWidget, text: str) -> None:
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(widget, Qt.Key.Key_Delete)
    qtbot.keyClicks(widget, text)


def add_rule(qtbot: QtBot, table: RuleTable, *values: str) -> None:
    """Click Add and fill the new row's fields as a person does: a choice picked by
    typing its first letters, a number or a text typed."""
    click(qtbot, table.add_button)
    row = table.table.rowCount() - 1
    for column, value in enumerate(values):
        set_field(qtbot, table, row, column, value)


def set_field(qtbot: QtBot, table: RuleTable, row: int, column: int, value: str) -> None:
    field = table.table.cellWidget(row, column)
    assert field is not None
    if isinstance(field, QComboBox):
        field.setFocus()
        qtbot.keyClicks(field, value)
        assert field.currentText().startswith(value), (field.currentText(), value)
    else:
        retype(qtbot, field, value)


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    ws = agreement_workspace(tmp_path)
    yield ws
    ws.close()


@pytest.fixture
def page(qtbot: QtBot, workspace: Workspace) -> AgreementsPage:
    notice = ChangeNotice()
    runner = TaskRunner(synchronous=True)
    widget = AgreementsPage(workspace, runner, notice, author="ana", clock=lambda: NOW)
    qtbot.addWidget(widget)
    widget.resize(1400, 900)
    widget.show()
    return widget


def fill_agreement(qtbot: QtBot, page: AgreementsPage) -> None:
    editor = page.editor
    qtbot.keyClicks(editor.name, "Acme support")
    qtbot.keyClicks(editor.customer, "Acme")
    qtbot.keyClicks(editor.calendar, "Acme Tokyo")
    editor.fee.setFocus()
    qtbot.keyClick(editor.fee, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor.fee, "2000")
    qtbot.keyClicks(editor.csat_goal, "80")
    tables = editor.rule_tables
    add_rule(qtbot, tables["goals"], "Resolution", "Any priority", "90")
    add_rule(qtbot, tables["services"], "Portal", "99.9", "99.9% = 10%; 99% = 25%")
    add_rule(qtbot, tables["ticket_credits"], "Urgent", "Resolution", "50", "EUR", "120")
    add_rule(qtbot, tables["compliance_credits"], "Resolution", "Any priority", "90", "5")
    qtbot.keyClicks(editor.reason, "signed")


def test_create_an_agreement_with_a_service_an_outage_and_penalty_rules(
    qtbot: QtBot, page: AgreementsPage, workspace: Workspace
) -> None:
    create_through_the_screens(qtbot, page, workspace)


def create_through_the_screens(qtbot: QtBot, page: AgreementsPage, workspace: Workspace) -> None:
    """A service, a refused and an accepted outage, and the agreement, as a person would."""
    outages = page.outages
    page.sections.setCurrentIndex(1)
    qtbot.keyClicks(outages.service_name, "Portal")
    qtbot.keyClicks(outages.customers, "Acme")
    click(qtbot, outages.save_service_button)
    assert _count(workspace, Service) == 1
    assert outages.service_list.count() == 1

    retype(qtbot, outages.weight, "1.5")
    click(qtbot, outages.save_outage_button)
    assert "from 0 to 1" in outages.outage_error.text() and outages.outage_error.isVisible()
    assert _count(workspace, Outage) == 0
    retype(qtbot, outages.weight, "0.5")
    qtbot.keyClicks(outages.description, "Slow search")
    qtbot.keyClicks(outages.tickets, "1")
    click(qtbot, outages.save_outage_button)
    assert not outages.outage_error.isVisible()
    assert (_count(workspace, Outage), _count(workspace, OutageTicket)) == (1, 1)
    assert outages.outage_table.rowCount() == 1
    assert outages.outage_table.item(0, 2).text() == "0.5"
    assert outages.outage_table.item(0, 3).text() == "—"  # not planned, said so
    table = outages.outage_table
    for column in (0, 1):  # an instant on one line, never wrapped in a narrow column
        text = table.item(0, column).text()
        assert table.columnWidth(column) >= table.fontMetrics().horizontalAdvance(text)

    page.sections.setCurrentIndex(0)
    fill_agreement(qtbot, page)
    click(qtbot, page.editor.save_button)
    assert not page.editor.error.isVisible(), page.editor.error.text()
    assert (_count(workspace, Agreement), _count(workspace, AgreementVersion)) == (1, 1)
    assert page.agreement_list.count() == 1
    assert page.agreement_list.item(0).text().startswith("Acme\nAcme support (v1)")
    assert page.agreement_list.item(0).toolTip().startswith("Acme — Acme support (v1)")
    with workspace.session() as session:
        spec = session.execute(select(AgreementVersion.spec)).scalar_one()
    assert '"cap": 120.0' in spec and '"calendar": "Acme Tokyo"' in spec


@pytest.mark.parametrize(
    ("column", "text", "message"),
    [
        (2, "99% = 25%; 99.9% = 10%", "overlap"),
        (2, "99.9 10", "Availability commitments, row 1: write each tier as"),
        (0, "", "Availability commitments, row 1: name the service"),
    ],
)
def test_bad_rules_are_refused_inline_and_nothing_written(
    qtbot: QtBot, page: AgreementsPage, workspace: Workspace, column: int, text: str, message: str
) -> None:
    fill_agreement(qtbot, page)
    set_field(qtbot, page.editor.rule_tables["services"], 0, column, text)
    click(qtbot, page.editor.save_button)
    assert page.editor.error.isVisible()
    assert re.search(message, page.editor.error.text())
    assert _count(workspace, AgreementVersion) == 0


def test_validity_ending_before_it_starts_is_refused(
    qtbot: QtBot, page: AgreementsPage, workspace: Workspace
) -> None:
    fill_agreement(qtbot, page)
    page.editor.valid_to.setFocus()
    qtbot.keyClick(page.editor.valid_to, Qt.Key.Key_End)  # the year
    qtbot.keyClick(page.editor.valid_to, Qt.Key.Key_Down)
    qtbot.keyClick(page.editor.valid_to, Qt.Key.Key_Down)
    click(qtbot, page.editor.save_button)
    assert "before it starts" in page.editor.error.text()
    assert _count(workspace, AgreementVersion) == 0


def test_csat_and_nps_on_a_ticket(qtbot: QtBot, workspace: Workspace) -> None:
    notice = ChangeNotice()
    announced: list[object] = []
    notice.changed.connect(announced.append)
    section = SatisfactionSection(workspace, TaskRunner(synchronous=True), notice)
    qtbot.addWidget(section)
    section.show()
    section.show_ticket(1)
    assert section.answers.text() == "No survey answer yet."
    qtbot.keyClicks(section.score, "6")
    click(qtbot, section.record_button)
    assert "CSAT score is a whole number from 1 to 5; 6 is not" in section.error.text()
    assert _count(workspace, SurveyAnswer) == 0
    retype(qtbot, section.score, "4")
    qtbot.keyClicks(section.comment, "Helpful")
    click(qtbot, section.record_button)
    qtbot.keyClicks(section.kind, "NPS")
    qtbot.keyClicks(section.score, "9")
    qtbot.keyClick(section.score, Qt.Key.Key_Return)
    assert _count(workspace, SurveyAnswer) == 2
    assert "CSAT 4" in section.answers.text() and "Helpful" in section.answers.text()
    assert "NPS 9" in section.answers.text()
    assert len(announced) == 2


def test_survey_csv_with_one_bad_row(
    qtbot: QtBot, page: AgreementsPage, workspace: Workspace, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    path = tmp_path / "answers.csv"
    path.write_text(
        "ticket_id,answered_at,kind,score,comment\n"
        "1,2026-01-20T10:00:00Z,csat,5,\n"
        "2,2026-01-20T11:00:00Z,csat,7,off the scale\n"
    )
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(path), ""))
    page.sections.setCurrentIndex(2)
    click(qtbot, page.imports.survey_button)
    assert "Line 3, column score" in page.imports.error.text()
    assert page.imports.problems.count() == 1
    assert _count(workspace, SurveyAnswer) == 0
    path.write_text("ticket_id,answered_at,kind,score,comment\n1,2026-01-20T10:00:00Z,csat,5,\n")
    click(qtbot, page.imports.survey_button)
    assert page.imports.result.text() == "Imported 1 rows."
    assert _count(workspace, SurveyAnswer) == 1


def test_the_statement_data_holds_what_the_screens_entered(
    qtbot: QtBot, page: AgreementsPage, workspace: Workspace
) -> None:
    create_through_the_screens(qtbot, page, workspace)
    statement = build_statement(
        workspace, "Acme", dt.date(2026, 1, 1), dt.date(2026, 2, 28), now=NOW
    )
    [january, february] = [s for s in statement.services]
    assert statement.agreement.monthly_fee == 2000.0
    assert statement.agreement.ticket_credits[0].monthly_cap == 120.0
    # The outage form's default: half an hour from an hour before "now", at weight 0.5.
    assert february.availability.down_seconds == 900
    assert january.availability.down_seconds == 0


def test_overdue_reviews_flagged_in_the_list(
    qtbot: QtBot, page: AgreementsPage, workspace: Workspace
) -> None:
    from slaworkbench.app.agreements.editing import save_agreement
    from slaworkbench.app.agreements.reading import overdue_message, overdue_reviews
    from tests.support.agreements.workspace import acme_terms

    save_agreement(workspace, None, acme_terms(), author="a", review_date=dt.date(2026, 2, 1))
    page.reload()
    since = formatting.date(dt.date(2026, 2, 1))  # in the reader's format, not ISO's
    item = page.agreement_list.item(0)
    assert item.text().endswith(f"\n⚑ review overdue since {since}")
    assert item.toolTip().endswith(f" · ⚑ review overdue since {since}")
    overdue = overdue_reviews(workspace, dt.date(2026, 2, 10))
    assert [(o.kind, o.name) for o in overdue] == [("agreement", "Acme support 2026")]
    assert overdue_message(overdue) == "Review overdue: “Acme support 2026”."
    assert overdue_reviews(workspace, dt.date(2026, 2, 1)) == []


def test_a_review_recorded_moves_the_next_review_only_when_ticked(
    qtbot: QtBot, page: AgreementsPage, workspace: Workspace
) -> None:
    """The review log, clicked and typed like a person: its date is shut until "next
    review on" is ticked; a review recorded without it leaves the agreement's review
    date, one recorded with it moves it to the date typed."""
    from slaworkbench.app.agreements.editing import save_agreement
    from tests.support.agreements.workspace import acme_terms

    save_agreement(workspace, None, acme_terms(), author="a", review_date=dt.date(2026, 6, 1))
    page.reload()
    log = page.reviews
    assert not log.next_review.isEnabled()
    row = page.agreement_list.visualItemRect(page.agreement_list.item(0))
    qtbot.mouseClick(page.agreement_list.viewport(), Qt.MouseButton.LeftButton, pos=row.center())
    assert log.isEnabled() and not log.next_review.isEnabled()
    assert log.next_review.date().toPython() == dt.date(2026, 6, 1)

    def review_date() -> dt.date | None:
        with workspace.session() as session:
            latest = select(AgreementVersion.review_date).order_by(AgreementVersion.id.desc())
            return session.execute(latest.limit(1)).scalar_one()

    retype(qtbot, log.outcome, "goals kept")
    click(qtbot, log.record_button)
    assert _count(workspace, AgreementReview) == 1
    assert review_date() == dt.date(2026, 6, 1)

    click(qtbot, log.move_date)
    assert log.next_review.isEnabled()
    retype(qtbot, log.next_review, QDate(2026, 9, 1).toString(log.next_review.displayFormat()))
    assert log.next_review.date() == QDate(2026, 9, 1)
    retype(qtbot, log.outcome, "fee raised")
    click(qtbot, log.record_button)
    assert _count(workspace, AgreementReview) == 2
    assert review_date() == dt.date(2026, 9, 1)
    assert not log.move_date.isChecked() and not log.next_review.isEnabled()


def test_an_agreement_with_a_customer_not_known_yet(
    qtbot: QtBot, page: AgreementsPage, workspace: Workspace
) -> None:
    """An agreement signed before the customer's first ticket (and a workspace imported
    from a log that names no customer): the empty list says what to do, a new customer's
    name is typed and made with the agreement once a second Save confirms it; a name
    close to a known one asks whether that one was meant."""
    from slaworkbench.store.schema import Customer

    hint = page.agreement_list.item(0)
    assert page.agreement_list.count() == 1 and "No agreement yet" in hint.text()
    assert not hint.flags() & Qt.ItemFlag.ItemIsSelectable
    editor = page.editor
    assert editor.customer.currentText() == ""  # no customer picked for a new agreement
    qtbot.keyClicks(editor.name, "Pilot support")
    qtbot.keyClicks(editor.customer, "acme")
    qtbot.keyClicks(editor.reason, "signed")
    click(qtbot, editor.save_button)
    assert "Did you mean Acme?" in editor.error.text() and editor.error.isVisible()
    assert _count(workspace, Agreement) == 0
    retype(qtbot, editor.customer.lineEdit(), "Initech")
    click(qtbot, editor.save_button)
    assert "“Initech” is not a customer yet" in editor.error.text()
    assert (_count(workspace, Agreement), _count(workspace, Customer)) == (0, 2)
    click(qtbot, editor.save_button)
    assert not editor.error.isVisible()
    with workspace.session() as session:
        assert "Initech" in set(session.execute(select(Customer.name)).scalars())
    assert _count(workspace, Agreement) == 1
    assert page.agreement_list.count() == 1
    assert page.agreement_list.item(0).text().startswith("Initech\nPilot support")
