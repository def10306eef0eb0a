"""The tickets page's toolbar: its actions, the search box, the narrowing boxes, "Working as".

It only says what the user picked (``search_entered``, ``narrowing_chosen``,
``agent_chosen``) and owns the actions (New ticket, Refresh, Reply, Save filter, Find);
the page connects them to the list and detail controllers. The window shows ``bar``
and adds ``shortcut_actions`` to itself, so the shortcuts work on every tab.
"""

from __future__ import annotations

import getpass

from PySide6.QtCore import QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QToolBar, QWidget

from slaworkbench.app.tickets.workbench import PickerOptions
from slaworkbench.domain.labels import priority_label
from slaworkbench.domain.model import Priority
from slaworkbench.i18n import tr
from slaworkbench.store.tickets.query import TicketQuery

ME_KEY = "workbench/me"


def login_names() -> set[str]:
    """The names the operating system knows the user by, folded: the login and, where
    the system keeps one, the full name (an agent named so is the user)."""
    names: set[str] = set()
    try:
        names.add(getpass.getuser())
        import pwd  # not on Windows

        names.add(pwd.getpwnam(getpass.getuser()).pw_gecos.split(",")[0])
    except (ImportError, KeyError, OSError):
        pass
    return {name.strip().casefold() for name in names if name.strip()}


def own_agent_index(agents: list[str]) -> int:
    """The index in ``agents`` of the one named as the user is known to the system
    (``login_names``), else -1: nobody is chosen for them."""
    mine = login_names()
    return next((i for i, name in enumerate(agents) if name.strip().casefold() in mine), -1)


class TicketToolbar(QObject):
    """Builds the toolbar's widgets and actions and reports what the user chose."""

    search_entered = Signal(str)
    """The search text (stripped), after a pause in typing or Return."""
    narrowing_chosen = Signal(object, object)
    """``(priorities: tuple[Priority, ...], team id or None)``."""
    agent_chosen = Signal(object)
    """The "Working as" agent's id (or None)."""

    def __init__(self, settings: QSettings, parent: QWidget) -> None:
        super().__init__(parent)
        self._settings = settings
        self.bar = QToolBar(tr("Main"), parent)
        bar = self.bar
        bar.setObjectName("main_toolbar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.new_action = self._action(tr("New ticket"), QKeySequence.StandardKey.New)
        self.refresh_action = self._action(tr("Refresh"), QKeySequence("F5"))
        self.reply_action = self._action(tr("Reply"), QKeySequence("Ctrl+R"))
        self.save_filter_action = self._action(tr("Save filter…"), QKeySequence("Ctrl+Shift+S"))
        for action in (self.new_action, self.refresh_action, self.reply_action):
            bar.addAction(action)
        bar.addSeparator()
        self.search = QLineEdit(parent)
        self.search.setPlaceholderText(tr("Search subject, requester or ticket id (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(300)
        self.search.setAccessibleName(tr("Search tickets"))
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(250)
        self._search_timer.timeout.connect(self._search_done)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.search.returnPressed.connect(self._search_done)
        bar.addWidget(self.search)
        self.find_action = self._action(tr("Find"), QKeySequence.StandardKey.Find)
        self.find_action.triggered.connect(self.focus_search)
        self.priority_filter = QComboBox(parent)
        self.priority_filter.setAccessibleName(tr("Priority filter"))
        self.priority_filter.addItem(tr("Any priority"), "")
        self.priority_filter.addItem(tr("Urgent and high"), "urgent,high")
        for priority in Priority:
            self.priority_filter.addItem(priority_label(priority), priority.value)
        self.priority_filter.activated.connect(self._narrowing_changed)
        self.team_filter = QComboBox(parent)
        self.team_filter.setAccessibleName(tr("Team filter"))
        self.team_filter.addItem(tr("Every team"), None)
        self.team_filter.activated.connect(self._narrowing_changed)
        bar.addWidget(self.priority_filter)
        bar.addWidget(self.team_filter)
        bar.addAction(self.save_filter_action)
        bar.addSeparator()
        bar.addWidget(QLabel(tr("Working as") + " ", parent))
        self.me_combo = QComboBox(parent)
        self.me_combo.setAccessibleName(tr("Working as"))
        self.me_combo.setMinimumWidth(140)
        # Until the user picks a name (or one is theirs by their login), nobody is
        # chosen: actions are recorded as the login, never as a stranger's name.
        self.me_combo.setPlaceholderText(tr("Choose your name"))
        self.me_combo.activated.connect(self._me_changed)
        bar.addWidget(self.me_combo)
        self.shortcut_actions = [
            self.new_action,
            self.refresh_action,
            self.reply_action,
            self.save_filter_action,
            self.find_action,
        ]
        """The actions whose shortcuts work anywhere in the window."""

    def _action(self, text: str, shortcut: QKeySequence | QKeySequence.StandardKey) -> QAction:
        action = QAction(text, self)
        action.setShortcut(shortcut)
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{text} ({keys})")
        return action

    def show_teams_and_agents(self, options: PickerOptions) -> None:
        """Fill the team and "Working as" boxes from freshly loaded ``options``."""
        current_team = self.team_filter.currentData()
        self.team_filter.clear()
        self.team_filter.addItem(tr("Every team"), None)
        for team in options.teams:
            self.team_filter.addItem(team.name, team.id)
        self.team_filter.setCurrentIndex(max(0, self.team_filter.findData(current_team)))
        current_me = self.me_combo.currentText()
        self.me_combo.clear()
        for agent in options.agents:
            self.me_combo.addItem(agent.name, agent.id)
        saved = current_me or self._settings.value(ME_KEY)
        index = self.me_combo.findText(str(saved)) if saved else -1
        if index < 0:
            index = own_agent_index([agent.name for agent in options.agents])
        self.me_combo.setCurrentIndex(index)
        self._me_changed()

    @property
    def me(self) -> str:
        """Who the actions are recorded as: the chosen agent, else the login (the
        operating system's user name)."""
        return self.me_combo.currentText() or getpass.getuser()

    def agent_name(self) -> str | None:
        """The chosen "Working as" agent (None before the agents are loaded)."""
        return self.me_combo.currentText() or None

    def _me_changed(self, _index: int = 0) -> None:
        if self.me_combo.currentIndex() >= 0 and self.me_combo.currentText():
            self._settings.setValue(ME_KEY, self.me_combo.currentText())
        self.agent_chosen.emit(self.me_combo.currentData())

    def show_query(self, query: TicketQuery) -> None:
        """The search and narrowing boxes say what ``query`` asks for (no signals)."""
        self.search.blockSignals(True)
        self.search.setText(query.search)
        self.search.blockSignals(False)
        self.priority_filter.setCurrentIndex(
            max(0, self.priority_filter.findData(",".join(p.value for p in query.priorities)))
        )
        self.team_filter.setCurrentIndex(max(0, self.team_filter.findData(query.team_id)))

    def _search_done(self) -> None:
        self._search_timer.stop()
        self.search_entered.emit(self.search.text().strip())

    def _narrowing_changed(self, _index: int = 0) -> None:
        priorities = tuple(
            Priority(p) for p in str(self.priority_filter.currentData() or "").split(",") if p
        )
        self.narrowing_chosen.emit(priorities, self.team_filter.currentData())

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()
