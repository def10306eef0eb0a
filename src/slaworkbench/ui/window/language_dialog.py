"""Tools › Language…: English, Português (Portugal) or Português (Brasil), or the system's.

The choice is stored in the settings (``language.SETTINGS_KEY``) and read when the
program starts; the dialog says so, as the window's text is not rebuilt in place.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMainWindow,
    QVBoxLayout,
    QWidget,
)

from slaworkbench import language
from slaworkbench.i18n import tr


def stored_choice(settings: QSettings | None = None) -> str:
    """The language chosen in Tools › Language… (``""``: the system's)."""
    value = (settings or QSettings()).value(language.SETTINGS_KEY, language.SYSTEM)
    return str(value or "")


class LanguageDialog(QDialog):
    """Pick the program's language; it takes effect when SLA Workbench next starts."""

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(tr("Language"))
        self.choice = QComboBox()
        self.choice.setObjectName("language_choice")
        for code, name in language.choices():
            self.choice.addItem(name, code)
        index = self.choice.findData(stored_choice(settings))
        self.choice.setCurrentIndex(max(index, 0))
        self.note = QLabel(tr("The new language is used when SLA Workbench is next started."))
        self.note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("Language of the window, the reports and the messages:")))
        layout.addWidget(self.choice)
        layout.addWidget(self.note)
        layout.addWidget(buttons)

    def accept(self) -> None:
        self.settings.setValue(language.SETTINGS_KEY, str(self.choice.currentData()))
        super().accept()


def language_action(window: QMainWindow, settings: QSettings) -> QAction:
    """Tools › Language…, opening the dialog over ``window``; the choice goes to
    ``settings`` (the window's)."""
    action = QAction(tr("Language…"), window)
    action.setObjectName("tools_language")

    def show_dialog() -> None:
        dialog = LanguageDialog(settings, window)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            window.statusBar().showMessage(
                tr("The language changes when SLA Workbench is next started."), 10_000
            )

    action.triggered.connect(lambda _checked=False: show_dialog())
    return action
