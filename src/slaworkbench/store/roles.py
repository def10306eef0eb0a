"""Roles on a PostgreSQL server: group roles with grants, per-person logins, and which
role the current login has.

``init_roles`` creates three group roles (``slaworkbench_agent``, ``_manager``,
``_admin``; each a member of the one below) and grants each exactly what its people may
write; ``add_user`` creates a login in one of them and the matching ``agents`` row. No
group may UPDATE or DELETE a policy version (and a trigger from migration 0010 refuses
it to everyone), so an agent's own login cannot change a policy even with ``psql``.

SQLite has no logins: its one local user has every role.
"""

from __future__ import annotations

import re

from sqlalchemy import Connection, insert, select, text, update

from slaworkbench.i18n import tr
from slaworkbench.store.errors import ValidationError
from slaworkbench.store.schema import AGENT_ROLES, Agent

GROUPS = {role: f"slaworkbench_{role}" for role in AGENT_ROLES}
"""The server's group role for each application role."""

_AGENT_WRITES = {
    # Working tickets: the ticket, its events, its clocks and the cached timeline; the
    # change counter and the recompute's notes; names a ticket may introduce.
    "tickets": "SELECT, INSERT, UPDATE",
    "ticket_events": "SELECT, INSERT",  # the log is append-only
    "event_authors": "SELECT, INSERT",  # the log's authors' names (migration 0030)
    "ticket_clocks": "SELECT, INSERT, UPDATE, DELETE",
    "ticket_timelines": "SELECT, INSERT, UPDATE, DELETE",
    "workspace_meta": "SELECT, INSERT, UPDATE",
    "change_feed": "SELECT, INSERT, UPDATE",  # every write bumps it (migration 0011)
    "clock_rollup": "SELECT, INSERT, UPDATE, DELETE",  # kept in the clock writes (0007)
    "clock_rollup_by_team": "SELECT, INSERT, UPDATE, DELETE",  # with clock_rollup (0015)
    "clock_rollup_by_span": "SELECT, INSERT, UPDATE, DELETE",  # with clock_rollup (0033)
    "held_sample_spans": "SELECT, INSERT, UPDATE, DELETE",  # with the clock rows (0034)
    "held_samples": "SELECT, INSERT, UPDATE, DELETE",  # with the clock rows (0034)
    "tickets_judged_elsewhere": "SELECT, INSERT, DELETE",  # with the clock rows (0035)
    "duration_rollup": "SELECT, INSERT, UPDATE, DELETE",  # with clock_rollup (0021)
    "ticket_ola_cycles": "SELECT, INSERT, UPDATE, DELETE",  # who held the clock, derived
    "ticket_ola_holds": "SELECT, INSERT, UPDATE, DELETE",
    "ticket_clock_holds": "SELECT, INSERT, UPDATE, DELETE",  # who held an SLA clock (0014)
    # Escalations fire on whichever desktop is open, an agent's too (migration 0013).
    "escalations": "SELECT, INSERT",
    "escalation_plan": "SELECT, INSERT, UPDATE, DELETE",
    "customers": "SELECT, INSERT",
    "teams": "SELECT, INSERT",
    "agents": "SELECT, INSERT",
    # Answers are never changed; their ticket's first response beside them is derived
    # and kept by the clock writes, as is the answers' daily rollup (migration 0019).
    "survey_answers": "SELECT, INSERT, UPDATE (first_response)",
    "answer_rollup": "SELECT, INSERT, UPDATE, DELETE",
    "outage_tickets": "SELECT, INSERT, DELETE",
}
_MANAGER_WRITES = {
    "policies": "SELECT, INSERT, UPDATE, DELETE",
    "policy_versions": "SELECT, INSERT",  # append-only: never UPDATE or DELETE
    "calendars": "SELECT, INSERT, UPDATE, DELETE",
    "calendar_holidays": "SELECT, INSERT, UPDATE, DELETE",
    "agreements": "SELECT, INSERT, UPDATE, DELETE",
    "agreement_versions": "SELECT, INSERT",
    "agreement_reviews": "SELECT, INSERT",
    "services": "SELECT, INSERT, UPDATE, DELETE",
    "service_customers": "SELECT, INSERT, UPDATE, DELETE",
    "outages": "SELECT, INSERT, UPDATE, DELETE",
    "team_ola_versions": "SELECT, INSERT",  # team agreements (OLAs), versioned
    "customers": "SELECT, INSERT, UPDATE",
    "teams": "SELECT, INSERT, UPDATE",
}
_ADMIN_WRITES = {"agents": "SELECT, INSERT, UPDATE, DELETE"}
READ_ONLY_TABLES = frozenset({"workspace_identity"})
"""Tables no group writes (the owner's, written when the workspace is made or moved)."""


def granted_tables() -> frozenset[str]:
    """The tables some group may write, plus the read-only ones: every table of the
    schema must be one of them, or a new table would be refused to every login."""
    return (
        frozenset(_AGENT_WRITES)
        | frozenset(_MANAGER_WRITES)
        | frozenset(_ADMIN_WRITES)
        | (READ_ONLY_TABLES)
    )


_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_.-]{0,62}$")


def login_role(connection: Connection) -> str:
    """The application role of the connection's login: ``admin`` on SQLite and for a
    login in no workspace group (the workspace's owner); else its highest group."""
    if connection.dialect.name != "postgresql":
        return "admin"
    for role in reversed(AGENT_ROLES):  # admin, manager, agent
        member = connection.execute(
            text(
                "SELECT pg_has_role(current_user, oid, 'MEMBER') FROM pg_roles"
                " WHERE rolname = :name"
            ),
            {"name": GROUPS[role]},
        ).scalar()
        if member:
            return role
    return "admin"


