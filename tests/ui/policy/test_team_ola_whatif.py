"""What if… in the Team OLAs tab: type a tighter target, press the button, read which of
the team's OLA cycles would change verdict — the same cycles a scalar replay of every
log finds — and which of them only a re-baseline would re-judge."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from slaworkbench.domain.model import Priority
from slaworkbench.store.ola.versions import list_team_olas
from slaworkbench.ui.changes import ChangeNotice
from slaworkbench.ui.policy.team_ola_editor import TeamOlaEditor
from slaworkbench.ui.policy.team_ola_whatif import OlaFlipTableModel
from slaworkbench.ui.tasks import TaskRunner
from tests.support.ola_workspace import (
    DESK_TARGETS,
    NOW,
    OlaWorkspace,
    ola_workspace,
    scalar_desk_flips,
)


@pytest.fixture
def seeded(tmp_path: Path) -> Iterator[OlaWorkspace]:
    made = ola_workspace(tmp_path, tickets=60, seed=7)
    yield made
    made.workspace.close()


def test_what_if_lists_the_cycles_a_tighter_target_flips(  # type: ignore[no-untyped-def]
    qtbot: QtBot, seeded: OlaWorkspace, qtmodeltester
) -> None:
    editor = TeamOlaEditor(
        seeded.workspace, TaskRunner(synchronous=True), notice=ChangeNotice(), author="lead",
        clock=lambda: NOW,
    )  # fmt: skip
    qtbot.addWidget(editor)
    editor.show()
    teams = editor.teams
    desk = next(teams.item(r) for r in range(teams.count()) if teams.item(r).text() == "Desk")
    qtbot.mouseClick(
        teams.viewport(), Qt.MouseButton.LeftButton, pos=teams.visualItemRect(desk).center()
    )
    field = editor.targets[Priority.NORMAL]
    assert field.text() == "4h"
    field.selectAll()
    qtbot.keyClicks(field, "30m")
    qtbot.mouseClick(editor.whatif_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.whatif_dialog is not None and editor.whatif_dialog.isVisible())
    dialog = editor.whatif_dialog
    assert dialog is not None
    qtmodeltester.check(dialog.flips)

    draft = dict(DESK_TARGETS, **{Priority.NORMAL: 30 * 60})
    expected = {
        (ticket, start, stop is not None)
        for ticket, start, stop, *_ in scalar_desk_flips(seeded.logs, draft)
    }
    assert expected  # the tighter target breaches some cycles
    shown = {
        (flip.ticket_id, flip.started_at, flip.kept_until_rebaseline)
        for flip in dialog.outcome.flips
    }
    assert shown == expected
    # A tighter target only turns achieved cycles into breached ones (a running cycle
    # stays in progress either way).
    assert {(f.before, f.after) for f in dialog.outcome.flips} == {("achieved", "breached")}
    column = OlaFlipTableModel.COL_WHEN
    whens = {dialog.flips.index(r, column).data() for r in range(dialog.flips.rowCount())}
    kept = sum(1 for f in expected if f[2])
    assert ("only at a re-baseline (stopped: keeps its verdict)" in whens) == (kept > 0)
    assert f"{len(expected) - kept} at the save, {kept} only at a re-baseline" in (
        dialog.summary.text()
    )
    # Every header is readable at the dialog's first size (none cut to "With the te…").
    qtbot.wait(50)
    header = dialog.view.horizontalHeader()
    metrics = header.fontMetrics()
    for column in range(dialog.flips.columnCount()):
        title = str(dialog.flips.headerData(column, Qt.Orientation.Horizontal))
        assert header.sectionSize(column) >= metrics.horizontalAdvance(title), title
    # Nothing was saved.
    with seeded.workspace.session() as session:
        desk_info = next(t for t in list_team_olas(session) if t.team == "Desk")
    assert desk_info.version == 1 and desk_info.targets[Priority.NORMAL] == 4 * 3600
