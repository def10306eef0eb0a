"""Issue 14 item 3: dates outside the engine's range (1800–2499) are refused row by row at
import, and an export that meets one writes nothing (not half a file)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import text

from slaworkbench.app.importing.run import import_event_log, import_ticket_csv
from slaworkbench.app.recompute.run import recompute
from slaworkbench.store.errors import ValidationError
from slaworkbench.store.importing.export import export_tickets
from slaworkbench.store.importing.presets import out_of_range
from tests.support.import_files import HEADER, PRESET, workspace, write_csv

TICKETS = (
    "id,subject,created,resolved\n"
    "T1,fine,2026-03-02T09:00:00Z,\n"
    "T2,too early,1799-12-31T23:00:00Z,\n"
    "T3,too late,2026-03-02T09:00:00Z,2500-01-02T00:00:00Z\n"
    "T4,year 9999 with an offset,9999-12-31T23:59:59-05:00,\n"
    "T5,year 1,0001-01-01T00:00:00+01:00,\n"
)


def test_ticket_rows_outside_the_range_are_rejected_by_line(tmp_path: Path) -> None:
    ws = workspace(tmp_path)
    try:
        summary = import_ticket_csv(ws, write_csv(tmp_path / "t.csv", TICKETS))
        assert summary.tickets_imported == 1
        found = {(r.line, r.column) for r in summary.rejections}
        assert found == {(3, "created"), (4, "resolved"), (5, "created"), (6, "created")}
        assert all("outside the dates" in r.reason for r in summary.rejections)
        assert "'1799-12-31T23:00:00Z'" in summary.rejections[0].reason
        # Nothing poisonous was stored: a full recompute and an export still work.
        recompute(ws, only_open=False, reason="test", author="t")
        with ws.engine.connect() as connection:
            assert export_tickets(connection, tmp_path / "out.csv") == 1
    finally:
        ws.close()


def test_event_rows_outside_the_range_are_rejected_by_line(tmp_path: Path) -> None:
    preset = tmp_path / "p.json"
    preset.write_text(json.dumps(PRESET), encoding="utf-8")
    log = (
        HEADER
        + "A1,2026-03-02T09:00:00+00:00,Queued,Waiting,Medium,ana\n"
        + "B2,1799-06-01T09:00:00+00:00,Queued,Waiting,Medium,ana\n"
    )
    ws = workspace(tmp_path)
    try:
        summary = import_event_log(ws, write_csv(tmp_path / "log.csv", log), str(preset))
        assert summary.tickets_imported == 1
        (rejection,) = summary.rejections
        assert rejection.line == 3 and rejection.column == "When"
        assert "outside the dates" in rejection.reason
    finally:
        ws.close()


@pytest.mark.parametrize("instant", [-5_400_000_000, 16_725_225_600])
def test_out_of_range_names_the_value(instant: int) -> None:
    reason = out_of_range(instant, " the text ")
    assert reason is not None and "'the text'" in reason and "1800-01-04" in reason


def test_in_range_is_fine() -> None:
    assert out_of_range(0, "1970") is None


def test_an_export_meeting_a_bad_instant_leaves_no_partial_file(tmp_path: Path) -> None:
    ws = workspace(tmp_path)
    out = tmp_path / "out.csv"
    out.write_text("the previous export\n", encoding="utf-8")
    try:
        import_ticket_csv(
            ws,
            write_csv(
                tmp_path / "t.csv",
                "id,created\n" + "".join(f"T{n},2026-03-02T09:00:00Z\n" for n in range(5000)),
            ),
        )
        with ws.begin() as connection:  # as an older version let in
            connection.execute(
                text("UPDATE tickets SET updated_at = 253402318799999 WHERE external_id = 'T4000'")
            )
        with ws.engine.connect() as connection, pytest.raises(ValidationError, match="no date"):
            export_tickets(connection, out)
        assert out.read_text(encoding="utf-8") == "the previous export\n"
        assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
    finally:
        ws.close()


def test_an_export_into_a_missing_folder_is_a_sentence(tmp_path: Path) -> None:
    ws = workspace(tmp_path)
    try:
        with ws.engine.connect() as connection, pytest.raises(ValidationError, match="Cannot"):
            export_tickets(connection, tmp_path / "nowhere" / "out.csv")
        assert not (tmp_path / "nowhere").exists()
    finally:
        ws.close()
