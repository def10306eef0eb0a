"""Qt's own messages (warnings about widgets, fonts, platform plugins) go to the log.

Without this they only reach standard error, which a program started from a desktop
menu does not have; with it they land in the log file with the program's own records,
under the ``qt`` logger at the matching level.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

log = logging.getLogger("qt")

HEADLESS_NOISE = ("This plugin does not support propagateSizeHints",)
"""Messages of the offscreen platform (headless runs and checks) that say nothing about
the program: logged at debug level."""

_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def _to_log(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    category = context.category or "default"
    prefix = "" if category == "default" else f"{category}: "
    level = _LEVELS.get(kind, logging.WARNING)
    if any(message.startswith(noise) for noise in HEADLESS_NOISE):
        level = logging.DEBUG
    log.log(level, "%s%s", prefix, message)


def route_qt_messages_to_log() -> Callable[[], Any]:
    """Install the handler; returns a function that puts the previous one back."""
    previous = qInstallMessageHandler(_to_log)

    def restore() -> None:
        qInstallMessageHandler(previous)

    return restore
