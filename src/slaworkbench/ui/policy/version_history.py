"""A policy's versions side by side, with what changed from each version to the next.

Columns are versions (oldest on the left); rows are who/when/why, the calendar, each
condition, each target and the counting rules. A cell that differs from the version
before it is bold and tinted, and the list under the table says the changes in words.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QListWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from slaworkbench.domain.escalation import RuleError, action_text, rules_from_list
from slaworkbench.domain.labels import condition_label, metric_label, priority_label, status_label
from slaworkbench.domain.model import Metric, Priority, Status
from slaworkbench.domain.policy import CONDITION_FIELDS
from slaworkbench.i18n import tr
from slaworkbench.store.policies.versions import PolicyVersionInfo, list_policy_versions
from slaworkbench.store.workspace import Workspace
from slaworkbench.ui.policy.common import format_date, format_instant
from slaworkbench.ui.policy.policy_form import target_text
from slaworkbench.ui.tasks import TaskContext, TaskRunner

Row = tuple[str, str]
"""(key, label) of one compared row."""


def _target_text(spec: Mapping[str, Any], priority: Priority, metric: Metric) -> str:
    value = (spec.get("targets", {}).get(priority.value) or {}).get(metric.value)
    if value is None:
        return "—"
    return target_text(value)


def escalations_text(rules: object) -> str:
    """The rules, one per line: "Resolution level 1 at 75 % of the target: raise …"."""
    try:
        parsed = rules_from_list(rules)
    except RuleError as error:
        return str(error)
    return "\n".join(
        tr("{rule}: {actions}").format(
            rule=rule.describe(), actions="; ".join(action_text(a) for a in rule.actions)
        )
        for rule in parsed
    ) or tr("none")


def compared_rows(version: PolicyVersionInfo) -> dict[str, tuple[str, str]]:
    """key → (label, text) of every row the history compares."""
    spec = version.spec
    rows: dict[str, tuple[str, str]] = {
        "calendar": (tr("Calendar"), version.calendar_name),
    }
    conditions = spec.get("conditions") or {}
    for field in CONDITION_FIELDS:
        values = conditions.get(field) or []
        if field == "priorities":
            text = ", ".join(priority_label(Priority(v)) for v in values)
        else:
            text = ", ".join(values)
        rows[f"condition:{field}"] = (
            condition_label(field).rstrip(":") if field != "priorities" else tr("Priority"),
            text or tr("any"),
        )
    for priority in Priority:
        for metric in Metric:
            rows[f"target:{priority.value}:{metric.value}"] = (
                f"{priority_label(priority)} · {metric_label(metric)}",
                _target_text(spec, priority, metric),
            )
    pauses = spec.get("pause_statuses") or []
    rows["pause"] = (
        tr("Paused while"),
        ", ".join(status_label(Status(s)) for s in pauses) or tr("never"),
    )
    rows["warning"] = (
        tr("At risk when left"),
        f"{round(float(spec.get('warning_fraction', 0.25)) * 100)} %",
    )
    rows["escalations"] = (tr("Escalation rules"), escalations_text(spec.get("escalations")))
    rows["review"] = (
        tr("Review by"),
        format_date(version.review_date) if version.review_date else "—",
    )
    rows["owner"] = (tr("Owner"), version.owner or "—")
    return rows


def describe_changes(older: PolicyVersionInfo, newer: PolicyVersionInfo) -> list[str]:
    """The differences from ``older`` to ``newer``, one sentence each."""
    before, after = compared_rows(older), compared_rows(newer)
    changes = []
    for key, (label, text) in after.items():
        old_text = before[key][1]
        if old_text != text:
            changes.append(tr("{what}: {old} → {new}").format(what=label, old=old_text, new=text))
    return changes


class VersionHistoryView(QWidget):
    """Every version of one policy, side by side, and what changed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._versions: list[PolicyVersionInfo] = []
        self.table = QTableWidget()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.setAccessibleName(self.tr("Versions side by side"))
        self.changes = QListWidget()
        self.changes.setAccessibleName(self.tr("What changed"))
        self.changes_title = QLabel()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 3)
        layout.addWidget(self.changes_title)
        layout.addWidget(self.changes, 1)
        self.table.currentCellChanged.connect(lambda _r, column, _pr, _pc: self._show(column))

    def set_versions(self, versions: Sequence[PolicyVersionInfo]) -> None:
        """Show ``versions`` (any order); the newest is selected."""
        self._versions = sorted(versions, key=lambda v: v.version)
        table = self.table
        table.clear()
        if not self._versions:
            table.setRowCount(0)
            table.setColumnCount(0)
            self.changes.clear()
            self.changes_title.setText(self.tr("This policy has not been saved yet."))
            return
        header_rows = [self.tr("Saved"), self.tr("By"), self.tr("Reason")]
        keys = list(compared_rows(self._versions[0]))
        labels = [compared_rows(self._versions[0])[key][0] for key in keys]
        # Targets nobody ever set only add noise: keep rows that some version fills.
        texts = [compared_rows(v) for v in self._versions]
        keep = [
            index
            for index, key in enumerate(keys)
            if not key.startswith("target:") or any(t[key][1] != "—" for t in texts)
        ]
        table.setRowCount(len(header_rows) + len(keep))
        table.setColumnCount(len(self._versions))
        table.setVerticalHeaderLabels(header_rows + [labels[i] for i in keep])
        table.setHorizontalHeaderLabels(
            [self.tr("Version {n}").format(n=v.version) for v in self._versions]
        )
        changed_brush = QBrush(QColor(255, 200, 0, 70))
        for column, version in enumerate(self._versions):
            heads = [format_instant(version.created_at), version.author, version.reason]
            for row, text in enumerate(heads):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                table.setItem(row, column, item)
            for offset, index in enumerate(keep):
                key = keys[index]
                text = texts[column][key][1]
                item = QTableWidgetItem(text)
                if column > 0 and texts[column - 1][key][1] != text:
                    font = QFont(item.font())
                    font.setBold(True)
                    item.setFont(font)
                    item.setBackground(changed_brush)
                    item.setToolTip(
                        self.tr("Changed from {old}").format(old=texts[column - 1][key][1])
                    )
                    item.setData(Qt.ItemDataRole.UserRole, True)
                table.setItem(len(header_rows) + offset, column, item)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        table.resizeRowsToContents()
        table.setCurrentCell(0, len(self._versions) - 1)
        self._show(len(self._versions) - 1)

    def changed_cells(self) -> list[tuple[str, int]]:
        """(row label, version number) of every highlighted cell (for tests and a11y)."""
        found = []
        for row in range(self.table.rowCount()):
            for column in range(self.table.columnCount()):
                item = self.table.item(row, column)
                if item is not None and item.data(Qt.ItemDataRole.UserRole):
                    label = self.table.verticalHeaderItem(row).text()
                    found.append((label, self._versions[column].version))
        return found

    def _show(self, column: int) -> None:
        self.changes.clear()
        if not (0 <= column < len(self._versions)):
            return
        version = self._versions[column]
        if column == 0:
            self.changes_title.setText(
                self.tr("Version {n} is the first version.").format(n=version.version)
            )
            return
        previous = self._versions[column - 1]
        changes = describe_changes(previous, version)
        self.changes_title.setText(
            self.tr("What changed from version {old} to {new}:").format(
                old=previous.version, new=version.version
            )
        )
        self.changes.addItems(changes or [self.tr("Nothing but the reason.")])

    def change_texts(self) -> list[str]:
        return [self.changes.item(i).text() for i in range(self.changes.count())]


class VersionHistoryDialog(QDialog):
    """The history of one policy, read in the background."""

    def __init__(
        self,
        workspace: Workspace,
        runner: TaskRunner,
        policy_id: int,
        policy_name: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("History of {name}").format(name=policy_name or policy_id))
        self.view = VersionHistoryView()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addWidget(buttons)
        self.resize(900, 640)

        def work(_context: TaskContext) -> list[PolicyVersionInfo]:
            with workspace.session() as session:
                return list_policy_versions(session, policy_id)

        runner.submit(self.tr("Reading policy history"), work, on_success=self.view.set_versions)
