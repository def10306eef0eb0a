"""Issue 14 item 10: a huge file of bad rows keeps the first rows of each reason and counts
the rest, so the rejected-rows list never grows with the file."""

from __future__ import annotations

import json
from pathlib import Path

from slaworkbench.cli.data import print_rejections
from slaworkbench.store.importing.event_log import parse_event_log
from slaworkbench.store.importing.presets import load_preset
from slaworkbench.store.importing.records import (
    ImportSummary,
    KeptRejections,
    Rejection,
    RejectionLog,
    grouped_rejections,
)
from slaworkbench.store.importing.ticket_csv import parse_ticket_csv
from tests.support.import_files import HEADER, PRESET

ROWS = 60_000
KEPT = 50


def _bad_tickets(path: Path) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        handle.write("id,created,priority\n")
        for n in range(ROWS):
            if n % 3 == 0:
                handle.write(f"T{n},not a date,high\n")
            elif n % 3 == 1:
                handle.write(f"T{n},2026-03-02T09:00:00Z,whenever\n")
            else:
                handle.write(f"T{n},1700-01-01T00:00:00Z,low\n")
        handle.write("GOOD,2026-03-02T09:00:00Z,low\n")
    return path


def test_a_huge_bad_ticket_file_keeps_the_first_rows_of_each_reason(tmp_path: Path) -> None:
    parsed = parse_ticket_csv(_bad_tickets(tmp_path / "bad.csv"))
    assert [t.external_id for t in parsed.tickets] == ["GOOD"]
    assert parsed.rejected_rows == ROWS
    groups = grouped_rejections(parsed.rejections)
    assert len(groups) == 3
    assert [count for _, count, _ in groups] == [ROWS // 3] * 3
    assert [len(kept) for _, _, kept in groups] == [KEPT] * 3
    assert len(parsed.rejections) == 3 * KEPT
    first_lines = [kept[0].line for _, _, kept in groups]
    assert first_lines == [2, 3, 4]


def test_a_huge_bad_event_log_keeps_the_first_rows_of_each_reason(tmp_path: Path) -> None:
    preset = tmp_path / "p.json"
    preset.write_text(json.dumps(PRESET), encoding="utf-8")
    log = tmp_path / "log.csv"
    with log.open("w", encoding="utf-8") as handle:
        handle.write(HEADER)
        for n in range(ROWS):
            handle.write(f"C{n % 7},yesterday,Queued,Waiting,Medium,ana\n")
    parsed = parse_event_log(log, load_preset(str(preset)))
    assert parsed.rejected_rows == ROWS
    assert len(parsed.rejections) == KEPT
    assert len(parsed.left_out) == 7
    assert sum(t.bad_rows for t in parsed.left_out) == ROWS
    assert [t.first_line for t in parsed.left_out] == list(range(2, 9))


def test_the_command_line_counts_every_row_and_lists_the_kept_lines() -> None:
    log = RejectionLog(keep=2)
    for line in range(2, 12):
        log.add(Rejection(line, "x", "bad"))
    summary = ImportSummary(False, 10, 0, 0, 0, log.result())
    printed: list[str] = []
    print_rejections(summary, printed.append)
    assert printed[0] == "Rejected 10 rows:"
    assert printed[1] == "  10 × bad (line 2, 3 and 8 more)"


def test_kept_rejections_without_counts_count_what_they_hold() -> None:
    kept = KeptRejections([Rejection(3, None, "b"), Rejection(2, None, "a")])
    assert [r.line for r in kept] == [2, 3] and kept.total == 2
