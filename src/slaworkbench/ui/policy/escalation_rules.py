"""The policy editor's escalation rules: a table with one rule per row.

Each row: the metric, the level, the threshold (a share of the target, or an amount
before or after the due instant) and its value, and the actions — notify someone, raise
the priority, reassign to a team or an agent, add a tag. Every row checks itself as you
type; a row that cannot be a rule is named in one sentence under the table and its
field is marked. Rules that are valid but can never fire, or fire at the same instant as
another, are told in a hint below (the policy lint says the same). The rules are part of
the policy's spec, so saving them saves a new policy version.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from slaworkbench.app.policies.files import exact_duration_text
from slaworkbench.domain.escalation import (
    ActionKind,
    EscalationRule,
    Recipient,
    RuleError,
    ThresholdKind,
    parse_threshold,
    rule_from_dict,
    rule_problems,
)
from slaworkbench.domain.labels import metric_label
from slaworkbench.domain.model import Metric
from slaworkbench.i18n import tr
from slaworkbench.ui.policy.common import ErrorLabel, HintLabel, mark_invalid

COLUMNS = ("metric", "level", "threshold", "value", "notify", "raise", "reassign", "tag")


def _team_named(target: str) -> str | None:
    """The team a reassign field names ("team: Core", or the language's own prefix as the
    editor writes it, "equipa: Core"), or ``None`` for an agent's name."""
    translated = tr("team: {name}").format(name="").strip()
    for prefix in dict.fromkeys((translated, "team:")):
        if prefix and target.casefold().startswith(prefix.casefold()):
            return target[len(prefix) :].strip()
    return None


class RuleRow:
    """The widgets of one rule row; ``spec()`` is the rule in the policy file form."""

    def __init__(self, changed: Callable[[], None]) -> None:
        self.metric = QComboBox()
        for metric in Metric:
            self.metric.addItem(metric_label(metric), metric.value)
        self.metric.setCurrentIndex(list(Metric).index(Metric.RESOLUTION))
        self.level = QSpinBox()
        self.level.setRange(1, 9)
        self.threshold = QComboBox()
        for kind, text in (
            (ThresholdKind.SHARE, tr("% of target")),
            (ThresholdKind.BEFORE_DUE, tr("before due")),
            (ThresholdKind.AFTER_DUE, tr("after due")),
        ):
            self.threshold.addItem(text, kind.value)
        self.value = QLineEdit("75")
        self.value.setPlaceholderText(tr("75 or 2h"))
        self.notify = QComboBox()
        self.notify.addItem(tr("nobody"), "")
        for recipient, text in (
            (Recipient.ASSIGNEE, tr("the assignee")),
            (Recipient.TEAM_LEAD, tr("the team lead")),
            (Recipient.MANAGERS, tr("the managers")),
        ):
            self.notify.addItem(text, recipient.value)
        self.raise_priority = QCheckBox(tr("raise"))
        self.reassign = QLineEdit()
        self.reassign.setPlaceholderText(tr("agent, or team: name"))
        self.tag = QLineEdit()
        self.tag.setPlaceholderText(tr("tag"))
        for combo in (self.metric, self.threshold, self.notify):
            combo.currentIndexChanged.connect(lambda _i: changed())
        self.level.valueChanged.connect(lambda _v: changed())
        self.raise_priority.toggled.connect(lambda _on: changed())
        for edit in (self.value, self.reassign, self.tag):
            edit.textChanged.connect(lambda _t: changed())

    def widgets(self) -> tuple[QWidget, ...]:
        return (
            self.metric,
            self.level,
            self.threshold,
            self.value,
            self.notify,
            self.raise_priority,
            self.reassign,
            self.tag,
        )

    def show(self, rule: Mapping[str, Any]) -> None:
        self.metric.setCurrentIndex(max(0, self.metric.findData(rule.get("metric"))))
        self.level.setValue(int(rule.get("level", 1)))
        kind = str(rule.get("threshold", ThresholdKind.SHARE.value))
        self.threshold.setCurrentIndex(max(0, self.threshold.findData(kind)))
        value = rule.get("value", "")
        if kind != ThresholdKind.SHARE.value and isinstance(value, int):
            self.value.setText(exact_duration_text(value))
        else:
            self.value.setText(str(value))
        self.notify.setCurrentIndex(0)
        self.raise_priority.setChecked(False)
        self.reassign.clear()
        self.tag.clear()
        for action in rule.get("actions") or ():
            kind_of = action.get("do")
            if kind_of == ActionKind.NOTIFY.value:
                self.notify.setCurrentIndex(max(0, self.notify.findData(action.get("to"))))
            elif kind_of == ActionKind.RAISE_PRIORITY.value:
                self.raise_priority.setChecked(True)
            elif kind_of == ActionKind.REASSIGN.value:
                team = action.get("team")
                self.reassign.setText(
                    tr("team: {name}").format(name=team) if team else str(action.get("agent", ""))
                )
            elif kind_of == ActionKind.ADD_TAG.value:
                self.tag.setText(str(action.get("tag", "")))

    def spec(self) -> dict[str, Any]:
        actions: list[dict[str, Any]] = []
        if self.notify.currentData():
            actions.append({"do": ActionKind.NOTIFY.value, "to": self.notify.currentData()})
        if self.raise_priority.isChecked():
            actions.append({"do": ActionKind.RAISE_PRIORITY.value})
        target = self.reassign.text().strip()
        if target:
            team = _team_named(target)
            if team is not None:
                actions.append({"do": ActionKind.REASSIGN.value, "team": team})
            else:
                actions.append({"do": ActionKind.REASSIGN.value, "agent": target})
        if self.tag.text().strip():
            actions.append({"do": ActionKind.ADD_TAG.value, "tag": self.tag.text().strip()})
        return {
            "metric": self.metric.currentData(),
            "level": self.level.value(),
            "threshold": self.threshold.currentData(),
            "value": self.value.text().strip(),
            "actions": actions,
        }

    def field_for(self, problem: str) -> QWidget:
        """The field a problem sentence is about (to mark it)."""
        try:
            parse_threshold(ThresholdKind(self.threshold.currentData()), self.value.text())
        except RuleError:
            return self.value
        lowered = problem.casefold()
        if "a tag" in lowered or "the tag" in lowered:
            return self.tag
        if "reassign" in lowered or "agent" in lowered or "team" in lowered:
            return self.reassign
        if "action" in lowered:
            return self.notify
        return self.value


