"""Which tickets a re-baseline after a policy save must evaluate at all.

A re-baseline re-judges every ticket by the policy versions in force. A ticket's clocks,
summary, holds and OLA cycles are a function of its events, of the version that judges
it (versions are immutable) and of the calendars and OLA terms (``derived``). So, when
the last complete re-baseline recorded which version of each policy was in force
(``META_REBASELINE_VERSIONS``) and the calendars and OLA terms are still the recorded
ones (``derived.META_DERIVED_INPUTS``), the only tickets whose stored rows a re-baseline
can move are, selected in SQL before any event is read:

- those judged by a policy saved since (their stored version's policy is not at the
  recorded version: its closed tickets still carry an older version, its open ones
  may keep stopped verdicts of one);
- those the matching rules now give another version than the stored one (rules moved
  them to or from a saved policy, or their customer or team changed);
- those whose events changed since their timeline was cached (no cached timeline).

When no policy was saved since, the re-baseline is a request to re-judge every ticket
(readings brought to the time, hand-edited rows repaired): every ticket is evaluated.
Every other ticket is left exactly as it is — its rows, holds, OLA cycles and rollup —
which is what evaluating it again by the same version and events would store, except
that an open ticket's running readings stay those of its last evaluation (the next
open-ticket recompute moves them on). Pinned by
``tests/unit/app/recompute/test_rebaseline_selection.py``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray
from sqlalchemy import Connection, text

from slaworkbench.domain.policy import Policy
from slaworkbench.store.clocks.inputs import FACTS_FROM_SQL
from slaworkbench.store.clocks.selection import policy_choice_sql

META_REBASELINE_VERSIONS = "rebaseline_policy_versions"
"""JSON ``{policy id: version id}`` of the active policies as of the last complete
re-baseline (or demo) after which every ticket was judged by them."""


def versions_in_force(policies: Sequence[Policy]) -> str:
    """The record of ``policies`` for ``META_REBASELINE_VERSIONS``."""
    return json.dumps(
        {str(policy.id): policy.version_id for policy in policies if policy.active},
        sort_keys=True,
    )


def affected_tickets(
    connection: Connection, policies: Sequence[Policy], recorded: str
) -> NDArray[np.int64] | None:
    """The ids (ascending) of the tickets a re-baseline by ``policies`` can move, given
    the record ``recorded`` of the versions in force at the last one (module text);
    ``None`` (every ticket) when no policy was saved since."""
    before: dict[str, int | None] = json.loads(recorded)
    now: dict[str, int | None] = json.loads(versions_in_force(policies))
    saved = sorted(
        int(policy_id)
        for policy_id in before.keys() | now.keys()
        if before.get(policy_id) != now.get(policy_id)
    )
    if not saved:
        return None
    chosen = " ".join(
        f"WHEN {position} THEN {policy.version_id}"
        for position, policy in enumerate(policies)
        if policy.active and policy.version_id is not None
    )
    choice = policy_choice_sql(policies, connection)
    version_chosen = f"CASE ({choice}) {chosen} ELSE -1 END" if chosen else "-1"
    tests = [
        f"{version_chosen} <> COALESCE(t.policy_version_id, -1)",
        "NOT EXISTS (SELECT 1 FROM ticket_timelines tl WHERE tl.ticket_id = t.id)",
        "t.policy_version_id IN (SELECT pv.id FROM policy_versions pv WHERE pv.policy_id IN"
        f" ({', '.join(str(policy_id) for policy_id in saved)}))",
    ]
    sql = f"SELECT t.id FROM {FACTS_FROM_SQL} WHERE {' OR '.join(tests)} ORDER BY t.id"
    ids = connection.execute(text(sql)).scalars().all()
    return np.asarray(ids, dtype=np.int64)
