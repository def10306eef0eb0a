"""The survey answers and outage files page: its texts sit under the buttons (they were
spread down the empty page, centred in it), and a refused file's problems take the page."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from slaworkbench.store.workspace import open_workspace
from slaworkbench.ui.agreements.csv_import import CsvImportPanel
from slaworkbench.ui.changes import ChangeNotice
from slaworkbench.ui.tasks import TaskRunner


def test_the_texts_sit_under_the_buttons_and_problems_fill_the_page(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path, monkeypatch
) -> None:
    with open_workspace(str(tmp_path / "w.sqlite3")) as workspace:
        panel = CsvImportPanel(workspace, TaskRunner(synchronous=True), ChangeNotice())
        qtbot.addWidget(panel)
        panel.resize(900, 700)
        panel.show()
        qtbot.waitExposed(panel)
        below_buttons = panel.survey_button.geometry().bottom()
        line = panel.fontMetrics().lineSpacing()
        assert panel.help.geometry().top() - below_buttons < 2 * line
        assert panel.help.height() < 6 * line  # its three lines, not half the page

        bad = tmp_path / "answers.csv"
        bad.write_text("ticket_id,answered_at,kind,score,comment\nx,y,csat,9,\n", "utf-8")
        monkeypatch.setattr(
            "slaworkbench.ui.agreements.csv_import.QFileDialog.getOpenFileName",
            lambda *_args, **_kwargs: (str(bad), ""),
        )
        qtbot.mouseClick(panel.survey_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(panel.problems.isVisible)
        assert panel.problems.count() >= 1
        qtbot.waitUntil(lambda: panel.problems.height() > panel.height() // 2)  # the list's
