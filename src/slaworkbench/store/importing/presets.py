"""Mapping presets: how an event-log CSV's columns and values become tickets and events.

A preset is a JSON document (see docs/IMPORTING.md); shipped presets are found by NAME in
``slaworkbench/presets/``, any other by its PATH. Loading checks it completely, so a bad
preset is one sentence before any row is read.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import json
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from importlib import resources
from pathlib import Path
from typing import Any

from slaworkbench.domain.instants import MAX_INSTANT, MIN_INSTANT
from slaworkbench.domain.model import Instant, Priority, Status
from slaworkbench.i18n import tr
from slaworkbench.store.importing.records import ImportFileError

ISO8601 = "iso8601"
OPTIONAL_COLUMNS = (
    "priority",
    "customer",
    "customer_tier",
    "team",
    "assignee",
    "author",
    "subject",
    "requester",
    "category",
    "channel",
    "tags",
    "created_at",
    "order",
)
IGNORE = "ignore"
"""The status target of source values that mean nothing for the SLA: no event, counted."""
ROW_ERROR_CHOICES = ("reject_ticket", "skip_row")
_MINUTE_SECOND = {f"{m:02d}:{s:02d}": 60 * m + s for m in range(60) for s in range(60)}
"""``MM:SS`` (two digits each) and the seconds it is into its hour."""
_SHORT_FORMAT = {c: "%" + c for c in "dmYyHMSfzbI"} | {"p": "%p"}


def normalise(value: str) -> str:
    """How mapped values are compared: surrounding space ignored, case-insensitive."""
    return value.strip().casefold()


def out_of_range(instant: Instant, text: str) -> str | None:
    """The reason a parsed instant cannot be imported (outside the dates the engine counts
    in, docs/SLA_SEMANTICS.md), else ``None``. Such a row, once stored, would stop every
    later recompute and export."""
    if MIN_INSTANT <= instant <= MAX_INSTANT:
        return None
    low = dt.datetime.fromtimestamp(MIN_INSTANT, dt.UTC).date().isoformat()
    high = dt.datetime.fromtimestamp(MAX_INSTANT, dt.UTC).date().isoformat()
    return tr("'{value}' is outside the dates SLA clocks can count in ({low} to {high})").format(
        value=text.strip(), low=low, high=high
    )


def to_strptime(fmt: str) -> str:
    """``d/m/Y H:M`` → ``%d/%m/%Y %H:%M``; a format that already has ``%`` is kept."""
    if "%" in fmt:
        return fmt
    return "".join(_SHORT_FORMAT.get(char, char) for char in fmt)


@dataclass(frozen=True, slots=True)
class AgentReplyRule:
    """A row is an agent reply when it moves from one of ``from_values`` to ``to_values``."""

    from_values: frozenset[str]
    to_values: frozenset[str]
    requires_author: bool = True
    with_status_change: bool = False
    """A row that changes the status and matches the rule gives both events."""

    def matches(self, previous: str, current: str, author: str | None) -> bool:
        if self.requires_author and not author:
            return False
        return normalise(previous) in self.from_values and normalise(current) in self.to_values


def _strptime(pattern: str) -> Callable[[str], dt.datetime]:
    def parse(text: str) -> dt.datetime:
        return dt.datetime.strptime(text, pattern)

    return parse


@dataclass(frozen=True, slots=True)
class TimestampParser:
    """Parses instants in any of the given formats; naive values are in ``timezone``."""

    formats: tuple[str, ...]
    timezone: str = "UTC"
    _zone: dt.tzinfo = field(init=False, repr=False, compare=False)
    _parsers: tuple[Callable[[str], dt.datetime], ...] = field(
        init=False, repr=False, compare=False
    )
    _hours: dict[str, int | None] = field(init=False, repr=False, compare=False)
    """The instant of minute 0, second 0 of each hour seen (see ``parse``)."""

    def __post_init__(self) -> None:
        try:
            zone: dt.tzinfo = (
                dt.UTC if self.timezone.upper() == "UTC" else zoneinfo.ZoneInfo(self.timezone)
            )
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            raise ImportFileError(
                tr(
                    "'{zone}' is not a known time zone; use an IANA name such as Europe/Lisbon."
                ).format(zone=self.timezone)
            ) from None
        object.__setattr__(self, "_zone", zone)
        parsers: list[Callable[[str], dt.datetime]] = []
        for fmt in self.formats:
            if fmt.lower() == ISO8601:
                parsers.append(dt.datetime.fromisoformat)
            else:
                parsers.append(_strptime(to_strptime(fmt)))
        object.__setattr__(self, "_parsers", tuple(parsers))
        object.__setattr__(self, "_hours", {})

    def __reduce__(self) -> tuple[type[TimestampParser], tuple[tuple[str, ...], str]]:
        """Pickled as its formats and zone (an import's reading process gets its preset
        so); the parsers are built again."""
        return (TimestampParser, (self.formats, self.timezone))

    def parse(self, text: str) -> Instant | None:
        """Whole seconds since the epoch, or ``None`` when no format fits.

        Fast path for the common shapes ``….HH:MM:SS…`` (ISO 8601 and most patterns put
        the minutes at 14–15 and the seconds at 17–18): the full parse runs once per hour
        of input (for ``:00:00`` and ``:59:59`` of that hour, with the rest of the text
        unchanged); when those are 3,599 s apart the hour has one UTC offset, and every
        other value in it is that instant plus minutes and seconds. Anything else (other
        shapes, an hour with an offset change inside it, text no format fits) takes the
        full parse, so results are exactly the full parse's.
        """
        text = text.strip()
        if len(text) >= 19 and text[13] == ":":
            into = _MINUTE_SECOND.get(text[14:19])
            if into is not None:
                key = text[:14] + text[19:]
                try:
                    base = self._hours[key]
                except KeyError:
                    base = self._hours[key] = self._hour_start(text)
                if base is not None:
                    return base + into
        return self._parse_fully(text)

    def _hour_start(self, text: str) -> Instant | None:
        start = self._parse_fully(text[:14] + "00:00" + text[19:])
        end = self._parse_fully(text[:14] + "59:59" + text[19:])
        return start if start is not None and end is not None and end - start == 3599 else None

    def _parse_fully(self, text: str) -> Instant | None:
        if not text:
            return None
        for parser in self._parsers:
            try:
                moment = parser(text)
                if moment.tzinfo is None:
                    moment = moment.replace(tzinfo=self._zone)
                return int(moment.timestamp() // 1)
            except (ValueError, OverflowError):
                continue
        return None

    def describe(self) -> str:
        return ", ".join(self.formats)


@dataclass(frozen=True, slots=True)
class ValueMap:
    """Exact values (normalised) first, then glob patterns.

    A value that no exact entry covers and that matches patterns mapped to two different
    targets is ambiguous: ``get`` raises ``ImportFileError`` naming both patterns (a
    preset error, like one value listed under two targets).
    """

    exact: dict[str, str]
    patterns: tuple[tuple[str, str], ...] = ()
    what: str = "statuses"

    def get(self, value: str) -> str | None:
        key = normalise(value)
        found = self.exact.get(key)
        if found is not None:
            return found
        matched: tuple[str, str] | None = None
        for pattern, target in self.patterns:
            if not fnmatchcase(key, pattern):
                continue
            if matched is None:
                matched = (pattern, target)
            elif matched[1] != target:
                raise ImportFileError(
                    tr(
                        "The value '{value}' matches '{first}' under {first_target} and "
                        "'{second}' under {second_target} in the preset's '{what}'; list it "
                        "exactly under the one it means, or narrow a pattern."
                    ).format(
                        value=value.strip(),
                        first=matched[0],
                        first_target=matched[1],
                        second=pattern,
                        second_target=target,
                        what=self.what,
                    )
                )
        if matched is None:
            return None
        self.exact[key] = matched[1]  # remember: the next row is a dict lookup
        return matched[1]


@dataclass(frozen=True, slots=True)
class EventLogPreset:
    name: str
    description: str
    case_id: str
    timestamp: str
    status: tuple[str, ...]
    statuses: ValueMap
    timestamps: TimestampParser
    columns: dict[str, str]
    """Optional role → column name (see ``OPTIONAL_COLUMNS``)."""
    priorities: ValueMap
    default_priority: Priority = Priority.NORMAL
    status_separator: str = "/"
    delimiter: str = ","
    agent_reply: AgentReplyRule | None = None
    subject_template: str = "{case_id}"
    default_channel: str | None = None
    missing_values: frozenset[str] = frozenset()
    """Cell texts (normalised) that mean "no value": such cells are read as empty."""
    skip_bad_rows: bool = False
    """``on_row_error: skip_row``: a rejected row leaves out that row only (its ticket is
    imported without it); by default the whole ticket is left out."""

    def required_columns(self) -> list[str]:
        return [self.case_id, self.timestamp, *self.status, *self.columns.values()]

    def status_of(self, raw: str) -> str | None:
        """The mapped status value, ``IGNORE``, or ``None`` when no mapping covers it."""
        return self.statuses.get(raw)

    def priority_of(self, raw: str) -> Priority | None:
        if not raw.strip():
            return self.default_priority
        found = self.priorities.get(raw)
        return None if found is None else Priority(found)


def _invalid(name: str, problem: str) -> ImportFileError:
    return ImportFileError(
        tr("The preset '{name}' is not valid: {problem}.").format(name=name, problem=problem)
    )


def _value_map(
    name: str,
    spec: Any,
    allowed: type[Status] | type[Priority],
    what: str,
    extra: tuple[str, ...] = (),
) -> ValueMap:
    """``{"target": [values...]}`` (statuses) or ``{"value": "target"}`` (priorities)."""
    if not isinstance(spec, dict):
        raise _invalid(name, f"'{what}' must be an object")
    pairs: list[tuple[str, str]] = []
    for key, value in spec.items():
        if isinstance(value, list):
            for source in value:
                if not isinstance(source, str):
                    raise _invalid(name, f"'{what}' lists a value that is not text")
                pairs.append((source, key))
        elif isinstance(value, str):
            pairs.append((key, value))
        else:
            raise _invalid(name, f"'{what}.{key}' must be text or a list of texts")
    valid = {member.value for member in allowed} | set(extra)
    exact: dict[str, str] = {}
    patterns: dict[str, str] = {}
    for source, target in pairs:
        if target not in valid:
            raise _invalid(name, f"'{target}' in '{what}' is not one of {', '.join(sorted(valid))}")
        key = normalise(source)
        chosen = patterns if any(char in key for char in "*?[") else exact
        if chosen.setdefault(key, target) != target:
            raise _invalid(name, f"'{source}' is mapped to both {chosen[key]} and {target}")
    return ValueMap(exact, tuple(patterns.items()), what)


def _columns(name: str, spec: Any) -> tuple[str, str, tuple[str, ...], dict[str, str]]:
    if not isinstance(spec, dict):
        raise _invalid(name, "'columns' must be an object")
    for role in ("case_id", "timestamp", "status"):
        if not spec.get(role):
            raise _invalid(name, f"'columns.{role}' is required")
    status = spec["status"]
    status_columns = tuple(status) if isinstance(status, list) else (status,)
    if not all(isinstance(c, str) and c for c in status_columns):
        raise _invalid(name, "'columns.status' must be a column name or a list of them")
    optional: dict[str, str] = {}
    for role, column in spec.items():
        if role in ("case_id", "timestamp", "status") or column in (None, ""):
            continue
        if role not in OPTIONAL_COLUMNS:
            raise _invalid(name, f"'columns.{role}' is not a known column role")
        if not isinstance(column, str):
            raise _invalid(name, f"'columns.{role}' must be a column name")
        optional[role] = column
    return str(spec["case_id"]), str(spec["timestamp"]), status_columns, optional


def _check_delimiter(name: str, delimiter: str) -> str:
    try:
        csv.reader([], delimiter=delimiter)
    except (TypeError, ValueError, csv.Error):
        raise _invalid(
            name, f"'delimiter' must be one character (such as , or ;), not {delimiter!r}"
        ) from None
    if delimiter in '\r\n"':
        raise _invalid(name, f"'delimiter' cannot be {delimiter!r}")
    return delimiter


def preset_from_dict(spec: dict[str, Any], fallback_name: str = "preset") -> EventLogPreset:
    """A checked preset: the document is checked against ``PresetModel`` first (types and
    keys), then its values (mappings, time zone, delimiter)."""
    raw_name = spec.get("name") if isinstance(spec, dict) else None
    name = raw_name if isinstance(raw_name, str) and raw_name else fallback_name
    # Imported here: the reading process of an import (``read_ahead``) gets its preset
    # checked already and starts faster without pydantic.
    from slaworkbench.store.document_check import document_problem
    from slaworkbench.store.importing.preset_schema import PresetModel

    problem = document_problem(PresetModel, spec)
    if problem is not None:
        raise _invalid(name, problem)
    case_id, timestamp, status_columns, optional = _columns(name, spec.get("columns"))
    stamp_spec = spec.get("timestamps", {})
    formats = stamp_spec.get("formats", [ISO8601]) if isinstance(stamp_spec, dict) else None
    if not formats or not all(isinstance(f, str) for f in formats):
        raise _invalid(name, "'timestamps.formats' must be a list of formats")
    reply_spec = spec.get("agent_reply")
    reply = None
    if reply_spec is not None:
        if not isinstance(reply_spec, dict) or not reply_spec.get("to"):
            raise _invalid(name, "'agent_reply' needs a 'to' list")
        reply = AgentReplyRule(
            from_values=frozenset(normalise(v) for v in reply_spec.get("from", [])),
            to_values=frozenset(normalise(v) for v in reply_spec["to"]),
            requires_author=bool(reply_spec.get("requires_author", True)),
            with_status_change=bool(reply_spec.get("with_status_change", False)),
        )
    missing = spec.get("missing_values", [])
    if not isinstance(missing, list) or not all(isinstance(v, str) for v in missing):
        raise _invalid(name, "'missing_values' must be a list of texts")
    on_row_error = spec.get("on_row_error", ROW_ERROR_CHOICES[0])
    if on_row_error not in ROW_ERROR_CHOICES:
        raise _invalid(name, "'on_row_error' must be one of " + ", ".join(ROW_ERROR_CHOICES))
    defaults = spec.get("defaults", {})
    try:
        default_priority = Priority(spec.get("default_priority", "normal"))
    except ValueError:
        raise _invalid(name, "'default_priority' is not a priority") from None
    return EventLogPreset(
        name=name,
        description=str(spec.get("description", "")),
        case_id=case_id,
        timestamp=timestamp,
        status=status_columns,
        statuses=_value_map(name, spec.get("statuses"), Status, "statuses", (IGNORE,)),
        timestamps=TimestampParser(tuple(formats), str(stamp_spec.get("timezone", "UTC"))),
        columns=optional,
        priorities=_value_map(name, spec.get("priorities", {}), Priority, "priorities"),
        default_priority=default_priority,
        status_separator=str(spec.get("status_separator", "/")),
        delimiter=_check_delimiter(name, spec.get("delimiter", ",")),
        agent_reply=reply,
        subject_template=str(defaults.get("subject", "{case_id}")),
        default_channel=defaults.get("channel"),
        missing_values=frozenset(normalise(v) for v in missing),
        skip_bad_rows=on_row_error == "skip_row",
    )


def shipped_presets() -> list[str]:
    """The names of the presets that come with the program."""
    folder = resources.files("slaworkbench") / "presets"
    return sorted(
        entry.name.removesuffix(".json")
        for entry in folder.iterdir()
        if entry.name.endswith(".json")
    )


def _preset_text(path: Path) -> str:
    """The text of a preset file: UTF-8 (with or without a byte-order mark) or UTF-16
    with its byte-order mark, as some editors save JSON."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ImportFileError(
            tr("The preset {path} cannot be read ({reason}).").format(
                path=path, reason=error.strerror or error
            )
        ) from None
    encoding = "utf-16" if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) else None
    try:
        return data.decode(encoding or "utf-8-sig")
    except UnicodeDecodeError:
        raise _invalid(str(path), "it is not UTF-8 text; save it as UTF-8 and try again") from None


def load_preset(name_or_path: str) -> EventLogPreset:
    """A shipped preset by NAME, else a JSON file by PATH."""
    shipped = resources.files("slaworkbench") / "presets" / f"{name_or_path}.json"
    path = Path(name_or_path)
    if "/" not in name_or_path and "\\" not in name_or_path and shipped.is_file():
        text = shipped.read_text(encoding="utf-8")
    elif path.is_file():
        text = _preset_text(path)
    else:
        raise ImportFileError(
            tr(
                "There is no preset '{name}'; use one of {names} or the path of a JSON file."
            ).format(name=name_or_path, names=", ".join(shipped_presets()) or "-")
        )
    try:
        spec = json.loads(text)
    except json.JSONDecodeError as error:
        raise _invalid(name_or_path, f"line {error.lineno}: {error.msg}") from None
    except RecursionError:
        raise _invalid(name_or_path, "it is nested too deeply to be a preset") from None
    if not isinstance(spec, dict):
        raise _invalid(name_or_path, "it must be a JSON object")
    return preset_from_dict(spec, fallback_name=path.stem)
