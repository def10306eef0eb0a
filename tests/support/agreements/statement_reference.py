"""An independent computation of a customer statement's credits, straight from the
workspace's rows with plain SQL and Python (no code of ``app.agreements`` or
``domain.agreement``): what the statement tests compare the builder's figures with."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import text
from sqlalchemy.engine import Connection


def _months(first: dt.date, last: dt.date, zone: ZoneInfo) -> list[tuple[int, int]]:
    edges = []
    day = first.replace(day=1)
    stop = last + dt.timedelta(days=1)
    while day < stop:
        following = dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)
        lo, hi = max(day, first), min(following, stop)
        edges.append(tuple(int(dt.datetime(d.year, d.month, d.day, tzinfo=zone).timestamp())
                           for d in (lo, hi)))  # fmt: skip
        day = following
    return edges  # type: ignore[return-value]


def _downtime(spans: list[tuple[int, int, float]], lo: int, hi: int) -> float:
    """Sweep over start/end events keeping the covering weights; the largest counts."""
    events = []
    for a, b, w in spans:
        a, b = max(a, lo), min(b, hi)
        if b > a:
            events += [(a, 1, w), (b, -1, w)]
    events.sort()
    active: list[float] = []
    total, last = 0.0, lo
    for at, kind, weight in events:
        if active:
            total += max(active) * (at - last)
        last = at
        if kind == 1:
            active.append(weight)
        else:
            active.remove(weight)
    return total


def reference_total(connection: Connection, customer: str, first: dt.date, last: dt.date,
                    now: int) -> float:  # fmt: skip
    spec: dict[str, Any] = json.loads(connection.execute(text(
        "SELECT v.spec FROM agreements a JOIN agreement_versions v ON v.id = a.current_version_id"
        " JOIN customers c ON c.id = a.customer_id WHERE c.name = :c AND a.active"
    ), {"c": customer}).scalar_one())  # fmt: skip
    zone_name = "UTC"
    if spec.get("calendar"):
        zone_name = connection.execute(
            text("SELECT timezone FROM calendars WHERE name = :n"), {"n": spec["calendar"]}
        ).scalar_one()
    fee = float(spec["monthly_fee"])
    total = 0.0
    for lo, hi in _months(first, last, ZoneInfo(zone_name)):
        clocks = connection.execute(text(
            "SELECT k.ticket_id, t.priority, k.metric, k.state FROM ticket_clocks k"
            " JOIN tickets t ON t.id = k.ticket_id JOIN customers c ON c.id = t.customer_id"
            " WHERE c.name = :c AND k.stopped_at >= :lo AND k.stopped_at < :hi"
            " AND k.state IN ('achieved', 'breached')"
        ), {"c": customer, "lo": lo, "hi": hi}).all()  # fmt: skip
        for rule in spec["ticket_credits"]:
            tickets = {c[0] for c in clocks if c[3] == "breached" and c[1] == rule["priority"]
                       and c[2] == rule["metric"]}  # fmt: skip
            per = rule["amount"] if rule["amount"] is not None else fee * rule["percent"] / 100
            owed = len(tickets) * per
            total += owed if rule["cap"] is None else min(owed, rule["cap"])
        for rule in spec["compliance_credits"]:
            judged = [c for c in clocks if c[2] == rule["metric"]
                      and (rule["priority"] is None or c[1] == rule["priority"])]  # fmt: skip
            achieved = sum(1 for c in judged if c[3] == "achieved")
            if (
                judged
                and len(judged) >= spec["minimum_volume"]
                and (100 * achieved / len(judged) < rule["goal"])
            ):
                total += fee * rule["credit"] / 100
        end = min(hi, now)
        if end <= lo:
            continue
        for service in spec["services"]:
            spans = [
                (a, now if b is None else b, w)
                for a, b, w, planned in connection.execute(text(
                    "SELECT o.started_at, o.ended_at, o.weight, o.planned FROM outages o"
                    " JOIN services s ON s.id = o.service_id WHERE s.name = :s"
                ), {"s": service["service"]})
                if not (planned and spec["exclude_planned"])
            ]  # fmt: skip
            percent = 100 * (1 - _downtime(spans, lo, end) / (end - lo))
            reached = [t for t in service["tiers"] if percent < t["below"]]
            if reached:
                total += fee * min(reached, key=lambda t: t["below"])["credit"] / 100
    return round(total, 2)
