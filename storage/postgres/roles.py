"""Roles one instance holds at a time (the sender, the updates consumer): a PostgreSQL
session advisory lock, held on a connection of its own for as long as the role is.

`AdvisoryLock(db, key)` never waits for the lock: `acquire()` tries once and answers, so
an instance without the role stands by and tries again every couple of seconds. The lock
belongs to the session: when its holder dies (kill -9, a lost network, a terminated
backend) the server ends the session, the lock is free, and the next `acquire()` of
another instance takes it. The holder learns it lost the role from `check()` (one round
trip on the lock's connection, every second or so): a failed check drops the role at once.

Network loss is bounded on both sides: the client gives up on an unanswered connection
after TCP_USER_TIMEOUT (so a check fails within seconds), while the server keeps the
session (and the lock) until its keepalives fail, which takes longer (SERVER_KEEPALIVE):
the old holder has stopped before another instance can take over. Stores may also fence
their writes with `held_sql` (the lock still granted to this session, checked in the
same statement), so a holder cut off mid-check writes nothing after losing the role.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from typing import Any

import psycopg

from storage.postgres.pool import Database, first_line

log = logging.getLogger(__name__)

# Role keys: 64-bit numbers no one else uses ("newsbot" + a byte; 1 is the migrations').
SENDER_LOCK = 0x6E657773_626F7402
UPDATES_LOCK = 0x6E657773_626F7403

CONNECT_TIMEOUT = 5  # seconds to reach the server when trying to take a role
TCP_USER_TIMEOUT_MS = 4000  # the client drops a connection whose data goes unanswered this long
# The server ends the session of a silent client after idle + interval * count seconds.
SERVER_KEEPALIVE = (5, 2, 3)

# Advisory locks are per database: pg_locks lists those of every database on the server.
_THIS_DATABASE = "database = (SELECT oid FROM pg_database WHERE datname = current_database())"
_HELD_SQL = (
    "EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND classid = %s::oid"
    f" AND objid = %s::oid AND objsubid = 1 AND granted AND {_THIS_DATABASE}{{pid}})"
)


def lock_ids(key: int) -> tuple[int, int]:
    """The (classid, objid) under which pg_locks shows the bigint advisory lock `key`."""
    unsigned = key & 0xFFFF_FFFF_FFFF_FFFF
    return unsigned >> 32, unsigned & 0xFFFF_FFFF


def _signed(key: int) -> int:
    unsigned = key & 0xFFFF_FFFF_FFFF_FFFF
    return unsigned - (1 << 64) if unsigned >= 1 << 63 else unsigned


def held_sql(key: int, pid: int | None = None) -> tuple[str, tuple[int, ...]]:
    """An SQL condition (and its parameters): the lock `key` is granted to some session,
    or to the backend `pid` when given. For fencing a write or for /healthz."""
    params: tuple[int, ...] = lock_ids(key)
    if pid is None:
        return _HELD_SQL.format(pid=""), params
    return _HELD_SQL.format(pid=" AND pid = %s"), (*params, pid)


def holder(db: Database, key: int) -> int | None:
    """The backend pid of the session holding the lock `key` anywhere, or None if nobody
    holds it (what /healthz asks: "the sender role is held somewhere"). StorageError when
    the database does not answer."""
    classid, objid = lock_ids(key)
    with db.connection() as conn:
        row = conn.execute(
            "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND classid = %s::oid"
            f" AND objid = %s::oid AND objsubid = 1 AND granted AND {_THIS_DATABASE} LIMIT 1",
            (classid, objid),
        ).fetchone()
    return None if row is None else int(row[0])


class AdvisoryLock:
    """A session advisory lock on a connection of its own (not the pool's): a storage.base.Role.
    Thread-safe."""

    def __init__(self, db: Database | str, key: int, *, name: str = "role") -> None:
        self.url = db if isinstance(db, str) else db.url
        self.key = key
        self.name = name
        self._conn: psycopg.Connection[Any] | None = None
        self._pid: int | None = None
        self._lock = threading.Lock()

    @property
    def held(self) -> bool:
        return self._conn is not None

    @property
    def pid(self) -> int | None:
        """The backend pid of the session holding the lock, while this instance holds it."""
        return self._pid

    def fence(self) -> tuple[str, tuple[int, ...]] | None:
        """`held_sql` for this session (a write under it happens only while the lock is
        ours), or None when the role is not held."""
        pid = self._pid
        return None if pid is None else held_sql(self.key, pid)

    def acquire(self) -> bool:
        with self._lock:
            if self._conn is not None:
                return True
            try:
                conn = psycopg.connect(
                    self.url,
                    autocommit=True,
                    connect_timeout=CONNECT_TIMEOUT,
                    keepalives=1,
                    keepalives_idle=2,
                    keepalives_interval=1,
                    keepalives_count=2,
                    tcp_user_timeout=TCP_USER_TIMEOUT_MS,
                    application_name=f"newsbot {self.name}",
                )
            except psycopg.Error as exc:
                log.warning("%s: cannot reach the database (%s)", self.name, first_line(exc))
                return False
            try:
                idle, interval, count = SERVER_KEEPALIVE
                conn.execute(f"SET tcp_keepalives_idle = {idle}")
                conn.execute(f"SET tcp_keepalives_interval = {interval}")
                conn.execute(f"SET tcp_keepalives_count = {count}")
                row = conn.execute("SELECT pg_try_advisory_lock(%s)", (_signed(self.key),))
                got = bool(row.fetchone()[0])  # type: ignore[index]
            except psycopg.Error as exc:
                log.warning("%s: cannot take the lock (%s)", self.name, first_line(exc))
                got = False
            if not got:
                conn.close()
                return False
            self._conn, self._pid = conn, conn.info.backend_pid
            log.info("%s: role taken (database session %s)", self.name, self._pid)
            return True

    def check(self) -> bool:
        with self._lock:
            conn = self._conn
            if conn is None:
                return False
            try:
                conn.execute("SELECT 1").fetchone()
            except psycopg.Error as exc:
                log.warning(
                    "%s: role lost, its database session ended (%s)", self.name, first_line(exc)
                )
                self._drop()
                return False
            return True

    def release(self) -> None:
        with self._lock:
            conn = self._conn
            if conn is None:
                return
            # Closing the session below releases it all the same if this fails.
            with contextlib.suppress(psycopg.Error):
                conn.execute("SELECT pg_advisory_unlock(%s)", (_signed(self.key),))
            self._drop()
            log.info("%s: role released", self.name)

    def _drop(self) -> None:
        conn, self._conn, self._pid = self._conn, None, None
        if conn is not None:
            with contextlib.suppress(psycopg.Error):
                conn.close()
