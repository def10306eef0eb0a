"""Opening workspaces: create, reopen, migrate with a backup, refuse what is not ours."""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import func, insert, select, text

from slaworkbench import config
from slaworkbench.store import backups, dialect
from slaworkbench.store.backups import back_up
from slaworkbench.store.dialect import make_engine
from slaworkbench.store.errors import WorkspaceBusyError, WorkspaceError
from slaworkbench.store.schema import (
    SQLITE_APPLICATION_ID,
    Calendar,
    Customer,
    Policy,
    Ticket,
    TicketEvent,
)
from slaworkbench.store.seed import BUSINESS_HOURS, STANDARD_POLICY
from slaworkbench.store.workspace import current_revision, head_revision, open_workspace, upgrade


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _ticket_row(subject: str) -> dict[str, object]:
    return {
        "subject": subject,
        "priority": "normal",
        "status": "open",
        "created_at": 1_700_000_000,
        "updated_at": 1_700_000_000,
    }


def test_a_new_workspace_is_created_at_the_default_path_and_reopens_with_its_data(
    isolated_home: Path,
) -> None:
    path = config.default_database_path()
    assert isolated_home in path.parents
    assert not path.exists()
    with open_workspace() as workspace:
        assert path.exists()
        assert workspace.is_empty()
        with workspace.session(write=True) as session:
            session.execute(insert(Ticket), [_ticket_row("Cannot log in")])
        assert not workspace.is_empty()

    with open_workspace(create=False) as workspace:
        assert not workspace.is_empty()
        with workspace.session() as session:
            assert session.execute(select(Ticket.subject)).scalar_one() == "Cannot log in"
            calendars = set(session.execute(select(Calendar.name)).scalars())
            assert calendars == {"24/7", BUSINESS_HOURS}
            policies = session.execute(select(Policy.name, Policy.active)).all()
            assert [tuple(row) for row in policies] == [(STANDARD_POLICY, True)]
    assert not list(path.parent.glob("*.backup-*"))


