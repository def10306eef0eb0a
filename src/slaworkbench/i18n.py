"""The project's one helper for user-visible text: ``tr("...")``.

Inside the window it goes through Qt's translator (``QCoreApplication.translate``); in
Qt-free layers and on the command line, where no Qt application runs, it returns the
text unchanged. It never imports Qt itself, so ``domain`` and ``store`` may use it.
Use ``tr("Calendar {name} has no working time").format(name=...)`` — translate the
template, then fill it in.
"""

from __future__ import annotations

import sys

CONTEXT = "SLAWorkbench"


def tr(text: str, context: str = CONTEXT) -> str:
    qtcore = sys.modules.get("PySide6.QtCore")
    if qtcore is None:
        return text
    app = qtcore.QCoreApplication.instance()
    if app is None:
        return text
    translated: str = qtcore.QCoreApplication.translate(context, text)
    return translated
