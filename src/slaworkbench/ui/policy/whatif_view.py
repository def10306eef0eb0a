"""What-if: replay a draft policy over a period and compare compliance, before saving.

Runs ``app.policies.whatif.run_whatif`` in the background with progress and cancel; shows
a table per metric and priority (compliance now, with the draft, the change) and the
tickets whose result flips, and warns when the draft can never apply where it stands (a
catch-all above it takes every ticket). Nothing is written.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from slaworkbench import formatting
from slaworkbench.app.policies.whatif import (
    ComplianceRow,
    Flip,
    Tally,
    WhatIfResult,
    outcome_label,
    run_whatif,
)
from slaworkbench.domain.labels import metric_label, priority_label
from slaworkbench.domain.policy import Policy
from slaworkbench.i18n import tr, trn
from slaworkbench.store.policies.editing import created_range
from slaworkbench.store.workspace import Workspace
from slaworkbench.ui.date_edit import date_edit_format
from slaworkbench.ui.policy.common import ErrorLabel, HintLabel, format_percent, from_qdate
from slaworkbench.ui.record_table_model import RecordTableModel
from slaworkbench.ui.tasks import TaskContext, TaskHandle, TaskRunner


def _tally_text(tally: Tally) -> str:
    return f"{tally.achieved} / {tally.judged}"


class ComplianceTableModel(RecordTableModel[ComplianceRow]):
    """Compliance per metric and priority: now, with the draft, and the change."""

    COL_METRIC, COL_PRIORITY, COL_BEFORE, COL_AFTER, COL_CHANGE, COL_COUNTS, COL_RUNNING = range(7)
    NUMERIC_COLUMNS = frozenset(range(COL_BEFORE, COL_RUNNING + 1))

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            [
                tr("Metric"),
                tr("Priority"),
                tr("Now"),
                tr("With the draft"),
                tr("Change"),
                tr("Achieved / judged (now → draft)"),
                tr("Still running"),
            ],
            parent,
        )

    def text(self, record: ComplianceRow, column: int) -> str:
        before, after = record.before.compliance, record.after.compliance
        if column == self.COL_METRIC:
            return metric_label(record.metric)
        if column == self.COL_PRIORITY:
            return priority_label(record.priority)
        if column == self.COL_BEFORE:
            return format_percent(before)
        if column == self.COL_AFTER:
            return format_percent(after)
        if column == self.COL_CHANGE:
            if before is None or after is None:
                return "—"
            points = (after - before) * 100
            return formatting.signed(points, 1) + " pp"
        if column == self.COL_COUNTS:
            return f"{_tally_text(record.before)} → {_tally_text(record.after)}"
        return f"{record.before.running} → {record.after.running}"


class FlipTableModel(RecordTableModel[Flip]):
    """The tickets whose result for a metric flips under the draft."""

    COL_TICKET, COL_SUBJECT, COL_PRIORITY, COL_METRIC, COL_BEFORE, COL_AFTER = range(6)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            [
                tr("Ticket"),
                tr("Subject"),
                tr("Priority"),
                tr("Metric"),
                tr("Now"),
                tr("With the draft"),
            ],
            parent,
        )

    def text(self, record: Flip, column: int) -> str:
        return [
            record.external_id or f"#{record.ticket_id}",
            record.subject,
            priority_label(record.priority),
            metric_label(record.metric),
            outcome_label(record.before),
            outcome_label(record.after),
        ][column]


class WhatIfView(QWidget):
    """Pick a period, run, read the comparison. ``result()`` after a run."""

    def __init__(
        self,
        workspace: Workspace,
        runner: TaskRunner,
        draft: Policy,
        *,
        position: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._runner = runner
        self._draft = draft
        self._position = position
        self._handle: TaskHandle | None = None
        self._result: WhatIfResult | None = None

        self.heading = QLabel(
            self.tr("Replay the draft of “{name}” over the tickets created in a period.").format(
                name=draft.name
            )
        )
        self.period_error = ErrorLabel()
        self.start = QDateEdit()
        self.end = QDateEdit()
        for edit in (self.start, self.end):
            edit.setDisplayFormat(date_edit_format())
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
        today = QDate.currentDate()
        self.start.setDate(today.addDays(-90))
        self.end.setDate(today)
        self.run_button = QPushButton(self.tr("&Run"))
        self.run_button.clicked.connect(self.run)
        self.cancel_button = QPushButton(self.tr("&Cancel"))
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.setEnabled(False)
        for edit in (self.start, self.end):  # connected once everything it updates exists
            edit.dateChanged.connect(lambda _d: self._check_period())
        period = QHBoxLayout()
        period.addWidget(QLabel(self.tr("Created from")))
        period.addWidget(self.start)
        period.addWidget(QLabel(self.tr("to (inclusive)")))
        period.addWidget(self.end)
        period.addStretch(1)
        period.addWidget(self.run_button)
        period.addWidget(self.cancel_button)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.changes = QLabel()
        self.changes.setWordWrap(True)
        self.warning = ErrorLabel()
        self.compliance = ComplianceTableModel(self)
        self.flips = FlipTableModel(self)
        self.compliance_view = QTableView()
        self.compliance_view.setModel(self.compliance)
        self.flips_view = QTableView()
        self.flips_view.setModel(self.flips)
        for view in (self.compliance_view, self.flips_view):
            view.verticalHeader().setVisible(False)
            view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
            view.horizontalHeader().setStretchLastSection(True)
            view.setAlternatingRowColors(True)
        self.flips_view.horizontalHeader().setSectionResizeMode(
            FlipTableModel.COL_SUBJECT, QHeaderView.ResizeMode.Stretch
        )
        for view in (self.compliance_view, self.flips_view):
            view.resizeColumnsToContents()  # before a run too: every title whole
        self.flips_title = QLabel()
        self.error = ErrorLabel()
        splitter = QSplitter(Qt.Orientation.Vertical)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.compliance_view)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(self.flips_title)
        bottom_layout.addWidget(self.flips_view)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(period)
        layout.addWidget(self.period_error)
        layout.addWidget(self.progress)
        layout.addWidget(self.warning)
        layout.addWidget(self.changes)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)
        layout.addWidget(
            HintLabel(
                self.tr(
                    "Compliance = achieved / (achieved + breached) among clocks that stopped in "
                    "the period; running clocks are counted apart. Nothing is saved."
                )
            )
        )
        layout.addWidget(self.error)
        self._suggest_period()

    def _suggest_period(self) -> None:
        workspace = self._workspace

        def work(_context: TaskContext) -> tuple[int, int] | None:
            with workspace.session() as session:
                return created_range(session)

        def done(found: Any) -> None:
            if found is None:
                return
            last = dt.datetime.fromtimestamp(found[1], dt.UTC).date()
            first = max(
                dt.datetime.fromtimestamp(found[0], dt.UTC).date(),
                last - dt.timedelta(days=90),
            )
            self.set_period(first, last)

        self._runner.submit(self.tr("Reading the ticket history"), work, on_success=done)

    def set_period(self, first: dt.date, last: dt.date) -> None:
        self.start.setDate(QDate(first.year, first.month, first.day))
        self.end.setDate(QDate(last.year, last.month, last.day))

    def period(self) -> tuple[int, int]:
        """``[start, end)`` in UTC instants: whole local days, the end day included."""
        first = from_qdate(self.start.date())
        last = from_qdate(self.end.date()) + dt.timedelta(days=1)
        zone = dt.datetime.now().astimezone().tzinfo
        return (
            int(dt.datetime.combine(first, dt.time(), zone).timestamp()),
            int(dt.datetime.combine(last, dt.time(), zone).timestamp()),
        )

    def _check_period(self) -> bool:
        ok = self.start.date() <= self.end.date()
        self.period_error.show_error(
            None if ok else self.tr("The period ends before it starts; pick a later end date.")
        )
        self.run_button.setEnabled(ok and self._handle is None)
        return ok

    def run(self) -> None:
        if not self._check_period() or self._handle is not None:
            return
        workspace, draft, position = self._workspace, self._draft, self._position
        start, end = self.period()

        def work(context: TaskContext) -> WhatIfResult:
            return run_whatif(
                workspace,
                draft,
                start,
                end,
                progress=context.progress,
                check_cancelled=context.check_cancelled,
                position=position,
            )

        self.error.show_error(None)
        self.progress.setVisible(True)
        self.progress.setRange(0, 0)
        self.run_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        handle = self._runner.submit(
            self.tr("What-if for {name}").format(name=draft.name),
            work,
            on_success=self._show,
            on_failure=self.error.show_error,
            on_progress=self._progress,
            owner=self,
        )
        if handle.is_done():
            self._finished()
            return
        self._handle = handle
        handle.finished.connect(self._finished)

    def cancel(self) -> None:
        if self._handle is not None:
            self._handle.cancel()

    def _progress(self, done: int, total: int, text: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress.setFormat(f"{text} %v / %m")

    def _finished(self) -> None:
        self._handle = None
        self.progress.setVisible(False)
        self.cancel_button.setEnabled(False)
        self._check_period()

    def _show(self, result: Any) -> None:
        assert isinstance(result, WhatIfResult)
        self._result = result
        self.compliance.set_rows(list(result.rows))
        self.flips.set_rows(list(result.flips))
        self.compliance_view.resizeColumnsToContents()
        self.flips_view.resizeColumnsToContents()
        flipped = len({flip.ticket_id for flip in result.flips})
        self.warning.show_error("\n".join(result.warnings) or None)
        self.changes.setText(
            self.tr("The draft changes: {changes}").format(changes=" ".join(result.changes))
            if result.changes
            else self.tr("The draft is the saved version: nothing changes.")
        )
        self.summary.setText(
            trn(
                "{n} ticket created in the period was replayed; ",
                "{n} tickets created in the period were replayed; ",
                result.tickets,
            )
            + trn(
                "{n} would get a different result.",
                "{n} would get a different result.",
                flipped,
            )
        )
        self.flips_title.setText(
            self.tr("Tickets whose result flips ({count})").format(count=len(result.flips))
        )

    def result(self) -> WhatIfResult | None:
        return self._result


class WhatIfDialog(QDialog):
    def __init__(
        self,
        workspace: Workspace,
        runner: TaskRunner,
        draft: Policy,
        *,
        position: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("What if — {name}").format(name=draft.name))
        self.view = WhatIfView(workspace, runner, draft, position=position)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addWidget(self.buttons)
        self.resize(980, 680)

    def reject(self) -> None:
        self.view.cancel()
        super().reject()
