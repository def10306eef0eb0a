"""Test helpers shared by the recompute tests: a policy change that moves every clock."""

from __future__ import annotations

from slaworkbench.domain.policy import policy_to_dict
from slaworkbench.store.policies.versions import load_active_policies, save_policy_version
from slaworkbench.store.workspace import Workspace


def scale_targets(workspace: Workspace, factor: float, *, now: int) -> None:
    """Save a new version of every active policy with its targets times ``factor``."""
    with workspace.session(write=True) as session:
        for policy in load_active_policies(session):
            spec = policy_to_dict(policy)
            spec["targets"] = {
                priority: {metric: int(seconds * factor) for metric, seconds in per.items()}
                for priority, per in spec["targets"].items()
            }
            save_policy_version(
                session, policy.id, spec, calendar_name=policy.calendar.name, author="t", now=now
            )


def double_one_target(workspace: Workspace, *, now: int) -> None:
    """Save a new version of the last active policy with its low-priority resolution
    target doubled (the benchmark's "change one target")."""
    with workspace.session(write=True) as session:
        policy = load_active_policies(session)[-1]
        spec = policy_to_dict(policy)
        spec["targets"]["low"]["resolution"] *= 2
        save_policy_version(
            session, policy.id, spec, calendar_name=policy.calendar.name, author="t", now=now
        )
