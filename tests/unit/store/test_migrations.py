"""Migrations: head builds exactly the schema the ORM declares; 0002 and 0003 are real
changes."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect

from slaworkbench.store.dialect import make_engine
from slaworkbench.store.schema import Base
from slaworkbench.store.workspace import current_revision, head_revision, known_revisions, upgrade


def test_revisions_form_one_line_ending_at_0037() -> None:
    assert known_revisions() == {
        "0001", "0002", "0003", "0004", "0005", "0006", "0007", "0010", "0011", "0012", "0013",
        "0014", "0015", "0017", "0019", "0020", "0021",
        "0022", "0023", "0024", "0025", "0026", "0027", "0028", "0029", "0030", "0031", "0032",
        "0033", "0034", "0035", "0036", "0037",
    }  # fmt: skip
    assert head_revision() == "0037"


def test_head_matches_the_declared_schema(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    try:
        with engine.begin() as connection:
            upgrade(connection)
            assert current_revision(connection) == "0037"
            diffs = compare_metadata(MigrationContext.configure(connection), Base.metadata)
        assert diffs == []
    finally:
        engine.dispose()


def test_0002_adds_surveys_services_outages_and_next_risk(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    try:
        with engine.begin() as connection:
            upgrade(connection, "0001")
            before = set(inspect(connection).get_table_names())
            columns = {c["name"] for c in inspect(connection).get_columns("tickets")}
            assert {"survey_answers", "services", "outages"}.isdisjoint(before)
            assert "next_risk_at" not in columns
        with engine.begin() as connection:
            upgrade(connection, "0002")
            after = set(inspect(connection).get_table_names())
            columns = {c["name"] for c in inspect(connection).get_columns("tickets")}
            assert {"survey_answers", "services", "outages"} <= after
            assert "next_risk_at" in columns
    finally:
        engine.dispose()


def test_0003_adds_an_empty_timeline_table(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    try:
        with engine.begin() as connection:
            upgrade(connection, "0002")
            assert "ticket_timelines" not in inspect(connection).get_table_names()
        with engine.begin() as connection:
            upgrade(connection, "0003")
            assert "ticket_timelines" in inspect(connection).get_table_names()
            keys = inspect(connection).get_pk_constraint("ticket_timelines")
            assert keys["constrained_columns"] == ["ticket_id"]
    finally:
        engine.dispose()


def test_0006_fills_each_clock_s_priority_from_the_log(tmp_path: Path) -> None:
    """A stopped cycle gets the priority in force when it stopped, an open one the
    ticket's current priority."""
    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    try:
        with engine.begin() as connection:
            upgrade(connection, "0005")
            connection.exec_driver_sql(
                "INSERT INTO tickets (id, priority, status, created_at, updated_at)"
                " VALUES (1, 'urgent', 'open', 100, 900)"
            )
            connection.exec_driver_sql(
                "INSERT INTO ticket_events (ticket_id, seq, at, type, priority) VALUES"
                " (1, 1, 100, 'created', 'low'), (1, 2, 300, 'agent_reply', NULL),"
                " (1, 3, 500, 'priority_changed', 'high'), (1, 4, 700, 'agent_reply', NULL),"
                " (1, 5, 900, 'priority_changed', 'urgent')"
            )
            connection.exec_driver_sql(
                "INSERT INTO ticket_clocks (ticket_id, metric, cycle_index, started_at,"
                " stopped_at, state, target, elapsed, remaining, evaluated_at) VALUES"
                " (1, 'first_response', 0, 100, 300, 'achieved', 60, 20, 40, 900),"
                " (1, 'periodic_update', 0, 300, 700, 'breached', 60, 400, -340, 900),"
                " (1, 'periodic_update', 1, 700, NULL, 'running', 60, 200, -140, 900)"
            )
        with engine.begin() as connection:
            upgrade(connection, "0006")
            rows = connection.exec_driver_sql(
                "SELECT metric, cycle_index, priority FROM ticket_clocks ORDER BY id"
            ).all()
        assert [tuple(row) for row in rows] == [
            ("first_response", 0, "low"),
            ("periodic_update", 0, "high"),
            ("periodic_update", 1, "urgent"),
        ]
    finally:
        engine.dispose()


def test_migrations_render_for_postgresql_offline() -> None:
    """Offline (``--sql``) mode compiles every revision for PostgreSQL without a server."""
    import io

    from alembic import command

    from slaworkbench.store.workspace import alembic_config

    config = alembic_config()
    config.set_main_option("sqlalchemy.url", "postgresql://nobody@localhost/none")
    buffer = io.StringIO()
    config.output_buffer = buffer
    command.upgrade(config, "head", sql=True)
    sql = buffer.getvalue()
    assert "CREATE TABLE tickets" in sql
    assert "ALTER TABLE policies ADD CONSTRAINT fk_policies_current_version_id" in sql
    assert "BOOLEAN DEFAULT true" in sql
    assert "WHERE status IN ('new', 'open', 'pending', 'on_hold')" in sql


