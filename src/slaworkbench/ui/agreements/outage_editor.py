"""Services and their outages: a service's name, target, window and customers; its
outages (start, end, weight, planned, linked tickets) with the availability they leave.

Instants are typed and shown in UTC. A weight outside 0–1, an end before the start or a
ticket that does not exist is refused inline and nothing is written.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDateTime, Qt, QTimeZone
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from slaworkbench import formatting
from slaworkbench.app.agreements import editing
from slaworkbench.app.agreements.reading import load_outages
from slaworkbench.app.changes import Changes
from slaworkbench.app.permissions import Role, may
from slaworkbench.store.agreements.services import OutageDraft, OutageInfo, ServiceInfo
from slaworkbench.store.errors import ValidationError
from slaworkbench.store.workspace import Workspace
from slaworkbench.ui.changes import ChangeNotice
from slaworkbench.ui.date_edit import date_time_edit_format
from slaworkbench.ui.policy.common import ErrorLabel
from slaworkbench.ui.tasks import TaskContext, TaskRunner

ID_ROLE = int(Qt.ItemDataRole.UserRole)
UTC = QTimeZone.utc()


def _utc_text(instant: int | None) -> str:
    if instant is None:
        return "…"
    return formatting.date_time(dt.datetime.fromtimestamp(instant, dt.UTC))


def _datetime_edit(parent: QWidget) -> QDateTimeEdit:
    edit = QDateTimeEdit(parent)
    edit.setTimeZone(UTC)
    edit.setDisplayFormat(date_time_edit_format(zone="UTC"))
    edit.setCalendarPopup(True)
    return edit


class OutageEditor(QWidget):
    def __init__(
        self,
        workspace: Workspace,
        runner: TaskRunner,
        notice: ChangeNotice,
        *,
        now: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._runner = runner
        self._notice = notice
        self._services: list[ServiceInfo] = []
        self.shown_outages: list[OutageInfo] = []
        self._outage_id: int | None = None
        self._service_id: int | None = None

        self.service_list = QListWidget(self)
        self.service_name = QLineEdit(self)
        self.target = QDoubleSpinBox(self)
        self.target.setRange(0.001, 100.0)
        self.target.setDecimals(3)
        self.target.setSuffix(formatting.percent_suffix())
        self.target.setValue(99.9)
        self.measured_per = QComboBox(self)
        for key, label in (
            ("month", self.tr("month")),
            ("quarter", self.tr("quarter")),
            ("year", self.tr("year")),
        ):
            self.measured_per.addItem(label, key)  # fmt: skip
        self.customers = QLineEdit(self)
        self.customers.setPlaceholderText(self.tr("customers, separated by commas"))
        self.new_service_button = QPushButton(self.tr("New service"), self)
        self.save_service_button = QPushButton(self.tr("Save service"), self)
        self.service_error = ErrorLabel(self)

        self.outage_table = QTableWidget(0, 6, self)
        self.outage_table.setHorizontalHeaderLabels(
            [self.tr("Start (UTC)"), self.tr("End"), self.tr("Weight"), self.tr("Planned"),
             self.tr("Tickets"), self.tr("Description")]
        )  # fmt: skip
        self.outage_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.outage_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.outage_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # the instants, weight, mark and ticket numbers as wide as they are; the rest for
        # the description
        header = self.outage_table.horizontalHeader()
        for column in range(5):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.outage_table.setWordWrap(False)
        self.outage_table.verticalHeader().setVisible(False)
        start = QDateTime.fromSecsSinceEpoch(now - 3600, UTC)
        self.started = _datetime_edit(self)
        self.started.setDateTime(start)
        self.ended = _datetime_edit(self)
        self.ended.setDateTime(start.addSecs(1800))
        self.ongoing = QCheckBox(self.tr("still going on"), self)
        self.weight = QLineEdit("1", self)
        self.weight.setToolTip(self.tr("1 = fully down; 0.5 = half the service unusable"))
        self.planned = QCheckBox(self.tr("planned maintenance"), self)
        self.description = QLineEdit(self)
        self.tickets = QLineEdit(self)
        self.tickets.setPlaceholderText(self.tr("ticket numbers, e.g. 12 15"))
        self.new_outage_button = QPushButton(self.tr("New outage"), self)
        self.save_outage_button = QPushButton(self.tr("Save outage"), self)
        self.delete_outage_button = QPushButton(self.tr("Delete outage"), self)
        self.outage_error = ErrorLabel(self)

        service_form = QFormLayout()
        service_form.addRow(self.tr("Name"), self.service_name)
        service_form.addRow(self.tr("Availability target"), self.target)
        service_form.addRow(self.tr("Measured per"), self.measured_per)
        service_form.addRow(self.tr("Customers"), self.customers)
        service_buttons = QHBoxLayout()
        service_buttons.addWidget(self.new_service_button)
        service_buttons.addStretch(1)
        service_buttons.addWidget(self.save_service_button)
        service_box = QGroupBox(self.tr("Services"), self)
        service_layout = QVBoxLayout(service_box)
        service_layout.addWidget(self.service_list, 1)
        service_layout.addLayout(service_form)
        service_layout.addWidget(self.service_error)
        service_layout.addLayout(service_buttons)

        end_row = QHBoxLayout()
        end_row.addWidget(self.ended, 1)
        end_row.addWidget(self.ongoing)
        outage_form = QFormLayout()
        outage_form.addRow(self.tr("Start"), self.started)
        outage_form.addRow(self.tr("End"), end_row)
        outage_form.addRow(self.tr("Weight (0–1)"), self.weight)
        outage_form.addRow("", self.planned)
        outage_form.addRow(self.tr("Description"), self.description)
        outage_form.addRow(self.tr("Linked tickets"), self.tickets)
        outage_buttons = QHBoxLayout()
        outage_buttons.addWidget(self.new_outage_button)
        outage_buttons.addWidget(self.delete_outage_button)
        outage_buttons.addStretch(1)
        outage_buttons.addWidget(self.save_outage_button)
        outage_box = QGroupBox(self.tr("Outages of the selected service"), self)
        outage_layout = QVBoxLayout(outage_box)
        outage_layout.addWidget(self.outage_table, 1)
        outage_layout.addLayout(outage_form)
        outage_layout.addWidget(self.outage_error)
        outage_layout.addLayout(outage_buttons)

        layout = QHBoxLayout(self)
        layout.addWidget(service_box, 2)
        layout.addWidget(outage_box, 5)

        self.service_list.currentRowChanged.connect(self._service_chosen)
        self.outage_table.itemSelectionChanged.connect(self._outage_chosen)
        self.ongoing.toggled.connect(lambda on: self.ended.setEnabled(not on))
        self.new_service_button.clicked.connect(self.new_service)
        self.save_service_button.clicked.connect(self.save_service)
        self.new_outage_button.clicked.connect(self.new_outage)
        self.save_outage_button.clicked.connect(self.save_outage)
        self.delete_outage_button.clicked.connect(self.delete_outage)
        self.delete_outage_button.setEnabled(False)
        self._may_edit = may(workspace, Role.MANAGER)  # the services refuse it too
        if not self._may_edit:
            for button in (self.save_service_button, self.save_outage_button):
                button.setEnabled(False)
                button.setToolTip(self.tr("Only a manager may change services and outages"))

    # -- services ---------------------------------------------------------------------

    def set_services(self, services: list[ServiceInfo]) -> None:
        chosen = self._service_id
        self._services = services
        self.service_list.blockSignals(True)
        self.service_list.clear()
        for service in services:
            item = QListWidgetItem(
                self.tr("{name} — {target} %").format(
                    name=service.name,
                    target=formatting.decimal(service.availability_target * 100),
                )
            )
            item.setData(ID_ROLE, service.id)
            self.service_list.addItem(item)
        self.service_list.blockSignals(False)
        ids = [s.id for s in services]
        row = ids.index(chosen) if chosen in ids else (0 if ids else -1)
        self.service_list.setCurrentRow(row)
        self._service_chosen(row)

    def _service_chosen(self, row: int) -> None:
        if not 0 <= row < len(self._services):
            self._service_id = None
            self.outage_table.setRowCount(0)
            return
        service = self._services[row]
        self._service_id = service.id
        self.service_name.setText(service.name)
        self.target.setValue(service.availability_target * 100)
        self.measured_per.setCurrentIndex(
            max(0, self.measured_per.findData(service.measurement_window))
        )
        self.customers.setText(", ".join(service.customers))
        self.service_error.show_error(None)
        self._load_outages()

    def new_service(self) -> None:
        self.service_list.setCurrentRow(-1)
        self._service_id = None
        self.service_name.clear()
        self.customers.clear()
        self.outage_table.setRowCount(0)

    def save_service(self) -> None:
        workspace, service_id = self._workspace, self._service_id
        name, target = self.service_name.text(), self.target.value() / 100
        window = str(self.measured_per.currentData())
        customers = [c.strip() for c in self.customers.text().split(",") if c.strip()]

        def work(_context: TaskContext) -> Any:
            return editing.save_service(
                workspace, service_id, name=name, availability_target=target,
                measurement_window=window, customers=customers,
            )  # fmt: skip

        self._runner.submit(
            self.tr("Saving service"), work, writer=True,
            on_success=self._service_saved, on_failure=self.service_error.show_error, owner=self,
        )  # fmt: skip

    def _service_saved(self, result: Any) -> None:
        service_id, changes = result
        self._service_id = int(service_id)
        self.service_error.show_error(None)
        self._notice.announce(changes)

    # -- outages ----------------------------------------------------------------------

    def _load_outages(self) -> None:
        service_id, workspace = self._service_id, self._workspace
        if service_id is None:
            return

        def work(_context: TaskContext) -> list[OutageInfo]:
            return load_outages(workspace, service_id)

        self._runner.submit(self.tr("Reading outages"), work, on_success=self._show_outages,
                            owner=self)  # fmt: skip

    def _show_outages(self, outages: Any) -> None:
        self.shown_outages = list(outages)
        self.outage_table.blockSignals(True)
        self.outage_table.setRowCount(len(self.shown_outages))
        for row, outage in enumerate(self.shown_outages):
            cells = (
                _utc_text(outage.started_at), _utc_text(outage.ended_at),
                formatting.decimal(outage.weight), self.tr("yes") if outage.planned else "—",
                " ".join(f"#{t}" for t in outage.ticket_ids), outage.description,
            )  # fmt: skip
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(ID_ROLE, outage.id)
                self.outage_table.setItem(row, column, item)
        self.outage_table.blockSignals(False)
        self.outage_table.clearSelection()
        self.new_outage()

    def _outage_chosen(self) -> None:
        rows = self.outage_table.selectionModel().selectedRows()
        if not rows:
            return
        outage = self.shown_outages[rows[0].row()]
        self._outage_id = outage.id
        self.started.setDateTime(QDateTime.fromSecsSinceEpoch(outage.started_at, UTC))
        self.ongoing.setChecked(outage.ended_at is None)
        if outage.ended_at is not None:
            self.ended.setDateTime(QDateTime.fromSecsSinceEpoch(outage.ended_at, UTC))
        self.weight.setText(f"{outage.weight:g}")
        self.planned.setChecked(outage.planned)
        self.description.setText(outage.description)
        self.tickets.setText(" ".join(str(t) for t in outage.ticket_ids))
        self.delete_outage_button.setEnabled(self._may_edit)
        self.outage_error.show_error(None)

    def new_outage(self) -> None:
        self._outage_id = None
        self.weight.setText("1")
        self.planned.setChecked(False)
        self.ongoing.setChecked(False)
        self.description.clear()
        self.tickets.clear()
        self.delete_outage_button.setEnabled(False)

    def draft(self) -> OutageDraft:
        """The form as an outage (``ValidationError`` when it cannot be read)."""
        service = next((s.name for s in self._services if s.id == self._service_id), None)
        if service is None:
            raise ValidationError(self.tr("Choose or save a service first."))
        try:
            weight = float(self.weight.text().strip().replace(",", "."))
        except ValueError:
            raise ValidationError(
                self.tr("An outage's weight is a number from 0 to 1 (1 = fully down).")
            ) from None
        words = self.tickets.text().replace(",", " ").replace("#", " ").split()
        if not all(word.isdigit() for word in words):
            raise ValidationError(self.tr("Link tickets by their numbers, e.g. 12 15."))
        return OutageDraft(
            service=service,
            started_at=self.started.dateTime().toSecsSinceEpoch(),
            ended_at=None if self.ongoing.isChecked() else self.ended.dateTime().toSecsSinceEpoch(),
            weight=weight,
            planned=self.planned.isChecked(),
            description=self.description.text().strip(),
            ticket_ids=tuple(int(word) for word in words),
        )

    def save_outage(self) -> None:
        from slaworkbench.store.agreements.services import check_outage

        try:
            draft = self.draft()
            check_outage(draft)
        except ValidationError as error:
            self.outage_error.show_error(str(error))
            return
        self.outage_error.show_error(None)
        workspace, outage_id = self._workspace, self._outage_id

        def work(_context: TaskContext) -> Any:
            return editing.save_outage(workspace, outage_id, draft)

        self._runner.submit(
            self.tr("Saving outage"), work, writer=True,
            on_success=self._outage_written, on_failure=self.outage_error.show_error, owner=self,
        )  # fmt: skip

    def delete_outage(self) -> None:
        workspace, outage_id = self._workspace, self._outage_id
        if outage_id is None:
            return

        def work(_context: TaskContext) -> Any:
            return (outage_id, editing.delete_outage(workspace, outage_id))

        self._runner.submit(
            self.tr("Deleting outage"), work, writer=True,
            on_success=self._outage_written, on_failure=self.outage_error.show_error, owner=self,
        )  # fmt: skip

    def _outage_written(self, result: Any) -> None:
        _outage_id, changes = result
        assert isinstance(changes, Changes)
        self._notice.announce(changes)
        self._load_outages()
