"""``parse_event_log`` with a ``TicketSink``: tickets handed over before the end of the
file are final, in order, and with the rest they are exactly the tickets of a plain
parse; a case that comes back later makes everything come again at the end."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import pytest

from slaworkbench.store.importing.event_log import FIRST_SENT, parse_event_log
from slaworkbench.store.importing.presets import load_preset, preset_from_dict
from slaworkbench.store.importing.records import TicketRecord
from tests.support.import_files import HEADER, PRESET

CASES = 4 * FIRST_SENT


class Recorder:
    def __init__(self) -> None:
        self.groups: list[tuple[list[TicketRecord], int]] = []
        self.restarts = 0

    def send(self, tickets: Sequence[TicketRecord], rows: int) -> None:
        self.groups.append((list(tickets), rows))

    def restart(self) -> None:
        self.restarts += 1


def _log(tmp_path: Path, tail: str = "") -> Path:
    lines = [HEADER]
    for case in range(1, CASES + 1):
        lines.append(f"C{case},2026-03-02T09:00:00+00:00,Queued,Waiting,Medium,ana\n")
        lines.append(f"C{case},2026-03-02T09:30:00+00:00,Accepted,Working,High,bo\n")
    path = tmp_path / "log.csv"
    path.write_text("".join(lines) + tail, encoding="utf-8")
    return path


@pytest.fixture
def preset(tmp_path: Path):  # type: ignore[no-untyped-def]
    path = tmp_path / "small.json"
    path.write_text(json.dumps(PRESET), encoding="utf-8")
    return load_preset(str(path))


def test_groups_come_before_the_end_and_complete_the_plain_parse(tmp_path: Path, preset) -> None:  # type: ignore[no-untyped-def]
    log = _log(tmp_path)
    sink = Recorder()
    parsed = parse_event_log(log, preset, sink)
    sent = [ticket for group, _ in sink.groups for ticket in group]
    assert len(sink.groups[0][0]) == FIRST_SENT and sink.groups[0][1] < 2 * CASES
    assert sink.restarts == 0
    assert tuple(sent) + parsed.tickets == parse_event_log(log, preset).tickets


def test_a_case_coming_back_restarts_and_every_ticket_comes_at_the_end(
    tmp_path: Path, preset
) -> None:  # type: ignore[no-untyped-def]
    log = _log(tmp_path, "C1,2026-03-02T10:00:00+00:00,Completed,Resolved,High,bo\n")
    sink = Recorder()
    parsed = parse_event_log(log, preset, sink)
    assert sink.groups and sink.restarts == 1
    assert parsed.tickets == parse_event_log(log, preset).tickets


def test_a_rejected_row_of_a_sent_case_restarts_unless_rows_are_skipped(
    tmp_path: Path, preset
) -> None:  # type: ignore[no-untyped-def]
    log = _log(tmp_path, "C1,yesterday,Completed,Resolved,High,bo\n")
    sink = Recorder()
    parsed = parse_event_log(log, preset, sink)
    assert sink.restarts == 1
    assert parsed.tickets == parse_event_log(log, preset).tickets
    assert [ticket.case_id for ticket in parsed.left_out] == ["C1"]

    skipping = preset_from_dict({**PRESET, "on_row_error": "skip_row"})
    sink = Recorder()
    parsed = parse_event_log(log, skipping, sink)
    sent = [ticket for group, _ in sink.groups for ticket in group]
    assert sink.restarts == 0
    assert tuple(sent) + parsed.tickets == parse_event_log(log, skipping).tickets