def test_a_transaction_that_fails_leaves_no_half_migrated_schema(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    engine.dispose()
    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    try:
        try:
            with engine.begin() as connection:
                upgrade(connection, "0001")
                raise RuntimeError("power cut")
        except RuntimeError:
            pass
        with engine.connect() as connection:
            assert inspect(connection).get_table_names() == []
    finally:
        engine.dispose()


def test_the_schema_revision_constant_is_alembic_head() -> None:
    """Opening a current file skips alembic by trusting this constant: keep it true."""
    from slaworkbench.store.workspace import SCHEMA_REVISION, head_revision

    assert head_revision() == SCHEMA_REVISION


def test_opening_a_current_workspace_does_not_import_alembic(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import subprocess
    import sys

    path = tmp_path / "w.sqlite3"
    from slaworkbench.store.workspace import open_workspace

    open_workspace(f"sqlite:///{path}").close()
    code = (
        "import sys; from slaworkbench.store.workspace import open_workspace; "
        f"open_workspace({f'sqlite:///{path}'!r}).close(); "
        "print('alembic' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_a_sqlite_workspace_never_loads_the_postgresql_dialect(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Opening a SQLite workspace and reading a report's figures load no module of
    SQLAlchemy's PostgreSQL dialect (its drivers' modules cost ~60 ms a process)."""
    import subprocess
    import sys

    path = tmp_path / "w.sqlite3"
    from slaworkbench.store.workspace import open_workspace

    open_workspace(f"sqlite:///{path}").close()
    code = (
        "import sys; from slaworkbench.store.workspace import open_workspace; "
        "import slaworkbench.reports.builder, slaworkbench.app.analytics.filters; "
        f"open_workspace({f'sqlite:///{path}'!r}).close(); "
        "print(sorted(m for m in sys.modules if 'postgresql' in m))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_every_partial_index_has_its_condition_on_postgresql() -> None:
    """The schema's partial indexes keep PostgreSQL's condition apart
    (``schema._where``); the dialect seam renders it: the same as SQLite's."""
    from sqlalchemy.dialects import postgresql, sqlite
    from sqlalchemy.schema import CreateIndex

    partial = [i for t in Base.metadata.sorted_tables for i in t.indexes if i.info]
    assert len(partial) >= 11
    for index in partial:
        on_sqlite = str(CreateIndex(index).compile(dialect=sqlite.dialect()))
        on_postgresql = str(CreateIndex(index).compile(dialect=postgresql.dialect()))
        condition = on_sqlite.split(" WHERE ", 1)[1]
        assert on_postgresql.endswith(f" WHERE {condition}"), index.name


def test_0011_moves_the_change_counter_into_the_change_feed(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    try:
        with engine.begin() as connection:
            upgrade(connection, "0005")
            connection.exec_driver_sql(
                "INSERT INTO workspace_meta (key, value) VALUES ('change_counter', '41')"
            )
            upgrade(connection, "0011")
            feed = connection.exec_driver_sql("SELECT id, counter FROM change_feed").all()
            left = connection.exec_driver_sql(
                "SELECT count(*) FROM workspace_meta WHERE key = 'change_counter'"
            ).scalar()
        assert [tuple(row) for row in feed] == [(1, 41)]
        assert left == 0
    finally:
        engine.dispose()


def test_0012_adds_empty_ola_tables_to_an_older_workspace(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    try:
        with engine.begin() as connection:
            upgrade(connection, "0005")
            assert "ticket_ola_cycles" not in inspect(connection).get_table_names()
        with engine.begin() as connection:
            upgrade(connection, "0012")
            tables = set(inspect(connection).get_table_names())
            assert {"team_ola_versions", "ticket_ola_cycles", "ticket_ola_holds"} <= tables
    finally:
        engine.dispose()


def test_0013_adds_empty_escalation_tables_to_an_old_workspace(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    try:
        with engine.begin() as connection:
            upgrade(connection, "0005")
            assert "escalations" not in inspect(connection).get_table_names()
        with engine.begin() as connection:
            upgrade(connection, "0013")
            tables = set(inspect(connection).get_table_names())
            indexes = {index["name"] for index in inspect(connection).get_indexes("tickets")}
        assert {"escalations", "escalation_plan"} <= tables
        assert "ix_tickets_evaluated_at" in indexes
    finally:
        engine.dispose()


def test_0015_builds_the_per_team_rollup_from_the_daily_rollup(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    try:
        with engine.begin() as connection:
            upgrade(connection, "0013")
            connection.exec_driver_sql(
                "INSERT INTO clock_rollup (day, metric, priority, team_id, customer_id,"
                " policy_version_id, agent_id, achieved, breached, other) VALUES"
                " (20000, 0, 1, 3, 1, 1, 1, 2, 1, 0), (20000, 0, 1, 3, 2, 1, 4, 5, 0, 1),"
                " (20000, 0, 1, 4, 2, 1, 4, 1, 0, 0), (20001, 3, 0, 0, 0, 2, 0, 0, 7, 0)"
            )
        with engine.begin() as connection:
            upgrade(connection, "0015")
            rows = connection.exec_driver_sql(
                "SELECT day, metric, priority, team_id, achieved, breached, other"
                " FROM clock_rollup_by_team ORDER BY 1, 2, 3, 4"
            ).all()
        assert [tuple(row) for row in rows] == [
            (20000, 0, 1, 3, 7, 1, 1),
            (20000, 0, 1, 4, 1, 0, 0),
            (20001, 3, 0, 0, 0, 7, 0),
        ]
    finally:
        engine.dispose()
