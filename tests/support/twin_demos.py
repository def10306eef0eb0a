"""Twin workspaces for tests that compare a selective recompute (the subject) with one
that evaluates every ticket (the reference): two copies of a seeded demo re-baselined
once (made once per test process and copied for each test), their derived rows compared
as sorted tuples of named queries (``tests.support.derived_rows`` holds the usual ones)."""

from __future__ import annotations

import atexit
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterator, Mapping
from contextlib import ExitStack, closing, contextmanager
from pathlib import Path

from sqlalchemy import text

from slaworkbench.app.demo.workspace import generate_demo
from slaworkbench.app.recompute.run import recompute
from slaworkbench.store.workspace import Workspace, open_workspace
from tests.support.engines import (
    clone_at,
    kept_database,
    postgres_database,
    redirected_to_server,
)


def table_contents(workspace: Workspace, queries: Mapping[str, str]) -> dict[str, list[object]]:
    """Each query's rows, as tuples sorted by their text (orders of ids differ)."""
    with workspace.engine.connect() as connection:
        return {
            name: sorted((tuple(row) for row in connection.execute(text(sql))), key=repr)
            for name, sql in queries.items()
        }


def settled_demo(
    path: Path | str,
    *,
    tickets: int,
    seed: int,
    now: int,
    settled: int | None,
    before_settling: Callable[[Workspace], None] | None = None,
) -> Workspace:
    """A demo of ``tickets`` made at ``now``, re-baselined at ``settled`` (after
    ``before_settling``, e.g. forgetting a record the re-baseline keeps); ``settled``
    None: the demo as made."""
    workspace = open_workspace(str(path))
    try:
        generate_demo(workspace, tickets=tickets, seed=seed, now=now)
        if settled is not None:
            if before_settling is not None:
                before_settling(workspace)
            recompute(workspace, only_open=False, now=settled)
    except BaseException:
        workspace.close()
        raise
    return workspace


_TEMPLATES: dict[tuple[object, ...], Path] = {}
"""Settled demos already made by this process, by what made them (``twin_demos``)."""


def _template(
    *,
    tickets: int,
    seed: int,
    now: int,
    settled: int | None,
    before_settling: Callable[[Workspace], None] | None = None,
) -> Path:
    """The file of a ``settled_demo`` made with these arguments (``settled`` None: the
    demo as made), made once per process in a temporary folder removed when the process
    ends."""
    key = (tickets, seed, now, settled, before_settling)
    if key not in _TEMPLATES:
        folder = Path(tempfile.mkdtemp(prefix="slaworkbench-twins-"))
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        path = folder / "demo.sqlite3"
        settled_demo(
            path, tickets=tickets, seed=seed, now=now, settled=settled,
            before_settling=before_settling,
        ).close()  # fmt: skip
        _TEMPLATES[key] = path
    return _TEMPLATES[key]


_SERVER_TEMPLATES: dict[tuple[object, ...], str] = {}
"""The same on the test server: the databases cloned (``tests.support.engines``)."""


def _server_template(
    *,
    tickets: int,
    seed: int,
    now: int,
    settled: int | None,
    before_settling: Callable[[Workspace], None] | None = None,
) -> str:
    """The name of a database on the test server holding a ``settled_demo`` made with
    these arguments, made once per process and kept until the session ends."""
    key = (tickets, seed, now, settled, before_settling)
    if key not in _SERVER_TEMPLATES:

        def fill(url: str) -> None:
            settled_demo(
                url, tickets=tickets, seed=seed, now=now, settled=settled,
                before_settling=before_settling,
            ).close()  # fmt: skip

        _SERVER_TEMPLATES[key] = kept_database(fill)
    return _SERVER_TEMPLATES[key]


def _copy(template: Path, path: Path) -> Workspace:
    with (
        closing(sqlite3.connect(template)) as source,
        closing(sqlite3.connect(path)) as copy,
    ):
        source.backup(copy)
    return open_workspace(str(path))


def demo_copy(path: Path, *, tickets: int, seed: int, now: int) -> Workspace:
    """What ``generate_demo(tickets, seed, now)`` into a new workspace at ``path``
    leaves: a copy of one made once per process (in a ``[postgresql]`` run of an engine
    suite, a clone of a database kept on the server)."""
    if redirected_to_server():
        clone_at(path, _server_template(tickets=tickets, seed=seed, now=now, settled=None))
        return open_workspace(str(path))
    return _copy(_template(tickets=tickets, seed=seed, now=now, settled=None), path)


@contextmanager
def demo_on(engine: str, folder: Path, *, tickets: int, seed: int, now: int) -> Iterator[Workspace]:
    """What ``generate_demo(tickets, seed, now)`` into a new workspace on ``engine``
    (``sqlite``: in ``folder``; ``postgresql``: on the test server) leaves, open: a copy
    of one made once per process; closed (and the server database dropped) afterwards."""
    with ExitStack() as stack:
        if engine == "sqlite":
            template = _template(tickets=tickets, seed=seed, now=now, settled=None)
            made = _copy(template, folder / "demo.sqlite3")
        else:
            kept = _server_template(tickets=tickets, seed=seed, now=now, settled=None)
            made = open_workspace(stack.enter_context(postgres_database(template=kept)))
        stack.callback(made.close)
        yield made


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
    """``(subject, reference)``: two ``settled_demo`` in ``folder`` (on SQLite copies of
    one made once per process for these arguments), checked equal by ``queries`` before
    the test changes them; both closed afterwards."""
    with ExitStack() as stack:
        twins = []
        for name in ("subject", "reference"):
            path = folder / f"{name}.sqlite3"
            if not redirected_to_server():
                template = _template(
                    tickets=tickets, seed=seed, now=now, settled=settled,
                    before_settling=before_settling,
                )  # fmt: skip
                made = _copy(template, path)
            else:
                kept = _server_template(
                    tickets=tickets, seed=seed, now=now, settled=settled,
                    before_settling=before_settling,
                )  # fmt: skip
                made = open_workspace(stack.enter_context(postgres_database(template=kept)))
            stack.callback(made.close)
            twins.append(made)
        subject, reference = twins
        assert table_contents(subject, queries) == table_contents(reference, queries)
        yield subject, reference
