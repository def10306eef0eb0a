"""Issue 14 item 5: policy and calendar files are checked against typed models: a value
of the wrong type or a misspelt key is one sentence naming the key; UTF-16 files are
read; a deeply nested file is a sentence."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from slaworkbench.app.policies.files import (
    PolicyFileError,
    policy_to_json,
    read_calendar_file,
    read_policy_file,
)
from tests.support.policy.lisbon_office import LISBON, lisbon_policy


def _write(path: Path, data: Any, encoding: str = "utf-8") -> Path:
    path.write_text(json.dumps(data), encoding=encoding)
    return path


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"timezon": "Europe/Lisbon"}, "'timezon' is not a known key (did you mean 'timezone'?)"),
        ({"hours": ["09:00"]}, "'hours' must be an object, not a list"),
        ({"holidays": "2026-12-25"}, "'holidays' must be a list, not text"),
        ({"name": 5}, "'name' must be text, not a number"),
    ],
)
def test_calendar_file_types_and_misspelt_keys(
    tmp_path: Path, change: dict[str, Any], expected: str
) -> None:
    path = _write(tmp_path / "c.json", {**LISBON, **change})
    with pytest.raises(PolicyFileError) as caught:
        read_calendar_file(path)
    assert expected in str(caught.value) and "c.json" in str(caught.value)


def test_unrelated_unknown_calendar_keys_are_still_ignored(tmp_path: Path) -> None:
    path = _write(tmp_path / "c.json", {**LISBON, "comment": "from HR"})
    assert read_calendar_file(path).name == LISBON["name"]


def _policy_document() -> dict[str, Any]:
    return dict(json.loads(policy_to_json(lisbon_policy())))


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"warning_fractoin": 0.2}, "did you mean 'warning_fraction'"),
        ({"targets": "4h"}, "'targets' must be an object, not text"),
        ({"pause_statuses": "pending"}, "'pause_statuses' must be a list, not text"),
        ({"active": "yes"}, "'active' must be true or false, not text"),
    ],
)
def test_policy_file_types_and_misspelt_keys(
    tmp_path: Path, change: dict[str, Any], expected: str
) -> None:
    document = _policy_document()
    document["policy"] = {**document["policy"], **change}
    with pytest.raises(PolicyFileError) as caught:
        read_policy_file(_write(tmp_path / "p.json", document))
    assert expected in str(caught.value)


def test_a_misspelt_envelope_key_is_named(tmp_path: Path) -> None:
    document = _policy_document()
    document["calender"] = document.pop("calendar")
    with pytest.raises(PolicyFileError, match="did you mean 'calendar'"):
        read_policy_file(_write(tmp_path / "p.json", document))


def test_a_utf16_policy_file_is_read(tmp_path: Path) -> None:
    path = _write(tmp_path / "p.json", _policy_document(), encoding="utf-16")
    assert read_policy_file(path).policy.name == _policy_document()["policy"]["name"]


def test_a_deeply_nested_file_is_a_sentence(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    with pytest.raises(PolicyFileError, match="nested too deeply"):
        read_calendar_file(path)
