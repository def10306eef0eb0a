"""Policies in the store: immutable policy versions, ordering, activation.

Saving a policy never updates a version row: it inserts version n+1 and points the
policy at it. Every function takes the caller's ``Session`` (one transaction per use
case) and returns plain dataclasses or domain objects, never ORM rows. Calendars live in
``store.calendars``; their functions are re-exported here.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from slaworkbench.domain.calendar.business import BusinessCalendar
from slaworkbench.domain.policy import Policy, policy_from_dict, policy_to_dict
from slaworkbench.i18n import tr
from slaworkbench.store.agreements.calendars import overrides_fingerprint, with_customer_calendars
from slaworkbench.store.errors import NotFoundError, StalePolicyError, ValidationError
from slaworkbench.store.policies.calendars import CalendarCache
from slaworkbench.store.schema import Calendar
from slaworkbench.store.schema import Policy as PolicyRow
from slaworkbench.store.schema import PolicyVersion as PolicyVersionRow


@dataclass(frozen=True, slots=True)
class PolicyInfo:
    id: int
    name: str
    position: int
    active: bool
    current_version_id: int | None
    current_version: int | None
    lock_version: int
    """Pass back as ``expected_version`` to detect concurrent edits."""


@dataclass(frozen=True, slots=True)
class PolicyVersionInfo:
    id: int
    policy_id: int
    version: int
    created_at: int
    author: str
    reason: str
    calendar_id: int
    calendar_name: str
    spec: Mapping[str, Any]
    review_date: dt.date | None
    owner: str | None


def save_policy_version(
    session: Session,
    policy_id: int | None,
    spec: Policy | Mapping[str, Any],
    *,
    calendar_name: str,
    author: str,
    reason: str = "",
    review_date: dt.date | None = None,
    owner: str | None = None,
    expected_version: int | None = None,
    now: int | None = None,
) -> int:
    """Save a new immutable version of a policy (a new policy when ``policy_id`` is None).

    ``spec`` is a ``Policy`` or its ``policy_to_dict`` form (targets may be duration
    text); it is checked against the named calendar before anything is written.
    ``expected_version`` is the ``PolicyInfo.lock_version`` the editor started from.
    Returns the id of the new version.
    """
    if not author.strip():
        raise ValidationError(tr("Say who is saving the policy: the author cannot be empty."))
    data = policy_to_dict(spec) if isinstance(spec, Policy) else dict(spec)
    calendar_row = session.execute(
        select(Calendar.id, Calendar.spec).where(Calendar.name == calendar_name)
    ).first()
    if calendar_row is None:
        raise ValidationError(
            tr("There is no calendar named “{name}”; create it or pick another.").format(
                name=calendar_name
            )
        )
    calendar = BusinessCalendar.from_dict(json.loads(calendar_row.spec))
    data["calendar"] = calendar_name
    try:
        checked = policy_from_dict(data, lambda _name: calendar)
    except ValueError as error:
        raise ValidationError(str(error)) from error
    return store_policy_version(
        session,
        policy_id,
        policy_to_dict(checked),
        calendar_id=int(calendar_row.id),
        author=author.strip(),
        reason=reason,
        review_date=review_date,
        owner=owner,
        expected_version=expected_version,
        now=now,
    )


def store_policy_version(
    session: Session,
    policy_id: int | None,
    spec: Mapping[str, Any],
    *,
    calendar_id: int,
    author: str,
    reason: str = "",
    review_date: dt.date | None = None,
    owner: str | None = None,
    expected_version: int | None = None,
    now: int | None = None,
) -> int:
    """Write an already checked policy spec as a new version (see ``save_policy_version``)."""
    name = str(spec["name"]).strip()
    clash = session.execute(
        select(PolicyRow.id).where(PolicyRow.name == name, PolicyRow.id != (policy_id or -1))
    ).scalar()
    if clash is not None:
        raise ValidationError(
            tr("A policy named “{name}” already exists; choose another name.").format(name=name)
        )
    if policy_id is None:
        position = session.execute(select(func.coalesce(func.max(PolicyRow.position), 0))).scalar()
        policy_id = session.execute(
            insert(PolicyRow)
            .values(
                name=name, position=int(position or 0) + 1, active=bool(spec.get("active", True))
            )
            .returning(PolicyRow.id)
        ).scalar_one()
        number = 1
    else:
        _lock_policy(session, policy_id, expected_version, author=author, now=now)
        latest = session.execute(
            select(func.max(PolicyVersionRow.version)).where(
                PolicyVersionRow.policy_id == policy_id
            )
        ).scalar()
        number = int(latest or 0) + 1
    stored = {
        key: value for key, value in spec.items() if key not in ("id", "version", "version_id")
    }
    version_id = session.execute(
        insert(PolicyVersionRow)
        .values(
            policy_id=policy_id,
            version=number,
            created_at=int(time.time()) if now is None else now,
            author=author,
            reason=reason,
            calendar_id=calendar_id,
            spec=json.dumps(stored, sort_keys=True),
            review_date=review_date,
            owner=owner,
        )
        .returning(PolicyVersionRow.id)
    ).scalar_one()
    session.execute(
        update(PolicyRow)
        .where(PolicyRow.id == policy_id)
        .values(
            name=name,
            current_version_id=version_id,
            changed_by=author,
            changed_at=int(time.time()) if now is None else now,
        )
    )
    return int(version_id)


def _lock_policy(
    session: Session,
    policy_id: int,
    expected_version: int | None,
    *,
    author: str | None = None,
    now: int | None = None,
) -> str:
    """Claim the policy for this write: bump its version only if it is still
    ``expected_version`` (a compare-and-set, so of two saves from the same version on two
    desktops exactly one wins, and on PostgreSQL the row lock orders them), recording who
    and when. A stale claim raises ``StalePolicyError`` naming who changed it."""
    claim = update(PolicyRow).where(PolicyRow.id == policy_id)
    if expected_version is not None:
        claim = claim.where(PolicyRow.version == expected_version)
    values: dict[str, Any] = {"version": PolicyRow.version + 1}
    if author is not None:
        values["changed_by"] = author
        values["changed_at"] = int(time.time()) if now is None else now
    claimed = session.execute(claim.values(**values)).rowcount  # type: ignore[attr-defined]
    row = session.execute(
        select(PolicyRow.name, PolicyRow.changed_by, PolicyRow.changed_at).where(
            PolicyRow.id == policy_id
        )
    ).first()
    if row is None:
        raise NotFoundError(
            tr("Policy #{id} no longer exists; reload the list of policies.").format(id=policy_id)
        )
    if claimed != 1:
        raise StalePolicyError(row.name, row.changed_by, row.changed_at)
    return str(row.name)


def list_policies(session: Session) -> list[PolicyInfo]:
    rows = session.execute(
        select(
            PolicyRow.id,
            PolicyRow.name,
            PolicyRow.position,
            PolicyRow.active,
            PolicyRow.current_version_id,
            PolicyVersionRow.version,
            PolicyRow.version,
        )
        .outerjoin(PolicyVersionRow, PolicyVersionRow.id == PolicyRow.current_version_id)
        .order_by(PolicyRow.position, PolicyRow.id)
    )
    return [PolicyInfo(*row) for row in rows]


def list_policy_versions(session: Session, policy_id: int) -> list[PolicyVersionInfo]:
    """Every version of a policy, newest first."""
    rows = session.execute(
        select(PolicyVersionRow, Calendar.name)
        .join(Calendar, Calendar.id == PolicyVersionRow.calendar_id)
        .where(PolicyVersionRow.policy_id == policy_id)
        .order_by(PolicyVersionRow.version.desc())
    )
    return [
        PolicyVersionInfo(
            id=row.id,
            policy_id=row.policy_id,
            version=row.version,
            created_at=row.created_at,
            author=row.author,
            reason=row.reason,
            calendar_id=row.calendar_id,
            calendar_name=calendar_name,
            spec=json.loads(row.spec),
            review_date=row.review_date,
            owner=row.owner,
        )
        for row, calendar_name in rows
    ]


def reorder_policies(session: Session, ordered_ids: Sequence[int]) -> None:
    """Set the evaluation order: ``ordered_ids`` must name every policy exactly once."""
    known = set(session.execute(select(PolicyRow.id)).scalars())
    if len(ordered_ids) != len(set(ordered_ids)) or set(ordered_ids) != known:
        raise ValidationError(
            tr("The new order must list every policy exactly once; reload and try again.")
        )
    for position, policy_id in enumerate(ordered_ids, start=1):
        session.execute(
            update(PolicyRow)
            .where(PolicyRow.id == policy_id, PolicyRow.position != position)
            .values(position=position, version=PolicyRow.version + 1)
        )


def set_policy_active(
    session: Session,
    policy_id: int,
    active: bool,
    *,
    expected_version: int | None = None,
    author: str | None = None,
) -> None:
    _lock_policy(session, policy_id, expected_version, author=author)
    session.execute(update(PolicyRow).where(PolicyRow.id == policy_id).values(active=active))


def _policies_from_rows(
    session: Session, rows: Sequence[Any], calendars: CalendarCache
) -> list[Policy]:
    policies: list[Policy] = []
    for row in rows:
        calendar = calendars.get(row.calendar_id)
        data = dict(json.loads(row.spec))
        data.update(
            id=row.policy_id,
            name=row.name,
            version=row.version,
            version_id=row.version_id,
            active=row.active,
            calendar=calendar.name,
        )
        policies.append(policy_from_dict(data, _resolver(calendar), stored=True))
    return policies


def _resolver(calendar: BusinessCalendar) -> Callable[[str], BusinessCalendar]:
    return lambda _name: calendar


def _current_versions() -> Any:
    return (
        select(
            PolicyRow.id.label("policy_id"),
            PolicyRow.name,
            PolicyRow.active,
            PolicyVersionRow.id.label("version_id"),
            PolicyVersionRow.version,
            PolicyVersionRow.calendar_id,
            PolicyVersionRow.spec,
        )
        .join(PolicyVersionRow, PolicyVersionRow.id == PolicyRow.current_version_id)
        .order_by(PolicyRow.position, PolicyRow.id)
    )


def load_active_policies(session: Session) -> list[Policy]:
    """The active policies' current versions, in evaluation order, with their calendars
    (and the customer-calendar variants of agreements, ``store.agreements.calendars``)."""
    rows = session.execute(_current_versions().where(PolicyRow.active.is_(True))).all()
    policies = _policies_from_rows(session, rows, CalendarCache(session))
    return with_customer_calendars(session, policies)


def load_policy_version(session: Session, version_id: int) -> Policy:
    """One stored version as a domain ``Policy`` (e.g. the one that judged a closed ticket)."""
    row = session.execute(
        select(
            PolicyRow.id.label("policy_id"),
            PolicyRow.name,
            PolicyRow.active,
            PolicyVersionRow.id.label("version_id"),
            PolicyVersionRow.version,
            PolicyVersionRow.calendar_id,
            PolicyVersionRow.spec,
        )
        .join(PolicyRow, PolicyRow.id == PolicyVersionRow.policy_id)
        .where(PolicyVersionRow.id == version_id)
    ).first()
    if row is None:
        raise NotFoundError(
            tr("Policy version #{id} does not exist; reload and try again.").format(id=version_id)
        )
    return _policies_from_rows(session, [row], CalendarCache(session))[0]


def policy_fingerprint(session: Session) -> str:
    """Changes whenever anything that decides an open ticket's clocks changes: the active
    policies, their order and versions, and their calendars."""
    digest = hashlib.sha256()
    for row in session.execute(_current_versions().where(PolicyRow.active.is_(True))):
        digest.update(f"{row.policy_id}:{row.version_id}:{row.calendar_id};".encode())
    calendar_specs = session.execute(
        select(Calendar.id, Calendar.spec)
        .where(
            Calendar.id.in_(
                select(PolicyVersionRow.calendar_id)
                .join(PolicyRow, PolicyRow.current_version_id == PolicyVersionRow.id)
                .where(PolicyRow.active.is_(True))
            )
        )
        .order_by(Calendar.id)
    )
    for calendar_id, spec in calendar_specs:
        digest.update(f"{calendar_id}:{spec};".encode())
    digest.update(overrides_fingerprint(session))
    return digest.hexdigest()
