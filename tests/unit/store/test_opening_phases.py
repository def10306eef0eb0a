"""``open_workspace(on_phase=…)`` tells each slow step of an open as it begins: the check
of every page of a file not recorded whole, the backup and the upgrade of an older file;
an open with none of them tells nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

from slaworkbench.store.workspace import open_workspace
from slaworkbench.store.workspace_file import OpeningPhase
from tests.support.older_files import empty_file_at


def _open(path: Path) -> list[OpeningPhase]:
    heard: list[OpeningPhase] = []
    open_workspace(str(path), create=False, on_phase=heard.append).close()
    return heard


def test_a_recorded_file_opens_without_a_phase(tmp_path: Path) -> None:
    path = tmp_path / "w.sqlite3"
    open_workspace(str(path)).close()  # created and closed here: recorded whole
    assert _open(path) == []


def test_a_copied_file_is_checked_once(tmp_path: Path) -> None:
    made = tmp_path / "w.sqlite3"
    open_workspace(str(made)).close()
    copy = tmp_path / "copy.sqlite3"
    shutil.copyfile(made, copy)
    assert _open(copy) == [OpeningPhase.CHECKING]
    assert _open(copy) == []  # passed and closed cleanly: recorded


def test_an_older_file_is_checked_backed_up_and_upgraded_in_that_order(tmp_path: Path) -> None:
    path = empty_file_at(tmp_path / "old.sqlite3", "0035")
    assert _open(path) == [
        OpeningPhase.CHECKING,
        OpeningPhase.BACKING_UP,
        OpeningPhase.UPGRADING,
    ]
    assert _open(path) == []


def test_a_reading_open_of_an_older_file_tells_the_check_it_cannot_skip(tmp_path: Path) -> None:
    path = empty_file_at(tmp_path / "old.sqlite3", "0035")
    heard: list[OpeningPhase] = []
    open_workspace(str(path), create=False, reading=True, on_phase=heard.append).close()
    assert heard == [OpeningPhase.CHECKING, OpeningPhase.BACKING_UP, OpeningPhase.UPGRADING]
