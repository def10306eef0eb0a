"""An exception raised in a slot: one sentence and the log's place, details on request,
the traceback on the clipboard, and a window that goes on working."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QVBoxLayout, QWidget

from slaworkbench import config
from slaworkbench.cli.main import setup_logging
from slaworkbench.ui.crash import CrashDialog, CrashHandler

pytestmark = [
    # The handler under test must see the exception, not pytest-qt's own hook.
    pytest.mark.qt_no_exception_capture,
    pytest.mark.qt_log_ignore("propagateSizeHints"),
]


class Host(QWidget):
    """A window with a button whose slot fails and one that counts clicks."""

    def __init__(self) -> None:
        super().__init__()
        self.clicks = 0
        self.broken = QPushButton("Export", self)
        self.broken.clicked.connect(self.export)
        self.counter = QPushButton("Count", self)
        self.counter.clicked.connect(self.count)
        self.label = QLabel("0", self)
        layout = QVBoxLayout(self)
        for widget in (self.broken, self.counter, self.label):
            layout.addWidget(widget)

    def export(self) -> None:
        rows = {"open": 3}
        rows["closed"] += 1  # a bug: KeyError 'closed'

    def count(self) -> None:
        self.clicks += 1
        self.label.setText(str(self.clicks))


@pytest.fixture
def handler(qtbot) -> Iterator[CrashHandler]:  # type: ignore[no-untyped-def]
    hook = sys.excepthook
    root = logging.getLogger()
    before = list(root.handlers)
    setup_logging("error")  # as the program does: the log file gets the traceback
    crash = CrashHandler(config.log_file())
    crash.install()
    yield crash
    crash.uninstall()
    if crash.dialog is not None:
        crash.dialog.close()
    assert sys.excepthook is hook
    for added in [h for h in root.handlers if h not in before]:
        root.removeHandler(added)
        added.close()


def click(qtbot, button: QPushButton) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=button.rect().center())


def shown_dialog(qtbot, handler: CrashHandler) -> CrashDialog:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: handler.dialog is not None and handler.dialog.isVisible())
    assert handler.dialog is not None
    return handler.dialog


def test_a_failing_slot_shows_the_dialog_and_the_window_keeps_working(
    qtbot, handler: CrashHandler
) -> None:  # type: ignore[no-untyped-def]
    host = Host()
    qtbot.addWidget(host)
    host.show()
    qtbot.waitExposed(host)

    click(qtbot, host.broken)
    dialog = shown_dialog(qtbot, handler)

    # One sentence that says what happened; the log file's place; no traceback in sight.
    message = dialog.message.text()
    assert "unexpected error" in message and "KeyError: 'closed'" in message
    assert "Traceback" not in message
    assert str(config.log_file()) in dialog.log_label.text()
    assert not dialog.details.isVisible()

    # "Copy details" puts the whole traceback on the clipboard.
    click(qtbot, dialog.copy_button)
    copied = QGuiApplication.clipboard().text()
    assert copied.startswith("SLA Workbench ")
    assert "Traceback (most recent call last)" in copied
    assert 'rows["closed"] += 1' in copied and "KeyError: 'closed'" in copied

    # "Details" unfolds the same text, for a user who asks.
    click(qtbot, dialog.details_button)
    assert dialog.details.isVisible()
    assert "KeyError: 'closed'" in dialog.details.toPlainText()

    # The traceback went to the log file too.
    logged = config.log_file().read_text(encoding="utf-8")
    assert "Unexpected error: KeyError: 'closed'" in logged and "KeyError: 'closed'" in logged

    click(qtbot, dialog.close_button)
    qtbot.waitUntil(lambda: handler.dialog is None)

    # The window still answers clicks.
    click(qtbot, host.counter)
    click(qtbot, host.counter)
    assert host.label.text() == "2"
    assert QApplication.instance() is not None


def test_failures_while_the_dialog_is_open_join_it(qtbot, handler: CrashHandler) -> None:  # type: ignore[no-untyped-def]
    host = Host()
    qtbot.addWidget(host)
    host.show()
    qtbot.waitExposed(host)

    click(qtbot, host.broken)
    dialog = shown_dialog(qtbot, handler)
    host.broken.click()  # the dialog is window-modal; a second failure from code, e.g. a timer
    qtbot.waitUntil(lambda: dialog.message.text().startswith("2 unexpected errors"))
    assert handler.dialog is dialog
    assert dialog.details_for_clipboard().count("KeyError: 'closed'") == 2
    assert [w for w in QApplication.topLevelWidgets() if isinstance(w, CrashDialog)] == [dialog]


def test_interrupts_are_not_reported_as_errors(qtbot, handler: CrashHandler, capsys) -> None:  # type: ignore[no-untyped-def]
    try:
        raise KeyboardInterrupt
    except KeyboardInterrupt:
        sys.excepthook(*sys.exc_info())  # as the interpreter does at top level
    qtbot.wait(50)
    assert handler.dialog is None
    assert "KeyboardInterrupt" in capsys.readouterr().err
