"""The what-if says what the draft changes, and whether each target gets tighter."""

from __future__ import annotations

from slaworkbench.app.policies.whatif import draft_changes
from slaworkbench.domain.calendar.business import BusinessCalendar
from slaworkbench.domain.policy import Policy, policy_from_dict, policy_to_dict
from slaworkbench.store.seed import standard_policy_spec

CALENDAR = BusinessCalendar.always_open()


def standard(**changes: object) -> Policy:
    spec = standard_policy_spec() | {"id": 1, "calendar": CALENDAR.name} | changes
    return policy_from_dict(spec, lambda _name: CALENDAR)


def test_unchanged_draft_changes_nothing() -> None:
    saved = standard()
    assert draft_changes(saved, policy_from_dict(policy_to_dict(saved), lambda _n: CALENDAR)) == ()


def test_1d_12h_is_tighter_than_1d_16h() -> None:
    """The draft behind the 71 flips of the BPI 2013 screenshot: High resolution went
    from 16h to 3d, but Normal resolution from 1d 16h (40 h) to 1d 12h (36 h)."""
    targets = standard_policy_spec()["targets"]
    draft = standard(
        targets=targets
        | {
            "high": targets["high"] | {"resolution": "3d"},
            "normal": targets["normal"] | {"resolution": "1d 12h"},
        }
    )
    assert draft_changes(standard(), draft) == (
        "High · Resolution: 16h → 72h, looser by 56h.",
        "Normal · Resolution: 40h → 36h, tighter by 4h.",
    )


def test_other_fields_and_new_policies() -> None:
    saved = standard()
    draft = standard(
        targets={"low": {"first_response": 100_000}},
        conditions={"tags": ["vip"]},
        pause_statuses=["pending"],
        active=False,
    )
    changes = draft_changes(saved, draft)
    assert "Urgent · First response: no longer measured (was 1h)." in changes
    assert "Low · First response: 8h → 27h 46m 40s, looser by 19h 46m 40s." in changes
    assert changes[-3:] == (
        "Other conditions: the draft applies to other tickets.",
        "Paused while: on_hold, pending → pending.",
        "Switched off.",
    )
    assert draft_changes(None, draft) == ("A new policy, tried after every existing one.",)
