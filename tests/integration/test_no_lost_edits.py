"""No lost edits, on both engines: two sessions edit the same ticket, policy, calendar and
agreement; the second save is refused with "changed by NAME at TIME — reload?" and
nothing of the first is overwritten. Policy versions are append-only in the database
itself."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from slaworkbench.app.agreements.editing import save_agreement
from slaworkbench.app.agreements.reading import load_agreements
from slaworkbench.app.policies.saving import PolicyEdit, save_calendar, save_policy
from slaworkbench.app.tickets.actions import NewTicket, agent_reply, create_ticket
from slaworkbench.domain.calendar.business import BusinessCalendar
from slaworkbench.store.errors import (
    StaleAgreementError,
    StaleCalendarError,
    StalePolicyError,
    StaleTicketError,
)
from slaworkbench.store.policies.calendars import list_calendars, load_calendar
from slaworkbench.store.policies.versions import list_policies, list_policy_versions
from slaworkbench.store.workspace import Workspace
from tests.support.agreements.workspace import acme_terms, agreement_workspace

NOW = 1_790_000_000
WHEN = "21/09/2026 14:13 UTC"  # NOW, as the sentence shows it


def test_a_stale_ticket_change_names_who_and_when(engine_workspace: Workspace) -> None:
    ws = engine_workspace
    ticket = create_ticket(ws, NewTicket("Printer on fire"), author="Ana", now=NOW - 60)
    agent_reply(ws, ticket, "On it", author="Ana", expected_version=1, now=NOW)
    with pytest.raises(StaleTicketError) as refused:  # Bo opened it before Ana's reply
        agent_reply(ws, ticket, "Me too", author="Bo", expected_version=1, now=NOW)
    assert str(refused.value) == (
        f"Ticket #{ticket} was changed by Ana at {WHEN} — reload? Nothing was overwritten."
    )
    with ws.session() as session:
        authors = session.execute(
            text(
                "SELECT a.name FROM ticket_events e JOIN event_authors a ON a.id = e.author_id"
                " WHERE e.ticket_id = :t ORDER BY e.seq"
            ),
            {"t": ticket},
        ).scalars()
        assert "Bo" not in list(authors)


def _policy_edit(ws: Workspace, first_response: int) -> PolicyEdit:
    with ws.session() as session:
        info = next(info for info in list_policies(session) if info.active)
        spec = dict(list_policy_versions(session, info.id)[0].spec)
        calendar = list_policy_versions(session, info.id)[0].calendar_name
    spec["targets"] = {
        priority: {**targets, "first_response": first_response}
        for priority, targets in spec["targets"].items()
    }
    return PolicyEdit(info.id, spec, calendar, lock_version=info.lock_version)


def test_a_stale_policy_save_is_refused_and_the_first_kept(engine_workspace: Workspace) -> None:
    ws = engine_workspace
    ana, bo = _policy_edit(ws, 1800), _policy_edit(ws, 7200)  # both open the same version
    save_policy(ws, ana, author="Ana", reason="faster")
    with pytest.raises(StalePolicyError, match=r"was changed by Ana at .* — reload\?"):
        save_policy(ws, bo, author="Bo", reason="slower")
    with ws.session() as session:
        versions = list_policy_versions(session, ana.policy_id or 0)
    assert [v.author for v in versions][:2] == ["Ana", versions[1].author]
    assert "Bo" not in [v.author for v in versions]
    targets = versions[0].spec["targets"]
    assert {per["first_response"] for per in targets.values()} == {1800}


def test_a_stale_calendar_save_is_refused_and_the_first_kept(engine_workspace: Workspace) -> None:
    ws = engine_workspace
    with ws.session() as session:
        info = list_calendars(session)[0]
        spec = load_calendar(session, info.name).to_dict()
    ana = BusinessCalendar.from_dict({**spec, "timezone": "Europe/Lisbon"})
    bo = BusinessCalendar.from_dict({**spec, "timezone": "Asia/Tokyo"})
    save_calendar(
        ws, ana, original_name=info.name, author="Ana", expected_version=info.lock_version
    )
    with pytest.raises(StaleCalendarError, match=r"was changed by Ana at .* — reload\?"):
        save_calendar(
            ws, bo, original_name=info.name, author="Bo", expected_version=info.lock_version
        )
    with ws.session() as session:
        assert load_calendar(session, info.name).timezone == "Europe/Lisbon"


def test_a_stale_agreement_save_is_refused_and_the_first_kept(
    workspace_url: str, tmp_path: Path
) -> None:
    ws = agreement_workspace(
        tmp_path, None if workspace_url.startswith("sqlite") else workspace_url
    )
    try:
        save_agreement(ws, None, acme_terms(), author="test", reason="signed", now=NOW - 10)
        [info] = load_agreements(ws)
        save_agreement(
            ws, info.id, acme_terms(monthly_fee=2500), author="Ana", reason="fee",
            expected_version=info.lock_version, now=NOW,
        )  # fmt: skip
        with pytest.raises(StaleAgreementError) as refused:
            save_agreement(
                ws, info.id, acme_terms(monthly_fee=900), author="Bo", reason="fee",
                expected_version=info.lock_version, now=NOW,
            )  # fmt: skip
        assert f"was changed by Ana at {WHEN} — reload?" in str(refused.value)
        [after] = load_agreements(ws)
        assert after.version == 2
    finally:
        ws.close()


@pytest.mark.parametrize("statement", ["UPDATE policy_versions SET reason = 'x'",
                                       "DELETE FROM policy_versions"])  # fmt: skip
def test_policy_versions_cannot_be_rewritten_or_deleted(
    engine_workspace: Workspace, statement: str
) -> None:
    with pytest.raises(DBAPIError, match="append-only"), engine_workspace.begin() as connection:
        connection.execute(text(statement))
    with engine_workspace.session() as session:
        assert session.execute(text("SELECT count(*) FROM policy_versions")).scalar_one() > 0
