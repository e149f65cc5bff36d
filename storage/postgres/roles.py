"""Roles one instance holds at a time (the sender, the updates consumer): a PostgreSQL
session advisory lock, held on a connection of its own for as long as the role is.

`AdvisoryLock(db, key)` never waits for the lock: `acquire()` tries once and answers, so
an instance without the role stands by and tries again every second or two, over one
session kept for its tries (not a new connection each time: that cost the server a
backend's start a second per standby instance and role); the lock taken, that session
is the holder's. A kept session found dead (a restarted server) is replaced at once. The lock
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
        self._conn: psycopg.Connection[Any] | None = None  # the holder's session
        self._pid: int | None = None
        self._standby: psycopg.Connection[Any] | None = None  # kept for tries, not holding
        self._lock = threading.Lock()
        self.connections = 0  # sessions opened (for tests: tries reuse one)

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
            kept = self._standby is not None
            got = self._try()
            if got is None and kept:  # the kept session had died: once more on a new one
                got = self._try()
            if not got:
                return False
            self._conn, self._standby = self._standby, None
            assert self._conn is not None
            self._pid = self._conn.info.backend_pid
            log.info("%s: role taken (database session %s)", self.name, self._pid)
            return True

    def _try(self) -> bool | None:
        """One pg_try_advisory_lock on the kept session (opened if need be): whether it
        was granted, None when the session failed (then closed)."""
        conn = self._standby
        if conn is None:
            conn = self._connect()
            if conn is None:
                return None
            self._standby = conn
        try:
            row = conn.execute("SELECT pg_try_advisory_lock(%s)", (_signed(self.key),))
            return bool(row.fetchone()[0])  # type: ignore[index]
        except psycopg.Error as exc:
            log.warning("%s: cannot take the lock (%s)", self.name, first_line(exc))
            self._close_standby()
            return None

    def _connect(self) -> psycopg.Connection[Any] | None:
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
            return None
        self.connections += 1
        try:
            idle, interval, count = SERVER_KEEPALIVE
            conn.execute(f"SET tcp_keepalives_idle = {idle}")
            conn.execute(f"SET tcp_keepalives_interval = {interval}")
            conn.execute(f"SET tcp_keepalives_count = {count}")
        except psycopg.Error as exc:
            log.warning("%s: cannot set up the session (%s)", self.name, first_line(exc))
            with contextlib.suppress(psycopg.Error):
                conn.close()
            return None
        return conn

    def _close_standby(self) -> None:
        conn, self._standby = self._standby, None
        if conn is not None:
            with contextlib.suppress(psycopg.Error):
                conn.close()

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
        """Give the role up if held, and close the session kept for tries (at shutdown)."""
        with self._lock:
            self._close_standby()
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
