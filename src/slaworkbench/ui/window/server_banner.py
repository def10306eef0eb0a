"""The banner across the top of the window while the team server cannot be reached.

Shown when the workspace watcher or a task finds the server gone, hidden when the
watcher reaches it again; the window keeps working on what it shows meanwhile.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

from slaworkbench.store.errors import server_unreachable_sentence


class ServerBanner(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("server_banner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#server_banner { background: #fff3cd; color: #664d03; }")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        self.label = QLabel(server_unreachable_sentence(), self)
        self.label.setWordWrap(True)
        layout.addWidget(self.label)
        self.hide()
