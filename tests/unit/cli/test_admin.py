"""``slaworkbench admin``: roles and logins are a server's; a workspace file says so."""

from __future__ import annotations

from pathlib import Path

import pytest

from slaworkbench.cli.main import main
from slaworkbench.store.workspace import open_workspace


@pytest.mark.parametrize(
    "command", [["init-roles"], ["add-user", "ana", "--role", "agent", "--no-password"]]
)
def test_admin_on_a_workspace_file_is_refused_with_a_sentence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    path = tmp_path / "w.sqlite3"
    open_workspace(str(path)).close()
    assert main(["admin", *command, "--database", str(path)]) == 1
    assert capsys.readouterr().err.strip() == (
        "slaworkbench: Roles and logins live on a PostgreSQL server; a workspace file has one "
        "local user with every role."
    )
