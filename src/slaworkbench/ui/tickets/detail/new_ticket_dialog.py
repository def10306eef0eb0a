"""The New ticket dialog: subject, requester, priority, customer, team, assignee, …

Create stays disabled until the subject is filled in and the requester is an e-mail
address or a known contact; the reason is shown under the form, in a line whose space
is reserved so nothing moves. A customer name close to an existing one (the same but
for case, or a small typo: ``difflib`` ratio ≥ 0.85) asks "Did you mean Acme Corp?"
before a new customer is created: "Use Acme Corp" takes the existing one, Create
again keeps the new name. The dialog only builds a ``NewTicket``; the window creates
it through the app service.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from slaworkbench.app.tickets.actions import NewTicket
from slaworkbench.app.tickets.workbench import PickerOptions
from slaworkbench.domain.labels import priority_label
from slaworkbench.domain.model import Priority
from slaworkbench.domain.names import similar_customer
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
        contacts: Sequence[str] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._contacts = {c.strip().casefold() for c in contacts if c.strip()}
        self._customers = [c.name for c in options.customers]
        self._new_customer_confirmed: str | None = None
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
        self.problem.setMinimumHeight(self.fontMetrics().lineSpacing() * 2)
        self.problem.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.use_existing = QPushButton(self)
        policy = self.use_existing.sizePolicy()
        policy.setRetainSizeWhenHidden(True)  # showing it moves nothing
        policy.setHorizontalPolicy(QSizePolicy.Policy.Maximum)
        self.use_existing.setSizePolicy(policy)
        self.use_existing.clicked.connect(self._use_suggestion)
        self.use_existing.hide()
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
        layout.addWidget(self.use_existing)
        layout.addWidget(self.buttons)
        for edit in (self.subject, self.requester):
            edit.textChanged.connect(self._validate)
        self.customer.editTextChanged.connect(self._validate)
        self._validate()

    def validation_problem(self) -> str | None:
        """The first reason the form cannot be sent, or ``None``."""
        if not self.subject.text().strip():
            return tr("Enter a subject: it tells agents what the ticket is about.")
        requester = self.requester.text().strip()
        if requester and "@" in requester and not _EMAIL.match(requester):
            return tr("The requester's address does not look like an email address.")
        if requester and "@" not in requester and requester.casefold() not in self._contacts:
            return tr("Enter the requester's e-mail address or the name of a known contact.")
        return None

    def _validate(self) -> None:
        problem = self.validation_problem()
        self.create_button.setEnabled(problem is None)
        self.problem.setText(problem or "")
        self.use_existing.hide()

    def suggestion(self) -> str | None:
        """The existing customer the typed name is close to, unless confirmed as new."""
        name = self.customer.currentText().strip()
        if name == self._new_customer_confirmed:
            return None
        return similar_customer(name, self._customers)

    def accept(self) -> None:
        if self.validation_problem() is not None:
            return
        suggestion = self.suggestion()
        if suggestion is not None:
            name = self.customer.currentText().strip()
            self._new_customer_confirmed = name
            self.problem.setText(
                tr(
                    "Did you mean {existing}? Press Create ticket again to add “{name}” as a "
                    "new customer."
                ).format(existing=suggestion, name=name)
            )
            self.use_existing.setText(tr("Use {existing}").format(existing=suggestion))
            self.use_existing.show()
            return
        super().accept()

    def _use_suggestion(self) -> None:
        suggestion = similar_customer(self.customer.currentText(), self._customers)
        if suggestion is not None:
            self.customer.setCurrentIndex(self.customer.findData(suggestion))
        self._validate()

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
