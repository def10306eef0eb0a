"""One pass over a period's clocks and answers, as numpy columns, shared by every chart.

The dashboard and the printed report ask many questions of the same rows: compliance
per metric, per priority/team/agent/customer, per week, the distributions, the worst
breaches, the policy versions that judged. Each used to be its own ``GROUP BY`` over
every clock stopped in the period joined to its ticket. Here the period's stopped
clocks (with the priority each was judged under), every ticket's current priority, team,
customer and agent, and the period's
survey answers are each fetched *once* into integer arrays (``analytics_fetch``),
joined with numpy, and every figure is computed from them (``app/analytics.py``).

The counts (compliance, trends, breakdowns, policy versions) need no clock row:
``stopped_counts`` reads them from the daily rollup (``store/analytics/rollup.py``),
summed in SQL over what the caller does not split by, whenever the period and its
buckets are whole UTC days; the distributions read only the first responses and
resolutions (``duration_facts``, from an index). ``clock_facts`` remains for periods in
other time zones and for ``from_clock_rows``.

The arrays are cached:
- per session transaction (``Session.info``): every call in one transaction sees one
  snapshot, and a new transaction fetches again;
- across sessions, for a SQLite workspace file, keyed by the engine, the period and the
  file's ``PRAGMA data_version`` read on a dedicated connection (any commit by anyone
  changes it) before and after the transaction's first statement: when both agree, the
  snapshot is the state at that version, as is every entry kept under it. So the
  dashboard's charts, loaded as separate tasks, and a report made right after share one
  fetch; the tickets are shared by every period. Concurrent callers of the same key
  wait for the first one instead of fetching again.

Filters (team, customer, priority) are applied to the arrays by the caller, so changing
them does not fetch again.
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, fields
from typing import Any

import numpy as np
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from slaworkbench.store import dialect
from slaworkbench.store.analytics.fetch import (
    ACHIEVED,
    BREACHED,
    CSAT,
    NPS,
    NULL_ID,
    OTHER,
    ROLLUP_GROUPS,
    Columns,
    IntArray,
    fetch_answers,
    fetch_breaches,
    fetch_clocks,
    fetch_durations,
    fetch_rollup,
    fetch_tickets,
)
from slaworkbench.store.analytics.rollup import DAY
from slaworkbench.store.schema import Ticket

__all__ = [
    "ACHIEVED",
    "BREACHED",
    "CSAT",
    "NPS",
    "NULL_ID",
    "OTHER",
    "AnswerFacts",
    "BreachFacts",
    "ClockCounts",
    "ClockFacts",
    "DurationFacts",
    "aggregates_in_use",
    "answer_facts",
    "breach_facts",
    "cached",
    "clear_cache",
    "clock_facts",
    "duration_facts",
    "from_clock_rows",
    "kept",
    "memo",
    "rollup_counts",
    "stopped_counts",
]


@dataclass(frozen=True, slots=True)
class ClockFacts:
    """Every clock that stopped in ``[start, end)``, one element per clock, in no order."""

    start: int
    end: int
    stopped_at: IntArray
    metric: IntArray
    """Index into ``METRICS`` (-1 for anything else)."""
    state: IntArray
    """``ACHIEVED``, ``BREACHED`` or ``OTHER``."""
    elapsed: IntArray
    policy_version_id: IntArray
    priority: IntArray
    """Index into ``PRIORITIES`` of the priority the clock was judged under
    (``ticket_clocks.priority``; -1 otherwise), not the ticket's current one."""
    team_id: IntArray
    customer_id: IntArray
    agent_id: IntArray

    @property
    def size(self) -> int:
        return int(self.stopped_at.size)

    def where(self, mask: np.ndarray[Any, np.dtype[np.bool_]]) -> ClockFacts:
        """The clocks selected by a boolean mask."""
        return ClockFacts(
            self.start,
            self.end,
            *(getattr(self, f.name)[mask] for f in fields(self)[2:]),
        )

    def counts(self) -> ClockCounts:
        """The clocks as counts of one each."""
        return ClockCounts(
            self.start,
            self.end,
            stopped_at=self.stopped_at,
            metric=self.metric,
            state=self.state,
            policy_version_id=self.policy_version_id,
            priority=self.priority,
            team_id=self.team_id,
            customer_id=self.customer_id,
            agent_id=self.agent_id,
            count=np.ones(self.size, dtype=np.int64),
        )


