"""At start-up, the status bar says which agreements and policies are past their review
date (read in the background)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QStatusBar

from slaworkbench.app.agreements.reading import overdue_message, overdue_reviews
from slaworkbench.i18n import tr
from slaworkbench.store.workspace import Workspace
from slaworkbench.ui.tasks import TaskContext, TaskRunner

SHOWN_MS = 20_000


def announce_overdue_reviews(
    runner: TaskRunner, workspace: Workspace, clock: Callable[[], int], status: QStatusBar
) -> None:
    today = dt.datetime.fromtimestamp(clock(), dt.UTC).date()

    def work(_context: TaskContext) -> str:
        return overdue_message(overdue_reviews(workspace, today))

    def show(message: Any) -> None:
        if message:
            status.showMessage(str(message), SHOWN_MS)

    runner.submit(tr("Checking review dates"), work, on_success=show, owner=status)
