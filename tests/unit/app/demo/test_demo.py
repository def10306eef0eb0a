"""The demo workspace: deterministic by seed, realistic mix, nasty subjects, fast writes."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from slaworkbench.app.demo.catalogue import NASTY_SUBJECTS
from slaworkbench.app.demo.workspace import generate_demo
from slaworkbench.store.errors import ValidationError
from slaworkbench.store.schema import Ticket, TicketEvent
from slaworkbench.store.workspace import open_workspace
from tests.support.import_files import content_hash, row_counts

NOW = 1_780_000_000  # a fixed "now" (2026-05-28) so runs are comparable


def _demo(path: Path, seed: int = 7, tickets: int = 400) -> tuple[str, dict[str, int]]:
    ws = open_workspace(f"sqlite:///{path}")
    try:
        generate_demo(ws, tickets=tickets, seed=seed, now=NOW, compute_clocks=False)
        with ws.engine.connect() as connection:
            rows = connection.execute(
                text("SELECT external_id, subject, priority, status, created_at FROM tickets")
            ).all()
        return repr(sorted(rows)), row_counts(ws)
    finally:
        ws.close()


def test_same_seed_gives_the_same_workspace(tmp_path: Path) -> None:
    first = _demo(tmp_path / "a.sqlite3")
    second = _demo(tmp_path / "b.sqlite3")
    other = _demo(tmp_path / "c.sqlite3", seed=8)
    assert first == second
    assert first[0] != other[0]


def test_demo_content_is_realistic(tmp_path: Path) -> None:
    ws = open_workspace(f"sqlite:///{tmp_path / 'ws.sqlite3'}")
    try:
        result = generate_demo(ws, tickets=2000, seed=3, now=NOW, compute_clocks=False)
        assert result.tickets == 2000
        with ws.engine.connect() as c:
            assert c.execute(select(func.count()).select_from(Ticket)).scalar_one() == 2000
            events = c.execute(select(func.count()).select_from(TicketEvent)).scalar_one()
            assert events == result.events > 2000 * 5
            subjects = set(c.execute(select(Ticket.subject)).scalars())
            assert set(NASTY_SUBJECTS) <= subjects
            status = dict(c.execute(text("SELECT status, count(*) FROM tickets GROUP BY 1")).all())
            assert status["closed"] > status["solved"] > 0
            assert status.get("open", 0) + status.get("new", 0) > 0
            assert status.get("pending", 0) + status.get("on_hold", 0) >= 0
            priority = dict(
                c.execute(text("SELECT priority, count(*) FROM tickets GROUP BY 1")).all()
            )
            assert 0 < priority["urgent"] < priority["high"] < priority["normal"]
            types = set(c.execute(text("SELECT DISTINCT type FROM ticket_events")).scalars())
            assert {"created", "agent_reply", "customer_reply", "status_changed"} <= types
            pauses = c.execute(
                text("SELECT count(*) FROM ticket_events WHERE status IN ('pending','on_hold')")
            ).scalar_one()
            reopen = c.execute(
                text(
                    "SELECT ticket_id FROM ticket_events WHERE type = 'status_changed'"
                    " AND status = 'solved' GROUP BY ticket_id HAVING count(*) > 1"
                )
            ).all()
            assert pauses > 100 and len(reopen) > 10
            # Weekday seasonality: Monday busier than Sunday (strftime %w: 0 = Sunday).
            by_day = dict(
                c.execute(
                    text(
                        "SELECT strftime('%w', created_at, 'unixepoch'), count(*) FROM tickets"
                        " GROUP BY 1"
                    )
                ).all()
            )
            assert by_day["1"] > 2 * by_day["0"]
            # CSAT is worse for slow tickets than for fast ones.
            fast, slow = c.execute(
                text(
                    "SELECT avg(CASE WHEN t.solved_at - t.created_at < 86400 THEN s.score END),"
                    " avg(CASE WHEN t.solved_at - t.created_at > 7*86400 THEN s.score END)"
                    " FROM survey_answers s JOIN tickets t ON t.id = s.ticket_id"
                    " WHERE s.kind = 'csat'"
                )
            ).one()
            assert fast > slow
            tiers = set(c.execute(text("SELECT DISTINCT tier FROM customers")).scalars())
            assert tiers == {"enterprise", "business", "standard"}
            assert c.execute(text("SELECT count(*) FROM outages")).scalar_one() > 4
            names = set(c.execute(text("SELECT name FROM policies")).scalars())
            assert {"Enterprise customers", "Urgent around the clock"} <= names
            assert all(
                at <= NOW for at in c.execute(text("SELECT max(at) FROM ticket_events")).scalars()
            )
    finally:
        ws.close()


def test_running_the_same_seed_twice_is_refused_and_changes_nothing(tmp_path: Path) -> None:
    ws = open_workspace(f"sqlite:///{tmp_path / 'ws.sqlite3'}")
    try:
        generate_demo(ws, tickets=50, seed=1, now=NOW, compute_clocks=False)
        before, digest = row_counts(ws), content_hash(ws)
        with pytest.raises(ValidationError, match="seed 1"):
            generate_demo(ws, tickets=50, seed=1, now=NOW, compute_clocks=False)
        assert row_counts(ws) == before and content_hash(ws) == digest
    finally:
        ws.close()


def test_clocks_are_computed_with_a_spread_of_outcomes(tmp_path: Path) -> None:
    ws = open_workspace(f"sqlite:///{tmp_path / 'ws.sqlite3'}")
    try:
        result = generate_demo(ws, tickets=1500, seed=2, now=NOW)
        if not result.clocks_computed:
            pytest.skip("this build has no app.recompute yet")
        with ws.engine.connect() as c:
            states = dict(
                c.execute(text("SELECT sla_state, count(*) FROM tickets GROUP BY 1")).all()
            )
        assert states["achieved"] > states["breached"] > 0.03 * 1500
        assert states.get("ok", 0) + states.get("at_risk", 0) > 0
    finally:
        ws.close()


def test_the_default_demo_covers_twelve_months(tmp_path: Path) -> None:
    """Issue 17: every screen has a year of history (the default demo covered 33 days)."""
    ws = open_workspace(f"sqlite:///{tmp_path / 'ws.sqlite3'}")
    try:
        generate_demo(ws, seed=4, now=NOW, compute_clocks=False)  # the default size
        with ws.engine.connect() as connection:
            first, months = connection.execute(
                text(
                    "SELECT min(created_at),"
                    " count(DISTINCT strftime('%Y-%m', created_at, 'unixepoch')) FROM tickets"
                )
            ).one()
    finally:
        ws.close()
    assert NOW - first >= 365 * 86_400
    assert months >= 13  # twelve whole months and the current one


@pytest.mark.parametrize("held", [250_000, 20])
def test_new_tickets_rollup_summed_across_chunks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, held: int
) -> None:
    """The daily rollup deltas of a demo's (and a first import's) new tickets are summed
    across chunks before they are written (``summed_after``), whether their keys wait for
    later chunks or (``held``: few may wait) are written at once; the tables equal those
    derived from the clock rows after a first demo of many chunks, a second (as many
    tickets as before it: the sums by team and by span made once at the end) and a third
    (fewer: every table added to chunk by chunk), each adding to existing rows."""
    from slaworkbench.app.recompute import within
    from slaworkbench.store.analytics import rollup, rollup_check

    monkeypatch.setattr(rollup, "_LATER_ROWS", held)
    monkeypatch.setattr(within, "CHUNK", 40)
    ws = open_workspace(f"sqlite:///{tmp_path / 'ws.sqlite3'}")
    try:
        for seed, tickets in ((1, 300), (2, 300), (3, 100)):
            generate_demo(ws, tickets=tickets, seed=seed, now=NOW)
            with ws.engine.connect() as connection:
                assert rollup_check.rollup_differences(connection) == []
                stored = rollup.rollup_rows(connection)
        assert sum(a + b + o for a, b, o in stored.values()) > 700
    finally:
        ws.close()
