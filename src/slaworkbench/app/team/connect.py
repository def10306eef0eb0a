"""Connecting to a team server: check it before switching, then open it.

``check_server(url)`` says in one ``ServerCheck`` whether the window may switch to the
server: ``ready`` (a workspace at this program's schema, or an older one that opening
upgrades), ``empty`` (no tables: the window offers to initialise it), or a refusal with
the sentence to show (``unreachable``, ``password``, ``database``, ``newer``, ``foreign``).
Nothing is written. ``open_team_workspace`` then opens it (initialising an empty database
only when asked to).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.engine import URL, make_url

from slaworkbench.i18n import tr
from slaworkbench.store import dialect
from slaworkbench.store.server import ServerRefusedError, examine_server
from slaworkbench.store.workspace import (
    SCHEMA_REVISION,
    Workspace,
    known_revisions,
    open_workspace,
)

READY = "ready"
EMPTY = "empty"


@dataclass(frozen=True, slots=True)
class ServerAddress:
    host: str
    port: int
    database: str
    user: str

    def url(self, password: str | None) -> str:
        """The SQLAlchemy URL; with ``password=None`` the one that is remembered."""
        return URL.create(
            "postgresql+psycopg",
            username=self.user or None,
            password=password or None,
            host=self.host or None,
            port=self.port,
            database=self.database or None,
        ).render_as_string(hide_password=False)


@dataclass(frozen=True, slots=True)
class ServerCheck:
    state: str
    sentence: str

    @property
    def may_switch(self) -> bool:
        return self.state in (READY, EMPTY)


def check_server(address: ServerAddress, password: str) -> ServerCheck:
    url = address.url(password)
    where = dialect.workspace_label(url)
    try:
        facts = examine_server(url)
    except ServerRefusedError as error:
        return ServerCheck(error.reason, _refusal(error.reason, address, where))
    user_tables = facts.tables - {"alembic_version"}
    if facts.revision is None and not user_tables:
        return ServerCheck(
            EMPTY,
            tr(
                "The database {where} is empty: it holds no workspace yet. Initialise it as a "
                "new, empty workspace?"
            ).format(where=where),
        )
    if facts.revision is None:
        return ServerCheck(
            "foreign",
            tr(
                "The database {where} holds tables but not an SLA Workbench workspace; choose "
                "another database. Nothing was changed."
            ).format(where=where),
        )
    if facts.revision != SCHEMA_REVISION and facts.revision not in known_revisions():
        return ServerCheck(
            "newer",
            tr(
                "The workspace on {where} was written by a newer SLA Workbench (revision "
                "{revision}); install the newer version to connect. Nothing was changed."
            ).format(where=where, revision=facts.revision),
        )
    return ServerCheck(READY, "")


def _refusal(reason: str, address: ServerAddress, where: str) -> str:
    if reason == "password":
        return tr(
            "The server {where} refused the user name or password for {user}; check them "
            "and try again."
        ).format(where=where, user=address.user)
    if reason == "database":
        return tr(
            "The server {server} has no database called {database}; check the name, or ask "
            "its administrator to create it."
        ).format(server=address.host, database=address.database)
    return tr(
        "No team server answers at {host} port {port}; check the address and that the "
        "server is running, then try again."
    ).format(host=address.host, port=address.port)


def open_team_workspace(url: str, *, initialise: bool) -> Workspace:
    """Open the workspace on the server (creating its schema when ``initialise``)."""
    return open_workspace(url, create=initialise)


def with_password(remembered: str, password: str) -> str:
    """The remembered server URL (kept without its password) with ``password``."""
    return make_url(remembered).set(password=password or None).render_as_string(hide_password=False)
