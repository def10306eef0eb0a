"""The detail pane's actions: write a reply, a customer reply or a note; change status,
priority or assignee. Each emits a ``TicketAction``; the window runs it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from slaworkbench.app.tickets.workbench import ActionKind, PickerOptions, TicketAction
from slaworkbench.domain.labels import priority_label, status_label
from slaworkbench.domain.model import Priority, Status
from slaworkbench.i18n import tr
from slaworkbench.store.tickets.rows import TicketRow


class TicketActions(QWidget):
    action_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._row: TicketRow | None = None
        self.compose = QPlainTextEdit(self)
        self.compose.setPlaceholderText(tr("Write a reply or a note…"))
        self.compose.setAccessibleName(tr("Message"))
        self.compose.setTabChangesFocus(True)
        self.compose.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.reply_button = QPushButton(tr("Reply"), self)
        self.reply_button.setToolTip(tr("Send a public reply to the requester (Ctrl+Return)"))
        self.reply_button.setShortcut("Ctrl+Return")
        self.reply_button.setDefault(True)
        self.customer_button = QPushButton(tr("Log customer reply"), self)
        self.customer_button.setToolTip(tr("Record a reply the customer sent another way"))
        self.note_button = QPushButton(tr("Internal note"), self)
        self.note_button.setToolTip(tr("A note only agents see; it stops no clock"))
        self.reply_button.clicked.connect(lambda: self._send(ActionKind.AGENT_REPLY))
        self.customer_button.clicked.connect(lambda: self._send(ActionKind.CUSTOMER_REPLY))
        self.note_button.clicked.connect(lambda: self._send(ActionKind.INTERNAL_NOTE))

        self.status_combo = QComboBox(self)
        for status in Status:
            self.status_combo.addItem(status_label(status), status.value)
        self.priority_combo = QComboBox(self)
        for priority in Priority:
            self.priority_combo.addItem(priority_label(priority), priority.value)
        self.assignee_combo = QComboBox(self)
        self.status_combo.activated.connect(self._status_picked)
        self.priority_combo.activated.connect(self._priority_picked)
        self.assignee_combo.activated.connect(self._assignee_picked)
        self.message = QLabel(self)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)

        buttons = QHBoxLayout()
        buttons.addWidget(self.reply_button)
        buttons.addWidget(self.customer_button)
        buttons.addWidget(self.note_button)
        buttons.addStretch(1)
        row = QHBoxLayout()
        for label, combo in (
            (tr("Status"), self.status_combo),
            (tr("Priority"), self.priority_combo),
            (tr("Assignee"), self.assignee_combo),
        ):
            caption = QLabel(label, self)
            caption.setBuddy(combo)
            row.addWidget(caption)
            row.addWidget(combo, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.compose)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self.message.hide()
        self.setEnabled(False)

    def set_options(self, options: PickerOptions) -> None:
        self.assignee_combo.clear()
        self.assignee_combo.addItem(tr("Unassigned"), None)
        for agent in options.agents:
            self.assignee_combo.addItem(agent.name, agent.name)
        if self._row is not None:
            self._select(self.assignee_combo, self._row.assignee)

    def set_row(self, row: TicketRow | None) -> None:
        self._row = row
        self.setEnabled(row is not None)
        if row is None:
            return
        self._select(self.status_combo, row.status.value)
        self._select(self.priority_combo, row.priority.value)
        self._select(self.assignee_combo, row.assignee)

    def set_busy(self, busy: bool) -> None:
        for widget in (
            self.reply_button,
            self.customer_button,
            self.note_button,
            self.status_combo,
            self.priority_combo,
            self.assignee_combo,
        ):
            widget.setEnabled(not busy and self._row is not None)

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def focus_reply(self) -> None:
        self.compose.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def clear_compose(self) -> None:
        self.compose.clear()

    @staticmethod
    def _select(combo: QComboBox, value: object) -> None:
        index = combo.findData(value)
        if index >= 0:
            combo.setCurrentIndex(index)

    def _emit(self, kind: ActionKind, **fields: object) -> None:
        if self._row is None:
            return
        self.show_message("")
        self.action_requested.emit(
            TicketAction(kind, self._row.id, self._row.version, **fields)  # type: ignore[arg-type]
        )

    def _send(self, kind: ActionKind) -> None:
        text = self.compose.toPlainText().strip()
        if not text:
            self.show_message(tr("Write something first; an empty message was not sent."))
            self.compose.setFocus()
            return
        self._emit(kind, text=text)

    def _status_picked(self, index: int) -> None:
        status = Status(self.status_combo.itemData(index))
        if self._row is not None and status != self._row.status:
            self._emit(ActionKind.STATUS, status=status)

    def _priority_picked(self, index: int) -> None:
        priority = Priority(self.priority_combo.itemData(index))
        if self._row is not None and priority != self._row.priority:
            self._emit(ActionKind.PRIORITY, priority=priority)

    def _assignee_picked(self, index: int) -> None:
        agent = self.assignee_combo.itemData(index)
        if self._row is not None and agent != self._row.assignee:
            self._emit(ActionKind.ASSIGN, assignee=agent)
