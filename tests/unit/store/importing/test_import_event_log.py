"""The event-log importer: mapping, ordering, every malformed input, all-or-nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from slaworkbench.app.importing.run import import_event_log
from slaworkbench.domain.model import EventType, Priority, Status
from slaworkbench.store.importing.event_log import parse_event_log
from slaworkbench.store.importing.presets import load_preset, preset_from_dict
from slaworkbench.store.importing.records import ImportFileError
from tests.support.import_files import (
    GOOD,
    HEADER,
    PRESET,
    content_hash,
    row_counts,
    workspace,
    write_csv,
)


@pytest.fixture
def preset_path(tmp_path: Path) -> Path:
    path = tmp_path / "small.json"
    path.write_text(json.dumps(PRESET), encoding="utf-8")
    return path


def test_rows_become_ordered_events(tmp_path: Path, preset_path: Path) -> None:
    parsed = parse_event_log(write_csv(tmp_path / "log.csv", GOOD), load_preset(str(preset_path)))
    assert parsed.rejections == ()
    a1, b2 = parsed.tickets
    assert [e.type for e in a1.events] == [
        EventType.CREATED,
        EventType.ASSIGNED,  # to ana, who created it
        EventType.ASSIGNED,  # to bo, who replied (the same second, before the reply)
        EventType.AGENT_REPLY,
        EventType.STATUS_CHANGED,
        EventType.STATUS_CHANGED,
        EventType.PRIORITY_CHANGED,
        EventType.STATUS_CHANGED,
    ]
    assert [e.status for e in a1.events if e.type is EventType.STATUS_CHANGED] == [
        Status.PENDING,
        Status.OPEN,
        Status.SOLVED,
    ]
    assert a1.events[0].priority is Priority.NORMAL
    assert a1.priority is Priority.HIGH and a1.status is Status.SOLVED
    assert a1.created_at == 1772442000  # 2026-03-02T09:00:00Z
    assert a1.solved_at == 1772452800 and a1.updated_at == 1772452800
    # B2's rows are out of order in the file; naive times are Lisbon (UTC+0 in March).
    assert [e.at for e in b2.events] == [1772442000, 1772442000, 1772445600]
    assert b2.events[0].status is Status.OPEN and b2.events[2].type is EventType.AGENT_REPLY
    assert b2.assignee == "cy"
    # The assignee a ticket ends with is the one its events name last.
    for ticket in (a1, b2):
        assigned = [e.value for e in ticket.events if e.type is EventType.ASSIGNED]
        assert assigned[-1] == ticket.assignee


def test_same_file_with_bom_and_gzip_gives_the_same_tickets(
    tmp_path: Path, preset_path: Path
) -> None:
    preset = load_preset(str(preset_path))
    plain = parse_event_log(write_csv(tmp_path / "a.csv", GOOD), preset)
    packed = parse_event_log(write_csv(tmp_path / "b.csv.gz", GOOD, bom=True, gz=True), preset)
    assert packed.tickets == plain.tickets


def _assert_unchanged_after(
    tmp_path: Path, preset_path: Path, content: bytes, expected: list[str]
) -> str:
    ws = workspace(tmp_path)
    try:
        before, digest = row_counts(ws), content_hash(ws)
        path = tmp_path / "bad.csv"
        path.write_bytes(content)
        with pytest.raises(ImportFileError) as caught:
            import_event_log(ws, path, str(preset_path))
        message = str(caught.value)
        for part in expected:
            assert part in message
        assert row_counts(ws) == before and content_hash(ws) == digest
        return message
    finally:
        ws.close()


def test_missing_required_column_names_it(tmp_path: Path, preset_path: Path) -> None:
    content = GOOD.replace("Impact", "Severity").encode()
    _assert_unchanged_after(tmp_path, preset_path, content, ["'Impact'", "preset 'small'"])


def test_duplicate_header_names_the_column(tmp_path: Path, preset_path: Path) -> None:
    content = GOOD.replace("Impact,Owner", "Owner,Owner").encode()
    _assert_unchanged_after(tmp_path, preset_path, content, ["'Owner'", "twice"])


def test_empty_file_and_header_only_are_errors(tmp_path: Path, preset_path: Path) -> None:
    _assert_unchanged_after(tmp_path, preset_path, b"", ["empty"])
    _assert_unchanged_after(tmp_path / "..", preset_path, HEADER.encode(), ["no rows"])


def test_wrong_encoding_names_the_line(tmp_path: Path, preset_path: Path) -> None:
    content = (GOOD + "C3,2026-03-02T09:00:00Z,Queued,Waiting,Medium,Jos\u00e9\n").encode("cp1252")
    message = _assert_unchanged_after(tmp_path, preset_path, content, ["UTF-8", "line 9"])
    assert "wrong encoding" in message


def test_wrong_encoding_in_a_gzip_file_names_the_line(tmp_path: Path, preset_path: Path) -> None:
    import gzip

    content = gzip.compress(
        (HEADER + "C3,2026-03-02T09:00:00Z,Queued,Waiting,Medium,\xe9\n").encode("latin-1")
    )
    _assert_unchanged_after(tmp_path, preset_path, content, ["line 2"])


def test_row_errors_name_line_and_column_and_keep_the_good_rows(
    tmp_path: Path, preset_path: Path
) -> None:
    bad = (
        GOOD
        + "C3,yesterday,Queued,Waiting,Medium,dee\n"  # line 9
        + "C3,2026-03-02T09:00:00Z,Parked,Somewhere,Medium,dee\n"  # line 10
        + ",2026-03-02T09:00:00Z,Queued,Waiting,Medium,dee\n"  # line 11
        + "C3,2026-03-02T09:00:00Z,Queued,Waiting,Cosmic,dee\n"  # line 12
        + "C3,2026-03-02T09:00:00Z,Queued\n"  # line 13
        + "C3,,Queued,Waiting,Medium,dee\n"  # line 14
    )
    ws = workspace(tmp_path)
    try:
        before = row_counts(ws)
        summary = import_event_log(ws, write_csv(tmp_path / "x.csv", bad), str(preset_path))
        described = [r.describe() for r in summary.rejections]
        assert described[0].startswith("line 9, column 'When': 'yesterday' is not a date")
        assert described[1] == (
            "line 10, column 'Status + Sub Status': no status mapping of the preset covers "
            "'Parked/Somewhere'"
        )
        assert described[2] == "line 11, column 'Case': the case id is missing"
        assert described[3].startswith("line 12, column 'Impact': no priority mapping")
        assert described[4].startswith("line 13: the row has 3 cells")
        assert described[5] == "line 14, column 'When': the date and time is missing"
        assert summary.tickets_imported == 2 and summary.events_imported == 11
        after = row_counts(ws)
        assert after["tickets"] == before["tickets"] + 2
        assert after["ticket_events"] == before["ticket_events"] + 11
    finally:
        ws.close()


def test_dry_run_writes_nothing_and_previews(tmp_path: Path, preset_path: Path) -> None:
    ws = workspace(tmp_path)
    try:
        before, digest = row_counts(ws), content_hash(ws)
        summary = import_event_log(
            ws, write_csv(tmp_path / "x.csv", GOOD), str(preset_path), dry_run=True, preview=1
        )
        assert summary.dry_run and summary.tickets_imported == 2
        assert summary.events_imported == 11  # seven rows, and three assignments
        assert [t.external_id for t in summary.preview] == ["A1"]
        assert row_counts(ws) == before and content_hash(ws) == digest
    finally:
        ws.close()


def test_reimport_skips_existing_tickets(tmp_path: Path, preset_path: Path) -> None:
    ws = workspace(tmp_path)
    try:
        path = write_csv(tmp_path / "x.csv", GOOD)
        first = import_event_log(ws, path, str(preset_path))
        counts = row_counts(ws)
        again = import_event_log(ws, path, str(preset_path))
        assert first.tickets_imported == 2 and first.events_imported == 11
        assert again.tickets_imported == 0 and again.tickets_skipped == 2
        assert row_counts(ws) == counts
    finally:
        ws.close()


def test_an_import_evaluates_its_own_tickets_only(tmp_path: Path, preset_path: Path) -> None:
    """The clocks of the new tickets are computed; tickets already in the workspace are
    not re-read (a full re-baseline would cost minutes at a million tickets)."""
    from sqlalchemy import select, update

    from slaworkbench.store.schema import Ticket

    ws = workspace(tmp_path)
    try:
        import_event_log(ws, write_csv(tmp_path / "a.csv", GOOD), str(preset_path))
        with ws.session(write=True) as session:
            session.execute(update(Ticket).values(sla_state="none", evaluated_at=None))
        other = GOOD.replace("A1,", "C3,").replace("B2,", "D4,")
        import_event_log(ws, write_csv(tmp_path / "b.csv", other), str(preset_path))
        with ws.session() as session:
            rows = session.execute(
                select(Ticket.external_id, Ticket.sla_state, Ticket.evaluated_at)
            ).all()
        states = {row.external_id: (row.sla_state, row.evaluated_at) for row in rows}
        assert states["A1"] == states["B2"] == ("none", None)  # left as they were
        assert all(state != "none" and at is not None for state, at in (states["C3"], states["D4"]))
    finally:
        ws.close()


def test_failure_while_writing_rolls_everything_back(
    tmp_path: Path, preset_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from slaworkbench.store.importing import bulk

    ws = workspace(tmp_path)
    try:
        before, digest = row_counts(ws), content_hash(ws)
        original = bulk.EventInserter.run
        calls = {"n": 0}

        def failing(self: bulk.EventInserter, prepared: bulk.Prepared) -> None:
            original(self, prepared)  # on the background writer's thread
            calls["n"] += 1
            raise OSError("disk full")

        monkeypatch.setattr(bulk.EventInserter, "run", failing)
        with pytest.raises(OSError):
            import_event_log(ws, write_csv(tmp_path / "x.csv", GOOD), str(preset_path))
        assert calls["n"] == 1
        assert row_counts(ws) == before and content_hash(ws) == digest
    finally:
        ws.close()


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"columns": {"case_id": "Case"}}, "'columns.timestamp' is required"),
        ({"statuses": {"waiting": ["Queued/Waiting"]}}, "'waiting' in 'statuses'"),
        ({"priorities": {"Major": "critical"}}, "'critical' in 'priorities'"),
        ({"timestamps": {"formats": ["iso8601"], "timezone": "Mars/Olympus"}}, "Mars/Olympus"),
    ],
)
def test_bad_presets_are_one_sentence(change: dict[str, object], expected: str) -> None:
    with pytest.raises(ImportFileError, match=expected):
        preset_from_dict({**PRESET, **change})


def test_a_value_mapped_twice_is_refused() -> None:
    statuses = {"open": ["Queued/Waiting"], "pending": ["queued/waiting"]}
    with pytest.raises(ImportFileError, match="mapped to both"):
        preset_from_dict({**PRESET, "statuses": statuses})


def test_unknown_preset_name_lists_the_shipped_ones() -> None:
    with pytest.raises(ImportFileError, match="bpic2013"):
        load_preset("no-such-preset")


def test_who_held_an_imported_ticket_is_who_the_file_names(
    tmp_path: Path, preset_path: Path
) -> None:
    """A1 is queued by ana and answered by bo: bo holds the first response when it stops,
    and ana (no longer its assignee) is an agent too. Before, the events named neither
    the first assignee nor a hand-over that came with a reply or a status change, so
    nearly every imported clock stopped held by nobody."""
    from sqlalchemy import select

    from slaworkbench.store.schema import Agent, Ticket, TicketClock

    ws = workspace(tmp_path)
    try:
        import_event_log(ws, write_csv(tmp_path / "x.csv", GOOD), str(preset_path))
        with ws.session() as session:
            agents = dict(session.execute(select(Agent.name, Agent.id)).all())
            assert {"ana", "bo", "cy"} <= set(agents)
            held = dict(
                session.execute(
                    select(Ticket.external_id, TicketClock.stop_agent_id)
                    .join(Ticket, Ticket.id == TicketClock.ticket_id)
                    .where(TicketClock.metric == "first_response")
                ).all()
            )
        assert held == {"A1": agents["bo"], "B2": agents["cy"]}
    finally:
        ws.close()
