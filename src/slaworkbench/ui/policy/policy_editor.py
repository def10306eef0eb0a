"""The policy editor: conditions, targets per priority and metric, calendar, pauses, review.

Targets are typed as business durations (``30m``, ``4h``, ``1d 2h``); an empty cell means
"not measured". Every field checks itself as you type and says what is wrong next to it;
Save stays disabled while anything is wrong. Saving asks for a reason and writes a new
immutable version (on the writer thread), then queues a recompute of open tickets.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from slaworkbench.app.tasks import TaskContext, TaskRunner
from slaworkbench.domain.calendar import BusinessCalendar
from slaworkbench.domain.durations import format_duration, parse_duration
from slaworkbench.domain.model import DEFAULT_PAUSE_STATUSES, Metric, Priority, Status
from slaworkbench.domain.policy import (
    CONDITION_FIELDS,
    DEFAULT_WARNING_FRACTION,
    Policy,
    policy_from_dict,
)
from slaworkbench.store.policies import (
    list_calendars,
    list_policies,
    list_policy_versions,
    load_calendar,
    save_policy_version,
    set_policy_active,
)
from slaworkbench.store.schema import PolicyVersion
from slaworkbench.store.workspace import Workspace
from slaworkbench.ui.policy.common import ErrorLabel, HintLabel, from_qdate, mark_invalid, to_qdate
from slaworkbench.ui.policy.labels import (
    condition_label,
    metric_label,
    priority_label,
    status_label,
)

PAUSABLE = (Status.NEW, Status.OPEN, Status.PENDING, Status.ON_HOLD)
TEXT_CONDITIONS = tuple(name for name in CONDITION_FIELDS if name != "priorities")


class ReasonDialog(QDialog):
    """Why is this version being saved? (Required: it goes into the version history.)"""

    def __init__(self, policy_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Save a new version"))
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText(self.tr("e.g. Gold customers now get a 2 h first response"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.ok.setEnabled(False)
        self.text.textChanged.connect(
            lambda: self.ok.setEnabled(bool(self.text.toPlainText().strip()))
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                self.tr(
                    "Why are you changing “{name}”? The reason is kept with the version."
                ).format(name=policy_name)
            )
        )
        layout.addWidget(self.text)
        layout.addWidget(buttons)

    def reason(self) -> str:
        return self.text.toPlainText().strip()


def _split(text: str) -> list[str]:
    return sorted({part.strip() for part in text.split(",") if part.strip()})


class PolicyEditor(QWidget):
    """Edit one policy. ``saved(policy_id)`` after a new version was written."""

    saved = Signal(int)
    whatif_requested = Signal(object)
    """A draft ``Policy`` to replay (the owner opens the what-if view)."""
    history_requested = Signal(int)
    validity_changed = Signal(bool)

    def __init__(
        self,
        workspace: Workspace,
        runner: TaskRunner,
        *,
        author: str,
        on_saved: Callable[[], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._runner = runner
        self._author = author
        self._on_saved = on_saved
        self._policy_id: int | None = None
        self._lock_version: int | None = None
        self._calendars: dict[str, BusinessCalendar] = {}
        self._draft: Policy | None = None
        self._loading = False
        self._dirty = False
        self.ask_reason: Callable[[str], str | None] = self._ask_reason

        self.title = QLabel()
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)

        self.name = QLineEdit()
        self.name_error = ErrorLabel()
        self.active = QCheckBox(self.tr("Active"))
        name_row = QHBoxLayout()
        name_row.addWidget(self.name, 1)
        name_row.addWidget(self.active)
        name_box = QVBoxLayout()
        name_box.setSpacing(2)
        name_box.addLayout(name_row)
        name_box.addWidget(self.name_error)

        # -- conditions ------------------------------------------------------------------
        conditions_box = QGroupBox(self.tr("Applies to tickets where"))
        conditions = QFormLayout(conditions_box)
        priority_row = QHBoxLayout()
        self.priority_checks: dict[Priority, QCheckBox] = {}
        for priority in Priority:
            check = QCheckBox(priority_label(priority))
            check.toggled.connect(lambda _on: self._changed())
            priority_row.addWidget(check)
            self.priority_checks[priority] = check
        priority_row.addStretch(1)
        conditions.addRow(self.tr("Priority is one of:"), priority_row)
        self.condition_edits: dict[str, QLineEdit] = {}
        for field in TEXT_CONDITIONS:
            edit = QLineEdit()
            edit.setPlaceholderText(self.tr("any (or a comma-separated list)"))
            edit.textChanged.connect(lambda _t: self._changed())
            self.condition_edits[field] = edit
            conditions.addRow(condition_label(field), edit)
        conditions.addRow(
            HintLabel(
                self.tr(
                    "Every filled condition must hold; an empty one matches anything. "
                    "Tags match when the ticket has at least one of them."
                )
            )
        )

        # -- targets ---------------------------------------------------------------------
        targets_box = QGroupBox(self.tr("Targets in business time"))
        targets_layout = QVBoxLayout(targets_box)
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
        targets_layout.addLayout(grid)
        targets_layout.addWidget(
            HintLabel(
                self.tr(
                    "Write durations like 30m, 4h or 1d 2h (1d is 24 hours of business time); "
                    "leave a cell empty not to measure it."
                )
            )
        )
        self.targets_error = ErrorLabel()
        targets_layout.addWidget(self.targets_error)

        # -- counting --------------------------------------------------------------------
        counting_box = QGroupBox(self.tr("How time counts"))
        counting = QFormLayout(counting_box)
        self.calendar = QComboBox()
        self.calendar.currentIndexChanged.connect(lambda _i: self._changed())
        self.calendar_error = ErrorLabel()
        calendar_box = QVBoxLayout()
        calendar_box.setSpacing(2)
        calendar_box.addWidget(self.calendar)
        calendar_box.addWidget(self.calendar_error)
        calendar_label = QLabel(self.tr("&Calendar:"))
        calendar_label.setBuddy(self.calendar)
        counting.addRow(calendar_label, calendar_box)
        pause_row = QHBoxLayout()
        self.pause_checks: dict[Status, QCheckBox] = {}
        for status in PAUSABLE:
            check = QCheckBox(status_label(status))
            check.toggled.connect(lambda _on: self._changed())
            pause_row.addWidget(check)
            self.pause_checks[status] = check
        pause_row.addStretch(1)
        counting.addRow(self.tr("Paused while:"), pause_row)
        self.warning = QSpinBox()
        self.warning.setRange(0, 99)
        self.warning.setSuffix(" %")
        self.warning.valueChanged.connect(lambda _v: self._changed())
        warning_row = QHBoxLayout()
        warning_row.addWidget(self.warning)
        warning_row.addWidget(QLabel(self.tr("of the target remains (at risk from then on)")))
        warning_row.addStretch(1)
        counting.addRow(self.tr("At risk when:"), warning_row)

        # -- ownership -------------------------------------------------------------------
        owner_box = QGroupBox(self.tr("Ownership"))
        owner_form = QFormLayout(owner_box)
        self.owner = QLineEdit()
        self.owner.textChanged.connect(lambda _t: self._changed())
        self.has_review = QCheckBox(self.tr("Review by"))
        self.review_date = QDateEdit()
        self.review_date.setCalendarPopup(True)
        self.review_date.setDate(QDate.currentDate().addMonths(6))
        self.review_date.setEnabled(False)
        self.has_review.toggled.connect(self.review_date.setEnabled)
        self.has_review.toggled.connect(lambda _on: self._changed())
        self.review_date.dateChanged.connect(lambda _d: self._changed())
        review_row = QHBoxLayout()
        review_row.addWidget(self.has_review)
        review_row.addWidget(self.review_date)
        review_row.addStretch(1)
        owner_form.addRow(self.tr("&Owner:"), self.owner)
        owner_form.addRow(self.tr("Review:"), review_row)

        # -- buttons ---------------------------------------------------------------------
        self.error = ErrorLabel()
        self.history_button = QPushButton(self.tr("&History"))
        self.whatif_button = QPushButton(self.tr("&What if…"))
        self.revert_button = QPushButton(self.tr("Re&vert"))
        self.save_button = QPushButton(self.tr("&Save…"))
        self.save_button.setDefault(True)
        self.history_button.clicked.connect(
            lambda: self._policy_id is not None and self.history_requested.emit(self._policy_id)
        )
        self.whatif_button.clicked.connect(self._request_whatif)
        self.revert_button.clicked.connect(self.revert)
        self.save_button.clicked.connect(self.save)
        buttons = QHBoxLayout()
        buttons.addWidget(self.history_button)
        buttons.addWidget(self.whatif_button)
        buttons.addStretch(1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)

        body = QWidget()
        body_layout = QVBoxLayout(body)
        header = QFormLayout()
        name_label = QLabel(self.tr("&Name:"))
        name_label.setBuddy(self.name)
        header.addRow(name_label, name_box)
        body_layout.addWidget(self.title)
        body_layout.addLayout(header)
        body_layout.addWidget(conditions_box)
        body_layout.addWidget(targets_box)
        body_layout.addWidget(counting_box)
        body_layout.addWidget(owner_box)
        body_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)

        self.name.textChanged.connect(lambda _t: self._changed())
        self.active.toggled.connect(lambda _on: self._changed())
        self.new_policy()

    # -- loading -----------------------------------------------------------------------

    def policy_id(self) -> int | None:
        return self._policy_id

    def load(self, policy_id: int | None) -> None:
        """Show the current version of a policy (``None``: a new, empty policy)."""
        workspace = self._workspace

        def work(_context: TaskContext) -> dict[str, Any]:
            with workspace.session() as session:
                calendars = {
                    info.name: load_calendar(session, info.name) for info in list_calendars(session)
                }
                if policy_id is None:
                    return {"calendars": calendars}
                info = next(i for i in list_policies(session) if i.id == policy_id)
                versions = list_policy_versions(session, policy_id)
            return {"calendars": calendars, "info": info, "current": versions[0]}

        self._runner.submit(
            self.tr("Reading policy"),
            work,
            on_success=self._loaded,
            on_failure=self.error.show_error,
        )

    def new_policy(self) -> None:
        self.load(None)

    def _loaded(self, data: Any) -> None:
        self._calendars = dict(data["calendars"])
        self._loading = True
        self.calendar.clear()
        self.calendar.addItems(sorted(self._calendars))
        info = data.get("info")
        version = data.get("current")
        if info is None or version is None:
            self._policy_id = None
            self._lock_version = None
            self.title.setText(self.tr("New policy"))
            self._show_spec(
                {
                    "name": "",
                    "active": True,
                    "conditions": {},
                    "targets": {},
                    "calendar": "Standard business hours"
                    if "Standard business hours" in self._calendars
                    else (sorted(self._calendars) or [""])[0],
                    "pause_statuses": sorted(s.value for s in DEFAULT_PAUSE_STATUSES),
                    "warning_fraction": DEFAULT_WARNING_FRACTION,
                },
                review=None,
                owner=None,
            )
        else:
            self._policy_id = info.id
            self._lock_version = info.lock_version
            self.title.setText(
                self.tr("{name} — version {version}").format(
                    name=info.name, version=version.version
                )
            )
            spec = dict(version.spec)
            spec["name"] = info.name
            spec["active"] = info.active
            spec["calendar"] = version.calendar_name
            self._show_spec(spec, review=version.review_date, owner=version.owner)
        self._loading = False
        self._dirty = False
        self.history_button.setEnabled(self._policy_id is not None)
        self._validate()

    def _show_spec(
        self, spec: dict[str, Any], *, review: dt.date | None, owner: str | None
    ) -> None:
        self.name.setText(str(spec.get("name", "")))
        self.active.setChecked(bool(spec.get("active", True)))
        conditions = spec.get("conditions") or {}
        for priority, check in self.priority_checks.items():
            check.setChecked(priority.value in (conditions.get("priorities") or ()))
        for field, edit in self.condition_edits.items():
            edit.setText(", ".join(conditions.get(field) or ()))
        targets = spec.get("targets") or {}
        for (priority, metric), edit in self.target_edits.items():
            value = (targets.get(priority.value) or {}).get(metric.value)
            edit.setText(
                ""
                if value is None
                else (value if isinstance(value, str) else format_duration(int(value)))
            )
        index = self.calendar.findText(str(spec.get("calendar", "")))
        self.calendar.setCurrentIndex(index)
        pauses = set(spec.get("pause_statuses") or ())
        for status, check in self.pause_checks.items():
            check.setChecked(status.value in pauses)
        self.warning.setValue(round(float(spec.get("warning_fraction", 0.25)) * 100))
        self.owner.setText(owner or "")
        self.has_review.setChecked(review is not None)
        if review is not None:
            self.review_date.setDate(to_qdate(review))

    # -- checking ----------------------------------------------------------------------

    def _changed(self) -> None:
        if self._loading:
            return
        self._dirty = True
        self._validate()

    def is_dirty(self) -> bool:
        return self._dirty

    def spec(self) -> dict[str, Any]:
        """The policy as typed, in the ``policy_to_dict`` shape (targets as text)."""
        conditions: dict[str, list[str]] = {
            "priorities": [
                p.value for p, check in self.priority_checks.items() if check.isChecked()
            ]
        }
        for field, edit in self.condition_edits.items():
            conditions[field] = _split(edit.text())
        targets: dict[str, dict[str, str]] = {}
        for (priority, metric), edit in self.target_edits.items():
            if edit.text().strip():
                targets.setdefault(priority.value, {})[metric.value] = edit.text().strip()
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
            "warning_fraction": self.warning.value() / 100,
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
        for (priority, metric), edit in self.target_edits.items():
            text = edit.text().strip()
            message = ""
            if text:
                try:
                    seconds = parse_duration(text)
                except ValueError as error:
                    message = str(error)
                else:
                    if seconds <= 0:
                        message = self.tr("a target must be longer than zero.")
                    measured += 1
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
        self.save_button.setEnabled(draft is not None and self._dirty)
        self.revert_button.setEnabled(self._dirty)
        self.whatif_button.setEnabled(draft is not None)
        self.validity_changed.emit(draft is not None)
        return draft

    def draft(self) -> Policy | None:
        """The policy as edited (unsaved), or ``None`` while something is wrong."""
        return self._draft

    # -- actions -----------------------------------------------------------------------

    def _request_whatif(self) -> None:
        draft = self._validate()
        if draft is not None:
            self.whatif_requested.emit(draft)

    def revert(self) -> None:
        self.load(self._policy_id)

    def _ask_reason(self, name: str) -> str | None:
        dialog = ReasonDialog(name, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.reason()

    def save(self) -> None:
        draft = self._validate()
        if draft is None or not self.save_button.isEnabled():
            return
        reason = self.ask_reason(draft.name)
        if not reason:
            return
        workspace, author = self._workspace, self._author
        policy_id, lock = self._policy_id, self._lock_version
        spec, review, owner = self.spec(), self.review(), self.owner.text().strip() or None
        calendar_name = self.calendar.currentText()

        def work(_context: TaskContext) -> int:
            with workspace.session(write=True) as session:
                version_id = save_policy_version(
                    session,
                    policy_id,
                    spec,
                    calendar_name=calendar_name,
                    author=author,
                    reason=reason,
                    review_date=review,
                    owner=owner,
                    expected_version=lock,
                )
                saved_id = session.execute(
                    select(PolicyVersion.policy_id).where(PolicyVersion.id == version_id)
                ).scalar_one()
                if policy_id is None and not spec["active"]:
                    set_policy_active(session, saved_id, False)
                elif policy_id is not None:
                    current = next(i for i in list_policies(session) if i.id == policy_id)
                    if current.active != spec["active"]:
                        set_policy_active(session, policy_id, bool(spec["active"]))
                return int(saved_id)

        self.save_button.setEnabled(False)
        self._runner.submit(
            self.tr("Saving policy"),
            work,
            writer=True,
            on_success=self._saved,
            on_failure=self._save_failed,
        )

    def _saved(self, policy_id: Any) -> None:
        self._dirty = False
        self.saved.emit(int(policy_id))
        if self._on_saved is not None:
            self._on_saved()
        self.load(int(policy_id))

    def _save_failed(self, message: str) -> None:
        self.error.show_error(message)
        self.save_button.setEnabled(self._draft is not None)
