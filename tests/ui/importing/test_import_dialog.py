"""File › Import…: the check (dry run), the import, bad files, the menu entry."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QSettings, Qt

from slaworkbench.app.demo.workspace import generate_demo
from slaworkbench.app.importing.preview import (
    CommitGate,
    ImportKind,
    ImportRequest,
    Stage,
)
from slaworkbench.store.workspace import Workspace
from slaworkbench.ui.importing.dialog import ImportDialog
from slaworkbench.ui.importing.parts import run_import_task
from slaworkbench.ui.tasks import TaskCancelled, TaskRunner
from slaworkbench.ui.window.main_window import MainWindow
from tests.support.import_files import GOOD, HEADER, PRESET, row_counts, workspace, write_csv

NOW = 1_790_000_000
WITH_BAD_ROWS = (
    GOOD
    + "C3,yesterday,Queued,Waiting,Medium,dee\n"  # line 9
    + "C3,2026-03-02T09:00:00Z,Parked,<b>Somewhere</b>,Medium,dee\n"  # line 10
    + ",2026-03-02T09:00:00Z,Queued,Waiting,Medium,dee\n"  # line 11
    + "C3,2026-03-02T09:00:00Z,Queued\n"  # line 12
)


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    opened = workspace(tmp_path)
    yield opened
    opened.close()


@pytest.fixture
def preset_path(tmp_path: Path) -> Path:
    path = tmp_path / "small.json"
    path.write_text(json.dumps(PRESET), encoding="utf-8")
    return path


@pytest.fixture
def dialog(qtbot, ws: Workspace, preset_path: Path) -> ImportDialog:  # type: ignore[no-untyped-def]
    made = ImportDialog(ws, TaskRunner(synchronous=True), locale=QLocale(QLocale.Language.English))
    qtbot.addWidget(made)
    made.source.set_preset(preset_path)
    return made


def _figures(dialog: ImportDialog) -> dict[str, str]:
    results = dialog.results
    return {
        "rows": results.rows_figure.value.text(),
        "tickets": results.tickets_figure.value.text(),
        "skipped": results.skipped_figure.value.text(),
        "events": results.events_figure.value.text(),
        "rejected": results.rejected_figure.value.text(),
    }


def test_check_shows_the_counts_the_preview_and_every_rejection(
    dialog: ImportDialog, ws: Workspace, tmp_path: Path
) -> None:
    before = row_counts(ws)
    assert not dialog.check_button.isEnabled()  # no file yet
    dialog.set_file(write_csv(tmp_path / "log.csv", WITH_BAD_ROWS))
    assert dialog.check_button.isEnabled() and not dialog.import_button.isEnabled()

    dialog.check_button.click()

    assert dialog.error.text() == ""
    assert _figures(dialog) == {
        "rows": "11",
        "tickets": "2",
        "skipped": "0",
        "events": "11",
        "rejected": "4",
    }
    preview = dialog.results.preview_model
    assert [preview.ticket(r).external_id for r in range(preview.rowCount())] == ["A1", "B2"]
    assert preview.index(0, preview.COL_STATUS).data() == "Solved"
    assert preview.index(0, preview.COL_PRIORITY).data() == "High"
    assert preview.index(0, preview.COL_EVENTS).data() == "8"  # five rows, two assignments
    rejections = dialog.results.rejection_model
    rows = [
        tuple(rejections.index(r, c).data() for c in range(rejections.columnCount()))
        for r in range(rejections.rowCount())
    ]
    assert [row[:2] for row in rows] == [
        ("9", "When"),
        ("10", "Status + Sub Status"),
        ("11", "Case"),
        ("12", "(whole row)"),
    ]
    assert rows[0][2].startswith("'yesterday' is not a date")
    assert "<b>Somewhere</b>" in rows[1][2]  # file text is shown as it is, never as markup
    assert dialog.results.rejection_section.isVisibleTo(dialog)
    assert "leaves out the 4 rejected rows" in dialog.status.text()
    assert dialog.status.textFormat() == Qt.TextFormat.PlainText
    assert dialog.import_button.isEnabled()
    assert row_counts(ws) == before  # a check writes nothing


def test_the_models_pass_the_model_tester(  # type: ignore[no-untyped-def]
    qtmodeltester, dialog: ImportDialog, tmp_path: Path
) -> None:
    qtmodeltester.check(dialog.results.preview_model)  # empty
    dialog.set_file(write_csv(tmp_path / "log.csv", WITH_BAD_ROWS))
    dialog.check()
    assert dialog.results.preview_model.rowCount() == 2
    assert dialog.results.rejection_model.rowCount() == 4
    qtmodeltester.check(dialog.results.preview_model)
    qtmodeltester.check(dialog.results.rejection_model)
    qtmodeltester.check(dialog.results.preview_view.model())  # the sorting proxy


def test_import_writes_the_tickets_and_reports_the_counts(
    qtbot, dialog: ImportDialog, ws: Workspace, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    before = row_counts(ws)
    dialog.set_file(write_csv(tmp_path / "log.csv", WITH_BAD_ROWS))
    dialog.check()
    dialog.show()
    summaries: list[object] = []
    while_writing: list[tuple[bool, bool, bool]] = []

    def on_imported(summary: object) -> None:
        # Still inside the task: Close and Cancel are off and Escape does not close.
        dialog.reject()
        while_writing.append(
            (
                dialog.close_button.isEnabled(),
                dialog.task_bar.cancel_button.isEnabled(),
                dialog.isVisible(),
            )
        )
        summaries.append(summary)

    dialog.imported.connect(on_imported)
    with qtbot.waitSignal(dialog.workspace_changed):
        dialog.import_button.click()
    (summary,) = summaries
    assert while_writing == [(False, False, True)]
    assert summary.tickets_imported == 2 and summary.events_imported == 11
    after = row_counts(ws)
    assert after["tickets"] == before["tickets"] + 2
    assert after["ticket_events"] == before["ticket_events"] + 11
    assert dialog.status.text() == (
        "Imported 2 tickets with 11 events from log.csv; 4 rejected rows were left out."
    )
    assert _figures(dialog)["tickets"] == "2"
    assert dialog.results.tickets_figure.caption.text() == "tickets imported"
    assert not dialog.import_button.isEnabled()  # done; a second press would do nothing
    assert dialog.close_button.isEnabled()

    dialog.check()  # the same file again: everything is already there
    assert _figures(dialog)["skipped"] == "2" and _figures(dialog)["tickets"] == "0"
    assert "nothing to import" in dialog.status.text()
    assert not dialog.import_button.isEnabled()


def test_a_clean_file_gives_a_short_sentence(
    dialog: ImportDialog, ws: Workspace, tmp_path: Path
) -> None:
    dialog.set_file(write_csv(tmp_path / "log.csv.gz", GOOD, bom=True, gz=True))
    dialog.check()
    assert not dialog.results.rejection_section.isVisibleTo(dialog)
    assert dialog.status.text() == "Nothing is written yet: Import adds 2 tickets with 11 events."
    dialog.start_import()
    assert dialog.status.text() == "Imported 2 tickets with 11 events from log.csv.gz."


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "The file is empty"),
        (GOOD.replace("Impact", "Severity").encode(), "'Impact'"),
        (HEADER.encode(), "no rows"),
    ],
)
def test_a_malformed_file_is_one_sentence_and_changes_nothing(
    dialog: ImportDialog, ws: Workspace, tmp_path: Path, content: bytes, expected: str
) -> None:
    before = row_counts(ws)
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    dialog.set_file(path)
    dialog.check()
    assert expected in dialog.error.text()
    assert dialog.error.isVisibleTo(dialog)
    assert "Traceback" not in dialog.error.text()
    assert dialog.error.textFormat() == Qt.TextFormat.PlainText
    assert dialog.results.currentIndex() == 0  # back to the hint, no stale tables
    assert dialog.results.preview_model.rowCount() == 0
    assert not dialog.import_button.isEnabled()
    assert row_counts(ws) == before


def test_a_missing_file_and_a_ticket_csv_without_created(
    dialog: ImportDialog, ws: Workspace, tmp_path: Path
) -> None:
    before = row_counts(ws)
    dialog.set_file(tmp_path / "nowhere.csv")
    dialog.check()
    assert "does not exist" in dialog.error.text()
    dialog.source.set_kind(ImportKind.TICKET_CSV)
    assert dialog.error.text() == ""  # a new choice clears the old sentence
    assert "id, created" in dialog.source.columns_hint.text()
    dialog.set_file(write_csv(tmp_path / "t.csv", "id,subject\nT1,x\n"))
    dialog.check()
    assert "'created'" in dialog.error.text()
    assert row_counts(ws) == before


def test_a_ticket_csv_imports(dialog: ImportDialog, ws: Workspace, tmp_path: Path) -> None:
    dialog.source.set_kind(ImportKind.TICKET_CSV)
    text = (
        "ID,Subject,Priority,Created,First Response\n"
        "T1,Printer on fire,high,2026-03-02T09:00:00Z,2026-03-02T09:30:00Z\n"
        "T2,Cannot log in,severe,2026-03-02T10:00:00Z,\n"
    )
    dialog.set_file(write_csv(tmp_path / "tickets.csv", text))
    dialog.check()
    assert _figures(dialog)["tickets"] == "1" and _figures(dialog)["rejected"] == "1"
    model = dialog.results.preview_model
    assert model.index(0, model.COL_SUBJECT).data() == "Printer on fire"
    before = row_counts(ws)
    dialog.start_import()
    assert row_counts(ws)["tickets"] == before["tickets"] + 1


def test_a_bad_preset_is_named_before_any_file_is_read(
    dialog: ImportDialog, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    dialog.set_file(write_csv(tmp_path / "log.csv", GOOD))
    dialog.source.set_preset(broken)
    assert "broken.json" in dialog.source.problem.text()
    assert not dialog.check_button.isEnabled()


def test_shipped_presets_are_listed_with_other_file_last(qtbot, ws: Workspace) -> None:  # type: ignore[no-untyped-def]
    made = ImportDialog(ws, TaskRunner(synchronous=True))
    qtbot.addWidget(made)
    combo = made.source.preset_combo
    assert combo.itemData(0) == "bpic2013"
    assert "SR Number" in made.source.columns_hint.text()
    assert combo.itemText(combo.count() - 1) == "Other preset file…"


def test_a_changed_file_must_be_checked_again(
    dialog: ImportDialog, ws: Workspace, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "log.csv", GOOD)
    dialog.set_file(path)
    dialog.check()
    before = row_counts(ws)
    write_csv(path, GOOD + "D4,2026-03-02T09:00:00Z,Queued,Waiting,Medium,dee\n")
    dialog.start_import()
    assert "check it again" in dialog.error.text()
    assert row_counts(ws) == before and not dialog.import_button.isEnabled()


def test_a_failed_write_is_one_sentence_writes_nothing_and_may_be_retried(
    dialog: ImportDialog, ws: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from slaworkbench.store.importing import bulk

    dialog.set_file(write_csv(tmp_path / "log.csv", GOOD))
    dialog.check()
    before = row_counts(ws)

    def disk_full(self: object, prepared: object) -> None:
        raise OSError("disk full")

    with monkeypatch.context() as patch:
        patch.setattr(bulk.EventInserter, "run", disk_full)
        dialog.start_import()
    assert dialog.error.text() == (
        "Nothing was imported: the workspace could not be written (disk full). "
        "Check the free disk space and the database, then try again."
    )
    assert row_counts(ws) == before
    assert dialog.import_button.isEnabled()  # the check still holds
    dialog.import_button.click()
    assert row_counts(ws)["tickets"] == before["tickets"] + 2


def test_clocks_failing_roll_the_whole_import_back(
    qtbot, dialog: ImportDialog, ws: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from slaworkbench.app.importing import run as importing

    def broken(*_args: object, **_kwargs: object) -> int:
        raise OSError("engine exploded")

    # The clocks are evaluated in the import's one transaction: no tickets without clocks.
    monkeypatch.setattr(importing, "judge_tickets", broken)
    before = row_counts(ws)
    dialog.set_file(write_csv(tmp_path / "log.csv", GOOD))
    dialog.check()
    dialog.start_import()
    assert dialog.error.text() == (
        "Nothing was imported: the workspace could not be written (engine exploded). "
        "Check the free disk space and the database, then try again."
    )
    assert row_counts(ws) == before
    assert dialog.import_button.isEnabled()


class _Context:
    """A task context outside the runner: no cancel, progress recorded."""

    cancelled = False

    def __init__(self) -> None:
        self.reports: list[tuple[int, int, str]] = []

    def check_cancelled(self) -> None:
        return None

    def progress(self, done: int, total: int, text: str = "") -> None:
        self.reports.append((done, total, text))


def test_a_cancel_stops_an_import_only_before_it_writes(
    ws: Workspace, preset_path: Path, tmp_path: Path
) -> None:
    request = ImportRequest(
        write_csv(tmp_path / "log.csv", GOOD), ImportKind.EVENT_LOG, str(preset_path)
    )
    before = row_counts(ws)
    gate = CommitGate()
    assert gate.cancel()
    with pytest.raises(TaskCancelled):
        run_import_task(_Context(), ws, request, dry_run=False, gate=gate, total=11)  # type: ignore[arg-type]
    assert row_counts(ws) == before

    gate, context = CommitGate(), _Context()
    summary = run_import_task(context, ws, request, dry_run=False, gate=gate, total=11)  # type: ignore[arg-type]
    assert summary.tickets_imported == 2
    assert gate.stage is Stage.WRITING and not gate.cancel()  # too late to stop
    stages = [text for _done, _total, text in context.reports]
    assert set(stages) == {"write"}  # the clocks are part of the one write
    assert context.reports[-1][:2] == (11, 11)


def test_check_and_import_on_real_threads(  # type: ignore[no-untyped-def]
    qtbot, ws: Workspace, preset_path: Path, tmp_path: Path
) -> None:
    runner = TaskRunner()
    made = ImportDialog(ws, runner)
    qtbot.addWidget(made)
    made.source.set_preset(preset_path)
    made.set_file(write_csv(tmp_path / "log.csv", WITH_BAD_ROWS))
    with qtbot.waitSignal(made.checked, timeout=10_000):
        made.check_button.click()
        assert made.task_bar.isVisibleTo(made) and not made.source.isEnabled()
    qtbot.waitUntil(lambda: made.import_button.isEnabled(), timeout=10_000)
    with qtbot.waitSignal(made.imported, timeout=20_000):
        made.import_button.click()
        assert not made.import_button.isEnabled()
    qtbot.waitUntil(lambda: not made.task_bar.isVisibleTo(made), timeout=10_000)
    assert made.import_summary() is not None
    assert made.close_button.isEnabled()
    runner.shutdown(10_000)


@pytest.fixture
def window(qtbot, tmp_path: Path):  # type: ignore[no-untyped-def]
    from slaworkbench.store.workspace import open_workspace

    opened = open_workspace(f"sqlite:///{tmp_path / 'w.sqlite3'}")
    generate_demo(opened, tickets=60, seed=5, now=NOW)
    runner = TaskRunner()
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = MainWindow(
        opened, runner, clock=lambda: NOW, settings=settings, watch_interval_ms=60_000, tray=False
    )
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.tickets.toolbar.me_combo.count() > 0, timeout=10_000)
    yield win
    win.shutdown()
    runner.shutdown(10_000)
    opened.close()


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_file_menu_import_opens_the_dialog_and_the_list_refreshes(  # type: ignore[no-untyped-def]
    qtbot, window, preset_path: Path, tmp_path: Path
) -> None:
    win = window
    file_menu = win.menuBar().actions()[0].menu()
    assert win.import_action in file_menu.actions()
    assert win.import_action.shortcut().toString() == "Ctrl+I"
    assert win.import_action.text() == "Import…"

    win.import_action.trigger()
    dialog = win.findChild(ImportDialog)
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=5_000)
    assert dialog.isModal() or dialog.windowModality() != Qt.WindowModality.NonModal

    def listed() -> set[str | None]:
        model = win.tickets.model
        return {model.row_at(r).external_id for r in range(model.loaded_count())}

    assert "B2" not in listed()
    dialog.source.set_preset(preset_path)
    dialog.set_file(write_csv(tmp_path / "log.csv", GOOD))
    with qtbot.waitSignal(dialog.checked, timeout=10_000):
        dialog.check_button.click()
    qtbot.waitUntil(dialog.import_button.isEnabled, timeout=10_000)
    with qtbot.waitSignal(dialog.imported, timeout=20_000):
        dialog.import_button.click()
    # B2 is open after the import: the open-tickets list shows it without an F5.
    qtbot.waitUntil(lambda: "B2" in listed(), timeout=10_000)
    qtbot.waitUntil(lambda: dialog.close_button.isEnabled(), timeout=10_000)
    dialog.close_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5_000)
