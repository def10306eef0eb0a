"""Fuzzing every file reader (issue 14): random bytes, random CSV shapes, random presets,
policy, calendar and .ics files. A reader either reads the file or refuses it with the
project's own error and a sentence — never another exception — and an import that is
refused leaves the workspace's row counts and rows unchanged.

Each test runs at least 500 examples (``max_examples=500`` whatever the profile); the
examples are small, so the module stays well under a minute.
"""

from __future__ import annotations

import atexit
import json
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from slaworkbench.app.importing.run import import_ticket_csv
from slaworkbench.app.policies.calendar_import import HolidayImportError, holidays_from_ics
from slaworkbench.app.policies.files import PolicyFileError, read_calendar_file, read_policy_file
from slaworkbench.store.errors import StoreError
from slaworkbench.store.importing.event_log import parse_event_log
from slaworkbench.store.importing.presets import load_preset, preset_from_dict
from slaworkbench.store.importing.records import ImportFileError
from slaworkbench.store.importing.ticket_csv import parse_ticket_csv
from slaworkbench.store.workspace import Workspace, open_workspace
from tests.support.import_files import PRESET, content_hash, row_counts

EXAMPLES = 500
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

_folder = Path(tempfile.mkdtemp(prefix="slaworkbench-fuzz-"))
atexit.register(shutil.rmtree, _folder, ignore_errors=True)


def _file(name: str, data: bytes) -> Path:
    path = _folder / name
    path.write_bytes(data)
    return path


def _is_sentence(error: BaseException) -> bool:
    text = str(error)
    return bool(text) and "Traceback" not in text and "\n" not in text.strip()


# --- strategies -------------------------------------------------------------------------

_cell_text = st.one_of(
    st.text(max_size=12),
    st.sampled_from(
        [
            "2026-03-02T09:00:00Z", "1799-12-31T23:00:00Z", "9999-12-31T23:59:59-05:00",
            "02/03/2026 10:00", "high", "urgent", "solved", "closed", "on hold", "=1+1", "",
            "0001-01-01T00:00:00+01:00", "2026-02-30T00:00:00", "\ufeff", '"', "\r\n", "\x00",
        ]
    ),
)  # fmt: skip
_ticket_columns = [
    "id", "created", "first_response", "resolved", "closed", "priority", "status",
    "subject", "tags", "team", "customer", "assignee", "ID", "Created", "extra",
]  # fmt: skip


