"""Opening the workspace at start without a silent, frozen wait.

Opening is usually a fraction of a second, but three steps read or write the whole file:
the check of every page of a file that changed since this program last closed it
(copied, restored, opened by another program or not closed properly: ~11 s at a million
tickets), the backup before an upgrade and the upgrade itself (a minute or more at that
size). ``open_showing_progress`` opens on a thread of its own; when the open is not done
within ``SHOW_AFTER_MS`` a small window says which step it waits for, with a busy bar.
The check only reads, so it can be cancelled (the program then closes without opening
the file, which stays as it was); the backup and the upgrade cannot (an upgrade is one
transaction, but a half-written backup would be left beside the file).
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from slaworkbench import config, formatting
from slaworkbench.i18n import tr
from slaworkbench.store import dialect
from slaworkbench.store.workspace import Workspace, open_workspace
from slaworkbench.store.workspace_file import OpeningPhase

SHOW_AFTER_MS = 400
"""An open that takes longer than this shows the window (most opens never do)."""
POLL_MS = 50


class _Opening:
    """The open on its thread: the phase it is in, then its workspace or its error."""

    def __init__(self, url: str | None) -> None:
        self.url = url
        self.phase: OpeningPhase | None = None
        self.done = threading.Event()
        self.workspace: Workspace | None = None
        self.error: BaseException | None = None
        self._lock = threading.Lock()
        self._abandoned = False

    def run(self) -> None:
        try:
            workspace = open_workspace(self.url, on_phase=self._entered)
        except BaseException as error:  # handed to the opening thread, which raises it
            self.error = error
        else:
            with self._lock:
                if self._abandoned:
                    workspace.close()
                else:
                    self.workspace = workspace
        finally:
            self.done.set()

    def _entered(self, phase: OpeningPhase) -> None:
        self.phase = phase

    def abandon(self) -> None:
        """Nobody waits any more: a workspace opened after this is closed at once."""
        with self._lock:
            self._abandoned = True
            workspace, self.workspace = self.workspace, None
        if workspace is not None:
            workspace.close()


class OpeningDialog(QDialog):
    """What the open waits for: a title, a sentence, a busy bar and Cancel (while the
    file is only read)."""

    def __init__(self, opening: _Opening, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("opening_dialog")
        self.setWindowTitle(tr("Opening the workspace"))
        self.setModal(True)
        self._opening = opening
        self._file = _file_of(opening.url)
        self.title = QLabel()
        self.title.setObjectName("opening_title")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.detail = QLabel()
        self.detail.setObjectName("opening_detail")
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.detail.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # busy: SQLite does not say how far a check has come
        self.bar.setTextVisible(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button: QPushButton = self.buttons.button(
            QDialogButtonBox.StandardButton.Cancel
        )
        self.cancel_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.detail)
        layout.addWidget(self.bar)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        self._shown: OpeningPhase | bool | None = False  # nothing told yet
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._follow)
        self._timer.start()
        self._follow()

    def _follow(self) -> None:
        if self._opening.done.is_set():
            self._timer.stop()
            self.accept()
            return
        phase = self._opening.phase
        if phase != self._shown:
            self._shown = phase
            title, detail = _told(phase, self._file)
            self.title.setText(title)
            self.detail.setText(detail)
            self.cancel_button.setEnabled(phase in (None, OpeningPhase.CHECKING))

    def reject(self) -> None:
        """Cancel, Escape or the window's close button: only while nothing is written."""
        if self.cancel_button.isEnabled() and not self._opening.done.is_set():
            super().reject()


def _file_of(url: str | None) -> Path | None:
    return dialect.sqlite_file_path(config.resolve_database_url(url))


def _told(phase: OpeningPhase | None, path: Path | None) -> tuple[str, str]:
    """The window's title line and sentence for ``phase`` of opening the file ``path``
    (``None``: a server)."""
    name = path.name if path is not None else tr("the team server")
    try:
        size = formatting.file_size(path.stat().st_size) if path is not None else ""
    except OSError:
        size = ""
    what = tr("{name} ({size})").format(name=name, size=size) if size else name
    if phase is OpeningPhase.CHECKING:
        return (
            tr("Checking the workspace before opening it"),
            tr(
                "{what} changed since SLA Workbench last closed it (it was copied, restored, "
                "opened by another program or not closed properly), so every page is read "
                "once to make sure it is whole. Cancel closes the program and leaves the "
                "file as it is."
            ).format(what=what),
        )
    if phase is OpeningPhase.BACKING_UP:
        return (
            tr("Backing up the workspace before upgrading it"),
            tr(
                "{what} was written by an earlier version of SLA Workbench. A copy is kept "
                "beside it before it is upgraded."
            ).format(what=what),
        )
    if phase is OpeningPhase.UPGRADING:
        return (
            tr("Upgrading the workspace to this version"),
            tr(
                "{what} is upgraded in one transaction: if the upgrade is interrupted, the "
                "file stays as it was and the backup beside it is whole."
            ).format(what=what),
        )
    return tr("Opening the workspace"), tr("Opening {what}…").format(what=what)


def open_showing_progress(
    url: str | None, parent: QWidget | None = None, *, show_after_ms: int = SHOW_AFTER_MS
) -> Workspace | None:
    """``open_workspace(url)`` on a thread of its own, with the window above once it takes
    longer than ``show_after_ms``. Returns ``None`` when the person cancelled (the open
    then ends unseen and its workspace, if any, is closed); raises what the open raised."""
    opening = _Opening(url)
    thread = threading.Thread(target=opening.run, name="open-workspace", daemon=True)
    thread.start()
    if not opening.done.wait(show_after_ms / 1000):
        dialog = OpeningDialog(opening, parent)
        result = dialog.exec()
        dialog.deleteLater()
        if result != QDialog.DialogCode.Accepted:
            opening.abandon()
            return None
    opening.done.wait()
    if opening.error is not None:
        raise opening.error
    assert opening.workspace is not None
    return opening.workspace
