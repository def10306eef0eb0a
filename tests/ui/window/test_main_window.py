"""The workbench window over a real workspace: views, search, sort, actions, shortcuts."""

from __future__ import annotations

import getpass

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest

from slaworkbench.app.tickets.actions import NewTicket, create_ticket
from slaworkbench.domain.model import ClockState, Priority, Status
from slaworkbench.store.schema import Agent, Customer, Team
from slaworkbench.store.tickets.query import View
from slaworkbench.store.workspace import open_workspace
from slaworkbench.ui.tasks import TaskRunner
from slaworkbench.ui.tickets.list.table_model import TicketTableModel
from slaworkbench.ui.tickets.toolbar import ME_KEY
from slaworkbench.ui.window.main_window import MainWindow
from tests.support.fake_clock import FakeClock

T0 = 1_790_000_000
# The offscreen platform says this on every show(); it is not about our code.
pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture
def workspace(tmp_path):
    ws = open_workspace(str(tmp_path / "window.sqlite3"))
    with ws.session(write=True) as session:
        session.add_all(
            [
                Team(name="Support"),
                Customer(name="Acme Corp", tier="gold"),
                Agent(name="Ana Silva"),
                Agent(name="Bruno Costa"),
            ]
        )
    yield ws
    ws.close()


def new(ws, subject, *, at, **fields):
    return create_ticket(ws, NewTicket(subject=subject, **fields), author="test", now=at)


@pytest.fixture
def tickets(workspace):
    return {
        "printer": new(
            workspace,
            "Printer on fire",
            at=T0 - 600,
            priority=Priority.URGENT,
            customer="Acme Corp",
            assignee="Ana Silva",
            team="Support",
        ),
        "vpn": new(
            workspace,
            "VPN drops every hour",
            at=T0 - 300,
            priority=Priority.HIGH,
            requester="dana@globex.example",
        ),
        "invoice": new(
            workspace, "Invoice <b>missing</b> VAT", at=T0 - 200, assignee="Bruno Costa"
        ),
    }


@pytest.fixture
def window(qtbot, workspace, tickets, tmp_path):
    return _open_window(qtbot, workspace, tmp_path)


