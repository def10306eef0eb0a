from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from slaworkbench.app.policies.lint import find_shadowed, lint
from slaworkbench.domain.model import Priority, TicketFacts
from slaworkbench.domain.policy import Conditions
from tests.support.policy.conditions import P, c


def facts(priority: str = "normal", **kw: object) -> TicketFacts:
    return TicketFacts(priority=Priority(priority), **kw)  # type: ignore[arg-type]


def test_catch_all_shadows_everything_after_it() -> None:
    policies = [
        P(1, "VIP", c(customers={"Acme"})),
        P(2, "Everything", c()),
        P(3, "Urgent", c(priorities={"urgent"})),
    ]
    shadowed = find_shadowed(policies)
    assert [(s.policy_name, s.by) for s in shadowed] == [("Urgent", ("Everything",))]


def test_a_union_of_earlier_policies_can_shadow() -> None:
    policies = [
        P(1, "Urgent", c(priorities={"urgent"})),
        P(2, "High", c(priorities={"high"})),
        P(3, "Hot", c(priorities={"urgent", "high"}, teams={"Ops"})),
        P(4, "Rest", c(priorities={"normal", "low"})),
        P(5, "Anything else", c()),
    ]
    shadowed = {s.policy_name: s.by for s in find_shadowed(policies)}
    assert shadowed == {"Hot": ("Urgent", "High"), "Anything else": ("Urgent", "High", "Rest")}


def test_inactive_policies_shadow_nothing_and_are_not_reported() -> None:
    policies = [
        P(1, "Everything (off)", c(), active=False),
        P(2, "Urgent", c(priorities={"urgent"})),
        P(3, "Urgent too (off)", c(priorities={"urgent"}), active=False),
    ]
    assert find_shadowed(policies) == []


def test_tags_and_open_fields_are_not_shadowed_by_named_values() -> None:
    policies = [
        P(1, "Tagged", c(tags={"vip"})),
        P(2, "Acme", c(customers={"Acme"})),
        P(3, "Both", c(tags={"vip", "gold"})),
        P(4, "Vip Acme", c(tags={"vip"}, customers={"Acme"})),
    ]
    # "Both" still gets tickets tagged only "gold"; "Vip Acme" is taken by "Tagged".
    assert [s.policy_name for s in find_shadowed(policies)] == ["Vip Acme"]


def test_ticket_counts() -> None:
    policies = [
        P(1, "Urgent", c(priorities={"urgent"})),
        P(2, "Acme", c(customers={"Acme"})),
        P(3, "Off", c(), active=False),
    ]
    tickets = [
        (10, facts("urgent", customer="Acme")),  # both
        (11, facts("urgent")),
        (12, facts("low", customer="Acme")),
        (13, facts("low")),  # none
        (14, facts("normal", customer="Other")),  # none
    ]
    report = lint(policies, tickets)
    assert report.tickets == 5
    assert report.multiple_matches == 1
    assert report.no_policy == 2
    assert report.example_no_policy == (13, 14)
    assert report.applied == {1: 2, 2: 1, 3: 0}
    assert report.also_matched == {1: 0, 2: 1, 3: 0}
    assert not report.is_clean
    assert lint([*policies[:1], P(4, "All", c())], [facts("low")]).no_policy == 0


def test_tickets_of_an_agreement_judged_by_another_policy_are_counted_with_examples() -> None:
    policies = [
        P(1, "Urgent around the clock", c(priorities={"urgent"})),
        P(2, "Office", c()),
        P(3, "Gold", c(customers={"Globex"})),  # shadowed by the catch-all
    ]
    tickets = [
        (20, facts("urgent", customer="Acme")),  # Acme's agreement says "Office"
        (21, facts("normal", customer="Acme")),
        (22, facts("urgent", customer="Acme")),
        (23, facts("urgent", customer="Initech")),  # no agreement
        (24, facts("low", customer="Globex")),  # "Gold" is shadowed: "Office" judges it
    ]
    report = lint(policies, tickets, {"Acme": "Office", "Globex": "Gold"})
    assert [(o.customer, o.policy, o.tickets, o.judged_by, o.examples)
            for o in report.off_agreement] == [
        ("Acme", "Office", 2, {"Urgent around the clock": 2}, (20, 22)),
        ("Globex", "Gold", 1, {"Office": 1}, (24,)),
    ]  # fmt: skip
    assert report.off_agreement_tickets == 3
    assert report.off_agreement[0].sentence() == (
        "2 tickets of Acme are judged by another policy than their agreement's “Office”: "
        "“Urgent around the clock” (2). For example #20, #22."
    )
    assert not report.is_clean
    assert lint(policies, tickets[1:2], {"Acme": "Office"}).off_agreement == ()


VALUES = {
    "priorities": [p.value for p in Priority],
    "customers": ["a", "b"],
    "teams": ["x", "y"],
    "tags": ["t", "u"],
}

condition_sets = st.fixed_dictionaries(
    {key: st.frozensets(st.sampled_from(values), max_size=2) for key, values in VALUES.items()}
).map(lambda sets: Conditions(**sets))


def every_ticket() -> list[TicketFacts]:
    tickets = []
    for priority in Priority:
        for customer in ["a", "b", None]:
            for team in ["x", "y", "z"]:
                for tags in [frozenset(), {"t"}, {"u"}, {"t", "u"}, {"w"}]:
                    tickets.append(
                        TicketFacts(priority, customer=customer, team=team, tags=frozenset(tags))
                    )
    return tickets


@given(st.lists(condition_sets, min_size=1, max_size=5))
def test_shadowing_agrees_with_brute_force(conditions: list[Conditions]) -> None:
    policies = [P(i, f"p{i}", cond) for i, cond in enumerate(conditions)]
    tickets = every_ticket()
    reachable = {
        next(p.id for p in policies if p.conditions.matches(t))
        for t in tickets
        if any(p.conditions.matches(t) for p in policies)
    }
    expected = {p.id for p in policies if p.id not in reachable}
    assert {s.policy_id for s in find_shadowed(policies)} == expected
