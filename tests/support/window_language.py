"""The window in another language for one test: the catalogue and Qt's installed in the
application as at start (``language.install_in_application``), all undone afterwards."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from slaworkbench import i18n, language


@contextmanager
def window_language(app: QApplication, code: str) -> Iterator[str]:
    before = i18n.active()
    default = QLocale()
    ours = language.catalogue(code)
    translators = [*language.qt_catalogues(code), *([ours] if ours else [])]
    locale = language.install_in_application(app, code)
    try:
        yield locale
    finally:
        for translator in translators:
            app.removeTranslator(translator)
        i18n.install(before.locale, before.catalogue)
        QLocale.setDefault(default)
