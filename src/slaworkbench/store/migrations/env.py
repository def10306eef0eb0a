"""Alembic environment, run programmatically by ``store.workspace`` (no alembic.ini).

The caller passes an open ``Connection`` in ``config.attributes["connection"]``; the
migration then runs inside the caller's transaction. Without one (a developer running
``alembic`` by hand with ``sqlalchemy.url`` set) an engine is made from the URL, and
``--sql`` renders the SQL instead of running it.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from slaworkbench.store.dialect import alters_tables_in_batches, make_engine
from slaworkbench.store.schema import Base

config = context.config
target_metadata = Base.metadata


def _configure(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=alters_tables_in_batches(connection),
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        return
    url = config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError("Set sqlalchemy.url or pass a connection to run the migrations.")
    engine = make_engine(url)
    try:
        with engine.begin() as own_connection:
            _configure(own_connection)
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