@dataclass(frozen=True, slots=True)
class ClockCounts:
    """Clocks that stopped in ``[start, end)``, counted per group: each element stands
    for ``count`` clocks of one metric, state, policy version and ticket priority, team,
    customer and agent, stopped at ``stopped_at``. From the daily rollup
    (``rollup_counts``) ``stopped_at`` is the first instant of the clocks' UTC day and
    the groups summed over are ``NULL_ID``; from the clock rows (``ClockFacts.counts``)
    each element is one clock."""

    start: int
    end: int
    stopped_at: IntArray
    metric: IntArray
    state: IntArray
    policy_version_id: IntArray
    priority: IntArray
    team_id: IntArray
    customer_id: IntArray
    agent_id: IntArray
    count: IntArray

    @property
    def size(self) -> int:
        return int(self.stopped_at.size)

    def where(self, mask: np.ndarray[Any, np.dtype[np.bool_]]) -> ClockCounts:
        return ClockCounts(
            self.start,
            self.end,
            *(getattr(self, f.name)[mask] for f in fields(self)[2:]),
        )


@dataclass(frozen=True, slots=True)
class DurationFacts:
    """Every first response and resolution that stopped in ``[start, end)``: its metric
    (index into ``METRICS``), business seconds and ticket's current attributes."""

    start: int
    end: int
    metric: IntArray
    elapsed: IntArray
    priority: IntArray
    team_id: IntArray
    customer_id: IntArray

    @property
    def size(self) -> int:
        return int(self.metric.size)

    def where(self, mask: np.ndarray[Any, np.dtype[np.bool_]]) -> DurationFacts:
        return DurationFacts(
            self.start,
            self.end,
            *(getattr(self, f.name)[mask] for f in fields(self)[2:]),
        )


@dataclass(frozen=True, slots=True)
class AnswerFacts:
    """Every survey answer given in ``[start, end)``, with its ticket's current
    attributes and the business seconds of its first response (``NULL_ID`` if none)."""

    start: int
    end: int
    answered_at: IntArray
    kind: IntArray
    """``CSAT`` or ``NPS`` (-1 otherwise)."""
    score: IntArray
    first_response: IntArray
    priority: IntArray
    team_id: IntArray
    customer_id: IntArray

    @property
    def size(self) -> int:
        return int(self.answered_at.size)

    def where(self, mask: np.ndarray[Any, np.dtype[np.bool_]]) -> AnswerFacts:
        return AnswerFacts(
            self.start,
            self.end,
            *(getattr(self, f.name)[mask] for f in fields(self)[2:]),
        )


@dataclass(frozen=True, slots=True)
class BreachFacts:
    """Every breached clock that stopped in ``[start, end)``, to rank the worst."""

    start: int
    end: int
    clock_id: IntArray
    stopped_at: IntArray
    overrun: IntArray
    """Elapsed minus target, business seconds."""
    priority: IntArray
    team_id: IntArray
    customer_id: IntArray

    @property
    def size(self) -> int:
        return int(self.clock_id.size)

    def where(self, mask: np.ndarray[Any, np.dtype[np.bool_]]) -> BreachFacts:
        return BreachFacts(
            self.start,
            self.end,
            *(getattr(self, f.name)[mask] for f in fields(self)[2:]),
        )


def _ticket_rows(tickets: Columns, ticket_ids: IntArray) -> tuple[IntArray, Any]:
    """For each ticket id, its row in ``tickets`` and whether the ticket exists (an inner
    join: clocks and answers of a missing ticket are left out, as SQL would)."""
    ids = tickets["id"]
    if not ids.size:
        return np.zeros(ticket_ids.size, dtype=np.int64), np.zeros(ticket_ids.size, bool)
    rows = np.minimum(np.searchsorted(ids, ticket_ids), ids.size - 1)
    return rows, ids[rows] == ticket_ids


def _join_clocks(clocks: Columns, tickets: Columns, start: int, end: int) -> ClockFacts:
    rows, found = _ticket_rows(tickets, clocks["ticket_id"])
    if not bool(found.all()):
        clocks = {name: values[found] for name, values in clocks.items()}
        rows = rows[found]
    return ClockFacts(
        start,
        end,
        stopped_at=clocks["stopped_at"],
        metric=clocks["metric"],
        state=clocks["state"],
        elapsed=clocks["elapsed"],
        policy_version_id=clocks["policy_version_id"],
        priority=clocks["priority"],
        team_id=tickets["team"][rows],
        customer_id=tickets["customer"][rows],
        agent_id=tickets["agent"][rows],
    )


