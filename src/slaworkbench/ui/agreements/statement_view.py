"""The customer statement in the window: choose a customer with an agreement and a
period, see the statement's pages (the same document ``slaworkbench report --customer C
--statement`` writes, ``reports.statement``), print it or save it as PDF."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLocale
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewWidget
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from slaworkbench.app.agreements.statement import Statement, build_statement
from slaworkbench.reports.document import ReportDocument
from slaworkbench.reports.pdf import default_page_size, page_layout, render_to_device
from slaworkbench.reports.statement import statement_document, write_statement
from slaworkbench.store.agreements.versions import active_agreement_policies
from slaworkbench.store.workspace import Workspace
from slaworkbench.ui.date_edit import date_edit_format
from slaworkbench.ui.policy.common import ErrorLabel, from_qdate, to_qdate
from slaworkbench.ui.tasks import TaskContext, TaskRunner


class StatementView(QWidget):
    def __init__(
        self,
        workspace: Workspace,
        runner: TaskRunner,
        *,
        clock: Callable[[], int],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._runner = runner
        self._clock = clock
        self._statement: Statement | None = None
        self._document: ReportDocument | None = None
        self.report_locale = QLocale()
        self.customer = QComboBox(self)
        self.customer.setAccessibleName(self.tr("Customer"))
        today = dt.datetime.fromtimestamp(clock(), dt.UTC).date()
        last = today.replace(day=1) - dt.timedelta(days=1)
        self.date_from = QDateEdit(to_qdate(last.replace(day=1)), self)
        self.date_to = QDateEdit(to_qdate(last), self)
        for edit in (self.date_from, self.date_to):
            edit.setDisplayFormat(date_edit_format())
            edit.setCalendarPopup(True)
        self.preview_button = QPushButton(self.tr("&Preview"), self)
        self.print_button = QPushButton(self.tr("P&rint…"), self)
        self.save_button = QPushButton(self.tr("Save &PDF…"), self)
        self.total = QLabel(self)
        self.status = QLabel(self)
        self.error = ErrorLabel(self)
        self.printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        self.printer.setPageLayout(page_layout(default_page_size(self.report_locale), False))
        self.preview = QPrintPreviewWidget(self.printer, self)
        self.preview.paintRequested.connect(self._paint)
        self.preview.setVisible(False)

        row = QHBoxLayout()
        for widget in (
            QLabel(self.tr("Customer:"), self), self.customer, QLabel(self.tr("from"), self),
            self.date_from, QLabel(self.tr("to"), self), self.date_to, self.preview_button,
        ):  # fmt: skip
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self.print_button)
        row.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.total)
        layout.addWidget(self.status)
        layout.addWidget(self.error)
        layout.addWidget(self.preview, 1)
        self.preview_button.clicked.connect(self.show_statement)
        self.print_button.clicked.connect(self.print_statement)
        self.save_button.clicked.connect(lambda: self.save_pdf())
        self.customer.currentIndexChanged.connect(self._forget)
        self.date_from.dateChanged.connect(self._forget)
        self.date_to.dateChanged.connect(self._forget)
        self._forget()

    def reload_choices(self) -> None:
        workspace = self._workspace

        def work(_context: TaskContext) -> list[str]:
            with workspace.session() as session:
                return sorted(active_agreement_policies(session))

        self._runner.submit(self.tr("Reading agreements"), work, on_success=self._customers,
                            owner=self)  # fmt: skip

    def _customers(self, names: Any) -> None:
        current = self.customer.currentText()
        self.customer.blockSignals(True)
        self.customer.clear()
        self.customer.addItems(list(names))
        self.customer.setCurrentIndex(max(0, self.customer.findText(current)))
        self.customer.blockSignals(False)
        self._forget()

    def choose_customer(self, customer: str) -> None:
        index = self.customer.findText(customer)
        if index >= 0:
            self.customer.setCurrentIndex(index)

    def _forget(self, *_args: object) -> None:
        """The choices changed: the shown statement no longer answers them."""
        self._statement = self._document = None
        self.print_button.setEnabled(False)
        self.save_button.setEnabled(False)
        self.status.clear()
        self.preview_button.setEnabled(bool(self.customer.currentText()))
        self.total.setText(
            self.tr("Choose a customer with an agreement and a period, then Preview.")
            if self.customer.count()
            else self.tr("No customer has an active agreement yet.")
        )

    def statement(self) -> Statement | None:
        return self._statement

    def show_statement(self) -> None:
        customer = self.customer.currentText()
        first, last = from_qdate(self.date_from.date()), from_qdate(self.date_to.date())
        if not customer:
            return
        if last < first:
            self.error.show_error(self.tr("The period ends before it starts; choose its dates."))
            return
        workspace, now = self._workspace, self._clock()

        def work(_context: TaskContext) -> Statement:
            return build_statement(workspace, customer, first, last, now=now)

        self._runner.submit(self.tr("Building the statement"), work, on_success=self._built,
                            on_failure=self.error.show_error, owner=self)  # fmt: skip

    def _built(self, statement: Any) -> None:
        assert isinstance(statement, Statement)
        self.error.show_error(None)
        self._statement = statement
        self._document = statement_document(statement, self.report_locale)
        self.total.setText(
            self.tr("Credits owed for the period: {total} {currency}.").format(
                total=self.report_locale.toString(statement.total_credit, "f", 2),
                currency=statement.agreement.currency,
            )
        )
        self.print_button.setEnabled(True)
        self.save_button.setEnabled(True)
        self.preview.setVisible(True)
        self.preview.updatePreview()

    def _paint(self, printer: QPrinter) -> None:
        if self._document is not None:
            render_to_device(printer, self._document)

    def pages(self) -> int:
        return self.preview.pageCount() if self._document is not None else 0

    def print_statement(self) -> None:
        if self._document is None:
            return
        dialog = QPrintDialog(self.printer, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            pages = render_to_device(self.printer, self._document)
            self.status.setText(self.tr("Sent {count} pages to the printer.").format(count=pages))

    def save_pdf(self, path: Path | None = None) -> Path | None:
        statement = self._statement
        if statement is None:
            return None
        if path is None:
            suggested = "statement-{customer}-{start}-{end}.pdf".format(
                customer=statement.customer.replace(" ", "-").lower(),
                start=statement.date_from.isoformat(), end=statement.date_to.isoformat(),
            )  # fmt: skip
            chosen, _ = QFileDialog.getSaveFileName(
                self, self.tr("Save the statement"), suggested, self.tr("PDF documents (*.pdf)")
            )
            if not chosen:
                return None
            path = Path(chosen)
        try:
            write_statement(statement, "pdf", path, self.report_locale)
        except OSError as error:
            self.error.show_error(
                self.tr(
                    "The statement could not be saved to {path}: {reason}. Choose another place."
                ).format(path=path, reason=error.strerror or error)
            )
            return None
        self.error.show_error(None)
        self.status.setText(self.tr("Saved {path}.").format(path=path))
        return path
