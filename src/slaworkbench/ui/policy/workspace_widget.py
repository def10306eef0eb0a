"""The "Policies & calendars" tab: the ordered policy list, the policy editor, its checks,
and the calendar editor. The main window opens it as
``PolicyWorkspaceWidget(workspace, task_runner, notice=change_notice, author=...)``.

Every write (a policy saved, reordered or switched on/off, a calendar saved) goes through
an ``app.policies`` use case and is announced on the change notice; the window's
recompute listens there. The tab listens too, and reloads its list and editors when
policies or calendars changed anywhere else.
"""

from __future__ import annotations

import getpass
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QSplitter, QTabWidget, QVBoxLayout, QWidget

from slaworkbench.app.changes import Changes
from slaworkbench.app.policies.files import exact_duration_text
from slaworkbench.app.policies.ordering import reorder_policies, set_policy_active
from slaworkbench.domain.model import Metric, Priority
from slaworkbench.domain.policy import Policy
from slaworkbench.store.policies.editing import PolicyHeader, policy_headers
from slaworkbench.store.workspace import Workspace
from slaworkbench.ui.changes import ChangeNotice
from slaworkbench.ui.policy.calendar_editor import CalendarEditor
from slaworkbench.ui.policy.common import ErrorLabel
from slaworkbench.ui.policy.lint_view import LintView
from slaworkbench.ui.policy.policy_editor import PolicyEditor
from slaworkbench.ui.policy.policy_list import PolicyList
from slaworkbench.ui.policy.team_ola_editor import TeamOlaEditor
from slaworkbench.ui.policy.version_history import VersionHistoryDialog
from slaworkbench.ui.policy.whatif_view import WhatIfDialog
from slaworkbench.ui.tasks import TaskContext, TaskRunner


class PolicyWorkspaceWidget(QWidget):
    """Policies (list, editor, checks) and calendars, in two tabs."""

    def __init__(
        self,
        workspace: Workspace,
        runner: TaskRunner,
        *,
        notice: ChangeNotice,
        author: str | Callable[[], str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._runner = runner
        self._notice = notice
        author = author or getpass.getuser()
        self._headers: list[PolicyHeader] = []

        self.policy_list = PolicyList()
        self.lint = LintView(workspace, runner)
        self.list_error = ErrorLabel()
        self.editor = PolicyEditor(workspace, runner, notice=notice, author=author)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.policy_list, 1)
        left_layout.addWidget(self.list_error)
        left_layout.addWidget(self.lint)
        policies = QSplitter()
        policies.addWidget(left)
        policies.addWidget(self.editor)
        policies.setStretchFactor(1, 1)
        policies.setSizes([260, 760])

        self.calendars = CalendarEditor(workspace, runner, notice=notice, author=author)
        self.tabs = QTabWidget()
        self.tabs.addTab(policies, self.tr("&Policies"))
        self.tabs.addTab(self.calendars, self.tr("Ca&lendars"))
        self.team_olas = TeamOlaEditor(workspace, runner, notice=notice, author=author)
        self.tabs.addTab(self.team_olas, self.tr("&Team OLAs"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)

        self.policy_list.current_changed.connect(self._select)
        self.policy_list.new_requested.connect(self._new_policy)
        self.policy_list.reordered.connect(self._reorder)
        self.policy_list.activation_changed.connect(self._activate)
        self.editor.history_requested.connect(self.show_history)
        self.editor.whatif_requested.connect(self.show_whatif)
        notice.changed.connect(self._workspace_changed)
        self.reload()

    def _workspace_changed(self, changes: Changes) -> None:
        """Policies or calendars changed (here, in another window or another program)."""
        if changes.policies or changes.external:
            self.reload()
        if changes.policies or changes.calendars or changes.external:
            self._refresh_editor()
        if changes.external and not self.calendars.is_dirty():
            self.calendars.reload()

    def reload(self, select: int | None = None) -> None:
        workspace = self._workspace

        def work(_context: TaskContext) -> list[PolicyHeader]:
            with workspace.session() as session:
                return policy_headers(session)

        def done(headers: Any) -> None:
            self._headers = list(headers)
            wanted = select if isinstance(select, int) else self.editor.requested_id()
            if wanted is None and self._headers and self.policy_list.current_id() is None:
                wanted = self._headers[0].id if not self.editor.is_dirty() else None
            self.policy_list.set_policies(self._headers, select=wanted)

        self._runner.submit(self.tr("Reading policies"), work, on_success=done)

    def _select(self, policy_id: object) -> None:
        if isinstance(policy_id, int) and policy_id != self.editor.requested_id():
            self.editor.load(policy_id)

    def _new_policy(self) -> None:
        self.policy_list.list.clearSelection()
        self.policy_list.list.setCurrentRow(-1)
        self.editor.new_policy()

    def open_draft(self, policy_name: str, priority: str, metric: str, seconds: int) -> None:
        """Put a target into the editor's draft of ``policy_name`` (unsaved; the what-if
        replays it). A draft of that policy being edited keeps its other changes."""
        self.tabs.setCurrentIndex(0)
        workspace = self._workspace
        edit = self.editor.target_edits[(Priority(priority), Metric(metric))]

        def fill() -> None:
            edit.setText(exact_duration_text(seconds))
            edit.setFocus()

        def work(_context: TaskContext) -> list[PolicyHeader]:
            with workspace.session() as session:
                return policy_headers(session)

        def found(headers: Any) -> None:
            header = next((h for h in headers if h.name == policy_name), None)
            if header is None:
                self.list_error.show_error(
                    self.tr("There is no policy “{name}” to draft.").format(name=policy_name)
                )
            elif self.editor.policy_id() == header.id == self.editor.requested_id():
                fill()
            else:
                self.policy_list.list.blockSignals(True)
                self.policy_list.select(header.id)
                self.policy_list.list.blockSignals(False)
                self.editor.load(header.id, then=fill)

        self._runner.submit(self.tr("Opening a draft"), work, on_success=found, owner=self)

    def _refresh_editor(self) -> None:
        """Show the editor's policy as stored now (new calendars, a new lock) unless the
        user is changing it."""
        if not self.editor.is_dirty():
            self.editor.load(self.editor.policy_id())

    def _write(self, title: str, change: Callable[[], Changes]) -> None:
        def work(_context: TaskContext) -> Changes:
            return change()

        def failed(message: str) -> None:
            self.list_error.show_error(message)
            self.reload()

        def done(changes: Any) -> None:
            self.list_error.show_error(None)
            self._notice.announce(changes)

        self._runner.submit(title, work, writer=True, on_success=done, on_failure=failed)

    def _reorder(self, ids: list[int]) -> None:
        workspace = self._workspace
        self._write(self.tr("Reordering policies"), lambda: reorder_policies(workspace, ids))

    def _activate(self, policy_id: int, active: bool) -> None:
        workspace = self._workspace
        header = next((h for h in self._headers if h.id == policy_id), None)
        lock = header.lock_version if header else None
        self._write(
            self.tr("Switching a policy on or off"),
            lambda: set_policy_active(workspace, policy_id, active, expected_version=lock),
        )

    def show_history(self, policy_id: int) -> VersionHistoryDialog:
        name = next((h.name for h in self._headers if h.id == policy_id), "")
        dialog = VersionHistoryDialog(self._workspace, self._runner, policy_id, name, self)
        dialog.show()
        return dialog

    def show_whatif(self, draft: Policy) -> WhatIfDialog:
        dialog = WhatIfDialog(
            self._workspace, self._runner, draft, position=self.editor.new_position(), parent=self
        )
        dialog.show()
        return dialog
