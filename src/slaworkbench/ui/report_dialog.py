"""The compliance report dialog: period and filters, then preview, print or save.

The figures are gathered off the GUI thread (``build_report`` in a task, one snapshot);
the charts are drawn and the pages laid out on the GUI thread, where pyqtgraph and the
printer live. The same ``ReportData`` serves every output, so preview, print, PDF, HTML
and CSV always agree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from slaworkbench import language
from slaworkbench.app.analytics.filters import Filters
from slaworkbench.i18n import tr
from slaworkbench.reports.builder import ReportData, ReportOptions, build_report, workspace_name
from slaworkbench.reports.document import ReportDocument, build_document
from slaworkbench.reports.output import write_report
from slaworkbench.reports.pdf import default_page_size, page_layout, render_to_device
from slaworkbench.store.workspace import Workspace
from slaworkbench.ui.date_edit import date_edit_format
from slaworkbench.ui.tasks import TaskContext, TaskRunner


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


class ReportDialog(QDialog):
    """Choose a period and filters; preview, print or save the compliance summary."""

    report_ready = Signal(object)
    """Emitted with the ``ReportData`` each time figures arrive (tests listen)."""

    def __init__(
        self,
        workspace: Workspace,
        runner: TaskRunner,
        *,
        teams: Sequence[str] = (),
        customers: Sequence[str] = (),
        today: dt.date | None = None,
        tz: str = "UTC",
        locale: QLocale | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Compliance report"))
        self.workspace = workspace
        self.runner = runner
        self.tz = tz
        self.report_locale = locale or QLocale()
        self._data: ReportData | None = None
        self._document: ReportDocument | None = None
        self._pending: Callable[[], object] | None = None
        today = today or dt.date.today()
        first_of_month = today.replace(day=1)
        last_month_end = first_of_month - dt.timedelta(days=1)

        self.date_from = QDateEdit(_qdate(last_month_end.replace(day=1)))
        self.date_to = QDateEdit(_qdate(last_month_end))
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(date_edit_format(self.report_locale))
        self.team = QComboBox()
        self.team.addItem(tr("All teams"), None)
        for name in teams:
            self.team.addItem(name, name)
        self.customer = QComboBox()
        self.customer.addItem(tr("All customers"), None)
        for name in customers:
            self.customer.addItem(name, name)
        self.priority = QComboBox()
        self.priority.addItem(tr("All priorities"), None)
        for value, label in (
            ("urgent", tr("Urgent")),
            ("high", tr("High")),
            ("normal", tr("Normal")),
            ("low", tr("Low")),
        ):
            self.priority.addItem(label, value)
        self.landscape = QCheckBox(tr("Landscape pages"))
        self.language = QComboBox()
        self.language.setObjectName("report_language")
        self.language.setToolTip(
            tr(
                "The report can be written for a reader abroad, in another language than "
                "the window's"
            )
        )
        self.language.addItem(tr("As the window"), "")
        for code, name in language.REPORT_LANGUAGES:
            self.language.addItem(name, code)

        form = QFormLayout()
        form.addRow(tr("From"), self.date_from)
        form.addRow(tr("To"), self.date_to)
        form.addRow(tr("Team"), self.team)
        form.addRow(tr("Customer"), self.customer)
        form.addRow(tr("Priority"), self.priority)
        form.addRow("", self.landscape)
        form.addRow(tr("Language"), self.language)

        self.preview_button = QPushButton(tr("Preview…"))
        self.print_button = QPushButton(tr("Print…"))
        self.pdf_button = QPushButton(tr("Save as PDF…"))
        self.html_button = QPushButton(tr("Save as HTML…"))
        self.csv_button = QPushButton(tr("Save as CSV…"))
        self.preview_button.setDefault(True)
        self.preview_button.clicked.connect(lambda: self._with_report(self.preview))
        self.print_button.clicked.connect(lambda: self._with_report(self.print_report))
        self.pdf_button.clicked.connect(lambda: self._with_report(lambda: self.save("pdf")))
        self.html_button.clicked.connect(lambda: self._with_report(lambda: self.save("html")))
        self.csv_button.clicked.connect(lambda: self._with_report(lambda: self.save("csv")))
        buttons = QHBoxLayout()
        for button in (
            self.preview_button,
            self.print_button,
            self.pdf_button,
            self.html_button,
            self.csv_button,
        ):
            buttons.addWidget(button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)

        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        layout.addWidget(close)
        for widget in (self.date_from, self.date_to):
            widget.dateChanged.connect(self._invalidate)
        for combo in (self.team, self.customer, self.priority):
            combo.currentIndexChanged.connect(self._invalidate)
        self.landscape.toggled.connect(self._invalidate)
        self.language.currentIndexChanged.connect(self._language_changed)

    # --- inputs -----------------------------------------------------------------------

    def filters(self) -> Filters:
        return Filters(
            date_from=_pydate(self.date_from.date()),
            date_to=_pydate(self.date_to.date()),
            team=self.team.currentData(),
            customer=self.customer.currentData(),
            priority=self.priority.currentData(),
            tz=self.tz,
        )

    def options(self) -> ReportOptions:
        # Every running clock is fetched (the CSV lists them all; print shows the first).
        return ReportOptions(
            self.filters(), landscape=self.landscape.isChecked(), running_limit=None
        )

    def reader_locale(self) -> QLocale:
        """The locale the report is written in: the chosen language, else the window's."""
        code = str(self.language.currentData() or "")
        return QLocale(code) if code else self.report_locale

    def _language_changed(self, *_args: object) -> None:
        self._document = None

    def _invalidate(self, *_args: object) -> None:
        self._data = None
        self._document = None

    def _set_busy(self, busy: bool) -> None:
        for button in (
            self.preview_button,
            self.print_button,
            self.pdf_button,
            self.html_button,
            self.csv_button,
        ):
            button.setEnabled(not busy)

    # --- gathering the figures ----------------------------------------------------------

    def _with_report(self, then: Callable[[], object]) -> None:
        """Run ``then`` once the figures for the current inputs are there."""
        if self._data is not None and self._data.options == self.options():
            then()
            return
        options = self.options()
        if options.filters.date_from > options.filters.date_to:
            self.status.setText(tr("The period starts after it ends; swap the two dates."))
            return
        self._pending = then
        self._set_busy(True)
        self.status.setText(tr("Gathering the figures…"))
        name = workspace_name(self.workspace.url)

        def work(_context: TaskContext) -> ReportData:
            return build_report(self.workspace, options, workspace=name)

        self.runner.submit(
            tr("Compliance report"),
            work,
            on_success=self._figures_arrived,
            on_failure=self._failed,
            owner=self,
        )

    def _figures_arrived(self, data: object) -> None:
        assert isinstance(data, ReportData)
        self._set_busy(False)
        if data.options != self.options():
            self.status.setText(tr("The inputs changed while the figures were gathered."))
            return
        self._data = data
        self._document = None
        stopped = sum(m.stopped for m in data.headline)
        self.status.setText(
            tr("{count} clocks stopped in the period.").format(
                count=self.report_locale.toString(stopped)
            )
        )
        self.report_ready.emit(data)
        pending, self._pending = self._pending, None
        if pending is not None:
            pending()

    def _failed(self, message: str) -> None:
        self._set_busy(False)
        self._pending = None
        self.status.setText(message)

    def document(self) -> ReportDocument:
        assert self._data is not None
        if self._document is None:
            with language.speaking(self.reader_locale()):
                self._document = build_document(self._data, self.reader_locale())
        return self._document

    # --- outputs ------------------------------------------------------------------------

    def make_printer(self) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageLayout(
            page_layout(default_page_size(self.reader_locale()), self.landscape.isChecked())
        )
        printer.setDocName(tr("SLA compliance summary"))
        return printer

    def preview(self) -> None:
        printer = self.make_printer()
        dialog = QPrintPreviewDialog(printer, self)
        dialog.setWindowTitle(tr("Print preview"))
        dialog.paintRequested.connect(lambda device: render_to_device(device, self.document()))
        dialog.exec()

    def print_report(self) -> None:
        printer = self.make_printer()
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            pages = render_to_device(printer, self.document())
            self.status.setText(
                tr("Sent {count} pages to the printer.").format(
                    count=self.report_locale.toString(pages)
                )
            )

    def save(self, fmt: str, path: Path | None = None) -> Path | None:
        """Save as ``pdf``, ``html`` or ``csv``; asks for the file when ``path`` is None."""
        assert self._data is not None
        if path is None:
            filters = {
                "pdf": tr("PDF documents (*.pdf)"),
                "html": tr("Web pages (*.html)"),
                "csv": tr("CSV files (*.csv)"),
            }
            f = self._data.filters
            suggested = f"sla-report-{f.date_from.isoformat()}-{f.date_to.isoformat()}.{fmt}"
            chosen, _ = QFileDialog.getSaveFileName(
                self, tr("Save the report"), suggested, filters[fmt]
            )
            if not chosen:
                return None
            path = Path(chosen)
        try:
            write_report(self._data, fmt, path, self.reader_locale())
        except OSError as error:
            self.status.setText(
                tr(
                    "The report could not be saved to {path}: {reason}. Choose another place."
                ).format(path=path, reason=error.strerror or error)
            )
            return None
        self.status.setText(tr("Saved {path}.").format(path=path))
        return path
