"""A realistic demo workspace, deterministic by seed (``slaworkbench demo``).

Random draws are numpy arrays per chunk of tickets; events are built as plain tuples and
written with ``store.importing.bulk`` in one transaction, so a million tickets is a
matter of minutes (docs/perf/import.md). What it makes: customers in tiers, teams and
agents, an office calendar and extra policies, tickets with weekday and hour-of-day
seasonality, pauses, reopenings, replies both ways, CSAT/NPS answers that get worse as
tickets get slower, and services with outages. A few subjects are deliberately nasty
(HTML, spreadsheet formulas) so escaping is exercised everywhere.
"""

from __future__ import annotations

import datetime as dt
import time
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray
from sqlalchemy import Connection, Table, select
from sqlalchemy.orm import Session

from slaworkbench.app.importing import recompute_clocks
from slaworkbench.domain.model import Priority, Status
from slaworkbench.i18n import tr
from slaworkbench.store.errors import ValidationError
from slaworkbench.store.importing.bulk import (
    NameIds,
    RowInserter,
    bulk_write_settings,
    insert_rows,
    write_tickets,
)
from slaworkbench.store.importing.records import EventRow, TicketRecord
from slaworkbench.store.policies import (
    list_policies,
    reorder_policies,
    save_calendar_spec,
    save_policy_version,
)
from slaworkbench.store.schema import Outage, Service, SurveyAnswer, Ticket
from slaworkbench.store.workspace import Workspace

OFFICE_CALENDAR = "Demo office (Lisbon)"
OFFICE_ZONE = "Europe/Lisbon"
AUTHOR = "demo generator"
CHUNK = 10_000
HOUR = 3600
DAY = 86_400

NASTY_SUBJECTS = (
    "<b>x</b> & <img src=x>",
    "=cmd|' /C calc'!A0",
    "+SUM(1+1)*cmd|' /C calc'!A0",
    "@import url(http://x) -- \"quoted\", 'single' ; DROP TABLE tickets;",
    "Ünïcödé ✓ 日本語 — right-to-left: שלום",
)
PRIORITIES = ("urgent", "high", "normal", "low")
PRIORITY_WEIGHTS = (0.04, 0.16, 0.55, 0.25)
FIRST_RESPONSE_TARGET = {"urgent": 1 * HOUR, "high": 2 * HOUR, "normal": 4 * HOUR, "low": 8 * HOUR}
RESOLUTION_TARGET = {"urgent": 8 * HOUR, "high": 16 * HOUR, "normal": 40 * HOUR, "low": 80 * HOUR}
TIERS = ("enterprise", "business", "standard")
TEAMS = {
    "Service Desk": ("Ana Costa", "Bruno Silva", "Carla Mendes", "Diogo Reis", "Eva Lopes"),
    "Network": ("Filipe Rocha", "Gita Rao", "Hugo Nunes"),
    "Applications": ("Inês Martins", "João Pires", "Kenji Sato", "Lena Vogel"),
    "Billing": ("Marta Sousa", "Nuno Alves"),
    "Hardware": ("Olga Ivanova", "Paulo Teixeira", "Quentin Moreau"),
}
CATEGORIES = {
    "access": ("Service Desk", ("Cannot log in to {product}", "Password reset for {product}")),
    "network": ("Network", ("VPN drops every few minutes", "Slow connection at {site}")),
    "software": ("Applications", ("{product} crashes on start", "Error 500 in {product}")),
    "billing": ("Billing", ("Invoice {number} is wrong", "Refund for order {number}")),
    "hardware": ("Hardware", ("Laptop does not charge", "Printer on floor {floor} jams")),
    "how-to": ("Service Desk", ("How do I export reports from {product}?", "Add a user")),
}
CATEGORY_NAMES = tuple(CATEGORIES)
CATEGORY_WEIGHTS = (0.22, 0.14, 0.24, 0.14, 0.10, 0.16)
CHANNELS = ("email", "web", "phone", "chat")
CHANNEL_WEIGHTS = (0.45, 0.25, 0.15, 0.15)
TAGS = ("vip", "bug", "outage", "follow-up", "onboarding", "security", "mobile")
PRODUCTS = ("Atlas CRM", "Billing portal", "Mail", "Timesheets", "Warehouse app")
SITES = ("Lisbon", "Porto", "Madrid", "Berlin")
COMPANY_WORDS = (
    (
        "Acme",
        "Globex",
        "Initech",
        "Umbrella",
        "Stark",
        "Wayne",
        "Hooli",
        "Vandelay",
        "Nimbus",
        "Orbit",
        "Cobalt",
        "Juniper",
        "Maple",
        "Quartz",
        "Harbor",
    ),
    ("Logistics", "Retail", "Health", "Foods", "Energy", "Labs", "Travel", "Media"),
)
# Relative ticket volume by weekday (Mon..Sun) and by local hour of day.
WEEKDAY_WEIGHTS = (1.25, 1.15, 1.1, 1.05, 0.95, 0.3, 0.2)
HOUR_WEIGHTS = (
    0.2, 0.1, 0.1, 0.1, 0.1, 0.2, 0.5, 1.2, 2.5, 3.6, 3.8, 3.2,
    2.2, 2.8, 3.4, 3.3, 2.9, 2.2, 1.3, 0.8, 0.6, 0.5, 0.4, 0.3,
)  # fmt: skip
SURVEY_COLUMNS = ("ticket_id", "kind", "score", "answered_at")
SERVICES = (("Mail", 0.999), ("VPN", 0.995), ("Billing portal", 0.999), ("Customer API", 0.9995))


