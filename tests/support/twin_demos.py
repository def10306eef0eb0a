"""Twin workspaces for tests that compare a selective recompute (the subject) with one
that evaluates every ticket (the reference): the same seeded demo twice, re-baselined
once, their derived rows compared as sorted tuples of named queries
(``tests.support.derived_rows`` holds the usual ones)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import ExitStack, contextmanager
from pathlib import Path

from sqlalchemy import text

from slaworkbench.app.demo.workspace import generate_demo
from slaworkbench.app.recompute.run import recompute
from slaworkbench.store.workspace import Workspace, open_workspace


def table_contents(workspace: Workspace, queries: Mapping[str, str]) -> dict[str, list[object]]:
    """Each query's rows, as tuples sorted by their text (orders of ids differ)."""
    with workspace.engine.connect() as connection:
        return {
            name: sorted((tuple(row) for row in connection.execute(text(sql))), key=repr)
            for name, sql in queries.items()
        }


def settled_demo(
    path: Path,
    *,
    tickets: int,
    seed: int,
    now: int,
    settled: int,
    before_settling: Callable[[Workspace], None] | None = None,
) -> Workspace:
    """A demo of ``tickets`` made at ``now``, re-baselined at ``settled`` (after
    ``before_settling``, e.g. forgetting a record the re-baseline keeps)."""
    workspace = open_workspace(str(path))
    try:
        generate_demo(workspace, tickets=tickets, seed=seed, now=now)
        if before_settling is not None:
            before_settling(workspace)
        recompute(workspace, only_open=False, now=settled)
    except BaseException:
        workspace.close()
        raise
    return workspace


@contextmanager
def twin_demos(
    folder: Path,
    queries: Mapping[str, str],
    *,
    tickets: int,
    seed: int,
    now: int,
    settled: int,
    before_settling: Callable[[Workspace], None] | None = None,
) -> Iterator[tuple[Workspace, Workspace]]:
    """``(subject, reference)``: two ``settled_demo`` in ``folder``, checked equal by
    ``queries`` before the test changes them; both closed afterwards."""
    with ExitStack() as stack:
        twins = []
        for name in ("subject", "reference"):
            path = folder / f"{name}.sqlite3"
            made = settled_demo(
                path, tickets=tickets, seed=seed, now=now, settled=settled,
                before_settling=before_settling,
            )  # fmt: skip
            stack.callback(made.close)
            twins.append(made)
        subject, reference = twins
        assert table_contents(subject, queries) == table_contents(reference, queries)
        yield subject, reference
