"""Roles on a real PostgreSQL server, enforced three times: an agent cannot change a
policy through the services, the window, or with the agent's own database login (the
``psql`` equivalent, psycopg); a manager can, and nobody can rewrite a policy version.
Skipped without ``SLAWORKBENCH_TEST_POSTGRES`` (CI always has a server)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu
from pytestqt.qtbot import QtBot
from sqlalchemy import create_engine, func, select
from sqlalchemy.engine import make_url

from slaworkbench.app.agreements.editing import record_review, save_agreement, save_service
from slaworkbench.app.permissions import Role, role_of
from slaworkbench.app.policies.saving import PolicyEdit, save_calendar, save_policy
from slaworkbench.app.recompute.run import recompute
from slaworkbench.app.tickets.actions import NewTicket, agent_reply, create_ticket
from slaworkbench.cli.main import main
from slaworkbench.domain.calendar.business import BusinessCalendar
from slaworkbench.domain.model import Metric, Priority
from slaworkbench.store import roles
from slaworkbench.store.errors import PermissionRefusedError
from slaworkbench.store.policies.versions import list_policies, list_policy_versions
from slaworkbench.store.roles import add_user, init_roles
from slaworkbench.store.schema import TicketEvent
from slaworkbench.store.seed import STANDARD_POLICY
from slaworkbench.store.workspace import Workspace, open_workspace, upgrade
from slaworkbench.ui.changes import ChangeNotice
from slaworkbench.ui.policy.workspace_widget import PolicyWorkspaceWidget
from slaworkbench.ui.tasks import TaskRunner
from slaworkbench.ui.window.main_window import MainWindow
from tests.support.engines import needs_postgres, postgres_database

pytestmark = [
    needs_postgres,
    pytest.mark.qt_log_ignore(
        "does not support propagateSizeHints", "does not support raise", "grabbing the keyboard"
    ),
]
NOW = 1_790_000_000
AGENT_TERMS: dict[str, Any] = {
    "name": "Acme support",
    "customer": "Acme",
    "valid_from": "2026-01-01",
    "valid_to": None,
    "policy": STANDARD_POLICY,
}
"""An agreement for the agent's window to show (the seeded workspace's policy)."""


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


def _menu_action(window: QMainWindow, menu_title: str, text: str) -> QAction:
    """The action ``text`` of the menu bar's menu ``menu_title``, as a person finds it."""
    for entry in window.menuBar().actions():
        menu = entry.menu()
        if isinstance(menu, QMenu) and entry.text().replace("&", "") == menu_title:
            for action in menu.actions():
                if action.text().replace("&", "") == text:
                    return action
    raise AssertionError(f"no {menu_title} › {text}")


def _open_tab(qtbot: QtBot, window: MainWindow, title: str) -> None:
    bar = window.tabs.tabBar()
    index = next(i for i in range(bar.count()) if bar.tabText(i) == title)
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert window.tabs.currentIndex() == index


