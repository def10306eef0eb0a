"""What the desktop remembers about team mode, in its QSettings.

- ``team/url``: the team server's URL without the password, while this desktop works on
  the server (removed by File › Use local workspace); the next start opens it, with the
  password from the keyring or asked for.
- ``workspace/local_url``: the local file this desktop used last, where File › Use local
  workspace goes back to (the default file when none was used yet).
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

from slaworkbench import config
from slaworkbench.store import dialect

TEAM_URL = "team/url"
LOCAL_URL = "workspace/local_url"


def remembered_server(settings: QSettings) -> str | None:
    value = settings.value(TEAM_URL)
    return value if isinstance(value, str) and value else None


def local_workspace_url(settings: QSettings) -> str:
    value = settings.value(LOCAL_URL)
    if isinstance(value, str) and value:
        return value
    return config.to_database_url(str(config.default_database_path()))


def note_opened(settings: QSettings, url: str, server_url: str) -> None:
    """A workspace was opened: a local file is remembered as the local one; a server's
    URL (without the password) as the team server, or forgotten for a local file."""
    if dialect.is_sqlite_url(url):
        if dialect.sqlite_file_path(url) is not None:
            settings.setValue(LOCAL_URL, url)
        settings.remove(TEAM_URL)
    elif server_url:
        settings.setValue(TEAM_URL, server_url)
    settings.sync()
