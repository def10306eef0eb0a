"""The workspace schema: one declarative ``Base`` with every table (SQLAlchemy 2 typed ORM).

Conventions (docs/DEVELOPING.md):
- every instant is a ``BigInteger`` of whole seconds since the epoch, UTC, in a column
  named ``*_at``; every business duration is whole seconds (``target``, ``elapsed``,
  ``remaining``);
- enumerations are stored as their ``StrEnum`` values from ``domain.model`` and guarded
  by CHECK constraints, so bulk inserts with SQLAlchemy Core cannot store a typo; the
  clock rows' metric, state and priority are stored as codes instead (``Coded``,
  migration 0020: ``metric_code`` etc., their names generated beside them), which the
  ORM and Core read and compare as the names;
- ``tickets.tags`` holds the tags separated by single spaces (see ``join_tags`` /
  ``split_tags``); a tag never contains whitespace;
- ``calendars.spec`` and ``policy_versions.spec`` hold the JSON documents of
  ``BusinessCalendar.to_dict`` and ``policy_to_dict``;
- ``policy_versions`` rows are immutable: saving a policy inserts a new version.

The denormalised clock summary on ``tickets`` (``sla_state``, ``next_due_at`` and the
``first_response_*`` / ``resolution_*`` columns) is what the ticket list pages on; it is
rewritten together with ``ticket_clocks`` whenever a ticket is evaluated.

Everything here is portable SQL (SQLite and PostgreSQL); SQLite-only tricks live in
``store/dialect.py``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Computed,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    SmallInteger,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    false,
    select,
    text,
    true,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, column_property, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

PRIORITIES = ("urgent", "high", "normal", "low")
STATUSES = ("new", "open", "pending", "on_hold", "solved", "closed")
OPEN_STATUSES = ("new", "open", "pending", "on_hold")
"""Statuses of a ticket that is not done (the partial index below uses exactly these)."""
OPEN_ID_INDEX = "ix_tickets_open_id"
"""The open tickets in id order: the recompute walks it chunk by chunk."""
EVENT_TYPES = (
    "created",
    "status_changed",
    "priority_changed",
    "agent_reply",
    "customer_reply",
    "internal_note",
    "assigned",
    "field_changed",
)
METRICS = ("first_response", "next_response", "periodic_update", "resolution")
CLOCK_STATES = ("running", "paused", "achieved", "breached")
"""``ticket_clocks.state``: the ``ClockState`` values."""
METRIC_SUMMARY_STATES = ("running", "at_risk", "paused", "achieved", "breached")
"""``tickets.first_response_state`` / ``resolution_state``: a clock state, with running
split into ``running`` and ``at_risk`` so the list can colour it without more columns."""
SLA_STATES = ("none", "ok", "at_risk", "breached", "paused", "achieved")
"""``tickets.sla_state``: ``none`` = no policy applies (or not evaluated yet)."""
AGENT_ROLES = ("agent", "manager", "admin")


def _in(column: str, values: Iterable[str]) -> str:
    quoted = ", ".join(f"'{value}'" for value in values)
    return f"{column} IN ({quoted})"


PARTIAL_WHERE = "partial_where"
"""The ``info`` key of a partial index's condition on PostgreSQL (``_where``)."""


def _where(condition: str) -> dict[str, Any]:
    """A partial index's condition, for ``Index(..., **_where(condition))``: SQLite's as
    its dialect option, PostgreSQL's in the index's ``info``, rendered there by the
    dialect seam (``store.dialect``). A PostgreSQL option here would load SQLAlchemy's
    PostgreSQL dialect and its drivers' modules (~60 ms) in every process, a workspace
    on SQLite included, only to check its name."""
    return {"sqlite_where": text(condition), "info": {PARTIAL_WHERE: condition}}


def join_tags(tags: Iterable[str]) -> str:
    """The stored form of a set of tags: sorted, unique, separated by one space."""
    return " ".join(sorted({tag.strip() for tag in tags if tag.strip()}))


def split_tags(stored: str | None) -> frozenset[str]:
    return frozenset(stored.split()) if stored else frozenset()


class Coded(TypeDecorator[str]):
    """A name of a fixed list stored as its position in the list, a small integer
    (migration 0020: a ``ticket_clocks`` row and its indexes hold 0..3 instead of a word).

    ORM and Core expressions keep comparing and reading names: ``TicketClock.metric ==
    "resolution"`` is ``metric_code = 3`` in SQL (so the indexes on the codes serve it)
    and ``select(TicketClock.metric)`` returns the name. A name not in the list is stored
    as -1, which the column's CHECK refuses, as the CHECK on the name did before."""

    impl = SmallInteger
    cache_ok = True

    def __init__(self, names: Sequence[str]) -> None:
        super().__init__()
        self.names = tuple(names)

    def code(self, value: str) -> int:
        return self.names.index(value) if value in self.names else -1

    def process_bind_param(self, value: str | None, dialect: Any) -> int | None:
        return None if value is None else self.code(value)

    def process_literal_param(self, value: str | None, dialect: Any) -> str:
        return "NULL" if value is None else str(self.code(value))

    def process_result_value(self, value: int | None, dialect: Any) -> str | None:
        return None if value is None else self.names[value]

    @property
    def python_type(self) -> type[str]:
        return str


def code_of(names: Sequence[str], name: str) -> int:
    """The stored code of ``name`` in a ``Coded`` column of ``names``."""
    return names.index(name)


def codes_sql(column: str, names: Sequence[str], chosen: Iterable[str]) -> str:
    """``column_code IN (...)`` (or ``= ...`` for one) of these names: the term raw SQL
    names so that an index on the code serves it."""
    codes = [str(names.index(name)) for name in chosen]
    if len(codes) == 1:
        return f"{column}_code = {codes[0]}"
    return f"{column}_code IN ({', '.join(codes)})"


