"""A synthetic workspace for the dashboard: N tickets over 12 months, built with numpy.

Deterministic for a seed. It writes the rows the dashboard reads (tickets with their
denormalised clock summary, one ``ticket_clocks`` row per metric, survey answers,
services and outages) straight through the DBAPI, so a million tickets take seconds,
not minutes. Used by ``tests/benchmarks/bench_dashboard.py`` and by the dashboard tests.
"""

from __future__ import annotations

import numpy as np
from sqlalchemy import Engine

from slaworkbench.store.analytics.answer_rollup import rebuild_answer_rollup
from slaworkbench.store.analytics.rollup import rebuild_rollup
from slaworkbench.store.schema import CLOCK_STATES, METRICS, Base


def _code(names: tuple[str, ...]) -> str:
    """SQL giving a bound name's stored code (``ticket_clocks`` stores codes, 0020)."""
    return "CASE ? " + " ".join(f"WHEN '{n}' THEN {k}" for k, n in enumerate(names)) + " END"


DAY = 86400
HOUR = 3600
PRIORITIES = ("urgent", "high", "normal", "low")
PRIORITY_P = (0.06, 0.2, 0.54, 0.2)
FR_TARGET = np.array([1, 4, 8, 24]) * HOUR
RES_TARGET = np.array([8, 24, 72, 120]) * HOUR
TEAMS = ("Billing", "Platform", "Onboarding", "Mobile", "Enterprise desk")
SERVICES = (("Web app", 0.999), ("Public API", 0.995), ("Mobile sync", 0.99), ("SSO", 0.9995))


def _rows(*columns: np.ndarray | list[object]) -> list[tuple[object, ...]]:
    converted = [c.tolist() if isinstance(c, np.ndarray) else c for c in columns]
    return list(zip(*converted, strict=True))


