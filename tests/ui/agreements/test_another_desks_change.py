"""Another desktop saves the agreement open on this one, on each engine (two workspaces on
one SQLite file, or one server database), and the page hears of it through its watcher:
without unsaved edits the form shows the new version by itself; with unsaved edits they
are kept and the page says who changed it and when, offering Reload or Keep editing, and
a save of the kept edits is refused as stale."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
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
from slaworkbench.ui.window.workspace_watcher import WorkspaceWatcher
from tests.support.agreements.workspace import JAN_2026, acme_terms, agreement_workspace

pytestmark = pytest.mark.qt_log_ignore(
    "propagateSizeHints", "does not support raise", "grabbing the keyboard"
)
NOW = JAN_2026 + 40 * 86_400
NAME = "Acme support 2026"


@dataclass
class Desks:
    page: AgreementsPage
    ana: Workspace
    """The other desktop's workspace (same file or database)."""
    agreement_id: int

    def ana_saves_a_new_fee(self, fee: float) -> None:
        info = load_agreement(self.ana, self.agreement_id).info
        save_agreement(self.ana, self.agreement_id, acme_terms(monthly_fee=fee), author="Ana",
                       now=NOW, reason="new fee", expected_version=info.lock_version)  # fmt: skip


def click(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def retype(qtbot: QtBot, widget: QWidget, text: str) -> None:
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(widget, Qt.Key.Key_Delete)
    qtbot.keyClicks(widget, text)


@pytest.fixture
def desks(qtbot: QtBot, tmp_path: Path, engine_name: str, workspace_url: str) -> Iterator[Desks]:
    """Bo's agreements page on the Acme agreement, watching the workspace for other
    desktops' changes, and Ana's workspace."""
    ana = agreement_workspace(tmp_path, None if engine_name == "sqlite" else workspace_url)
    agreement_id, _changes = save_agreement(ana, None, acme_terms(), author="Ana", now=NOW)
    bo = open_workspace(ana.url)
    runner, notice = TaskRunner(synchronous=True), ChangeNotice()
    page = AgreementsPage(bo, runner, notice, author="Bo", clock=lambda: NOW)
    watcher = WorkspaceWatcher(runner, bo.data_version, notice, interval_ms=50, parent=page)
    qtbot.addWidget(page)
    page.show()
    page.agreement_list.setCurrentRow(0)
    qtbot.waitUntil(lambda: page.editor.name.text() == NAME)
    watcher.start()
    yield Desks(page, ana, agreement_id)
    watcher.set_active(False)
    for workspace in (bo, ana):
        workspace.close()


def test_without_edits_the_form_follows_the_other_desktop(qtbot: QtBot, desks: Desks) -> None:
    editor = desks.page.editor
    desks.ana_saves_a_new_fee(2500)
    qtbot.waitUntil(lambda: editor.fee.value() == 2500, timeout=5000)
    assert editor.error.text() == ""
    assert not editor.reload_button.isVisibleTo(desks.page)
    assert not editor.keep_button.isVisibleTo(desks.page)
    desks.ana_saves_a_new_fee(2600)  # and again: nothing typed here meanwhile
    qtbot.waitUntil(lambda: editor.fee.value() == 2600, timeout=5000)


def test_unsaved_edits_are_kept_and_the_change_is_said(qtbot: QtBot, desks: Desks) -> None:
    page, editor = desks.page, desks.page.editor
    retype(qtbot, editor.currency, "USD")
    retype(qtbot, editor.reason, "dollars")
    desks.ana_saves_a_new_fee(2500)
    qtbot.waitUntil(lambda: editor.keep_button.isVisibleTo(page), timeout=5000)

    assert f"Agreement “{NAME}” was changed by Ana at" in editor.error.text()
    assert "reload?" in editor.error.text()
    assert editor.reload_button.isVisibleTo(page)
    assert editor.currency.text() == "USD" and editor.reason.text() == "dollars"
    assert editor.fee.value() != 2500

    click(qtbot, editor.keep_button)
    assert editor.error.text() == ""
    assert not editor.keep_button.isVisibleTo(page)
    assert editor.currency.text() == "USD"
    click(qtbot, editor.save_button)  # from the version before Ana's: refused
    assert f"Agreement “{NAME}” was changed by Ana at" in editor.error.text()
    saved = load_agreement(desks.ana, desks.agreement_id)
    assert saved.terms["currency"] == "EUR" and saved.terms["monthly_fee"] == 2500

    click(qtbot, editor.reload_button)
    qtbot.waitUntil(lambda: editor.fee.value() == 2500)
    assert editor.currency.text() == "EUR"
    assert editor.error.text() == ""


def test_reload_in_the_offer_shows_the_other_desktops_version(qtbot: QtBot, desks: Desks) -> None:
    page, editor = desks.page, desks.page.editor
    retype(qtbot, editor.currency, "USD")
    desks.ana_saves_a_new_fee(2500)
    qtbot.waitUntil(lambda: editor.reload_button.isVisibleTo(page), timeout=5000)
    assert editor.currency.text() == "USD"

    click(qtbot, editor.reload_button)
    qtbot.waitUntil(lambda: editor.fee.value() == 2500)
    assert editor.currency.text() == "EUR"
    assert not editor.keep_button.isVisibleTo(page)
    retype(qtbot, editor.currency, "USD")
    retype(qtbot, editor.reason, "dollars")
    click(qtbot, editor.save_button)  # from Ana's version: accepted
    assert load_agreement(desks.ana, desks.agreement_id).terms["currency"] == "USD"
    assert editor.error.text() == ""