@dataclass(frozen=True, slots=True)
class DemoResult:
    tickets: int
    events: int
    survey_answers: int
    outages: int
    clocks_computed: bool
    now: int
    """The instant the demo was generated for (its "now"; clocks are judged at it)."""


def _probabilities(weights: tuple[float, ...]) -> NDArray[np.float64]:
    array = np.asarray(weights, dtype=np.float64)
    normalised: NDArray[np.float64] = array / array.sum()
    return normalised


def _customers(rng: np.random.Generator) -> list[tuple[str, str]]:
    first, second = COMPANY_WORDS
    names = [f"{a} {b}" for a in first for b in second]
    chosen = rng.choice(len(names), size=48, replace=False)
    tiers = rng.choice(3, size=48, p=_probabilities((0.15, 0.35, 0.5)))
    return [(names[int(i)], TIERS[int(t)]) for i, t in zip(chosen, tiers, strict=True)]


def _creation_instants(
    rng: np.random.Generator, count: int, now: int, days: int
) -> NDArray[np.int64]:
    """Creation instants over ``days`` days before ``now``, with office seasonality."""
    zone = zoneinfo.ZoneInfo(OFFICE_ZONE)
    today = dt.datetime.fromtimestamp(now, zone).date()
    dates = [today - dt.timedelta(days=back) for back in range(days)]
    midnights = np.array(
        [int(dt.datetime.combine(d, dt.time(), zone).timestamp()) for d in dates], dtype=np.int64
    )
    day_weights = np.array([WEEKDAY_WEIGHTS[d.weekday()] for d in dates])
    day = rng.choice(days, size=count, p=day_weights / day_weights.sum())
    hour = rng.choice(24, size=count, p=_probabilities(HOUR_WEIGHTS))
    instants = midnights[day] + hour * HOUR + rng.integers(0, HOUR, size=count)
    # Some tickets arrived in the last few hours: open clocks due soon.
    recent = rng.random(count) < 0.02
    instants[recent] = now - rng.integers(60, 8 * HOUR, size=int(recent.sum()))
    clipped: NDArray[np.int64] = np.minimum(instants, now - 60)
    return clipped


def _subject(rng: np.random.Generator, template: str) -> str:
    return template.format(
        product=PRODUCTS[int(rng.integers(len(PRODUCTS)))],
        site=SITES[int(rng.integers(len(SITES)))],
        number=int(rng.integers(10_000, 99_999)),
        floor=int(rng.integers(1, 9)),
    )


class _Chunk:
    """The random draws of one chunk of tickets, drawn as arrays, kept as lists."""

    created: Any
    priority: Any
    customer: Any
    category: Any
    channel: Any
    agent: Any
    response_factor: Any
    resolution_factor: Any
    pause: Any
    pause_length: Any
    on_hold: Any
    exchanges: Any
    reopen: Any
    priority_change: Any
    note: Any
    tags: Any
    close_after: Any
    jitter: Any
    diligent: Any

    def __init__(self, rng: np.random.Generator, count: int, now: int, days: int) -> None:
        self.created = np.sort(_creation_instants(rng, count, now, days))
        self.priority = rng.choice(4, size=count, p=_probabilities(PRIORITY_WEIGHTS))
        self.customer = np.where(
            rng.random(count) < 0.6,
            rng.integers(0, 48, size=count),
            np.minimum(rng.zipf(1.5, size=count) - 1, 47),
        )
        self.category = rng.choice(len(CATEGORIES), size=count, p=_probabilities(CATEGORY_WEIGHTS))
        self.channel = rng.choice(4, size=count, p=_probabilities(CHANNEL_WEIGHTS))
        self.agent = rng.integers(0, 1_000_000, size=count)
        # Wall-clock delays as multiples of the priority's target: most well inside it,
        # a tail far beyond (these become the breaches).
        self.response_factor = rng.lognormal(-1.6, 0.9, size=count)
        self.resolution_factor = rng.lognormal(-0.9, 0.8, size=count)
        self.pause = rng.random(count) < 0.3
        self.pause_length = rng.exponential(10 * HOUR, size=count).astype(np.int64) + 300
        self.on_hold = rng.random(count) < 0.08
        self.exchanges = rng.poisson(0.8, size=count)
        self.reopen = rng.random(count) < 0.06
        self.priority_change = rng.random(count) < 0.03
        self.note = rng.random(count) < 0.25
        self.tags = rng.random((count, len(TAGS))) < 0.08
        self.close_after = rng.integers(2 * DAY, 5 * DAY, size=count)
        self.jitter = rng.integers(60, 3 * HOUR, size=(count, 8))
        self.diligent = rng.random(count) < 0.85
        # Per-ticket code reads single elements: Python lists of Python numbers are
        # several times faster to index than numpy arrays (same values, same demo).
        for name, value in list(vars(self).items()):
            setattr(self, name, value.tolist())