def seed(engine: Engine, n: int, *, seed: int = 7, now: int, customers: int = 60) -> None:
    """Create the schema and fill it with ``n`` tickets created over the year before ``now``."""
    Base.metadata.create_all(engine)
    rng = np.random.default_rng(seed)
    ids = np.arange(1, n + 1)
    created = np.sort(rng.integers(now - 365 * DAY, now - 600, size=n))
    prio = rng.choice(4, size=n, p=PRIORITY_P)
    team = rng.integers(1, len(TEAMS) + 1, size=n)
    customer = np.minimum(rng.zipf(1.6, size=n), customers)
    age = now - created
    # Recent tickets are more often still open; some open ones wait on the customer.
    is_open = rng.random(n) < np.exp(-age / (12 * DAY)) * 0.9 + 0.01
    paused = is_open & (rng.random(n) < 0.15)
    status = np.where(is_open, np.where(paused, "pending", "open"), "solved")
    status = np.where(~is_open & (rng.random(n) < 0.5), "closed", status)

    fr_target = FR_TARGET[prio]
    res_target = RES_TARGET[prio]
    fr_elapsed = (fr_target * rng.lognormal(-0.7, 0.8, size=n)).astype(np.int64)
    res_elapsed = (res_target * rng.lognormal(-0.6, 0.7, size=n)).astype(np.int64)
    fr_elapsed = np.maximum(fr_elapsed, 30)
    res_elapsed = np.maximum(res_elapsed, fr_elapsed + 60)

    # First response: stopped if it happened before now, else still running.
    fr_stop = created + fr_elapsed
    fr_running = fr_stop >= now
    fr_running &= is_open
    fr_stop = np.where(fr_running, -1, np.minimum(fr_stop, now - 1))
    fr_elapsed_now = np.where(fr_running, age, fr_elapsed)
    fr_state = np.where(fr_elapsed_now > fr_target, "breached", "achieved")
    fr_state = np.where(fr_running & (fr_elapsed_now <= fr_target), "running", fr_state)
    fr_due = created + fr_target

    # Resolution: solved tickets stopped (never after now); open ones run or are paused.
    res_stop = np.minimum(created + res_elapsed, now - 1)
    res_elapsed_done = res_stop - created
    res_elapsed_now = np.where(is_open, (age * 0.6).astype(np.int64), res_elapsed_done)
    res_remaining = res_target - res_elapsed_now
    res_due = np.where(is_open & ~paused, now + res_remaining, created + res_target)
    res_state = np.where(res_elapsed_now > res_target, "breached", "achieved")
    res_state = np.where(is_open & (res_elapsed_now <= res_target), "running", res_state)
    res_state = np.where(paused & (res_elapsed_now <= res_target), "paused", res_state)

    next_due = np.where(is_open & ~paused, res_due, -1)
    next_due = np.where(
        fr_running, np.minimum(np.where(next_due < 0, fr_due, next_due), fr_due), next_due
    )
    sla_state = np.where(
        is_open,
        np.where(
            paused & ~fr_running,
            "paused",
            np.where(next_due <= now, "breached", "ok"),
        ),
        np.where((fr_state == "breached") | (res_state == "breached"), "breached", "achieved"),
    )
    solved_at = np.where(is_open, -1, res_stop)

    def nul(values: np.ndarray) -> list[object]:
        return [None if v < 0 else v for v in values.tolist()]

    prio_names = np.array(PRIORITIES)[prio]
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO teams (id, name) VALUES (?, ?)",
            [(i + 1, name) for i, name in enumerate(TEAMS)],
        )
        conn.exec_driver_sql(
            "INSERT INTO customers (id, name, tier) VALUES (?, ?, ?)",
            [
                (i, f"Customer {i:03d}", ("gold", "silver", "bronze")[i % 3])
                for i in range(1, customers + 1)
            ],
        )
        conn.exec_driver_sql(
            "INSERT INTO tickets (id, subject, customer_id, team_id, priority, status,"
            " created_at, updated_at, solved_at, sla_state, next_due_at, evaluated_at,"
            " first_response_target, resolution_target, tags, version)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', 1)",
            _rows(
                ids,
                ["Ticket"] * n,
                customer,
                team,
                prio_names,
                status,
                created,
                np.maximum(created, np.where(solved_at < 0, created, solved_at)),
                nul(solved_at),
                sla_state,
                nul(next_due),
                [now] * n,
                fr_target,
                res_target,
            ),
        )
        clock_sql = (
            "INSERT INTO ticket_clocks (ticket_id, metric_code, cycle_index, started_at,"
            " stopped_at, state_code, target, elapsed, remaining, due_at, breached_at, at_risk,"
            f" evaluated_at, priority_code) VALUES (?, {_code(METRICS)}, 0, ?, ?,"
            f" {_code(CLOCK_STATES)}, ?, ?, ?, ?, ?, 0, ?, {_code(PRIORITIES)})"
        )
        fr_breached_at = np.where(fr_state == "breached", fr_due, -1)
        conn.exec_driver_sql(
            clock_sql,
            _rows(
                ids,
                ["first_response"] * n,
                created,
                nul(fr_stop),
                fr_state,
                fr_target,
                fr_elapsed_now,
                fr_target - fr_elapsed_now,
                fr_due,
                nul(fr_breached_at),
                [now] * n,
                prio_names,
            ),
        )
        conn.exec_driver_sql(
            clock_sql,
            _rows(
                ids,
                ["resolution"] * n,
                created,
                nul(np.where(is_open, -1, res_stop)),
                res_state,
                res_target,
                res_elapsed_now,
                res_remaining,
                nul(np.where(paused, -1, res_due)),
                nul(np.where(res_state == "breached", res_due, -1)),
                [now] * n,
                prio_names,
            ),
        )
        # Surveys: fast first responses make happier customers.
        answered = ~is_open & (rng.random(n) < 0.25)
        ratio = fr_elapsed / fr_target
        csat = np.clip(np.round(5 - 2.2 * ratio + rng.normal(0, 0.8, n)), 1, 5).astype(int)
        nps_score = np.clip(np.round(10 - 4 * ratio + rng.normal(0, 2, n)), 0, 10).astype(int)
        with_nps = answered & (rng.random(n) < 0.5)
        answered_at = res_stop + rng.integers(600, 3 * DAY, size=n)
        answered_at = np.minimum(answered_at, now - 1)
        conn.exec_driver_sql(
            "INSERT INTO survey_answers (ticket_id, kind, score, answered_at) VALUES (?, ?, ?, ?)",
            _rows(
                ids[answered], ["csat"] * int(answered.sum()), csat[answered], answered_at[answered]
            )
            + _rows(
                ids[with_nps],
                ["nps"] * int(with_nps.sum()),
                nps_score[with_nps],
                answered_at[with_nps],
            ),
        )
        conn.exec_driver_sql(
            "INSERT INTO services (id, name, availability_target) VALUES (?, ?, ?)",
            [(i + 1, name, target) for i, (name, target) in enumerate(SERVICES)],
        )
        outages = []
        for service_id in range(1, len(SERVICES) + 1):
            starts = np.sort(rng.integers(now - 365 * DAY, now - HOUR, size=12))
            lengths = rng.lognormal(np.log(40 * 60), 1.0, size=12).astype(np.int64)
            for s, length in zip(starts.tolist(), lengths.tolist(), strict=True):
                outages.append((service_id, s, min(s + length, now), "Incident"))
        conn.exec_driver_sql(
            "INSERT INTO outages (service_id, started_at, ended_at, description)"
            " VALUES (?, ?, ?, ?)",
            outages,
        )
        rebuild_rollup(conn)  # as migration 0007 builds it for old files
        rebuild_answer_rollup(conn)  # as migration 0019 builds it
