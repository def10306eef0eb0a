"""Looking at a team server before switching to it: can we connect, and what is there.

``examine_server`` connects once with the URL (password included), reads the schema's
revision and the tables, and tells the caller what it found as a ``ServerFacts``; it
writes nothing. A connection the server refuses raises ``ServerRefusedError`` naming why
(``dialect.connection_failure``: no server there, a wrong password, no such database).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import inspect
from sqlalchemy.exc import DBAPIError

from slaworkbench.store import dialect
from slaworkbench.store.errors import WorkspaceError
from slaworkbench.store.workspace import current_revision


class ServerRefusedError(WorkspaceError):
    """The server could not be reached or refused the connection; ``reason`` is
    ``"unreachable"``, ``"password"`` or ``"database"``."""

    def __init__(self, reason: str, detail: str) -> None:
        self.reason = reason
        super().__init__(detail)


@dataclass(frozen=True, slots=True)
class ServerFacts:
    revision: str | None
    """The schema's revision (``None`` without a version table)."""
    tables: frozenset[str]


def examine_server(url: str) -> ServerFacts:
    engine = dialect.make_engine(url)
    try:
        with engine.connect() as connection:
            tables = frozenset(inspect(connection).get_table_names())
            revision = current_revision(connection)
    except DBAPIError as error:
        raise ServerRefusedError(
            dialect.connection_failure(error), str(error.orig or error)
        ) from error
    finally:
        engine.dispose()
    return ServerFacts(revision=revision, tables=tables)