def _join_answers(answers: Columns, tickets: Columns, start: int, end: int) -> AnswerFacts:
    rows, found = _ticket_rows(tickets, answers["ticket_id"])
    if not bool(found.all()):
        answers = {name: values[found] for name, values in answers.items()}
        rows = rows[found]
    return AnswerFacts(
        start,
        end,
        answered_at=answers["answered_at"],
        kind=answers["kind"],
        score=answers["score"],
        first_response=answers["first_response"],
        priority=tickets["priority"][rows],
        team_id=tickets["team"][rows],
        customer_id=tickets["customer"][rows],
    )


def _join_breaches(breaches: Columns, tickets: Columns, start: int, end: int) -> BreachFacts:
    rows, found = _ticket_rows(tickets, breaches["ticket_id"])
    if not bool(found.all()):
        breaches = {name: values[found] for name, values in breaches.items()}
        rows = rows[found]
    return BreachFacts(
        start,
        end,
        clock_id=breaches["clock_id"],
        stopped_at=breaches["stopped_at"],
        overrun=breaches["overrun"],
        priority=breaches["priority"],
        team_id=tickets["team"][rows],
        customer_id=tickets["customer"][rows],
    )


# --- caching ------------------------------------------------------------------------------

_SESSION_KEY = "slaworkbench.analytics_facts"
_SHARED_ENTRIES = 10
"""Entries kept across sessions: a period's rollup sums, durations, answer counts, clocks,
answers and breaches, and the tickets (a year of a million tickets' first responses and
resolutions is ~50 MB of arrays; every clock of it ~250 MB)."""

_KEPT_ENTRIES = 64
"""Small results kept across sessions (``kept``): a dashboard's charts for a few filter
sets, buckets and dimensions."""


class _SharedCache:
    """Facts by ``(kind, start, end, data version)`` for one engine, with single flight."""

    def __init__(self, version: dialect.DataVersion) -> None:
        self._version = version
        self._lock = threading.Lock()
        self._entries: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
        self._kept: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
        self._pending: dict[tuple[Any, ...], threading.Event] = {}

    def version(self) -> int:
        return self._version.current()

    def get(self, key: tuple[Any, ...], compute: Callable[[], Any], *, small: bool = False) -> Any:
        """The value under ``key`` (whose last element is the data version), computed
        once; ``small`` values go to their own, larger store (``kept``), where a new
        data version drops the entries of the older ones."""
        entries, limit = (self._kept, _KEPT_ENTRIES) if small else (self._entries, _SHARED_ENTRIES)
        while True:
            with self._lock:
                if key in entries:
                    entries.move_to_end(key)
                    return entries[key]
                waiting = self._pending.get(key)
                if waiting is None:
                    done = self._pending[key] = threading.Event()
                    break
            waiting.wait()
        try:
            value = compute()
            with self._lock:
                if small:
                    for stale in [k for k in entries if k[-1] != key[-1]]:
                        del entries[stale]
                entries[key] = value
                while len(entries) > limit:
                    entries.popitem(last=False)
            return value
        finally:
            with self._lock:
                del self._pending[key]
            done.set()

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._kept.clear()

    def close(self) -> None:
        self._version.close()


_shared: weakref.WeakKeyDictionary[Engine, _SharedCache] = weakref.WeakKeyDictionary()
_shared_lock = threading.Lock()


def _shared_cache(session: Session) -> _SharedCache | None:
    """The cross-session cache of the session's engine: only where a commit by anyone is
    noticed without a query (``dialect.file_data_version``)."""
    bind = session.get_bind()
    if not isinstance(bind, Engine):
        return None
    with _shared_lock:
        cache = _shared.get(bind)
        if cache is None:
            version = dialect.file_data_version(bind)
            if version is None:
                return None
            cache = _shared[bind] = _SharedCache(version)
            weakref.finalize(bind, cache.close)
        return cache


@dataclass(slots=True)
class _Snapshot:
    """What one session transaction knows: the data version its snapshot is exactly at
    (``None`` if unknown) and what it already fetched."""

    transaction: Any
    shared: _SharedCache | None
    version: int | None
    entries: dict[tuple[Any, ...], Any]


