"""Policy and calendar files: export to JSON and import back, checked before anything is saved.

A calendar file is exactly the calendar shape of docs/SLA_SEMANTICS.md. A policy file is

```json
{"format": "slaworkbench-policy", "format_version": 1,
 "policy": {"name": "...", "conditions": {...}, "targets": {"urgent": {"first_response": "1h"}},
            "calendar": "Lisbon office", "pause_statuses": [...], "warning_fraction": 0.25,
            "active": true, "review_date": "2027-01-31", "owner": "Ana"},
 "calendar": { the calendar it counts in, same shape as a calendar file }}
```

Targets are written as duration text (``"1d 2h"``) so people can read and edit the file;
seconds are accepted too. A bare policy object (without the envelope) is read as well.
"""

from __future__ import annotations

import codecs
import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from sqlalchemy.orm import Session

from slaworkbench.app.policies.file_schema import (
    CalendarFileModel,
    PolicyEnvelopeModel,
    PolicyModel,
)
from slaworkbench.domain.calendar.business import BusinessCalendar
from slaworkbench.domain.calendar.spec import CalendarError
from slaworkbench.domain.durations import format_duration
from slaworkbench.domain.policy import Policy, policy_from_dict, policy_to_dict
from slaworkbench.i18n import tr
from slaworkbench.store.document_check import document_problem
from slaworkbench.store.policies.calendars import list_calendars, load_calendar, save_calendar
from slaworkbench.store.policies.versions import list_policies, save_policy_version

POLICY_FORMAT = "slaworkbench-policy"
FORMAT_VERSION = 1


class PolicyFileError(ValueError):
    """The file cannot be used; the message names the file and says what to fix."""


@dataclass(frozen=True)
class PolicyFile:
    """A checked policy file: the policy, its calendar, and the review facts."""

    policy: Policy
    calendar: BusinessCalendar
    calendar_included: bool
    review_date: dt.date | None
    owner: str | None


def exact_duration_text(seconds: int) -> str:
    """Duration text that reads back (``parse_duration``) as exactly ``seconds``.

    ``format_duration`` rounds down to whole minutes, which is right for showing time
    left but wrong for a target someone will edit and save: ``100000`` is
    ``"27h 46m 40s"`` here, never ``"27h 46m"`` (a tighter target).
    """
    if seconds <= 0:
        return f"{max(seconds, 0)}s"
    whole, rest = divmod(seconds, 60)
    if not whole:
        return f"{rest}s"
    text = format_duration(whole * 60)
    return f"{text} {rest}s" if rest else text


def calendar_to_json(calendar: BusinessCalendar) -> str:
    return json.dumps(calendar.to_dict(), indent=2, ensure_ascii=False) + "\n"


