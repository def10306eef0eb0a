"""The demo's agreements are plausible contracts: over thirteen months of outages, no
month owes more than the demo's ceiling (a share of the fee), each ticket rule stays
within its monthly cap, and a typical month owes nothing or a few per cent."""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from pathlib import Path

from sqlalchemy import func, select

from slaworkbench.app.agreements.statement import build_statement
from slaworkbench.app.demo.agreements import CREDIT_CEILING_PERCENT
from slaworkbench.app.demo.workspace import generate_demo
from slaworkbench.domain.labels import metric_label
from slaworkbench.store.schema import Agreement, Customer, Outage
from slaworkbench.store.workspace import open_workspace

NOW = 1_780_000_000  # 2026-05-28


def test_no_demo_month_owes_more_than_the_caps(tmp_path: Path) -> None:
    ws = open_workspace(f"sqlite:///{tmp_path / 'ws.sqlite3'}")
    try:
        generate_demo(ws, tickets=3000, seed=3, now=NOW)
        with ws.session() as session:
            customers = session.execute(
                select(Customer.name).join(Agreement, Agreement.customer_id == Customer.id)
            ).scalars().all()  # fmt: skip
            outage_months = session.execute(
                select(func.count(func.distinct(func.strftime("%Y-%m", Outage.started_at,
                                                              "unixepoch"))))
            ).scalar_one()  # fmt: skip
        assert len(customers) == 3
        assert outage_months >= 12
        today = dt.datetime.fromtimestamp(NOW, dt.UTC).date()
        first = (today - dt.timedelta(days=365)).replace(day=1)
        monthly_shares: list[float] = []
        owed_anything = 0.0
        for customer in customers:
            statement = build_statement(ws, customer, first, today, now=NOW)
            fee = statement.agreement.monthly_fee
            assert len(statement.months) >= 12
            caps = {
                f"{metric_label(rule.metric)} breached, priority {rule.priority.value}:": (
                    rule.monthly_cap
                )
                for rule in statement.agreement.ticket_credits
            }
            assert all(cap is not None and cap <= 0.05 * fee for cap in caps.values())
            per_month: dict[dt.date, float] = defaultdict(float)
            for line in statement.credits:
                per_month[line.month] += line.amount
                for prefix, cap in caps.items():
                    if str(line.rule).startswith(prefix):
                        assert cap is not None and line.amount <= cap + 0.005, line
            for month in statement.months:
                owed = per_month.get(month.first_day, 0.0)
                assert owed <= fee * CREDIT_CEILING_PERCENT / 100, (customer, month, owed)
                monthly_shares.append(owed / fee)
            owed_anything += statement.total_credit
        assert owed_anything > 0  # the rules do bite now and then
        assert statistics.median(monthly_shares) <= 0.05
    finally:
        ws.close()
