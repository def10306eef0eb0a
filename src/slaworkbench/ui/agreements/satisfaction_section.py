"""CSAT and NPS answers of the shown ticket, in a small section of the detail pane:
the answers given so far and a row to record one (kind, score, comment).

A score outside its scale (a CSAT of 6) is refused inline with a sentence and nothing is
written. The section follows the pane's ``ticket_shown`` signal; writes go through the
task runner's writer and are announced (``Changes(agreements=True)``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from slaworkbench import formatting
from slaworkbench.app.agreements.satisfaction import answers_of, enter_answer
from slaworkbench.app.changes import Changes
from slaworkbench.domain.agreement.satisfaction import check_score
from slaworkbench.store.agreements.surveys import SurveyInfo
from slaworkbench.store.workspace import Workspace
from slaworkbench.ui.changes import ChangeNotice
from slaworkbench.ui.policy.common import ErrorLabel
from slaworkbench.ui.tasks import TaskContext, TaskRunner


class SatisfactionSection(QGroupBox):
    def __init__(
        self,
        workspace: Workspace,
        runner: TaskRunner,
        notice: ChangeNotice,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Satisfaction (CSAT / NPS)"))
        self._workspace = workspace
        self._runner = runner
        self._notice = notice
        self._ticket_id: int | None = None
        self.answers = QLabel(self)
        self.answers.setWordWrap(True)
        self.kind = QComboBox(self)
        self.kind.addItem(self.tr("CSAT (1–5)"), "csat")
        self.kind.addItem(self.tr("NPS (0–10)"), "nps")
        self.score = QLineEdit(self)
        self.score.setPlaceholderText(self.tr("score"))
        self.score.setMaximumWidth(70)
        self.comment = QLineEdit(self)
        self.comment.setPlaceholderText(self.tr("comment (optional)"))
        self.record_button = QPushButton(self.tr("Record answer"), self)
        self.error = ErrorLabel(self)
        # Two rows, so the section fits the detail pane beside the list at 1024 px: the
        # answer (kind, score, comment), then the button that records it.
        row = QHBoxLayout()
        row.addWidget(self.kind)
        row.addWidget(self.score)
        row.addWidget(self.comment, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.record_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.answers)
        layout.addLayout(row)
        layout.addLayout(buttons)
        layout.addWidget(self.error)
        self.record_button.clicked.connect(self.record)
        self.score.returnPressed.connect(self.record)
        notice.changed.connect(self._changes_announced)
        self.setEnabled(False)

    @Slot(int)
    def show_ticket(self, ticket_id: int) -> None:
        if ticket_id != self._ticket_id:
            self.score.clear()
            self.comment.clear()
            self.error.show_error(None)
        self._ticket_id = ticket_id
        self.setEnabled(True)
        self._load()

    def _load(self) -> None:
        ticket_id, workspace = self._ticket_id, self._workspace
        if ticket_id is None:
            return

        def work(_context: TaskContext) -> list[SurveyInfo]:
            return answers_of(workspace, ticket_id)

        self._runner.submit(self.tr("Reading answers"), work, on_success=self._show, owner=self)

    def _show(self, answers: Any) -> None:
        if not answers:
            self.answers.setText(self.tr("No survey answer yet."))
            return
        lines = []
        for answer in answers:
            when = formatting.date(dt.datetime.fromtimestamp(answer.answered_at, dt.UTC).date())
            text = self.tr("{kind} {score} on {date}").format(
                kind=answer.kind.upper(), score=answer.score, date=when
            )
            if answer.comment:
                text += f" — {answer.comment}"
            lines.append(text)
        self.answers.setText("\n".join(lines))

    def record(self) -> None:
        ticket_id = self._ticket_id
        if ticket_id is None:
            return
        kind = str(self.kind.currentData())
        text = self.score.text().strip()
        try:
            score = int(text)
        except ValueError:
            self.error.show_error(
                self.tr("Type the score as a whole number, e.g. 4.") if text else
                self.tr("Type the score first.")
            )  # fmt: skip
            return
        try:
            check_score(kind, score)
        except ValueError as error:
            self.error.show_error(str(error))
            return
        self.error.show_error(None)
        workspace, comment = self._workspace, self.comment.text().strip() or None

        def work(_context: TaskContext) -> Changes:
            return enter_answer(workspace, ticket_id, kind, score, comment=comment)

        self._runner.submit(
            self.tr("Recording answer"), work, writer=True,
            on_success=self._recorded, on_failure=self.error.show_error, owner=self,
        )  # fmt: skip

    def _recorded(self, changes: Any) -> None:
        self.score.clear()
        self.comment.clear()
        self._notice.announce(changes)

    @Slot(object)
    def _changes_announced(self, changes: Changes) -> None:
        if changes.agreements or changes.external:
            self._load()
