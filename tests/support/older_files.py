"""A workspace file at an older schema revision holding the rows of one at head: what a
migration test upgrades (the columns the older revision did not have are left out)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from datetime import date
from pathlib import Path
from typing import TypeVar

from sqlalchemy import Connection, Engine, text
from sqlalchemy.orm import Session

from slaworkbench.app.analytics.filters import Filters
from slaworkbench.app.demo.workspace import generate_demo
from slaworkbench.app.ola.sla_holders import SlaHolders, sla_holders
from slaworkbench.domain.model import Metric
from slaworkbench.store.dialect import make_engine
from slaworkbench.store.migration_steps import told_clock_pieces, told_ola_pieces
from slaworkbench.store.workspace import SCHEMA_REVISION, current_revision, open_workspace, upgrade
from tests.support.engines import postgres_database

T = TypeVar("T")

PERIOD = Filters(date_from=date(2025, 6, 1), date_to=date(2026, 5, 29))
"""The period whose figures ``read_at_head`` compares (a demo made at ``NOW`` of the
migration tests, 1_780_000_000, covers it)."""

_GENERATED = (2, 3)
"""``table_xinfo``'s ``hidden`` of a generated column (virtual, stored)."""


_FOLDED = {
    "ticket_clock_holders": "SELECT id, holds_at, stop_agent_id, stop_team_id"
    " FROM new.ticket_clocks WHERE holds_at IS NOT NULL",
}
"""The rows of a table head no longer has, from where head keeps them (migration 0028:
the holder at stop and the stop it was measured for on the clock row)."""


_TOLD = {
    "ticket_clock_holds": (
        "0036",
        "(SELECT clock_id, piece, agent_id, team_id, seconds FROM new.ticket_clock_holds"
        f" UNION ALL {told_clock_pieces('new.')})",
    ),
    "ticket_ola_holds": (
        "0036",
        "(SELECT cycle_id, piece, agent_id, seconds FROM new.ticket_ola_holds"
        f" UNION ALL {told_ola_pieces('new.')})",
    ),
}
"""Tables whose rows head keeps in part elsewhere, from the revision that stopped
storing them: before it, the head file's rows and those its other rows tell (migration
0036: the held pieces an SLA or OLA cycle's row tells)."""


_DERIVED = {
    ("ticket_events", "author"): "(SELECT a.name FROM new.event_authors a"
    " WHERE a.id = new.ticket_events.author_id)",
}
"""Columns of an older revision that head keeps elsewhere, and the SQL (over the head
file's row, ``new.<table>``) that gives their value back (migration 0030: the events'
authors' names by id in ``event_authors``)."""


def _columns(connection: sqlite3.Connection, schema: str, table: str) -> list[str]:
    """The columns of ``table`` a row is inserted with: not the generated ones (a head
    file's generated columns are read by name where an older revision stored them)."""
    rows = connection.execute(f"PRAGMA {schema}.table_xinfo({table})").fetchall()
    return [row[1] for row in rows if row[6] not in _GENERATED]


def empty_file_at(path: Path, revision: str) -> Path:
    """A new SQLite workspace file at ``path`` whose schema is at ``revision``, empty:
    what an older program left, to open (and upgrade) with this one."""
    engine = make_engine(f"sqlite:///{path}")
    try:
        with engine.begin() as connection:
            upgrade(connection, revision)
    finally:
        engine.dispose()
    return path


