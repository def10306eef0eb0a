"""File › Connect to team server…: host, port, database, user and password.

Connect checks the server off the GUI thread (``app/team/connect.py``) before anything
switches: a refusal (no server there, a wrong password, no such database, a newer
schema, another program's tables) is a sentence in the dialog and nothing changes; an
empty database is offered to be initialised. When the check passes, the workspace is
opened (upgraded or initialised) on the task runner and ``connected`` carries it with the
URL to remember (without the password). With a usable keyring, "Remember the password"
keeps it there (``app/team/passwords.py``).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from slaworkbench.app.team import passwords
from slaworkbench.app.team.connect import (
    EMPTY,
    ServerAddress,
    ServerCheck,
    check_server,
    open_team_workspace,
)
from slaworkbench.i18n import tr
from slaworkbench.store.errors import StoreError
from slaworkbench.store.workspace import Workspace
from slaworkbench.ui.tasks import TaskContext, TaskRunner, UserFacingError

DEFAULT_PORT = 5432


class ConnectDialog(QDialog):
    connected = Signal(object, str)
    """The opened ``Workspace`` and the URL to remember (without the password)."""

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Connect to team server"))
        self._runner = runner
        self.host = QLineEdit(self)
        self.host.setObjectName("connect_host")
        self.host.setPlaceholderText(tr("e.g. db.example.org"))
        self.port = QLineEdit(str(DEFAULT_PORT), self)
        self.port.setObjectName("connect_port")
        self.port.setValidator(QIntValidator(1, 65535, self))
        self.database = QLineEdit("slaworkbench", self)
        self.database.setObjectName("connect_database")
        self.user = QLineEdit(self)
        self.user.setObjectName("connect_user")
        self.password = QLineEdit(self)
        self.password.setObjectName("connect_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember = QCheckBox(tr("Remember the password in this computer's keyring"), self)
        self.remember.setObjectName("connect_remember")
        keyring = passwords.usable()
        self.remember.setChecked(keyring)
        self.remember.setEnabled(keyring)
        if not keyring:
            self.remember.setToolTip(
                tr("No keyring is available: the password will be asked at each start.")
            )
        self.message = QLabel(self)
        self.message.setObjectName("connect_message")
        self.message.setWordWrap(True)

        form = QFormLayout()
        form.addRow(tr("Server"), self.host)
        form.addRow(tr("Port"), self.port)
        form.addRow(tr("Database"), self.database)
        form.addRow(tr("User"), self.user)
        form.addRow(tr("Password"), self.password)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.connect_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.connect_button.setText(tr("Connect"))
        self.buttons.accepted.connect(self.try_connect)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.remember)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def address(self) -> ServerAddress:
        port = self.port.text().strip()
        return ServerAddress(
            host=self.host.text().strip(),
            port=int(port) if port.isdigit() else DEFAULT_PORT,
            database=self.database.text().strip(),
            user=self.user.text().strip(),
        )

    def _busy(self, busy: bool, text: str = "") -> None:
        self.connect_button.setEnabled(not busy)
        self.message.setText(text)

    def try_connect(self) -> None:
        address = self.address()
        if not address.host or not address.database:
            self.message.setText(tr("Enter the server's address and the database's name."))
            return
        password = self.password.text()
        self._busy(True, tr("Checking the server…"))

        def check(_context: TaskContext) -> ServerCheck:
            return check_server(address, password)

        self._runner.submit(
            tr("Check the team server"),
            check,
            on_success=lambda result: self._checked(result, address, password),
            on_failure=lambda message: self._busy(False, message),
        )

    def _checked(self, result: object, address: ServerAddress, password: str) -> None:
        assert isinstance(result, ServerCheck)
        if not result.may_switch:
            self._busy(False, result.sentence)
            return
        initialise = result.state == EMPTY
        if initialise:
            answer = QMessageBox.question(self, tr("Connect to team server"), result.sentence)
            if answer != QMessageBox.StandardButton.Yes:
                self._busy(False, tr("Nothing was changed."))
                return
        self._busy(True, tr("Opening the workspace on the server…"))
        url = address.url(password)

        def open_it(_context: TaskContext) -> Workspace:
            try:
                return open_team_workspace(url, initialise=initialise)
            except StoreError as error:
                raise UserFacingError(str(error)) from error

        self._runner.submit(
            tr("Open the team workspace"),
            open_it,
            on_success=lambda workspace: self._opened(workspace, address, password),
            on_failure=lambda message: self._busy(False, message),
        )

    def _opened(self, workspace: object, address: ServerAddress, password: str) -> None:
        remembered = address.url(None)
        if self.remember.isChecked() and password:
            passwords.remember(remembered, password)
        self._busy(False)
        self.connected.emit(workspace, remembered)
        self.accept()