@st.composite
def csv_shapes(draw: st.DrawFn, columns: list[str]) -> bytes:
    """A CSV-like text: a header drawn from ``columns`` (sometimes repeated or missing)
    and rows of random width, quoted or not; sometimes with a BOM, CRLF or gzip."""
    header = draw(st.lists(st.sampled_from(columns), min_size=0, max_size=8))
    width = max(len(header), 1)
    rows = draw(
        st.lists(
            st.lists(_cell_text, min_size=max(width - 2, 0), max_size=width + 2),
            max_size=8,
        )
    )
    quote = draw(st.booleans())

    def line(cells: list[str]) -> str:
        if quote:
            return ",".join('"' + cell.replace('"', '""') + '"' for cell in cells)
        return ",".join(cells)

    newline = draw(st.sampled_from(["\n", "\r\n"]))
    text = newline.join([line(header), *(line(row) for row in rows)])
    data = (draw(st.sampled_from(["", "\ufeff"])) + text).encode("utf-8", "surrogatepass")
    if draw(st.integers(0, 9)) == 0:
        import gzip

        data = gzip.compress(data)
        if draw(st.booleans()):
            data = data[: max(2, len(data) // 2)]
    return data


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)


@st.composite
def mutated(draw: st.DrawFn, document: dict[str, Any]) -> dict[str, Any]:
    """``document`` with a few keys replaced by random JSON, removed or misspelt."""
    result: dict[str, Any] = json.loads(json.dumps(document))
    for _ in range(draw(st.integers(1, 3))):
        target = result
        keys = list(target)
        if not keys:
            break
        key = draw(st.sampled_from(keys))
        if isinstance(target[key], dict) and target[key] and draw(st.booleans()):
            target = target[key]
            key = draw(st.sampled_from(list(target)))
        action = draw(st.sampled_from(["replace", "remove", "misspell"]))
        if action == "replace":
            target[key] = draw(_json)
        elif action == "remove":
            del target[key]
        else:
            target[key[:-1] + draw(st.sampled_from("xse_"))] = target.pop(key)
    return result


# --- the ticket CSV and the event log -------------------------------------------------


@FUZZ
@given(data=st.binary(max_size=400))
def test_ticket_csv_random_bytes(data: bytes) -> None:
    try:
        parse_ticket_csv(_file("bytes.csv", data))
    except ImportFileError as error:
        assert _is_sentence(error)


@FUZZ
@given(data=csv_shapes(_ticket_columns))
def test_ticket_csv_random_shapes(data: bytes) -> None:
    try:
        parsed = parse_ticket_csv(_file("shape.csv", data))
    except ImportFileError as error:
        assert _is_sentence(error)
    else:
        assert parsed.rows >= len(parsed.tickets)


_LOG_COLUMNS = ["Case", "When", "Status", "Sub Status", "Impact", "Owner", "Other"]
_PRESET_FILE = _file("preset.json", json.dumps(PRESET).encode())


@FUZZ
@given(data=st.one_of(st.binary(max_size=400), csv_shapes(_LOG_COLUMNS)))
def test_event_log_random_bytes_and_shapes(data: bytes) -> None:
    preset = load_preset(str(_PRESET_FILE))
    try:
        parse_event_log(_file("log.csv", data), preset)
    except ImportFileError as error:
        assert _is_sentence(error)


# --- presets, policy and calendar files -------------------------------------------------


@FUZZ
@given(document=st.one_of(mutated(PRESET), _json))
def test_random_presets(document: Any) -> None:
    try:
        preset_from_dict(document)
    except ImportFileError as error:
        assert _is_sentence(error)


@FUZZ
@given(data=st.one_of(st.binary(max_size=300), _json.map(lambda d: json.dumps(d).encode())))
def test_preset_files_random_bytes(data: bytes) -> None:
    try:
        load_preset(str(_file("random-preset.json", data)))
    except ImportFileError as error:
        assert _is_sentence(error)


_CALENDAR = {
    "name": "Office",
    "timezone": "Europe/Lisbon",
    "hours": {"mon": [["09:00", "17:00"]], "tue": [["09:00", "12:00"], ["13:00", "17:00"]]},
    "holidays": [{"date": "2026-12-25", "name": "Christmas"}],
}
_POLICY = {
    "format": "slaworkbench-policy",
    "format_version": 1,
    "policy": {
        "name": "Standard",
        "conditions": {"priorities": ["urgent"]},
        "targets": {"urgent": {"first_response": "1h", "resolution": "1d"}},
        "calendar": "Office",
        "pause_statuses": ["pending"],
        "warning_fraction": 0.25,
        "active": True,
        "review_date": "2027-01-31",
        "owner": "Ana",
    },
    "calendar": _CALENDAR,
}


def _json_bytes(document: Any) -> bytes:
    return json.dumps(document).encode()


@FUZZ
@given(
    data=st.one_of(
        st.binary(max_size=300),
        _json.map(_json_bytes),
        mutated(_CALENDAR).map(_json_bytes),
    )
)
def test_calendar_files(data: bytes) -> None:
    try:
        read_calendar_file(_file("calendar.json", data))
    except PolicyFileError as error:
        assert _is_sentence(error)


@FUZZ
@given(
    data=st.one_of(
        st.binary(max_size=300),
        _json.map(_json_bytes),
        mutated(_POLICY).map(_json_bytes),
        mutated(_POLICY["policy"]).map(_json_bytes),  # type: ignore[arg-type]
    )
)
@example(  # found: a priority key "\n" made the refusal two lines
    data=_json_bytes({**_POLICY, "policy": {**_POLICY["policy"], "targets": {"\n": {}}}})  # type: ignore[dict-item]
)
def test_policy_files(data: bytes) -> None:
    try:
        read_policy_file(_file("policy.json", data))
    except PolicyFileError as error:
        assert _is_sentence(error)


_ICS_LINES = st.sampled_from(
    [
        "BEGIN:VCALENDAR", "END:VCALENDAR", "BEGIN:VEVENT", "END:VEVENT", "VERSION:2.0",
        "DTSTART;VALUE=DATE:20261225", "DTEND;VALUE=DATE:20261226", "SUMMARY:Christmas",
        "DTSTART:20261225T090000Z", "DTSTART;VALUE=DATE:17991225", "DTSTART;VALUE=DATE:x",
        "RRULE:FREQ=YEARLY", "DURATION:P1D", "SUMMARY:", "DTEND;VALUE=DATE:20261220",
    ]
)  # fmt: skip


@FUZZ
@given(
    data=st.one_of(
        st.binary(max_size=300),
        st.lists(_ICS_LINES, max_size=14).map(lambda lines: "\r\n".join(lines).encode()),
    )
)
@example(data=b"BEGIN:VEVENT\nDTSTART:\nDTSTART;V=\nEND:")  # found: a repeated DTSTART
@example(data=b"BEGIN:VEVENT\nDTSTART;V=\nEND:")  # found: an empty DTSTART
def test_ics_files(data: bytes) -> None:
    try:
        holidays_from_ics(data)
    except HolidayImportError as error:
        assert _is_sentence(error)


# --- never a partial write --------------------------------------------------------------


@pytest.fixture(scope="module")
def fuzz_workspace(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    ws = open_workspace(f"sqlite:///{tmp_path_factory.mktemp('fuzz') / 'fuzz.sqlite3'}")
    yield ws
    ws.close()


_STATE: dict[int, tuple[dict[str, int], str]] = {}
"""Per workspace, its row counts and content hash as the last example left them, when
that example verified them (a refused import): the next one starts from them instead of
reading every table again. Taken out at the start, so a failing example leaves none."""


@FUZZ
@given(data=csv_shapes(["id", "created", "resolved", "priority", "status", "subject"]))
def test_a_refused_import_changes_nothing(fuzz_workspace: Workspace, data: bytes) -> None:
    known = _STATE.pop(id(fuzz_workspace), None)
    before_counts, before_rows = known or (row_counts(fuzz_workspace), content_hash(fuzz_workspace))
    try:
        summary = import_ticket_csv(fuzz_workspace, _file("import.csv", data))
    except StoreError as error:
        assert _is_sentence(error)
        assert row_counts(fuzz_workspace) == before_counts
        assert content_hash(fuzz_workspace) == before_rows
        _STATE[id(fuzz_workspace)] = (before_counts, before_rows)
    else:
        after = row_counts(fuzz_workspace)
        assert after["tickets"] == before_counts["tickets"] + summary.tickets_imported
