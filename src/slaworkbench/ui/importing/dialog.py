"""File › Import…: check a CSV file with a dry run, read what it would do, then import it.

The check and the import run in the task runner (the check on the general pool, the
import on the single writer), never on the GUI thread. The check shows the counts, the
first tickets exactly as they would be stored and every rejected row; the import writes
all accepted tickets in one transaction. A cancel stops an import only while the file is
still being read (``CommitGate``); once writing has begun it runs to its end, and the
dialog cannot be closed until then.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLocale, QSettings, Qt, Signal, Slot
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

from slaworkbench.app.importing.preview import (
    CommitGate,
    FileStamp,
    ImportRequest,
    Stage,
    file_stamp,
)
from slaworkbench.i18n import tr
from slaworkbench.store.importing.presets import shipped_presets
from slaworkbench.store.importing.records import ImportSummary
from slaworkbench.store.workspace import Workspace
from slaworkbench.ui.importing.parts import TaskBar, run_import_task, summary_sentence
from slaworkbench.ui.importing.results import ImportResults
from slaworkbench.ui.importing.source import ImportSourcePicker
from slaworkbench.ui.policy.common import ErrorLabel
from slaworkbench.ui.tasks import TaskContext, TaskHandle, TaskRunner


class ImportDialog(QDialog):
    """Choose a file and its kind, check it (dry run), then import it all or nothing."""

    checked = Signal(object)
    """A dry run's ``ImportSummary``."""
    imported = Signal(object)
    """The ``ImportSummary`` of a committed import."""
    workspace_changed = Signal()
    """Tickets were written (also when only their clocks failed): views should refresh."""

    def __init__(
        self,
        workspace: Workspace,
        runner: TaskRunner,
        *,
        presets: list[str] | None = None,
        settings: QSettings | None = None,
        locale: QLocale | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Import tickets"))
        self.setObjectName("import_dialog")
        self.workspace = workspace
        self.runner = runner
        self._locale = locale or QLocale()
        self._handle: TaskHandle | None = None
        self._gate: CommitGate | None = None
        self._checked: ImportSummary | None = None
        self._checked_request: ImportRequest | None = None
        self._checked_stamp: FileStamp | None = None
        self._result: ImportSummary | None = None
        self._written = False
        """The checked file was written (Import is done), even if its clocks then failed."""

        self.source = ImportSourcePicker(
            shipped_presets() if presets is None else presets, settings=settings
        )
        self.source.changed.connect(self._inputs_changed)
        self.results = ImportResults(self._locale)
        self.error = ErrorLabel()
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.task_bar = TaskBar(self._locale)
        self.task_bar.cancel_requested.connect(self.cancel)

        self.check_button = QPushButton(tr("Check file"))
        self.check_button.setToolTip(tr("Read the whole file and show what would be imported"))
        self.check_button.clicked.connect(self.check)
        self.import_button = QPushButton(tr("Import"))
        self.import_button.setToolTip(tr("Write the checked tickets to the workspace"))
        self.import_button.clicked.connect(self.start_import)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.addButton(self.check_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        self.close_button = self.buttons.button(QDialogButtonBox.StandardButton.Close)

        layout = QVBoxLayout(self)
        layout.addWidget(self.source)
        layout.addWidget(self.error)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.task_bar)
        layout.addWidget(self.buttons)
        self.resize(980, 680)
        self._update_controls()

    # -- convenience for callers and tests ---------------------------------------------

    def set_file(self, path: str | Path) -> None:
        self.source.set_file(path)

    def import_summary(self) -> ImportSummary | None:
        """The summary of the committed import, if there was one."""
        return self._result

    def last_check(self) -> ImportSummary | None:
        return self._checked

    # -- state -----------------------------------------------------------------------------

    def _busy(self) -> bool:
        return self._handle is not None

    def _writing(self) -> bool:
        return self._gate is not None and self._gate.stage in (Stage.WRITING, Stage.CLOCKS)

    def _forget(self) -> None:
        self._checked = self._checked_request = self._checked_stamp = self._result = None
        self._written = False
        self.results.clear()
        self.status.clear()

    @Slot()
    def _inputs_changed(self) -> None:
        """What was checked no longer applies to the new choice."""
        if not self._busy():
            self._forget()
            self.error.show_error(None)
            self._update_controls()

    def _update_controls(self) -> None:
        busy = self._busy()
        self.source.setEnabled(not busy)
        self.check_button.setEnabled(not busy and self.source.request() is not None)
        ready = self._checked is not None and not self._written
        self.import_button.setEnabled(
            not busy and ready and self._checked is not None and self._checked.tickets_imported > 0
        )
        self.close_button.setEnabled(not self._writing())
        default = self.import_button if self.import_button.isEnabled() else self.check_button
        default.setDefault(True)

    # -- the check (a dry run) ---------------------------------------------------------

    @Slot()
    def check(self) -> None:
        request = self.source.request()
        if request is None or self._busy():
            return
        self._forget()
        self.error.show_error(None)
        stamp, workspace, name = file_stamp(request.path), self.workspace, request.path.name

        def work(context: TaskContext) -> ImportSummary:
            return run_import_task(context, workspace, request, dry_run=True)

        def done(summary: ImportSummary) -> None:
            self._checked, self._checked_request, self._checked_stamp = summary, request, stamp
            self.source.remember(request)
            self.results.show_check(summary)
            self.status.setText(summary_sentence(summary, name, self._locale))
            self.checked.emit(summary)

        self.task_bar.busy(tr("Reading and checking {file}…").format(file=name))
        self._start(tr("Check {file}").format(file=name), work, writer=False, on_success=done)

    # -- the import ----------------------------------------------------------------------

    @Slot()
    def start_import(self) -> None:
        request, checked = self._checked_request, self._checked
        if request is None or checked is None or self._busy() or self._written:
            return
        name = request.path.name
        if file_stamp(request.path) != self._checked_stamp:
            self._forget()
            self._update_controls()
            self.error.show_error(
                tr("{file} changed since it was checked; check it again before importing.").format(
                    file=name
                )
            )
            return
        self.error.show_error(None)
        gate = CommitGate()
        workspace, total = self.workspace, checked.events_imported
        expected = tuple(ticket.external_id for ticket in checked.preview)

        def work(context: TaskContext) -> ImportSummary:
            return run_import_task(
                context,
                workspace,
                request,
                dry_run=False,
                gate=gate,
                total=total,
                expected=expected,
            )

        def done(summary: ImportSummary) -> None:
            self._result, self._written = summary, True
            self.results.show_import(summary)
            self.status.setText(summary_sentence(summary, name, self._locale))
            self.imported.emit(summary)
            self.workspace_changed.emit()

        self._gate = gate
        self.task_bar.busy(tr("Reading {file}…").format(file=name))
        self._start(tr("Import {file}").format(file=name), work, writer=True, on_success=done)

    # -- running tasks -------------------------------------------------------------------

    def _start(
        self,
        title: str,
        work: Callable[[TaskContext], ImportSummary],
        *,
        writer: bool,
        on_success: Callable[[ImportSummary], None],
    ) -> None:
        def succeeded(result: Any) -> None:
            assert isinstance(result, ImportSummary)
            on_success(result)

        handle = self.runner.submit(
            title,
            work,
            writer=writer,
            on_success=succeeded,
            on_failure=self._on_failure,
            on_progress=self._on_progress,
            owner=self,
        )
        if self.runner.synchronous and handle.is_done():
            self._task_finished()  # it ran inside submit(); its reports came already
            return
        # On a thread it may have finished already, but its reports are still queued for
        # this (the GUI) thread, ``finished`` last: connecting now misses none of them.
        self._handle = handle
        handle.cancelled.connect(self._on_cancelled)
        handle.finished.connect(self._task_finished)
        self._update_controls()

    @Slot(int, int, str)
    def _on_progress(self, done: int, total: int, stage: str) -> None:
        if stage == Stage.WRITING.value:
            self.task_bar.writing(done, total)
        elif stage == Stage.CLOCKS.value:
            self.task_bar.busy(tr("Computing the SLA clocks of the new tickets…"), cancel=False)
        self._update_controls()

    @Slot(str)
    def _on_failure(self, message: str) -> None:
        gate = self._gate
        if gate is None:
            self._forget()  # the check failed: there is nothing to import
        elif gate.stage is Stage.CLOCKS:
            self._written = True  # the tickets are in; only their clocks are not
            self.workspace_changed.emit()
        # else the import failed and wrote nothing: the check still holds, Import may retry
        self.error.show_error(message)

    @Slot()
    def _on_cancelled(self) -> None:
        self.status.setText(tr("Stopped; nothing was written."))

    @Slot()
    def _task_finished(self) -> None:
        self._handle = None
        self._gate = None
        self.task_bar.hide()
        self._update_controls()

    @Slot()
    def cancel(self) -> None:
        """Stop the check, or the import while it still reads the file."""
        if self._handle is None:
            return
        if self._gate is not None and not self._gate.cancel():
            return  # already writing: it runs to its end
        self._handle.cancel()
        self.task_bar.cancelling()

    def reject(self) -> None:
        if self._writing():
            return  # being written; the dialog can be closed once the import is done
        self.cancel()
        super().reject()


__all__ = ["ImportDialog"]
