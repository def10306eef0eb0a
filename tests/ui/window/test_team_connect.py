"""File › Connect to team server…, typed into like a person, against a real server with
password authentication (a private cluster): a good connection switches the window to
the server (title and status bar), a wrong password is a sentence and switches nothing,
File › Use local workspace goes back. The password goes to the keyring, the remembered
URL never holds it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring
import pytest
from keyring.backend import KeyringBackend
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from slaworkbench.app.team import passwords
from slaworkbench.store.workspace import open_workspace
from slaworkbench.ui.window.connect_dialog import ConnectDialog
from slaworkbench.ui.window.host import WindowHost
from slaworkbench.ui.window.team_settings import TEAM_URL, remembered_server
from tests.support.postgres_server import PASSWORD, USER, PrivateCluster

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")
T0 = 1_790_000_000


class MemoryKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


@pytest.fixture
def team_database(private_cluster: PrivateCluster) -> str:
    url = private_cluster.create_database("team")
    open_workspace(url).close()  # a workspace at this revision, seeded
    return url


@pytest.fixture
def host(qtbot: Any, tmp_path: Path) -> Iterator[WindowHost]:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    workspace = open_workspace(str(tmp_path / "local.sqlite3"))
    host = WindowHost(
        workspace, settings=settings, clock=lambda: T0, watch_interval_ms=60_000, tray=False
    )
    host.window.show()  # not given to qtbot: the host closes and deletes its windows
    yield host
    WindowHost.close_window(host.window)


def open_connect_dialog(qtbot: Any, host: WindowHost) -> ConnectDialog:
    host.window.connect_action.trigger()
    qtbot.waitUntil(
        lambda: (
            isinstance(QApplication.activeModalWidget(), ConnectDialog)
            or any(
                isinstance(w, ConnectDialog) and w.isVisible()
                for w in QApplication.topLevelWidgets()
            )
        ),
        timeout=5000,
    )
    (dialog,) = [
        w for w in QApplication.topLevelWidgets() if isinstance(w, ConnectDialog) and w.isVisible()
    ]
    return dialog


def type_into(qtbot: Any, dialog: ConnectDialog, cluster: PrivateCluster, password: str) -> None:
    for field, value in (
        (dialog.host, "127.0.0.1"),
        (dialog.port, str(cluster.port)),
        (dialog.database, "team"),
        (dialog.user, USER),
        (dialog.password, password),
    ):
        field.selectAll()
        qtbot.keyClick(field, Qt.Key.Key_Delete)
        qtbot.keyClicks(field, value)


def test_connecting_switches_the_window_to_the_server_and_back(
    qtbot: Any, host: WindowHost, private_cluster: PrivateCluster, team_database: str,
    memory_keyring: MemoryKeyring,
) -> None:  # fmt: skip
    local_title = host.window.windowTitle()
    assert "local.sqlite3" in local_title
    assert "local.sqlite3" in host.window.workspace_label.text()
    dialog = open_connect_dialog(qtbot, host)
    assert dialog.remember.isEnabled() and dialog.remember.isChecked()
    type_into(qtbot, dialog, private_cluster, PASSWORD)
    qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)

    where = f"127.0.0.1:{private_cluster.port}/team"
    qtbot.waitUntil(lambda: where in host.window.windowTitle(), timeout=20_000)
    window = host.window
    assert where in window.workspace_label.text()
    assert window.local_action.isEnabled()
    remembered = remembered_server(host.settings)
    assert remembered is not None and PASSWORD not in remembered
    assert "team" in remembered and USER in remembered
    assert passwords.recall(remembered) == PASSWORD

    window.local_action.trigger()
    qtbot.waitUntil(lambda: host.window.windowTitle() == local_title, timeout=20_000)
    assert host.settings.value(TEAM_URL) is None


def test_a_wrong_password_is_a_sentence_and_switches_nothing(
    qtbot: Any, host: WindowHost, private_cluster: PrivateCluster, team_database: str
) -> None:
    window = host.window
    title = window.windowTitle()
    dialog = open_connect_dialog(qtbot, host)
    type_into(qtbot, dialog, private_cluster, "not-the-password")
    qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(
        lambda: "refused the user name or password" in dialog.message.text(), timeout=20_000
    )
    assert dialog.isVisible()
    assert host.window is window and window.windowTitle() == title
    assert remembered_server(host.settings) is None
    dialog.reject()


def test_no_server_there_is_a_sentence(qtbot: Any, host: WindowHost) -> None:
    dialog = open_connect_dialog(qtbot, host)
    for field, value in ((dialog.host, "127.0.0.1"), (dialog.port, "1"), (dialog.user, "x")):
        field.selectAll()
        qtbot.keyClicks(field, value)
    qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "No team server answers" in dialog.message.text(), timeout=20_000)
    assert "127.0.0.1" in dialog.message.text()
    dialog.reject()


def test_the_check_names_an_empty_database_and_a_newer_schema(
    private_cluster: PrivateCluster,
) -> None:
    from sqlalchemy import create_engine, text

    from slaworkbench.app.team.connect import EMPTY, READY, ServerAddress, check_server

    address = ServerAddress("127.0.0.1", private_cluster.port, "fresh", USER)
    url = private_cluster.create_database("fresh")
    assert check_server(address, PASSWORD).state == EMPTY
    open_workspace(url).close()
    assert check_server(address, PASSWORD).state == READY
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    newer = check_server(address, PASSWORD)
    assert newer.state == "newer" and "newer SLA Workbench" in newer.sentence
    missing = check_server(ServerAddress("127.0.0.1", private_cluster.port, "nope", USER), PASSWORD)
    assert missing.state == "database"


def test_without_a_keyring_the_password_is_not_remembered(tmp_path: Path) -> None:
    from keyring.backends import fail

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        assert not passwords.usable()
        assert passwords.remember("postgresql+psycopg://u@h/db", "pw") is False
        assert passwords.recall("postgresql+psycopg://u@h/db") is None
    finally:
        keyring.set_keyring(previous)


def test_at_start_the_remembered_server_opens_with_the_keyring_s_password(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    from slaworkbench.ui.window.host import start_url

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    assert start_url(None, settings) is None  # nothing remembered: the usual rules
    server = "postgresql+psycopg://sla@db.example.org:5432/team"
    settings.setValue(TEAM_URL, server)
    passwords.remember(server, "s3cret")
    assert start_url(None, settings) == "postgresql+psycopg://sla:s3cret@db.example.org:5432/team"
    assert start_url("/tmp/x.sqlite3", settings) == "/tmp/x.sqlite3"  # --database wins
