"""Who may do what: agent (works tickets), manager (also policies, calendars, agreements,
re-baselines, imports), admin (also users and roles).

The acting person's role is the workspace's (``store.roles.login_role``): on SQLite the
one local user has every role; on a PostgreSQL server it is the role the database login
was given by ``slaworkbench admin add-user`` (the login that owns the workspace, which ran
``admin init-roles``, is its admin). The database refuses the same things through grants,
so a check here is the sentence a person sees before the server would refuse.
"""

from __future__ import annotations

from enum import IntEnum

from slaworkbench.i18n import tr
from slaworkbench.store.errors import PermissionRefusedError
from slaworkbench.store.roles import login_role
from slaworkbench.store.workspace import Workspace


class Role(IntEnum):
    """Each role may do everything the ones below it may."""

    AGENT = 1
    MANAGER = 2
    ADMIN = 3

    @property
    def label(self) -> str:
        return {Role.AGENT: tr("agent"), Role.MANAGER: tr("manager"), Role.ADMIN: tr("admin")}[self]


def role_of(workspace: Workspace) -> Role:
    """The acting person's role in ``workspace`` (asked once per open workspace)."""
    cached = workspace.info.get("role")
    if cached is None:
        with workspace.session() as session:  # a server gone: the one sentence
            cached = workspace.info["role"] = login_role(session.connection())
    return Role[str(cached).upper()]


def may(workspace: Workspace, needed: Role) -> bool:
    return role_of(workspace) >= needed


def require(workspace: Workspace, needed: Role, action: str) -> None:
    """Refuse with a sentence when the acting role is below ``needed``; ``action`` says
    what was refused ("save a policy")."""
    role = role_of(workspace)
    if role < needed:
        raise PermissionRefusedError(
            tr("Your role ({role}) may not {action}; a {needed} can. Nothing was changed.").format(
                role=role.label, action=action, needed=needed.label
            )
        )
