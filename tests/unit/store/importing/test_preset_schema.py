"""Issue 14 items 4 and 5: a preset is checked against a typed model: a wrong type or a
misspelt key is one sentence naming the key, the type expected and the nearest known
key; a UTF-16 or deeply nested preset file is a sentence, not a traceback."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from slaworkbench.store.importing.presets import load_preset, preset_from_dict
from slaworkbench.store.importing.records import ImportFileError
from tests.support.import_files import PRESET


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"timestamps": {"formats": "iso8601"}}, "'timestamps.formats' must be a list of texts"),
        ({"timestamps": {"formts": ["iso8601"]}}, "did you mean 'formats'"),
        ({"statusses": {}}, "'statusses' is not a known key (did you mean 'statuses'?)"),
        ({"delimiter": ""}, "'delimiter' must be one character"),
        ({"delimiter": 59}, "'delimiter' must be text, not a number"),
        ({"defaults": "x"}, "'defaults' must be an object, not text"),
        ({"defaults": {"subjet": "x"}}, "did you mean 'subject'"),
        ({"default_priority": 3}, "'default_priority' must be text, not a number"),
        ({"missing_values": "?"}, "'missing_values' must be a list of texts, not text"),
        ({"on_row_error": "skip"}, "'on_row_error' must be one of"),
        ({"agent_reply": {"to": "Working"}}, "'agent_reply.to' must be a list of texts"),
        ({"agent_reply": {"to": ["a"], "requires_author": "no"}}, "must be true or false"),
        ({"columns": {**PRESET["columns"], "teem": "Team"}}, "did you mean 'team'"),
        ({"columns": {**PRESET["columns"], "case_id": 1}}, "'columns.case_id' must be text"),
        ({"statuses": {"open": 5}}, "'statuses.open' must be text or a list, not a number"),
    ],
)
def test_wrong_types_and_misspelt_keys_are_one_sentence(
    change: dict[str, Any], expected: str
) -> None:
    with pytest.raises(ImportFileError) as caught:
        preset_from_dict({**PRESET, **change})
    assert expected in str(caught.value)
    assert str(caught.value).startswith("The preset 'small' is not valid: ")


def test_formats_as_a_string_is_not_read_character_by_character() -> None:
    with pytest.raises(ImportFileError, match="list of texts"):
        preset_from_dict({**PRESET, "timestamps": {"formats": "d/m/Y H:M"}})


def test_a_utf16_preset_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    path.write_text(json.dumps(PRESET), encoding="utf-16")
    assert load_preset(str(path)).name == "small"


def test_a_preset_in_another_encoding_is_a_sentence(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    path.write_bytes(
        json.dumps({**PRESET, "description": "é"}, ensure_ascii=False).encode("latin-1")
    )
    with pytest.raises(ImportFileError, match="not UTF-8"):
        load_preset(str(path))


def test_a_deeply_nested_preset_is_a_sentence(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    with pytest.raises(ImportFileError, match="nested too deeply"):
        load_preset(str(path))


def test_a_preset_that_is_not_an_object_is_a_sentence(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    path.write_text('["a"]', encoding="utf-8")
    with pytest.raises(ImportFileError, match="JSON object"):
        load_preset(str(path))


def test_a_key_with_a_line_break_is_named_on_one_line() -> None:
    from slaworkbench.store.importing.presets import preset_from_dict
    from slaworkbench.store.importing.records import ImportFileError

    spec = {
        "name": "small",
        "columns": {"case_id": "Case", "timestamp": "When", "status": "Status"},
        "timestamps": {"\n": None},
        "statuses": {"open": ["Open"]},
    }
    with pytest.raises(ImportFileError) as raised:
        preset_from_dict(spec)
    assert "\n" not in str(raised.value)
    assert "'timestamps.\\n' is not a known key" in str(raised.value)
