"""Saving what the policy and calendar editors show: one write transaction per save.

- ``save_policy``: a new immutable version of a policy (or a new policy, placed where the
  user put it in the evaluation order), with its on/off switch;
- ``import_policy_file``: a checked policy file saved as a new version; a new policy
  goes before the first catch-all, like one made in the editor;
- ``save_calendar``: a calendar as edited, renamed when its name changed.

Each returns what it changed (``Changes``) for the window's change notice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from slaworkbench.app.changes import Changes
from slaworkbench.app.permissions import Role, require
from slaworkbench.app.policies.files import PolicyFile, import_policy
from slaworkbench.app.policies.ordering import default_position, place_policy, read_order
from slaworkbench.domain.calendar.business import BusinessCalendar
from slaworkbench.i18n import tr
from slaworkbench.store.policies import calendars, versions
from slaworkbench.store.policies.editing import rename_calendar
from slaworkbench.store.workspace import Workspace


@dataclass(frozen=True, slots=True)
class PolicyEdit:
    """A policy as the editor shows it, and what the editor started from."""

    policy_id: int | None
    """``None``: a new policy."""
    spec: Mapping[str, Any]
    """``policy_to_dict`` form; ``spec["active"]`` is the on/off switch."""
    calendar_name: str
    review_date: dt.date | None = None
    owner: str | None = None
    lock_version: int | None = None
    """The ``PolicyInfo.lock_version`` the editor loaded (refuses a concurrent edit)."""
    position: int | None = None
    """A new policy's place in the evaluation order (0 = tried first); ``None``: before
    the first catch-all. Ignored for an existing policy."""


@dataclass(frozen=True, slots=True)
class SavedPolicy:
    policy_id: int
    changes: Changes


def save_policy(workspace: Workspace, edit: PolicyEdit, *, author: str, reason: str) -> SavedPolicy:
    """Write ``edit`` as a new version; nothing is written when it raises."""
    require(workspace, Role.MANAGER, tr("save a policy"))
    with workspace.session(write=True) as session:
        order = read_order(session)
        version_id = versions.save_policy_version(
            session,
            edit.policy_id,
            edit.spec,
            calendar_name=edit.calendar_name,
            author=author,
            reason=reason,
            review_date=edit.review_date,
            owner=edit.owner,
            expected_version=edit.lock_version,
        )
        policy_id = versions.load_policy_version(session, version_id).id
        active = bool(edit.spec.get("active", True))
        if edit.policy_id is None:
            position = default_position(order) if edit.position is None else edit.position
            place_policy(session, policy_id, position)
        if next(i for i in versions.list_policies(session) if i.id == policy_id).active != active:
            versions.set_policy_active(session, policy_id, active, author=author)
    return SavedPolicy(policy_id, Changes(policies=True))


def import_policy_file(
    workspace: Workspace, file: PolicyFile, *, author: str, reason: str
) -> SavedPolicy:
    """Save a checked policy file (see ``files.import_policy``) in one transaction."""
    require(workspace, Role.MANAGER, tr("import a policy"))
    with workspace.session(write=True) as session:
        order = read_order(session)
        known = {entry.id for entry in order}
        had_calendar = file.calendar.name in {c.name for c in calendars.list_calendars(session)}
        version_id = import_policy(session, file, author=author, reason=reason)
        policy_id = versions.load_policy_version(session, version_id).id
        if policy_id not in known:
            place_policy(session, policy_id, default_position(order))
    return SavedPolicy(policy_id, Changes(policies=True, calendars=not had_calendar))


def save_calendar(
    workspace: Workspace,
    calendar: BusinessCalendar,
    *,
    original_name: str | None,
    author: str,
    expected_version: int | None = None,
) -> Changes:
    """Write the calendar (renaming the one it was loaded from when the name changed);
    ``expected_version`` is the ``CalendarInfo.lock_version`` the editor loaded (a
    calendar saved by someone else since is refused, ``StaleCalendarError``)."""
    require(workspace, Role.MANAGER, tr("save a calendar"))
    with workspace.session(write=True) as session:
        if original_name is not None and original_name != calendar.name:
            rename_calendar(session, original_name, calendar.name)
        calendars.save_calendar(session, calendar, author, expected_version=expected_version)
    return Changes(calendars=True)
