"""The demo's tickets, one chunk at a time: random draws and the rows built from them.

``ChunkDraws`` draws every random number of a chunk as numpy arrays, in a fixed order
(the order is part of the demo: same seed, same workspace); ``build_record`` turns one
ticket's draws into its events and ``TicketRecord``; ``build_survey_rows`` answers the
surveys of a written chunk.

Escalations between teams: a share of the tickets of second-line teams (``ESCALATED``)
arrive at the first line (``FIRST_LINE``), which answers first and then moves them to
their team (``field_changed`` on ``team``, and an assignment there); some of those
(``DETOUR``) go to a wrong second-line team first, which passes them on. So a ticket has
none, one or two team moves, and the OLA cycles of several teams show.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

import numpy as np
from numpy.typing import NDArray

from slaworkbench.app.demo.catalogue import (
    CATEGORIES,
    CATEGORY_NAMES,
    CATEGORY_WEIGHTS,
    CHANNEL_WEIGHTS,
    CHANNELS,
    COMPANY_WORDS,
    DAY,
    FIRST_RESPONSE_TARGET,
    HOUR,
    HOUR_WEIGHTS,
    NASTY_SUBJECTS,
    OFFICE_ZONE,
    PRIORITIES,
    PRIORITY_WEIGHTS,
    PRODUCTS,
    RESOLUTION_TARGET,
    SITES,
    TAGS,
    TEAMS,
    TIERS,
    WEEKDAY_WEIGHTS,
)
from slaworkbench.domain.model import TEAM_FIELD, Priority, Status
from slaworkbench.store.importing.records import EventRow, TicketRecord

FIRST_LINE = "Service Desk"
"""The team that takes every call first; the other teams are the second line."""
SECOND_LINE = tuple(team for team in TEAMS if team != FIRST_LINE)
ESCALATED = 0.3
"""The share of second-line tickets that arrive at the first line and are escalated."""
DETOUR = 0.2
"""The share of escalated tickets that go to a wrong second-line team first."""


def _probabilities(weights: tuple[float, ...]) -> NDArray[np.float64]:
    array = np.asarray(weights, dtype=np.float64)
    normalised: NDArray[np.float64] = array / array.sum()
    return normalised


def draw_customers(rng: np.random.Generator) -> list[tuple[str, str]]:
    first, second = COMPANY_WORDS
    names = [f"{a} {b}" for a in first for b in second]
    chosen = rng.choice(len(names), size=48, replace=False)
    tiers = rng.choice(3, size=48, p=_probabilities((0.15, 0.35, 0.5)))
    return [(names[int(i)], TIERS[int(t)]) for i, t in zip(chosen, tiers, strict=True)]


def creation_instants(
    rng: np.random.Generator, count: int, now: int, days: int
) -> NDArray[np.int64]:
    """Creation instants over ``days`` days before ``now``, with office seasonality,
    ascending: the demo numbers its tickets in the order they were opened, as a helpdesk
    does."""
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
    clipped: NDArray[np.int64] = np.sort(np.minimum(instants, now - 60))
    return clipped


def _subject(rng: np.random.Generator, template: str) -> str:
    return template.format(
        product=PRODUCTS[int(rng.integers(len(PRODUCTS)))],
        site=SITES[int(rng.integers(len(SITES)))],
        number=int(rng.integers(10_000, 99_999)),
        floor=int(rng.integers(1, 9)),
    )


class ChunkDraws:
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
    escalated: Any
    escalate_after: Any
    detour: Any

    def __init__(self, rng: np.random.Generator, created: NDArray[np.int64]) -> None:
        """``created``: the chunk's creation instants, ascending (``creation_instants``)."""
        count = int(created.size)
        self.created = created
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
        # Drawn last, so every draw above is what it was before escalations existed.
        self.escalated = rng.random(count) < ESCALATED
        self.escalate_after = rng.exponential(2 * HOUR, size=(count, 2)).astype(np.int64) + 300
        self.detour = rng.random(count) < DETOUR
        # Per-ticket code reads single elements: Python lists of Python numbers are
        # several times faster to index than numpy arrays (same values, same demo).
        for name, value in list(vars(self).items()):
            setattr(self, name, value.tolist())


def _events(
    c: ChunkDraws, i: int, priority: str, agent: str, requester: str, now: int, team: str
) -> list[EventRow]:
    created = int(c.created[i])
    fr = created + max(60, int(c.response_factor[i] * FIRST_RESPONSE_TARGET[priority] * 1.5))
    resolve = created + max(
        fr - created + 600, int(c.resolution_factor[i] * RESOLUTION_TARGET[priority] * 2.2)
    )
    jitter = c.jitter[i]
    route = _route(c, i, team)
    # An escalated ticket is answered first by the first line, then moved on.
    first = TEAMS[FIRST_LINE][int(c.agent[i]) % len(TEAMS[FIRST_LINE])] if route else agent
    ev: list[EventRow] = [(created, "created", requester, "new", priority, None, None)]
    if route:
        ev.append((created, "field_changed", "triage", None, None, TEAM_FIELD, FIRST_LINE))
    ev.append((created + int(jitter[0] % 600), "assigned", "triage", None, None, None, first))
    ev.append((fr, "agent_reply", first, None, None, None, None))
    ev.append((fr, "status_changed", first, "open", None, None, None))
    t = fr
    moved = fr
    for step, to in enumerate(route):
        moved = max(fr, min(moved + int(c.escalate_after[i][step]), resolve - 900 + 300 * step))
        by = first if step == 0 else TEAMS[route[0]][int(c.agent[i]) % len(TEAMS[route[0]])]
        helper = agent if to == team else TEAMS[to][int(c.agent[i]) % len(TEAMS[to])]
        ev.append((moved, "field_changed", by, None, None, TEAM_FIELD, to))
        ev.append((moved, "assigned", by, None, None, None, helper))
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


def _route(c: ChunkDraws, i: int, team: str) -> tuple[str, ...]:
    """The teams an escalated ticket is moved to after the first line, in order (empty:
    it went straight to ``team``): its own team, or a wrong one first."""
    if team == FIRST_LINE or not c.escalated[i]:
        return ()
    if not c.detour[i]:
        return (team,)
    others = [other for other in SECOND_LINE if other != team]
    return (others[int(c.agent[i]) // 7 % len(others)], team)


def build_record(
    c: ChunkDraws,
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
    events = _events(c, i, priority, agent, requester, now, team)
    assignee: str | None = agent
    if any(row[5] == TEAM_FIELD for row in events):  # moved: where the moves so far left it
        team = next(row[6] for row in reversed(events) if row[5] == TEAM_FIELD) or team
        assignee = next((row[6] for row in reversed(events) if row[1] == "assigned"), agent)
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
        assignee=assignee,
        category=category,
        channel=CHANNELS[int(c.channel[i])],
        tags=frozenset(TAGS[k] for k, tagged in enumerate(c.tags[i]) if tagged),
    )
    return record, solved_at


def build_survey_rows(
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
