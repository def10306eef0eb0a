"""The window while the team server is gone: a banner says so (no dialog to dismiss, no
frozen window), and it goes away by itself when the server is back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from slaworkbench.app.tickets.actions import NewTicket, create_ticket
from slaworkbench.store.errors import server_unreachable_sentence
from slaworkbench.store.workspace import open_workspace
from tests.support.live_window import close_window, open_window
from tests.support.postgres_server import PrivateCluster

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")
T0 = 1_790_000_000


def test_a_banner_while_the_server_is_gone_and_none_once_it_is_back(
    qtbot: Any, tmp_path: Path, private_cluster: PrivateCluster
) -> None:
    workspace = open_workspace(private_cluster.create_database("banner"))
    create_ticket(workspace, NewTicket(subject="Printer on fire"), author="t", now=T0 - 60)
    window = open_window(
        qtbot, workspace, tmp_path, now=T0, watch_interval_ms=200,
        ready=lambda win: win.tickets.model.rowCount() == 1,
    )  # fmt: skip
    try:
        assert not window.banner.isVisible()
        private_cluster.stop("immediate")
        qtbot.waitUntil(window.banner.isVisible, timeout=15_000)
        assert window.banner.label.text() == server_unreachable_sentence()
        # A reload of the list meets the gone server: the banner again, not a dialog.
        window.tickets.toolbar.refresh_action.trigger()
        qtbot.wait(500)
        assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
        assert window.banner.isVisible()

        private_cluster.start()
        qtbot.waitUntil(lambda: not window.banner.isVisible(), timeout=15_000)
        assert window.tickets.model.rowCount() == 1
    finally:
        close_window(window)
        workspace.close()
