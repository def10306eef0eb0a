"""The "Policies & calendars" tab: the ordered policy list, the policy editor, its checks,
and the calendar editor. The main window opens it as
``PolicyWorkspaceWidget(workspace, task_runner, author=..., notice=change_notice)``;
a save announces ``Changes(policies=True)`` or ``Changes(calendars=True)`` there (the
window's recompute controller listens).
"""

from __future__ import annotations

import getpass
from typing import Any

from PySide6.QtWidgets import QSplitter, QTabWidget, QVBoxLayout, QWidget

from slaworkbench.app.changes import Changes
from slaworkbench.domain.policy import Policy
from slaworkbench.store.policies.editing import PolicyHeader, policy_headers
from slaworkbench.store.policies.versions import reorder_policies, set_policy_active
from slaworkbench.store.workspace import Workspace
from slaworkbench.ui.changes import ChangeNotice
from slaworkbench.ui.policy.calendar_editor import CalendarEditor
from slaworkbench.ui.policy.common import ErrorLabel
from slaworkbench.ui.policy.lint_view import LintView
from slaworkbench.ui.policy.policy_editor import PolicyEditor
from slaworkbench.ui.policy.policy_list import PolicyList
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
        author: str | None = None,
        notice: ChangeNotice | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._runner = runner
        self.notice = notice or ChangeNotice(self)
        author = author or getpass.getuser()
        self._headers: list[PolicyHeader] = []

        self.policy_list = PolicyList()
        self.lint = LintView(workspace, runner)
        self.list_error = ErrorLabel()
        self.editor = PolicyEditor(
            workspace,
            runner,
            author=author,
            on_saved=lambda: self._queue_recompute(Changes(policies=True)),
        )
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

        self.calendars = CalendarEditor(
            workspace,
            runner,
            author=author,
            on_saved=lambda: self._queue_recompute(Changes(calendars=True)),
        )
        self.tabs = QTabWidget()
        self.tabs.addTab(policies, self.tr("&Policies"))
        self.tabs.addTab(self.calendars, self.tr("Ca&lendars"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)

        self.policy_list.current_changed.connect(self._select)
        self.policy_list.new_requested.connect(self._new_policy)
        self.policy_list.reordered.connect(self._reorder)
        self.policy_list.activation_changed.connect(self._activate)
        self.editor.saved.connect(self.reload)
        self.editor.history_requested.connect(self.show_history)
        self.editor.whatif_requested.connect(self.show_whatif)
        self.calendars.calendars_changed.connect(lambda _names: self._refresh_editor_calendars())
        self.reload()

    def _queue_recompute(self, changes: Changes) -> None:
        """Announce the save; the window's recompute controller recomputes on it."""
        self.notice.announce(changes)

    def reload(self, select: int | None = None) -> None:
        workspace = self._workspace

        def work(_context: TaskContext) -> list[PolicyHeader]:
            with workspace.session() as session:
                return policy_headers(session)

        def done(headers: Any) -> None:
            self._headers = list(headers)
            wanted = select if isinstance(select, int) else self.policy_list.current_id()
            if wanted is None and self._headers and self.editor.policy_id() is None:
                wanted = self._headers[0].id if not self.editor.is_dirty() else None
            self.policy_list.set_policies(self._headers, select=wanted)

        self._runner.submit(self.tr("Reading policies"), work, on_success=done)

    def _select(self, policy_id: object) -> None:
        if isinstance(policy_id, int) and policy_id != self.editor.policy_id():
            self.editor.load(policy_id)

    def _new_policy(self) -> None:
        self.policy_list.list.clearSelection()
        self.policy_list.list.setCurrentItem(None)
        self.editor.new_policy()

    def _refresh_editor_calendars(self) -> None:
        if not self.editor.is_dirty():
            self.editor.load(self.editor.policy_id())

    def _write(self, title: str, change: Any) -> None:
        workspace = self._workspace

        def work(_context: TaskContext) -> None:
            with workspace.session(write=True) as session:
                change(session)

        def failed(message: str) -> None:
            self.list_error.show_error(message)
            self.reload()

        def done(_result: object) -> None:
            self.list_error.show_error(None)
            self._queue_recompute(Changes(policies=True))
            self.reload()

        self._runner.submit(title, work, writer=True, on_success=done, on_failure=failed)

    def _reorder(self, ids: list[int]) -> None:
        self._write(self.tr("Reordering policies"), lambda s: reorder_policies(s, ids))

    def _activate(self, policy_id: int, active: bool) -> None:
        header = next((h for h in self._headers if h.id == policy_id), None)
        lock = header.lock_version if header else None
        self._write(
            self.tr("Switching a policy on or off"),
            lambda s: set_policy_active(s, policy_id, active, expected_version=lock),
        )

    def show_history(self, policy_id: int) -> VersionHistoryDialog:
        name = next((h.name for h in self._headers if h.id == policy_id), "")
        dialog = VersionHistoryDialog(self._workspace, self._runner, policy_id, name, self)
        dialog.show()
        return dialog

    def show_whatif(self, draft: Policy) -> WhatIfDialog:
        dialog = WhatIfDialog(self._workspace, self._runner, draft, self)
        dialog.show()
        return dialog
