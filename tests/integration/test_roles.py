"""Roles on a real PostgreSQL server, enforced three times: an agent cannot change a
policy through the services, the window, or with the agent's own database login (the
``psql`` equivalent, psycopg); a manager can, and nobody can rewrite a policy version.
Skipped without ``SLAWORKBENCH_TEST_POSTGRES`` (CI always has a server)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import psycopg
import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy.engine import make_url

from slaworkbench.app.permissions import Role, role_of
from slaworkbench.app.policies.saving import PolicyEdit, save_calendar, save_policy
from slaworkbench.app.recompute.run import recompute
from slaworkbench.app.tickets.actions import NewTicket, agent_reply, create_ticket
from slaworkbench.cli.main import main
from slaworkbench.domain.calendar.business import BusinessCalendar
from slaworkbench.domain.model import Metric, Priority
from slaworkbench.store.errors import PermissionRefusedError
from slaworkbench.store.policies.versions import list_policies, list_policy_versions
from slaworkbench.store.workspace import Workspace, open_workspace
from slaworkbench.ui.changes import ChangeNotice
from slaworkbench.ui.policy.workspace_widget import PolicyWorkspaceWidget
from slaworkbench.ui.tasks import TaskRunner
from tests.support.engines import needs_postgres

pytestmark = needs_postgres
NOW = 1_790_000_000


def login_url(url: str, name: str) -> str:
    """The workspace's URL as ``name`` (the throw-away server trusts loopback logins)."""
    return make_url(url).set(username=name, password=None).render_as_string(hide_password=False)


@pytest.fixture
def team(postgres_url: str) -> Iterator[dict[str, str]]:
    """The workspace with its group roles, an agent login and a manager login."""
    suffix = uuid.uuid4().hex[:8]
    people = {"agent": f"agent_{suffix}", "manager": f"manager_{suffix}"}
    assert main(["admin", "init-roles", "--database", postgres_url]) == 0
    for role, name in people.items():
        command = ["admin", "add-user", name, "--role", role, "--no-password"]
        assert main([*command, "--database", postgres_url]) == 0
    yield {role: login_url(postgres_url, name) for role, name in people.items()} | {
        "owner": postgres_url
    }
    with psycopg.connect(make_url(postgres_url).set(drivername="postgresql").render_as_string(
        hide_password=False
    )) as connection:  # fmt: skip
        for name in people.values():
            connection.execute(f'DROP ROLE IF EXISTS "{name}"')


def _edit(ws: Workspace) -> PolicyEdit:
    with ws.session() as session:
        info = next(info for info in list_policies(session) if info.active)
        [current, *_] = list_policy_versions(session, info.id)
    spec = dict(current.spec)
    spec["targets"] = {p: {**t, "first_response": 600} for p, t in spec["targets"].items()}
    return PolicyEdit(info.id, spec, current.calendar_name, lock_version=info.lock_version)


def _versions(ws: Workspace) -> int:
    with ws.session() as session:
        return sum(len(list_policy_versions(session, i.id)) for i in list_policies(session))


def test_the_logins_have_their_roles(team: dict[str, str]) -> None:
    for who, role in (("agent", Role.AGENT), ("manager", Role.MANAGER), ("owner", Role.ADMIN)):
        with open_workspace(team[who], create=False) as ws:
            assert role_of(ws) is role


def test_an_agent_cannot_change_a_policy_through_the_services(team: dict[str, str]) -> None:
    with open_workspace(team["agent"], create=False) as ws:
        before = _versions(ws)
        with pytest.raises(PermissionRefusedError, match=r"Your role \(agent\) may not save a"):
            save_policy(ws, _edit(ws), author="agent", reason="faster")
        calendar = BusinessCalendar.always_open()
        with pytest.raises(PermissionRefusedError, match="may not save a calendar"):
            save_calendar(ws, calendar, original_name=calendar.name, author="agent")
        with pytest.raises(PermissionRefusedError, match="may not re-baseline"):
            recompute(ws, only_open=False, author="agent", reason="x")
        assert _versions(ws) == before
        # ... but works tickets: a new ticket, a reply, and the open tickets' recompute.
        ticket = create_ticket(ws, NewTicket("VPN down"), author="agent", now=NOW)
        agent_reply(ws, ticket, "Looking", author="agent", expected_version=1, now=NOW + 60)
        assert recompute(ws, now=NOW + 120).tickets >= 1


def test_a_manager_can_change_a_policy(team: dict[str, str]) -> None:
    with open_workspace(team["manager"], create=False) as ws:
        before = _versions(ws)
        save_policy(ws, _edit(ws), author="manager", reason="faster")
        assert _versions(ws) == before + 1


def test_an_agent_cannot_change_a_policy_through_the_window(
    qtbot: QtBot, team: dict[str, str]
) -> None:
    with open_workspace(team["agent"], create=False) as ws:
        widget = PolicyWorkspaceWidget(
            ws, TaskRunner(synchronous=True), notice=ChangeNotice(), author="agent"
        )
        qtbot.addWidget(widget)
        editor = widget.editor
        assert editor.policy_id() is not None
        edit = editor.target_edits[(Priority.URGENT, Metric.FIRST_RESPONSE)]
        edit.clear()
        qtbot.keyClicks(edit, "10m")
        assert not editor.save_button.isEnabled()
        assert not editor.import_button.isEnabled()
        assert not widget.calendars.save_button.isEnabled()
        assert not widget.calendars.import_button.isEnabled()


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE policies SET active = false",
        "INSERT INTO policy_versions (policy_id, version, created_at, author, calendar_id, spec)"
        " SELECT policy_id, version + 100, created_at, 'agent', calendar_id, spec"
        " FROM policy_versions",
        "UPDATE policy_versions SET spec = '{}'",
        "DELETE FROM policy_versions",
        "UPDATE calendars SET timezone = 'UTC'",
    ],
)
def test_an_agent_login_cannot_change_a_policy_with_sql(
    team: dict[str, str], statement: str
) -> None:
    dsn = make_url(team["agent"]).set(drivername="postgresql").render_as_string(False)
    with psycopg.connect(dsn) as connection, pytest.raises(psycopg.errors.InsufficientPrivilege):
        connection.execute(statement)


def test_nobody_may_rewrite_a_policy_version_not_even_a_manager(team: dict[str, str]) -> None:
    dsn = make_url(team["manager"]).set(drivername="postgresql").render_as_string(False)
    with psycopg.connect(dsn) as connection:
        for statement in ("UPDATE policy_versions SET spec = '{}'", "DELETE FROM policy_versions"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege), connection.transaction():
                connection.execute(statement)
