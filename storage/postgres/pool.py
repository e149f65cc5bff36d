"""The connection pool every PostgreSQL store shares, and the schema's migrations.

`Database.open(url)` connects, applies the migration files not yet applied (each in its
own transaction, all under one advisory lock, so instances starting together apply each
file exactly once), and hands out pooled connections. Each store takes a reference with
`retain()` and gives it back with `release()`; the pool closes with the last one.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from typing import Any

import psycopg
from psycopg_pool import ConnectionPool

from bot.errors import StorageError

# pg_advisory_xact_lock key of the migrations: any 64-bit number no one else uses.
MIGRATIONS_LOCK = 0x6E657773_626F7401  # "newsbot" + 1
_FILE = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


def migration_files() -> list[tuple[int, str, str]]:
    """(version, file name, SQL) of every migration shipped, in order."""
    found = []
    for item in resources.files("storage.postgres").joinpath("migrations").iterdir():
        match = _FILE.match(item.name)
        if match:
            found.append((int(match.group(1)), item.name, item.read_text(encoding="utf-8")))
    found.sort()
    versions = [v for v, _, _ in found]
    if versions != list(range(1, len(found) + 1)):
        raise StorageError(f"migration files are not numbered 1..n: {versions}")
    return found


def apply_migrations(conn: psycopg.Connection[tuple[object, ...]]) -> list[str]:
    """Apply the migrations this database lacks; the names applied (in order).

    One transaction holds the advisory lock and applies every missing file, so a second
    instance waits, then finds them recorded and applies nothing.
    """
    applied: list[str] = []
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATIONS_LOCK,))
        conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            " version integer PRIMARY KEY, name text NOT NULL,"
            " applied_at timestamptz NOT NULL DEFAULT now())"
        )
        done = {row[0] for row in conn.execute("SELECT version FROM schema_migrations")}
        for version, name, sql in migration_files():
            if version in done:
                continue
            conn.execute(sql.encode())  # bytes: several statements, no parameters
            conn.execute(
                "INSERT INTO schema_migrations (version, name) VALUES (%s, %s)", (version, name)
            )
            applied.append(name)
    return applied


def first_line(exc: BaseException) -> str:
    """An error's message on one line (psycopg's often adds hints on further lines)."""
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__


def redact(url: str) -> str:
    """The URL with any password hidden, for messages and logs."""
    return re.sub(r"(://[^:/@]+:)[^@]*@", r"\1***@", url)


def _configure(conn: psycopg.Connection[Any]) -> None:
    """Every pooled connection answers times in UTC (timestamptz comes out with tzinfo UTC)."""
    conn.execute("SET TIME ZONE 'UTC'")
    conn.commit()


class Database:
    """A psycopg pool on one database, with the schema migrated. Thread-safe."""

    def __init__(self, url: str, *, min_size: int = 1, max_size: int = 8) -> None:
        self.url = url
        self._refs = 0
        self._lock = threading.Lock()
        try:
            with psycopg.connect(url, autocommit=True) as conn:
                self.applied = apply_migrations(conn)
            self.pool = ConnectionPool(
                url,
                min_size=min_size,
                max_size=max_size,
                open=True,
                timeout=30,
                configure=_configure,
            )
            self.pool.wait(timeout=30)
        except (psycopg.Error, OSError) as exc:
            raise StorageError(
                f"{redact(url)}: cannot open the database ({first_line(exc)})"
            ) from exc

    @contextmanager
    def connection(self) -> Iterator[psycopg.Connection[Any]]:
        """A pooled connection; its work is committed when the block ends without error.
        A database error becomes a StorageError."""
        try:
            with self.pool.connection() as conn:
                yield conn
        except psycopg.Error as exc:
            raise StorageError(f"database operation failed ({first_line(exc)})") from exc

    def retain(self) -> Database:
        with self._lock:
            self._refs += 1
        return self

    def release(self) -> None:
        with self._lock:
            self._refs -= 1
            if self._refs <= 0:
                self.pool.close()

    def close(self) -> None:
        self.pool.close()
