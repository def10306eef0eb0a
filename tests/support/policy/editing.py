"""What the policy editor's tests share: what the tab announced on the change notice,
and the row counts of calendars and policies."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from slaworkbench.app.changes import Changes
from slaworkbench.store.schema import Calendar, CalendarHoliday, Policy, PolicyVersion
from slaworkbench.store.workspace import Workspace
from slaworkbench.ui.changes import ChangeNotice
from slaworkbench.ui.policy.workspace_widget import PolicyWorkspaceWidget


class Announced(list[Changes]):
    """What the tab announced on the change notice, in order."""

    def __init__(self, notice: ChangeNotice) -> None:
        super().__init__()
        self.notice = notice
        notice.changed.connect(self.append)


def counts(workspace: Workspace) -> tuple[int, ...]:
    with workspace.session() as session:
        return tuple(
            session.execute(select(func.count()).select_from(table)).scalar_one()
            for table in (Calendar, CalendarHoliday, Policy, PolicyVersion)
        )


def click(qtbot: QtBot, button: object) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # type: ignore[arg-type]


def new_policy(qtbot: QtBot, window: PolicyWorkspaceWidget, name: str) -> None:
    """Click "New policy" and type a name."""
    click(qtbot, window.policy_list.new_button)
    window.editor.name.clear()
    qtbot.keyClicks(window.editor.name, name)


def type_into(qtbot: QtBot, field: object, text: str) -> None:
    field.clear()  # type: ignore[attr-defined]
    qtbot.keyClicks(field, text)  # type: ignore[arg-type]