def init_roles(connection: Connection) -> list[str]:
    """Create the group roles (where missing) and grant them their privileges on this
    database, inside the caller's transaction; returns the groups. PostgreSQL only."""
    _server_only(connection)
    for role in AGENT_ROLES:
        # CREATE ROLE has no IF NOT EXISTS; another workspace on the server may have
        # made the groups already (or be making them right now).
        connection.execute(
            text(
                f"DO $$ BEGIN CREATE ROLE {GROUPS[role]} NOLOGIN; "
                "EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$"
            )
        )
    grant_privileges(connection)
    agent, manager, admin = (GROUPS[role] for role in AGENT_ROLES)
    # Each role may do what the one below may: membership passes the grants on.
    connection.execute(text(f"GRANT {agent} TO {manager}"))
    connection.execute(text(f"GRANT {manager} TO {admin}"))
    return [agent, manager, admin]


def roles_in_use(connection: Connection) -> bool:
    """Whether ``init-roles`` ran on this database: the three group roles exist on the
    server and the agents' group may write this database's tickets. (The groups are
    server-wide; another workspace's ``init-roles`` alone does not count.)"""
    if connection.dialect.name != "postgresql":
        return False
    found = connection.execute(
        text("SELECT count(*) FROM pg_roles WHERE rolname = ANY(:names)"),
        {"names": list(GROUPS.values())},
    ).scalar_one()
    if int(found) != len(GROUPS):
        return False
    return bool(
        connection.execute(
            text("SELECT has_table_privilege(:group, 'tickets', 'INSERT')"),
            {"group": GROUPS[AGENT_ROLES[0]]},
        ).scalar_one()
    )


def regrant_after_upgrade(connection: Connection) -> bool:
    """After an upgrade of a team workspace, grant the groups their privileges again,
    inside the upgrade's transaction: a migration that adds a table (or a column a group
    writes) would otherwise leave every agent's login refused on it until someone ran
    ``init-roles``. Returns whether it granted (False on SQLite, or where this
    database's roles were never set up)."""
    if not roles_in_use(connection):
        return False
    grant_privileges(connection)
    return True


def grant_privileges(connection: Connection) -> None:
    """Grant the existing group roles exactly their privileges on this database's tables
    (revoking what they had on its tables first). PostgreSQL only."""
    _server_only(connection)
    agent, manager, admin = (GROUPS[role] for role in AGENT_ROLES)
    database = connection.execute(text("SELECT current_database()")).scalar_one()
    tables = [
        name
        for (name,) in connection.execute(
            text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        )
    ]
    for group in (agent, manager, admin):
        connection.execute(text(f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {group}"))
        connection.execute(text(f'GRANT CONNECT ON DATABASE "{database}" TO {group}'))
        connection.execute(text(f"GRANT USAGE ON SCHEMA public TO {group}"))
        connection.execute(text(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {group}"))
        connection.execute(
            text(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {group}")
        )
    for group, writes in ((agent, _AGENT_WRITES), (manager, _MANAGER_WRITES)):
        for table, privileges in writes.items():
            if table in tables:
                connection.execute(text(f"GRANT {privileges} ON {table} TO {group}"))
    for table, privileges in _ADMIN_WRITES.items():
        connection.execute(text(f"GRANT {privileges} ON {table} TO {admin}"))


def add_user(connection: Connection, name: str, role: str, password: str | None) -> None:
    """A login ``name`` in ``role``'s group and an ``agents`` row of that name and role
    (updated when it exists), in the caller's transaction. PostgreSQL only."""
    _server_only(connection)
    if role not in AGENT_ROLES:
        raise ValidationError(
            tr("“{role}” is not a role; choose agent, manager or admin.").format(role=role)
        )
    if not _NAME.match(name):
        raise ValidationError(
            tr(
                "“{name}” cannot be a login name: use letters, digits, dots, dashes and "
                "underscores, starting with a letter."
            ).format(name=name)
        )
    exists = connection.execute(
        text("SELECT 1 FROM pg_roles WHERE rolname = :name"), {"name": name}
    ).scalar()
    group = GROUPS[role]
    if exists is None:
        connection.execute(text(f'CREATE ROLE "{name}" LOGIN'))
    for other in AGENT_ROLES:
        if other != role:
            connection.execute(text(f'REVOKE {GROUPS[other]} FROM "{name}"'))
    connection.execute(text(f'GRANT {group} TO "{name}"'))
    if password is not None:
        # The password travels as a literal (ALTER ROLE takes no parameters).
        quoted = connection.execute(text("SELECT quote_literal(:p)"), {"p": password}).scalar_one()
        connection.execute(text(f'ALTER ROLE "{name}" PASSWORD {quoted}'))
    agent_id = connection.execute(select(Agent.id).where(Agent.name == name)).scalar()
    if agent_id is None:
        connection.execute(insert(Agent).values(name=name, role=role))
    else:
        connection.execute(update(Agent).where(Agent.id == agent_id).values(role=role))


def _server_only(connection: Connection) -> None:
    if connection.dialect.name != "postgresql":
        raise ValidationError(
            tr(
                "Roles and logins live on a PostgreSQL server; a workspace file has one "
                "local user with every role."
            )
        )