def _snapshot(session: Session) -> _Snapshot:
    held = session.info.get(_SESSION_KEY)
    transaction = session.get_transaction()
    if isinstance(held, _Snapshot) and transaction is not None and held.transaction is transaction:
        return held
    fresh = not session.in_transaction()
    shared = _shared_cache(session) if fresh else None
    version = None if shared is None else shared.version()
    # Begin the snapshot (SQLite reads from the first statement of the transaction), then
    # check that nobody committed meanwhile.
    session.execute(select(Ticket.id).limit(1)).all()
    if shared is not None and shared.version() != version:
        version = None
    held = _Snapshot(session.get_transaction(), shared, version, {})
    session.info[_SESSION_KEY] = held
    return held


def _cached(session: Session, key: tuple[Any, ...], fetch: Callable[[], Any]) -> Any:
    snapshot = _snapshot(session)
    if key in snapshot.entries:
        return snapshot.entries[key]
    if snapshot.shared is None or snapshot.version is None:
        value = fetch()
    else:
        value = snapshot.shared.get((*key, snapshot.version), fetch)
    snapshot.entries[key] = value
    return value


def cached(session: Session, key: tuple[Any, ...], fetch: Callable[[], Any]) -> Any:
    """What ``fetch`` reads in the session, kept as the facts are (per snapshot, and
    across sessions while nobody commits): for other small aggregates of the period."""
    return _cached(session, ("cached", *key), fetch)


def kept(session: Session, key: tuple[Any, ...], compute: Callable[[], Any]) -> Any:
    """A small result computed in the session (a chart's figures), kept as the facts are:
    for the rest of the transaction, and across sessions under the data version of the
    snapshot (any commit by anyone makes the next session compute it again). Unlike
    ``cached``, it never evicts the period's arrays; inside ``from_clock_rows`` it is
    computed afresh (what the tests compare with)."""
    if not _USE_ROLLUP.get():
        return compute()
    snapshot = _snapshot(session)
    full = ("kept", *key)
    if full in snapshot.entries:
        return snapshot.entries[full]
    if snapshot.shared is None or snapshot.version is None:
        value = compute()
    else:
        value = snapshot.shared.get((*full, snapshot.version), compute, small=True)
    snapshot.entries[full] = value
    return value


def memo(session: Session, key: tuple[Any, ...], compute: Callable[[], Any]) -> Any:
    """Something computed from the facts, kept for the rest of the session's transaction
    (the report asks for each metric's trend of the same period, one at a time)."""
    snapshot = _snapshot(session)
    full = ("memo", *key)
    if full not in snapshot.entries:
        snapshot.entries[full] = compute()
    return snapshot.entries[full]


def _tickets(session: Session) -> Columns:
    found: Columns = _cached(session, ("tickets",), lambda: fetch_tickets(session))
    return found


def clock_facts(session: Session, start: int, end: int) -> ClockFacts:
    """The clocks stopped in ``[start, end)`` with their ticket's attributes, fetched once
    per snapshot (see above)."""

    def fetch() -> ClockFacts:
        clocks = fetch_clocks(session, start, end)
        return _join_clocks(clocks, _tickets(session), start, end)

    found: ClockFacts = _cached(session, ("clocks", start, end), fetch)
    return found


def duration_facts(session: Session, start: int, end: int) -> DurationFacts:
    """The first responses and resolutions stopped in ``[start, end)`` with their ticket's
    attributes, fetched once per snapshot."""

    def fetch() -> DurationFacts:
        durations = fetch_durations(session, start, end)
        tickets = _tickets(session)
        rows, found = _ticket_rows(tickets, durations["ticket_id"])
        if not bool(found.all()):
            durations = {name: values[found] for name, values in durations.items()}
            rows = rows[found]
        return DurationFacts(
            start,
            end,
            metric=durations["metric"],
            elapsed=durations["elapsed"],
            priority=durations["priority"],
            team_id=tickets["team"][rows],
            customer_id=tickets["customer"][rows],
        )

    found: DurationFacts = _cached(session, ("durations", start, end), fetch)
    return found


_USE_ROLLUP: ContextVar[bool] = ContextVar("slaworkbench_use_rollup", default=True)