def _open_window(qtbot, workspace, tmp_path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    w = MainWindow(
        workspace,
        TaskRunner(synchronous=True),
        clock=FakeClock(T0),
        settings=settings,
        watch_interval_ms=3_600_000,
    )
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def listed_ids(w: MainWindow) -> list[int]:
    return [w.tickets.model.row_at(i).id for i in range(w.tickets.model.rowCount())]


def test_lists_open_tickets_with_names_and_clock_columns(window, tickets):
    assert set(listed_ids(window)) == set(tickets.values())
    index = window.tickets.list.index_of(tickets["printer"], TicketTableModel.COL_CUSTOMER)
    assert index.data() == "Acme Corp"


def test_working_as_is_nobody_until_the_user_picks_a_name(window, tickets, qtbot, tmp_path):
    """A login no agent is named as gets nobody: actions are recorded as the login (never
    as the first agent of the list, a stranger), "Mine" says how to fill it, and nothing
    is remembered until the user picks their name."""
    toolbar, settings_file = window.tickets.toolbar, str(tmp_path / "settings.ini")
    qtbot.waitUntil(lambda: toolbar.me_combo.count() == 2)
    assert toolbar.me_combo.currentIndex() == -1
    assert toolbar.me_combo.placeholderText() == "Choose your name"
    assert toolbar.me == getpass.getuser()
    _click_sidebar_item(qtbot, window, "Mine")
    qtbot.waitUntil(lambda: "Working as" in window.tickets.list.count_label.text())
    assert listed_ids(window) == []
    assert QSettings(settings_file, QSettings.Format.IniFormat).value(ME_KEY) is None

    toolbar.me_combo.setFocus()
    qtbot.keyClick(toolbar.me_combo, Qt.Key.Key_End)  # the last name: Bruno Costa
    assert toolbar.me == "Bruno Costa"
    qtbot.waitUntil(lambda: listed_ids(window) == [tickets["invoice"]])
    assert "Working as" not in window.tickets.list.count_label.text()
    window.settings.sync()
    saved = QSettings(settings_file, QSettings.Format.IniFormat).value(ME_KEY)
    assert saved == "Bruno Costa"


def test_working_as_is_the_agent_named_as_the_login(
    qtbot, workspace, tickets, tmp_path, monkeypatch
):
    monkeypatch.setattr(getpass, "getuser", lambda: "bruno costa")
    window = _open_window(qtbot, workspace, tmp_path)
    qtbot.waitUntil(lambda: window.tickets.toolbar.me_combo.count() == 2)
    assert window.tickets.toolbar.me == "Bruno Costa"


def choose(combo, text: str) -> None:
    """Pick ``text`` in a combo box as its popup does."""
    combo.setCurrentIndex(combo.findText(text))
    combo.activated.emit(combo.currentIndex())


def search_for(qtbot, window, text: str) -> None:
    """Replace the search box's text by typing, then press Return."""
    search = window.tickets.toolbar.search
    search.setFocus()
    qtbot.keyClick(search, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(search, Qt.Key.Key_Delete)
    qtbot.keyClicks(search, text)
    qtbot.keyClick(search, Qt.Key.Key_Return)


def test_views_search_and_sort(window, tickets, qtbot):
    _click_sidebar_item(qtbot, window, "Unassigned")
    assert listed_ids(window) == [tickets["vpn"]]
    _click_sidebar_item(qtbot, window, "All open")
    qtbot.keyClicks(window.tickets.toolbar.search, "invoice")
    qtbot.waitUntil(lambda: listed_ids(window) == [tickets["invoice"]])
    search_for(qtbot, window, str(tickets["vpn"]))
    assert listed_ids(window) == [tickets["vpn"]]
    window.tickets.toolbar.search.clear()
    qtbot.waitUntil(lambda: len(listed_ids(window)) == 3)
    window.tickets.table.sortByColumn(TicketTableModel.COL_PRIORITY, Qt.SortOrder.AscendingOrder)
    assert listed_ids(window)[0] == tickets["printer"]
    window.tickets.table.sortByColumn(TicketTableModel.COL_ID, Qt.SortOrder.DescendingOrder)
    assert listed_ids(window) == sorted(tickets.values(), reverse=True)


def test_mine_follows_working_as(window, tickets, qtbot):
    choose(window.tickets.toolbar.me_combo, "Bruno Costa")
    _click_sidebar_item(qtbot, window, "Mine")
    assert listed_ids(window) == [tickets["invoice"]]


def test_reply_from_detail_pane_stops_first_response(window, tickets, qtbot):
    ticket_id = tickets["printer"]
    assert window.tickets.list.select_ticket(ticket_id)
    assert window.tickets.detail.ticket_id == ticket_id
    before = window.tickets.model.row_at(window.tickets.model.position_of(ticket_id))
    assert before.first_response.state is not None and not before.first_response.stopped

    window.tickets.detail.ticket_actions.compose.setPlainText("We are on it <script>")
    qtbot.mouseClick(window.tickets.detail.ticket_actions.reply_button, Qt.MouseButton.LeftButton)

    after = window.tickets.model.row_at(window.tickets.model.position_of(ticket_id))
    assert after.first_response.stopped
    assert after.first_response.state in (ClockState.ACHIEVED, ClockState.BREACHED)
    assert after.version > before.version
    cell = window.tickets.list.index_of(ticket_id, TicketTableModel.COL_FIRST_RESPONSE).data()
    assert cell.startswith(("✓", "✗"))
    assert "We are on it &lt;script&gt;" in window.tickets.detail.timeline.toHtml()
    assert window.tickets.detail.ticket_actions.compose.toPlainText() == ""


def test_status_change_pauses_resolution(window, tickets, qtbot):
    ticket_id = tickets["vpn"]
    window.tickets.list.select_ticket(ticket_id)
    combo = window.tickets.detail.ticket_actions.status_combo
    combo.setCurrentIndex(combo.findData(Status.PENDING.value))
    combo.activated.emit(combo.currentIndex())
    submit = window.tickets.detail.ticket_actions.submit_button
    qtbot.mouseClick(submit, Qt.MouseButton.LeftButton)  # staged until submitted
    row = window.tickets.model.row_at(window.tickets.model.position_of(ticket_id))
    assert row.status is Status.PENDING
    assert row.resolution.state is ClockState.PAUSED
    assert (
        window.tickets.list.index_of(ticket_id, TicketTableModel.COL_RESOLUTION)
        .data()
        .startswith("paused ")
    )


def test_empty_reply_is_refused_without_writing(window, tickets, qtbot):
    ticket_id = tickets["vpn"]
    window.tickets.list.select_ticket(ticket_id)
    version = window.tickets.model.row_at(window.tickets.model.position_of(ticket_id)).version
    qtbot.mouseClick(window.tickets.detail.ticket_actions.reply_button, Qt.MouseButton.LeftButton)
    assert "empty" in window.tickets.detail.ticket_actions.message.text()
    assert (
        window.tickets.model.row_at(window.tickets.model.position_of(ticket_id)).version == version
    )


def test_subject_is_shown_as_text_not_markup(window, tickets):
    window.tickets.list.select_ticket(tickets["invoice"])
    assert window.tickets.detail.title.text() == "Invoice <b>missing</b> VAT"
    assert window.tickets.detail.title.textFormat() == Qt.TextFormat.PlainText


def test_explanation_panel_shows_segments_for_the_picked_clock(window, tickets):
    window.tickets.list.select_ticket(tickets["printer"])
    assert window.tickets.detail.clock_table.rowCount() >= 1
    assert window.tickets.detail.explanation.explanation is not None
    assert "Target" in window.tickets.detail.explanation_html()


def test_shortcuts(window, tickets, qtbot):
    QTest.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.tickets.toolbar.search.hasFocus()
    window.tickets.list.select_ticket(tickets["vpn"])
    window.tickets.table.setFocus()
    QTest.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert window.tickets.detail.ticket_actions.compose.hasFocus()
    assert window.tickets.toolbar.new_action.shortcut().toString() == "Ctrl+N"
    assert window.tickets.toolbar.refresh_action.shortcut().toString() == "F5"


def test_geometry_splitter_and_header_persist(window, workspace, tmp_path, qtbot):
    window.resize(760, 600)  # fits the offscreen screen, which restoreGeometry respects
    window.tickets.splitter.setSizes([120, 400, 240])
    window.tickets.table.horizontalHeader().resizeSection(TicketTableModel.COL_CUSTOMER, 222)
    window.close()
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    again = MainWindow(
        workspace,
        TaskRunner(synchronous=True),
        clock=FakeClock(T0),
        settings=settings,
        watch_interval_ms=3_600_000,
    )
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    assert again.size() == window.size()
    assert again.tickets.table.horizontalHeader().sectionSize(TicketTableModel.COL_CUSTOMER) == 222
    assert again.tickets.splitter.sizes()[0] == window.tickets.splitter.sizes()[0]


def test_saved_filter_round_trip(window, tickets, qtbot, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    _click_sidebar_item(qtbot, window, "All open")
    search_for(qtbot, window, "printer")
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Fires", True))
    QTest.keyClick(
        window,
        Qt.Key.Key_S,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert [f.name for f in window.tickets.list.filters.load()] == ["Fires"]
    search_for(qtbot, window, "")
    assert len(listed_ids(window)) == 3
    _click_sidebar_item(qtbot, window, "Fires")
    assert listed_ids(window) == [tickets["printer"]]
    assert window.tickets.toolbar.search.text() == "printer"


def test_priority_filter_narrows_the_list(window, tickets):
    combo = window.tickets.toolbar.priority_filter
    combo.setCurrentIndex(combo.findData("urgent,high"))
    combo.activated.emit(combo.currentIndex())
    assert set(listed_ids(window)) == {tickets["printer"], tickets["vpn"]}
    combo.setCurrentIndex(combo.findData(""))
    combo.activated.emit(combo.currentIndex())
    assert len(listed_ids(window)) == 3


def test_new_ticket_is_created_and_selected(window, qtbot):
    window.tickets.details.create_ticket(
        NewTicket(subject="Keyboard missing keys", priority=Priority.LOW)
    )
    row = window.tickets.list.selected_row()
    assert row is not None and row.subject == "Keyboard missing keys"
    assert window.tickets.detail.ticket_id == row.id


def _click_sidebar_item(qtbot, window, text_prefix: str) -> None:
    """Click the sidebar row whose label starts with ``text_prefix``, as a person does."""
    tree = window.tickets.sidebar.tree
    matches = [
        item
        for root in range(tree.topLevelItemCount())
        for child in range(tree.topLevelItem(root).childCount())
        if (item := tree.topLevelItem(root).child(child)).text(0).startswith(text_prefix)
    ]
    assert len(matches) == 1, text_prefix
    rect = tree.visualItemRect(matches[0])
    assert rect.isValid(), f"{text_prefix} is not on screen"
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_clicking_each_sidebar_view_lists_its_tickets(window, tickets, workspace, qtbot):
    # One ticket pending, so the Pending view has something to show.
    window.tickets.list.select_ticket(tickets["invoice"])
    combo = window.tickets.detail.ticket_actions.status_combo
    combo.setCurrentIndex(combo.findData(Status.PENDING.value))
    combo.activated.emit(combo.currentIndex())
    submit = window.tickets.detail.ticket_actions.submit_button
    qtbot.mouseClick(submit, Qt.MouseButton.LeftButton)  # staged until submitted
    choose(window.tickets.toolbar.me_combo, "Ana Silva")

    expected = {
        "All open": set(tickets.values()),
        "Mine": {tickets["printer"]},
        "Pending": {tickets["invoice"]},
        "Unassigned": {tickets["vpn"]},
        "All tickets": set(tickets.values()),
    }
    for label, wanted in expected.items():
        _click_sidebar_item(qtbot, window, label)
        qtbot.waitUntil(lambda wanted=wanted: set(listed_ids(window)) == wanted, timeout=3000)

    # At risk and Breached: the list holds exactly what the store counts for that view.
    window.clock.advance(3 * 86_400)
    for label, view in (("At risk", View.AT_RISK), ("Breached", View.BREACHED)):
        _click_sidebar_item(qtbot, window, label)
        assert window.tickets.model.query.view is View(view)
        assert window.tickets.sidebar.tree.currentItem().text(0).startswith(label)
    breached = set(listed_ids(window))
    assert tickets["printer"] in breached  # urgent, three days without a reply
    _click_sidebar_item(qtbot, window, "Unassigned")
    assert set(listed_ids(window)) == {tickets["vpn"]}