def copy_into_revision(source: Path, target: Path, revision: str) -> None:
    """Every row of ``source`` (at head) into a new file ``target`` at ``revision``: the
    columns that revision has and the head file still has, by name."""
    empty_file_at(target, revision)
    connection = sqlite3.connect(target, isolation_level=None)
    try:
        connection.execute("PRAGMA foreign_keys = OFF")
        connection.execute("ATTACH DATABASE ? AS new", (str(source),))
        connection.execute("BEGIN")
        tables = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM main.sqlite_master WHERE type = 'table'"
                " AND name NOT LIKE 'sqlite_%' AND name != 'alembic_version'"
            )
        ]
        for table in tables:
            if table in _FOLDED:  # a table of the older revision that head folded away
                connection.execute(f"DELETE FROM main.{table}")
                connection.execute(f"INSERT INTO main.{table} {_FOLDED[table]}")
                continue
            # A column the head file no longer has (the events' own ids before migration
            # 0024) is left to the older revision's default, unless head keeps its
            # values elsewhere (``_DERIVED``).
            present = {row[1] for row in connection.execute(f"PRAGMA new.table_xinfo({table})")}
            columns = [
                c
                for c in _columns(connection, "main", table)
                if c in present or (table, c) in _DERIVED
            ]
            values = ", ".join(c if c in present else _DERIVED[table, c] for c in columns)
            rows = f"new.{table}"
            if table in _TOLD and revision < _TOLD[table][0]:
                rows = _TOLD[table][1]
            connection.execute(f"DELETE FROM main.{table}")
            connection.execute(
                f"INSERT INTO main.{table} ({', '.join(columns)}) SELECT {values} FROM {rows}"
            )
        connection.execute("COMMIT")
        connection.execute("DETACH DATABASE new")
    finally:
        connection.close()


@contextmanager
def database_at(engine_name: str, tmp_path: Path, revision: str) -> Iterator[Engine]:
    """A new, empty database of ``engine_name`` (``tests.support.engines.ENGINES``) whose
    schema is at ``revision``: what a migration test fills by SQL as that revision stored
    rows, then upgrades."""
    with ExitStack() as stack:
        if engine_name == "sqlite":
            url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
        else:
            url = stack.enter_context(postgres_database(seeded=False))
        engine = make_engine(url)
        stack.callback(engine.dispose)
        with engine.begin() as connection:
            upgrade(connection, revision)
        yield engine


def insert_tickets(connection: Connection, ids: Sequence[int]) -> None:
    """Bare open tickets with these ids (what the rows of a migration test point at)."""
    connection.execute(
        text(
            "INSERT INTO tickets (id, subject, tags, priority, status, created_at,"
            " updated_at, version, sla_state) VALUES "
            + ", ".join(f"({i}, 's', '', 'high', 'open', 100, 100, 1, 'ok')" for i in ids)
        )
    )


def insert_clock_rows(
    connection: Connection, rows: Sequence[tuple[int, int, int | None]], *, ticket_id: int = 1
) -> None:
    """Clock rows (id, metric code, stop instant or ``None``) of one ticket, as every
    revision since 0020 stores them (codes; started at 100, evaluated at 900)."""
    values = ", ".join(
        f"({i}, {ticket_id}, {metric}, {i}, 100, {'NULL' if stop is None else stop},"
        " 2, 60, 20, 40, false, 1, 900)"
        for i, metric, stop in rows
    )
    connection.execute(
        text(
            "INSERT INTO ticket_clocks (id, ticket_id, metric_code, cycle_index, started_at,"
            " stopped_at, state_code, target, elapsed, remaining, at_risk, priority_code,"
            f" evaluated_at) VALUES {values}"
        )
    )


def demo_file(path: Path, *, tickets: int = 300, seed: int = 5, now: int = 1_780_000_000) -> Path:
    """A demo workspace written at head in a new file ``path``: what a migration test
    copies into an older revision (``copy_into_revision``) and compares once upgraded."""
    workspace = open_workspace(f"sqlite:///{path}")
    try:
        generate_demo(workspace, tickets=tickets, seed=seed, now=now)
    finally:
        workspace.close()
    return path


def read_at_head(
    url: str,
    rows_sql: str,
    figures: Callable[[Session, Filters], T],
    check: Callable[[Connection], None] | None = None,
) -> tuple[list[tuple[object, ...]], T]:
    """The workspace ``url`` opened (and so upgraded) at head: the rows of ``rows_sql``
    and the ``figures`` of ``PERIOD``; ``check`` asserts what else holds of it."""
    workspace = open_workspace(url, create=False)
    try:
        with workspace.engine.connect() as connection:
            assert current_revision(connection) == SCHEMA_REVISION
            if check is not None:
                check(connection)
            rows = [tuple(row) for row in connection.execute(text(rows_sql))]
        with workspace.session() as session:
            return rows, figures(session, PERIOD)
    finally:
        workspace.close()


def every_metric_holders(session: Session, filters: Filters) -> tuple[SlaHolders, ...]:
    """Who held the SLA clocks, for every metric: the figures the holds' upgrades keep."""
    return tuple(sla_holders(session, filters, metric) for metric in Metric)
