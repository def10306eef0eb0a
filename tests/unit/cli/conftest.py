"""Small files for the command-line tests: an event log and its preset."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

EVENTS = (
    "Case,When,Status,Owner\n"
    "A1,2026-03-02T09:00:00+00:00,New,ana\n"
    "A1,2026-03-02T09:30:00+00:00,Working,bo\n"
    "A1,2026-03-02T12:00:00+00:00,Resolved,bo\n"
    "B2,2026-03-03T10:00:00+00:00,New,cy\n"
)
PRESET = {
    "name": "small",
    "columns": {"case_id": "Case", "timestamp": "When", "status": "Status", "author": "Owner"},
    "statuses": {"new": ["New"], "open": ["Working"], "solved": ["Resolved"]},
}


@pytest.fixture
def events_file(tmp_path: Path) -> Path:
    path = tmp_path / "events.csv"
    path.write_text(EVENTS, encoding="utf-8")
    return path


@pytest.fixture
def preset_file(tmp_path: Path) -> Path:
    path = tmp_path / "preset.json"
    path.write_text(json.dumps(PRESET), encoding="utf-8")
    return path