def name_of_code(column: str, names: Sequence[str]) -> Computed:
    """The name column of a ``Coded`` column, generated from the code: ``VIRTUAL`` (no
    storage) on SQLite, ``STORED`` on PostgreSQL 15 (``store.dialect`` renders it), so
    raw SQL that reads or compares ``metric`` still sees ``'first_response'``."""
    whens = " ".join(f"WHEN {code} THEN '{name}'" for code, name in enumerate(names))
    return Computed(text(f"CASE {column}_code {whens} END"), persisted=False)


def code_check(column: str, names: Sequence[str]) -> str:
    return f"{column}_code BETWEEN 0 AND {len(names) - 1}"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Customer(Base):
    __tablename__ = "customers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    tier: Mapped[str | None] = mapped_column(String(50))


class Team(Base):
    __tablename__ = "teams"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)


class Agent(Base):
    __tablename__ = "agents"
    __table_args__ = (CheckConstraint(_in("role", AGENT_ROLES), name="role"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    email: Mapped[str | None] = mapped_column(String(320))
    team_id: Mapped[int | None] = mapped_column(
        ForeignKey("teams.id", ondelete="SET NULL"), index=True
    )
    role: Mapped[str] = mapped_column(String(16), default="agent", server_default="agent")


class Calendar(Base):
    __tablename__ = "calendars"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    timezone: Mapped[str] = mapped_column(String(64))
    spec: Mapped[str] = mapped_column(Text)
    created_at: Mapped[int] = mapped_column(BigInteger)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default=text("1"))
    """Optimistic locking: bumped by every save (migration 0010)."""
    changed_by: Mapped[str | None] = mapped_column(String(200))
    changed_at: Mapped[int | None] = mapped_column(BigInteger)


class CalendarHoliday(Base):
    __tablename__ = "calendar_holidays"
    __table_args__ = (UniqueConstraint("calendar_id", "date"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    calendar_id: Mapped[int] = mapped_column(ForeignKey("calendars.id", ondelete="CASCADE"))
    date: Mapped[dt.date] = mapped_column(Date)
    name: Mapped[str | None] = mapped_column(String(200))


class Policy(Base):
    __tablename__ = "policies"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    position: Mapped[int] = mapped_column(Integer, index=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    current_version_id: Mapped[int | None] = mapped_column(
        ForeignKey(
            "policy_versions.id",
            ondelete="SET NULL",
            use_alter=True,
            name="fk_policies_current_version_id_policy_versions",
        )
    )
    version: Mapped[int] = mapped_column(Integer, default=1, server_default=text("1"))
    """Optimistic lock: bumped by every save, reorder or (de)activation."""
    changed_by: Mapped[str | None] = mapped_column(String(200))
    """Who saved, activated or moved it last, and when (migration 0010)."""
    changed_at: Mapped[int | None] = mapped_column(BigInteger)


class PolicyVersion(Base):
    __tablename__ = "policy_versions"
    __table_args__ = (UniqueConstraint("policy_id", "version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    policy_id: Mapped[int] = mapped_column(ForeignKey("policies.id", ondelete="CASCADE"))
    version: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[int] = mapped_column(BigInteger)
    author: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    calendar_id: Mapped[int] = mapped_column(ForeignKey("calendars.id", ondelete="RESTRICT"))
    spec: Mapped[str] = mapped_column(Text)
    review_date: Mapped[dt.date | None] = mapped_column(Date)
    owner: Mapped[str | None] = mapped_column(String(200))


def _metric_state_check(column: str) -> CheckConstraint:
    return CheckConstraint(f"{column} IS NULL OR {_in(column, METRIC_SUMMARY_STATES)}", name=column)


class Ticket(Base):
    __tablename__ = "tickets"
    __table_args__ = (
        CheckConstraint(_in("priority", PRIORITIES), name="priority"),
        CheckConstraint(_in("status", STATUSES), name="status"),
        CheckConstraint(_in("sla_state", SLA_STATES), name="sla_state"),
        _metric_state_check("first_response_state"),
        _metric_state_check("resolution_state"),
        Index(
            "ix_tickets_open_next_due_at",
            "next_due_at",
            **_where(_in("status", OPEN_STATUSES)),
        ),
        Index(
            OPEN_ID_INDEX,
            "id",
            **_where(_in("status", OPEN_STATUSES)),
        ),
        Index("ix_tickets_status_next_due_at", "status", "next_due_at"),
        Index("ix_tickets_team_id_next_due_at", "team_id", "next_due_at"),
        Index("ix_tickets_assignee_id_next_due_at", "assignee_id", "next_due_at"),
        Index("ix_tickets_customer_id_next_due_at", "customer_id", "next_due_at"),
        Index("ix_tickets_created_at", "created_at"),
        Index("ix_tickets_evaluated_at", "evaluated_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    external_id: Mapped[str | None] = mapped_column(String(100), unique=True)
    subject: Mapped[str] = mapped_column(String(500), default="", server_default="")
    requester: Mapped[str | None] = mapped_column(String(320))
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id", ondelete="SET NULL"))
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id", ondelete="SET NULL"))
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id", ondelete="SET NULL"))
    category: Mapped[str | None] = mapped_column(String(200))
    channel: Mapped[str | None] = mapped_column(String(50))
    tags: Mapped[str] = mapped_column(Text, default="", server_default="")
    priority: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[int] = mapped_column(BigInteger)
    updated_at: Mapped[int] = mapped_column(BigInteger)
    solved_at: Mapped[int | None] = mapped_column(BigInteger)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default=text("1"))
    """Optimistic lock: every change through the ticket services bumps it."""

    # Denormalised clock summary (rewritten with ticket_clocks on every evaluation).
    policy_version_id: Mapped[int | None] = mapped_column(
        ForeignKey("policy_versions.id", ondelete="SET NULL")
    )
    evaluated_at: Mapped[int | None] = mapped_column(BigInteger)
    next_due_at: Mapped[int | None] = mapped_column(BigInteger)
    next_due_position: Mapped[int | None] = mapped_column(BigInteger)
    """``next_due_at`` on the cumulative working-time axis of the ticket's calendar
    (``domain.clock.readings.business_positions``): the list's time-to-breach order
    (NULL until the next recompute writes it for a file from before migration 0006)."""
    next_risk_at: Mapped[int | None] = mapped_column(BigInteger)
    sla_state: Mapped[str] = mapped_column(String(16), default="none", server_default="none")
    first_response_state: Mapped[str | None] = mapped_column(String(16))
    first_response_due_at: Mapped[int | None] = mapped_column(BigInteger)
    first_response_remaining: Mapped[int | None] = mapped_column(BigInteger)
    first_response_target: Mapped[int | None] = mapped_column(BigInteger)
    resolution_state: Mapped[str | None] = mapped_column(String(16))
    resolution_due_at: Mapped[int | None] = mapped_column(BigInteger)
    resolution_remaining: Mapped[int | None] = mapped_column(BigInteger)
    resolution_target: Mapped[int | None] = mapped_column(BigInteger)


class EventAuthor(Base):
    """Who wrote events (agents' names, requesters' addresses, ``system``,
    ``escalation``…), each name stored once: ``ticket_events.author_id`` points here
    (migration 0030). Append-only: a name is added when an event first needs it and
    never changed or removed (``store.event_authors``)."""

    __tablename__ = "event_authors"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)


class TicketEvent(Base):
    """Append-only: rows are inserted, never updated or deleted (except with the ticket).

    Keyed by (ticket, seq) with no row id of its own (migration 0024): on SQLite a
    ``WITHOUT ROWID`` table, so a ticket's log is one run of the table's own b-tree, and
    the key is not stored a second time in a unique index. The type, status and priority
    are stored as codes (``Coded``, migration 0026), as the clock rows' are; the author
    as the id of its name in ``event_authors`` (migration 0030)."""

    __tablename__ = "ticket_events"
    # Constraint columns are named by key: "type" is the code column.
    __table_args__ = (
        CheckConstraint(code_check("type", EVENT_TYPES), name="type"),
        CheckConstraint(f"status_code IS NULL OR {code_check('status', STATUSES)}", name="status"),
        CheckConstraint(
            f"priority_code IS NULL OR {code_check('priority', PRIORITIES)}", name="priority"
        ),
        {"sqlite_with_rowid": False},
    )

    ticket_id: Mapped[int] = mapped_column(
        ForeignKey("tickets.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    """1, 2, 3… within a ticket: the order of the log (ties in ``at`` keep this order)."""
    at: Mapped[int] = mapped_column(BigInteger)
    # As on ``TicketClock``: ``TicketEvent.type`` is the code column (it reads and compares
    # names); the columns named ``type``, ``status`` and ``priority`` in SQL are generated.
    type: Mapped[str] = mapped_column("type_code", Coded(EVENT_TYPES), key="type")
    author_id: Mapped[int | None] = mapped_column(ForeignKey("event_authors.id"))
    """NULL: the event has no author (an imported row without one)."""
    status: Mapped[str | None] = mapped_column("status_code", Coded(STATUSES), key="status")
    priority: Mapped[str | None] = mapped_column("priority_code", Coded(PRIORITIES), key="priority")
    field: Mapped[str | None] = mapped_column(String(100))
    value: Mapped[str | None] = mapped_column(Text)
    # Keyed ``*_name`` in ``TicketEvent.__table__.c``, where ``c.type`` is the code.
    type_name: Mapped[str] = mapped_column(
        "type", String(32), name_of_code("type", EVENT_TYPES), key="type_name"
    )
    status_name: Mapped[str | None] = mapped_column(
        "status", String(16), name_of_code("status", STATUSES), key="status_name"
    )
    priority_name: Mapped[str | None] = mapped_column(
        "priority", String(16), name_of_code("priority", PRIORITIES), key="priority_name"
    )
    # Read-only: the author's name, a scalar subquery on ``event_authors``' key (an
    # ORM read or ``select(TicketEvent.author, ...)`` sees the text the column held
    # before migration 0030). Selected alone it needs ``.select_from(TicketEvent)``.
    # Writers give ``author_id`` (``store.event_authors``).
    author: Mapped[str | None] = column_property(
        select(EventAuthor.name)
        .where(EventAuthor.id == author_id)
        .correlate_except(EventAuthor)
        .scalar_subquery()
    )


DURATION_METRICS = ("first_response", "resolution")
"""The metrics whose business times the distributions show."""
DURATION_CLOCKS = f"{codes_sql('metric', METRICS, DURATION_METRICS)} AND stopped_at IS NOT NULL"
"""The stopped clocks of ``DURATION_METRICS`` (the partial index on ``ticket_clocks``)."""
DURATION_EDGES = (0, 900, 1800, 3600, 2 * 3600, 4 * 3600, 8 * 3600, 86400, 2 * 86400, 5 * 86400)
"""Lower edges of the response-time histogram's bins, in business seconds: bin ``i`` holds
``[DURATION_EDGES[i], DURATION_EDGES[i + 1])``, the first also anything below, the last
is open-ended (the dashboard's distributions; ``duration_rollup``)."""


def duration_bin_sql(column: str) -> str:
    """SQL giving the ``DURATION_EDGES`` bin of the business seconds in ``column``."""
    whens = " ".join(
        f"WHEN {column} < {edge} THEN {i}" for i, edge in enumerate(DURATION_EDGES[1:])
    )
    return f"CASE {whens} ELSE {len(DURATION_EDGES) - 1} END"


CLOCK_KEY_INDEX = "sqlite_autoindex_ticket_clocks_1"
"""SQLite's index of ``ticket_clocks``'s key (ticket, metric, cycle): the one unique
constraint of the table, so always this name (for ``dialect.index_hint``)."""
RUNNING_CLOCKS_INDEX = "ix_ticket_clocks_running_work"
"""The running cycles by due instant, with ticket, metric and state (migration 0019)."""

BREACHED_CLOCKS = codes_sql("state", CLOCK_STATES, ("breached",))
FIRST_RESPONSES = (
    f"{codes_sql('metric', METRICS, ('first_response',))} AND cycle_index = 0"
    " AND stopped_at IS NOT NULL"
)
"""Each ticket's first first response, once stopped (the satisfaction charts' key)."""


class TicketClock(Base):
    """One row per cycle of one metric of one ticket, as of ``evaluated_at``."""

    __tablename__ = "ticket_clocks"
    # Index and constraint columns are named by key: "metric" is the code column.
    __table_args__ = (
        UniqueConstraint("ticket_id", "metric", "cycle_index"),
        CheckConstraint(code_check("metric", METRICS), name="metric"),
        CheckConstraint(code_check("state", CLOCK_STATES), name="state"),
        CheckConstraint(
            f"priority_code IS NULL OR {code_check('priority', PRIORITIES)}", name="priority"
        ),
        Index("ix_ticket_clocks_metric_stopped_at", "metric", "stopped_at"),
        # Only running cycles are looked up by due instant ("due soon"); a partial index
        # spares a re-baseline the index work for every stopped cycle whose due moves.
        # It carries what the dashboard's open work reads of each running cycle, so that
        # read walks the index alone (``store/analytics/open_work.py``, migration 0019).
        Index(
            RUNNING_CLOCKS_INDEX,
            "due_at",
            "ticket_id",
            "metric",
            "state",
            "stopped_at",
            **_where("stopped_at IS NULL"),
        ),
        # The response-time distributions (exact percentiles need every value) read the
        # period's stopped first responses and resolutions from this index alone
        # (migration 0007).
        Index(
            "ix_ticket_clocks_durations",
            "metric",
            "stopped_at",
            "elapsed",
            "ticket_id",
            "priority",
            **_where(DURATION_CLOCKS),
        ),
        # Each ticket's first first response, for the satisfaction by response time: a
        # small index looked up once per survey answer (migration 0015). It holds the
        # columns of its own WHERE too: SQLite reads the row for any term of the join
        # the index does not hold, even one the partial index implies.
        Index(
            "ix_ticket_clocks_first_responses",
            "ticket_id",
            "elapsed",
            "metric",
            "cycle_index",
            "stopped_at",
            **_where(FIRST_RESPONSES),
        ),
        # The same clocks with their verdict and holder at stop, for who held them when
        # they stopped (and, for who held them while they ran, the time no agent did):
        # the report reads the period's from this index alone (migrations 0017, 0023 and
        # 0031).
        Index(
            "ix_ticket_clocks_stopped_verdicts",
            "metric",
            "stopped_at",
            "state",
            "elapsed",
            "stop_agent_id",
            "stop_team_id",
            "unassigned_seconds",
            **_where(DURATION_CLOCKS),
        ),
        # The breached clocks by stop instant with their overrun's terms: the report's
        # worst breaches are ranked from this small index alone (migration 0017).
        Index(
            "ix_ticket_clocks_breaches",
            "stopped_at",
            "elapsed",
            "target",
            **_where(BREACHED_CLOCKS),
        ),
        # The same clocks by metric, judged priority and business time: a histogram bin
        # or the value at a rank is a short walk (``store/analytics/durations.py``,
        # migration 0015).
        Index(
            "ix_ticket_clocks_duration_ranks",
            "metric",
            "priority",
            "elapsed",
            "stopped_at",
            **_where(DURATION_CLOCKS),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id", ondelete="CASCADE"))
    # The metric, state and priority are stored as codes (``Coded``; migration 0020); the
    # columns named ``metric``, ``state`` and ``priority`` in SQL are their names, generated.
    # In the ORM ``TicketClock.metric`` is the code column (it reads and compares names).
    metric: Mapped[str] = mapped_column("metric_code", Coded(METRICS), key="metric")
    cycle_index: Mapped[int] = mapped_column(Integer)
    started_at: Mapped[int] = mapped_column(BigInteger)
    stopped_at: Mapped[int | None] = mapped_column(BigInteger)
    state: Mapped[str] = mapped_column("state_code", Coded(CLOCK_STATES), key="state")
    target: Mapped[int] = mapped_column(BigInteger)
    elapsed: Mapped[int] = mapped_column(BigInteger)
    remaining: Mapped[int] = mapped_column(BigInteger)
    due_at: Mapped[int | None] = mapped_column(BigInteger)
    breached_at: Mapped[int | None] = mapped_column(BigInteger)
    at_risk: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    risk_at: Mapped[int | None] = mapped_column(BigInteger)
    policy_version_id: Mapped[int | None] = mapped_column(
        ForeignKey("policy_versions.id", ondelete="SET NULL")
    )
    priority: Mapped[str | None] = mapped_column("priority_code", Coded(PRIORITIES), key="priority")
    """The priority whose target judged the cycle: in force when it stopped, the ticket's
    current one while it is open (kept with a stopped cycle's verdict)."""
    evaluated_at: Mapped[int] = mapped_column(BigInteger)
    stop_agent_id: Mapped[int | None] = mapped_column(Integer)
    stop_team_id: Mapped[int | None] = mapped_column(Integer)
    """The agent and team holding the cycle when it stopped (NULL: nobody, or not
    measured), written with its holds (``store.clocks.holds``) and read from
    ``ix_ticket_clocks_stopped_verdicts`` alone by who held the period's stopped cycles
    (migration 0023; a table of their own until migration 0028). No foreign keys: agents
    and teams are never deleted, and a reader names only ids it knows."""
    holds_at: Mapped[int | None] = mapped_column(BigInteger)
    """The stop instant the cycle's holds and holder at stop were measured for (NULL: none
    measured, or measured while it ran): a cycle that no longer stops there (reopened,
    re-judged) has them measured again (migration 0028)."""
    unassigned_seconds: Mapped[int | None] = mapped_column(BigInteger)
    """For a stopped cycle whose holds were measured for its stop (``holds_at``) and
    whose held pieces are all of its team at stop, each held by its agent at stop or by
    no agent, summing to its business time (``elapsed``): the business seconds no agent
    held it. Who held it while it ran is then read without its pieces (migration 0031;
    nine cycles in ten), which are not stored (migration 0036). NULL otherwise, and while
    it runs. Written with the holds (``store.clocks.holds``)."""
    # Keyed ``*_name`` in ``TicketClock.__table__.c``, where ``c.metric`` is the code.
    metric_name: Mapped[str] = mapped_column(
        "metric", String(32), name_of_code("metric", METRICS), key="metric_name"
    )
    state_name: Mapped[str] = mapped_column(
        "state", String(16), name_of_code("state", CLOCK_STATES), key="state_name"
    )
    priority_name: Mapped[str | None] = mapped_column(
        "priority", String(16), name_of_code("priority", PRIORITIES), key="priority_name"
    )


class TicketClockHold(Base):
    """Business seconds an (assignee, team) held a running SLA cycle (NULL: nobody, no
    team), derived with the clock rows (migration 0014; docs/SLA_SEMANTICS.md, "Who held
    an SLA clock"); none for a cycle whose row tells them
    (``TicketClock.unassigned_seconds``, migration 0036)."""

    __tablename__ = "ticket_clock_holds"
    # Keyed by (clock, piece) without a row id of its own (migration 0025): on SQLite a
    # ``WITHOUT ROWID`` table, so a clock's pieces lie together in the table's own b-tree
    # and are read from it alone, as they were from a covering index before.
    __table_args__ = ({"sqlite_with_rowid": False},)

    clock_id: Mapped[int] = mapped_column(
        ForeignKey("ticket_clocks.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    piece: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    """The piece's place in its cycle, ascending in the order the engine measured them
    (0, 1, 2… as written; an older file's pieces keep the gaps of their former ids)."""
    agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id", ondelete="SET NULL"))
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id", ondelete="SET NULL"))
    seconds: Mapped[int] = mapped_column(BigInteger)


class TicketTimeline(Base):
    """What the clock engine needs of one ticket's log, kept so a recompute need not read
    ``ticket_events`` (a derived cache, ``store/clocks/timelines.py``).

    ``events`` holds ``at, seq, code`` of each event the engine looks at (created, status,
    priority, agent and customer replies), any order, packed in 64-bit words
    (``timelines.packed_timelines``, migration 0027: about 8 bytes an event, where the
    decimal text before took 17); ``code`` packs kind, status and priority
    (``clocks_read``). ``clocks_hash`` is the fingerprint of
    the ticket's ``ticket_clocks`` rows as the last recompute wrote them, NULL when
    unknown. Whoever appends events or writes clocks outside the recompute deletes the
    row (``forget_timelines``); the next recompute rebuilds it from the events.
    """

    __tablename__ = "ticket_timelines"

    ticket_id: Mapped[int] = mapped_column(
        ForeignKey("tickets.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    event_count: Mapped[int] = mapped_column(Integer)
    events: Mapped[bytes] = mapped_column(LargeBinary)
    clocks_hash: Mapped[int | None] = mapped_column(BigInteger)


class TeamOlaVersion(Base):
    """Immutable: saving a team's OLA inserts version n+1 (migration 0012). ``spec`` is the
    JSON of ``domain.clock.ola_spec.ola_to_dict`` (targets per priority, warning fraction);
    the team's current OLA is its highest version."""

    __tablename__ = "team_ola_versions"
    __table_args__ = (UniqueConstraint("team_id", "version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"))
    version: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[int] = mapped_column(BigInteger)
    author: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    calendar_id: Mapped[int] = mapped_column(ForeignKey("calendars.id", ondelete="RESTRICT"))
    spec: Mapped[str] = mapped_column(Text)


class TicketOlaCycle(Base):
    """One stay of a ticket with one team, judged against the team's OLA (migration 0012);
    derived from the events like ``ticket_clocks``, and a stopped row is a kept verdict."""

    __tablename__ = "ticket_ola_cycles"
    __table_args__ = (
        UniqueConstraint("ticket_id", "cycle_index"),
        CheckConstraint(_in("state", CLOCK_STATES), name="state"),
        Index("ix_ticket_ola_cycles_team_id_stopped_at", "team_id", "stopped_at"),
        # The tickets with a cycle not stopped (one each at most: the cycle with their team
        # now), which the ticket list sorted by the OLA column orders (migration 0037).
        Index(
            "ix_ticket_ola_cycles_running",
            "ticket_id",
            **_where("stopped_at IS NULL"),
        ),
        # The stopped cycles by stop instant with what the OLA accountability counts and
        # the ticket it narrows by, and the seconds no agent held them: the report reads
        # the period's from this index alone (migrations 0022 and 0032). Partial, so that
        # a lookup of running cycles (``stopped_at IS NULL``) by ticket keeps the ticket's
        # index.
        Index(
            "ix_ticket_ola_cycles_stopped_at",
            "stopped_at",
            "team_id",
            "state",
            "elapsed",
            "holder_at_stop_id",
            "ticket_id",
            "unassigned_seconds",
            **_where("stopped_at IS NOT NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id", ondelete="CASCADE"))
    cycle_index: Mapped[int] = mapped_column(Integer)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"))
    started_at: Mapped[int] = mapped_column(BigInteger)
    stopped_at: Mapped[int | None] = mapped_column(BigInteger)
    state: Mapped[str] = mapped_column(String(16))
    target: Mapped[int] = mapped_column(BigInteger)
    elapsed: Mapped[int] = mapped_column(BigInteger)
    remaining: Mapped[int] = mapped_column(BigInteger)
    due_at: Mapped[int | None] = mapped_column(BigInteger)
    breached_at: Mapped[int | None] = mapped_column(BigInteger)
    at_risk: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    risk_at: Mapped[int | None] = mapped_column(BigInteger)
    holder_at_stop_id: Mapped[int | None] = mapped_column(
        ForeignKey("agents.id", ondelete="SET NULL")
    )
    """The assignee when the cycle stopped (NULL: unassigned, or still open)."""
    ola_version_id: Mapped[int | None] = mapped_column(
        ForeignKey("team_ola_versions.id", ondelete="SET NULL")
    )
    evaluated_at: Mapped[int] = mapped_column(BigInteger)
    unassigned_seconds: Mapped[int | None] = mapped_column(BigInteger)
    """For a stopped cycle whose held pieces are each held by its holder at stop or by no
    agent (at most one such piece), summing to its business time: the seconds no agent
    held it, which tells who held it while it ran without its pieces; NULL for every
    other cycle and while it runs (migration 0032)."""


class TicketOlaHold(Base):
    """Business seconds an assignee (NULL: nobody) held a running OLA cycle (0012)."""

    __tablename__ = "ticket_ola_holds"
    # Keyed by (cycle, piece) without a row id of its own (migration 0029): on SQLite a
    # ``WITHOUT ROWID`` table, so a cycle's pieces lie together in the table's own b-tree
    # and the OLA accountability reads them from it alone, as it did from a covering
    # index (migration 0022) before.
    __table_args__ = ({"sqlite_with_rowid": False},)

    cycle_id: Mapped[int] = mapped_column(
        ForeignKey("ticket_ola_cycles.id", ondelete="CASCADE"),
        primary_key=True,
        autoincrement=False,
    )
    piece: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    """The piece's place in its cycle, in the order written (0, 1, 2…; an older file's
    pieces keep the gaps of their former ids)."""
    agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id", ondelete="SET NULL"))
    seconds: Mapped[int] = mapped_column(BigInteger)


class ClockRollup(Base):
    """Stopped clocks per UTC day (``stopped_at // 86400``) x metric x priority x team x
    customer x policy version x agent: a derived aggregate of ``ticket_clocks`` joined to its
    ticket's current attributes, kept in the same transaction as the clock rows by
    ``store/analytics/rollup.py`` (migration 0007 builds it for existing files).

    Codes: ``metric`` indexes ``METRICS``, ``priority`` ``PRIORITIES``; 0 stands for no
    team, customer, policy version or agent. ``other`` counts stopped clocks neither achieved
    nor breached. No business-time histogram: a group holds 2-7 clocks on the realistic
    demo; the distributions' bins are in ``duration_rollup`` (keyed by day, metric,
    priority and bin only) and their percentiles walk an index of the clock rows.
    """

    __tablename__ = "clock_rollup"
    __table_args__ = {"sqlite_with_rowid": False}

    day: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    metric: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    priority: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    team_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    customer_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    policy_version_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    agent_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    achieved: Mapped[int] = mapped_column(Integer)
    breached: Mapped[int] = mapped_column(Integer)
    other: Mapped[int] = mapped_column(Integer)


class ClockRollupByTeam(Base):
    """``clock_rollup`` summed over customer, policy version and agent: stopped clocks per
    UTC day x metric x priority x team (migration 0015). What the dashboard's default
    load reads (summary, trend, breakdowns by team and priority): a few dozen rows per
    day however many tickets there are, where ``clock_rollup`` holds about one row for
    every two clocks on the realistic demo. Derived from ``clock_rollup`` in the same
    statement batch that changes it (``store/analytics/rollup.py``), so every writer
    that keeps one keeps the other; ``slaworkbench check`` compares and rebuilds both.
    """

    __tablename__ = "clock_rollup_by_team"
    __table_args__ = {"sqlite_with_rowid": False}

    day: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    metric: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    priority: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    team_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    achieved: Mapped[int] = mapped_column(Integer)
    breached: Mapped[int] = mapped_column(Integer)
    other: Mapped[int] = mapped_column(Integer)


SPAN_DAYS = 32
"""UTC days per row of ``clock_rollup_by_span``: span ``s`` holds days ``[32 s, 32 s + 32)``
counted from 1970-01-01 (``day // SPAN_DAYS``)."""


class ClockRollupBySpan(Base):
    """``clock_rollup`` summed over spans of ``SPAN_DAYS`` UTC days, with the same key
    otherwise (migration 0033): what a period's figures summed over its days read for the
    spans that lie whole inside it (the report's and the dashboard's breakdowns by
    customer and agent, its policy versions), the days at either end still from
    ``clock_rollup``. A span of the realistic demo holds about as many rows as two of its
    days (the same customers and agents come back every few days), so a year is read
    in about a fifth of the rows. Derived from the same deltas as ``clock_rollup``, in
    the same statement batch (``store/analytics/rollup.py``); ``slaworkbench check``
    compares and rebuilds it with the others.
    """

    __tablename__ = "clock_rollup_by_span"
    __table_args__ = {"sqlite_with_rowid": False}

    span: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    metric: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    priority: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    team_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    customer_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    policy_version_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    agent_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    achieved: Mapped[int] = mapped_column(Integer)
    breached: Mapped[int] = mapped_column(Integer)
    other: Mapped[int] = mapped_column(Integer)


SAMPLED_METRICS = ("first_response", "resolution")
"""The metrics whose holders' samples are kept per span (``held_samples``): those the
report's "who held the clock" sections read."""


class HeldSampleSpan(Base):
    """A span (``SPAN_DAYS``, as ``clock_rollup_by_span``) of one metric whose holders'
    samples ``held_samples`` holds (migration 0034). A span without a row is read from
    the clock rows: every write that changes a stopped cycle of the span, or the pieces
    held of it, deletes its row and its samples in the same transaction; a recompute
    run, a demo and an import fill the spans that have ended again
    (``app.ola.held_samples``)."""

    __tablename__ = "held_sample_spans"
    __table_args__ = {"sqlite_with_rowid": False}

    metric: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    """Code in ``METRICS``."""
    span: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)


class TicketJudgedElsewhere(Base):
    """A ticket whose stored stopped cycles keep verdicts of a version of another policy
    than the one that judges it now (migration 0035): a ticket action (or the open-ticket
    recompute) moved it to another policy after those cycles stopped, and a stopped cycle
    keeps its verdict until a re-baseline. Kept by the two writers that merge stored
    stopped cycles into an evaluation (``store.clocks.elsewhere``); a re-baseline
    evaluates these tickets whichever policy was saved (``app.recompute.affected``), and
    re-judging them clears the mark. Read instead of joining every clock row to its
    ticket (1.7 s of a re-baseline at 1M)."""

    __tablename__ = "tickets_judged_elsewhere"
    __table_args__ = {"sqlite_with_rowid": False}

    ticket_id: Mapped[int] = mapped_column(
        ForeignKey("tickets.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )


class HeldSamples(Base):
    """One holder's samples of one span, metric and reading (migration 0034): what the
    "who held the clock" figures (``app.ola.sla_holders``; docs/SLA_SEMANTICS.md, "Who
    held an SLA clock") read for the spans that lie whole in a period instead of every
    stopped cycle and held piece — the cycles it counts, how many breached, its first
    place (the order of holders whose names fold alike) and the business seconds of each
    sample, little-endian 32-bit integers in ascending order (a median and a P90 need
    every one: exact figures, which a histogram cannot give)."""

    __tablename__ = "held_samples"
    __table_args__ = {"sqlite_with_rowid": False}

    metric: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    span: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    reading: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    """0: by the holder at stop; 1: by the holders while the clock ran."""
    kind: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    """0: agents; 1: teams."""
    holder_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    """The agent's or team's id; -1: nobody."""
    cycles: Mapped[int] = mapped_column(Integer)
    breached: Mapped[int] = mapped_column(Integer)
    first_place: Mapped[int] = mapped_column(BigInteger)
    seconds: Mapped[bytes] = mapped_column(LargeBinary)


class DurationRollup(Base):
    """Stopped first responses and resolutions per UTC day (``stopped_at // 86400``) x
    metric x the priority that judged them x histogram bin of their business seconds
    (``DURATION_EDGES``): how many, and their business seconds summed (migration 0021).

    A derived aggregate of ``ticket_clocks`` alone (the stored ``metric_code``,
    ``priority_code``, ``elapsed`` and ``stopped_at`` of the rows ``DURATION_CLOCKS``
    selects, with a priority and an elapsed): what the response-time distributions
    count per bin, so the dashboard reads a few hundred rows for a year instead of
    walking every value (``store/analytics/rollup.py`` keeps it with ``clock_rollup``, in
    the same transaction as the clock rows; ``slaworkbench check`` compares and
    rebuilds it). Codes: ``metric`` indexes ``METRICS``, ``priority`` ``PRIORITIES``,
    ``bin`` the bins of ``DURATION_EDGES`` (0 also holds anything below 900 s).
    """

    __tablename__ = "duration_rollup"
    __table_args__ = {"sqlite_with_rowid": False}

    day: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    metric: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    priority: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    bin: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    clocks: Mapped[int] = mapped_column(Integer)
    total: Mapped[int] = mapped_column(BigInteger)
    """Their business seconds, summed."""


class AnswerRollup(Base):
    """Survey answers per UTC day answered (``answered_at // 86400``) x kind (0 CSAT, 1
    NPS) x score x bucket of the ticket's first-response business time (-1: none; else
    the number of ``answer_rollup.RESPONSE_BUCKET_EDGES`` at or below it): a derived
    aggregate of ``survey_answers`` and their stored ``first_response``, kept in the same
    transaction as the answers and the first-response clocks
    (``store/analytics/answer_rollup.py``, migration 0019). The satisfaction charts' default
    load reads it: a few hundred rows a day however many answers there are."""

    __tablename__ = "answer_rollup"
    __table_args__ = {"sqlite_with_rowid": False}

    day: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    kind: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    score: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    bucket: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    answers: Mapped[int] = mapped_column(Integer)


class Escalation(Base):
    """One firing of an escalation rule (migration 0013, ``app/escalations``).

    A rule is its policy and level within a metric; the unique key makes a firing
    happen once per cycle, whichever desktop fires it first. ``due_at`` is the instant
    the rule was due, ``fired_at`` when it fired; ``late`` when it was due while no
    program ran. ``priority`` is the ticket's priority before the firing.
    """

    __tablename__ = "escalations"
    __table_args__ = (
        UniqueConstraint("ticket_id", "metric", "cycle_index", "policy_id", "level"),
        CheckConstraint(_in("metric", METRICS), name="metric"),
        Index("ix_escalations_fired_at", "fired_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id", ondelete="CASCADE"))
    metric: Mapped[str] = mapped_column(String(32))
    cycle_index: Mapped[int] = mapped_column(Integer)
    policy_id: Mapped[int] = mapped_column(ForeignKey("policies.id", ondelete="CASCADE"))
    level: Mapped[int] = mapped_column(Integer)
    policy_version_id: Mapped[int | None] = mapped_column(
        ForeignKey("policy_versions.id", ondelete="SET NULL")
    )
    due_at: Mapped[int] = mapped_column(BigInteger)
    fired_at: Mapped[int] = mapped_column(BigInteger)
    late: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    priority: Mapped[str] = mapped_column(String(16))
    rule: Mapped[str] = mapped_column(Text)
    """What the rule said and did, as the ticket's log tells it."""


class EscalationPlan(Base):
    """The next instant of each escalation rule still to fire on a running cycle: a
    derived table (``app/escalations/schedule.py``) whose index on ``at`` gives the
    breach monitor its next instant without reading the clocks (migration 0013)."""

    __tablename__ = "escalation_plan"
    __table_args__ = (Index("ix_escalation_plan_at", "at"),)

    ticket_id: Mapped[int] = mapped_column(
        ForeignKey("tickets.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    metric: Mapped[str] = mapped_column(String(32), primary_key=True)
    cycle_index: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    policy_id: Mapped[int] = mapped_column(
        ForeignKey("policies.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    level: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[int] = mapped_column(BigInteger)


class SurveyAnswer(Base):
    __tablename__ = "survey_answers"
    __table_args__ = (
        CheckConstraint(
            "(kind = 'csat' AND score BETWEEN 1 AND 5)"
            " OR (kind = 'nps' AND score BETWEEN 0 AND 10)",
            name="score",
        ),
        # The satisfaction charts count a period's answers from this index alone
        # (``store/analytics/answers.py``, migrations 0015 and 0019) where the daily
        # ``answer_rollup`` does not cover the period or a filter asks for the ticket.
        Index(
            "ix_survey_answers_answered_buckets",
            "answered_at",
            "kind",
            "score",
            "first_response",
            "ticket_id",
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(8))
    score: Mapped[int] = mapped_column(Integer)
    answered_at: Mapped[int] = mapped_column(BigInteger, index=True)
    comment: Mapped[str | None] = mapped_column(Text)
    first_response: Mapped[int | None] = mapped_column(BigInteger)
    """Derived: the business seconds of the ticket's first first response once stopped
    (``FIRST_RESPONSES``), else NULL, as of the last write of the ticket's clocks; kept
    with ``answer_rollup`` in the same transaction (``store/analytics/answer_rollup.py``,
    migration 0019)."""


class Service(Base):
    __tablename__ = "services"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    availability_target: Mapped[float] = mapped_column(Float)
    """A fraction, e.g. 0.999 for "three nines"."""
    measurement_window: Mapped[str] = mapped_column(
        String(16), default="month", server_default="month"
    )
    """The period availability is judged over (``MEASUREMENT_WINDOWS``, migration 0005)."""


class Outage(Base):
    __tablename__ = "outages"
    __table_args__ = (Index("ix_outages_service_id_started_at", "service_id", "started_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("services.id", ondelete="CASCADE"))
    started_at: Mapped[int] = mapped_column(BigInteger)
    ended_at: Mapped[int | None] = mapped_column(BigInteger)
    """``None`` while the outage is still going on."""
    description: Mapped[str] = mapped_column(Text, default="", server_default="")
    weight: Mapped[float] = mapped_column(Float, default=1.0, server_default=text("1.0"))
    """1 = fully down; a partial outage counts this share of its length (migration 0005)."""
    planned: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    """Planned maintenance: excluded from availability when the agreement says so."""


MEASUREMENT_WINDOWS = ("month", "quarter", "year")


class ServiceCustomer(Base):
    """Which customers a service is provided to (migration 0005)."""

    __tablename__ = "service_customers"

    service_id: Mapped[int] = mapped_column(
        ForeignKey("services.id", ondelete="CASCADE"), primary_key=True
    )
    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customers.id", ondelete="CASCADE"), primary_key=True
    )


class OutageTicket(Base):
    """Tickets linked to an outage (migration 0005)."""

    __tablename__ = "outage_tickets"

    outage_id: Mapped[int] = mapped_column(
        ForeignKey("outages.id", ondelete="CASCADE"), primary_key=True
    )
    ticket_id: Mapped[int] = mapped_column(
        ForeignKey("tickets.id", ondelete="CASCADE"), primary_key=True
    )


class Agreement(Base):
    """A service agreement with one customer; its terms live in immutable versions.

    At most one *active* agreement per customer (a partial unique index)."""

    __tablename__ = "agreements"
    __table_args__ = (
        Index(
            "ix_agreements_active_customer_id",
            "customer_id",
            unique=True,
            **_where("active"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"))
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    current_version_id: Mapped[int | None] = mapped_column(
        ForeignKey(
            "agreement_versions.id",
            ondelete="SET NULL",
            use_alter=True,
            name="fk_agreements_current_version_id_agreement_versions",
        )
    )
    version: Mapped[int] = mapped_column(Integer, default=1, server_default=text("1"))
    """Optimistic lock: bumped by every save."""
    changed_by: Mapped[str | None] = mapped_column(String(200))
    """Who saved, activated or moved it last, and when (migration 0010)."""
    changed_at: Mapped[int | None] = mapped_column(BigInteger)


class AgreementVersion(Base):
    """Immutable: saving an agreement inserts version n+1 (``spec`` is the JSON form of
    ``domain.agreement.spec.AgreementSpec``)."""

    __tablename__ = "agreement_versions"
    __table_args__ = (UniqueConstraint("agreement_id", "version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreements.id", ondelete="CASCADE"))
    version: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[int] = mapped_column(BigInteger)
    author: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    policy_id: Mapped[int] = mapped_column(ForeignKey("policies.id", ondelete="RESTRICT"))
    calendar_id: Mapped[int | None] = mapped_column(ForeignKey("calendars.id", ondelete="RESTRICT"))
    spec: Mapped[str] = mapped_column(Text)
    review_date: Mapped[dt.date | None] = mapped_column(Date)
    review_interval_months: Mapped[int | None] = mapped_column(Integer)
    owner: Mapped[str | None] = mapped_column(String(200))


class AgreementReview(Base):
    """One review of an agreement: who, when, the outcome and what changed."""

    __tablename__ = "agreement_reviews"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agreement_id: Mapped[int] = mapped_column(
        ForeignKey("agreements.id", ondelete="CASCADE"), index=True
    )
    reviewed_at: Mapped[int] = mapped_column(BigInteger)
    reviewer: Mapped[str] = mapped_column(String(200))
    outcome: Mapped[str] = mapped_column(Text)
    changes: Mapped[str] = mapped_column(Text, default="", server_default="")


class WorkspaceMeta(Base):
    """Small key/value facts about the workspace (see the ``META_*`` keys)."""

    __tablename__ = "workspace_meta"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class ChangeFeed(Base):
    """One row (``id`` 1) whose counter every committed write bumps in its own
    transaction (migration 0011): how other desktops and processes notice a change
    where SQLite's ``data_version`` is not available (``store/dialect.py``)."""

    __tablename__ = "change_feed"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    counter: Mapped[int] = mapped_column(BigInteger)


class WorkspaceIdentity(Base):
    """Which workspace this is: one row, written when the workspace was created or first
    marked as ours (migration 0004). With ``SQLITE_APPLICATION_ID`` in a SQLite file's
    header it tells our files from another program's (``store/workspace_file.py``)."""

    __tablename__ = "workspace_identity"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    """Always 1: the table holds one row."""
    workspace_uuid: Mapped[str] = mapped_column(String(36))
    marked_at: Mapped[int] = mapped_column(BigInteger)
    """When the row was written (the workspace was created, or an older one upgraded)."""


SQLITE_APPLICATION_ID = 0x534C4157
"""``PRAGMA application_id`` of every SQLite workspace ("SLAW"); set by migration 0004."""


META_POLICY_FINGERPRINT = "policy_fingerprint"
"""The fingerprint of the active policies the last full recompute used."""
META_LAST_RECOMPUTE_AT = "last_recompute_at"
