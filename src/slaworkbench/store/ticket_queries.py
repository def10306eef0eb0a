"""The ticket list's queries: one page of rows, one row, one ticket's detail.

A façade kept for the many callers that import from here. The code lives in:

- ``ticket_query_model``: what the list asks for (``TicketQuery``, ``View``, ``SortKey``,
  ``ClockFilter``), plain values without SQL;
- ``ticket_rows``: the list's row (``TicketRow``, ``ClockSnapshot``), one row by id and
  the pickers' options;
- ``ticket_list_filters``: the query's SQL conditions and ``count_tickets``;
- ``ticket_list_paging``: the order as segments and keyset paging (``list_tickets``);
- ``ticket_detail``: what the detail pane shows (``fetch_ticket_detail``).
"""

from __future__ import annotations

from slaworkbench.store.ticket_detail import (
    ClockRow,
    EventRow,
    TicketDetail,
    fetch_ticket_detail,
)
from slaworkbench.store.ticket_list_filters import count_tickets
from slaworkbench.store.ticket_list_paging import list_tickets
from slaworkbench.store.ticket_query_model import (
    DASHBOARD_FILTER_KEYS,
    ClockFilter,
    SortKey,
    TicketQuery,
    View,
)
from slaworkbench.store.ticket_rows import (
    ClockSnapshot,
    NamedOption,
    TicketRow,
    fetch_ticket_row,
    list_options,
)

__all__ = [
    "DASHBOARD_FILTER_KEYS",
    "ClockFilter",
    "ClockRow",
    "ClockSnapshot",
    "EventRow",
    "NamedOption",
    "SortKey",
    "TicketDetail",
    "TicketQuery",
    "TicketRow",
    "View",
    "count_tickets",
    "fetch_ticket_detail",
    "fetch_ticket_row",
    "list_options",
    "list_tickets",
]
