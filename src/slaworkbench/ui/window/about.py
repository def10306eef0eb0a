"""Help › About: the version and where this program keeps the workspace, settings and log.

Every path is selectable text, so a support lead can paste it into a bug report or a
file manager; "Copy" puts them all on the clipboard at once.
"""

from __future__ import annotations

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from slaworkbench import __version__, config
from slaworkbench.i18n import tr
from slaworkbench.store.dialect import workspace_location
from slaworkbench.store.workspace import Workspace


class AboutDialog(QDialog):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("about_dialog")
        self.setWindowTitle(tr("About SLA Workbench"))
        title = QLabel(tr("SLA Workbench {version}").format(version=__version__), self)
        title.setObjectName("about_title")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        blurb = QLabel(tr("Tracks support tickets against their service level agreements."), self)
        blurb.setWordWrap(True)

        self.rows: dict[str, str] = {
            "version": __version__,
            "workspace": workspace_location(workspace.url),
            "log": str(config.log_file()),
            "settings": str(config.config_dir()),
            "data": str(config.data_dir()),
        }
        labels = {
            "version": tr("Version"),
            "workspace": tr("Workspace"),
            "log": tr("Log file"),
            "settings": tr("Settings folder"),
            "data": tr("Data folder"),
        }
        form = QFormLayout()
        for key, value in self.rows.items():
            field = QLabel(value, self)
            field.setObjectName(f"about_{key}")
            field.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            field.setWordWrap(True)
            form.addRow(labels[key], field)
        runtime = QLabel(
            tr("Built with Qt for Python (PySide6) {version}.").format(version=pyside_version), self
        )

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.copy_button = buttons.addButton(tr("Copy"), QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.setObjectName("about_copy")
        self.copy_button.setToolTip(tr("Copies the version and these paths to the clipboard"))
        self.copy_button.clicked.connect(self.copy_to_clipboard)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(blurb)
        layout.addLayout(form)
        layout.addWidget(runtime)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)

    def text(self) -> str:
        return "\n".join(f"{key}: {value}" for key, value in self.rows.items())

    @Slot()
    def copy_to_clipboard(self) -> None:
        QGuiApplication.clipboard().setText(self.text())
