"""The "Team OLAs" tab of the policy workspace: each team's OLA target per priority, the
calendar it counts in, and the warning share.

A save inserts the team's next immutable version (``app.ola.terms.save_team_terms``,
with who and why) on the writer thread and announces ``Changes(policies=True)``, so the
window recomputes the open tickets' OLA cycles. A target left empty is not measured for
that priority. The calendar's hours are edited in the Calendars tab. **What if…**
replays the form's draft over the tickets ever with the team (``app.ola.whatif``) in the
background and shows the cycles whose verdict would change (``team_ola_whatif``).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from slaworkbench import formatting
from slaworkbench.app.changes import Changes
from slaworkbench.app.ola.terms import (
    TeamOlaEdit,
    TeamOlaScreen,
    load_team_olas_screen,
    save_team_terms,
)
from slaworkbench.app.ola.whatif import OlaWhatIf, run_ola_whatif
from slaworkbench.domain.durations import format_duration, parse_duration
from slaworkbench.domain.labels import priority_label
from slaworkbench.domain.model import Priority
from slaworkbench.store.ola.versions import TeamOlaInfo
from slaworkbench.store.workspace import Workspace
from slaworkbench.ui.changes import ChangeNotice
from slaworkbench.ui.policy.common import ErrorLabel, mark_invalid
from slaworkbench.ui.policy.team_ola_whatif import OlaWhatIfDialog
from slaworkbench.ui.tasks import TaskContext, TaskRunner

TEAM_ROLE = Qt.ItemDataRole.UserRole
"""A team item's team id (int)."""


