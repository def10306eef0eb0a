"""The main window's toolbar: its actions, the search box, the narrowing boxes, "Working as".

A mixin of :class:`~slaworkbench.ui.window.main_window.MainWindow`: it builds the widgets on the
window itself (``window.search``, ``window.priority_filter``, ``window.new_action``, ...)
and turns what the user picks into the ticket list's query.
"""

from __future__ import annotations

import getpass
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QToolBar

from slaworkbench.app.tickets.workbench import PickerOptions
from slaworkbench.domain.labels import priority_label
from slaworkbench.domain.model import Priority
from slaworkbench.i18n import tr
from slaworkbench.store.tickets.query import TicketQuery

if TYPE_CHECKING:
    from slaworkbench.ui.tickets.table_model import TicketTableModel

ME_KEY = "workbench/me"


class WindowToolbar:
    """Builds the toolbar on the main window and applies its search and narrowing."""

    settings: QSettings
    options: PickerOptions
    model: TicketTableModel

    def _build_toolbar(self) -> None:
        bar = QToolBar(tr("Main"), self)
        bar.setObjectName("main_toolbar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.addToolBar(bar)
        self.new_action = self._action(
            tr("New ticket"), QKeySequence.StandardKey.New, self.new_ticket
        )
        self.refresh_action = self._action(tr("Refresh"), QKeySequence("F5"), self.refresh)
        self.reply_action = self._action(tr("Reply"), QKeySequence("Ctrl+R"), self.focus_reply)
        self.save_filter_action = self._action(
            tr("Save filter…"), QKeySequence("Ctrl+Shift+S"), self.save_current_filter
        )
        for action in (self.new_action, self.refresh_action, self.reply_action):
            bar.addAction(action)
        bar.addSeparator()
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(tr("Search subject, requester or ticket id (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(300)
        self.search.setAccessibleName(tr("Search tickets"))
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(250)
        self._search_timer.timeout.connect(self._apply_search)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.search.returnPressed.connect(self._apply_search)
        bar.addWidget(self.search)
        self.find_action = self._action(
            tr("Find"), QKeySequence.StandardKey.Find, self.focus_search
        )
        self.priority_filter = QComboBox(self)
        self.priority_filter.setAccessibleName(tr("Priority filter"))
        self.priority_filter.addItem(tr("Any priority"), "")
        self.priority_filter.addItem(tr("Urgent and high"), "urgent,high")
        for priority in Priority:
            self.priority_filter.addItem(priority_label(priority), priority.value)
        self.priority_filter.activated.connect(self._narrowing_changed)
        self.team_filter = QComboBox(self)
        self.team_filter.setAccessibleName(tr("Team filter"))
        self.team_filter.addItem(tr("Every team"), None)
        self.team_filter.activated.connect(self._narrowing_changed)
        bar.addWidget(self.priority_filter)
        bar.addWidget(self.team_filter)
        bar.addAction(self.save_filter_action)
        bar.addSeparator()
        bar.addWidget(QLabel(tr("Working as") + " ", self))
        self.me_combo = QComboBox(self)
        self.me_combo.setAccessibleName(tr("Working as"))
        self.me_combo.setMinimumWidth(140)
        self.me_combo.activated.connect(self._me_changed)
        bar.addWidget(self.me_combo)

    def _action(self, text: str, shortcut: Any, slot: Callable[[], None]) -> QAction:
        action = QAction(text, self)
        action.setShortcut(shortcut)
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{text} ({keys})")
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _show_teams_and_agents(self) -> None:
        """Fill the team and "Working as" boxes from freshly loaded ``options``."""
        current_team = self.team_filter.currentData()
        self.team_filter.clear()
        self.team_filter.addItem(tr("Every team"), None)
        for team in self.options.teams:
            self.team_filter.addItem(team.name, team.id)
        self.team_filter.setCurrentIndex(max(0, self.team_filter.findData(current_team)))
        self.me_combo.clear()
        for agent in self.options.agents:
            self.me_combo.addItem(agent.name, agent.id)
        saved = self.settings.value(ME_KEY)
        index = self.me_combo.findText(str(saved)) if saved else -1
        self.me_combo.setCurrentIndex(index if index >= 0 else 0)
        self._me_changed()

    @property
    def me(self) -> str:
        """Who the actions are recorded as: the chosen agent, else the OS user."""
        return self.me_combo.currentText() or getpass.getuser()

    def _me_changed(self, _index: int = 0) -> None:
        if self.me_combo.currentText():
            self.settings.setValue(ME_KEY, self.me_combo.currentText())
        agent_id = self.me_combo.currentData()
        if agent_id != self.model.query.me_agent_id:
            self.model.set_query(replace(self.model.query, me_agent_id=agent_id))
            self._update_counts()

    def _show_narrowing(self, query: TicketQuery) -> None:
        """The toolbar's priority and team boxes say what ``query`` narrows to."""
        self.priority_filter.setCurrentIndex(
            max(0, self.priority_filter.findData(",".join(p.value for p in query.priorities)))
        )
        self.team_filter.setCurrentIndex(max(0, self.team_filter.findData(query.team_id)))

    def _apply_search(self) -> None:
        self._search_timer.stop()
        text = self.search.text().strip()
        if text != self.model.query.search:
            self.model.set_query(replace(self.model.query, search=text))
            self._after_query_change()

    def _narrowing_changed(self, _index: int = 0) -> None:
        query = replace(
            self.model.query,
            priorities=tuple(
                Priority(p) for p in str(self.priority_filter.currentData() or "").split(",") if p
            ),
            team_id=self.team_filter.currentData(),
        )
        if query != self.model.query:
            self.model.set_query(query)
            self._after_query_change()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()
