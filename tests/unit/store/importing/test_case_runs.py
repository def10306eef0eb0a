"""The event-log parse's per-case shortcuts give what the plain code gives.

- A row of the same case as the accepted row before it is added without looking its case
  up (``_parse_event_log``'s ``current``): on random logs (cases interleaved or together,
  rejected, ignored and blank rows, quoted cells, team moves, ``created_at`` values) the
  tickets are those of the same rows grouped by case, and with a ``TicketSink`` the
  tickets sent plus the rest are the plain parse's.
- ``_team_of_rows`` (one distinct cell text: no move, without stripping every cell) and
  the ``created_at`` look-up of ``_ticket`` equal the plain loops they replaced.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from hypothesis import given, settings
from hypothesis import strategies as st

from slaworkbench.store.importing.event_log import (
    _CREATED_AT,
    _IS_SET,
    _team_of_rows,
    parse_event_log,
)
from slaworkbench.store.importing.presets import load_preset
from slaworkbench.store.importing.records import TicketRecord
from tests.support import import_files
from tests.support.import_files import write_csv

HEADER = import_files.HEADER.rstrip("\n") + ",Team,Opened\n"
PRESET = import_files.PRESET | {
    "name": "runs",
    "columns": import_files.PRESET["columns"] | {"team": "Team", "created_at": "Opened"},
    "timestamps": {"formats": ["iso8601"], "timezone": "Europe/Lisbon"},
    "statuses": {
        "open": ["Queued/Waiting", "Accepted/Working"],
        "pending": ["Accepted/Wait - User"],
        "solved": ["Completed/Resolved"],
        "closed": ["Completed/Closed"],
        "ignore": ["Noise/Noise"],
    },
}
"""The shared importer preset (``tests/support/import_files.py``) with a team and a
``created_at`` column, one timestamp format and an ignored status."""

rows = st.lists(
    st.tuples(
        st.sampled_from(["A", "B", "C", "D", " A", ""]),
        st.sampled_from(
            [f"2026-03-02T09:{m:02d}:00+00:00" for m in (0, 0, 5, 30, 59)]
            + ["2026-03-29T01:30:00", "not a time", ""]
        ),
        st.sampled_from(
            [
                ("Queued", "Waiting"),
                ("Accepted", "Working"),
                ("Accepted", "Wait - User"),
                ("Completed", "Resolved"),
                ("Completed", "Closed"),
                ("Noise", "Noise"),
                ("Nope", "X"),
            ]
        ),
        st.sampled_from(["Medium", "High", "", "Weird"]),
        st.sampled_from(["ana", "bo", " ana ", "", '"cy, the second"']),
        st.sampled_from(["", "T1", " T1", "T2", '"T, 3"']),
        st.sampled_from(["", "", "2026-03-01T08:00:00+00:00", "garbage"]),
        st.sampled_from(["", "", "", "\n", ",short"]),
    ),
    min_size=1,
    max_size=40,
)


class Recorder:
    def __init__(self) -> None:
        self.sent: list[TicketRecord] = []
        self.restarts = 0

    def send(self, tickets: Sequence[TicketRecord], rows: int) -> None:
        self.sent.extend(tickets)

    def restart(self) -> None:
        self.restarts += 1


def _text(lines: list[tuple[str, ...]]) -> str:
    out = [HEADER]
    for case, when, (status, sub), impact, owner, team, opened, extra in lines:
        out.append(f"{case},{when},{status},{sub},{impact},{owner},{team},{opened}{extra}\n")
    return "".join(out)


def _by_case(tickets: Sequence[TicketRecord]) -> list[TicketRecord]:
    return sorted(tickets, key=lambda ticket: ticket.external_id)


@settings(max_examples=150, deadline=None)
@given(rows, st.booleans())
def test_cases_read_as_the_same_rows_grouped_by_case(
    tmp_path_factory, lines: list[tuple[str, ...]], skip_rows: bool
) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("runs")
    spec = dict(PRESET, on_row_error="skip_row" if skip_rows else "reject_ticket")
    (folder / "runs.json").write_text(json.dumps(spec), encoding="utf-8")
    preset = load_preset(str(folder / "runs.json"))
    mixed = write_csv(folder / "mixed.csv", _text(lines))
    order = {case.strip(): at for at, case in reversed(list(enumerate(line[0] for line in lines)))}
    together = sorted(lines, key=lambda line: order[line[0].strip()])
    grouped = write_csv(folder / "grouped.csv", _text(together))
    try:
        plain = parse_event_log(mixed, preset)
    except Exception as error:  # a whole-file error: the same for the grouped rows
        try:
            parse_event_log(grouped, preset)
        except Exception as other:
            assert type(other) is type(error)
            return
        raise AssertionError(f"only the mixed file fails: {error}") from None
    assert _by_case(parse_event_log(grouped, preset).tickets) == _by_case(plain.tickets)
    sink = Recorder()
    streamed = parse_event_log(mixed, preset, sink)
    assert sink.restarts <= 1
    if sink.restarts:
        assert streamed.tickets == plain.tickets
    else:
        assert tuple(sink.sent) + streamed.tickets == plain.tickets
    assert streamed.rejections == plain.rejections and streamed.rows == plain.rows


def _plain_team_of_rows(cells: list[str]) -> list[str] | None:
    """``_team_of_rows`` as it was: every cell stripped first."""
    stripped = [cell.strip() for cell in cells]
    named = [cell for cell in stripped if cell]
    if len(set(named)) < 2:
        return None
    team = named[0]
    teams = []
    for cell in stripped:
        team = cell or team
        teams.append(team)
    return teams


@given(st.lists(st.sampled_from(["", " ", "T1", " T1", "T1 ", "T2", "t1"]), min_size=1))
def test_team_of_rows_equals_the_plain_loop(cells: list[str]) -> None:
    rows = [(0, None, 0, None, "", None, None, ("x", cell), None) for cell in cells]
    assert _team_of_rows(rows, ("category", "team")) == _plain_team_of_rows(cells)  # type: ignore[arg-type]


@given(st.lists(st.one_of(st.none(), st.integers(min_value=-5, max_value=5)), min_size=1))
def test_the_first_created_at_equals_the_plain_loop(values: list[int | None]) -> None:
    rows = [(0, None, 0, None, "", None, None, (), value) for value in values]
    plain = next((row[8] for row in rows if row[8] is not None), None)
    assert next(filter(_IS_SET, map(_CREATED_AT, rows)), None) == plain
