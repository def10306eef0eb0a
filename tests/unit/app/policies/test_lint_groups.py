""" "Check policies" matches each group of tickets with the same facts once
(``store.policies.editing.ticket_fact_groups`` + ``lint_groups``): its report must be
what matching every ticket on its own gives, counted here in plain Python from the
tickets' rows, for any policies and agreements, on each engine."""

from __future__ import annotations

from collections import Counter, defaultdict

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from slaworkbench.app.policies.lint import EXAMPLES, lint_groups
from slaworkbench.app.tickets.actions import NewTicket, create_ticket
from slaworkbench.domain.model import Priority, TicketFacts
from slaworkbench.store.policies.editing import ticket_fact_groups
from slaworkbench.store.schema import Customer, Team, Ticket, split_tags
from slaworkbench.store.workspace import Workspace
from tests.support.policy.conditions import P, c

NOW = 1_790_000_000
CUSTOMERS, TEAMS, CATEGORIES, CHANNELS, TAGS = (
    ["Acme", "Globex", None],
    ["Ops", "Billing", None],
    ["hardware", None],
    ["email", "phone"],
    ["vip", "gold", "new"],
)


def _ticket(n: int) -> NewTicket:
    if n < 12:  # twelve alike: a group with more ids than a report names
        return NewTicket(subject="same", priority=Priority.HIGH, customer="Acme", team="Ops")
    return NewTicket(
        subject=f"ticket {n}",
        priority=list(Priority)[n % 4],
        customer=CUSTOMERS[n % 3],
        team=TEAMS[(n // 3) % 3],
        category=CATEGORIES[n % 2],
        channel=CHANNELS[(n // 2) % 2],
        tags=frozenset(TAGS[: n % 4]),
    )


@pytest.fixture
def tickets(engine_workspace: Workspace) -> Workspace:
    with engine_workspace.session(write=True) as session:
        known = set(session.scalars(select(Team.name)))
        session.add_all(Team(name=name) for name in TEAMS if name and name not in known)
    for n in range(40):
        create_ticket(engine_workspace, _ticket(n), author="admin", now=NOW)
    return engine_workspace


def _each_ticket(ws: Workspace) -> list[tuple[int, TicketFacts]]:
    with ws.session() as session:
        rows = session.execute(
            select(
                Ticket.id, Ticket.priority, Customer.name, Customer.tier, Team.name,
                Ticket.category, Ticket.channel, Ticket.tags,
            )
            .outerjoin(Customer, Customer.id == Ticket.customer_id)
            .outerjoin(Team, Team.id == Ticket.team_id)
            .order_by(Ticket.id)
        ).all()  # fmt: skip
    return [
        (r[0], TicketFacts(Priority(r[1]), customer=r[2], customer_tier=r[3], team=r[4],
                           category=r[5], channel=r[6], tags=split_tags(r[7])))
        for r in rows
    ]  # fmt: skip


def _some(values: list[str | None]) -> st.SearchStrategy[set[str]]:
    return st.sets(st.sampled_from([v for v in values if v is not None]), max_size=2)


CONDITIONS = st.builds(
    lambda pr, cu, te, ca, ch, ta: c(
        priorities=pr, customers=cu, teams=te, categories=ca, channels=ch, tags=ta
    ),
    st.sets(st.sampled_from([p.value for p in Priority]), max_size=2),
    _some(CUSTOMERS), _some(TEAMS), _some(CATEGORIES), _some(CHANNELS), _some(TAGS),
)  # fmt: skip
POLICIES = st.lists(st.tuples(CONDITIONS, st.booleans()), min_size=1, max_size=4).map(
    lambda drawn: [P(i + 1, f"P{i + 1}", cond, active) for i, (cond, active) in enumerate(drawn)]
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(policies=POLICIES, agreed=st.dictionaries(st.sampled_from(["Acme", "Globex"]),
                                                 st.sampled_from(["P1", "P2", "P3"])))  # fmt: skip
def test_grouped_check_reports_what_matching_each_ticket_gives(tickets, policies, agreed):
    with tickets.session() as session:
        groups = ticket_fact_groups(session, keep=EXAMPLES, piece=7)
    report = lint_groups(policies, groups, agreed)

    each = _each_ticket(tickets)
    active = [p for p in policies if p.active]
    applied, also = Counter[int](), Counter[int]()
    none, multiple, examples = 0, 0, []
    off: dict[str, Counter[str]] = defaultdict(Counter)
    off_examples: dict[str, list[int]] = defaultdict(list)
    for ticket_id, facts in each:  # in id order
        matching = [p for p in active if p.conditions.matches(facts)]
        if not matching:
            none += 1
            examples.append(ticket_id)
            continue
        applied[matching[0].id] += 1
        also.update(p.id for p in matching[1:])
        multiple += len(matching) > 1
        wanted = agreed.get(facts.customer or "")
        if wanted is not None and matching[0].name != wanted:
            off[facts.customer or ""][matching[0].name] += 1
            off_examples[facts.customer or ""].append(ticket_id)

    assert sum(g.count for g in groups) == report.tickets == len(each) == 40
    assert (report.no_policy, report.multiple_matches) == (none, multiple)
    assert report.applied == {p.id: applied[p.id] for p in policies}
    assert report.also_matched == {p.id: also[p.id] for p in policies}
    assert report.example_no_policy == tuple(examples[:10])
    found = [
        (o.customer, o.policy, o.tickets, o.judged_by, o.examples) for o in report.off_agreement
    ]
    assert found == [
        (name, agreed[name], sum(by.values()), dict(by), tuple(off_examples[name][:10]))
        for name, by in sorted(off.items())
    ]  # fmt: skip
