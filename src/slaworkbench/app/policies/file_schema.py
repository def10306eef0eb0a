"""The typed models of policy and calendar files (``files.py``): the keys each object
knows and their JSON types. The values (durations, weekdays, hours, holidays) are
checked by the domain when the file is read; these models catch a value of the wrong
type and a misspelt key first, so the sentence names the key
(``store.document_check``). Unknown keys that are not near a known one are let through,
as docs/SLA_SEMANTICS.md promises for calendar files.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict


class _Lenient(BaseModel):
    model_config = ConfigDict(extra="allow", strict=True)


class CalendarFileModel(_Lenient):
    name: str | None = None
    timezone: str | None = None
    hours: dict[str, Any] | None = None
    holidays: list[Any] | None = None


class PolicyModel(_Lenient):
    name: str | None = None
    id: int | None = None
    version: int | None = None
    version_id: int | None = None
    active: bool | None = None
    conditions: dict[str, Any] | None = None
    targets: dict[str, Any] | None = None
    calendar: str | None = None
    pause_statuses: list[Any] | None = None
    warning_fraction: float | int | None = None
    review_date: str | None = None
    owner: str | None = None


class PolicyEnvelopeModel(_Lenient):
    format: str | None = None
    format_version: int | None = None
    policy: dict[str, Any] | None = None
    calendar: dict[str, Any] | None = None
