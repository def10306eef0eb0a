"""A dashboard reload reuses what did not change (``facts.kept``, ``store/analytics/
open_work.py``): with nothing written it reads next to nothing and shows the same
figures; after a ticket action, an import or a policy save (each through its use case)
it shows the new figures, equal to a load from nothing. The backlog and the breaches to
come, counted from the kept open work, equal the SQL counts at every instant and scope."""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, event, select

from slaworkbench.app.analytics import dashboard as dd
from slaworkbench.app.analytics.filters import Filters
from slaworkbench.app.importing.run import import_ticket_csv
from slaworkbench.app.policies.saving import save_policy
from slaworkbench.app.recompute.run import recompute
from slaworkbench.app.tickets.actions import change_status
from slaworkbench.domain.model import Status
from slaworkbench.store.analytics import facts
from slaworkbench.store.analytics.dashboard import (
    DueCount,
    TicketScope,
    backlog_by_remaining,
    due_soon,
    tickets_breaching,
)
from slaworkbench.store.analytics.open_work import open_work
from slaworkbench.store.schema import OPEN_STATUSES, Team, Ticket, TicketClock
from slaworkbench.store.workspace import Workspace
from tests.support.import_files import write_csv
from tests.support.twin_demos import demo_copy
from tests.support.two_desks import scaled_edit, ticket_version

NOW = int(dt.datetime(2026, 6, 10, 15, 30, tzinfo=dt.UTC).timestamp())
TODAY = dt.date(2026, 6, 10)
YEAR = Filters(TODAY - dt.timedelta(days=364), TODAY)


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[Workspace]:
    facts.clear_cache()
    ws = demo_copy(tmp_path / "demo.sqlite3", tickets=250, seed=4, now=NOW)
    yield ws
    facts.clear_cache()
    ws.close()


def _reload(ws: Workspace, now: int = NOW) -> dict[str, Any]:
    """Every section, each in its own session as the dashboard's tasks load them."""
    out: dict[str, Any] = {}
    for section in dd.SECTIONS:
        with ws.session() as session:
            out[section] = dd.loader(section, YEAR, now=now)(session)
    return out


def _fresh(ws: Workspace, now: int = NOW) -> dict[str, Any]:
    """The same sections loaded from nothing kept."""
    facts.clear_cache()
    return _reload(ws, now)


def _statements(engine: Engine) -> list[str]:
    seen: list[str] = []
    event.listen(engine, "before_cursor_execute", lambda *args: seen.append(args[2]))
    return seen


def _queries(statements: list[str]) -> list[str]:
    return [s for s in statements if s.split()[0].upper() not in ("BEGIN", "COMMIT", "ROLLBACK")]


def test_a_reload_with_nothing_changed_reuses_the_figures_and_reads_next_to_nothing(
    demo: Workspace,
) -> None:
    first = _reload(demo)
    seen = _statements(demo.engine)
    again = _reload(demo, NOW + 600)
    # One statement per section to begin its snapshot, and the availability's own three
    # (services, outages, the customer's agreement: it is about now).
    assert len(_queries(seen)) <= len(dd.SECTIONS) + 3, _queries(seen)
    for section in set(dd.SECTIONS) - dd.ABOUT_NOW:
        assert again[section] is first[section], section
    assert again == _fresh(demo, NOW + 600)  # the about-now ones counted for the new now


def test_a_ticket_action_shows_in_the_next_reload(demo: Workspace) -> None:
    before = _reload(demo)
    with demo.session() as session:
        ticket_id = session.execute(
            select(TicketClock.ticket_id)
            .join(Ticket, Ticket.id == TicketClock.ticket_id)
            .where(
                TicketClock.metric == "resolution",
                TicketClock.stopped_at.is_(None),
                Ticket.status.in_(OPEN_STATUSES),
            )
            .order_by(TicketClock.ticket_id)
            .limit(1)
        ).scalar_one()
    change_status(
        demo, ticket_id, Status.SOLVED, author="Ana",
        expected_version=ticket_version(demo, ticket_id), now=NOW + 60,
    )  # fmt: skip
    after = _reload(demo, NOW + 120)
    assert after["summary"] != before["summary"]  # one resolution stopped, one fewer running
    assert after["backlog"].open_total == before["backlog"].open_total - 1
    assert after == _fresh(demo, NOW + 120)


def test_an_import_shows_in_the_next_reload(demo: Workspace, tmp_path: Path) -> None:
    before = _reload(demo)
    created = dt.datetime.fromtimestamp(NOW - 7 * 86400, dt.UTC)
    answered = created + dt.timedelta(hours=2)
    rows = "".join(
        f"IMP-{n},{created:%Y-%m-%dT%H:%M:%SZ},{answered:%Y-%m-%dT%H:%M:%SZ}\n" for n in range(6)
    )
    import_ticket_csv(demo, write_csv(tmp_path / "new.csv", "id,created,first_response\n" + rows))
    after = _reload(demo, NOW + 60)
    assert after["backlog"].open_total == before["backlog"].open_total + 6
    assert after["summary"] != before["summary"]  # six first responses more
    assert after == _fresh(demo, NOW + 60)


def test_a_policy_save_shows_in_the_next_reload(demo: Workspace) -> None:
    before = _reload(demo)
    save_policy(
        demo, scaled_edit(demo, "Enterprise customers", 0.2), author="Ana", reason="targets"
    )
    recompute(demo, now=NOW + 60)  # what the window runs after a save: the open tickets
    after = _reload(demo)
    for section in ("summary", "backlog", "soon"):  # shorter targets: more overdue, sooner
        assert after[section] != before[section], section
    assert after == _fresh(demo)


def _per_slot(rows: list[DueCount]) -> Counter[tuple[str, int]]:
    """Counts per metric and slot (SQL divides the seconds as reals: it may return one
    slot in several rows, which the loader adds up)."""
    out: Counter[tuple[str, int]] = Counter()
    for row in rows:
        out[(row.metric, row.slot)] += row.count
    return out


def test_the_kept_open_work_counts_as_the_sql_at_every_instant_and_scope(
    demo: Workspace,
) -> None:
    with demo.session() as session:
        work = open_work(session)
        teams = list(session.execute(select(Team.id)).scalars())[:2]
        customers = list(session.execute(select(Ticket.customer_id).distinct()).scalars())[:2]
        scopes = [
            TicketScope(team_id=team, customer_id=customer, priority=priority)
            for team, customer, priority in itertools.product(
                [None, *teams, -5], [None, *customers], [None, "high", "nonesuch"]
            )
        ]
        edges = dd.REMAINING_EDGES
        instants = [NOW - 30 * 86400, NOW - 3601, NOW, NOW + 7 * 3600 + 1, NOW + 10 * 86400]
        assert work.next_due_at.size > 20 and work.clock_due_at.size > 20
        for scope, now in itertools.product(scopes, instants):
            backlog = work.backlog(scope, now=now, edges=edges)
            assert Counter(backlog) == Counter(
                backlog_by_remaining(session, scope, now=now, edges=edges)
            ), (scope, now)
            slots = {"horizon": dd.SOON_HORIZON, "slot_seconds": dd.SOON_SLOT}
            assert _per_slot(work.due_soon(scope, now=now, **slots)) == _per_slot(
                due_soon(session, scope, now=now, **slots)
            ), (scope, now)
            horizons = (dd.DAY, dd.SOON_HORIZON)
            assert work.tickets_breaching(scope, now=now, horizons=horizons) == (
                tickets_breaching(session, scope, now=now, horizons=horizons)
            ), (scope, now)
