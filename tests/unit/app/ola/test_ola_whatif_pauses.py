"""The team OLA what-if pauses each ticket's OLA cycles in the statuses of the SLA
policy that ticket follows (chosen as the recompute chooses it), and in the default
ones when no policy applies: its flips are those a scalar replay of every log finds
with each ticket's own pause statuses."""

from __future__ import annotations

from pathlib import Path

import pytest

from slaworkbench.app.ola import whatif
from slaworkbench.app.ola.terms import TeamOlaEdit, load_team_olas_screen
from slaworkbench.app.ola.whatif import run_ola_whatif
from slaworkbench.app.policies.saving import PolicyEdit, save_policy
from slaworkbench.domain.model import DEFAULT_PAUSE_STATUSES, Event, Priority, Status
from slaworkbench.store.policies.versions import list_policies
from slaworkbench.store.seed import standard_policy_spec
from tests.support.ola_workspace import NOW, ola_workspace, scalar_desk_flips

NEVER_PAUSED: frozenset[Status] = frozenset()
DRAFT = {Priority.URGENT: 10 * 60, Priority.HIGH: 20 * 60, Priority.NORMAL: 30 * 60}


def test_each_ticket_pauses_as_its_policy_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = ola_workspace(tmp_path, tickets=150, seed=6, sla=True)
    workspace = made.workspace
    # The standard policy now judges only urgent and normal tickets and never pauses
    # them (pending counts too); high and low tickets have no policy (the default
    # pauses: pending does not count).
    with workspace.session() as session:
        standard = list_policies(session)[0]
    spec = dict(
        standard_policy_spec(),
        conditions={"priorities": ["urgent", "normal"]},
        pause_statuses=[],
    )
    save_policy(workspace, PolicyEdit(standard.id, spec, "Office"), author="lead", reason="t")
    desk = next(t for t in load_team_olas_screen(workspace).teams if t.team == "Desk")
    edit = TeamOlaEdit(desk.team_id, DRAFT, 0.25, "Office", desk.version)

    result = run_ola_whatif(workspace, edit, now=NOW)

    def pauses(events: list[Event]) -> frozenset[Status]:
        judged = events[0].priority in (Priority.URGENT, Priority.NORMAL)
        return NEVER_PAUSED if judged else DEFAULT_PAUSE_STATUSES

    expected = scalar_desk_flips(made.logs, DRAFT, pauses)
    found = {(f.ticket_id, f.started_at, f.stopped_at, f.before, f.after) for f in result.flips}
    assert expected and found == expected
    # Replayed seven tickets at a time, the same tickets, cycles and flips.
    monkeypatch.setattr(whatif, "WHATIF_CHUNK", 7)
    chunked = run_ola_whatif(workspace, edit, now=NOW)
    assert (chunked.tickets, chunked.cycles, chunked.flips) == (
        result.tickets, result.cycles, result.flips,
    )  # fmt: skip
    ever_desk = [e for e in made.logs.values() if any(x.value == "Desk" for x in e)]
    assert result.tickets == len(ever_desk) and result.cycles > len(expected)
    # Both kinds of ticket flip, and the default pauses for every ticket would give
    # other flips (seed 6: the pending time of a judged ticket moves a verdict).
    priorities = {made.logs[ticket_id][0].priority for ticket_id, *_ in expected}
    assert priorities & {Priority.URGENT, Priority.NORMAL} and priorities - {
        Priority.URGENT,
        Priority.NORMAL,
    }
    assert scalar_desk_flips(made.logs, DRAFT) != expected
