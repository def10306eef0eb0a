"""The Help menu: Keyboard shortcuts (Ctrl+/) and About SLA Workbench."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QMainWindow, QMenu

from slaworkbench.i18n import tr
from slaworkbench.store.workspace import Workspace
from slaworkbench.ui.window.about import AboutDialog
from slaworkbench.ui.window.shortcuts import ShortcutsDialog


def _open(dialog: QDialog) -> None:
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()


def add_help_menu(window: QMainWindow, workspace: Workspace) -> QMenu:
    """Append Help › Keyboard shortcuts and Help › About to the window's menu bar."""
    menu = window.menuBar().addMenu(tr("&Help"))
    menu.setObjectName("help_menu")
    shortcuts = QAction(tr("Keyboard shortcuts"), window)
    shortcuts.setObjectName("help_shortcuts")
    shortcuts.setShortcut(QKeySequence("Ctrl+/"))
    shortcuts.triggered.connect(lambda _checked=False: _open(ShortcutsDialog(window)))
    menu.addAction(shortcuts)
    about = QAction(tr("About SLA Workbench"), window)
    about.setObjectName("help_about")
    about.setMenuRole(QAction.MenuRole.AboutRole)
    about.triggered.connect(lambda _checked=False: _open(AboutDialog(workspace, window)))
    menu.addAction(about)
    return menu
