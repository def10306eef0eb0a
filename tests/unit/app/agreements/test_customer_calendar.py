"""A customer with a calendar of their own (Tokyo hours, an own holiday): their tickets'
due instants follow it, other customers' follow the policy's, and the "why is it due
then?" explanation names it."""

from __future__ import annotations

from pathlib import Path

from slaworkbench.app.agreements.editing import end_agreement, save_agreement
from slaworkbench.app.recompute.run import needs_recompute, recompute
from slaworkbench.app.tickets.actions import NewTicket, create_ticket_with_clocks
from slaworkbench.app.tickets.workbench import load_ticket_view
from slaworkbench.domain.model import Metric
from slaworkbench.store.workspace import Workspace
from tests.support.agreements.workspace import DAY, HOUR, JAN_2026, acme_terms, agreement_workspace

THU_NOON = JAN_2026 + 12 * HOUR
"""Thursday 2026-01-01 12:00 UTC = 21:00 in Tokyo, after Acme's hours."""
OFFICE_DUE = THU_NOON + 4 * HOUR
"""4 business hours in the Office calendar (UTC, Thu 09–18): Thursday 16:00 UTC."""
TOKYO_DUE = JAN_2026 + 4 * DAY + 4 * HOUR
"""Acme Tokyo: Friday 2 January is Acme's holiday, then the weekend; Monday 09:00 JST
(00:00 UTC) + 4 h = Monday 5 January 13:00 JST = 04:00 UTC."""


def _due(ws: Workspace, customer: str) -> int | None:
    change = create_ticket_with_clocks(
        ws,
        NewTicket(subject="Need help", customer=customer),
        author="test",
        now=THU_NOON,
    )
    [cycle] = change.evaluation.results[Metric.FIRST_RESPONSE].cycles
    return cycle.due_at


def test_customer_calendar_decides_due_instants(tmp_path: Path) -> None:
    ws = agreement_workspace(tmp_path)
    save_agreement(ws, None, acme_terms(), author="ana")
    assert _due(ws, "Acme") == TOKYO_DUE
    assert _due(ws, "Globex") == OFFICE_DUE


def test_why_is_it_due_then_names_the_customer_calendar(tmp_path: Path) -> None:
    ws = agreement_workspace(tmp_path)
    save_agreement(ws, None, acme_terms(), author="ana")
    ticket_id = create_ticket_with_clocks(
        ws, NewTicket(subject="Help", customer="Acme"), author="t", now=THU_NOON
    ).ticket_id
    view = load_ticket_view(ws, ticket_id, now=THU_NOON + HOUR)
    explanation = view.explanations[(Metric.FIRST_RESPONSE, 0)]
    assert explanation.calendar_name == "Acme Tokyo"
    assert view.detail.calendar_name == "Acme Tokyo"
    assert view.detail.calendar_timezone == "Asia/Tokyo"


def test_saving_or_ending_an_agreement_recomputes_the_customer_tickets(tmp_path: Path) -> None:
    ws = agreement_workspace(tmp_path)
    recompute(ws, now=THU_NOON)
    before = _due(ws, "Acme")
    assert before == OFFICE_DUE
    agreement_id, changes = save_agreement(ws, None, acme_terms(), author="ana")
    assert changes.policies and needs_recompute(ws)
    recompute(ws, now=THU_NOON)
    view = load_ticket_view(ws, 3, now=THU_NOON)
    [cycle] = [c for c in view.detail.clocks if c.metric is Metric.FIRST_RESPONSE]
    assert cycle.due_at == TOKYO_DUE
    end_agreement(ws, agreement_id)
    assert needs_recompute(ws)
    recompute(ws, now=THU_NOON)
    view = load_ticket_view(ws, 3, now=THU_NOON)
    [cycle] = [c for c in view.detail.clocks if c.metric is Metric.FIRST_RESPONSE]
    assert cycle.due_at == OFFICE_DUE and view.detail.calendar_name == "Office"


def test_live_readings_count_in_the_customer_calendar(tmp_path: Path) -> None:
    """The list's calendar for a ticket (countdowns, report, export) is the customer's."""
    from slaworkbench.app.tickets.workbench import load_calendars, load_page
    from slaworkbench.store.tickets.query import TicketQuery

    ws = agreement_workspace(tmp_path)
    save_agreement(ws, None, acme_terms(), author="ana")
    acme = create_ticket_with_clocks(
        ws, NewTicket(subject="Help", customer="Acme"), author="t", now=THU_NOON
    ).ticket_id
    globex = create_ticket_with_clocks(
        ws, NewTicket(subject="Help", customer="Globex"), author="t", now=THU_NOON
    ).ticket_id
    calendars = load_calendars(ws)
    rows = {row.id: row for row in load_page(ws, TicketQuery(), None, 50, now=THU_NOON)}
    assert calendars[rows[acme].calendar_id].name == "Acme Tokyo"
    assert calendars[rows[globex].calendar_id].name == "Office"
