"""Escalation rules: thresholds as elapsed business time, the policy file form, refusals
in one sentence, and the lint of rules that never fire or duplicate another."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from slaworkbench.app.policies.lint import lint
from slaworkbench.domain.calendar.business import BusinessCalendar
from slaworkbench.domain.escalation import (
    ActionKind,
    EscalationAction,
    EscalationRule,
    Recipient,
    RuleError,
    ThresholdKind,
    rule_from_dict,
    rule_problems,
    rules_from_list,
    threshold_elapsed,
)
from slaworkbench.domain.model import Metric, Priority
from slaworkbench.domain.policy import policy_from_dict, policy_to_dict

NOTIFY = EscalationAction(ActionKind.NOTIFY, recipient=Recipient.MANAGERS)


def _rule(kind: ThresholdKind, value: int, level: int = 1) -> EscalationRule:
    return EscalationRule(Metric.RESOLUTION, level, kind, value, (NOTIFY,))


@given(st.integers(1, 10**7), st.integers(1, 1000))
def test_a_share_is_that_part_of_the_target_rounded_up(target: int, percent: int) -> None:
    elapsed = threshold_elapsed(_rule(ThresholdKind.SHARE, percent), target)
    assert elapsed * 100 >= target * percent > (elapsed - 1) * 100


def test_before_and_after_due_count_from_the_target() -> None:
    assert threshold_elapsed(_rule(ThresholdKind.BEFORE_DUE, 1800), 3600) == 1800
    assert threshold_elapsed(_rule(ThresholdKind.BEFORE_DUE, 7200), 3600) == 0
    assert threshold_elapsed(_rule(ThresholdKind.AFTER_DUE, 600), 3600) == 4200


def test_rules_round_trip_through_the_policy_file_form() -> None:
    data = {
        "name": "P",
        "targets": {"normal": {"resolution": "8h"}},
        "calendar": "24/7",
        "escalations": [
            {"metric": "resolution", "level": 2, "threshold": "after_due", "value": "1h",
             "actions": [{"do": "reassign", "team": "Tier 2"}, {"do": "add_tag", "tag": "hot"}]},
            {"metric": "resolution", "level": 1, "threshold": "share", "value": "75%",
             "actions": [{"do": "raise_priority"}, {"do": "notify", "to": "team_lead"}]},
        ],
    }  # fmt: skip
    resolve = _any_calendar
    policy = policy_from_dict(data, resolve)
    assert [(r.level, r.kind, r.value) for r in policy.escalations] == [
        (1, ThresholdKind.SHARE, 75),
        (2, ThresholdKind.AFTER_DUE, 3600),
    ]
    again = policy_from_dict(policy_to_dict(policy), resolve)
    assert again.escalations == policy.escalations
    # A policy without rules keeps its old file form (no "escalations" key).
    plain = policy_from_dict({k: v for k, v in data.items() if k != "escalations"}, resolve)
    assert "escalations" not in policy_to_dict(plain)


def _any_calendar(_name: str) -> BusinessCalendar:
    return BusinessCalendar.from_dict(
        {"name": "24/7", "timezone": "UTC", "hours": {d: [["00:00", "24:00"]] for d in
         ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}}
    )  # fmt: skip


@pytest.mark.parametrize(
    ("rule", "words"),
    [
        ({"metric": "speed", "threshold": "share", "value": 75, "actions": [{"do": "notify"}]},
         "not a metric"),
        ({"metric": "resolution", "threshold": "share", "value": "0",
          "actions": [{"do": "notify"}]}, "from 1 %"),
        ({"metric": "resolution", "threshold": "before_due", "value": "soon",
          "actions": [{"do": "notify"}]}, "not a duration"),
        ({"metric": "resolution", "threshold": "share", "value": 75, "actions": []},
         "at least one"),
        ({"metric": "resolution", "threshold": "share", "value": 75,
          "actions": [{"do": "reassign", "team": "A", "agent": "B"}]}, "not both"),
        ({"metric": "resolution", "threshold": "share", "value": 75, "level": 12,
          "actions": [{"do": "notify"}]}, "from 1 to 9"),
        ({"metric": "resolution", "threshold": "share", "value": 75,
          "actions": [{"do": "notify", "to": "everyone"}]}, "cannot be notified"),
    ],
)  # fmt: skip
def test_bad_rules_are_refused_with_a_sentence(rule: dict[str, object], words: str) -> None:
    with pytest.raises(RuleError, match=words):
        rule_from_dict(rule)


def test_two_rules_of_one_level_are_refused() -> None:
    rule = {
        "metric": "resolution",
        "threshold": "share",
        "value": 75,
        "actions": [{"do": "notify"}],
    }
    with pytest.raises(RuleError, match="level 1 of Resolution"):
        rules_from_list([rule, dict(rule, value=90)])


def test_the_lint_flags_rules_that_never_fire_and_duplicates() -> None:
    targets = {Priority.NORMAL: {Metric.RESOLUTION: 8 * 3600}}
    rules = [
        _rule(ThresholdKind.SHARE, 100, level=1),
        _rule(ThresholdKind.BEFORE_DUE, 0 + 1, level=2),
        _rule(ThresholdKind.AFTER_DUE, 0, level=3),  # the same instant as level 1
        _rule(ThresholdKind.AFTER_DUE, 400 * 24 * 3600, level=4),
        EscalationRule(Metric.FIRST_RESPONSE, 1, ThresholdKind.SHARE, 50, (NOTIFY,)),
    ]
    problems = rule_problems(rules, targets)
    assert len(problems) == 3
    assert any("level 3 at 0m after due duplicates level 1" in p for p in problems)
    assert any("more than a year" in p for p in problems)
    assert any("no priority measures First response" in p for p in problems)
    policy = policy_from_dict(
        {"name": "P", "targets": {"normal": {"resolution": "8h"}}, "calendar": "24/7",
         "escalations": [{"metric": "first_response", "threshold": "share", "value": 50,
                          "actions": [{"do": "notify"}]}]},
        _any_calendar,
    )  # fmt: skip
    report = lint([policy], [])
    assert not report.is_clean
    assert report.escalation_problems == (
        "“P”: Escalation First response level 1 at 50 % of the target never fires: "
        "no priority measures First response.",
    )


def test_a_rule_is_described_in_the_user_s_language() -> None:
    """The policy history, the lint and the escalation log said "resolution level 1" in
    Portuguese too: the metric's identifier."""
    from slaworkbench.language import speaking

    [rule] = rules_from_list(
        [{"metric": "resolution", "threshold": "share", "value": 75, "actions": [{"do": "notify"}]}]
    )
    with speaking("pt_PT"):
        assert rule.describe().startswith("Resolução")
