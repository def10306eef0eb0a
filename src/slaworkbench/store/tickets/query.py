"""What the ticket list asks for: a view, a search, optional narrowing and an order.

Plain values without SQL: the window and its saved filters build a ``TicketQuery``;
``ticket_list_filters`` and ``ticket_list_paging`` turn it into SQL.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from slaworkbench.domain.model import Instant, Metric, Priority, Seconds
from slaworkbench.i18n import tr
from slaworkbench.store.ola.holder_filter import HOLDER_FILTER_KEYS, HolderFilter
from slaworkbench.store.ola.ticket_filter import OLA_FILTER_KEYS, OlaFilter


class View(StrEnum):
    """The built-in views of the sidebar."""

    ALL_OPEN = "all_open"
    MINE = "mine"
    AT_RISK = "at_risk"
    BREACHED = "breached"
    PENDING = "pending"
    UNASSIGNED = "unassigned"
    ALL = "all"


class SortKey(StrEnum):
    ID = "id"
    SUBJECT = "subject"
    CUSTOMER = "customer"
    PRIORITY = "priority"
    STATUS = "status"
    ASSIGNEE = "assignee"
    FIRST_RESPONSE = "first_response"
    NEXT_RESPONSE = "next_response"
    """The latest next-response cycle's countdown (as the column shows it)."""
    PERIODIC_UPDATE = "periodic_update"
    """The latest periodic-update cycle's countdown."""
    RESOLUTION = "resolution"
    NEXT_DUE = "next_due"
    OLA = "ola"
    """The OLA cycle of the team the ticket is with now (as the column shows it)."""
    TIME_TO_BREACH = "time_to_breach"
    """The most urgent running clock first (by business time left, the most overdue
    first), then tickets whose clocks all wait (least business time left first), then
    the rest."""


TICKET_FILTER_KEYS = {
    "team": "team name (str)",
    "customer": "customer name (str)",
    "priority": "urgent | high | normal | low",
    "metric": "first_response | next_response | periodic_update | resolution",
    "sla_state": "breached: that metric's clock breached",
    "stopped_from": "instant: the clock stopped at or after",
    "stopped_to": "instant: the clock stopped before",
    "elapsed_from": "business seconds: the clock took at least",
    "elapsed_to": "business seconds: the clock took less than (absent: no limit)",
    "open": "True: only tickets not solved or closed",
    "due_from": "instant: next due at or after",
    "due_before": "instant: next due before",
    "due_after": "instant: the metric's clock is due after",
    "due_until": "instant: the metric's clock is due at or before",
    **OLA_FILTER_KEYS,
    **HOLDER_FILTER_KEYS,
}
"""What a dashboard click may ask the ticket list for (``DashboardWidget.
open_tickets_requested`` carries only the keys that apply), and what each means."""


@dataclass(frozen=True, slots=True)
class ClockFilter:
    """Tickets with at least one clock (cycle) of ``metric`` meeting every bound given.

    The dashboard counts clocks; the list shows each ticket with such a clock once.
    Bounds are half-open as the charts draw them: stopped in ``[stopped_from,
    stopped_to)``, elapsed in ``[elapsed_from, elapsed_to)``, and a running (not
    stopped) clock due in ``(due_after, due_until]``.
    """

    metric: Metric | None = None
    breached: bool = False
    stopped_from: Instant | None = None
    stopped_to: Instant | None = None
    elapsed_from: Seconds | None = None
    elapsed_to: Seconds | None = None
    due_after: Instant | None = None
    due_until: Instant | None = None

    @property
    def running(self) -> bool:
        return self.due_after is not None or self.due_until is not None


