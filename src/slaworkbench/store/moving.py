"""Moving a workspace to another database, all or nothing (``slaworkbench migrate``).

``move_workspace(source, target_url)`` refuses a target that holds any table. Otherwise,
in one transaction on the target (PostgreSQL's DDL is transactional, and so is ours on
SQLite), it builds the schema at this program's revision, empties the rows the
migrations wrote, copies every table in foreign-key order with its ids, moves the id
sequences past the copied ids, and verifies the copy: the row count of every table and
a checksum of the clock results (``ticket_clocks``, every column, in key order) must
equal the source's, read in one read transaction. A mismatch or any failure rolls the
whole target back: it is left as it was, empty.

From a SQLite file to PostgreSQL the copy is a bulk load (``store.dialect``): the
target's secondary indexes, unique and foreign-key constraints are created after the
rows are in, still inside the one transaction (``constraints_after_load``), and the rows
go from SQLite's cursor into ``COPY`` as text SQLite writes itself
(``copy_raw_rows``), without the ORM's conversion of every value. Other pairs of engines
copy rows through SQLAlchemy (``copy_rows``). A text PostgreSQL cannot keep (a NUL
character) is refused with a sentence naming its row.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    Boolean,
    Connection,
    Integer,
    Table,
    TypeDecorator,
    bindparam,
    delete,
    func,
    inspect,
    select,
    update,
)
from sqlalchemy.exc import DBAPIError

from slaworkbench.i18n import tr
from slaworkbench.store import dialect
from slaworkbench.store.errors import WorkspaceError
from slaworkbench.store.schema import Base, TicketClock
from slaworkbench.store.workspace import SCHEMA_REVISION, Workspace, upgrade

FETCH_ROWS = 20_000


@dataclass(frozen=True, slots=True)
class MoveReport:
    rows: dict[str, int]
    """Rows per table, equal on both sides."""
    clock_checksum: str
    """SHA-256 of the clock results, equal on both sides."""
    seconds: float


def move_workspace(
    source: Workspace,
    target_url: str,
    *,
    progress: Callable[[str, int], None] | None = None,
) -> MoveReport:
    started = time.monotonic()
    where = dialect.workspace_location(target_url)
    engine = dialect.make_engine(target_url)
    try:
        _refuse_non_empty(engine, where)
        writer = engine.execution_options(**{dialect.WRITE_OPTION: True})
        with source.engine.connect() as reader, reader.begin(), writer.begin() as target:
            tables = list(Base.metadata.sorted_tables)
            upgrade(target, SCHEMA_REVISION)
            for table in reversed(tables):
                target.execute(delete(table))  # what the migrations wrote (identity, feed)
            later = _forward_references(tables)
            # The source's side of the verification is read on a thread once the rows
            # are copied, while the server builds the indexes and checks the constraints
            # (SQLite writes the rows' text with the GIL let go); the calling thread reads
            # the source no more from then on.
            with ThreadPoolExecutor(max_workers=1) as pool:
                with dialect.bulk_write_settings(target), dialect.constraints_after_load(target):
                    for table in tables:
                        copied = _copy_table(reader, target, table, later.get(table.name, ()))
                        if progress is not None:
                            progress(table.name, copied)
                    for table in tables:
                        _fill_forward_references(reader, target, table, later.get(table.name, ()))
                    counts = {table.name: _count(reader, table) for table in tables}
                    source_sum = pool.submit(clock_checksum, reader)
                dialect.reset_id_sequences(target, tables)
                rows = _verified_counts(counts, target, tables, where)
                target_sum = clock_checksum(target)
                checksum = source_sum.result()
            if target_sum != checksum:
                raise WorkspaceError(
                    tr(
                        "The clock results copied to {where} differ from the source's; "
                        "nothing was kept there. Try the move again."
                    ).format(where=where)
                )
    except dialect.NulCharacterError as error:
        raise WorkspaceError(
            tr(
                "The workspace could not be moved to {where}: the {column} of {table} "
                "({key}) has a NUL character, which a workspace on a server cannot keep; "
                "nothing was kept there. Remove it in the file and move again."
            ).format(where=where, column=error.column, table=error.table, key=error.key)
        ) from error
    except DBAPIError as error:
        raise WorkspaceError(
            tr(
                "The workspace could not be moved to {where} ({error}); nothing was kept there."
            ).format(where=where, error=str(error.orig or error).strip().splitlines()[0])
        ) from error
    finally:
        engine.dispose()
    return MoveReport(rows=rows, clock_checksum=checksum, seconds=time.monotonic() - started)


def _refuse_non_empty(engine: Any, where: str) -> None:
    with engine.connect() as connection:
        tables = sorted(inspect(connection).get_table_names())
    if tables:
        raise WorkspaceError(
            tr(
                "{where} is not empty (it holds {count} tables, e.g. {example}); a workspace "
                "is only moved into an empty database. Nothing was changed."
            ).format(where=where, count=len(tables), example=tables[0])
        )


def _forward_references(tables: Sequence[Table]) -> dict[str, tuple[str, ...]]:
    """Per table, the columns that reference a table copied after it (or itself): the
    cycles such as ``policies.current_version_id`` ↔ ``policy_versions.policy_id``.
    They are copied empty and filled once every table is in."""
    position = {table.name: index for index, table in enumerate(tables)}
    later: dict[str, tuple[str, ...]] = {}
    for table in tables:
        names = tuple(
            sorted(
                {
                    key.parent.name
                    for key in table.foreign_keys
                    if position[key.column.table.name] >= position[table.name]
                }
            )
        )
        if names:
            later[table.name] = names
    return later


def _copy_table(reader: Connection, target: Connection, table: Table, blank: Sequence[str]) -> int:
    if dialect.copies_raw_rows(reader, target, table):
        return dialect.copy_raw_rows(reader, target, table, blank=blank)
    return dialect.copy_rows(target, table, _rows(reader, table, blank=blank))


def _rows(reader: Connection, table: Table, *, blank: Sequence[str]) -> Iterator[Sequence[Any]]:
    order = list(table.primary_key.columns)
    columns = dialect.stored_columns(table)
    kept = [column.name not in blank for column in columns]
    result = reader.execution_options(yield_per=FETCH_ROWS).execute(
        select(*columns).order_by(*order)
    )
    for partition in result.partitions():
        for row in partition:
            yield [value if keep else None for keep, value in zip(kept, row, strict=True)]


def _fill_forward_references(
    reader: Connection, target: Connection, table: Table, names: Sequence[str]
) -> None:
    if not names:
        return
    keys = list(table.primary_key.columns)
    rows = reader.execute(select(*keys, *(table.c[name] for name in names))).all()
    if not rows:
        return
    statement = (
        update(table)
        .where(*(key == bindparam(f"key_{key.name}") for key in keys))
        .values({name: bindparam(f"value_{name}") for name in names})
    )
    target.execute(
        statement,
        [
            {
                **{f"key_{key.name}": row[index] for index, key in enumerate(keys)},
                **{f"value_{name}": row[len(keys) + index] for index, name in enumerate(names)},
            }
            for row in rows
        ],
    )


def _verified_counts(
    source: dict[str, int], target: Connection, tables: Sequence[Table], where: str
) -> dict[str, int]:
    """``source`` (rows per table) when the target's tables hold as many rows."""
    counts: dict[str, int] = {}
    for table in tables:
        want = source[table.name]
        got = _count(target, table)
        if got != want:
            raise WorkspaceError(
                tr(
                    "The copy of {table} on {where} has {got} rows where the source has "
                    "{want}; nothing was kept there."
                ).format(table=table.name, where=where, got=got, want=want)
            )
        counts[table.name] = want
    return counts


