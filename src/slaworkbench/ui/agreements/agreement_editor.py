"""Edit one agreement: its terms, its goals and rules, its review; save a new version.

Input is checked as a whole before anything is written (``app.agreements``): validity
that ends before it starts, overlapping credit tiers, an unreadable rule line… are
refused inline with the sentence under the form, and nothing is written. A save asks
for nothing more than the reason typed in the form and is announced on the notice. A save
refused because someone saved the agreement since (``StaleAgreementError``) says who and
when and offers Reload, which shows the agreement as it is saved now.

Another desktop's change to the open agreement (``refresh``) reloads the form silently
when nothing was typed; with unsaved edits the form is kept and the same "changed by
NAME at TIME — reload?" sentence offers Reload or Keep editing (a save from the kept
form is then refused as stale, since it names the version it was opened at).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from slaworkbench import formatting
from slaworkbench.app.agreements.editing import check_terms, save_agreement
from slaworkbench.app.agreements.reading import AgreementDetail, EditorChoices
from slaworkbench.app.permissions import Role, may
from slaworkbench.domain.names import similar_customer
from slaworkbench.store.errors import ChangedElsewhereError, StaleAgreementError, ValidationError
from slaworkbench.store.workspace import Workspace
from slaworkbench.ui.agreements.rule_tables import KINDS, RuleTable, title
from slaworkbench.ui.changes import ChangeNotice
from slaworkbench.ui.date_edit import date_edit_format
from slaworkbench.ui.policy.common import ErrorLabel
from slaworkbench.ui.stale_save import StaleSave
from slaworkbench.ui.tasks import TaskContext, TaskRunner

POLICY_CALENDAR = ""
"""The calendar choice "the policy's own calendar" (no override)."""


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


class AgreementEditor(QWidget):
    saved = Signal(int)
    """An agreement was saved (its id), after the notice announced it."""
    reload_requested = Signal(int)
    """After a stale save: show this agreement (its id) as it is saved now."""

    def __init__(
        self,
        workspace: Workspace,
        runner: TaskRunner,
        notice: ChangeNotice,
        *,
        author: str | Callable[[], str],
        today: dt.date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._runner = runner
        self._notice = notice
        self._author = author
        self._agreement_id: int | None = None
        self._lock_version: int | None = None
        self._shown: tuple[object, ...] | None = None
        """The form as it was filled (``_form_state``); None: nothing to keep."""
        self._may_edit = may(workspace, Role.MANAGER)  # the services refuse it too
        self.name = QLineEdit(self)
        self.customer = QComboBox(self)
        # A customer not in the list yet (an agreement signed before its first ticket)
        # is typed and made with the agreement, once the second Save confirms it.
        self.customer.setEditable(True)
        self.customer.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        typed = self.customer.lineEdit()
        assert typed is not None  # editable
        typed.setPlaceholderText(self.tr("Pick or type the customer's name"))
        self._customers: list[str] = []
        self._new_customer_confirmed: str | None = None
        self.policy = QComboBox(self)
        self.calendar = QComboBox(self)
        self.valid_from = QDateEdit(_qdate(today), self)
        self.valid_to = QDateEdit(_qdate(today.replace(year=today.year + 1)), self)
        for edit in (self.valid_from, self.valid_to):
            edit.setDisplayFormat(date_edit_format())
            edit.setCalendarPopup(True)
        self.open_ended = QCheckBox(self.tr("no end"), self)
        self.description = QTextEdit(self)
        self.description.setAcceptRichText(True)
        self.description.setPlaceholderText(self.tr("Scope, channels, support hours in words…"))
        self.description.setMaximumHeight(90)
        self.fee = QDoubleSpinBox(self)
        self.fee.setRange(0, 10_000_000)
        self.fee.setDecimals(2)
        self.currency = QLineEdit("EUR", self)
        self.currency.setMaximumWidth(60)
        self.minimum_volume = QSpinBox(self)
        self.minimum_volume.setRange(0, 100_000)
        self.csat_goal = QLineEdit(self)
        self.csat_goal.setPlaceholderText(self.tr("e.g. 85 (%)"))
        self.nps_goal = QLineEdit(self)
        self.nps_goal.setPlaceholderText(self.tr("e.g. 20"))
        self.exclude_planned = QCheckBox(self.tr("Planned maintenance does not count"), self)
        self.exclude_planned.setChecked(True)
        self.rule_tables: dict[str, RuleTable] = {kind: RuleTable(kind, self) for kind in KINDS}
        """Goals, availability commitments and credits: one rule a row."""
        self.review_date = QDateEdit(_qdate(today.replace(year=today.year + 1)), self)
        self.review_date.setDisplayFormat(date_edit_format())
        self.review_interval = QSpinBox(self)
        self.review_interval.setRange(0, 60)
        self.review_interval.setSuffix(self.tr(" months"))
        self.review_interval.setSpecialValueText(self.tr("none"))
        self.owner = QLineEdit(self)
        self.reason = QLineEdit(self)
        self.reason.setPlaceholderText(self.tr("Why this version (kept in its history)"))
        self.error = ErrorLabel(self)
        self.save_button = QPushButton(self.tr("Save agreement"), self)
        self.save_button.setEnabled(self._may_edit)
        self.new_button = QPushButton(self.tr("New agreement"), self)
        self.reload_button = QPushButton(self.tr("Reload"), self)
        self.reload_button.setToolTip(self.tr("Show the agreement as it is saved now"))
        self.reload_button.hide()  # offered when a save was refused as stale
        self.keep_button = QPushButton(self.tr("Keep editing"), self)
        self.keep_button.setToolTip(
            self.tr("Keep your changes; saving them is refused until you reload")
        )
        self.keep_button.hide()  # offered when another desktop changed it under edits

        validity = QHBoxLayout()
        validity.addWidget(self.valid_from)
        validity.addWidget(self.valid_to)
        validity.addWidget(self.open_ended)
        fee = QHBoxLayout()
        fee.addWidget(self.fee, 1)
        fee.addWidget(self.currency)
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Customer"), self.customer)
        form.addRow(self.tr("Validity"), validity)
        form.addRow(self.tr("Service description"), self.description)
        form.addRow(self.tr("SLA policy"), self.policy)
        form.addRow(self.tr("Customer calendar"), self.calendar)
        form.addRow(self.tr("Monthly fee"), fee)
        form.addRow(self.tr("Minimum tickets a month"), self.minimum_volume)
        form.addRow(self.tr("CSAT goal (%)"), self.csat_goal)
        form.addRow(self.tr("NPS goal"), self.nps_goal)
        form.addRow("", self.exclude_planned)
        for kind, table in self.rule_tables.items():
            # the title above, the table the form's whole width (five fields a row)
            form.addRow(QLabel(title(kind), self))
            form.addRow(table)
        form.addRow(self.tr("Review date"), self.review_date)
        form.addRow(self.tr("Review every"), self.review_interval)
        form.addRow(self.tr("Review owner"), self.owner)
        form.addRow(self.tr("Reason"), self.reason)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        buttons.addWidget(self.keep_button)
        buttons.addWidget(self.reload_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.open_ended.toggled.connect(lambda on: self.valid_to.setEnabled(not on))
        self.currency.textChanged.connect(self.rule_tables["ticket_credits"].set_currency)
        self.rule_tables["ticket_credits"].set_currency(self.currency.text())
        self.save_button.clicked.connect(self.save)
        self.new_button.clicked.connect(self.start_new)
        self.reload_button.clicked.connect(self._reload_saved)
        self.keep_button.clicked.connect(self._keep_editing)

    # -- filling ----------------------------------------------------------------------

    def set_choices(self, choices: EditorChoices) -> None:
        self._customers = list(choices.customers)
        for combo, names in (
            (self.customer, choices.customers),
            (self.policy, choices.policies),
        ):
            current = combo.currentText()
            combo.clear()
            combo.addItems(list(names))
            if current:
                combo.setCurrentText(current)
            elif combo is self.customer:
                combo.setCurrentIndex(-1)  # a new agreement names no customer until picked
        current = self.calendar.currentData()
        self.calendar.clear()
        self.calendar.addItem(self.tr("(the policy's calendar)"), POLICY_CALENDAR)
        for name in choices.calendars:
            self.calendar.addItem(name, name)
        if current:
            self.calendar.setCurrentIndex(max(0, self.calendar.findData(current)))

    def start_new(self) -> None:
        self._agreement_id = None
        self._lock_version = None
        self.name.clear()
        self.customer.setEnabled(True)
        self.customer.setCurrentIndex(-1)
        self.customer.clearEditText()
        self._new_customer_confirmed = None
        self.description.clear()
        for table in self.rule_tables.values():
            table.clear()
        self.reason.clear()
        self._hide_offer()
        self._shown = self._form_state()

    def show_agreement(self, detail: AgreementDetail) -> None:
        terms = detail.terms
        self._agreement_id = detail.info.id
        self._lock_version = detail.info.lock_version
        self.name.setText(str(terms["name"]))
        self.customer.setCurrentText(str(terms["customer"]))
        self.customer.setEnabled(False)
        self.policy.setCurrentText(str(terms["policy"]))
        self.calendar.setCurrentIndex(max(0, self.calendar.findData(terms.get("calendar") or "")))
        self.valid_from.setDate(_qdate(dt.date.fromisoformat(terms["valid_from"])))
        self.open_ended.setChecked(terms.get("valid_to") is None)
        if terms.get("valid_to"):
            self.valid_to.setDate(_qdate(dt.date.fromisoformat(terms["valid_to"])))
        self.description.setHtml(str(terms.get("description", "")))
        self.fee.setValue(float(terms.get("monthly_fee", 0.0)))
        self.currency.setText(str(terms.get("currency", "EUR")))
        self.minimum_volume.setValue(int(terms.get("minimum_volume", 0)))
        for field, key in ((self.csat_goal, "csat_goal"), (self.nps_goal, "nps_goal")):
            value = terms.get(key)
            field.setText("" if value is None else f"{value:g}")
        self.exclude_planned.setChecked(bool(terms.get("exclude_planned", True)))
        for key, table in self.rule_tables.items():
            table.set_rules(list(terms.get(key, ())))
        if detail.info.review_date is not None:
            self.review_date.setDate(_qdate(detail.info.review_date))
        self.review_interval.setValue(detail.info.review_interval_months or 0)
        self.owner.setText(detail.info.owner or "")
        self.reason.clear()
        self._hide_offer()
        self._shown = self._form_state()

    def refresh(self, detail: AgreementDetail) -> None:
        """``detail`` as read after an announced change (maybe another desktop's): shown
        unless the form holds unsaved edits, which are kept; if it is the open agreement
        and it was saved since, the change is said and Reload or Keep editing offered."""
        if not self.is_dirty():
            self.show_agreement(detail)
            return
        if detail.info.id != self._agreement_id or detail.info.lock_version == self._lock_version:
            return  # another agreement, or this one as it was: nothing to say
        info = detail.info
        self.error.show_error(str(StaleAgreementError(info.name, info.changed_by, info.changed_at)))
        self.reload_button.show()
        self.keep_button.show()

    def is_dirty(self) -> bool:
        """Whether the form differs from what was last filled into it."""
        return self._shown is not None and self._form_state() != self._shown

    def _form_state(self) -> tuple[object, ...]:
        """Everything the form shows, as plain values."""
        return (
            self.name.text(),
            self.customer.currentText(),
            self.policy.currentText(),
            self.calendar.currentText(),
            self.valid_from.date().toString("yyyy-MM-dd"),
            self.valid_to.date().toString("yyyy-MM-dd"),
            self.open_ended.isChecked(),
            self.description.toHtml(),
            self.fee.value(),
            self.currency.text(),
            self.minimum_volume.value(),
            self.csat_goal.text(),
            self.nps_goal.text(),
            self.exclude_planned.isChecked(),
            *(table.state() for table in self.rule_tables.values()),
            self.review_date.date().toString("yyyy-MM-dd"),
            self.review_interval.value(),
            self.owner.text(),
            self.reason.text(),
        )

    def _hide_offer(self) -> None:
        self.error.show_error(None)
        self.reload_button.hide()
        self.keep_button.hide()

    def _keep_editing(self) -> None:
        """Keep the edits made here over another desktop's change (saving them stays
        refused as stale: the lock is still that of the version they were made on)."""
        self._hide_offer()

    # -- saving -----------------------------------------------------------------------

    def _optional_number(self, field: QLineEdit, what: str) -> float | None:
        text = field.text().strip().rstrip("%")
        if not text:
            return None
        try:
            return formatting.read_number(text)  # as the locale writes it (85,5), or a dot
        except ValueError:
            raise ValidationError(
                self.tr("{what} is a number, not “{text}”.").format(what=what, text=text)
            ) from None

    def terms(self) -> dict[str, Any]:
        """The form as the JSON form of the terms (``ValidationError`` when unreadable)."""
        boxes = {key: table.rules() for key, table in self.rule_tables.items()}
        return {
            "name": self.name.text().strip(),
            "customer": self.customer.currentText().strip(),
            "valid_from": _pydate(self.valid_from.date()).isoformat(),
            "valid_to": None if self.open_ended.isChecked()
            else _pydate(self.valid_to.date()).isoformat(),
            "policy": self.policy.currentText(),
            "calendar": self.calendar.currentData() or None,
            "description": self.description.toHtml() if self.description.toPlainText().strip()
            else "",
            "monthly_fee": self.fee.value(),
            "currency": self.currency.text().strip() or "EUR",
            "exclude_planned": self.exclude_planned.isChecked(),
            "minimum_volume": self.minimum_volume.value(),
            "csat_goal": self._optional_number(self.csat_goal, self.tr("The CSAT goal")),
            "nps_goal": self._optional_number(self.nps_goal, self.tr("The NPS goal")),
            **boxes,
        }  # fmt: skip

    def save(self) -> None:
        try:
            terms = self.terms()
            check_terms(terms)
        except ValidationError as error:
            self.error.show_error(str(error))
            return
        new_customer = self._new_customer(str(terms["customer"]))
        if new_customer is None:
            return  # asked to confirm a customer not known yet
        self.error.show_error(None)
        author = self._author() if callable(self._author) else self._author  # when saved
        workspace, agreement_id = self._workspace, self._agreement_id
        lock, reason = self._lock_version, self.reason.text().strip()
        review = _pydate(self.review_date.date())
        interval = self.review_interval.value() or None
        owner = self.owner.text().strip() or None

        def work(_context: TaskContext) -> Any:
            try:
                return save_agreement(
                    workspace, agreement_id, terms, author=author, reason=reason,
                    review_date=review, review_interval_months=interval, owner=owner,
                    expected_version=lock, new_customer=new_customer,
                )  # fmt: skip
            except ChangedElsewhereError as error:
                return StaleSave(str(error))

        self.save_button.setEnabled(False)
        self._runner.submit(
            self.tr("Saving agreement"), work, writer=True,
            on_success=self._saved, on_failure=self._failed, owner=self,
        )  # fmt: skip

    def _new_customer(self, name: str) -> bool | None:
        """Whether the new agreement's customer is to be made with it: ``False`` for a
        known one (or an agreement already saved), ``True`` once a second Save confirms a
        name not known yet, ``None`` when the first Save asks (naming a known customer the
        name is close to, as New ticket does)."""
        if self._agreement_id is not None or not name or name in self._customers:
            return False
        if name == self._new_customer_confirmed:
            return True
        self._new_customer_confirmed = name
        existing = similar_customer(name, self._customers)
        self.error.show_error(
            self.tr(
                "Did you mean {existing}? Press Save agreement again to add “{name}” as a new "
                "customer."
            ).format(existing=existing, name=name)
            if existing is not None
            else self.tr(
                "“{name}” is not a customer yet. Press Save agreement again to add it as a new "
                "customer."
            ).format(name=name)
        )
        return None

    def _saved(self, result: Any) -> None:
        if isinstance(result, StaleSave):
            self._failed(result.message)
            self.reload_button.setVisible(self._agreement_id is not None)
            return
        agreement_id, changes = result
        self.save_button.setEnabled(self._may_edit)
        self._agreement_id = int(agreement_id)
        self._shown = None  # saved: the reload that follows shows it as stored
        self._notice.announce(changes)
        self.saved.emit(int(agreement_id))

    def _reload_saved(self) -> None:
        """After a refused stale save: show the agreement as someone else saved it (the
        edits made here are dropped; the form can be changed again from there)."""
        self._hide_offer()
        self._shown = None  # the edits are given up: the reload replaces them
        if self._agreement_id is not None:
            self.reload_requested.emit(self._agreement_id)

    def _failed(self, message: str) -> None:
        self.save_button.setEnabled(self._may_edit)
        self.error.show_error(message)