@dataclass(frozen=True, slots=True)
class TicketQuery:
    """What the list shows: a view, a search and optional narrowing, in one order.

    ``team_name``/``customer_name`` (with ``without_team``/``without_customer`` for
    "no team"), ``due_from``/``due_before`` (next due instant in ``[from, before)``) and
    ``clock`` come from a dashboard click (``from_dashboard_filter``).
    """

    view: View = View.ALL_OPEN
    search: str = ""
    priorities: tuple[Priority, ...] = ()
    team_id: int | None = None
    me_agent_id: int | None = None
    sort: SortKey = SortKey.TIME_TO_BREACH
    descending: bool = False
    team_name: str | None = None
    customer_name: str | None = None
    without_team: bool = False
    without_customer: bool = False
    due_from: Instant | None = None
    due_before: Instant | None = None
    clock: ClockFilter | None = None
    ola: OlaFilter | None = None
    """The tickets behind an OLA figure (``store.ola.ticket_filter``)."""
    held: HolderFilter | None = None
    """The tickets behind a "who held the SLA clock" figure (``store.ola.holder_filter``)."""

    @classmethod
    def from_dashboard_filter(cls, wanted: Mapping[str, Any]) -> TicketQuery:
        """The list a dashboard click asks for (keys: ``TICKET_FILTER_KEYS``).

        ``open=True`` shows open tickets only, else every ticket (a breach in a past
        period may be on a closed ticket). A ``team``/``customer`` of ``None`` means
        tickets without one. Raises ``ValueError`` on an unknown key or value.
        """
        unknown = set(wanted) - TICKET_FILTER_KEYS.keys()
        state = wanted.get("sla_state")
        if state not in (None, "breached"):
            unknown.add(f"sla_state={state}")
        if unknown:
            raise ValueError(
                tr("The ticket list cannot filter by {keys}; the list was left as it was.").format(
                    keys=", ".join(sorted(unknown))
                )
            )
        priority = wanted.get("priority")
        metric = wanted.get("metric")

        def instant(key: str) -> int | None:
            value = wanted.get(key)
            return None if value is None else int(value)

        clock_keys = (
            "metric",
            "sla_state",
            "stopped_from",
            "stopped_to",
            "elapsed_from",
            "elapsed_to",
            "due_after",
            "due_until",
        )
        clock = None
        if any(wanted.get(key) is not None for key in clock_keys):
            clock = ClockFilter(
                metric=Metric(metric) if metric else None,
                breached=state == "breached",
                stopped_from=instant("stopped_from"),
                stopped_to=instant("stopped_to"),
                elapsed_from=instant("elapsed_from"),
                elapsed_to=instant("elapsed_to"),
                due_after=instant("due_after"),
                due_until=instant("due_until"),
            )
        team = wanted.get("team")
        customer = wanted.get("customer")
        try:
            ola = OlaFilter.from_wanted(wanted)
        except ValueError:
            raise ValueError(
                tr(
                    "The ticket list cannot filter by ola_by={value}; the list was left as it was."
                ).format(value=wanted.get("ola_by"))
            ) from None
        try:
            held = HolderFilter.from_wanted(wanted)
        except ValueError as error:
            raise ValueError(
                tr("The ticket list cannot filter by {value}; the list was left as it was.").format(
                    value=error
                )
            ) from None
        return cls(
            view=View.ALL_OPEN if wanted.get("open") else View.ALL,
            priorities=(Priority(priority),) if priority else (),
            team_name=str(team) if team else None,
            customer_name=str(customer) if customer else None,
            without_team="team" in wanted and team is None,
            without_customer="customer" in wanted and customer is None,
            due_from=instant("due_from"),
            due_before=instant("due_before"),
            clock=clock,
            ola=ola,
            held=held,
        )

    @property
    def has_dashboard_filter(self) -> bool:
        return (
            self.team_name is not None
            or self.customer_name is not None
            or self.without_team
            or self.without_customer
            or self.due_from is not None
            or self.due_before is not None
            or self.clock is not None
            or self.ola is not None
            or self.held is not None
        )

    def without_dashboard_filter(self) -> TicketQuery:
        """The same view, search, narrowing and order without the dashboard's filter."""
        return replace(
            self,
            team_name=None,
            customer_name=None,
            without_team=False,
            without_customer=False,
            due_from=None,
            due_before=None,
            clock=None,
            ola=None,
            held=None,
        )
