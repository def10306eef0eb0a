"""Both engines for one test: a ``workspace`` on SQLite and, when a PostgreSQL server is
given, on PostgreSQL too (test ids end in ``[sqlite]`` / ``[postgresql]``).

``SLAWORKBENCH_TEST_POSTGRES`` names a server URL whose login may create databases (and
roles, for the role tests); ``.ci/postgres.sh`` starts a throw-away one and sets it, so
CI runs every engine-parametrised test on both. Without it only ``[sqlite]`` runs.

A fresh PostgreSQL database per test is cheap: each test process migrates one template
database once (``open_workspace`` seeds it like a new file), and every test clones it
with ``CREATE DATABASE ... TEMPLATE``, which copies files instead of running the
migrations again. The clone is dropped (``WITH (FORCE)``) when the test ends.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from slaworkbench.store.workspace import Workspace, open_workspace
from tests.support.paths import REPO_ROOT
from tests.support.postgres_server import drop_on

SERVER = os.environ.get("SLAWORKBENCH_TEST_POSTGRES")
ENGINES = ("sqlite", "postgresql") if SERVER else ("sqlite",)
needs_postgres = pytest.mark.skipif(
    not SERVER, reason="set SLAWORKBENCH_TEST_POSTGRES to run against a PostgreSQL server"
)


def server_url(database: str) -> str:
    """The test server's URL for ``database`` (the password kept)."""
    assert SERVER is not None
    return make_url(SERVER).set(database=database).render_as_string(hide_password=False)


def _admin() -> Engine:
    assert SERVER is not None
    return create_engine(SERVER, isolation_level="AUTOCOMMIT")


def _create_database(name: str, template: str | None = None) -> None:
    """``CREATE DATABASE name`` on the test server, a clone of ``template`` when given."""
    clone = "" if template is None else f' TEMPLATE "{template}"'
    admin = _admin()
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"{clone}'))
    finally:
        admin.dispose()


def _drop_databases(names: Iterable[str]) -> None:
    """Drop the databases ``names`` on the test server (ending their sessions)."""
    admin = _admin()
    try:
        with admin.connect() as connection:
            for name in names:
                drop_on(connection, name)
    finally:
        admin.dispose()


class _Template:
    """One migrated, seeded database per test process, cloned by every test."""

    name: str | None = None

    @classmethod
    def ensure(cls) -> str:
        if cls.name is None:
            name = f"slaworkbench_tpl_{uuid.uuid4().hex[:12]}"
            _create_database(name)
            open_workspace(server_url(name)).close()
            cls.name = name
        return cls.name

    @classmethod
    def drop(cls) -> None:
        if cls.name is None:
            return
        _drop_databases([cls.name])
        cls.name = None


_KEPT: list[str] = []
"""Databases made once per test process to be cloned (``kept_database``), dropped when
the session ends."""


def kept_database(fill: Callable[[str], None]) -> str:
    """The name of a new database on the test server, seeded as a workspace, then given
    to ``fill`` (its URL) and kept until the session ends: a template for
    ``postgres_database(template=...)``. ``fill`` must close what it opens."""
    name = f"slaworkbench_kept_{uuid.uuid4().hex[:12]}"
    _create_database(name, _Template.ensure())
    _KEPT.append(name)
    fill(server_url(name))
    return name


@contextmanager
def postgres_database(*, seeded: bool = True, template: str | None = None) -> Iterator[str]:
    """A fresh database on the test server (a seeded workspace unless ``seeded`` is
    False: then an empty database; a clone of ``template`` when given), dropped
    afterwards; yields its URL."""
    if template is None:
        template = _Template.ensure() if seeded else "template0"
    name = f"slaworkbench_test_{uuid.uuid4().hex[:12]}"
    admin = _admin()
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
        yield server_url(name)
    finally:
        with admin.connect() as connection:
            drop_on(connection, name)
        admin.dispose()


@pytest.fixture(scope="session", autouse=True)
def _drop_postgres_template() -> Iterator[None]:
    yield
    if SERVER:
        _Template.drop()
        _drop_databases(_KEPT)
        _KEPT.clear()


