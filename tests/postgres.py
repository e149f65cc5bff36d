"""A real PostgreSQL for the tests: one server per test session, one database per test.

The server is NEWSBOT_TEST_DATABASE_URL when set (any database on it; the tests create
and drop databases of their own there), otherwise a throw-away server started once from
the binaries of the `pgserver` wheel (a test extra): initdb into a temporary folder, then
`pg_ctl start` listening on a Unix socket in that folder only (no TCP port to collide
with), fsync off (the data is thrown away). PostgreSQL refuses to run as root, so when
the tests run as root the server runs as the unprivileged `nobody` user, which owns the
folder. (pgserver's own PostgresServer would instead `useradd` a user and chmod every
parent folder up to /: we only use its binaries.)

Each test gets its own database copied from a migrated template (CREATE DATABASE ...
TEMPLATE), so tests never see each other's rows and the migrations run once per session.
"""

from __future__ import annotations

import importlib.util
import itertools
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest

URL_ENV = "NEWSBOT_TEST_DATABASE_URL"
TEMPLATE = f"newsbot_template_{os.getpid()}"
NOBODY = 65534
_names = itertools.count(1)


def _pg_bin() -> Path:
    spec = importlib.util.find_spec("pgserver")
    if spec is None or not spec.submodule_search_locations:
        pytest.fail(f"no PostgreSQL: set {URL_ENV} or install the test extra (pgserver)")
    return Path(next(iter(spec.submodule_search_locations))) / "pginstall" / "bin"


def with_database(url: str, name: str) -> str:
    """The server URL pointing at database `name` instead."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


class LocalServer:
    """A PostgreSQL server in a temporary folder, for this process only."""

    def __init__(self, *, fsync: bool = False) -> None:
        """fsync=False for tests (the data is thrown away); benchmarks measure with it on."""
        self.bin = _pg_bin()
        self.dir = Path(tempfile.mkdtemp(prefix="newsbot-pg-"))
        self.data = self.dir / "data"
        self.as_nobody = os.geteuid() == 0
        if self.as_nobody:
            os.chown(self.dir, NOBODY, NOBODY)
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust")
        self._run(
            "pg_ctl",
            "start",
            "-w",
            "-D",
            str(self.data),
            "-l",
            str(self.dir / "log"),
            "-o",
            f"-h '' -k {self.dir} {'' if fsync else '-F'} -c max_connections=300",
        )
        self.url = f"postgresql://postgres@/postgres?host={self.dir}"

    def _run(self, program: str, *args: str) -> None:
        extra: dict[str, Any] = {}
        if self.as_nobody:
            extra = {"user": NOBODY, "group": NOBODY, "extra_groups": [], "cwd": self.dir}
        done = subprocess.run(
            [str(self.bin / program), *args],
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
            **extra,
        )
        if done.returncode != 0:
            log = self.dir / "log"
            tail = log.read_text()[-2000:] if log.exists() else ""
            pytest.fail(f"{program} failed: {done.stderr.strip()} {tail}")

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "stop", "-D", str(self.data), "-m", "immediate")
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)


def _admin(url: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(sql.encode())


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """The URL of the session's PostgreSQL server (its maintenance database)."""
    given = os.environ.get(URL_ENV, "").strip()
    if given:
        yield given
        return
    server = LocalServer()
    try:
        yield server.url
    finally:
        server.stop()


@pytest.fixture(scope="session")
def pg_template(pg_server: str) -> Iterator[str]:
    """A database with every migration applied, copied for each test."""
    from storage.postgres.pool import Database

    _admin(pg_server, f"DROP DATABASE IF EXISTS {TEMPLATE}")
    _admin(pg_server, f"CREATE DATABASE {TEMPLATE}")
    Database(with_database(pg_server, TEMPLATE)).close()
    yield TEMPLATE
    _admin(pg_server, f"DROP DATABASE IF EXISTS {TEMPLATE} WITH (FORCE)")


def _fresh(pg_server: str, template: str) -> Iterator[str]:
    name = f"newsbot_test_{os.getpid()}_{next(_names)}"
    _admin(pg_server, f"CREATE DATABASE {name} TEMPLATE {template}")
    try:
        yield with_database(pg_server, name)
    finally:
        _admin(pg_server, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def pg_url(pg_server: str, pg_template: str) -> Iterator[str]:
    """The URL of a migrated database of this test's own."""
    yield from _fresh(pg_server, pg_template)


@pytest.fixture
def pg_empty_url(pg_server: str) -> Iterator[str]:
    """The URL of an empty database (no migration applied) of this test's own."""
    yield from _fresh(pg_server, "template0")
