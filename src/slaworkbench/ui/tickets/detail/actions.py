"""The detail pane's actions: write a reply, a customer reply or a note; stage status,
priority, assignee and team changes and submit them as one edit; undo the last one. A
team change moves the ticket to that team (its OLA cycles follow the move).

Picking a value in a combo writes nothing: it stages the change and says so ("Pending:
status → Pending, priority → High"). Submit (Ctrl+Return) emits one ``EDIT``
``TicketAction`` with every staged field; with nothing staged it sends the composed
text as a reply. Undo (Ctrl+Z, or the button beside the hint) asks the controller to
take the last applied action back. The hint and message lines keep their height when
empty, so nothing below them moves.

An edit refused because someone changed the ticket since (``StaleTicketError``) keeps
what is staged and offers two buttons under the sentence: Reload (show the ticket as it
is now, the staged changes dropped) and "Reload and re-apply my changes" (show it as it
is now with the staged changes staged again on it, to submit once more)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from slaworkbench.app.tickets.edits import FieldValues
from slaworkbench.app.tickets.workbench import ActionKind, PickerOptions, TicketAction
from slaworkbench.domain.labels import priority_label, status_label
from slaworkbench.domain.model import Priority, Status
from slaworkbench.i18n import tr
from slaworkbench.store.tickets.rows import TicketRow


class TicketActions(QWidget):
    action_requested = Signal(object)
    undo_requested = Signal()
    reload_requested = Signal()
    """After a stale refusal: read the ticket again (what is staged is kept or dropped)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._row: TicketRow | None = None
        self.compose = QPlainTextEdit(self)
        self.compose.setPlaceholderText(tr("Write a reply or a note…"))
        self.compose.setAccessibleName(tr("Message"))
        self.compose.setTabChangesFocus(True)
        self.compose.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.reply_button = QPushButton(tr("Reply"), self)
        self.reply_button.setToolTip(tr("Send a public reply to the requester"))
        self.submit_button = QPushButton(tr("Submit"), self)
        self.submit_button.setToolTip(
            tr("Apply the pending changes as one update; with none, send the reply (Ctrl+Return)")
        )
        self.submit_button.setShortcut(QKeySequence("Ctrl+Return"))
        self.submit_button.setDefault(True)
        self.submit_button.clicked.connect(self.submit)
        self.undo_button = QPushButton(tr("Undo"), self)
        self.undo_button.setToolTip(tr("Take the last change back (Ctrl+Z), for 10 seconds"))
        self.undo_button.clicked.connect(self.undo_requested)
        self.undo_action = QAction(tr("Undo the last change"), self)
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.undo_action.triggered.connect(self.undo_requested)
        self.addAction(self.undo_action)
        self.reload_button = QPushButton(tr("Reload"), self)
        self.reload_button.setToolTip(tr("Show the ticket as it is now; drop the pending changes"))
        self.reload_button.clicked.connect(lambda: self._reload(reapply=False))
        self.reapply_button = QPushButton(tr("Reload and re-apply my changes"), self)
        self.reapply_button.setToolTip(
            tr("Show the ticket as it is now with your pending changes staged again on it")
        )
        self.reapply_button.clicked.connect(lambda: self._reload(reapply=True))
        self._staged: dict[str, object] = {}
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
        self.team_combo = QComboBox(self)
        self.team_combo.setToolTip(tr("Move the ticket to another team"))
        self.team_combo.addItem(tr("No team"), None)
        self.team_combo.activated.connect(self._team_picked)
        self.status_combo.activated.connect(self._status_picked)
        self.priority_combo.activated.connect(self._priority_picked)
        self.assignee_combo.activated.connect(self._assignee_picked)
        self.message = QLabel(self)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.pending = QLabel(self)
        self.pending.setTextFormat(Qt.TextFormat.PlainText)
        self.pending.setAccessibleName(tr("Pending changes"))
        line = self.fontMetrics().lineSpacing()
        self.pending.setMinimumHeight(line)
        self.message.setMinimumHeight(line * 2)  # room for a two-line sentence, reserved

        # Two by two, so the pane stays narrow enough for the list beside it at 1024 px.
        buttons = QGridLayout()
        buttons.addWidget(self.submit_button, 0, 0)
        buttons.addWidget(self.reply_button, 0, 1)
        buttons.addWidget(self.customer_button, 1, 0)
        buttons.addWidget(self.note_button, 1, 1)
        row = QGridLayout()
        row.setColumnStretch(1, 1)
        row.setColumnStretch(3, 1)
        for position, (label, combo) in enumerate(
            (
                (tr("Status"), self.status_combo),
                (tr("Priority"), self.priority_combo),
                (tr("Assignee"), self.assignee_combo),
                (tr("Team"), self.team_combo),
            )
        ):
            # A combo as narrow as a short name; the popup shows the long ones whole.
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(6)
            caption = QLabel(label, self)
            caption.setBuddy(combo)
            line, column = divmod(position, 2)
            row.addWidget(caption, line, column * 2)
            row.addWidget(combo, line, column * 2 + 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        hint = QHBoxLayout()
        hint.addWidget(self.pending, 1)
        hint.addWidget(self.undo_button)
        layout.addLayout(row)
        layout.addLayout(hint)
        layout.addWidget(self.compose)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        stale = QHBoxLayout()
        stale.addStretch(1)
        stale.addWidget(self.reload_button)
        stale.addWidget(self.reapply_button)
        layout.addLayout(stale)
        self.offer_reload(False)
        self.undo_button.setEnabled(False)
        self.setEnabled(False)

    def set_options(self, options: PickerOptions) -> None:
        self.assignee_combo.clear()
        self.assignee_combo.addItem(tr("Unassigned"), None)
        for agent in options.agents:
            self.assignee_combo.addItem(agent.name, agent.name)
        if self._row is not None:
            self._select(self.assignee_combo, self._row.assignee)
        self.team_combo.clear()
        self.team_combo.addItem(tr("No team"), None)
        for team in options.teams:
            self.team_combo.addItem(team.name, team.name)
        if self._row is not None:
            self._select(self.team_combo, self._staged.get("team", self._row.team))

    def set_row(self, row: TicketRow | None) -> None:
        """Show ``row``'s values; changes staged for another ticket are dropped."""
        if row is None or self._row is None or row.id != self._row.id:
            self._staged.clear()
            self.offer_reload(False)
        self._row = row
        self.setEnabled(row is not None)
        if row is None:
            self._show_pending()
            return
        self._select(self.status_combo, self._staged.get("status", row.status.value))
        self._select(self.priority_combo, self._staged.get("priority", row.priority.value))
        self._select(self.assignee_combo, self._staged.get("assignee", row.assignee))
        self._select(self.team_combo, self._staged.get("team", row.team))
        self._restage()

    def staged(self) -> FieldValues:
        """The staged changes (fields not staged are ``None``; ``""`` unassigns, or moves
        to no team)."""
        status = self._staged.get("status")
        priority = self._staged.get("priority")
        assignee = self._staged.get("assignee", False)
        team = self._staged.get("team", False)
        return FieldValues(
            Status(str(status)) if status is not None else None,
            Priority(str(priority)) if priority is not None else None,
            None if assignee is False else str(assignee or ""),
            None if team is False else str(team or ""),
        )

    def discard_staged(self) -> None:
        self._staged.clear()
        self.set_row(self._row)

    def set_undo_available(self, available: bool) -> None:
        self.undo_button.setEnabled(available)

    def set_busy(self, busy: bool) -> None:
        for widget in (
            self.submit_button,
            self.reply_button,
            self.customer_button,
            self.note_button,
            self.status_combo,
            self.priority_combo,
            self.assignee_combo,
            self.team_combo,
        ):
            widget.setEnabled(not busy and self._row is not None)

    def show_message(self, text: str) -> None:
        self.message.setText(text)

    def show_stale(self, text: str) -> None:
        """An edit was refused because the ticket changed since: say who and when, keep
        what is staged, and offer to reload (and re-apply)."""
        self.show_message(text)
        self.offer_reload(True)

    def offer_reload(self, offered: bool) -> None:
        for button in (self.reload_button, self.reapply_button):
            button.setVisible(offered)

    def _reload(self, *, reapply: bool) -> None:
        self.offer_reload(False)
        if reapply:
            self.show_message(
                tr(
                    "Your changes are staged again on the ticket as it is now; "
                    "Submit (Ctrl+Return) to apply them."
                )
            )
        else:
            self._staged.clear()
            self._show_pending()
            self.show_message("")
        self.reload_requested.emit()

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
        self.offer_reload(False)
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

    def submit(self) -> None:
        """Apply the staged changes as one edit; with none staged, send the reply."""
        if self._row is None:
            return
        staged = self.staged()
        if staged.is_empty():
            if self.compose.toPlainText().strip():
                self._send(ActionKind.AGENT_REPLY)
            else:
                self.show_message(tr("Nothing to submit: change a field or write a reply first."))
            return
        self._emit(ActionKind.EDIT, fields=staged)

    def _status_picked(self, index: int) -> None:
        self._stage("status", self.status_combo.itemData(index))

    def _priority_picked(self, index: int) -> None:
        self._stage("priority", self.priority_combo.itemData(index))

    def _assignee_picked(self, index: int) -> None:
        self._stage("assignee", self.assignee_combo.itemData(index))

    def _team_picked(self, index: int) -> None:
        self._stage("team", self.team_combo.itemData(index))

    def _stage(self, key: str, value: object) -> None:
        self._staged[key] = value
        self._restage()

    def _restage(self) -> None:
        """Keep only the staged values that differ from the stored ones, and say so."""
        row = self._row
        if row is not None:
            stored = {
                "status": row.status.value,
                "priority": row.priority.value,
                "assignee": row.assignee,
                "team": row.team,
            }
            for key in list(self._staged):
                if self._staged[key] == stored[key]:
                    del self._staged[key]
        self._show_pending()

    def _show_pending(self) -> None:
        parts = []
        staged = self.staged()
        if staged.status is not None:
            parts.append(tr("status → {value}").format(value=status_label(staged.status)))
        if staged.priority is not None:
            parts.append(tr("priority → {value}").format(value=priority_label(staged.priority)))
        if staged.assignee is not None:
            parts.append(tr("assignee → {value}").format(value=staged.assignee or tr("Unassigned")))
        if staged.team is not None:
            parts.append(tr("team → {value}").format(value=staged.team or tr("No team")))
        self.pending.setText(
            tr("Pending changes: {changes}. Submit (Ctrl+Return) to apply.").format(
                changes=", ".join(parts)
            )
            if parts
            else ""
        )
