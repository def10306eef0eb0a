"""Goals from current performance: for a customer (or the whole workspace) and a past
period, per metric and priority, the targets that would have been met 80 / 90 / 95 % of
the time (business time, from the stopped clocks), next to the current target and its
actual compliance. A click on a suggestion and "Copy into draft policy" asks the window
to put it into the policy editor's draft of the chosen policy (unsaved), where the
what-if shows its effect (docs/AGREEMENTS.md)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from slaworkbench import formatting
from slaworkbench.app.agreements.goals import MetricGoalSuggestion, goal_suggestions
from slaworkbench.app.agreements.reading import load_choices
from slaworkbench.app.policies.files import exact_duration_text
from slaworkbench.domain.agreement.goals import SHARES
from slaworkbench.domain.labels import metric_label, priority_label
from slaworkbench.store.agreements.versions import active_agreement_policies
from slaworkbench.store.workspace import Workspace
from slaworkbench.ui.date_edit import date_edit_format
from slaworkbench.ui.policy.common import ErrorLabel, from_qdate, to_qdate
from slaworkbench.ui.tasks import TaskContext, TaskRunner

SECONDS_ROLE = int(Qt.ItemDataRole.UserRole)
METRIC_ROLE = SECONDS_ROLE + 1
PRIORITY_ROLE = SECONDS_ROLE + 2
FIRST_SHARE_COLUMN = 5
"""Metric, priority, clocks, current target, its compliance; then one column a share."""
PRESETS = (1, 3, 6, 12)
"""The period choices: the last so many whole months before today."""


def months_back(today: dt.date, months: int) -> tuple[dt.date, dt.date]:
    """The ``months`` whole months before the one ``today`` is in."""
    last = today.replace(day=1) - dt.timedelta(days=1)
    first = last.replace(day=1)
    for _ in range(months - 1):
        first = (first - dt.timedelta(days=1)).replace(day=1)
    return first, last


def _midnight(day: dt.date) -> int:
    return int(dt.datetime.combine(day, dt.time(), dt.UTC).timestamp())


NUMBERS_FROM = 2
"""The columns from this one hold counts, durations and shares: right-aligned, so their
sizes compare down a column."""
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class GoalsView(QWidget):
    copy_requested = Signal(str, str, str, int)
    """(policy name, priority, metric, target in business seconds) for the draft."""

    def __init__(
        self,
        workspace: Workspace,
        runner: TaskRunner,
        *,
        today: Callable[[], dt.date],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._runner = runner
        self._today = today
        self._agreement_policies: dict[str, str] = {}
        self.customer = QComboBox(self)
        self.customer.setAccessibleName(self.tr("Customer"))
        self.period = QComboBox(self)
        self.period.setAccessibleName(self.tr("Period"))
        for months in PRESETS:
            self.period.addItem(
                self.tr("Last month") if months == 1
                else self.tr("Last {n} months").format(n=months), months,
            )  # fmt: skip
        self.date_from = QDateEdit(self)
        self.date_to = QDateEdit(self)
        for edit in (self.date_from, self.date_to):
            edit.setDisplayFormat(date_edit_format())
            edit.setCalendarPopup(True)
        self.show_button = QPushButton(self.tr("&Show"), self)
        self.table = QTableWidget(0, FIRST_SHARE_COLUMN + len(SHARES), self)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Metric"), self.tr("Priority"), self.tr("Clocks"),
             self.tr("Current target"), self.tr("Met now")]
            + [self.tr("Met {share} % of the time").format(share=round(s * 100)) for s in SHARES]
        )  # fmt: skip
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.policy = QComboBox(self)
        self.policy.setAccessibleName(self.tr("Policy to draft"))
        self.copy_button = QPushButton(self.tr("&Copy into draft policy"), self)
        self.copy_button.setEnabled(False)
        self.chosen = QLabel(self.tr("Click a suggested target to copy it."), self)
        self.chosen.setWordWrap(True)
        self.error = ErrorLabel()

        explanation = QLabel(
            self.tr(
                "For the clocks that stopped in the period, the business time within which "
                "80, 90 and 95 % of them stopped: targets that would have been met that "
                "share of the time (the smallest observed time with at least that share at "
                "or under it), next to the target they were judged against and the share "
                "that met it. A suggestion copied into a policy stays a draft until saved; "
                "its What if… shows the effect."
            ),
            self,
        )
        explanation.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("C&ustomer:"), self.customer)
        period = QHBoxLayout()
        period.addWidget(self.period)
        period.addWidget(QLabel(self.tr("from"), self))
        period.addWidget(self.date_from)
        period.addWidget(QLabel(self.tr("to"), self))
        period.addWidget(self.date_to)
        period.addWidget(self.show_button)
        period.addStretch(1)
        period_label = QLabel(self.tr("&Period:"), self)
        period_label.setBuddy(self.period)
        form.addRow(period_label, period)
        copy_row = QHBoxLayout()
        copy_row.addWidget(self.chosen, 1)
        copy_row.addWidget(QLabel(self.tr("into"), self))
        copy_row.addWidget(self.policy)
        copy_row.addWidget(self.copy_button)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        layout.addLayout(copy_row)
        layout.addWidget(self.error)

        self.period.currentIndexChanged.connect(self._preset_chosen)
        self.customer.currentIndexChanged.connect(self._customer_chosen)
        self.show_button.clicked.connect(self.show_goals)
        self.table.currentCellChanged.connect(lambda *_a: self._suggestion_chosen())
        self.copy_button.clicked.connect(self._copy)
        self._preset_chosen()

    # -- choices -----------------------------------------------------------------------

    def reload_choices(self) -> None:
        workspace = self._workspace

        def work(_context: TaskContext) -> Any:
            choices = load_choices(workspace)
            with workspace.session() as session:
                return choices, active_agreement_policies(session)

        self._runner.submit(self.tr("Reading customers and policies"), work,
                            on_success=self._show_choices, owner=self)  # fmt: skip

    def _show_choices(self, result: Any) -> None:
        choices, agreed = result
        self._agreement_policies = dict(agreed)
        customer, policy = self.customer.currentData(), self.policy.currentText()
        for combo in (self.customer, self.policy):
            combo.blockSignals(True)
            combo.clear()
        self.customer.addItem(self.tr("Whole workspace"), "")
        for name in sorted(agreed):
            self.customer.addItem(self.tr("{customer} (agreement)").format(customer=name), name)
        for name in choices.customers:
            if name not in agreed:
                self.customer.addItem(name, name)
        self.policy.addItems(list(choices.policies))
        self.customer.setCurrentIndex(max(0, self.customer.findData(customer or "")))
        self.policy.setCurrentIndex(max(0, self.policy.findText(policy)))
        for combo in (self.customer, self.policy):
            combo.blockSignals(False)

    def choose_customer(self, customer: str) -> None:
        """Show ``customer`` (the agreement selected in the tab) when asked to."""
        index = self.customer.findData(customer)
        if index >= 0:
            self.customer.setCurrentIndex(index)

    def _customer_chosen(self) -> None:
        wanted = self._agreement_policies.get(str(self.customer.currentData() or ""))
        if wanted is not None and self.policy.findText(wanted) >= 0:
            self.policy.setCurrentIndex(self.policy.findText(wanted))

    def _preset_chosen(self) -> None:
        months = self.period.currentData()
        if isinstance(months, int):
            first, last = months_back(self._today(), months)
            self.date_from.setDate(to_qdate(first))
            self.date_to.setDate(to_qdate(last))

    # -- the suggestions ---------------------------------------------------------------

    def show_goals(self) -> None:
        first, last = from_qdate(self.date_from.date()), from_qdate(self.date_to.date())
        if last < first:
            self.error.show_error(self.tr("The period ends before it starts; choose its dates."))
            return
        start, end = _midnight(first), _midnight(last + dt.timedelta(days=1))
        customer = str(self.customer.currentData() or "") or None
        workspace = self._workspace

        def work(_context: TaskContext) -> list[MetricGoalSuggestion]:
            return goal_suggestions(workspace, start, end, customer=customer)

        self._runner.submit(self.tr("Suggesting goals"), work, on_success=self._show,
                            on_failure=self.error.show_error, owner=self)  # fmt: skip

    def _show(self, suggestions: Any) -> None:
        self.error.show_error(None)
        rows: list[MetricGoalSuggestion] = list(suggestions)
        self.table.setRowCount(len(rows))
        for row, found in enumerate(rows):
            s = found.suggestion
            cells = [
                metric_label(found.metric), priority_label(found.priority),
                formatting.count(s.clocks),
                "" if s.current_target is None else exact_duration_text(s.current_target),
                "" if s.current_compliance is None else formatting.percent(s.current_compliance),
            ]  # fmt: skip
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                if column >= NUMBERS_FROM:
                    item.setTextAlignment(RIGHT)
                self.table.setItem(row, column, item)
            for offset, (share, target) in enumerate(s.targets):
                item = QTableWidgetItem(exact_duration_text(target))
                item.setTextAlignment(RIGHT)
                item.setData(SECONDS_ROLE, int(target))
                item.setData(METRIC_ROLE, found.metric.value)
                item.setData(PRIORITY_ROLE, found.priority.value)
                item.setToolTip(
                    self.tr("{share} % of {n} clocks stopped within {target}.").format(
                        share=round(share * 100),
                        n=formatting.count(s.clocks),
                        target=exact_duration_text(target),
                    )
                )
                self.table.setItem(row, FIRST_SHARE_COLUMN + offset, item)
        if not rows:
            self.error.show_error(
                self.tr("No clock stopped in this period; choose another period or customer.")
            )
        self.table.setCurrentCell(-1, -1)
        self._suggestion_chosen()

    def _chosen_item(self) -> QTableWidgetItem | None:
        item = self.table.currentItem()
        if item is None or not isinstance(item.data(SECONDS_ROLE), int):
            return None
        return item

    def _suggestion_chosen(self) -> None:
        item = self._chosen_item()
        self.copy_button.setEnabled(item is not None and bool(self.policy.currentText()))
        if item is None:
            self.chosen.setText(self.tr("Click a suggested target to copy it."))
            return
        self.chosen.setText(
            self.tr("{priority} {metric}: target {target}").format(
                priority=priority_label(str(item.data(PRIORITY_ROLE))),
                metric=metric_label(str(item.data(METRIC_ROLE))).lower(),
                target=item.text(),
            )
        )

    def _copy(self) -> None:
        item = self._chosen_item()
        policy = self.policy.currentText()
        if item is None or not policy:
            return
        self.copy_requested.emit(
            policy, str(item.data(PRIORITY_ROLE)), str(item.data(METRIC_ROLE)),
            int(item.data(SECONDS_ROLE)),
        )  # fmt: skip
