"""The statement's data for Acme's January against hand-computed figures."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from slaworkbench.app.agreements.statement import build_statement, months_between
from slaworkbench.domain.agreement.credits import MonthVerdict
from slaworkbench.domain.model import Metric
from slaworkbench.store.errors import ValidationError
from tests.support.agreements.workspace import JAN_2026, acme_january, agreement_workspace

FEB_2026 = JAN_2026 + 31 * 86_400


def test_acme_january(tmp_path: Path) -> None:
    ws = agreement_workspace(tmp_path)
    made = acme_january(ws)
    statement = build_statement(
        ws, "Acme", dt.date(2026, 1, 1), dt.date(2026, 1, 31), now=FEB_2026 + 86_400
    )
    assert statement.calendar_zone == "Asia/Tokyo"
    [resolution] = [c for c in statement.compliance if c.metric is Metric.RESOLUTION]
    assert (resolution.result.achieved, resolution.result.breached) == (2, 3)
    assert resolution.verdict is MonthVerdict.MISSED
    [portal] = statement.services
    assert portal.availability.down_seconds == 75 * 60
    assert portal.percent == pytest.approx(100 * (1 - 75 / 44_640))
    assert {o.id for o in portal.outages} == set(made["outages"])
    assert (statement.csat.satisfied, statement.csat.answers) == (2, 3)
    assert (statement.nps.promoters, statement.nps.detractors, statement.nps.score) == (1, 1, 0)
    amounts = {str(line.rule).split(":")[0]: line for line in statement.credits}
    ticket_line = amounts["Resolution breached, priority urgent"]
    assert str(ticket_line.rule).endswith(": 50.00 per ticket, monthly cap 120.00")
    assert ticket_line.amount == 120.0
    assert ticket_line.ticket_ids == tuple(made["breached"])
    assert str(ticket_line.computation) == "3 tickets × 50.00 = 150.00, capped at 120.00"
    portal_line = amounts["Portal availability below 99.9 %"]
    assert portal_line.amount == 200.0
    assert portal_line.outage_ids == tuple(made["outages"][:2])
    assert amounts["Resolution (every priority) compliance below 90 %"].amount == 100.0
    assert statement.total_credit == 420.0


def test_not_enough_tickets_owes_no_compliance_credit(tmp_path: Path) -> None:
    ws = agreement_workspace(tmp_path)
    acme_january(ws)
    from slaworkbench.app.agreements.editing import save_agreement
    from slaworkbench.store.agreements.versions import list_agreements
    from tests.support.agreements.workspace import acme_terms

    with ws.session() as session:
        [info] = list_agreements(session)
    save_agreement(ws, info.id, acme_terms(minimum_volume=6), author="t")
    statement = build_statement(ws, "Acme", dt.date(2026, 1, 1), dt.date(2026, 1, 31))
    [resolution] = [c for c in statement.compliance if c.metric is Metric.RESOLUTION]
    assert resolution.verdict is MonthVerdict.NOT_ENOUGH
    assert statement.total_credit == 320.0


def test_months_follow_the_local_zone() -> None:
    from zoneinfo import ZoneInfo

    months = months_between(dt.date(2026, 1, 15), dt.date(2026, 3, 10), ZoneInfo("Asia/Tokyo"))
    assert [m.first_day for m in months] == [
        dt.date(2026, 1, 1), dt.date(2026, 2, 1), dt.date(2026, 3, 1),
    ]  # fmt: skip
    assert months[0].start == JAN_2026 + 14 * 86_400 - 9 * 3600
    assert months[1].start == FEB_2026 - 9 * 3600


def test_no_agreement_no_statement(tmp_path: Path) -> None:
    ws = agreement_workspace(tmp_path)
    with pytest.raises(ValidationError, match="no active agreement"):
        build_statement(ws, "Globex", dt.date(2026, 1, 1), dt.date(2026, 1, 31))


def test_a_statement_built_in_english_is_written_whole_in_the_reader_s_language(
    tmp_path: Path, qapp: object
) -> None:
    """The credits' sentences were made when the statement was built: written for a
    Portuguese reader (``report --language pt_PT`` from an English shell, or the window's
    statement in another language) they stayed English, with Python's numbers (``99.9``,
    ``90.0``) and the program's identifiers (``urgent resolution``)."""
    import html
    import re

    from slaworkbench.reports.statement import write_statement

    ws = agreement_workspace(tmp_path)
    acme_january(ws)
    statement = build_statement(
        ws, "Acme", dt.date(2026, 1, 1), dt.date(2026, 1, 31), now=FEB_2026 + 86_400
    )
    out = tmp_path / "statement.html"
    write_statement(statement, "html", out, "pt_PT")
    text = html.unescape(re.sub(r"<[^>]+>", " ", out.read_text(encoding="utf-8")))
    text = re.sub(r"\s+", " ", text)
    assert "Resolução incumprida, prioridade urgente: 50,00 por ticket, limite mensal" in text
    assert "Disponibilidade de Portal abaixo de 99,9 %" in text
    assert "Cumprimento de Resolução (qualquer prioridade) abaixo de 90 %" in text
    assert "90 % dos tickets dentro do objetivo" in text
    assert "Fim do relatório." in text  # its call was inside an f-string, unseen by lupdate
    for english in ("breached", "resolution", "every priority", "99.9", "90.0", "End of"):
        assert english not in text, english
    # and the same statement, shown in English, says it in English
    assert str(statement.credits[0].rule).isascii()
