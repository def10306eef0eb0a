"""``saved_files.saving``: a file the user names is written whole or not at all, into
what the name names — a file, the file a link points to, a device or a pipe, which must
never be replaced by a regular file."""

from __future__ import annotations

import errno
import os
import stat
import sys
import threading
from pathlib import Path

import pytest

from slaworkbench.saved_files import PARTIAL, saving

posix = pytest.mark.skipif(sys.platform == "win32", reason="POSIX files")


def _leftovers(folder: Path) -> list[Path]:
    return sorted(folder.glob(f".*{PARTIAL}"))


def test_a_new_file_gets_its_content_and_the_mode_the_umask_gives(tmp_path: Path) -> None:
    target = tmp_path / "new.csv"
    previous = os.umask(0o027)
    try:
        with saving(target) as temporary:
            assert temporary.parent == tmp_path and temporary != target
            temporary.write_text("a,b\n")
            assert not target.exists()  # nothing under the name before the block ends
    finally:
        os.umask(previous)
    assert target.read_text() == "a,b\n"
    if sys.platform != "win32":
        assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert _leftovers(tmp_path) == []


@posix
def test_a_file_that_was_there_keeps_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "policy.json"
    target.write_text("old")
    target.chmod(0o600)
    with saving(target) as temporary:
        temporary.write_text("new")
    assert target.read_text() == "new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_a_failure_in_the_block_leaves_the_file_as_it_was(tmp_path: Path) -> None:
    target = tmp_path / "report.pdf"
    target.write_text("the report of last month")
    with pytest.raises(RuntimeError), saving(target) as temporary:
        temporary.write_text("half a rep")
        raise RuntimeError("the writer failed")
    assert target.read_text() == "the report of last month"
    assert _leftovers(tmp_path) == []


@posix
def test_a_link_stays_a_link_and_the_file_it_points_to_is_written(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    real = shared / "tickets.csv"
    real.write_text("old")
    link = tmp_path / "tickets.csv"
    link.symlink_to(real)
    with saving(link) as temporary:
        assert temporary.parent == shared  # renamed within the real file's folder
        temporary.write_text("new")
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text() == "new"
    assert _leftovers(tmp_path) == [] and _leftovers(shared) == []


@posix
def test_a_link_to_a_file_not_there_yet_makes_it(tmp_path: Path) -> None:
    link = tmp_path / "latest.pdf"
    link.symlink_to(tmp_path / "2026-12.pdf")
    with saving(link) as temporary:
        temporary.write_text("pdf")
    assert link.is_symlink() and (tmp_path / "2026-12.pdf").read_text() == "pdf"


@posix
def test_a_pipe_is_written_into_and_stays_a_pipe(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()))
    reader.start()
    with saving(pipe) as temporary:
        temporary.write_bytes(b"x" * 200_000)  # more than a pipe's buffer
    reader.join(timeout=30)
    assert received == [b"x" * 200_000]
    assert stat.S_ISFIFO(pipe.stat().st_mode)
    assert _leftovers(tmp_path) == []


@posix
@pytest.mark.skipif(not Path("/dev/null").exists(), reason="no /dev/null")
def test_a_device_is_written_into_and_stays_a_device() -> None:
    with saving("/dev/null") as temporary:
        temporary.write_text("discarded")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


@posix
@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
def test_a_device_that_refuses_the_write_is_an_error_and_stays_a_device() -> None:
    with pytest.raises(OSError) as raised, saving("/dev/full") as temporary:
        temporary.write_text("no room")
    assert raised.value.errno == errno.ENOSPC
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_a_folder_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    entered = False
    with pytest.raises(IsADirectoryError), saving(tmp_path):
        entered = True
    assert not entered and _leftovers(tmp_path.parent) == []