@pytest.fixture(params=ENGINES)
def engine_name(request: pytest.FixtureRequest) -> str:
    """``sqlite``, and ``postgresql`` when a test server is given."""
    return str(request.param)


@pytest.fixture
def workspace_url(engine_name: str, tmp_path: Path) -> Iterator[str]:
    """A new workspace's URL on each engine: a SQLite file, or a fresh server database."""
    if engine_name == "sqlite":
        yield f"sqlite:///{tmp_path / 'engine.sqlite3'}"
        return
    with postgres_database() as url:
        yield url


@pytest.fixture
def engine_workspace(workspace_url: str) -> Iterator[Workspace]:
    """An open, seeded workspace on each engine."""
    workspace = open_workspace(workspace_url)
    try:
        yield workspace
    finally:
        workspace.close()


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh, seeded workspace database on the test server (skips without one)."""
    if not SERVER:
        pytest.skip("set SLAWORKBENCH_TEST_POSTGRES to run against a PostgreSQL server")
    with postgres_database() as url:
        yield url


# --- whole suites on both engines -----------------------------------------------------

ENGINE_SUITES = (
    "tests/unit/app/tickets/",
    "tests/unit/app/recompute/",
    "tests/unit/app/policies/",
    "tests/unit/store/clocks/",
    "tests/unit/store/policies/",
    "tests/unit/store/agreements/",
    "tests/unit/store/importing/test_import_event_log.py",
    "tests/unit/store/importing/test_import_fast_paths.py",
    "tests/unit/store/ola/test_accountability_read.py",
    "tests/unit/store/ola/test_sla_holders_read.py",
)
"""The store, service, import and recompute suites: each of their tests runs once per
engine (``[sqlite]`` / ``[postgresql]``). On PostgreSQL every workspace file a test opens
(``open_workspace`` of a SQLite path) is a fresh server database instead, the same one
each time the test opens the same path."""
SQLITE_ONLY: frozenset[str] = frozenset(
    {
        "test_open_tickets_are_walked_in_id_order_without_a_sort",  # SQLite's query plan
        "test_a_customers_cycles_are_read_by_the_clocks_key",  # SQLite's query plan
        "test_tickets_and_events_go_to_sqlite_positionally",  # SQLite's insert path
        "test_migration_0014_fills_an_older_file_without_rejudging",  # an older SQLite file
    }
)
"""Tests of those suites that are about the SQLite file itself (run on SQLite only)."""
ENGINE_FREE_MODULES = (
    "tests/unit/app/tickets/test_breach_schedule.py",
    "tests/unit/app/policies/test_whatif_changes.py",
    "tests/unit/app/policies/test_calendar_import.py",
    "tests/unit/app/policies/test_policy_lint.py",
    "tests/unit/app/policies/test_policy_file_schema.py",
)
"""Modules of those suites that open no database at all: a ``[postgresql]`` run would
repeat the ``[sqlite]`` one exactly (their property tests at 2,000 examples on CI), so
they run once."""
ENGINE_FREE: frozenset[str] = frozenset(
    {
        "test_exact_duration_text_reads_back_exactly",
        "test_the_fingerprint_ignores_row_order",
        "test_the_fingerprint_sees_any_change",
        "test_a_packed_timeline_unpacks_as_written",
        "test_grouped_inserts_write_exactly_the_rows_given",  # its own in-memory SQLite
        "test_fast_timestamp_parse_equals_the_full_parse",
        "test_fast_parse_of_any_text_equals_the_full_parse",
    }
)
"""Property tests of those suites that open no workspace (run once, like the modules)."""


SEEDS_ON_POSTGRES: dict[str, int] = {
    "test_an_open_ticket_recompute_stores_what_evaluating_every_open_ticket_does": 2,
    "test_a_re_baseline_after_target_changes_stores_what_evaluating_every_ticket_does": 2,
    "test_a_re_baseline_that_updates_rows_stores_what_inserting_them_afresh_does": 1,
}
"""Seeded scenario tests whose ``[postgresql]`` runs take only their first seeds: each
seed draws another history over the same statements, which the server then runs for no
new reason (they held about 50 s of the suite's worker time); SQLite runs them all."""


def _suite_of(path: Path) -> bool:
    relative = path.resolve().relative_to(REPO_ROOT).as_posix()
    return any(relative.startswith(suite) for suite in ENGINE_SUITES)


def _runs_once(definition: pytest.Function) -> bool:
    relative = definition.path.resolve().relative_to(REPO_ROOT).as_posix()
    name = definition.name
    return name in SQLITE_ONLY or name in ENGINE_FREE or relative in ENGINE_FREE_MODULES


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "engine_name" in metafunc.fixturenames or not _suite_of(metafunc.definition.path):
        return
    engines = ENGINES
    if _runs_once(metafunc.definition):
        engines = ("sqlite",)
    metafunc.fixturenames.append("suite_engine")
    metafunc.parametrize("suite_engine", engines, indirect=True)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Deselects the ``[postgresql]`` runs of ``SEEDS_ON_POSTGRES`` past their first
    seeds."""
    kept, dropped = [], []
    for item in items:
        params = getattr(getattr(item, "callspec", None), "params", {})
        limit = SEEDS_ON_POSTGRES.get(getattr(item, "originalname", ""))
        on_server = params.get("suite_engine") == "postgresql"
        if limit is not None and on_server and int(params.get("seed", 0)) >= limit:
            dropped.append(item)
        else:
            kept.append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


@pytest.fixture(autouse=True)
def _suite_engine_first(request: pytest.FixtureRequest) -> None:
    """Sets ``suite_engine`` up for every test ``pytest_generate_tests`` gave it to, and
    before the test's other fixtures (autouse ones come first): a fixture that opens a
    workspace must open it on the engine under test. Asked for only by name, pytest 9
    prunes it from a test that does not name it, and such a ``[postgresql]`` test ran on
    SQLite."""
    callspec = getattr(request.node, "callspec", None)
    if callspec is not None and "suite_engine" in callspec.params:
        request.getfixturevalue("suite_engine")


@pytest.fixture
def suite_engine(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Runs the test on ``request.param``: on PostgreSQL, each SQLite workspace path the
    test opens becomes a fresh server database."""
    engine = str(request.param)
    if engine == "sqlite":
        yield engine
        return
    from slaworkbench import config
    from slaworkbench.store.dialect import sqlite_file_path

    original = config.resolve_database_url
    databases: dict[Path, str] = {}
    names: list[str] = []

    def database_of(path: Path, template: str) -> str:
        name = f"slaworkbench_test_{uuid.uuid4().hex[:12]}"
        _create_database(name, template)
        names.append(name)
        databases[path] = server_url(name)
        return databases[path]

    def redirect(url: str | None = None) -> str:
        resolved = original(url)
        path = sqlite_file_path(resolved)
        if path is None:
            return resolved
        if path not in databases:
            database_of(path, _Template.ensure())  # a new workspace file, seeded
        return databases[path]

    def clone(path: Path, template: str) -> None:
        file = sqlite_file_path(original(str(path)))
        assert file is not None
        database_of(file, template)

    global _CLONE_AT
    _CLONE_AT = clone
    monkeypatch.setattr(config, "resolve_database_url", redirect)
    try:
        yield engine
    finally:
        _CLONE_AT = None
        if names:
            _drop_databases(names)


_CLONE_AT: Callable[[Path, str], None] | None = None
"""While a ``[postgresql]`` test of an engine suite runs: makes the database a path opens
a clone of a kept database (``clone_at``)."""


def redirected_to_server() -> bool:
    """Whether a ``[postgresql]`` test of an engine suite runs: the workspace paths it
    opens are server databases (asked without resolving a path, which would make one)."""
    return _CLONE_AT is not None


def clone_at(path: Path, template: str) -> None:
    """In a ``[postgresql]`` run of an engine suite, the workspace ``path`` opens becomes
    a clone of ``template`` (a ``kept_database``) rather than a new seeded one: what a
    copy of a file made once per process is on SQLite."""
    assert _CLONE_AT is not None, "only inside a [postgresql] test of an engine suite"
    _CLONE_AT(path, template)
