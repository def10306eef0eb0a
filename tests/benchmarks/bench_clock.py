"""Tickets per second: evaluate_ticket one by one (scalar) vs evaluate_columns (the column
engine of the recompute and the what-if, events already in columns).

Typical tickets of 5-10 events, evaluated on the 24/7 calendar and on an office calendar
(Lisbon, weekdays 09:00-18:00 with a lunch break, holidays). Usage:
``python -m tests.benchmarks bench_clock [--quick]``.
"""

from __future__ import annotations

import random
import time

import numpy as np

from slaworkbench.domain.calendar.business import BusinessCalendar
from slaworkbench.domain.clock.columns import evaluate_columns
from slaworkbench.domain.clock.cycles import evaluate_ticket
from slaworkbench.domain.clock.events import columns_of
from slaworkbench.domain.clock.results import to_evaluations
from slaworkbench.domain.model import Event, EventType, Metric, Priority, Status
from slaworkbench.domain.policy import Conditions, Policy

START = 1_767_225_600  # 2026-01-01T00:00:00Z
OFFICE = {
    "name": "Lisbon office",
    "timezone": "Europe/Lisbon",
    "hours": {
        day: [["09:00", "12:30"], ["13:30", "18:00"]] for day in ("mon", "tue", "wed", "thu", "fri")
    }
    | {"sat": [], "sun": []},
    "holidays": [
        {"date": "2026-04-03", "name": "Good Friday"},
        {"date": "2026-04-25", "name": "Freedom Day"},
        {"date": "2026-06-10", "name": "Portugal Day"},
    ],
}
TARGETS = {
    Priority.URGENT: {
        Metric.FIRST_RESPONSE: 3600,
        Metric.NEXT_RESPONSE: 7200,
        Metric.PERIODIC_UPDATE: 14_400,
        Metric.RESOLUTION: 28_800,
    },
    Priority.HIGH: {
        Metric.FIRST_RESPONSE: 4 * 3600,
        Metric.NEXT_RESPONSE: 8 * 3600,
        Metric.PERIODIC_UPDATE: 86_400,
        Metric.RESOLUTION: 3 * 86_400,
    },
    Priority.NORMAL: {
        Metric.FIRST_RESPONSE: 8 * 3600,
        Metric.NEXT_RESPONSE: 86_400,
        Metric.RESOLUTION: 5 * 86_400,
    },
    Priority.LOW: {Metric.FIRST_RESPONSE: 86_400, Metric.RESOLUTION: 10 * 86_400},
}


def typical_ticket(rng: random.Random) -> list[Event]:
    t = START + rng.randrange(180 * 86_400)
    events = [Event(t, EventType.CREATED, priority=rng.choice(list(Priority)))]
    for _ in range(rng.randint(4, 9)):
        t += rng.randrange(60, 2 * 86_400)
        kind = rng.random()
        if kind < 0.3:
            events.append(Event(t, EventType.AGENT_REPLY))
        elif kind < 0.5:
            events.append(Event(t, EventType.CUSTOMER_REPLY))
        elif kind < 0.85:
            status = rng.choice([Status.OPEN, Status.PENDING, Status.ON_HOLD, Status.SOLVED])
            events.append(Event(t, EventType.STATUS_CHANGED, status=status))
        elif kind < 0.92:
            events.append(Event(t, EventType.PRIORITY_CHANGED, priority=rng.choice(list(Priority))))
        else:
            events.append(Event(t, EventType.INTERNAL_NOTE))
    return events


def _rate(count: int, seconds: float) -> str:
    return f"{count / seconds:>12,.0f} tickets/s"


def main(argv: list[str]) -> int:
    count = 20_000 if "--quick" in argv else 200_000
    rng = random.Random(2026)
    tickets = [typical_ticket(rng) for _ in range(count)]
    now = START + 200 * 86_400
    for label, calendar in (
        ("24/7", BusinessCalendar.always_open()),
        ("office", BusinessCalendar.from_dict(OFFICE)),
    ):
        policy = Policy(1, "Bench", 1, True, Conditions(), TARGETS, calendar)
        items = [(events, policy) for events in tickets]
        scalar_count = min(count, 20_000)
        started = time.perf_counter()
        scalar = [evaluate_ticket(events, policy, now) for events, _ in items[:scalar_count]]
        scalar_time = time.perf_counter() - started
        columns = columns_of(tickets)
        policy_index = np.zeros(count, dtype=np.int64)
        started = time.perf_counter()
        result = evaluate_columns(columns, policy_index, [policy], now)
        columns_time = time.perf_counter() - started
        if to_evaluations(result, policy_index, [policy], now)[:scalar_count] != scalar:
            print(f"{label}: column and scalar results differ")
            return 1
        scalar_rate = scalar_count / scalar_time
        print(f"{label:>7} scalar  {_rate(scalar_count, scalar_time)}  ({scalar_count:,} tickets)")
        print(
            f"{label:>7} columns {_rate(count, columns_time)}  ({count:,} tickets)"
            f"  x{(count / columns_time) / scalar_rate:.1f} vs scalar"
        )
    return 0


if __name__ == "__main__":
    import sys

    sys.exit(main(sys.argv[1:]))
