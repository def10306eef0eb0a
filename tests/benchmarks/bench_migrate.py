"""``slaworkbench migrate`` of the realistic demo workspace (``realistic.py``: 100k
tickets unless ``--tickets=N``, or ``--database=PATH``) into an empty PostgreSQL
database, as a whole process, against PostgreSQL's own tools moving the very same data
in the same run: ``pg_restore`` of a ``pg_dump -Fc`` of what the first move wrote, into
another empty database (the dump is made once, not timed). The same number of runs
(``--runs=N``, default 3, taken in turn) and the same statistic (median wall time; peak
RSS the largest of the runs) for both; the server's own work is in neither's CPU.

The server: ``--server=URL`` (SQLAlchemy form, a role that may create databases), else
``SLAWORKBENCH_TEST_POSTGRES`` as ``.ci/postgres.sh`` exports it (``make bench`` run
from a shell that sourced it). The workspace is copied once into a temporary folder
(``--folder=DIR`` elsewhere) and every run reads that copy; each run's databases are
dropped after it.

Usage: ``make bench BENCH_ARGS="bench_migrate --tickets=1000000 --server=postgresql+psycopg://…"``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import psycopg
from sqlalchemy.engine import URL, make_url

from tests.benchmarks.realistic import (
    Run,
    fresh_copy,
    load,
    option,
    realistic_workspace,
    run_process,
    show_medians,
)


def _libpq(url: URL, database: str) -> str:
    """``url`` for ``database`` in libpq's own form (``pg_dump``, ``pg_restore``, psycopg)."""
    plain = url.set(drivername="postgresql", database=database)
    return plain.render_as_string(hide_password=False)


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        versions = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))
        if not versions:
            raise SystemExit(f"no {name} on PATH or under /usr/lib/postgresql: the peer cannot run")
        found = str(versions[-1])
    return found


class Databases:
    """Empty databases made and dropped on the server through its maintenance database."""

    def __init__(self, server: URL) -> None:
        self._server = server
        self._made: list[str] = []

    def make(self, name: str) -> str:
        self._admin(f'CREATE DATABASE "{name}"')
        self._made.append(name)
        return name

    def drop_all(self) -> None:
        while self._made:
            self._admin(f'DROP DATABASE IF EXISTS "{self._made.pop()}" WITH (FORCE)')

    def _admin(self, statement: str) -> None:
        maintenance = _libpq(self._server, self._server.database or "postgres")
        with psycopg.connect(maintenance, autocommit=True) as connection:
            connection.execute(statement)  # a name this benchmark made


def main(argv: list[str]) -> int:
    given = option(argv, "server") or os.environ.get("SLAWORKBENCH_TEST_POSTGRES")
    if not given:  # skipped, as the suite's server tests are without one
        print("skipped: no PostgreSQL server (give --server=URL, or source .ci/postgres.sh)")
        return 0
    server = make_url(given)
    pg_dump, pg_restore = _tool("pg_dump"), _tool("pg_restore")
    database = realistic_workspace(argv)
    runs = int(option(argv, "runs") or 3)
    print(f"workspace {database} ({database.stat().st_size / 1e6:,.1f} MB); {load()}", flush=True)
    databases = Databases(server)
    prefix = f"bench_migrate_{os.getpid()}"
    with tempfile.TemporaryDirectory(dir=option(argv, "folder")) as folder:
        source = Path(folder) / "source.sqlite3"
        fresh_copy(database, source)
        dump = Path(folder) / "moved.dump"
        timed: list[Run] = []
        peer: list[Run] = []
        try:
            for run in range(runs):  # in turn, so load changes hit both alike
                target = databases.make(f"{prefix}_{run}")
                to = server.set(database=target).render_as_string(hide_password=False)
                ours = [sys.executable, "-m", "slaworkbench", "migrate", "--from", str(source)]
                timed.append(run_process([*ours, "--to", to], quiet=True))
                if run == 0:
                    subprocess.run(
                        [pg_dump, "-Fc", "-f", str(dump), _libpq(server, target)], check=True
                    )
                restored = databases.make(f"{prefix}_{run}_restored")
                restore = [pg_restore, "--no-owner", "-d", _libpq(server, restored), str(dump)]
                peer.append(run_process(restore))
                databases.drop_all()
        finally:
            databases.drop_all()
        dumped = dump.stat().st_size / 1e6
        show_medians(
            f"median of {runs} runs each; dump of the moved data {dumped:,.1f} MB",
            ("pg_restore of the moved data (peer)", peer),
            ("slaworkbench migrate", timed),
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
