"""The policy editor's fields (conditions, targets per priority and metric, calendar,
pauses, ownership), the policy spec they hold, and whether it is valid. Targets are
business durations (``30m``, ``4h``, ``1d 2h``); an empty cell is "not measured". Every
field checks itself as you type and says what is wrong next to it.

The draft is **the shown version plus what was typed**: a field left as it was shown
keeps the saved value exactly (a target of whole seconds, a warning threshold of 12.5 %,
a customer whose name holds a comma), so an unchanged form is the saved version and a
what-if over it flips nothing. Saving and versions are ``policy_editor``'s part.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from slaworkbench import formatting
from slaworkbench.app.policies.files import exact_duration_text
from slaworkbench.app.policies.ordering import OrderEntry
from slaworkbench.domain.calendar.business import BusinessCalendar
from slaworkbench.domain.durations import LONGEST_TARGET, LONGEST_TARGET_TEXT, parse_duration
from slaworkbench.domain.labels import condition_label, metric_label, priority_label, status_label
from slaworkbench.domain.model import Metric, Priority, Status
from slaworkbench.domain.policy import (
    CONDITION_FIELDS,
    DEFAULT_WARNING_FRACTION,
    Policy,
    policy_from_dict,
)
from slaworkbench.store.policies.editing import ConditionValues
from slaworkbench.ui.date_edit import date_edit_format
from slaworkbench.ui.policy.common import (
    ErrorLabel,
    HintLabel,
    ListCompleter,
    from_qdate,
    guard_wheel,
    mark_invalid,
    to_qdate,
)
from slaworkbench.ui.policy.escalation_rules import EscalationRulesBox
from slaworkbench.ui.policy.new_policy_place import NewPolicyPlace

PAUSABLE = (Status.NEW, Status.OPEN, Status.PENDING, Status.ON_HOLD)
TEXT_CONDITIONS = tuple(name for name in CONDITION_FIELDS if name != "priorities")


def _row(*widgets: QWidget, stretch: bool = True) -> QHBoxLayout:
    row = QHBoxLayout()
    for number, widget in enumerate(widgets):
        row.addWidget(widget, 0 if stretch or number else 1)
    if stretch:
        row.addStretch(1)
    return row


def _with_error(row: QHBoxLayout, error: ErrorLabel) -> QVBoxLayout:
    box = QVBoxLayout()
    box.setSpacing(2)
    box.addLayout(row)
    box.addWidget(error)
    return box


def target_text(value: object) -> str:
    """A stored target (seconds, or text in a hand-written spec) as the cell shows it."""
    if value is None:
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return exact_duration_text(int(value))
    return str(value)


class PolicyForm(QWidget):
    """The policy's fields; ``draft()`` is what they hold, or ``None`` while invalid."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._calendars: dict[str, BusinessCalendar] = {}
        self._draft: Policy | None = None
        self._loading = False
        self._dirty = False
        self._policy_id: int | None = None
        # What each field showed when loaded, with the saved value behind it.
        self._shown_targets: dict[tuple[Priority, Metric], tuple[str, Any]] = {}
        self._shown_conditions: dict[str, tuple[str, list[str]]] = {}
        self._shown_warning: tuple[int, float] = (25, DEFAULT_WARNING_FRACTION)

        self.title = QLabel()
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.name = QLineEdit()
        self.name_error = ErrorLabel()
        self.active = QCheckBox(self.tr("Active"))
        self.place = NewPolicyPlace()
        self.place_label = QLabel(self.tr("&Tried:"))
        self.place_label.setBuddy(self.place.combo)
        self.error = ErrorLabel()
        self.completers: dict[str, ListCompleter] = {}
        self._body = QWidget()
        body = QVBoxLayout(self._body)
        header = QFormLayout()
        name_label = QLabel(self.tr("&Name:"))
        name_label.setBuddy(self.name)
        name_row = _row(self.name, self.active, stretch=False)
        header.addRow(name_label, _with_error(name_row, self.name_error))
        header.addRow(self.place_label, self.place)
        body.addWidget(self.title)
        body.addLayout(header)
        body.addWidget(self._conditions_box())
        body.addWidget(self._targets_box())
        self.escalations = EscalationRulesBox()
        self.escalations.changed.connect(self._changed)
        body.addWidget(self.escalations)
        body.addWidget(self._counting_box())
        body.addWidget(self._owner_box())
        body.addStretch(1)
        guard_wheel(self.calendar, self.warning, self.review_date)
        self.name.textChanged.connect(lambda _t: self._changed())
        self.active.toggled.connect(lambda _on: self._changed())
        self.place.changed.connect(self._changed)

    def form_area(self) -> QScrollArea:
        """The fields in a frameless scroll area, for the owner's layout."""
        scroll = QScrollArea()
        scroll.setWidget(self._body)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        return scroll

    def _conditions_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Applies to tickets where"))
        form = QFormLayout(box)
        self.priority_checks = {p: QCheckBox(priority_label(p)) for p in Priority}
        for check in self.priority_checks.values():
            check.toggled.connect(lambda _on: self._changed())
        form.addRow(self.tr("Priority is one of:"), _row(*self.priority_checks.values()))
        self.condition_edits: dict[str, QLineEdit] = {}
        for field in TEXT_CONDITIONS:
            edit = QLineEdit()
            edit.setPlaceholderText(self.tr("any (or a comma-separated list)"))
            edit.textChanged.connect(lambda _t: self._changed())
            completer = ListCompleter([], edit)
            edit.setCompleter(completer)
            self.completers[field] = completer
            self.condition_edits[field] = edit
            form.addRow(condition_label(field), edit)
        form.addRow(
            HintLabel(
                self.tr(
                    "Every filled condition must hold; an empty one matches anything. "
                    "Tags match when the ticket has at least one of them. "
                    "Values already in use are suggested as you type."
                )
            )
        )
        return box

    def _targets_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Targets in business time"))
        layout = QVBoxLayout(box)
        grid = QGridLayout()
        self.target_edits: dict[tuple[Priority, Metric], QLineEdit] = {}
        for column, metric in enumerate(Metric, start=1):
            grid.addWidget(QLabel(metric_label(metric)), 0, column)
        for row, priority in enumerate(Priority, start=1):
            grid.addWidget(QLabel(priority_label(priority)), row, 0)
            for column, metric in enumerate(Metric, start=1):
                edit = QLineEdit()
                edit.setPlaceholderText("—")
                edit.setAccessibleName(
                    self.tr("{priority} {metric} target").format(
                        priority=priority_label(priority), metric=metric_label(metric)
                    )
                )
                edit.textChanged.connect(lambda _t: self._changed())
                grid.addWidget(edit, row, column)
                self.target_edits[(priority, metric)] = edit
        layout.addLayout(grid)
        layout.addWidget(
            HintLabel(
                self.tr(
                    "Write durations like 30m, 4h or 1d 2h (1d is 24 hours of business time); "
                    "leave a cell empty not to measure it."
                )
            )
        )
        self.targets_error = ErrorLabel()
        layout.addWidget(self.targets_error)
        return box

    def _counting_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("How time counts"))
        form = QFormLayout(box)
        self.calendar = QComboBox()
        self.calendar.currentIndexChanged.connect(lambda _i: self._changed())
        self.calendar_error = ErrorLabel()
        calendar_label = QLabel(self.tr("&Calendar:"))
        calendar_label.setBuddy(self.calendar)
        form.addRow(
            calendar_label, _with_error(_row(self.calendar, stretch=False), self.calendar_error)
        )
        self.pause_checks = {status: QCheckBox(status_label(status)) for status in PAUSABLE}
        for check in self.pause_checks.values():
            check.toggled.connect(lambda _on: self._changed())
        form.addRow(self.tr("Paused while:"), _row(*self.pause_checks.values()))
        self.warning = QSpinBox()
        self.warning.setRange(0, 99)
        self.warning.setSuffix(formatting.percent_suffix())
        self.warning.valueChanged.connect(lambda _v: self._changed())
        warning_row = _row(
            self.warning, QLabel(self.tr("of the target remains (at risk from then on)"))
        )
        form.addRow(self.tr("At risk when:"), warning_row)
        return box

    def _owner_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Ownership"))
        form = QFormLayout(box)
        self.owner = QLineEdit()
        self.owner.textChanged.connect(lambda _t: self._changed())
        self.has_review = QCheckBox(self.tr("Review by"))
        self.review_date = QDateEdit()
        self.review_date.setDisplayFormat(date_edit_format())
        self.review_date.setCalendarPopup(True)
        self.review_date.setDate(QDate.currentDate().addMonths(6))
        self.review_date.setEnabled(False)
        self.has_review.toggled.connect(self.review_date.setEnabled)
        self.has_review.toggled.connect(lambda _on: self._changed())
        self.review_date.dateChanged.connect(lambda _d: self._changed())
        form.addRow(self.tr("&Owner:"), self.owner)
        form.addRow(self.tr("Review:"), _row(self.has_review, self.review_date))
        return box

    def set_order(self, entries: Sequence[OrderEntry] | None) -> None:
        """Offer the places a new policy can take among ``entries`` (the current order);
        ``None`` hides the choice (a saved policy keeps its place; drag it in the list)."""
        if entries is not None:
            self.place.set_order(entries)
        for widget in (self.place, self.place_label):
            widget.setVisible(entries is not None)

    def new_position(self) -> int | None:
        """Where a new policy goes in the order (0 = tried first); ``None`` for a saved one."""
        return None if self.place.isHidden() else self.place.position()

    def set_condition_values(self, values: ConditionValues) -> None:
        """Suggest the values tickets carry today in the condition fields."""
        for field, completer in self.completers.items():
            completer.set_values(getattr(values, field))

    def set_calendars(self, calendars: dict[str, BusinessCalendar]) -> None:
        self._calendars = dict(calendars)
        self.calendar.clear()
        self.calendar.addItems(sorted(self._calendars))

    def _show_spec(
        self, spec: dict[str, Any], *, review: dt.date | None, owner: str | None
    ) -> None:
        self.name.setText(str(spec.get("name", "")))
        self.active.setChecked(bool(spec.get("active", True)))
        conditions = spec.get("conditions") or {}
        for priority, check in self.priority_checks.items():
            check.setChecked(priority.value in (conditions.get("priorities") or ()))
        self._shown_conditions = {}
        for field, edit in self.condition_edits.items():
            values = sorted(str(v) for v in conditions.get(field) or ())
            edit.setText(", ".join(values))
            self._shown_conditions[field] = (edit.text(), values)
        targets = spec.get("targets") or {}
        self._shown_targets = {}
        for (priority, metric), edit in self.target_edits.items():
            value = (targets.get(priority.value) or {}).get(metric.value)
            edit.setText(target_text(value))
            if value is not None:
                self._shown_targets[(priority, metric)] = (edit.text(), value)
        self.escalations.show_rules(spec.get("escalations"))
        index = self.calendar.findText(str(spec.get("calendar", "")))
        self.calendar.setCurrentIndex(index)
        pauses = set(spec.get("pause_statuses") or ())
        for status, check in self.pause_checks.items():
            check.setChecked(status.value in pauses)
        fraction = spec.get("warning_fraction", DEFAULT_WARNING_FRACTION)
        self.warning.setValue(round(float(fraction) * 100))
        self._shown_warning = (self.warning.value(), fraction)
        self.owner.setText(owner or "")
        self.has_review.setChecked(review is not None)
        if review is not None:
            self.review_date.setDate(to_qdate(review))

    def _changed(self) -> None:
        if self._loading:
            return
        self._dirty = True
        self._validate()

    def is_dirty(self) -> bool:
        return self._dirty

    def spec(self) -> dict[str, Any]:
        """The policy as shown and typed, in the ``policy_to_dict`` shape. A field still
        showing what was loaded gives the loaded value itself; an edited one, its text."""
        conditions: dict[str, list[str]] = {
            "priorities": [
                p.value for p, check in self.priority_checks.items() if check.isChecked()
            ]
        }
        for field, edit in self.condition_edits.items():
            shown_text, shown_values = self._shown_conditions.get(field, ("", []))
            conditions[field] = (
                list(shown_values)
                if edit.text() == shown_text
                else sorted({part.strip() for part in edit.text().split(",") if part.strip()})
            )
        targets: dict[str, dict[str, Any]] = {}
        for key, edit in self.target_edits.items():
            text = edit.text().strip()
            if text:
                shown = self._shown_targets.get(key)
                value = shown[1] if shown is not None and text == shown[0].strip() else text
                targets.setdefault(key[0].value, {})[key[1].value] = value
        shown_percent, shown_fraction = self._shown_warning
        return {
            "id": self._policy_id or 0,
            "name": self.name.text().strip(),
            "active": self.active.isChecked(),
            "conditions": conditions,
            "targets": targets,
            "calendar": self.calendar.currentText(),
            "pause_statuses": [
                s.value for s, check in self.pause_checks.items() if check.isChecked()
            ],
            "warning_fraction": shown_fraction
            if self.warning.value() == shown_percent
            else self.warning.value() / 100,
            "escalations": self.escalations.spec(),
        }

    def review(self) -> dt.date | None:
        return from_qdate(self.review_date.date()) if self.has_review.isChecked() else None

    def _validate(self) -> Policy | None:
        ok = True
        name_problem = None if self.name.text().strip() else self.tr("Give the policy a name.")
        self.name_error.show_error(name_problem)
        mark_invalid(self.name, name_problem is not None, name_problem or "")
        ok &= name_problem is None
        problems = []
        measured = 0
        seconds: dict[Priority, dict[Metric, int]] = {}
        for (priority, metric), edit in self.target_edits.items():
            text = edit.text().strip()
            measured += bool(text)
            message = self._target_problem(text) if text else ""
            if text and not message:
                seconds.setdefault(priority, {})[metric] = parse_duration(text)
            if message:
                problems.append(
                    self.tr("{priority} · {metric}: {message}").format(
                        priority=priority_label(priority),
                        metric=metric_label(metric),
                        message=message,
                    )
                )
            mark_invalid(edit, bool(message), message)
        if not problems and not measured:
            problems.append(self.tr("Give at least one priority a target, e.g. 4h."))
        self.targets_error.show_error("\n".join(problems) or None)
        ok &= not problems
        ok &= self.escalations.validate(seconds if not problems else None)
        calendar_name = self.calendar.currentText()
        calendar_problem = (
            None if calendar_name in self._calendars else self.tr("Pick the calendar it counts in.")
        )
        self.calendar_error.show_error(calendar_problem)
        ok &= calendar_problem is None
        draft = None
        problem = None
        if ok:
            calendar = self._calendars[calendar_name]
            try:
                draft = policy_from_dict(self.spec(), lambda _name: calendar)
            except ValueError as error:
                problem = str(error)
        self.error.show_error(problem)
        self._draft = draft
        self._update_actions(draft)
        return draft

    def _target_problem(self, text: str) -> str:
        try:
            seconds = parse_duration(text)
        except ValueError as error:
            return str(error)
        if seconds <= 0:
            return self.tr("a target must be longer than zero.")
        if seconds > LONGEST_TARGET:
            return self.tr("a target can be at most {longest}.").format(longest=LONGEST_TARGET_TEXT)
        return ""

    def _update_actions(self, draft: Policy | None) -> None:
        """Enable what the owner offers for a valid (or invalid) draft."""

    def draft(self) -> Policy | None:
        """The policy as edited (unsaved), or ``None`` while something is wrong."""
        return self._draft