class TeamOlaEditor(QWidget):
    def __init__(
        self,
        workspace: Workspace,
        runner: TaskRunner,
        *,
        notice: ChangeNotice,
        author: str | Callable[[], str],
        clock: Callable[[], int] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self.whatif_dialog: OlaWhatIfDialog | None = None
        self._workspace = workspace
        self._runner = runner
        self._notice = notice
        self._author = author
        self._screen = TeamOlaScreen((), ())
        self.teams = QListWidget()
        self.teams.setAccessibleName(self.tr("Teams"))
        self.calendar = QComboBox()
        self.targets: dict[Priority, QLineEdit] = {}
        self.warning = QDoubleSpinBox()
        self.warning.setRange(0, 99)
        self.warning.setSuffix(formatting.percent_suffix())
        self.warning.setDecimals(0)
        self.version_label = QLabel()
        self.version_label.setWordWrap(True)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Why the change (kept with the version)"))
        self.save_button = QPushButton(self.tr("&Save OLA"))
        self.whatif_button = QPushButton(self.tr("&What if…"))
        self.whatif_button.setToolTip(
            self.tr("Show which of the team's OLA cycles this draft would judge differently")
        )
        self.error = ErrorLabel()
        self.saved_label = QLabel()

        form = QFormLayout()
        form.addRow(self.tr("Counts in calendar:"), self.calendar)
        for priority in Priority:
            field = QLineEdit()
            field.setPlaceholderText(self.tr("not measured"))
            field.setAccessibleName(
                self.tr("OLA target for {priority}").format(priority=priority_label(priority))
            )
            field.textEdited.connect(lambda _t, f=field: self._mark(f))
            self.targets[priority] = field
            form.addRow(
                self.tr("{priority} target:").format(priority=priority_label(priority)), field
            )
        form.addRow(self.tr("At risk when left:"), self.warning)
        form.addRow(self.tr("Reason:"), self.reason)
        hint = QLabel(
            self.tr(
                "The time a ticket spends with the team, from its assignment to the team "
                "until it leaves the team or is solved, in business time of this calendar; "
                "the SLA policy's pause statuses pause it. Targets like 4h or 1d 2h. The "
                "calendar's hours are edited in the Calendars tab."
            )
        )
        hint.setWordWrap(True)
        right = QVBoxLayout()
        right.addWidget(self.version_label)
        right.addLayout(form)
        right.addWidget(hint)
        right.addWidget(self.error)
        buttons = QHBoxLayout()
        buttons.addWidget(self.saved_label, 1)
        buttons.addWidget(self.whatif_button)
        buttons.addWidget(self.save_button)
        right.addLayout(buttons)
        right.addStretch(1)
        form_side = QWidget()
        form_side.setLayout(right)
        # The team list as wide as the Calendars tab's list of calendars, the rest for the
        # form; the divider moves (it was a fixed quarter of the width).
        splitter = QSplitter()
        splitter.addWidget(self.teams)
        splitter.addWidget(form_side)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([180, 720])
        layout = QHBoxLayout(self)
        layout.addWidget(splitter)

        self.teams.currentItemChanged.connect(lambda *_: self._show_current())
        self.save_button.clicked.connect(self.save)
        self.whatif_button.clicked.connect(self.what_if)
        notice.changed.connect(self._changed)
        self.reload()

    # --- reading -----------------------------------------------------------------------

    def reload(self) -> None:
        workspace = self._workspace

        def work(_context: TaskContext) -> TeamOlaScreen:
            return load_team_olas_screen(workspace)

        self._runner.submit(self.tr("Reading team OLAs"), work, on_success=self._loaded)

    def _changed(self, changes: Changes) -> None:
        if changes.policies or changes.calendars or changes.external:
            self.reload()

    def _loaded(self, screen: TeamOlaScreen) -> None:
        current = self.current_team()
        self._screen = screen
        self.calendar.clear()
        self.calendar.addItems(list(screen.calendars))
        self.teams.blockSignals(True)
        self.teams.clear()
        for info in screen.teams:
            text = info.team if info.version else self.tr("{team} (no OLA)").format(team=info.team)
            item = QListWidgetItem(text)
            item.setData(TEAM_ROLE, info.team_id)
            self.teams.addItem(item)
            if current is not None and info.team_id == current.team_id:
                self.teams.setCurrentItem(item)
        self.teams.blockSignals(False)
        if self.teams.currentItem() is None and self.teams.count():
            self.teams.setCurrentRow(0)
        self._show_current()

    def current_team(self) -> TeamOlaInfo | None:
        item = self.teams.currentItem()
        if item is None:
            return None
        team_id = item.data(TEAM_ROLE)
        return next((t for t in self._screen.teams if t.team_id == team_id), None)

    def _show_current(self) -> None:
        info = self.current_team()
        enabled = info is not None
        for widget in (
            self.calendar,
            self.warning,
            self.reason,
            self.save_button,
            self.whatif_button,
        ):
            widget.setEnabled(enabled)
        for field in self.targets.values():
            field.setEnabled(enabled)
            field.clear()
            mark_invalid(field, False)
        self.error.show_error(None)
        if info is None:
            self.version_label.setText(self.tr("Add teams to the workspace to give them OLAs."))
            return
        if info.version:
            self.version_label.setText(
                self.tr("{team}: version {version} by {author}{reason}").format(
                    team=info.team,
                    version=info.version,
                    author=info.author or "—",
                    reason=f" — {info.reason}" if info.reason else "",
                )
            )
        else:
            self.version_label.setText(
                self.tr("{team} has no OLA yet: give it targets.").format(team=info.team)
            )
        for priority, seconds in info.targets.items():
            self.targets[priority].setText(format_duration(seconds))
        if info.calendar:
            self.calendar.setCurrentText(info.calendar)
        self.warning.setValue(round(info.warning_fraction * 100))

    # --- saving ------------------------------------------------------------------------

    def _mark(self, field: QLineEdit) -> None:
        """A red frame while the text is not a duration (its tooltip says why)."""
        try:
            self._check(field)
        except ValueError:
            return

    def _check(self, field: QLineEdit) -> int | None:
        text = field.text().strip()
        if not text:
            mark_invalid(field, False)
            return None
        try:
            seconds = parse_duration(text)
        except ValueError as error:
            mark_invalid(field, True, str(error))
            raise
        mark_invalid(field, False)
        return seconds

    def edit(self) -> TeamOlaEdit:
        """The form as an edit; a ``ValueError`` names the first wrong target."""
        info = self.current_team()
        if info is None:
            raise ValueError(self.tr("Pick a team first."))
        targets: dict[Priority, int] = {}
        for priority, field in self.targets.items():
            try:
                seconds = self._check(field)
            except ValueError as error:
                raise ValueError(
                    self.tr("The {priority} target is not a duration: {error}").format(
                        priority=priority_label(priority), error=error
                    )
                ) from None
            if seconds is not None:
                targets[priority] = seconds
        return TeamOlaEdit(
            info.team_id,
            targets,
            self.warning.value() / 100,
            self.calendar.currentText(),
            info.version,
        )

    def what_if(self) -> None:
        """Replay the form's draft in the background; the outcome opens in a dialog."""
        try:
            edit = self.edit()
        except ValueError as error:
            self.error.show_error(str(error))
            return
        workspace = self._workspace
        now = self._clock() if self._clock is not None else None

        def work(_context: TaskContext) -> OlaWhatIf:
            return run_ola_whatif(workspace, edit, now=now)

        def done(result: OlaWhatIf) -> None:
            self.error.show_error(None)
            self.whatif_button.setEnabled(self.current_team() is not None)
            self.whatif_dialog = OlaWhatIfDialog(result, self)
            self.whatif_dialog.show()

        def failed(message: str) -> None:
            self.whatif_button.setEnabled(self.current_team() is not None)
            self.error.show_error(message)

        self.whatif_button.setEnabled(False)
        self._runner.submit(
            self.tr("What-if for the team OLA"), work, on_success=done, on_failure=failed
        )

    def save(self) -> None:
        try:
            edit = self.edit()
        except ValueError as error:
            self.error.show_error(str(error))
            return
        workspace, reason = self._workspace, self.reason.text()
        author = self._author() if callable(self._author) else self._author

        def work(_context: TaskContext) -> Changes:
            return save_team_terms(workspace, edit, author=author, reason=reason)

        def done(changes: Changes) -> None:
            self.error.show_error(None)
            self.reason.clear()
            self.saved_label.setText(self.tr("Saved; the open tickets are being recomputed."))
            self._notice.announce(changes)

        self._runner.submit(
            self.tr("Saving the team OLA"),
            work,
            writer=True,
            on_success=done,
            on_failure=self.error.show_error,
        )