def policy_to_json(
    policy: Policy, *, review_date: dt.date | None = None, owner: str | None = None
) -> str:
    data = policy_to_dict(policy)
    for key in ("id", "version", "version_id"):
        data.pop(key, None)
    data["targets"] = {
        priority: {metric: exact_duration_text(int(seconds)) for metric, seconds in per.items()}
        for priority, per in data["targets"].items()
    }
    data["conditions"] = {key: value for key, value in data["conditions"].items() if value}
    data["review_date"] = None if review_date is None else review_date.isoformat()
    data["owner"] = owner
    document = {
        "format": POLICY_FORMAT,
        "format_version": FORMAT_VERSION,
        "policy": data,
        "calendar": policy.calendar.to_dict()
        if isinstance(policy.calendar, BusinessCalendar)
        else None,
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _load_json(path: Path) -> Any:
    try:
        data = path.read_bytes()
        utf16 = data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
        text = data.decode("utf-16" if utf16 else "utf-8-sig")
    except OSError as error:
        raise PolicyFileError(
            tr("Could not read {path}: {error}.").format(path=path, error=error.strerror)
        ) from None
    except UnicodeDecodeError:
        raise PolicyFileError(
            tr("{path} is not a text file; choose a .json file exported by SLA Workbench.").format(
                path=path.name
            )
        ) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise PolicyFileError(
            tr("{path} is not valid JSON (line {line}, column {column}): {problem}.").format(
                path=path.name, line=error.lineno, column=error.colno, problem=error.msg
            )
        ) from None
    except RecursionError:
        raise PolicyFileError(
            tr("{path} is nested too deeply to be a policy or calendar file.").format(
                path=path.name
            )
        ) from None


def _check_shape(path: Path, model: type[BaseModel], data: Any, what: str) -> None:
    """Types and misspelt keys, as one sentence naming the key (``document_check``)."""
    if not isinstance(data, Mapping):
        return  # the domain says what the object must be
    problem = document_problem(model, data)
    if problem is not None:
        raise PolicyFileError(
            tr("{path}: the {what} is not valid: {problem}.").format(
                path=path.name, what=what, problem=problem
            )
        )


def read_calendar_file(path: Path) -> BusinessCalendar:
    """A calendar from a JSON file; every problem is a sentence naming the file."""
    data = _load_json(path)
    if (
        isinstance(data, Mapping)
        and "hours" not in data
        and isinstance(data.get("calendar"), Mapping)
    ):
        data = data["calendar"]  # a policy file: take the calendar it carries
    return _calendar(path, data)


def _calendar(path: Path, data: Any) -> BusinessCalendar:
    _check_shape(path, CalendarFileModel, data, tr("calendar"))
    try:
        return BusinessCalendar.from_dict(data)
    except (CalendarError, ValueError, TypeError) as error:
        raise PolicyFileError(
            tr("{path}: {problem}").format(path=path.name, problem=error)
        ) from None


def _review_date(path: Path, raw: object) -> dt.date | None:
    if raw in (None, ""):
        return None
    if isinstance(raw, str):
        try:
            return dt.date.fromisoformat(raw)
        except ValueError:
            pass
    raise PolicyFileError(
        tr("{path}: the review date {raw!r} is not a date; write it as YYYY-MM-DD.").format(
            path=path.name, raw=raw
        )
    )


def read_policy_file(path: Path, session: Session | None = None) -> PolicyFile:
    """A checked policy from a file; its calendar comes from the file or, when the file
    does not carry one, from the workspace (``session``)."""
    data = _load_json(path)
    if not isinstance(data, Mapping):
        raise PolicyFileError(
            tr("{path} does not hold a policy; export one from the policy editor.").format(
                path=path.name
            )
        )
    if data.get("format") == POLICY_FORMAT:
        _check_shape(path, PolicyEnvelopeModel, data, tr("policy file"))
        version = data.get("format_version", FORMAT_VERSION)
        if not isinstance(version, int) or version > FORMAT_VERSION:
            raise PolicyFileError(
                tr("{path} was written by a newer SLA Workbench; update the program.").format(
                    path=path.name
                )
            )
        raw_policy = data.get("policy")
        raw_calendar = data.get("calendar")
    else:
        raw_policy, raw_calendar = data, None
    if not isinstance(raw_policy, Mapping):
        raise PolicyFileError(
            tr("{path} does not hold a policy; export one from the policy editor.").format(
                path=path.name
            )
        )
    _check_shape(path, PolicyModel, raw_policy, tr("policy"))
    calendar: BusinessCalendar | None = None
    if raw_calendar is not None:
        calendar = _calendar(path, raw_calendar)
    elif session is not None:
        try:
            calendar = load_calendar(session, str(raw_policy.get("calendar", "")))
        except Exception:
            calendar = None
    spec = {key: value for key, value in raw_policy.items() if key not in ("review_date", "owner")}
    spec.pop("id", None)
    spec.pop("version", None)
    spec.pop("version_id", None)
    if calendar is not None:
        spec["calendar"] = spec.get("calendar") or calendar.name
    chosen = calendar

    def resolve(name: str) -> BusinessCalendar:
        if chosen is None or name != chosen.name:
            raise KeyError(name)
        return chosen

    try:
        policy = policy_from_dict(spec, resolve)
    except ValueError as error:
        raise PolicyFileError(
            tr("{path}: {problem}").format(path=path.name, problem=error)
        ) from None
    owner = raw_policy.get("owner")
    if owner is not None and not isinstance(owner, str):
        raise PolicyFileError(tr("{path}: the owner must be text.").format(path=path.name))
    assert chosen is not None  # policy_from_dict resolved it
    return PolicyFile(
        policy=policy,
        calendar=chosen,
        calendar_included=raw_calendar is not None,
        review_date=_review_date(path, raw_policy.get("review_date")),
        owner=(owner or "").strip() or None,
    )


def import_policy(
    session: Session, file: PolicyFile, *, author: str, reason: str, now: int | None = None
) -> int:
    """Save an imported policy as a new version (of the policy with its name, if any).

    The calendar it carries is created when the workspace has none of that name; one
    with the same name but different hours is refused rather than silently replaced.
    Returns the new version's id. Nothing is written when it raises.
    """
    calendar = file.calendar
    names = {info.name for info in list_calendars(session)}
    if calendar.name in names:
        existing = load_calendar(session, calendar.name)
        if file.calendar_included and existing.to_dict() != calendar.to_dict():
            raise PolicyFileError(
                tr(
                    "The workspace already has a calendar named “{name}” with other hours or "
                    "holidays; rename one of them, or import the calendar file first."
                ).format(name=calendar.name)
            )
    else:
        save_calendar(session, calendar, author, now=now)
    policy_id = next(
        (info.id for info in list_policies(session) if info.name == file.policy.name), None
    )
    return save_policy_version(
        session,
        policy_id,
        file.policy,
        calendar_name=calendar.name,
        author=author,
        reason=reason,
        review_date=file.review_date,
        owner=file.owner,
        now=now,
    )
