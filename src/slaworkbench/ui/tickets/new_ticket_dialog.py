"""The New ticket dialog: subject, requester, priority, customer, team, assignee, …

Create stays disabled until the subject is filled in; the reason is shown under the
form. The dialog only builds a ``NewTicket``; the window creates it through the app
service, and a refusal from there is shown in the dialog without closing it.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from slaworkbench.app.tickets.actions import NewTicket
from slaworkbench.app.tickets.workbench import PickerOptions
from slaworkbench.domain.labels import priority_label
from slaworkbench.domain.model import Priority
from slaworkbench.i18n import tr

CHANNELS = ("email", "web", "phone", "chat")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def channel_label(channel: str) -> str:
    return {
        "email": tr("Email"),
        "web": tr("Web form"),
        "phone": tr("Phone"),
        "chat": tr("Chat"),
    }.get(channel, channel)


class NewTicketDialog(QDialog):
    def __init__(
        self,
        options: PickerOptions,
        *,
        me: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("New ticket"))
        self.setMinimumWidth(480)
        self.subject = QLineEdit(self)
        self.subject.setPlaceholderText(tr("What is the problem?"))
        self.subject.setMaxLength(500)
        self.requester = QLineEdit(self)
        self.requester.setPlaceholderText(tr("name@example.com"))
        self.requester.setMaxLength(320)
        self.priority = QComboBox(self)
        for priority in Priority:
            self.priority.addItem(priority_label(priority), priority.value)
        self.priority.setCurrentIndex(self.priority.findData(Priority.NORMAL.value))
        self.customer = QComboBox(self)
        self.customer.setEditable(True)
        self.customer.addItem("", None)
        for customer in options.customers:
            self.customer.addItem(customer.name, customer.name)
        customer_edit = self.customer.lineEdit()
        assert customer_edit is not None  # the box is editable
        customer_edit.setPlaceholderText(tr("Organisation (a new name is added)"))
        self.team = QComboBox(self)
        self.team.addItem(tr("No team"), None)
        for team in options.teams:
            self.team.addItem(team.name, team.name)
        self.assignee = QComboBox(self)
        self.assignee.addItem(tr("Unassigned"), None)
        for agent in options.agents:
            self.assignee.addItem(agent.name, agent.name)
        if me is not None and self.assignee.findData(me) >= 0:
            self.assignee.setCurrentIndex(self.assignee.findData(me))
        self.category = QLineEdit(self)
        self.category.setMaxLength(200)
        self.channel = QComboBox(self)
        for channel in CHANNELS:
            self.channel.addItem(channel_label(channel), channel)
        self.tags = QLineEdit(self)
        self.tags.setPlaceholderText(tr("Separated by spaces or commas"))
        self.description = QPlainTextEdit(self)
        self.description.setPlaceholderText(tr("The requester's message (optional)"))
        self.description.setTabChangesFocus(True)
        self.description.setFixedHeight(self.fontMetrics().lineSpacing() * 5 + 12)

        form = QFormLayout()
        form.addRow(tr("&Subject"), self.subject)
        form.addRow(tr("&Requester"), self.requester)
        form.addRow(tr("&Priority"), self.priority)
        form.addRow(tr("&Customer"), self.customer)
        form.addRow(tr("&Team"), self.team)
        form.addRow(tr("&Assignee"), self.assignee)
        form.addRow(tr("C&ategory"), self.category)
        form.addRow(tr("C&hannel"), self.channel)
        form.addRow(tr("Ta&gs"), self.tags)
        form.addRow(tr("&Description"), self.description)
        self.problem = QLabel(self)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.create_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.create_button.setText(tr("Create ticket"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        for edit in (self.subject, self.requester):
            edit.textChanged.connect(self._validate)
        self._validate()

    def validation_problem(self) -> str | None:
        """The first reason the form cannot be sent, or ``None``."""
        if not self.subject.text().strip():
            return tr("Enter a subject: it tells agents what the ticket is about.")
        requester = self.requester.text().strip()
        if requester and "@" in requester and not _EMAIL.match(requester):
            return tr("The requester's address does not look like an email address.")
        return None

    def _validate(self) -> None:
        problem = self.validation_problem()
        self.create_button.setEnabled(problem is None)
        self.problem.setText(problem or "")

    def accept(self) -> None:
        if self.validation_problem() is None:
            super().accept()

    def new_ticket(self) -> NewTicket:
        def clean(text: str) -> str | None:
            return text.strip() or None

        tags = frozenset(t for t in re.split(r"[\s,]+", self.tags.text()) if t)
        return NewTicket(
            subject=self.subject.text().strip(),
            priority=Priority(self.priority.currentData()),
            requester=clean(self.requester.text()),
            customer=clean(self.customer.currentText()),
            team=self.team.currentData(),
            assignee=self.assignee.currentData(),
            category=clean(self.category.text()),
            channel=self.channel.currentData(),
            tags=tags,
            description=clean(self.description.toPlainText()),
        )
