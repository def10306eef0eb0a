"""The evaluation order of policies: where a new policy goes, reordering, switching on/off.

The first active policy whose conditions match a ticket applies (docs/SLA_SEMANTICS.md),
so a policy placed after a *catch-all* (an active policy without conditions) can never
apply. A new policy therefore goes before the first catch-all unless the user says
otherwise. Each write here is one transaction and returns what it changed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from slaworkbench.app.changes import Changes
from slaworkbench.app.permissions import Role, require
from slaworkbench.app.policies.lint import is_catch_all
from slaworkbench.domain.policy import Policy
from slaworkbench.i18n import tr
from slaworkbench.store.policies import versions
from slaworkbench.store.policies.editing import load_policies_in_order
from slaworkbench.store.workspace import Workspace


@dataclass(frozen=True, slots=True)
class OrderEntry:
    """One policy as the "where does the new policy go" choice shows it."""

    id: int
    name: str
    active: bool
    catch_all: bool
    """Active and without conditions: takes every ticket that reaches it."""


def order_entries(policies: Sequence[Policy]) -> list[OrderEntry]:
    return [
        OrderEntry(p.id, p.name, p.active, p.active and is_catch_all(p.conditions))
        for p in policies
    ]


def read_order(session: Session) -> list[OrderEntry]:
    """Every policy in evaluation order, saying which ones are catch-alls."""
    return order_entries(load_policies_in_order(session))


def default_position(entries: Sequence[OrderEntry]) -> int:
    """Where a new policy goes unless told: before the first catch-all, else last."""
    return next((index for index, entry in enumerate(entries) if entry.catch_all), len(entries))


def place_policy(session: Session, policy_id: int, position: int) -> None:
    """Move ``policy_id`` to ``position`` (0 = tried first) in the caller's transaction."""
    ids = [info.id for info in versions.list_policies(session) if info.id != policy_id]
    position = max(0, min(position, len(ids)))
    versions.reorder_policies(session, [*ids[:position], policy_id, *ids[position:]])


def reorder_policies(workspace: Workspace, ordered_ids: Sequence[int]) -> Changes:
    """Set the evaluation order (every policy id exactly once)."""
    require(workspace, Role.MANAGER, tr("change the order of the policies"))
    with workspace.session(write=True) as session:
        versions.reorder_policies(session, list(ordered_ids))
    return Changes(policies=True)


def set_policy_active(
    workspace: Workspace, policy_id: int, active: bool, *, expected_version: int | None
) -> Changes:
    """Switch a policy on or off; refused when someone changed it since it was read."""
    require(workspace, Role.MANAGER, tr("switch a policy on or off"))
    with workspace.session(write=True) as session:
        versions.set_policy_active(session, policy_id, active, expected_version=expected_version)
    return Changes(policies=True)
