"""A realistic demo workspace, deterministic by seed (``slaworkbench demo``).

Random draws are numpy arrays per chunk of tickets; events are built as plain tuples and
written with ``store.importing.bulk`` in one transaction, so a million tickets is a
matter of minutes (docs/perf/import.md). What it makes: customers in tiers, teams and
agents, an office calendar and extra policies, tickets with weekday and hour-of-day
seasonality, pauses, reopenings, replies both ways, CSAT/NPS answers that get worse as
tickets get slower, and services with outages. A few subjects are deliberately nasty
(HTML, spreadsheet formulas) so escaping is exercised everywhere.

The fixed catalogues live in ``demo_catalogue`` and the per-chunk draws and ticket rows
in ``demo_tickets``, drawn a chunk ahead of the writer on a thread (``drafts``); this
module sets up the policies and services and writes it all.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from sqlalchemy import Connection, Table, func, select
from sqlalchemy.orm import Session

from slaworkbench.app.demo import draft_process
from slaworkbench.app.demo.agreements import add_agreements
from slaworkbench.app.demo.catalogue import (
    AUTHOR,
    DAY,
    FIRST_RESPONSE_TARGET,
    HOUR,
    OFFICE_CALENDAR,
    OFFICE_ZONE,
    PRIORITIES,
    RESOLUTION_TARGET,
    SERVICES,
    SURVEY_COLUMNS,
)
from slaworkbench.app.demo.catalogue import CHUNK as CHUNK
from slaworkbench.app.demo.catalogue import NASTY_SUBJECTS as NASTY_SUBJECTS
from slaworkbench.app.demo.draft_process import drafted
from slaworkbench.app.demo.drafts import SurveyRow
from slaworkbench.app.demo.olas import add_team_olas
from slaworkbench.app.demo.tickets import draw_customers
from slaworkbench.app.recompute.within import judge_tickets, record_full_evaluation
from slaworkbench.i18n import tr
from slaworkbench.store.analytics.answer_rollup import answers_counted_later
from slaworkbench.store.errors import ValidationError
from slaworkbench.store.importing.bulk import (
    LOADED_TABLES,
    ChunkWriter,
    NameIds,
    RowInserter,
    indexes_after_load,
    insert_rows,
    ready_plan,
    write_tickets,
)
from slaworkbench.store.policies.calendars import save_calendar_spec
from slaworkbench.store.policies.versions import (
    list_policies,
    reorder_policies,
    save_policy_version,
    set_policy_active,
)
from slaworkbench.store.schema import Outage, Service, SurveyAnswer, Ticket
from slaworkbench.store.seed import STANDARD_POLICY
from slaworkbench.store.workspace import Workspace

log = logging.getLogger(__name__)

HISTORY_DAYS = 366
"""The longest history of the demo's tickets and outages, in days before *now*: the
default demo (5,000 tickets) covers it all, at least twelve months, so the dashboard's
year, its monthly trends and every month of an agreement's statement hold data (issue
17; it covered 33 days). A smaller demo keeps about ``TICKETS_A_DAY`` a day, down to 30
days, so its screens are not empty either."""
TICKETS_A_DAY = 13


@dataclass(frozen=True, slots=True)
class DemoResult:
    tickets: int
    events: int
    survey_answers: int
    outages: int
    clocks_computed: bool
    now: int
    """The instant the demo was generated for (its "now"; clocks are judged at it)."""


def _setup_policies(connection: Connection, now: int) -> None:
    """The office calendar and three demo policies, placed before the standard one."""
    with Session(bind=connection) as session:
        office = {
            "name": OFFICE_CALENDAR,
            "timezone": OFFICE_ZONE,
            "hours": {
                day: [["09:00", "13:00"], ["14:00", "18:00"]]
                for day in ("mon", "tue", "wed", "thu", "fri")
            }
            | {"sat": [], "sun": []},
            "holidays": [
                {"date": f"{year}-{md}", "name": name}
                for year in range(dt.datetime.fromtimestamp(now, dt.UTC).year - 1,
                                  dt.datetime.fromtimestamp(now, dt.UTC).year + 2)
                for md, name in (("01-01", "New Year"), ("04-25", "Freedom Day"),
                                 ("12-25", "Christmas"))
            ],
        }  # fmt: skip
        save_calendar_spec(session, office, AUTHOR, now=now)
        pause = ["on_hold", "pending"]

        def targets(scale: float) -> dict[str, dict[str, int]]:
            return {
                p: {
                    "first_response": int(FIRST_RESPONSE_TARGET[p] * scale),
                    "next_response": int(FIRST_RESPONSE_TARGET[p] * 2 * scale),
                    "periodic_update": int(FIRST_RESPONSE_TARGET[p] * 4 * scale),
                    "resolution": int(RESOLUTION_TARGET[p] * scale),
                }
                for p in PRIORITIES
            }

        existing = {p.name for p in list_policies(session)}
        demo = [
            ("Urgent around the clock", {"priorities": ["urgent"]}, "24/7", 1.0),
            ("Enterprise customers", {"customer_tiers": ["enterprise"]}, OFFICE_CALENDAR, 0.5),
            ("Office hours", {}, OFFICE_CALENDAR, 1.0),
        ]
        for name, conditions, calendar, scale in demo:
            if name in existing:
                continue
            spec = {
                "name": name,
                "active": True,
                "conditions": conditions,
                "targets": targets(scale),
                "calendar": calendar,
                "pause_statuses": pause,
                "warning_fraction": 0.25,
            }
            save_policy_version(
                session, None, spec, calendar_name=calendar, author=AUTHOR,
                reason=tr("Demo workspace"), now=now,
            )  # fmt: skip
        policies = list_policies(session)
        first = [p.id for name, *_ in demo for p in policies if p.name == name]
        reorder_policies(session, first + [p.id for p in policies if p.id not in first])
        # "Office hours" has no conditions: it takes every ticket the two before it leave,
        # so the seeded standard policy after it could never apply. Switch it off rather
        # than ship a policy that silently never matches (it judged no ticket anyway).
        for info in policies:
            if info.name == STANDARD_POLICY and info.active:
                set_policy_active(session, info.id, False)
        session.flush()


def _services(connection: Connection, rng: np.random.Generator, now: int, days: int) -> int:
    services: Table = Service.__table__  # type: ignore[assignment]
    outages: Table = Outage.__table__  # type: ignore[assignment]
    known = set(connection.execute(select(services.c.name)).scalars())
    rows: list[dict[str, Any]] = []
    for index, (name, target) in enumerate(SERVICES):
        if name in known:
            continue
        service_id = connection.execute(
            services.insert().values(name=name, availability_target=target).returning(services.c.id)
        ).scalar_one()
        for _ in range(int(rng.integers(2, 6))):
            start = now - int(rng.integers(HOUR, days * DAY))
            length = int(rng.integers(10 * 60, 4 * HOUR))
            rows.append(
                {
                    "service_id": service_id,
                    "started_at": start,
                    "ended_at": min(start + length, now),
                    "description": tr("{service} unavailable").format(service=name),
                }
            )
        if index == 1:  # one outage still going on
            rows.append(
                {
                    "service_id": service_id,
                    "started_at": now - 25 * 60,
                    "ended_at": None,
                    "description": tr("{service} degraded").format(service=name),
                }
            )
    insert_rows(connection, outages, rows)
    return len(rows)


def generate_demo(
    workspace: Workspace,
    tickets: int = 5000,
    seed: int = 1,
    now: int | None = None,
    progress: Callable[[int], None] | None = None,
    *,
    compute_clocks: bool = True,
) -> DemoResult:
    """Add ``tickets`` demo tickets (and their world: agreements, services, outages,
    surveys) to the workspace in one transaction, their clocks evaluated in that same
    transaction (``compute_clocks``), so a kill leaves the workspace as before or as
    after. The transaction is a bulk load (``Workspace.begin_bulk``, the indexes of
    empty tables built after it: ``indexes_after_load``), so each page reaches the disk
    about once."""
    if tickets < 1:
        raise ValidationError(tr("A demo needs at least one ticket."))
    now = int(time.time()) if now is None else int(now)
    rng = np.random.default_rng(seed)
    days = int(min(HISTORY_DAYS, max(30, tickets // TICKETS_A_DAY)))
    customers = draw_customers(rng)
    surveys: Table = SurveyAnswer.__table__  # type: ignore[assignment]
    events = answers = outage_count = 0
    loaded = (*LOADED_TABLES, surveys)
    with workspace.begin_bulk(staged=True) as connection, indexes_after_load(connection, loaded):
        first_id = f"DEMO-{seed}-{1:07d}"
        if connection.execute(select(Ticket.id).where(Ticket.external_id == first_id)).first():
            raise ValidationError(
                tr(
                    "This workspace already holds the demo tickets of seed {seed}; "
                    "use another --seed or another workspace."
                ).format(seed=seed)
            )
        existed = connection.execute(select(func.max(Ticket.id))).scalar_one()
        # The new tickets' answers are written before their clocks: their first
        # responses are stored and counted once the clocks are (``answer_rollup``).
        with answers_counted_later(connection, int(existed or 0)):
            _setup_policies(connection, now)
            outage_count = _services(connection, rng, now, days)
            names = NameIds(connection)
            insert_surveys = RowInserter(connection, surveys, SURVEY_COLUMNS)
            done = 0
            new_ids: list[int] = []
            # Into a workspace without tickets the drafting process builds the rows ready
            # to insert (as an import's reading process does): they go to the database as
            # they come, each chunk's events while the next chunk arrives, and the
            # survey answers, which need the connection, after the last.
            plan = ready_plan(connection) if tickets >= draft_process.PROCESS_FROM else None
            later: list[SurveyRow] = []
            with (
                drafted(rng, tickets, seed, now, days, customers, plan) as drafts,
                ChunkWriter(connection) as ready_writer,
            ):
                for draft in drafts:
                    if draft.ready is not None:
                        ready_writer.write_ready(draft.ready)
                        ids = list(
                            range(draft.ready.first_id, draft.ready.first_id + draft.ready.count)
                        )
                        events += draft.ready.events
                        survey_rows = draft.survey_rows(ids)
                        later += survey_rows
                    else:
                        ids, written = write_tickets(connection, draft.records, names)
                        events += written
                        survey_rows = draft.survey_rows(ids)
                        insert_surveys(survey_rows)
                    new_ids.extend(ids)
                    answers += len(survey_rows)
                    done += len(ids)
                    if progress is not None:
                        progress(done)
            insert_surveys(later)
            # Agreements pick the busiest customers, so they come after the tickets and before
            # the clocks: an agreement's own calendar judges its customer's tickets.
            outage_count += add_agreements(connection, seed, now)
            add_team_olas(connection, now)
            if compute_clocks:
                if existed:  # the demo's policies now judge the tickets that were there too
                    judge_tickets(connection, now=now, stop_after=int(existed), rebaseline=True)
                judge_tickets(  # just the demo's: another desktop's new tickets have clocks
                    connection, now=now, after_id=int(existed or 0), new_tickets=True, only=new_ids
                )
                record_full_evaluation(connection, now)
    if compute_clocks:
        log.info("Recomputed the clocks of %d demo tickets in the write that added them", tickets)
    return DemoResult(tickets, events, answers, outage_count, compute_clocks, now)