class EscalationRulesBox(QGroupBox):
    """The escalation rules of the policy being edited."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Escalation rules"), parent)
        self.rows: list[RuleRow] = []
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("escalation_rules_table")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Metric"),
                self.tr("Level"),
                self.tr("Threshold"),
                self.tr("Value"),
                self.tr("Notify"),
                self.tr("Priority"),
                self.tr("Reassign to"),
                self.tr("Add tag"),
            ]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COLUMNS.index("value"), QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COLUMNS.index("reassign"), QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COLUMNS.index("tag"), QHeaderView.ResizeMode.Stretch)
        self.add_button = QPushButton(self.tr("&Add rule"))
        self.remove_button = QPushButton(self.tr("Remove rule"))
        self.add_button.clicked.connect(lambda: self.add_rule())
        self.remove_button.clicked.connect(self._remove_selected)
        self.error = ErrorLabel()
        self.warnings = HintLabel()
        self.warnings.setVisible(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addWidget(self.error)
        layout.addWidget(self.warnings)
        layout.addWidget(
            HintLabel(
                self.tr(
                    "A rule fires once per cycle of its metric when the threshold is reached: "
                    "a share of the target (75), or business time before or after the due "
                    "instant (30m, 2h). Reassign to an agent by name, or to a team as "
                    "“team: name”."
                )
            )
        )
        self._fit()

    def _fit(self) -> None:
        rows = max(1, len(self.rows))
        height = self.table.horizontalHeader().height() + 4
        height += sum(self.table.rowHeight(row) for row in range(len(self.rows))) or 30 * rows
        self.table.setFixedHeight(height + 2)
        self.remove_button.setEnabled(bool(self.rows))

    def add_rule(self, rule: Mapping[str, Any] | None = None) -> RuleRow:
        row = RuleRow(self.changed.emit)
        if rule is not None:
            row.show(rule)
        else:
            used = {r.level.value() for r in self.rows if r.metric.currentData() == "resolution"}
            free = [level for level in range(1, 10) if level not in used]
            row.level.setValue(free[0] if free else 9)
        number = len(self.rows)
        self.rows.append(row)
        self.table.insertRow(number)
        for column, widget in enumerate(row.widgets()):
            self.table.setCellWidget(number, column, widget)
        self.table.resizeRowsToContents()
        self._fit()
        if rule is None:
            self.changed.emit()
        return row

    def _remove_selected(self) -> None:
        selected = sorted({index.row() for index in self.table.selectedIndexes()})
        if not selected and self.rows:
            selected = [len(self.rows) - 1]
        for number in reversed(selected):
            self.table.removeRow(number)
            del self.rows[number]
        self._fit()
        self.changed.emit()

    def show_rules(self, rules: object) -> None:
        while self.rows:
            self.table.removeRow(len(self.rows) - 1)
            self.rows.pop()
        for rule in rules if isinstance(rules, list | tuple) else ():
            if isinstance(rule, Mapping):
                self.add_rule(rule)
        self._fit()

    def spec(self) -> list[dict[str, Any]]:
        return [row.spec() for row in self.rows]

    def validate(self, targets: Mapping[Any, Mapping[Metric, int]] | None) -> bool:
        """Check every row; say what is wrong under the table. ``targets`` (when the
        targets are valid) let it also tell rules that never fire or duplicate."""
        problems: list[str] = []
        rules: list[EscalationRule] = []
        seen: dict[tuple[str, int], int] = {}
        for number, row in enumerate(self.rows, start=1):
            for widget in (row.value, row.reassign, row.tag, row.notify):
                mark_invalid(widget, False, "")
            try:
                rule = rule_from_dict(row.spec())
            except RuleError as error:
                message = str(error)
                problems.append(self.tr("Rule {n}: {problem}").format(n=number, problem=message))
                mark_invalid(row.field_for(message), True, message)
                continue
            key = (rule.metric.value, rule.level)
            if key in seen:
                message = self.tr("rule {other} is already level {level} of {metric}.").format(
                    other=seen[key], level=rule.level, metric=metric_label(rule.metric)
                )
                problems.append(self.tr("Rule {n}: {problem}").format(n=number, problem=message))
                mark_invalid(row.value, True, message)
                continue
            seen[key] = number
            rules.append(rule)
        self.error.show_error("\n".join(problems) or None)
        warnings = rule_problems(rules, targets) if targets is not None and not problems else []
        self.warnings.setText("\n".join(warnings))
        self.warnings.setVisible(bool(warnings))
        return not problems
