"""Two processes on one server: a reply written by another process appears in this
window's open list within 2 s — told by PostgreSQL's NOTIFY (the polling timer set to an
hour, so only the notification can bring it), and with listening switched off (the
change counter polled every second)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from slaworkbench.app.tickets.actions import NewTicket, create_ticket
from slaworkbench.domain.model import Status
from slaworkbench.store.workspace import Workspace, open_workspace
from tests.support.live_window import close_window, open_window

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")
T0 = 1_790_000_000
SRC = Path(__file__).resolve().parents[3] / "src"

REPLY = textwrap.dedent(
    """
    import sys
    from slaworkbench.app.tickets.actions import agent_reply
    from slaworkbench.domain.model import Status
    from slaworkbench.store.schema import Ticket
    from slaworkbench.store.workspace import open_workspace

    url, ticket_id = sys.argv[1], int(sys.argv[2])
    with open_workspace(url, create=False) as ws:
        with ws.session() as session:
            version = session.get(Ticket, ticket_id).version
        agent_reply(ws, ticket_id, "We are on it.", author="Other desk",
                    expected_version=version, status=Status.PENDING, now=1790000100)
    """
)


def reply_from_another_process(url: str, ticket_id: int) -> None:
    env = dict(os.environ, PYTHONPATH=str(SRC))
    subprocess.run(
        [sys.executable, "-c", REPLY, url, str(ticket_id)], check=True, env=env, timeout=120
    )


def listed_status(window: Any, ticket_id: int) -> Status | None:
    model = window.tickets.model
    for position in range(model.rowCount()):
        row = model.row_at(position)
        if row is not None and row.id == ticket_id:
            return Status(row.status)
    return None


@pytest.fixture
def server_workspace(scratch_server_url: str) -> Any:
    ws = open_workspace(scratch_server_url)
    yield ws
    ws.close()


def ticket_in(ws: Workspace) -> int:
    return create_ticket(ws, NewTicket(subject="Printer on fire"), author="t", now=T0 - 600)


@pytest.mark.parametrize(
    ("listen", "interval_ms"), [(True, 3_600_000), (False, 1000)], ids=["notify", "polling"]
)
def test_another_process_s_reply_appears_in_the_open_list(
    qtbot: Any, tmp_path: Path, server_workspace: Workspace, listen: bool, interval_ms: int
) -> None:
    ticket_id = ticket_in(server_workspace)
    window = open_window(
        qtbot, server_workspace, tmp_path, now=T0, watch_interval_ms=interval_ms,
        listen_for_changes=listen, ready=lambda win: listed_status(win, ticket_id) == Status.NEW,
    )  # fmt: skip
    try:
        assert window.listener.listening is listen
        if listen:  # the listening connection is open before the other process writes
            qtbot.waitUntil(lambda: window.listener.connected, timeout=10_000)
        reply_from_another_process(server_workspace.url, ticket_id)
        qtbot.waitUntil(lambda: listed_status(window, ticket_id) == Status.PENDING, timeout=2000)
    finally:
        close_window(window)
