"""The one main window at a time, and switching it to another workspace.

``WindowHost`` opens a ``MainWindow`` (with a task runner of its own) over a workspace.
When the window asks to switch (File › Connect to team server…, File › Use local
workspace) the host opens a new window over the new workspace, then closes the old one,
waits for its tasks and closes its workspace; what the desktop remembers follows
(``team_settings``). At start, ``start_url`` picks the remembered team server when no
``--database`` was given, with its password from the keyring or asked for.
"""

from __future__ import annotations

import os
from typing import Any

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget

from slaworkbench.app.team import passwords
from slaworkbench.app.team.connect import with_password
from slaworkbench.i18n import tr
from slaworkbench.store import dialect
from slaworkbench.store.workspace import Workspace
from slaworkbench.ui.tasks import TaskRunner
from slaworkbench.ui.window import team_settings
from slaworkbench.ui.window.main_window import MainWindow


class WindowHost(QObject):
    switched = Signal(object)
    """The new ``MainWindow``, shown, after a switch."""

    def __init__(
        self,
        workspace: Workspace,
        *,
        settings: QSettings | None = None,
        server_url: str = "",
        runner_factory: Any = TaskRunner,
        **window_options: Any,
    ) -> None:
        super().__init__()
        self.settings = settings or QSettings()
        self._runner_factory = runner_factory
        self._options = window_options
        self.window = self._open(workspace, server_url)

    def _open(self, workspace: Workspace, server_url: str) -> MainWindow:
        team_settings.note_opened(self.settings, workspace.url, server_url)
        window = MainWindow(
            workspace, self._runner_factory(), settings=self.settings, **self._options
        )
        window.switch_requested.connect(self.switch)
        return window

    def switch(self, workspace: object, server_url: str) -> None:
        assert isinstance(workspace, Workspace)
        old = self.window
        old.save_state()
        self.window = self._open(workspace, server_url)
        self.window.setGeometry(old.geometry())
        self.window.show()
        self.window.check_recompute_at_start()
        self.close_window(old)
        self.switched.emit(self.window)

    @staticmethod
    def close_window(window: MainWindow) -> None:
        window.shutdown()
        window.close()
        window.runner.shutdown()
        window.workspace.close()
        window.deleteLater()


def start_url(
    explicit: str | None, settings: QSettings, parent: QWidget | None = None
) -> str | None:
    """The workspace to open at start: ``--database`` or ``SLAWORKBENCH_DATABASE`` when
    given (``None``: the usual rules), else the remembered team server with its password
    (from the keyring, or asked for; cancelling opens the local workspace)."""
    if explicit or os.environ.get("SLAWORKBENCH_DATABASE"):
        return explicit
    server = team_settings.remembered_server(settings)
    if server is None:
        return None
    password = passwords.recall(server)
    if password is None:
        password, ok = QInputDialog.getText(
            parent,
            tr("Connect to team server"),
            tr("Password for {where}:").format(where=dialect.workspace_label(server)),
            QLineEdit.EchoMode.Password,
        )
        if not ok:
            return team_settings.local_workspace_url(settings)
    return with_password(server, password)