def test_a_missing_file_is_not_created_when_creating_is_off(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.sqlite3"
    with pytest.raises(WorkspaceError, match="There is no workspace at"):
        open_workspace(str(path), create=False)
    assert not path.exists()


def test_session_rolls_back_on_error(tmp_path: Path) -> None:
    with open_workspace(str(tmp_path / "w.sqlite3")) as workspace:
        with pytest.raises(RuntimeError), workspace.session(write=True) as session:
            session.execute(insert(Ticket), [_ticket_row("lost")])
            raise RuntimeError("boom")
        assert workspace.is_empty()


def test_wal_foreign_keys_and_busy_timeout_are_set_on_every_connection(tmp_path: Path) -> None:
    with open_workspace(str(tmp_path / "w.sqlite3")) as workspace:
        with workspace.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 1000
            assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL
        with pytest.raises(Exception, match="FOREIGN KEY"), workspace.session() as session:
            session.execute(
                insert(TicketEvent), [{"ticket_id": 999, "seq": 1, "at": 1, "type": "created"}]
            )


def test_data_version_changes_when_another_process_commits(tmp_path: Path) -> None:
    path = tmp_path / "w.sqlite3"
    with open_workspace(str(path)) as workspace:
        first = workspace.data_version()
        assert workspace.data_version() == first
        other = sqlite3.connect(path)
        other.execute("INSERT INTO customers (name) VALUES ('Acme')")
        other.commit()
        other.close()
        second = workspace.data_version()
        assert second != first
        with workspace.session(write=True) as session:
            session.execute(insert(Customer), [{"name": "Globex"}])
        assert workspace.data_version() != second


def test_data_version_on_a_database_without_pragma_uses_the_change_counter() -> None:
    with open_workspace("sqlite://") as workspace:
        first = workspace.data_version()
        with workspace.session() as session:
            session.execute(select(Ticket.id)).all()
        assert workspace.data_version() == first
        with workspace.session(write=True) as session:
            session.add(Customer(name="Initech"))
        second = workspace.data_version()
        assert second == first + 1
        with workspace.begin() as connection:
            connection.execute(insert(Customer), [{"name": "Hooli"}])
        assert workspace.data_version() == second + 1


def _make_revision_0001_file(path: Path) -> None:
    engine = make_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        upgrade(connection, "0001")
        connection.execute(insert(Customer), [{"name": "Acme", "tier": "gold"}])
        ticket_id = connection.execute(
            insert(Ticket).returning(Ticket.id), [_ticket_row("Old ticket")]
        ).scalar_one()
        # As stored at 0001 (the type is a code since migration 0026).
        connection.execute(
            text(
                "INSERT INTO ticket_events (ticket_id, seq, at, type)"
                " VALUES (:ticket_id, 1, 1700000000, 'created')"
            ),
            {"ticket_id": ticket_id},
        )
    engine.dispose()


def test_a_revision_0001_file_is_backed_up_then_migrated_with_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    _make_revision_0001_file(path)
    original = _sha256(path)

    with open_workspace(str(path)) as workspace:
        with workspace.engine.connect() as connection:
            assert current_revision(connection) == head_revision()
            assert connection.execute(text("SELECT count(*) FROM survey_answers")).scalar() == 0
        with workspace.session() as session:
            assert session.execute(select(Ticket.subject)).scalar_one() == "Old ticket"
            assert session.execute(select(Ticket.next_risk_at)).scalar_one() is None
            assert session.execute(select(func.count()).select_from(TicketEvent)).scalar() == 1
            assert session.execute(select(Customer.tier)).scalar_one() == "gold"

    backups = list(tmp_path.glob("old.sqlite3.backup-0001-*"))
    assert len(backups) == 1
    stamp = backups[0].name.rsplit("-", 1)[1]
    assert len(stamp) == 15 and stamp[8] == "T"
    assert _sha256(backups[0]) == original or _backup_has_revision(backups[0], "0001")

    with open_workspace(str(path)):
        pass
    assert len(list(tmp_path.glob("old.sqlite3.backup-*"))) == 1  # at head: no new backup


def _backup_has_revision(path: Path, revision: str) -> bool:
    connection = sqlite3.connect(path)
    try:
        return bool(
            connection.execute("SELECT version_num FROM alembic_version").fetchone()[0] == revision
        )
    finally:
        connection.close()


def test_a_file_from_a_newer_program_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    with open_workspace(str(path)):
        pass
    connection = sqlite3.connect(path)
    connection.execute("UPDATE alembic_version SET version_num = '0099'")
    connection.commit()
    connection.close()
    before = _sha256(path)
    with pytest.raises(WorkspaceError) as caught:
        open_workspace(str(path))
    assert str(caught.value) == (
        "This workspace was written by a newer SLA Workbench (revision 0099). Install the "
        "newer version to open it; the file was left untouched."
    )
    assert _sha256(path) == before
    assert not list(tmp_path.glob("*.backup-*"))


@pytest.mark.parametrize(
    "content",
    [
        b"id,subject\n1,Printer on fire\n" * 50,
        b"SQLite format 3",  # shorter than a header
        b"\x00" * 4096,
    ],
    ids=["csv", "short", "zeros"],
)
def test_a_file_that_is_not_a_database_is_refused_untouched(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "tickets.sqlite3"
    path.write_bytes(content)
    before = _sha256(path)
    with pytest.raises(WorkspaceError) as caught:
        open_workspace(str(path))
    assert str(path) in str(caught.value)
    assert _sha256(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tickets.sqlite3"]


def test_a_truncated_workspace_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "w.sqlite3"
    with open_workspace(str(path)) as workspace, workspace.session(write=True) as session:
        session.execute(insert(Ticket), [_ticket_row(f"t{n}") for n in range(2000)])
    whole = path.read_bytes()
    assert len(whole) > 8192
    path.write_bytes(whole[: len(whole) // 2 + 100])
    before = _sha256(path)
    with pytest.raises(WorkspaceError, match="is damaged") as caught:
        open_workspace(str(path))
    assert str(path) in str(caught.value)
    assert _sha256(path) == before


def test_a_corrupt_page_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "w.sqlite3"
    with open_workspace(str(path)):
        pass
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # the schema table on page 1
    path.write_bytes(bytes(data))
    before = _sha256(path)
    with pytest.raises(WorkspaceError, match="damaged"):
        open_workspace(str(path))
    assert _sha256(path) == before


def test_a_sqlite_database_of_another_program_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE songs (title TEXT)")
    connection.commit()
    connection.close()
    before = _sha256(path)
    with pytest.raises(WorkspaceError, match="not an SLA Workbench workspace"):
        open_workspace(str(path))
    assert _sha256(path) == before


# --- SQLite decides what is damaged (issue 14, item 1) -----------------------------------


def _counts(path: Path) -> tuple[int, int]:
    with closing(sqlite3.connect(path)) as connection:
        tickets = connection.execute("SELECT count(*) FROM tickets").fetchone()[0]
        customers = connection.execute("SELECT count(*) FROM customers").fetchone()[0]
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    return int(tickets), int(customers)


def _last_wal_frame_of_page_one(wal: bytes, page_size: int) -> bytes:
    """The newest committed copy of page 1 in a write-ahead log (the format's frames)."""
    found = None
    offset = 32
    while offset + 24 + page_size <= len(wal):
        page_number = int.from_bytes(wal[offset : offset + 4], "big")
        if page_number == 1:
            found = wal[offset + 24 : offset + 24 + page_size]
        offset += 24 + page_size
    assert found is not None
    return found


def test_a_file_killed_mid_checkpoint_opens_with_every_committed_row(tmp_path: Path) -> None:
    """A checkpoint cut short after writing page 1: the header already counts pages the
    file does not have yet, but the write-ahead log holds them all."""
    live = tmp_path / "live.sqlite3"
    with open_workspace(str(live)):
        pass
    writer = sqlite3.connect(live)
    writer.execute("PRAGMA wal_autocheckpoint = 0")
    writer.executemany(
        "INSERT INTO customers (name) VALUES (?)",
        [(f"Customer {n:05d}" * 20,) for n in range(3000)],
    )
    writer.commit()
    # What a kill leaves: the file and its log as they are now, never checkpointed.
    path = tmp_path / "w.sqlite3"
    path.write_bytes(live.read_bytes())
    Path(f"{path}-wal").write_bytes(Path(f"{live}-wal").read_bytes())
    writer.close()
    page_size = int.from_bytes(path.read_bytes()[16:18], "big")
    page_one = _last_wal_frame_of_page_one(Path(f"{path}-wal").read_bytes(), page_size)
    with path.open("r+b") as handle:  # the checkpoint wrote page 1, then was killed
        handle.write(page_one)
    assert int.from_bytes(page_one[28:32], "big") * page_size > path.stat().st_size

    with open_workspace(str(path), create=False) as workspace, workspace.session() as session:
        assert session.execute(select(func.count(Customer.id))).scalar_one() == 3000
    assert _counts(path) == (0, 3000)


_CHECKPOINTER = """
import sqlite3, sys, pathlib
path, stop = sys.argv[1], pathlib.Path(sys.argv[2])
connection = sqlite3.connect(path, timeout=30)
n = 0
while not stop.exists():
    connection.executemany("INSERT INTO customers (name) VALUES (?)",
                           [(f"c{n}-{i}" * 30,) for i in range(200)])
    connection.commit()
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    n += 1
    if n == 1:
        pathlib.Path(sys.argv[2] + ".started").touch()
connection.close()
"""


@pytest.mark.slow
def test_opening_while_another_process_checkpoints_never_refuses(tmp_path: Path) -> None:
    path = tmp_path / "w.sqlite3"
    with open_workspace(str(path)):
        pass
    stop = tmp_path / "stop"
    child = subprocess.Popen([sys.executable, "-c", _CHECKPOINTER, str(path), str(stop)])
    try:
        while not Path(f"{stop}.started").exists():
            assert child.poll() is None, "the checkpointing process ended early"
            time.sleep(0.01)
        for _ in range(60):
            open_workspace(str(path), create=False).close()
    finally:
        stop.touch()
        child.wait(timeout=60)
    assert child.returncode == 0
    assert _counts(path)[1] >= 200


_HOT_JOURNAL = """
import os, signal, sqlite3, sys
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("PRAGMA cache_size = 2")
connection.execute("BEGIN")
connection.executemany("INSERT INTO customers (name) VALUES (?)",
                       [("x" * 2000 + str(i),) for i in range(2000)])
os.kill(os.getpid(), signal.SIGKILL)  # killed mid-transaction, pages already spilled
"""


def _leave_a_hot_journal(path: Path) -> None:
    child = subprocess.run([sys.executable, "-c", _HOT_JOURNAL, str(path)], check=False)
    assert child.returncode == -signal.SIGKILL
    assert Path(f"{path}-journal").stat().st_size > 0


def test_a_workspace_with_a_hot_rollback_journal_is_rolled_back_and_opens(tmp_path: Path) -> None:
    path = tmp_path / "w.sqlite3"
    with open_workspace(str(path)) as workspace, workspace.session(write=True) as session:
        session.add(Customer(name="Acme"))
    with closing(sqlite3.connect(path)) as connection:  # as a copy made by another tool
        assert connection.execute("PRAGMA journal_mode = DELETE").fetchone() == ("delete",)
    _leave_a_hot_journal(path)

    with open_workspace(str(path), create=False) as workspace, workspace.session() as session:
        assert session.execute(select(Customer.name)).scalars().all() == ["Acme"]
    assert _counts(path) == (0, 1)


def test_another_programs_file_with_a_hot_journal_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("CREATE TABLE customers (name TEXT)")
        connection.commit()
    _leave_a_hot_journal(path)
    before = (_sha256(path), _sha256(Path(f"{path}-journal")))
    with pytest.raises(WorkspaceError, match="another program did not finish"):
        open_workspace(str(path))
    assert (_sha256(path), _sha256(Path(f"{path}-journal"))) == before


def _make_read_only(paths: list[Path]) -> None:
    """chmod, or as root (whom permissions do not stop) the immutable attribute."""
    if os.geteuid() != 0:
        for path in paths:
            path.chmod(0o555 if path.is_dir() else 0o444)
        return
    chattr = shutil.which("chattr")
    if chattr is None:
        pytest.skip("running as root without chattr: nothing here can make a folder read-only")
    for path in paths:
        done = subprocess.run([chattr, "+i", str(path)], capture_output=True, check=False)
        if done.returncode != 0:
            _make_writable(paths)
            pytest.skip(f"running as root and chattr +i failed: {done.stderr.decode().strip()}")


def _make_writable(paths: list[Path]) -> None:
    for path in paths:
        if os.geteuid() == 0:
            subprocess.run(["chattr", "-i", str(path)], capture_output=True, check=False)
        else:
            path.chmod(0o755 if path.is_dir() else 0o644)


def test_a_workspace_in_a_read_only_folder_is_not_called_damaged(tmp_path: Path) -> None:
    folder = tmp_path / "read-only"
    folder.mkdir()
    path = folder / "w.sqlite3"
    with open_workspace(str(path)) as workspace, workspace.session(write=True) as session:
        session.add(Customer(name="Acme"))
    before = _sha256(path)
    _make_read_only([path, folder])
    try:
        with pytest.raises(WorkspaceError) as caught:
            open_workspace(str(path), create=False)
    finally:
        _make_writable([path, folder])
    assert str(caught.value) == (
        f"The workspace {path} cannot be written (the file or its folder is read-only), so it "
        "was not opened; copy it to a folder you may write to, or ask for write access. The "
        "file was left untouched."
    )
    assert _sha256(path) == before
    assert sorted(p.name for p in folder.iterdir()) == ["w.sqlite3"]


def test_a_damaged_workspace_names_its_newest_backup_and_what_it_loses(tmp_path: Path) -> None:
    path = tmp_path / "w.sqlite3"
    with open_workspace(str(path)):
        pass
    older = back_up(path, "0004", now=dt.datetime(2026, 11, 2, 8, 0, tzinfo=dt.UTC))
    newest = back_up(path, "0004", now=dt.datetime(2026, 11, 30, 14, 2, 9, tzinfo=dt.UTC))
    assert older.path.exists() and newest.path.exists()
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)
    path.write_bytes(bytes(data))
    with pytest.raises(WorkspaceError) as caught:
        open_workspace(str(path))
    message = str(caught.value)
    assert "is damaged" in message
    assert (
        f"The newest backup is {newest.path.name}, taken 30/11/2026 14:02 UTC; restoring it "
        "loses every change made after that." in message
    )


def _corrupt_an_index_page(path: Path) -> None:
    with closing(sqlite3.connect(path)) as connection:
        connection.executemany(
            "INSERT INTO customers (name) VALUES (?)", [(f"Customer {n:06d}",) for n in range(5000)]
        )
        connection.commit()
        root = connection.execute(
            "SELECT rootpage FROM sqlite_master WHERE type = 'index' AND tbl_name = 'customers'"
        ).fetchone()[0]
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    with path.open("r+b") as handle:  # an interior page of the name index
        handle.seek((root - 1) * page_size + 12)
        handle.write(b"\xa5" * (page_size - 12))


def test_a_corrupt_index_page_is_noticed_at_open(tmp_path: Path) -> None:
    path = tmp_path / "w.sqlite3"
    with open_workspace(str(path)):
        pass
    _corrupt_an_index_page(path)
    before = _sha256(path)
    with pytest.raises(WorkspaceError, match="is damaged"):
        open_workspace(str(path), create=False)
    assert _sha256(path) == before


# --- only our files (item 6) -------------------------------------------------------------


def test_another_programs_file_whose_alembic_version_looks_like_ours_is_untouched(
    tmp_path: Path,
) -> None:
    path = tmp_path / "other.db"
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
        connection.execute("INSERT INTO alembic_version VALUES ('0001')")
        connection.execute("CREATE TABLE songs (title TEXT)")
        connection.execute("CREATE TABLE tickets (id INTEGER PRIMARY KEY, seat TEXT)")
        connection.commit()
    before = _sha256(path)
    with pytest.raises(WorkspaceError) as caught:
        open_workspace(str(path))
    assert str(caught.value) == (
        f"{path} is a database but not an SLA Workbench workspace; choose another file. "
        "It was left untouched."
    )
    assert _sha256(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.db"]  # no -wal, no backup


def test_a_file_with_another_application_id_is_refused_even_with_our_tables(
    tmp_path: Path,
) -> None:
    path = tmp_path / "w.sqlite3"
    _make_revision_0001_file(path)
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("PRAGMA application_id = 1234")
        connection.execute("PRAGMA journal_mode = DELETE")
    before = _sha256(path)
    with pytest.raises(WorkspaceError, match="not an SLA Workbench workspace"):
        open_workspace(str(path))
    assert _sha256(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w.sqlite3"]


def _identity(path: Path) -> tuple[int, int]:
    with closing(sqlite3.connect(path)) as connection:
        application_id = connection.execute("PRAGMA application_id").fetchone()[0]
        rows = connection.execute("SELECT count(*) FROM workspace_identity").fetchone()[0]
    return int(application_id), int(rows)


def test_new_workspaces_are_marked_and_old_ones_are_marked_on_upgrade(tmp_path: Path) -> None:
    new = tmp_path / "new.sqlite3"
    with open_workspace(str(new)):
        pass
    assert _identity(new) == (SQLITE_APPLICATION_ID, 1)
    old = tmp_path / "old.sqlite3"
    _make_revision_0001_file(old)
    with closing(sqlite3.connect(old)) as connection:
        assert connection.execute("PRAGMA application_id").fetchone() == (0,)
    with open_workspace(str(old), create=False):
        pass
    assert _identity(old) == (SQLITE_APPLICATION_ID, 1)


def test_a_copy_of_ours_that_lost_its_mark_is_recognised_and_marked_again(tmp_path: Path) -> None:
    path = tmp_path / "w.sqlite3"
    with open_workspace(str(path)):
        pass
    with closing(sqlite3.connect(path)) as connection:  # as ``sqlite3 .dump`` would leave it
        connection.execute("PRAGMA application_id = 0")
    with open_workspace(str(path), create=False):
        pass
    assert _identity(path) == (SQLITE_APPLICATION_ID, 1)
    assert not list(tmp_path.glob("*.backup-*"))


# --- creating only what was asked for (item 7) -------------------------------------------


@pytest.mark.parametrize("create", [False, True])
def test_a_path_in_a_missing_folder_creates_nothing(tmp_path: Path, create: bool) -> None:
    path = tmp_path / "no" / "such" / "folder" / "w.sqlite3"
    with pytest.raises(WorkspaceError) as caught:
        open_workspace(str(path), create=create)
    assert str(caught.value) == (
        f"The folder {path.parent} does not exist, so there is no workspace at {path}; "
        "check the path. Nothing was created."
    )
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("create", [False, True])
def test_a_zero_byte_file_never_becomes_a_workspace(tmp_path: Path, create: bool) -> None:
    path = tmp_path / "w.sqlite3"
    path.touch()
    with pytest.raises(WorkspaceError, match=r"is an empty file \(0 bytes\), not a workspace"):
        open_workspace(str(path), create=create)
    assert path.stat().st_size == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w.sqlite3"]


# --- a lock held too long ------------------------------------------------------------------


def test_a_write_lock_held_past_the_busy_timeout_is_a_sentence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dialect, "BUSY_TIMEOUT_MS", 100)
    path = tmp_path / "w.sqlite3"
    other = tmp_path / "old.sqlite3"
    _make_revision_0001_file(other)
    with open_workspace(str(path)) as workspace:
        holder = sqlite3.connect(path, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        try:
            with pytest.raises(WorkspaceBusyError) as caught, workspace.session(write=True) as s:
                s.add(Customer(name="Acme"))
            assert str(caught.value) == (
                f"The workspace {workspace.where} is busy: another program or window has been "
                "writing to it for more than 0.1 s. Wait until it has finished and try again; "
                "nothing was changed."
            )
            with pytest.raises(WorkspaceBusyError), workspace.begin() as connection:
                connection.execute(insert(Customer), [{"name": "Globex"}])
        finally:
            holder.execute("ROLLBACK")
            holder.close()
    holder = sqlite3.connect(other, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # an old file to migrate while another holds it
    try:
        with pytest.raises(WorkspaceBusyError, match=f"The workspace {other} is busy"):
            open_workspace(str(other))
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_a_backup_that_cannot_be_written_stops_the_upgrade_with_a_sentence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.sqlite3"
    _make_revision_0001_file(path)
    before = _sha256(path)

    def disk_full(_source: Path, destination: Path) -> None:
        destination.write_bytes(b"SQLite format 3\x00")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(backups, "_copy", disk_full)
    with pytest.raises(WorkspaceError) as caught:
        open_workspace(str(path))
    assert str(caught.value) == (
        f"The workspace {path} could not be checked or backed up (No space left on device); "
        "free some disk space or check its permissions, then try again. The file was left "
        "untouched."
    )
    assert _sha256(path) == before
    assert not [p for p in tmp_path.iterdir() if ".backup-" in p.name]
