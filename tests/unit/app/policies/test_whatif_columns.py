"""The what-if counted from columns equals the slow, obvious what-if
(``tests.support.whatif_reference``: objects, Python's policy choice, the scalar engine,
every cycle counted one by one) for any draft: targets tightened or loosened, pauses
changed, switched off or on, other conditions, a new policy tried anywhere in the list,
over any period; its rows, its flips (ticket, labels, metric, before and after) and the
number of tickets replayed; on each engine."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from slaworkbench.app.demo.workspace import generate_demo
from slaworkbench.app.policies.whatif import current_policies, run_whatif
from slaworkbench.domain.model import Metric, Priority, Status
from slaworkbench.domain.policy import Conditions, Policy
from slaworkbench.store.schema import TicketClock
from slaworkbench.store.workspace import Workspace, open_workspace
from tests.support.engines import postgres_database
from tests.support.whatif_reference import reference_whatif

NOW = 1_779_890_400  # Wednesday 27 May 2026, 14:00 UTC
DAY = 86_400


@pytest.fixture(scope="module")
def demos(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Workspace]]:
    """One demo workspace per engine, made when a test first asks for it."""
    with ExitStack() as stack:

        def made(engine: str) -> Workspace:
            if engine == "postgresql":
                url = stack.enter_context(postgres_database())
            else:
                url = str(Path(tmp_path_factory.mktemp("whatif")) / "demo.sqlite3")
            workspace = open_workspace(url)
            stack.callback(workspace.close)
            generate_demo(workspace, tickets=300, seed=11, now=NOW)
            return workspace

        yield _Made(made)


class _Made(dict[str, Workspace]):
    def __init__(self, make: Callable[[str], Workspace]) -> None:
        super().__init__()
        self._make = make

    def __missing__(self, engine: str) -> Workspace:
        self[engine] = workspace = self._make(engine)
        return workspace


@pytest.fixture
def demo(engine_name: str, demos: dict[str, Workspace]) -> Workspace:
    return demos[engine_name]


@st.composite
def drafts(draw: st.DrawFn, current: list[Policy]) -> tuple[Policy, int | None]:
    own = [policy for policy in current if policy.variant_for is None]
    edited = draw(st.sampled_from(own))
    factor = draw(st.sampled_from([0.25, 0.5, 1, 2, 3]))
    cells = draw(st.sets(st.sampled_from([(p, m) for p in Priority for m in Metric])))
    targets = {
        priority: {
            metric: int(seconds * factor) if (priority, metric) in cells else seconds
            for metric, seconds in per.items()
        }
        for priority, per in edited.targets.items()
    }
    changes: dict[str, object] = {"targets": targets}
    if draw(st.booleans()):
        changes["pause_statuses"] = edited.pause_statuses ^ {draw(st.sampled_from(list(Status)))}
    if draw(st.booleans()):
        changes["active"] = not edited.active
    if draw(st.booleans()):
        priorities = draw(st.sets(st.sampled_from([p.value for p in Priority])))
        changes["conditions"] = Conditions(priorities=frozenset(priorities))
    position = None
    if draw(st.booleans()):  # a new policy, tried at a position of the list
        changes["id"] = 0
        changes["name"] = "Draft"
        position = draw(st.integers(0, len(current)))
    return dataclasses.replace(edited, **changes), position


def _stop_instants(workspace: Workspace) -> list[int]:
    """Some instants at which stored cycles stopped: a period may end on one."""
    with workspace.session() as session:
        found = session.scalars(
            select(TicketClock.stopped_at)
            .where(TicketClock.stopped_at.is_not(None))
            .order_by(TicketClock.stopped_at.desc())
            .limit(50)
        )
        return sorted(set(found))[::5]


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data(), days=st.sampled_from([1, 7, 30, 400]), back=st.sampled_from([0, 3, 20]))
def test_the_columns_count_what_the_objects_count(demo, data, days, back):
    with demo.session() as session:
        current = current_policies(session)
    draft, position = data.draw(drafts(current))
    end = data.draw(st.sampled_from([NOW - back * DAY, *_stop_instants(demo)]))
    start = end - days * DAY
    result = run_whatif(demo, draft, start, end, now=NOW, position=position)
    tickets, rows, flips = reference_whatif(demo, current, draft, start, end, NOW, position)
    assert result.tickets == tickets
    assert result.rows == rows
    assert result.flips == flips


def test_a_looser_draft_flips_tickets_and_rows_agree(demo):
    """A draft doubling every target of the policy judging the most tickets flips some
    breached clocks to achieved (the property above also holds for drafts changing
    nothing, so this pins down that flips are there to compare)."""
    with demo.session() as session:
        current = current_policies(session)
    edited = max(
        (p for p in current if p.variant_for is None and p.active), key=lambda p: len(p.targets)
    )
    draft = dataclasses.replace(
        edited,
        targets={p: {m: s * 4 for m, s in per.items()} for p, per in edited.targets.items()},
    )
    result = run_whatif(demo, draft, NOW - 400 * DAY, NOW, now=NOW)
    assert (result.tickets, result.rows, result.flips) == reference_whatif(
        demo, current, draft, NOW - 400 * DAY, NOW, NOW
    )
    assert result.tickets == 300 and result.flips
    assert all(flip.after != "breached" for flip in result.flips)
