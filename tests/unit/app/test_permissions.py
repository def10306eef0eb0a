"""Roles in the services: on a workspace file the one local user has every role; a role
below the one needed is refused with a sentence and nothing is written."""

from __future__ import annotations

from pathlib import Path

import pytest

from slaworkbench.app.importing.run import import_ticket_csv
from slaworkbench.app.permissions import Role, may, require, role_of
from slaworkbench.app.policies.ordering import reorder_policies
from slaworkbench.store.errors import PermissionRefusedError
from slaworkbench.store.policies.versions import list_policies
from slaworkbench.store.workspace import open_workspace


def test_a_workspace_file_has_one_user_with_every_role(tmp_path: Path) -> None:
    with open_workspace(str(tmp_path / "w.sqlite3")) as ws:
        assert role_of(ws) is Role.ADMIN
        assert may(ws, Role.MANAGER)
        require(ws, Role.ADMIN, "manage users")


def test_an_agent_is_refused_manager_work_and_nothing_changes(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("id,created\nT-1,2026-09-01T08:00:00+00:00\n", encoding="utf-8")
    with open_workspace(str(tmp_path / "w.sqlite3")) as ws:
        ws.info["role"] = "agent"  # as a server login in the agent group would be
        with ws.session() as session:
            order = [info.id for info in list_policies(session)]
        with pytest.raises(PermissionRefusedError) as refused:
            reorder_policies(ws, list(reversed(order)))
        assert str(refused.value) == (
            "Your role (agent) may not change the order of the policies; a manager can. "
            "Nothing was changed."
        )
        with pytest.raises(PermissionRefusedError, match="may not import tickets"):
            import_ticket_csv(ws, path)
        with ws.session() as session:
            assert [info.id for info in list_policies(session)] == order
        assert ws.is_empty()
