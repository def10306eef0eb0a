"""The review log shows each review whole: a long outcome wraps onto more lines instead of
running off the list's side behind a horizontal scroll bar."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from slaworkbench.store.agreements.versions import ReviewEntry
from slaworkbench.store.workspace import open_workspace
from slaworkbench.ui.agreements.review_log import ReviewLog
from slaworkbench.ui.changes import ChangeNotice
from slaworkbench.ui.tasks import TaskRunner

OUTCOME = (
    "Goals kept; resolution compliance above target every month, first responses slower "
    "in August; fee unchanged"
)


def test_a_long_review_wraps_and_nothing_scrolls_sideways(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with open_workspace(str(tmp_path / "w.sqlite3")) as workspace:
        log = ReviewLog(workspace, TaskRunner(synchronous=True), ChangeNotice(), author="Ana")
        qtbot.addWidget(log)
        log.resize(260, 400)
        log.show()
        reviewed = int(dt.datetime(2026, 6, 10, tzinfo=dt.UTC).timestamp())
        entry = ReviewEntry(1, 1, reviewed, "Ana Costa", OUTCOME, "targets for urgent tickets")
        log.show_reviews(1, (entry,), dt.date(2027, 6, 10))
        qtbot.waitExposed(log)
        entries = log.entries
        item = entries.item(0)
        assert item.text().endswith(f"{OUTCOME} What changed: targets for urgent tickets")
        line = entries.fontMetrics().lineSpacing()
        assert entries.visualItemRect(item).height() >= 3 * line  # wrapped onto lines
        assert entries.visualItemRect(item).right() <= entries.viewport().width()
        assert not entries.horizontalScrollBar().isVisible()
