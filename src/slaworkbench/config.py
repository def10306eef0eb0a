"""Where things live: every path and the database URL are decided here.

``SLAWORKBENCH_HOME`` moves every folder (tests and development use it);
``SLAWORKBENCH_DATABASE`` or ``--database`` picks the database (a SQLAlchemy URL or a
plain file path). Without them the folders are the platform's own (``platformdirs``);
docs/PACKAGING.md lists them per platform.

The files the program ships (icons, import presets, migrations) are found through
``importlib.resources`` inside the ``slaworkbench`` package, so they are found the same
way from the source tree, an installed wheel and a frozen one-folder bundle.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

import platformdirs

APP_ID = "slaworkbench"
DESKTOP_ID = "io.github.slaworkbench.SLAWorkbench"
"""The reverse-DNS id of the desktop entry, the AppStream component and the icon."""
APP_NAME = "SLA Workbench"
ORGANISATION = "SLA Workbench"
DATABASE_FILE = "workspace.sqlite3"
LOG_FILE = "slaworkbench.log"


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


def log_file() -> Path:
    """The program's log (rotated at 2 MB, three old files kept beside it)."""
    return log_dir() / LOG_FILE


def package_folder(package: str, *parts: str) -> Path:
    """A folder shipped inside ``package`` (e.g. ``"slaworkbench", "resources"``).

    Found through ``importlib.resources``; every way the program is installed (source
    tree, wheel, pipx, PyInstaller one-folder bundle) keeps package files on disk, which
    Alembic (migrations) and Qt (icon files) need.
    """
    folder = resources.files(package).joinpath(*parts)
    path = Path(str(folder))
    if not path.is_dir():
        raise FileNotFoundError(f"{package} ships no folder {'/'.join(parts)}")
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
