"""Where things live: every path and the database URL are decided here.

``SLAWORKBENCH_HOME`` moves every folder (tests and development use it);
``SLAWORKBENCH_DATABASE`` or ``--database`` picks the database (a SQLAlchemy URL or a
plain file path).
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_ID = "slaworkbench"
APP_NAME = "SLA Workbench"
ORGANISATION = "SLA Workbench"
DATABASE_FILE = "workspace.sqlite3"


def _home_override() -> Path | None:
    home = os.environ.get("SLAWORKBENCH_HOME")
    return Path(home) if home else None


def data_dir() -> Path:
    home = _home_override()
    path = home / "data" if home else platformdirs.user_data_path(APP_ID, appauthor=False)
    path.mkdir(parents=True, exist_ok=True)
    return path


def config_dir() -> Path:
    home = _home_override()
    path = home / "config" if home else platformdirs.user_config_path(APP_ID, appauthor=False)
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_dir() -> Path:
    home = _home_override()
    path = home / "logs" if home else platformdirs.user_log_path(APP_ID, appauthor=False)
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_database_path() -> Path:
    return data_dir() / DATABASE_FILE


def to_database_url(value: str) -> str:
    """A SQLAlchemy URL as it is, or a file path turned into a SQLite URL."""
    if "://" in value:
        return value
    return "sqlite:///" + str(Path(value).expanduser().resolve())


def resolve_database_url(explicit: str | None = None) -> str:
    """``--database`` first, then ``SLAWORKBENCH_DATABASE``, then the default file."""
    if explicit:
        return to_database_url(explicit)
    env = os.environ.get("SLAWORKBENCH_DATABASE")
    if env:
        return to_database_url(env)
    return to_database_url(str(default_database_path()))
