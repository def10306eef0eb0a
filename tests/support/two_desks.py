"""A workspace with two policies a priority change moves a ticket between: the standard
policy counting around the clock, and an "Urgent desk" tried first for urgent tickets
with half its targets. Used by the stopped-verdict tests."""

from __future__ import annotations

import shutil
from pathlib import Path

from sqlalchemy import insert

from slaworkbench.app.policies.saving import PolicyEdit, save_policy
from slaworkbench.domain.policy import policy_to_dict
from slaworkbench.store.policies.versions import list_policies, load_active_policies
from slaworkbench.store.schema import Agent, Ticket
from slaworkbench.store.seed import standard_policy_spec
from slaworkbench.store.workspace import Workspace, open_workspace
from tests.support.engines import clone_at, kept_database, redirected_to_server

URGENT_DESK = "Urgent desk"


def build_two_desks(path: Path | str) -> None:
    """Write the workspace at ``path`` (a file, or a server database's URL)."""
    with open_workspace(str(path)) as ws:
        with ws.session() as session:
            (standard,) = list_policies(session)
        spec = standard_policy_spec()
        save_policy(ws, PolicyEdit(standard.id, spec, "24/7"), author="t", reason="24/7")
        urgent = dict(spec, name=URGENT_DESK, conditions={"priorities": ["urgent"]})
        urgent["targets"] = {
            priority: {metric: seconds // 2 for metric, seconds in per.items()}
            for priority, per in spec["targets"].items()
        }
        save_policy(ws, PolicyEdit(None, urgent, "24/7", position=0), author="t", reason="u")
        with ws.session(write=True) as session:
            session.execute(insert(Agent), [{"name": "Ana", "role": "agent"}])


_KEPT: list[str] = []
"""The two desks on the test server, built once per process (``kept_database``)."""


def two_desks_at(template: Path, path: Path) -> None:
    """The two desks' workspace at ``path``: a copy of the file ``template`` (built once),
    or, where the path opens a server database (a ``[postgresql]`` run of the engine
    suites), a clone of a database built once per process."""
    if redirected_to_server():
        if not _KEPT:
            _KEPT.append(kept_database(build_two_desks))
        clone_at(path, _KEPT[0])
    else:
        shutil.copy(template, path)


def ticket_version(ws: Workspace, ticket_id: int) -> int:
    """The lock version an action on the ticket must name."""
    with ws.session() as session:
        row = session.get(Ticket, ticket_id)
        assert row is not None
        return row.version


def scaled_edit(ws: Workspace, name: str, factor: float) -> PolicyEdit:
    """The edit that saves policy ``name`` with every target times ``factor``."""
    with ws.session() as session:
        (policy,) = [p for p in load_active_policies(session) if p.name == name]
        info = next(i for i in list_policies(session) if i.id == policy.id)
    spec = policy_to_dict(policy)
    spec["targets"] = {
        priority: {metric: max(60, int(seconds * factor)) for metric, seconds in per.items()}
        for priority, per in spec["targets"].items()
    }
    return PolicyEdit(policy.id, spec, policy.calendar.name, lock_version=info.lock_version)
