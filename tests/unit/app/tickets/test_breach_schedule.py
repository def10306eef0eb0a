"""The breach schedule against a plain list-scan reference."""

from __future__ import annotations

from datetime import time

from hypothesis import given
from hypothesis import strategies as st

from slaworkbench.app.tickets.breach_schedule import AlertKind, BreachSchedule, QuietHours
from slaworkbench.store.tickets.alerts import WatchedTicket


class ReferenceSchedule:
    """Keeps each ticket's pending alerts in a list and scans everything."""

    def __init__(self) -> None:
        self.pending: dict[int, list[tuple[int, AlertKind]]] = {}

    def replace(self, ticket: WatchedTicket, now: int) -> None:
        alerts = []
        if ticket.due_at is not None and ticket.due_at > now:
            alerts.append((ticket.due_at, AlertKind.BREACHED))
            if ticket.risk_at is not None and now < ticket.risk_at < ticket.due_at:
                alerts.append((ticket.risk_at, AlertKind.AT_RISK))
        self.pending[ticket.ticket_id] = alerts

    def remove(self, ticket_id: int) -> None:
        self.pending.pop(ticket_id, None)

    def next_instant(self) -> int | None:
        instants = [at for alerts in self.pending.values() for at, _ in alerts]
        return min(instants) if instants else None

    def pop_due(self, now: int) -> list[tuple[int, int, AlertKind]]:
        due = []
        for ticket_id, alerts in self.pending.items():
            due += [(at, ticket_id, kind) for at, kind in alerts if at <= now]
            self.pending[ticket_id] = [(at, kind) for at, kind in alerts if at > now]
        return sorted(due)


ticket_ids = st.integers(1, 6)
instants = st.integers(0, 200)
operations = st.lists(
    st.one_of(
        st.tuples(st.just("replace"), ticket_ids, st.none() | instants, st.none() | instants),
        st.tuples(st.just("remove"), ticket_ids),
        st.tuples(st.just("advance"), st.integers(0, 40)),
    ),
    max_size=40,
)


@given(operations)
def test_schedule_matches_the_reference(ops: list[tuple]) -> None:  # type: ignore[type-arg]
    schedule, reference, now = BreachSchedule(), ReferenceSchedule(), 0
    for op in ops:
        if op[0] == "replace":
            _, ticket_id, risk_at, due_at = op
            ticket = WatchedTicket(ticket_id, f"#{ticket_id}", risk_at, due_at)
            schedule.replace(ticket, now)
            reference.replace(ticket, now)
        elif op[0] == "remove":
            schedule.remove(op[1])
            reference.remove(op[1])
        else:
            now += op[1]
            got = [(a.at, a.ticket_id, a.kind) for a in schedule.pop_due(now)]
            assert sorted(got) == reference.pop_due(now)
            assert [a for a, _, _ in got] == sorted(a for a, _, _ in got)
        assert schedule.next_instant() == reference.next_instant()


def test_a_replaced_ticket_forgets_its_old_deadline() -> None:
    schedule = BreachSchedule()
    schedule.replace(WatchedTicket(7, "printer", risk_at=80, due_at=100), now=0)
    schedule.replace(WatchedTicket(7, "printer", risk_at=None, due_at=None), now=50)
    assert schedule.next_instant() is None
    assert schedule.pop_due(1000) == []


def test_at_risk_comes_before_breached_for_the_same_ticket() -> None:
    schedule = BreachSchedule()
    schedule.replace(WatchedTicket(3, "vpn", risk_at=75, due_at=100), now=0)
    assert schedule.next_instant() == 75
    assert [(a.kind, a.at) for a in schedule.pop_due(75)] == [(AlertKind.AT_RISK, 75)]
    assert schedule.next_instant() == 100
    assert [(a.kind, a.at) for a in schedule.pop_due(100)] == [(AlertKind.BREACHED, 100)]
    assert len(schedule) == 0


def test_quiet_hours_wrap_past_midnight_in_local_time() -> None:
    quiet = QuietHours(time(22, 0), time(7, 0), "Europe/Lisbon")
    # 2026-07-01 21:30 UTC is 22:30 in Lisbon (WEST, UTC+1): quiet.
    assert quiet.is_quiet(1782941400)
    # 2026-07-01 12:00 UTC is 13:00 in Lisbon: not quiet.
    assert not quiet.is_quiet(1782907200)
    assert not QuietHours(time(9), time(9)).is_quiet(1782907200)
