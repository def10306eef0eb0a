"""The policy editor: the form (``policy_form``) plus loading, saving versions and files.

Save stays disabled while anything is wrong. Saving asks for a reason and writes a new
immutable version (``app.policies.saving``, on the writer thread); a new policy goes
where the user put it in the order, before any catch-all unless told otherwise. Every
save is announced on the window's change notice (``Changes(policies=True)``).
Export writes the policy as shown, with its calendar, to a policy file; Import checks a
whole file before anything is written and saves it as a new version (of the policy with
its name, or a new policy), again with a reason.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from slaworkbench.app.permissions import Role, may
from slaworkbench.app.policies.files import PolicyFile, policy_to_json, read_policy_file
from slaworkbench.app.policies.ordering import read_order
from slaworkbench.app.policies.saving import (
    PolicyEdit,
    SavedPolicy,
    import_policy_file,
    save_policy,
)
from slaworkbench.app.reapply import FieldPath, reapply
from slaworkbench.domain.labels import condition_label, metric_label, priority_label
from slaworkbench.domain.model import DEFAULT_PAUSE_STATUSES, Metric, Priority
from slaworkbench.domain.policy import DEFAULT_WARNING_FRACTION, Policy
from slaworkbench.saved_files import saving
from slaworkbench.store.errors import ChangedElsewhereError
from slaworkbench.store.policies.calendars import list_calendars, load_calendar
from slaworkbench.store.policies.editing import condition_values
from slaworkbench.store.policies.versions import list_policies, list_policy_versions
from slaworkbench.store.workspace import Workspace
from slaworkbench.ui.changes import ChangeNotice
from slaworkbench.ui.policy.policy_form import PolicyForm
from slaworkbench.ui.stale_save import StaleSave
from slaworkbench.ui.tasks import TaskContext, TaskRunner

DEFAULT_CALENDAR = "Standard business hours"


class ReasonDialog(QDialog):
    """Why is this version being saved? (Required: it goes into the version history.)"""

    def __init__(self, policy_name: str, parent: QWidget | None = None, text: str = "") -> None:
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
        self.text.setPlainText(text)
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


class PolicyEditor(PolicyForm):
    """Edit one policy; every save is announced on ``notice``."""

    whatif_requested = Signal(object)
    """A draft ``Policy`` to replay (the owner opens the what-if view)."""
    history_requested = Signal(int)

    def __init__(
        self,
        workspace: Workspace,
        runner: TaskRunner,
        *,
        notice: ChangeNotice,
        author: str | Callable[[], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._runner = runner
        self._notice = notice
        self._author = author
        self._lock_version: int | None = None
        self._requested: int | None = None
        self._load_serial = 0
        """Only the last load asked for is shown (an earlier one finishing late is not)."""
        self._may_edit = may(workspace, Role.MANAGER)
        self.ask_reason: Callable[[str], str | None] = self._ask_reason
        """``policy name -> reason`` for a save, ``None`` to cancel (tests replace it)."""
        self.ask_import_reason: Callable[[str, str], str | None] = self._ask_reason
        """``(policy name, suggested reason) -> reason`` for an import."""
        self.confirm_discard: Callable[[], bool] = self._confirm_discard

        self.history_button = QPushButton(self.tr("&History"))
        self.whatif_button = QPushButton(self.tr("&What if…"))
        self.export_button = QPushButton(self.tr("E&xport…"))
        self.import_button = QPushButton(self.tr("&Import file…"))
        self.revert_button = QPushButton(self.tr("Re&vert"))
        self.save_button = QPushButton(self.tr("&Save…"))
        self.save_button.setDefault(True)
        self.reload_button = QPushButton(self.tr("Re&load"))
        self.reload_button.setToolTip(self.tr("Show the policy as it is saved now"))
        self.reload_button.hide()  # offered when a save was refused as stale
        self.reload_button.clicked.connect(self.reload_saved)
        self.reapply_button = QPushButton(self.tr("Reload and &re-apply my changes"))
        self.reapply_button.setToolTip(
            self.tr("Show the policy as it is saved now with the fields you changed on top")
        )
        self.reapply_button.hide()  # offered with Reload
        self.reapply_button.clicked.connect(self.reload_and_reapply)
        self._base: dict[str, Any] = {}
        """The form as loaded (``_form_state``): what a re-apply compares the edits to."""
        self.import_button.setEnabled(self._may_edit)
        if not self._may_edit:
            self.save_button.setToolTip(self.tr("Only a manager may change policies"))
        self.history_button.clicked.connect(self._request_history)
        self.whatif_button.clicked.connect(self._request_whatif)
        self.export_button.clicked.connect(lambda: self.export_file())
        self.import_button.clicked.connect(lambda: self.import_file())
        self.revert_button.clicked.connect(self.revert)
        self.save_button.clicked.connect(self.save)
        buttons = QHBoxLayout()
        for button in (self.history_button, self.whatif_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        for button in (self.export_button, self.import_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.reload_button)
        buttons.addWidget(self.reapply_button)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.form_area(), 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.new_policy()

    # -- loading -----------------------------------------------------------------------

    def _author_now(self) -> str:
        """Who a save is recorded as: the window's "Working as" agent at this moment."""
        return self._author() if callable(self._author) else self._author

    def policy_id(self) -> int | None:
        return self._policy_id

    def requested_id(self) -> int | None:
        """The policy the editor shows or is loading (``None``: a new policy)."""
        return self._requested

    def load(self, policy_id: int | None, then: Callable[[], None] | None = None) -> None:
        """Show the current version of a policy (``None``: a new, empty policy), then run
        ``then`` (e.g. type a suggested target into the draft)."""
        workspace = self._workspace
        self._load_serial += 1
        serial = self._load_serial
        self._requested = policy_id

        def work(_context: TaskContext) -> dict[str, Any]:
            with workspace.session() as session:
                data: dict[str, Any] = {
                    "calendars": {
                        info.name: load_calendar(session, info.name)
                        for info in list_calendars(session)
                    },
                    "values": condition_values(session),
                }
                if policy_id is not None:
                    data["info"] = next(i for i in list_policies(session) if i.id == policy_id)
                    data["current"] = list_policy_versions(session, policy_id)[0]
                else:
                    data["order"] = read_order(session)
            return data

        def loaded(data: Any) -> None:
            if serial != self._load_serial:
                return
            self._loaded(data)
            if then is not None:
                then()

        self._runner.submit(
            self.tr("Reading policy"),
            work,
            on_success=loaded,
            on_failure=self.error.show_error,
        )

    def new_policy(self) -> None:
        self.load(None)

    def _loaded(self, data: Any) -> None:
        self._loading = True
        self.set_calendars(data["calendars"])
        self.set_condition_values(data["values"])
        info = data.get("info")
        version = data.get("current")
        self.set_order(data.get("order"))
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
                    "calendar": DEFAULT_CALENDAR
                    if DEFAULT_CALENDAR in self._calendars
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
        self._base = self._form_state()

    def _update_actions(self, draft: Policy | None) -> None:
        self.save_button.setEnabled(draft is not None and self._dirty and self._may_edit)
        self.revert_button.setEnabled(self._dirty)
        self.whatif_button.setEnabled(draft is not None)
        self.export_button.setEnabled(draft is not None)

    # -- actions -----------------------------------------------------------------------

    def _request_history(self) -> None:
        if self._policy_id is not None:
            self.history_requested.emit(self._policy_id)

    def _request_whatif(self) -> None:
        draft = self._validate()
        if draft is not None:
            self.whatif_requested.emit(draft)

    def revert(self) -> None:
        self._offer_reload(False)
        self.load(self._policy_id)

    def _ask_reason(self, name: str, suggestion: str = "") -> str | None:
        dialog = ReasonDialog(name, self, suggestion)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.reason()

    def _confirm_discard(self) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Import a policy"),
            self.tr("The form has changes that are not saved; importing discards them."),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Discard

    def save(self) -> None:
        draft = self._validate()
        if draft is None or not self.save_button.isEnabled():
            return
        reason = self.ask_reason(draft.name)
        if not reason:
            return
        workspace, author = self._workspace, self._author_now()
        edit = PolicyEdit(
            policy_id=self._policy_id,
            spec=self.spec(),
            calendar_name=self.calendar.currentText(),
            review_date=self.review(),
            owner=self.owner.text().strip() or None,
            lock_version=self._lock_version,
            position=self.new_position(),
        )

        def work(_context: TaskContext) -> SavedPolicy | StaleSave:
            try:
                return save_policy(workspace, edit, author=author, reason=reason)
            except ChangedElsewhereError as error:
                return StaleSave(str(error))

        self.save_button.setEnabled(False)
        self._runner.submit(
            self.tr("Saving policy"),
            work,
            writer=True,
            on_success=self._saved,
            on_failure=self._save_failed,
        )

    def _saved(self, saved: Any) -> None:
        if isinstance(saved, StaleSave):
            self._save_failed(saved.message)
            self._offer_reload(True)
            return
        assert isinstance(saved, SavedPolicy)
        self._dirty = False
        self.error.show_error(None)
        self.load(saved.policy_id)
        self._notice.announce(saved.changes)

    def _save_failed(self, message: str) -> None:
        self.error.show_error(message)
        self.save_button.setEnabled(self._draft is not None and self._dirty and self._may_edit)

    def reload_saved(self) -> None:
        """After a refused stale save: show the policy as someone else saved it (the
        edits made here are dropped; the form can be changed again from there)."""
        self._offer_reload(False)
        self.error.show_error(None)
        self.load(self._policy_id)

    def reload_and_reapply(self) -> None:
        """After a refused stale save: show the policy as someone else saved it, with the
        fields changed here put back on top where they were not changed there too; a field
        changed on both sides keeps the saved value and is named under the form."""
        base, mine = self._base, self._form_state()
        self._offer_reload(False)
        self.error.show_error(None)
        self.load(self._policy_id, then=lambda: self._reapply(base, mine))

    def _reapply(self, base: dict[str, Any], mine: dict[str, Any]) -> None:
        theirs = self._form_state()
        result = reapply(base, mine, theirs)
        merged = dict(result.merged)
        review, owner = merged.pop("review", None), merged.pop("owner", None)
        self._loading = True
        self._show_spec(
            merged, review=dt.date.fromisoformat(review) if review else None, owner=owner
        )
        self._loading = False
        self._dirty = result.merged != theirs
        self._validate()
        if result.collisions:
            self.error.show_error(
                self.tr(
                    "Your changes are back on the version saved now, except {fields}: "
                    "changed there too, so the saved value is kept. Check and save."
                ).format(fields=", ".join(self._field_label(path) for path in result.collisions))
            )

    def _form_state(self) -> dict[str, Any]:
        """The form as a dict of fields (``spec()`` plus review and owner)."""
        review = self.review()
        return {
            **self.spec(),
            "review": review.isoformat() if review is not None else None,
            "owner": self.owner.text().strip(),
        }

    def _field_label(self, path: FieldPath) -> str:
        """A field of ``_form_state`` as the form names it."""
        if path[0] == "targets" and len(path) == 3:
            return self.tr("the {priority} · {metric} target").format(
                priority=priority_label(Priority(path[1])), metric=metric_label(Metric(path[2]))
            )
        if path == ("conditions", "priorities"):
            return self.tr("the priorities it covers")
        if path[0] == "conditions" and len(path) == 2:
            return self.tr("the condition “{field}”").format(field=condition_label(path[1]))
        labels = {
            "name": self.tr("the name"),
            "active": self.tr("whether it is active"),
            "calendar": self.tr("the calendar"),
            "pause_statuses": self.tr("the statuses that pause"),
            "warning_fraction": self.tr("the warning threshold"),
            "review": self.tr("the review date"),
            "owner": self.tr("the owner"),
        }
        return labels.get(path[0], " · ".join(path))

    def _offer_reload(self, offered: bool) -> None:
        for button in (self.reload_button, self.reapply_button):
            button.setVisible(offered)

    # -- files -------------------------------------------------------------------------

    def export_file(self, path: str | None = None) -> bool:
        """Write the policy as shown (saved or not) and its calendar to a policy file."""
        draft = self._validate()
        if draft is None:
            return False
        if not path:
            path, _ = QFileDialog.getSaveFileName(
                self, self.tr("Export policy"), f"{draft.name}.json", self.tr("JSON (*.json)")
            )
            if not path:
                return False
        text = policy_to_json(draft, review_date=self.review(), owner=self.owner.text().strip())
        try:
            with saving(path) as temporary:
                temporary.write_text(text, encoding="utf-8")
        except OSError as error:
            self.error.show_error(
                self.tr("Could not write {path}: {error}.").format(path=path, error=error.strerror)
            )
            return False
        self.error.show_error(None)
        return True

    def import_file(self, path: str | None = None) -> None:
        """Check a whole policy file, then save it as a new version (asking why).

        A file with any problem, or whose calendar clashes with the workspace's calendar
        of that name, is refused with a sentence under the form and nothing is written.
        """
        if not path:
            path, _ = QFileDialog.getOpenFileName(
                self, self.tr("Import policy"), "", self.tr("JSON (*.json);;All files (*)")
            )
            if not path:
                return
        if self._dirty and not self.confirm_discard():
            return
        file_path = Path(path)
        workspace = self._workspace

        def read(_context: TaskContext) -> PolicyFile:
            with workspace.session() as session:
                return read_policy_file(file_path, session)

        self._runner.submit(
            self.tr("Reading a policy file"),
            read,
            on_success=lambda file: self._import_checked(file, file_path.name),
            on_failure=self.error.show_error,
        )

    def _import_checked(self, file: PolicyFile, file_name: str) -> None:
        reason = self.ask_import_reason(
            file.policy.name, self.tr("Imported from {file}").format(file=file_name)
        )
        if not reason:
            return
        workspace, author = self._workspace, self._author_now()

        def write(_context: TaskContext) -> SavedPolicy:
            return import_policy_file(workspace, file, author=author, reason=reason)

        self._runner.submit(
            self.tr("Importing a policy"),
            write,
            writer=True,
            on_success=self._saved,
            on_failure=self.error.show_error,
        )
