"""PostgreSQL for the team-mode tests.

- ``scratch_server_url``: a fresh database on the shared test server
  (``SLAWORKBENCH_TEST_POSTGRES``, which CI's ``.ci/postgres.sh`` sets), dropped after the
  test; skipped without it.
- ``private_cluster``: a cluster of the test's own (``initdb`` in a temporary folder, on a
  free loopback port, with password authentication), for tests that stop and start the
  server or need a real password check; skipped without PostgreSQL's programs.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Connection, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ProgrammingError

SERVER = os.environ.get("SLAWORKBENCH_TEST_POSTGRES")
USER = "sla"
PASSWORD = "sla-secret"


def postgres_bin() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))
    if found:
        return found[-1].parent
    pg_ctl = shutil.which("pg_ctl")
    return Path(pg_ctl).parent if pg_ctl else None


def create_database(server_url: str, name: str) -> str:
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        admin.dispose()
    return make_url(server_url).set(database=name).render_as_string(hide_password=False)


def drop_on(connection: Connection, name: str) -> None:
    """``DROP DATABASE ... WITH (FORCE)`` on an autocommit ``connection``.

    A session a test has just closed can still be listed while its server process exits;
    FORCE then signals it, which a role without ``pg_signal_backend`` may not do for
    another role's process (a team test's agent login). CI's role has that grant; on a
    developer's server without it, wait for the process to go and try again.
    """
    statement = text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    for attempt in range(50):
        try:
            connection.execute(statement)
            return
        except ProgrammingError as error:
            if "pg_signal_backend" not in str(error) or attempt == 49:
                raise
            time.sleep(0.2)


def drop_database(server_url: str, name: str) -> None:
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            drop_on(connection, name)
    finally:
        admin.dispose()


@pytest.fixture
def scratch_server_url() -> Iterator[str]:
    if not SERVER:
        pytest.skip("set SLAWORKBENCH_TEST_POSTGRES to run team mode against PostgreSQL")
    name = f"slaworkbench_test_{uuid.uuid4().hex[:12]}"
    url = create_database(SERVER, name)
    try:
        yield url
    finally:
        drop_database(SERVER, name)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class PrivateCluster:
    """A PostgreSQL cluster of one test: ``start``, ``stop``, ``url(database)``."""

    def __init__(self, folder: Path, bin_dir: Path) -> None:
        self.folder = folder
        self.bin = bin_dir
        self.port = _free_port()
        self.data = folder / "data"
        self._as_postgres = ["runuser", "-u", "postgres", "--"] if os.getuid() == 0 else []
        if self._as_postgres:
            shutil.chown(folder, "postgres")
        pwfile = folder / "pw"
        pwfile.write_text(PASSWORD + "\n")
        if self._as_postgres:
            shutil.chown(pwfile, "postgres")
        self._run(
            "initdb", "-D", str(self.data), "-U", USER, "--auth=scram-sha-256",
            f"--pwfile={pwfile}",
        )  # fmt: skip

    def _run(self, program: str, *args: str) -> None:
        subprocess.run(
            [*self._as_postgres, str(self.bin / program), *args],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=120,
        )

    def start(self) -> None:
        options = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.folder} -c fsync=off"
        self._run(
            "pg_ctl", "-D", str(self.data), "-l", str(self.folder / "log"), "-w", "-o", options,
            "start",
        )  # fmt: skip

    def stop(self, mode: str = "immediate") -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop")

    def url(self, database: str = "postgres", *, password: str = PASSWORD) -> str:
        return f"postgresql+psycopg://{USER}:{password}@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        return create_database(self.url(), name)


@pytest.fixture
def private_cluster() -> Iterator[PrivateCluster]:
    bin_dir = postgres_bin()
    if bin_dir is None:
        pytest.skip("PostgreSQL's programs (initdb, pg_ctl) are not installed")
    # Not under pytest's temporary folders: the postgres user must reach it when the
    # tests run as root.
    folder = Path(tempfile.mkdtemp(prefix="slaworkbench-test-pg-"))
    folder.chmod(0o755)
    cluster = PrivateCluster(folder, bin_dir)
    cluster.start()
    try:
        yield cluster
    finally:
        with contextlib.suppress(subprocess.CalledProcessError):  # stopped by the test
            cluster.stop("fast")
        shutil.rmtree(folder, ignore_errors=True)
