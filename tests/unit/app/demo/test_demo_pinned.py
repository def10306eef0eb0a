"""The demo's content is pinned: speeding up its generation or changing how the
workspace stores it must not change one event, clock cycle or exported cell (issue 16).

The digest was taken on the code before the demo's speed work (commit 15b9e37), and
taken again once the demo's tickets gained team moves (the merge of the OLA work, on the
code before the speed work); ``tests.support.workspace_digest`` reads everything through
the ORM, so a new storage encoding reads back to the same values."""

from __future__ import annotations

from pathlib import Path

from slaworkbench.app.demo.workspace import generate_demo
from slaworkbench.store.workspace import Workspace
from tests.support.workspace_digest import results_digest

NOW = 1_780_000_000
PINNED = "892a0f7816b4794076eeac4228ab5a01199a59dd26e2cb701887b0aa831d8541"


def test_a_seeded_demo_gives_the_pinned_workspace(
    engine_workspace: Workspace, tmp_path: Path
) -> None:
    """On each engine (PostgreSQL when a test server is given): the same digest."""
    result = generate_demo(engine_workspace, tickets=2000, seed=5, now=NOW)
    assert result.clocks_computed
    assert results_digest(engine_workspace, tmp_path, NOW) == PINNED
