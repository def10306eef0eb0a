"""The New ticket dialog refuses an empty subject and builds the NewTicket."""

from __future__ import annotations

from slaworkbench.app.tickets.workbench import PickerOptions
from slaworkbench.domain.model import Priority
from slaworkbench.store.tickets.rows import NamedOption
from slaworkbench.ui.tickets.new_ticket_dialog import NewTicketDialog

OPTIONS = PickerOptions(
    customers=(NamedOption(1, "Acme Corp"),),
    teams=(NamedOption(1, "Support"),),
    agents=(NamedOption(1, "Ana Silva"), NamedOption(2, "Bruno Costa")),
)


def test_subject_is_required(qtbot):
    dialog = NewTicketDialog(OPTIONS, me="Bruno Costa")
    qtbot.addWidget(dialog)
    assert not dialog.create_button.isEnabled()
    assert "subject" in dialog.problem.text()
    dialog.subject.setText("   ")
    assert not dialog.create_button.isEnabled()
    dialog.subject.setText("Printer on fire")
    assert dialog.create_button.isEnabled() and dialog.problem.text() == ""
    dialog.requester.setText("not@an address")
    assert not dialog.create_button.isEnabled()


def test_builds_the_new_ticket(qtbot):
    dialog = NewTicketDialog(OPTIONS, me="Bruno Costa")
    qtbot.addWidget(dialog)
    dialog.subject.setText("  Printer on fire ")
    dialog.requester.setText("dana@acme.example")
    dialog.priority.setCurrentIndex(dialog.priority.findData(Priority.URGENT.value))
    dialog.customer.setCurrentText("New Customer Ltd")
    dialog.team.setCurrentIndex(dialog.team.findData("Support"))
    dialog.tags.setText("printer, hardware  fire")
    ticket = dialog.new_ticket()
    assert ticket.subject == "Printer on fire"
    assert ticket.priority is Priority.URGENT
    assert ticket.customer == "New Customer Ltd"
    assert ticket.team == "Support"
    assert ticket.assignee == "Bruno Costa"  # defaults to who is working
    assert ticket.tags == frozenset({"printer", "hardware", "fire"})
