"""The window in Portuguese (Portugal and Brazil): menus, tabs, the policy editor, the
language dialog and a dialog with a plural, driven like a person; the choice of
Tools › Language… is stored for the next start."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QGroupBox, QLabel, QMenu

from slaworkbench import language
from slaworkbench.store.workspace import Workspace, open_workspace
from slaworkbench.ui.policy.holiday_import import HolidayImportDialog
from slaworkbench.ui.tasks import TaskRunner
from slaworkbench.ui.window.language_dialog import LanguageDialog, stored_choice
from slaworkbench.ui.window.main_window import MainWindow
from tests.support.window_language import window_language

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

WORDS = {
    "pt_PT": {
        "menus": ["&Ficheiro", "&Ver", "Ferramen&tas", "A&juda"],
        "tabs": ["Tickets", "Painel", "Políticas e calendários", "Acordos"],
        "targets": "Objetivos em tempo útil",
        "new_year": "Ano Novo",
        "add": "Acrescentar {n} feriados",
    },
    "pt_BR": {
        "menus": ["&Arquivo", "&Ver", "Ferramen&tas", "A&juda"],
        "tabs": ["Chamados", "Painel", "Políticas e calendários", "Acordos"],
        "targets": "Objetivos em tempo útil",
        "new_year": "Confraternização Universal",
        "add": "Adicionar {n} feriados",
    },
}


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    ws = open_workspace(str(tmp_path / "language.sqlite3"))
    yield ws
    ws.close()


@pytest.fixture(params=["pt_PT", "pt_BR"])
def code(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    with window_language(qapp, request.param):
        yield request.param


@pytest.fixture
def window(qtbot, workspace: Workspace, tmp_path: Path, code: str):  # type: ignore[no-untyped-def]
    runner = TaskRunner()
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = MainWindow(workspace, runner, settings=settings, watch_interval_ms=60_000, tray=False)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.shutdown()
    runner.shutdown(10_000)


def menu(window: MainWindow, title: str) -> QMenu:
    found = {a.text(): a.menu() for a in window.menuBar().actions()}[title]
    assert isinstance(found, QMenu)
    return found


def test_the_window_speaks_the_language(qtbot, window: MainWindow, code: str) -> None:  # type: ignore[no-untyped-def]
    words = WORDS[code]
    assert [a.text() for a in window.menuBar().actions()] == words["menus"]
    tabs = window.tabs
    assert [tabs.tabText(i) for i in range(tabs.count())] == words["tabs"]
    tools = [a.text() for a in menu(window, words["menus"][2]).actions() if a.text()]
    assert "Idioma…" in tools and "Recalcular cronómetros SLA" in tools[0].replace("ô", "ó")

    # The policy editor, on its tab: the targets group is Portuguese.
    bar = tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(2).center())
    qtbot.waitUntil(lambda: any(
        g.title() == words["targets"] for g in window.findChildren(QGroupBox)
    ), timeout=20_000)  # fmt: skip


def test_tools_language_stores_the_choice_for_the_next_start(
    qtbot, window: MainWindow, code: str
) -> None:  # type: ignore[no-untyped-def]
    seen: dict[str, str] = {}

    def choose_brazil() -> None:
        dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, LanguageDialog))
        seen["title"] = dialog.windowTitle()
        seen["note"] = dialog.note.text()
        combo = dialog.choice
        combo.setFocus()
        qtbot.keyClick(combo, Qt.Key.Key_End)  # the last choice: Português (Brasil)
        box = dialog.findChild(QDialogButtonBox)
        seen["cancel"] = box.button(QDialogButtonBox.StandardButton.Cancel).text()
        ok = box.button(QDialogButtonBox.StandardButton.Ok)
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton, pos=ok.rect().center())

    QTimer.singleShot(0, choose_brazil)
    tools = menu(window, WORDS[code]["menus"][2])
    next(a for a in tools.actions() if a.objectName() == "tools_language").trigger()
    assert seen["title"] == "Idioma"
    assert seen["cancel"] == "Cancelar"  # Qt's own texts are Portuguese too
    assert "iniciado de novo" in seen["note"]
    assert window.settings.value(language.SETTINGS_KEY) == "pt_BR"
    assert stored_choice(window.settings) == "pt_BR"
    assert "iniciado de novo" in window.statusBar().currentMessage()


def test_holiday_import_names_holidays_in_the_language_with_a_plural(qtbot, code: str) -> None:  # type: ignore[no-untyped-def]
    dialog = HolidayImportDialog(default_country="PT" if code == "pt_PT" else "BR")
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Importar feriados públicos"
    regions = [dialog.region.itemText(i) for i in range(dialog.region.count())]
    if code == "pt_PT":
        assert "Região Autónoma da Madeira (30)" in regions and "Lisboa (11)" in regions
    else:
        assert "SP" in " ".join(regions)
    count = dialog.table.rowCount()
    assert count > 1
    year = dt.date.today().year
    assert dialog.table.item(0, 0).text() == f"01/01/{year}"
    assert dialog.table.item(0, 1).text() == WORDS[code]["new_year"]
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok.text() == WORDS[code]["add"].format(n=count)
    labels = [label.text() for label in dialog.findChildren(QLabel)]
    assert "&País:" in labels or any("País" in text for text in labels)


def test_every_list_column_shows_its_whole_title(window: MainWindow, code: str) -> None:
    """A header section clips a title wider than it ("Prioridade" over "Normal" showed
    as "rioridade"): each shown column starts at least as wide as its title."""
    table = window.tickets.table
    header = table.horizontalHeader()
    model = window.tickets.model
    metrics = header.fontMetrics()
    for column in range(model.columnCount()):
        if header.isSectionHidden(column):
            continue
        title = str(model.headerData(column, Qt.Orientation.Horizontal))
        assert metrics.horizontalAdvance(title) + 8 <= header.sectionSize(column), title
