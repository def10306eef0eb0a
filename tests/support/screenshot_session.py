"""What every screenshot script starts with: a throw-away home folder, the application
in British English, and a new workspace in that folder."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from slaworkbench.store.workspace import Workspace, open_workspace
from slaworkbench.ui.window.launch import make_application
from tests.support.paths import REPO_ROOT

OUT = REPO_ROOT / "docs" / "screenshots"


@contextmanager
def screenshot_session() -> Iterator[tuple[QApplication, Workspace, Path]]:
    """``(app, workspace, folder)``; the folder and everything in it go afterwards."""
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        os.environ["SLAWORKBENCH_HOME"] = folder
        app = make_application(sys.argv[:1])
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
        workspace = open_workspace(str(Path(folder) / "demo.sqlite3"))
        try:
            yield app, workspace, Path(folder)
        finally:
            workspace.close()