def test_an_agent_window_offers_ticket_work_and_nothing_a_manager_does(
    qtbot: QtBot, team: dict[str, str], tmp_path: Path
) -> None:
    with open_workspace(team["agent"], create=False) as ws:
        ticket = create_ticket(ws, NewTicket("VPN down", customer="Acme"), author="agent", now=NOW)
    with open_workspace(team["owner"], create=False) as owner:
        save_agreement(owner, None, AGENT_TERMS, author="owner", now=NOW)
        save_service(owner, None, name="Portal", availability_target=0.999, customers=["Acme"])
    with open_workspace(team["agent"], create=False) as ws:
        settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(ws, TaskRunner(synchronous=True), clock=lambda: NOW + 60,
                            settings=settings, watch_interval_ms=3_600_000,
                            listen_for_changes=False)  # fmt: skip
        qtbot.addWidget(window)
        window.show()
        try:
            assert not _menu_action(window, "File", "Import…").isEnabled()
            assert not _menu_action(window, "Tools", "Re-baseline every ticket…").isEnabled()

            _open_tab(qtbot, window, "Policies and calendars")
            policies = window.policies
            assert not policies.editor.save_button.isEnabled()
            assert not policies.editor.import_button.isEnabled()
            assert not policies.calendars.save_button.isEnabled()
            assert not policies.calendars.import_button.isEnabled()

            _open_tab(qtbot, window, "Agreements")
            page = window.agreements
            qtbot.waitUntil(lambda: page.agreement_list.count() == 1)
            rect = page.agreement_list.visualItemRect(page.agreement_list.item(0))
            qtbot.mouseClick(
                page.agreement_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center()
            )
            qtbot.waitUntil(lambda: page.editor.name.text() == AGENT_TERMS["name"])
            assert not page.editor.save_button.isEnabled()
            assert not page.reviews.record_button.isEnabled()
            assert not page.imports.outage_button.isEnabled()
            assert page.imports.survey_button.isEnabled()  # agents log survey answers
            outages = page.outages
            assert outages.service_list.count() == 1
            rect = outages.service_list.visualItemRect(outages.service_list.item(0))
            qtbot.mouseClick(
                outages.service_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center()
            )
            for button in (
                outages.save_service_button,
                outages.save_outage_button,
                outages.delete_outage_button,
            ):
                assert not button.isEnabled(), button.text()

            # ... while ticket work goes on: reply to the ticket from the detail pane.
            _open_tab(qtbot, window, "Tickets")
            model, table = window.tickets.model, window.tickets.table
            qtbot.waitUntil(lambda: model.position_of(ticket) is not None)
            cell = table.visualRect(model.index(model.position_of(ticket) or 0, 1))
            qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=cell.center())
            qtbot.waitUntil(lambda: window.tickets.detail.is_complete())
            actions = window.tickets.detail.ticket_actions
            qtbot.keyClicks(actions.compose, "Looking into it")
            qtbot.mouseClick(actions.reply_button, Qt.MouseButton.LeftButton)
            with ws.session() as session:
                replies = session.execute(
                    select(func.count()).where(
                        TicketEvent.ticket_id == ticket, TicketEvent.type == "agent_reply"
                    )
                ).scalar_one()
            assert replies == 1
        finally:
            window.shutdown()


def test_an_agent_cannot_change_services_outages_or_reviews_through_the_services(
    team: dict[str, str],
) -> None:
    with open_workspace(team["owner"], create=False) as owner:
        create_ticket(owner, NewTicket("VPN down", customer="Acme"), author="owner", now=NOW)
        agreement_id, _ = save_agreement(owner, None, AGENT_TERMS, author="owner", now=NOW)
    with open_workspace(team["agent"], create=False) as ws:
        with pytest.raises(PermissionRefusedError, match="may not save a service"):
            save_service(ws, None, name="Portal", availability_target=0.999)
        with pytest.raises(PermissionRefusedError, match="may not record an agreement review"):
            record_review(ws, agreement_id, reviewer="agent", outcome="fine")


def test_an_upgrade_grants_the_team_its_privileges_on_what_the_upgrade_added(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A team workspace made at 0017 (before the answers' rollup, 0019), roles set up
    there, then opened by a newer program: the agents may at once write what 0019 added,
    without anyone running ``init-roles`` again."""
    name = f"agent_{uuid.uuid4().hex[:8]}"
    with postgres_database(seeded=False) as url:
        engine = create_engine(url)
        try:
            with engine.begin() as connection, monkeypatch.context() as old_program:
                upgrade(connection, "0017")
                # What `admin init-roles` granted before 0019 (no first response yet).
                old_program.setitem(roles._AGENT_WRITES, "survey_answers", "SELECT, INSERT")
                init_roles(connection)
                add_user(connection, name, "agent", None)
        finally:
            engine.dispose()
        try:
            as_agent = login_url(url, name)
            assert not _may_write_answers(as_agent)  # 0017 has no answer rollup yet
            open_workspace(url, create=False).close()  # the owner's desktop upgrades it
            assert _may_write_answers(as_agent)
            with open_workspace(as_agent, create=False) as ws:
                assert role_of(ws) is Role.AGENT
        finally:
            dsn = make_url(url).set(drivername="postgresql").render_as_string(False)
            with psycopg.connect(dsn) as connection:
                connection.execute(f'DROP ROLE IF EXISTS "{name}"')


def _may_write_answers(url: str) -> bool:
    """Whether ``url``'s login may keep the answers' rollup and first responses."""
    dsn = make_url(url).set(drivername="postgresql").render_as_string(False)
    with psycopg.connect(dsn) as connection:
        row = connection.execute(
            "SELECT to_regclass('answer_rollup') IS NOT NULL"
            " AND has_table_privilege('answer_rollup', 'INSERT, UPDATE, DELETE')"
            " AND has_column_privilege('survey_answers', 'first_response', 'UPDATE')"
        ).fetchone()
    return bool(row and row[0])
