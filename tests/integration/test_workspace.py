"""Opening workspaces: create, reopen, migrate with a backup, refuse what is not ours."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import func, insert, select, text

from slaworkbench import config
from slaworkbench.store.dialect import make_engine
from slaworkbench.store.errors import WorkspaceError
from slaworkbench.store.schema import Calendar, Customer, Policy, Ticket, TicketEvent
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
        connection.execute(
            insert(TicketEvent),
            [{"ticket_id": ticket_id, "seq": 1, "at": 1_700_000_000, "type": "created"}],
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
            assert session.execute(select(func.count(TicketEvent.id))).scalar() == 1
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