def _events(
    c: _Chunk, i: int, priority: str, agent: str, requester: str, now: int
) -> list[EventRow]:
    created = int(c.created[i])
    fr = created + max(60, int(c.response_factor[i] * FIRST_RESPONSE_TARGET[priority] * 1.5))
    resolve = created + max(
        fr - created + 600, int(c.resolution_factor[i] * RESOLUTION_TARGET[priority] * 2.2)
    )
    jitter = c.jitter[i]
    ev: list[EventRow] = [(created, "created", requester, "new", priority, None, None)]
    ev.append((created + int(jitter[0] % 600), "assigned", "triage", None, None, None, agent))
    ev.append((fr, "agent_reply", agent, None, None, None, None))
    ev.append((fr, "status_changed", agent, "open", None, None, None))
    t = fr
    if c.priority_change[i]:
        t += int(jitter[1])
        new = PRIORITIES[max(0, PRIORITIES.index(priority) - 1)]
        ev.append((t, "priority_changed", agent, None, new, None, None))
    if c.note[i]:
        t += int(jitter[2] % 1800)
        ev.append((t, "internal_note", agent, None, None, None, "Checked the logs."))
    for k in range(int(c.exchanges[i])):
        t += int(jitter[3 + k % 3])
        ev.append((t, "customer_reply", requester, None, None, None, None))
        t += int(jitter[4 + k % 3] % (2 * HOUR)) + 120
        ev.append((t, "agent_reply", agent, None, None, None, None))
    if c.pause[i]:
        t += int(jitter[5] % HOUR) + 60
        ev.append((t, "status_changed", agent, "pending", None, None, None))
        t += int(c.pause_length[i])
        ev.append((t, "customer_reply", requester, None, None, None, None))
        ev.append((t, "status_changed", requester, "open", None, None, None))
    if c.on_hold[i]:
        t += int(jitter[6] % HOUR) + 60
        ev.append((t, "status_changed", agent, "on_hold", None, None, None))
        t += int(c.pause_length[i] // 2) + 600
        ev.append((t, "status_changed", agent, "open", None, None, None))
    solve = max(resolve, t + 300)
    if c.diligent[i]:  # updates while the ticket is worked on (periodic_update cycles)
        every = FIRST_RESPONSE_TARGET[priority] * 3
        ev.extend(
            (at, "agent_reply", agent, None, None, None, "Update: still working on it.")
            for at in range(fr + every, solve - 600, every)[:20]
        )
    ev.append((solve, "agent_reply", agent, None, None, None, None))
    ev.append((solve, "status_changed", agent, "solved", None, None, None))
    end = solve
    if c.reopen[i]:
        end += int(jitter[7]) * 4
        ev.append((end, "customer_reply", requester, None, None, None, None))
        ev.append((end, "status_changed", requester, "open", None, None, None))
        end += int(jitter[0]) + 900
        ev.append((end, "agent_reply", agent, None, None, None, None))
        ev.append((end, "status_changed", agent, "solved", None, None, None))
    ev.append((end + int(c.close_after[i]), "status_changed", "system", "closed", None, None, None))
    ev.sort(key=lambda e: e[0])  # stable: same-instant events keep their order
    return [e for e in ev if e[0] <= now]


def _record(
    c: _Chunk,
    i: int,
    number: int,
    seed: int,
    now: int,
    customers: list[tuple[str, str]],
    rng: np.random.Generator,
) -> tuple[TicketRecord, int | None]:
    priority = PRIORITIES[int(c.priority[i])]
    category = CATEGORY_NAMES[int(c.category[i])]
    team, templates = CATEGORIES[category]
    agents = TEAMS[team]
    agent = agents[int(c.agent[i]) % len(agents)]
    customer, tier = customers[int(c.customer[i])]
    requester = f"user{int(c.agent[i]) % 997}@{customer.split()[0].lower()}.example"
    if number <= len(NASTY_SUBJECTS):
        subject = NASTY_SUBJECTS[number - 1]
    else:
        subject = _subject(rng, templates[int(c.agent[i]) % len(templates)])
    events = _events(c, i, priority, agent, requester, now)
    status = "new"
    current_priority = priority
    solved_at: int | None = None
    for at, kind, _author, new_status, new_priority, _f, _v in events:
        if kind in ("created", "status_changed") and new_status is not None:
            if new_status in ("solved", "closed") and status not in ("solved", "closed"):
                solved_at = at
            elif new_status not in ("solved", "closed"):
                solved_at = None
            status = new_status
        if new_priority is not None:
            current_priority = new_priority
    record = TicketRecord(
        external_id=f"DEMO-{seed}-{number:07d}",
        subject=subject,
        priority=Priority(current_priority),
        status=Status(status),
        created_at=events[0][0],
        updated_at=events[-1][0],
        solved_at=solved_at,
        event_rows=tuple(events),
        requester=requester,
        customer=customer,
        customer_tier=tier,
        team=team,
        assignee=agent,
        category=category,
        channel=CHANNELS[int(c.channel[i])],
        tags=frozenset(TAGS[k] for k, tagged in enumerate(c.tags[i]) if tagged),
    )
    return record, solved_at


def _survey_rows(
    rng: np.random.Generator,
    ticket_ids: list[int],
    records: list[TicketRecord],
    solved: list[int | None],
    now: int,
) -> list[tuple[int, str, int, int]]:
    """CSAT (1–5) and NPS (0–10) answers as ``SURVEY_COLUMNS`` tuples; slower
    resolutions score lower."""
    rows: list[tuple[int, str, int, int]] = []
    count = len(records)
    answer = rng.random(count).tolist()
    noise = rng.normal(0.0, 0.8, size=count).tolist()
    delay = rng.integers(HOUR, 3 * DAY, size=count).tolist()
    for k, (ticket_id, record, solved_at) in enumerate(
        zip(ticket_ids, records, solved, strict=True)
    ):
        if solved_at is None or answer[k] > 0.35:
            continue
        answered = solved_at + int(delay[k])
        if answered > now:
            continue
        slowness = (solved_at - record.created_at) / RESOLUTION_TARGET[record.priority]
        happiness = 4.6 - 1.1 * float(np.log1p(slowness)) + float(noise[k])
        csat = min(max(round(happiness), 1), 5)
        rows.append((ticket_id, "csat", csat, answered))
        if answer[k] < 0.12:
            nps = min(max(round(happiness * 2.2 - 1), 0), 10)
            rows.append((ticket_id, "nps", nps, answered))
    return rows


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
    """Add ``tickets`` demo tickets (and their world) to the workspace in one transaction."""
    if tickets < 1:
        raise ValidationError(tr("A demo needs at least one ticket."))
    now = int(time.time()) if now is None else int(now)
    rng = np.random.default_rng(seed)
    days = int(min(365, max(30, tickets // 150)))
    customers = _customers(rng)
    surveys: Table = SurveyAnswer.__table__  # type: ignore[assignment]
    events = answers = outage_count = 0
    with workspace.begin() as connection, bulk_write_settings(connection):
        first_id = f"DEMO-{seed}-{1:07d}"
        if connection.execute(select(Ticket.id).where(Ticket.external_id == first_id)).first():
            raise ValidationError(
                tr(
                    "This workspace already holds the demo tickets of seed {seed}; "
                    "use another --seed or another workspace."
                ).format(seed=seed)
            )
        _setup_policies(connection, now)
        outage_count = _services(connection, rng, now, days)
        names = NameIds(connection)
        insert_surveys = RowInserter(connection, surveys, SURVEY_COLUMNS)
        done = 0
        while done < tickets:
            count = min(CHUNK, tickets - done)
            chunk = _Chunk(rng, count, now, days)
            built = [
                _record(chunk, i, done + i + 1, seed, now, customers, rng) for i in range(count)
            ]
            records = [record for record, _ in built]
            ids, written = write_tickets(connection, records, names)
            events += written
            survey_rows = _survey_rows(rng, ids, records, [s for _, s in built], now)
            insert_surveys(survey_rows)
            answers += len(survey_rows)
            done += count
            if progress is not None:
                progress(done)
    computed = recompute_clocks(workspace, now=now) if compute_clocks else False
    return DemoResult(tickets, events, answers, outage_count, computed, now)
