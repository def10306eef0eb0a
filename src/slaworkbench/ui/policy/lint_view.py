"""Policy checks in words: overlaps, shadowed policies and tickets without a policy."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from slaworkbench import formatting
from slaworkbench.app.policies.lint import EXAMPLES, LintReport, lint_groups
from slaworkbench.store.agreements.versions import active_agreement_policies
from slaworkbench.store.policies.editing import load_policies_in_order, ticket_fact_groups
from slaworkbench.store.workspace import Workspace
from slaworkbench.ui.policy.common import ErrorLabel
from slaworkbench.ui.tasks import TaskContext, TaskRunner


def report_lines(report: LintReport) -> list[str]:
    """The report as sentences, most important first."""
    from slaworkbench.i18n import trn

    lines = []
    for shadowed in report.shadowed:
        lines.append(shadowed.sentence())
    if report.no_policy:
        lines.append(
            trn(
                "{n} of {total} tickets matches no active policy and has no SLA.",
                "{n} of {total} tickets match no active policy and have no SLA.",
                report.no_policy,
            ).format(total=formatting.count(report.tickets))
        )
    for off in report.off_agreement:
        lines.append(off.sentence())
    lines.extend(report.escalation_problems)
    if report.multiple_matches:
        lines.append(
            trn(
                "{n} ticket matches more than one active policy; only the first one counts.",
                "{n} tickets match more than one active policy; only the first one counts.",
                report.multiple_matches,
            )
        )
    if not lines:
        lines.append(
            trn(
                "The {n} ticket has exactly one policy, and every policy can apply.",
                "All {n} tickets have exactly one policy, and every policy can apply.",
                report.tickets,
            )
        )
    return lines


class LintView(QWidget):
    """A "Check policies" button and what it found."""

    def __init__(
        self, workspace: Workspace, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._runner = runner
        self._report: LintReport | None = None
        self.button = QPushButton(self.tr("&Check policies"))
        self.button.clicked.connect(self.run)
        self.text = QLabel(
            self.tr(
                "Check for overlaps, shadowed policies, tickets without one, and customers' "
                "tickets judged by another policy than their agreement's."
            )
        )
        self.text.setWordWrap(True)
        self.error = ErrorLabel()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.button)
        layout.addWidget(self.text)
        layout.addWidget(self.error)

    def run(self) -> None:
        workspace = self._workspace

        def work(_context: TaskContext) -> LintReport:
            with workspace.session() as session:
                return lint_groups(
                    load_policies_in_order(session),
                    ticket_fact_groups(session, keep=EXAMPLES),
                    active_agreement_policies(session),
                )

        self.button.setEnabled(False)
        handle = self._runner.submit(
            self.tr("Checking policies"),
            work,
            on_success=self._show,
            on_failure=self.error.show_error,
            owner=self,
        )
        handle.finished.connect(lambda: self.button.setEnabled(True))
        if handle.is_done():
            self.button.setEnabled(True)

    def _show(self, report: Any) -> None:
        assert isinstance(report, LintReport)
        self._report = report
        self.error.show_error(None)
        self.text.setText("\n".join(f"• {line}" for line in report_lines(report)))

    def report(self) -> LintReport | None:
        return self._report
