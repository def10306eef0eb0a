"""Two desks edit the same agreement, on each engine: the second Save is refused with who
and when, nothing is overwritten, and Reload shows the agreement as the first desk saved
it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from slaworkbench.app.agreements.editing import save_agreement
from slaworkbench.app.agreements.reading import load_agreement
from slaworkbench.store.workspace import Workspace, open_workspace
from slaworkbench.ui.agreements.page import AgreementsPage
from slaworkbench.ui.changes import ChangeNotice
from slaworkbench.ui.tasks import TaskRunner
from tests.support.agreements.workspace import JAN_2026, acme_terms, agreement_workspace

pytestmark = pytest.mark.qt_log_ignore(
    "propagateSizeHints", "does not support raise", "grabbing the keyboard"
)
NOW = JAN_2026 + 40 * 86_400


def click(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def retype(qtbot: QtBot, widget: QWidget, text: str) -> None:
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(widget, Qt.Key.Key_Delete)
    qtbot.keyClicks(widget, text)


@pytest.fixture
def desks(
    qtbot: QtBot, tmp_path: Path, engine_name: str, workspace_url: str
) -> Iterator[tuple[AgreementsPage, Workspace, int]]:
    """Bo's agreements page on the Acme agreement, and Ana's workspace (another desk)."""
    ana = agreement_workspace(tmp_path, None if engine_name == "sqlite" else workspace_url)
    agreement_id, _changes = save_agreement(ana, None, acme_terms(), author="Ana", now=NOW)
    bo = open_workspace(ana.url)
    page = AgreementsPage(bo, TaskRunner(synchronous=True), ChangeNotice(), author="Bo",
                          clock=lambda: NOW)  # fmt: skip
    qtbot.addWidget(page)
    page.show()
    page.agreement_list.setCurrentRow(0)
    qtbot.waitUntil(lambda: page.editor.name.text() == "Acme support 2026")
    yield page, ana, agreement_id
    for workspace in (bo, ana):
        workspace.close()


def test_the_second_agreement_save_is_refused_and_reload_shows_the_first(
    qtbot: QtBot, desks: tuple[AgreementsPage, Workspace, int]
) -> None:
    page, ana, agreement_id = desks
    editor = page.editor
    info = load_agreement(ana, agreement_id).info
    save_agreement(ana, agreement_id, acme_terms(monthly_fee=2500), author="Ana", now=NOW,
                   reason="new fee", expected_version=info.lock_version)  # fmt: skip
    retype(qtbot, editor.currency, "USD")
    retype(qtbot, editor.reason, "dollars")
    click(qtbot, editor.save_button)

    assert "Agreement “Acme support 2026” was changed by Ana at" in editor.error.text()
    assert editor.reload_button.isVisibleTo(page)
    saved = load_agreement(ana, agreement_id)
    assert saved.terms["currency"] == "EUR" and saved.info.version == info.version + 1

    click(qtbot, editor.reload_button)
    assert not editor.reload_button.isVisibleTo(page)
    assert editor.error.text() == ""
    assert editor.currency.text() == "EUR"
    assert editor.fee.value() == 2500
    retype(qtbot, editor.currency, "USD")
    retype(qtbot, editor.reason, "dollars")
    click(qtbot, editor.save_button)  # from the version Ana saved: accepted
    assert load_agreement(ana, agreement_id).terms["currency"] == "USD"
