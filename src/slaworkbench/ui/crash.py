"""An unexpected exception in the window: logged, told in one sentence, and survived.

``CrashHandler.install()`` replaces ``sys.excepthook`` (PySide6 hands it every exception
raised in a slot or a virtual method such as ``paintEvent``) and ``threading.excepthook``.
Each failure is written with its traceback to the log file, then a ``CrashDialog`` says
what happened in one sentence and where the log file is. The traceback stays behind a
"Details" button and goes to the clipboard with "Copy details"; nothing is sent anywhere.

The program keeps running: the failed slot has already unwound, and every write runs in
its own transaction, so nothing is left half-written. The exceptions after which it
cannot safely go on (``MemoryError``) close it once the dialog is dismissed, with exit
code 70. Failures while the dialog is open are added to it instead of opening another.
"""

from __future__ import annotations

import logging
import platform
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from slaworkbench import __version__
from slaworkbench.i18n import tr

log = logging.getLogger(__name__)

EXIT_AFTER_FATAL = 70
"""Exit code after a failure the program cannot go on from (``EX_SOFTWARE``)."""

FATAL = (MemoryError,)
"""Exceptions after which the program closes once the user has read the dialog."""

SUMMARY_LENGTH = 160

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


def summary(error: BaseException) -> str:
    """The error in a few words: its kind and message (``KeyError: 'closed'``)."""
    kind = error.__class__.__name__
    message = " ".join(str(error).split())
    text = f"{kind}: {message}" if message else kind
    if len(text) > SUMMARY_LENGTH:
        text = text[: SUMMARY_LENGTH - 1] + "…"
    return text


def details_text(
    exc_type: type[BaseException], error: BaseException, tb: TracebackType | None
) -> str:
    """What a bug report needs: versions, platform and the traceback."""
    header = (
        f"SLA Workbench {__version__}, Python {platform.python_version()}, "
        f"PySide6 {pyside_version}, {platform.platform()}"
    )
    trace = "".join(traceback.format_exception(exc_type, error, tb))
    return f"{header}\n\n{trace}"


class CrashDialog(QDialog):
    """One sentence, the log file's place, "Copy details" and a folded "Details" box."""

    def __init__(self, log_path: Path, *, fatal: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("crash_dialog")
        self.setWindowTitle(tr("SLA Workbench: unexpected error"))
        self._details: list[str] = []
        self.fatal = fatal

        icon = QLabel(self)
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_MessageBoxIconSize)
        icon.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical).pixmap(size)
        )
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.message = QLabel(self)
        self.message.setObjectName("crash_message")
        self.message.setWordWrap(True)
        self.log_label = QLabel(
            tr("The details were written to the log file {path}").format(path=log_path), self
        )
        self.log_label.setObjectName("crash_log_path")
        self.log_label.setWordWrap(True)
        self.log_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.details = QPlainTextEdit(self)
        self.details.setObjectName("crash_details")
        self.details.setReadOnly(True)
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.details.setMinimumHeight(220)
        self.details.hide()

        buttons = QDialogButtonBox(self)
        self.copy_button = buttons.addButton(
            tr("Copy details"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.copy_button.setObjectName("copy_details")
        self.copy_button.setToolTip(
            tr("Copies the technical details to the clipboard, for a bug report")
        )
        self.copy_button.clicked.connect(self.copy_details)
        self.details_button = QPushButton(tr("Details"), self)
        self.details_button.setObjectName("show_details")
        self.details_button.setCheckable(True)
        self.details_button.toggled.connect(self.details.setVisible)
        buttons.addButton(self.details_button, QDialogButtonBox.ButtonRole.ActionRole)
        close_text = tr("Close SLA Workbench") if fatal else tr("Close")
        self.close_button = buttons.addButton(close_text, QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button.setObjectName("close_crash_dialog")
        self.close_button.setDefault(True)
        buttons.accepted.connect(self.accept)

        text = QVBoxLayout()
        text.addWidget(self.message)
        text.addWidget(self.log_label)
        top = QHBoxLayout()
        top.addWidget(icon)
        top.addLayout(text, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)

    def add_failure(self, what: str, details: str) -> None:
        self._details.append(details)
        if self.fatal:
            sentence = tr(
                "SLA Workbench ran out of resources ({what}) and must close; saved data is safe."
            ).format(what=what)
        elif len(self._details) == 1:
            sentence = tr(
                "An unexpected error stopped the last action ({what}); you can keep working."
            ).format(what=what)
        else:
            sentence = tr(
                "{count} unexpected errors stopped actions, the last one: {what}; you can "
                "keep working, but restarting SLA Workbench is wise."
            ).format(count=len(self._details), what=what)
        self.message.setText(sentence)
        self.details.setPlainText("\n\n".join(self._details))

    def details_for_clipboard(self) -> str:
        return "\n\n".join(self._details)

    @Slot()
    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details_for_clipboard())
        self.copy_button.setText(tr("Copied"))


class CrashHandler(QObject):
    """Owns the exception hooks while the window runs; shows one ``CrashDialog`` at a time."""

    failed = Signal(str, str, bool)
    """(summary, details, fatal) — emitted from any thread, handled on the GUI thread."""

    def __init__(self, log_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.log_path = log_path
        self.dialog: CrashDialog | None = None
        self._previous_hook: ExceptHook | None = None
        self._previous_thread_hook: Callable[[threading.ExceptHookArgs], object] | None = None
        self._dialog_broken = False
        self.failed.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def install(self) -> None:
        self._previous_hook = sys.excepthook
        self._previous_thread_hook = threading.excepthook
        sys.excepthook = self.handle
        threading.excepthook = self._handle_thread

    def uninstall(self) -> None:
        if self._previous_hook is not None:
            sys.excepthook = self._previous_hook
            self._previous_hook = None
        if self._previous_thread_hook is not None:
            threading.excepthook = self._previous_thread_hook
            self._previous_thread_hook = None

    def handle(
        self, exc_type: type[BaseException], error: BaseException, tb: TracebackType | None
    ) -> None:
        """Log the failure and have the dialog tell the user (safe from any thread)."""
        if issubclass(exc_type, KeyboardInterrupt | SystemExit):
            sys.__excepthook__(exc_type, error, tb)
            return
        log.error("Unexpected error: %s", summary(error), exc_info=(exc_type, error, tb))
        self.failed.emit(
            summary(error), details_text(exc_type, error, tb), isinstance(error, FATAL)
        )

    def _handle_thread(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None:
            return
        self.handle(args.exc_type, args.exc_value, args.exc_traceback)

    @Slot(str, str, bool)
    def _show(self, what: str, details: str, fatal: bool) -> None:
        if self._dialog_broken:  # the log has it; no dialog loop over a broken dialog
            return
        try:
            if self.dialog is None or (fatal and not self.dialog.fatal):
                if self.dialog is not None:
                    self.dialog.close()
                self.dialog = CrashDialog(
                    self.log_path, fatal=fatal, parent=QApplication.activeWindow()
                )
                self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
                self.dialog.finished.connect(self._closed)
            self.dialog.add_failure(what, details)
            self.dialog.open()
        except Exception:
            self._dialog_broken = True
            log.exception("The error dialog could not be shown")

    @Slot()
    def _closed(self) -> None:
        fatal = self.dialog is not None and self.dialog.fatal
        self.dialog = None
        if fatal:
            QApplication.exit(EXIT_AFTER_FATAL)