def _count(connection: Connection, table: Table) -> int:
    return int(connection.execute(select(func.count()).select_from(table)).scalar_one())


def clock_checksum(connection: Connection) -> str:
    """SHA-256 of every clock result in key order (ticket, metric, cycle): each row's
    stored columns as one line of text the database writes itself (integers as digits,
    ``N`` for NULL, the boolean as ``1``/``0``, comma-separated), the same text on SQLite
    and PostgreSQL for the same values. At a million tickets (8.6 M rows) rows read as
    SQLAlchemy rows and hashed by their ``repr`` took ~90 s of CPU a side."""
    table = TicketClock.__table__
    assert isinstance(table, Table)
    line = " || ',' || ".join(_checksum_text(column) for column in dialect.stored_columns(table))
    digest = hashlib.sha256()
    with dialect.streamed_cursor(connection) as cursor:
        cursor.execute(
            f"SELECT {line} FROM {table.name} ORDER BY ticket_id, metric_code, cycle_index"
        )
        while rows := cursor.fetchmany(CHECKSUM_ROWS):
            digest.update("".join([row[0] + "\n" for row in rows]).encode())
    return digest.hexdigest()


CHECKSUM_ROWS = 100_000


def _checksum_text(column: Any) -> str:
    name = f'"{column.name}"'
    stored = column.type.impl if isinstance(column.type, TypeDecorator) else column.type
    if isinstance(stored, Boolean):
        return f"CASE WHEN {name} IS NULL THEN 'N' WHEN {name} THEN '1' ELSE '0' END"
    if not isinstance(stored, Integer):  # a text would need quoting: none is stored yet
        raise TypeError(f"the clock checksum reads integers and booleans, not {column.type}")
    return f"COALESCE(CAST({name} AS TEXT), 'N')"