@contextmanager
def from_clock_rows() -> Iterator[None]:
    """Inside the block (in this thread or task), ``stopped_counts`` counts the clock rows
    instead of reading the rollup: what the tests compare the rollup's figures with."""
    token = _USE_ROLLUP.set(False)
    try:
        yield
    finally:
        _USE_ROLLUP.reset(token)


def aggregates_in_use() -> bool:
    """Whether figures may come from derived aggregates (the rollups, index walks) rather
    than from the period's rows: false inside ``from_clock_rows``."""
    return _USE_ROLLUP.get()


def stopped_counts(
    session: Session,
    start: int,
    end: int,
    *,
    groups: Sequence[str] = ROLLUP_GROUPS,
    edges: Sequence[int] = (),
    by_day: bool = True,
) -> ClockCounts:
    """The clocks stopped in ``[start, end)``, counted: from the daily rollup when the
    period and the bucket ``edges`` the caller will split it at are whole UTC days and
    else from the clock rows (a local day of a time zone
    other than UTC does not begin at a UTC midnight). From the rollup, only the
    ``groups`` (of ``ROLLUP_GROUPS``) are kept apart: the others are ``NULL_ID``, or, when
    the caller does not count ``by_day``, possibly kept too (see ``rollup_counts``)."""
    whole_days = all(instant % DAY == 0 for instant in (start, end, *edges))
    if _USE_ROLLUP.get() and whole_days:
        return rollup_counts(session, start, end, groups, by_day=by_day)
    return clock_facts(session, start, end).counts()


def rollup_counts(
    session: Session,
    start: int,
    end: int,
    groups: Sequence[str] = ROLLUP_GROUPS,
    *,
    by_day: bool = True,
) -> ClockCounts:
    """The rollup rows of the UTC days ``[start, end)`` (both multiples of a day) summed
    over what ``groups`` leaves out, one element per row and state with clocks, fetched
    once per snapshot.

    Not ``by_day``, the days are summed over as well and ``stopped_at`` is ``start``
    throughout: a caller that does not split the period by time (the summary, the
    breakdowns, the methods) reads a few rows instead of a few per day. Then a group
    other than the team is never summed over: every ``ROLLUP_GROUPS`` is kept, so the
    report's breakdowns by customer and agent and its policy versions share one fetch
    (a few thousand rows for a year)."""
    kept = tuple(name for name in ROLLUP_GROUPS if name in groups)
    if not by_day and not set(kept) <= {"team"}:
        kept = ROLLUP_GROUPS

    def fetch() -> ClockCounts:
        rows = fetch_rollup(session, start // DAY, end // DAY, kept, by_day=by_day)
        states = np.array([ACHIEVED, BREACHED, OTHER], dtype=np.int64)
        counts = np.stack([rows["achieved"], rows["breached"], rows["other"]], axis=1)
        row, state = np.nonzero(counts > 0)
        return ClockCounts(
            start,
            end,
            stopped_at=rows["day"][row] * DAY,
            metric=rows["metric"][row],
            state=states[state],
            policy_version_id=rows["policy_version_id"][row],
            priority=rows["priority"][row],
            team_id=rows["team"][row],
            customer_id=rows["customer"][row],
            agent_id=rows["agent"][row],
            count=counts[row, state],
        )

    found: ClockCounts = _cached(session, ("rollup", start, end, kept, by_day), fetch)
    return found


def breach_facts(session: Session, start: int, end: int) -> BreachFacts:
    """The breached clocks stopped in ``[start, end)``, fetched when first asked for (the
    dashboard never does), once per snapshot."""

    def fetch() -> BreachFacts:
        breaches = fetch_breaches(session, start, end)
        return _join_breaches(breaches, _tickets(session), start, end)

    found: BreachFacts = _cached(session, ("breaches", start, end), fetch)
    return found


def answer_facts(session: Session, start: int, end: int) -> AnswerFacts:
    """The survey answers given in ``[start, end)``, fetched once per snapshot."""

    def fetch() -> AnswerFacts:
        answers = fetch_answers(session, start, end)
        return _join_answers(answers, _tickets(session), start, end)

    found: AnswerFacts = _cached(session, ("answers", start, end), fetch)
    return found


def clear_cache() -> None:
    """Forget every entry shared across sessions (benchmarks measure cold loads)."""
    with _shared_lock:
        caches = list(_shared.values())
    for cache in caches:
        cache.clear()
