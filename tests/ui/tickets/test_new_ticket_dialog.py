"""The New ticket dialog refuses an empty subject and builds the NewTicket."""

from __future__ import annotations

from PySide6.QtCore import Qt

from slaworkbench.app.tickets.workbench import PickerOptions
from slaworkbench.domain.model import Priority
from slaworkbench.store.tickets.rows import NamedOption
from slaworkbench.ui.tickets.detail.new_ticket_dialog import NewTicketDialog, similar_customer

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


def _fill(qtbot, dialog: NewTicketDialog, requester: str, customer: str = "") -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(dialog.subject, "Printer on fire")
    qtbot.keyClicks(dialog.requester, requester)
    if customer:
        line = dialog.customer.lineEdit()
        assert line is not None
        qtbot.keyClicks(line, customer)


def test_requester_must_be_an_address_or_a_known_contact(qtbot):  # type: ignore[no-untyped-def]
    dialog = NewTicketDialog(OPTIONS, me="Bruno Costa", contacts=["Dana Scully"])
    qtbot.addWidget(dialog)
    dialog.show()
    _fill(qtbot, dialog, "somebody")
    assert not dialog.create_button.isEnabled()
    assert dialog.problem.text() == (
        "Enter the requester's e-mail address or the name of a known contact."
    )
    dialog.requester.clear()
    qtbot.keyClicks(dialog.requester, "dana scully")
    assert dialog.create_button.isEnabled() and dialog.problem.text() == ""
    dialog.requester.clear()
    qtbot.keyClicks(dialog.requester, "dana@fbi.example")
    assert dialog.create_button.isEnabled()


def test_a_customer_name_close_to_an_existing_one_asks_first(qtbot):  # type: ignore[no-untyped-def]
    dialog = NewTicketDialog(OPTIONS, me="Bruno Costa")
    qtbot.addWidget(dialog)
    dialog.show()
    _fill(qtbot, dialog, "dana@acme.example", "acme corp")
    form_bottom = dialog.buttons.geometry().top()
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.result() != dialog.DialogCode.Accepted
    assert dialog.problem.text().startswith("Did you mean Acme Corp?")
    assert dialog.use_existing.isVisible()
    assert dialog.buttons.geometry().top() == form_bottom  # the message moved nothing
    qtbot.mouseClick(dialog.use_existing, Qt.MouseButton.LeftButton)
    assert dialog.customer.currentText() == "Acme Corp"
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.new_ticket().customer == "Acme Corp"


def test_a_new_customer_is_kept_when_confirmed(qtbot):  # type: ignore[no-untyped-def]
    dialog = NewTicketDialog(OPTIONS, me="Bruno Costa")
    qtbot.addWidget(dialog)
    dialog.show()
    _fill(qtbot, dialog, "dana@acme.example", "Acme Crop")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert "Did you mean Acme Corp?" in dialog.problem.text()
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.new_ticket().customer == "Acme Crop"
    assert similar_customer("Globex", ["Acme Corp"]) is None
