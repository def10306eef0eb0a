"""Pieces of the Import dialog: the task it runs, its sentences, its figures and task bar."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from slaworkbench.app.importing.preview import (
    PREVIEW_LIMIT,
    CommitGate,
    ImportRequest,
    Stage,
    failure_sentence,
    were_written,
)
from slaworkbench.i18n import tr
from slaworkbench.store.importing.records import ImportSummary
from slaworkbench.store.workspace import Workspace
from slaworkbench.ui.policy.common import HintLabel, error_color
from slaworkbench.ui.tasks import TaskCancelled, TaskContext, UserFacingError


def run_import_task(
    context: TaskContext,
    workspace: Workspace,
    request: ImportRequest,
    *,
    dry_run: bool,
    gate: CommitGate | None = None,
    total: int = 0,
    expected: tuple[str, ...] = (),
) -> ImportSummary:
    """The body of a check (``dry_run``) or an import task; runs on a worker thread.

    Progress goes out as ``(done, total, stage)`` with the stage's value as text. An
    import passes its ``gate``: once the file is read, writing begins unless a cancel
    came first, and from then on nothing stops it. ``expected`` are ids of tickets the
    check said it would add: after a failure they tell whether the write had committed.
    """

    def progress(stage: str, count: int) -> None:
        if stage == Stage.READING.value:
            context.check_cancelled()
            if gate is not None:
                if not gate.begin_writing():
                    raise TaskCancelled()
                context.progress(0, total, Stage.WRITING.value)
        elif stage == Stage.WRITING.value:
            context.progress(count, total, Stage.WRITING.value)
        elif stage == Stage.CLOCKS.value:
            if gate is not None:
                gate.begin_clocks()
            context.progress(0, 0, Stage.CLOCKS.value)

    try:
        return request.run(workspace, dry_run=dry_run, preview=PREVIEW_LIMIT, progress=progress)
    except TaskCancelled:
        raise
    except Exception as error:
        if gate is not None and gate.stage is Stage.WRITING and _committed(workspace, expected):
            gate.begin_clocks()
        sentence = failure_sentence(error, Stage.READING if gate is None else gate.stage)
        if sentence is None:
            raise
        raise UserFacingError(sentence) from error


def _committed(workspace: Workspace, expected: tuple[str, ...]) -> bool:
    try:
        return were_written(workspace, expected)
    except Exception:  # the workspace cannot be read now: say nothing was imported
        return False


def summary_sentence(summary: ImportSummary, file: str, locale: QLocale) -> str:
    """One sentence: what a check found, or what an import did."""
    numbers = {
        "file": file,
        "tickets": locale.toString(summary.tickets_imported),
        "events": locale.toString(summary.events_imported),
        "skipped": locale.toString(summary.tickets_skipped),
        "rejected": locale.toString(summary.rejected_rows),
    }
    skipped, rejected = summary.tickets_skipped > 0, bool(summary.rejections)
    if not summary.dry_run:
        if skipped and rejected:
            template = tr(
                "Imported {tickets} tickets with {events} events from {file}; {skipped} tickets "
                "already in the workspace were left unchanged and {rejected} rejected rows "
                "were left out."
            )
        elif skipped:
            template = tr(
                "Imported {tickets} tickets with {events} events from {file}; {skipped} tickets "
                "already in the workspace were left unchanged."
            )
        elif rejected:
            template = tr(
                "Imported {tickets} tickets with {events} events from {file}; {rejected} "
                "rejected rows were left out."
            )
        else:
            template = tr("Imported {tickets} tickets with {events} events from {file}.")
    elif summary.tickets_imported == 0 and skipped:
        template = tr(
            "Every ticket in {file} is already in the workspace; there is nothing to import."
        )
    elif summary.tickets_imported == 0:
        template = tr(
            "No ticket in {file} can be imported: correct the rejected rows, then check the "
            "file again."
        )
    elif rejected:
        template = tr(
            "Nothing is written yet: Import adds {tickets} tickets with {events} events and "
            "leaves out the {rejected} rejected rows."
        )
    else:
        template = tr("Nothing is written yet: Import adds {tickets} tickets with {events} events.")
    return template.format(**numbers)


class Figure(QWidget):
    """One count of a check: a large number over a short caption."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.value = QLabel("—")
        self.value.setTextFormat(Qt.TextFormat.PlainText)
        font = QFont(self.value.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.value.setFont(font)
        self._normal = self.value.palette()
        self.caption = HintLabel(caption)
        self.caption.setWordWrap(False)
        self.caption.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 24, 0)
        layout.setSpacing(0)
        layout.addWidget(self.value)
        layout.addWidget(self.caption)

    def set_value(self, value: str, caption: str | None = None) -> None:
        self.value.setText(value)
        if caption is not None:
            self.caption.setText(caption)

    def set_alert(self, alert: bool) -> None:
        palette = self._normal
        if alert:
            palette = QPalette(self._normal)
            palette.setColor(QPalette.ColorRole.WindowText, error_color())
        self.value.setPalette(palette)


class TaskBar(QWidget):
    """What the dialog's task is doing, how far it is, and Cancel while that still helps."""

    cancel_requested = Signal()

    def __init__(self, locale: QLocale, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._locale = locale
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.bar = QProgressBar()
        self.bar.setMinimumWidth(240)
        self.cancel_button = QPushButton(tr("Cancel"))
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.cancel_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        self.setVisible(False)

    def busy(self, text: str, *, cancel: bool = True) -> None:
        self.label.setText(text)
        self.bar.setRange(0, 0)
        self.bar.setTextVisible(False)
        self.cancel_button.setEnabled(cancel)
        self.cancel_button.setToolTip(
            "" if cancel else tr("Writing has begun; it cannot be stopped")
        )
        self.setVisible(True)

    def writing(self, done: int, total: int) -> None:
        self.label.setText(tr("Writing the tickets and events in one transaction…"))
        self.cancel_button.setEnabled(False)
        self.cancel_button.setToolTip(tr("Writing has begun; it cannot be stopped"))
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))
            self.bar.setFormat(
                tr("{done} of {total} events").format(
                    done=self._locale.toString(done), total=self._locale.toString(total)
                )
            )
            self.bar.setTextVisible(True)
        else:
            self.bar.setRange(0, 0)
        self.setVisible(True)

    def cancelling(self) -> None:
        self.label.setText(tr("Stopping…"))
        self.cancel_button.setEnabled(False)
