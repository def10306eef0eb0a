"""The project's helpers for user-visible text: ``tr("...")`` and ``trn(...)``.

Inside the window they go through Qt's translator (``QCoreApplication.translate``); in
Qt-free layers and on the command line, where no Qt application runs, they return the
text unchanged. They never import Qt themselves, so ``domain`` and ``store`` may use them.
Use ``tr("Calendar {name} has no working time").format(name=...)`` — translate the
template, then fill it in. Counts use ``trn("{n} holiday", "{n} holidays", n)``, which
picks the form for ``n`` (Qt's plural rules when a translator is installed) and fills
``{n}`` itself.
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


def trn(singular: str, plural: str, n: int, context: str = CONTEXT) -> str:
    """The singular or plural template for the count ``n``, translated, ``{n}`` filled.

    Without a translator, English rules apply: one is singular, every other count plural.
    The templates may hold other ``{fields}``; only ``{n}`` is filled here, so callers
    ``.format()`` the rest.
    """
    template = singular if n == 1 else plural
    qtcore = sys.modules.get("PySide6.QtCore")
    app = qtcore.QCoreApplication.instance() if qtcore is not None else None
    if qtcore is not None and app is not None:
        # Qt's plural lookup: the source text is the plural template, ``n`` picks the form.
        translated: str = qtcore.QCoreApplication.translate(context, plural, None, n)
        if translated != plural:
            template = translated
    return template.replace("{n}", f"{n:,}")
