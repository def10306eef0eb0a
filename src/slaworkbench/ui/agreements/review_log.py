"""An agreement's review log (who, when, outcome, what changed) and the form to record a
review, which may move the next review date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from slaworkbench import formatting
from slaworkbench.app.agreements.editing import record_review
from slaworkbench.app.permissions import Role, may
from slaworkbench.store.agreements.versions import ReviewEntry
from slaworkbench.store.workspace import Workspace
from slaworkbench.ui.changes import ChangeNotice
from slaworkbench.ui.date_edit import date_edit_format
from slaworkbench.ui.policy.common import ErrorLabel
from slaworkbench.ui.tasks import TaskContext, TaskRunner


class ReviewLog(QGroupBox):
    recorded = Signal(int)

    def __init__(
        self,
        workspace: Workspace,
        runner: TaskRunner,
        notice: ChangeNotice,
        *,
        author: str | Callable[[], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Review log"))
        self._author = author
        """Who a review is recorded as by default: the window's "Working as", asked again
        each time an agreement is shown (it was read once, when the tab was first built,
        and kept the login after the user picked their name)."""
        self._workspace = workspace
        self._runner = runner
        self._notice = notice
        self._agreement_id: int | None = None
        self.entries = QListWidget(self)
        # a review's outcome and what changed are sentences: wrapped, never scrolled sideways
        self.entries.setWordWrap(True)
        self.entries.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.entries.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.entries.setResizeMode(QListWidget.ResizeMode.Adjust)
        self._suggested = self._who()
        self.reviewer = QLineEdit(self._suggested, self)
        self.outcome = QLineEdit(self)
        self.outcome.setPlaceholderText(self.tr("e.g. goals kept; fee unchanged"))
        self.changes = QLineEdit(self)
        self.move_date = QCheckBox(self.tr("next review on"), self)
        self.next_review = QDateEdit(QDate.currentDate(), self)
        self.next_review.setDisplayFormat(date_edit_format())
        self.next_review.setEnabled(False)  # the date counts only when ticked
        self.move_date.toggled.connect(self.next_review.setEnabled)
        self.record_button = QPushButton(self.tr("Record review"), self)
        self.error = ErrorLabel(self)
        form = QFormLayout()
        form.addRow(self.tr("Reviewer"), self.reviewer)
        form.addRow(self.tr("Outcome"), self.outcome)
        form.addRow(self.tr("What changed"), self.changes)
        form.addRow(self.move_date, self.next_review)
        layout = QVBoxLayout(self)
        layout.addWidget(self.entries, 1)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.record_button)
        self.record_button.clicked.connect(self.record)
        if not may(workspace, Role.MANAGER):  # the services refuse it too
            self.record_button.setEnabled(False)
            self.record_button.setToolTip(self.tr("Only a manager may record a review"))
        self.setEnabled(False)

    def _who(self) -> str:
        return self._author() if callable(self._author) else self._author

    def _suggest_reviewer(self) -> None:
        if self.reviewer.text() == self._suggested:  # not typed over: who is working now
            self._suggested = self._who()
            self.reviewer.setText(self._suggested)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._suggest_reviewer()  # "Working as" may have changed while the tab was away

    def show_reviews(
        self, agreement_id: int, reviews: tuple[ReviewEntry, ...], next_review: dt.date
    ) -> None:
        self._agreement_id = agreement_id
        self._suggest_reviewer()
        self.setEnabled(True)
        self.entries.clear()
        for entry in reviews:
            when = formatting.date(dt.datetime.fromtimestamp(entry.reviewed_at, dt.UTC).date())
            text = self.tr("{date} · {who}: {outcome}").format(
                date=when, who=entry.reviewer, outcome=entry.outcome
            )
            if entry.changes:
                text = self.tr("{review} What changed: {changes}").format(
                    review=text, changes=entry.changes
                )
            self.entries.addItem(text)
        if not reviews:
            self.entries.addItem(self.tr("No review recorded yet."))
        self.next_review.setDate(QDate(next_review.year, next_review.month, next_review.day))
        self.move_date.setChecked(False)
        self.outcome.clear()
        self.changes.clear()
        self.error.show_error(None)

    def record(self) -> None:
        agreement_id = self._agreement_id
        if agreement_id is None:
            return
        workspace = self._workspace
        reviewer, outcome = self.reviewer.text().strip(), self.outcome.text().strip()
        changes = self.changes.text().strip()
        value = self.next_review.date()
        nxt = (
            dt.date(value.year(), value.month(), value.day())
            if self.move_date.isChecked()
            else None
        )
        if not reviewer or not outcome:
            self.error.show_error(self.tr("A review names who reviewed and what the outcome was."))
            return

        def work(_context: TaskContext) -> Any:
            return record_review(workspace, agreement_id, reviewer=reviewer, outcome=outcome,
                                 changes=changes, next_review=nxt)  # fmt: skip

        self._runner.submit(
            self.tr("Recording review"), work, writer=True,
            on_success=self._recorded, on_failure=self.error.show_error, owner=self,
        )  # fmt: skip

    def _recorded(self, changes: Any) -> None:
        self._notice.announce(changes)
        if self._agreement_id is not None:
            self.recorded.emit(self._agreement_id)
