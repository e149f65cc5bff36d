"""Roles held by one instance at a time: a PostgreSQL session advisory lock on a
connection of its own, taken over when its holder's session ends (tests/postgres.py)."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator

import psycopg
import pytest

from storage.lock import SoleRole
from storage.postgres.pool import Database
from storage.postgres.roles import (
    SENDER_LOCK,
    UPDATES_LOCK,
    AdvisoryLock,
    holder,
    lock_ids,
)


@pytest.fixture
def db(pg_url: str) -> Iterator[Database]:
    database = Database(pg_url, max_size=2)
    yield database
    database.close()


def terminate(url: str, pid: int) -> None:
    """End a session from outside, as the server does when its client died, and wait
    until its backend is gone (pg_terminate_backend only signals it)."""
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("SELECT pg_terminate_backend(%s)", (pid,))
        for _ in range(600):  # the bound only keeps a failure short
            if conn.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", (pid,)).fetchone():
                time.sleep(0.05)
                continue
            return
    raise AssertionError(f"backend {pid} did not end")


def test_lock_ids_split_the_key_as_pg_locks_shows_it() -> None:
    assert lock_ids(0x0000_0001_0000_0002) == (1, 2)
    assert lock_ids(-1) == (0xFFFF_FFFF, 0xFFFF_FFFF)


def test_one_holder_at_a_time_and_the_next_takes_it_on_release(db: Database) -> None:
    first, second = AdvisoryLock(db, SENDER_LOCK), AdvisoryLock(db, SENDER_LOCK)
    assert first.acquire()
    assert first.held
    assert not second.acquire()
    assert not second.held
    assert first.acquire()  # taking a role one holds is a no-op
    assert holder(db, SENDER_LOCK) == first.pid
    first.release()
    assert not first.held
    assert holder(db, SENDER_LOCK) is None
    assert second.acquire()
    assert holder(db, SENDER_LOCK) == second.pid
    second.release()


def test_roles_with_different_keys_are_independent(db: Database) -> None:
    sender, updates = AdvisoryLock(db, SENDER_LOCK), AdvisoryLock(db, UPDATES_LOCK)
    assert sender.acquire()
    assert updates.acquire()
    assert holder(db, SENDER_LOCK) == sender.pid != holder(db, UPDATES_LOCK) == updates.pid
    sender.release()
    assert holder(db, SENDER_LOCK) is None
    assert holder(db, UPDATES_LOCK) == updates.pid
    updates.release()


def test_a_holder_whose_session_ended_finds_out_and_another_takes_over(
    db: Database, pg_url: str
) -> None:
    first, second = AdvisoryLock(db, SENDER_LOCK), AdvisoryLock(db, SENDER_LOCK)
    assert first.acquire()
    assert first.check()
    assert first.pid is not None
    terminate(pg_url, first.pid)
    assert second.acquire()  # the session's end freed the lock
    assert not first.check()
    assert not first.held
    assert not first.acquire()  # and cannot take it back while the other holds it
    second.release()
    assert first.acquire()
    first.release()


def sessions_named(url: str, name: str) -> list[int]:
    """The backend pids of this database's sessions with application_name `name`."""
    with psycopg.connect(url, autocommit=True) as conn:
        rows = conn.execute(
            "SELECT pid FROM pg_stat_activity WHERE application_name = %s"
            " AND datname = current_database()",
            (name,),
        ).fetchall()
    return [int(r[0]) for r in rows]


def no_session_named(url: str, name: str) -> bool:
    """Whether no session of this name is left (a closed one's backend ends just after)."""
    for _ in range(600):  # the bound only keeps a failure short
        if not sessions_named(url, name):
            return True
        time.sleep(0.05)
    return False


def test_a_standby_tries_over_one_kept_session_and_takes_the_role_on_it(
    db: Database, pg_url: str
) -> None:
    holder_lock = AdvisoryLock(db, SENDER_LOCK)
    standby = AdvisoryLock(db, SENDER_LOCK, name="standby-test")
    assert holder_lock.acquire()
    for _ in range(5):  # a standby's tries, a second apart in a running bot
        assert not standby.acquire()
    assert standby.connections == 1
    (kept,) = sessions_named(pg_url, "newsbot standby-test")
    holder_lock.release()
    assert standby.acquire()  # the kept session takes the role: it is the holder's now
    assert (standby.pid, standby.connections) == (kept, 1)
    standby.release()
    assert no_session_named(pg_url, "newsbot standby-test")


def test_a_standby_whose_kept_session_died_tries_again_on_a_new_one_at_once(
    db: Database, pg_url: str
) -> None:
    standby = AdvisoryLock(db, SENDER_LOCK, name="standby-test")
    other = AdvisoryLock(db, SENDER_LOCK)
    assert other.acquire()
    assert not standby.acquire()
    (kept,) = sessions_named(pg_url, "newsbot standby-test")
    terminate(pg_url, kept)  # as a restarted server would end it
    other.release()
    assert standby.acquire()  # in the same try: no second lost waiting for the next
    assert standby.connections == 2
    assert standby.pid not in (None, kept)
    standby.release()


def test_release_closes_a_standbys_kept_session(db: Database, pg_url: str) -> None:
    holder_lock = AdvisoryLock(db, SENDER_LOCK)
    standby = AdvisoryLock(db, SENDER_LOCK, name="standby-test")
    assert holder_lock.acquire()
    assert not standby.acquire()
    assert len(sessions_named(pg_url, "newsbot standby-test")) == 1
    standby.release()  # at shutdown, without the role
    assert no_session_named(pg_url, "newsbot standby-test")
    assert holder(db, SENDER_LOCK) == holder_lock.pid
    holder_lock.release()


def test_a_fenced_write_happens_only_while_the_lock_is_held(db: Database, pg_url: str) -> None:
    lock = AdvisoryLock(db, SENDER_LOCK)
    assert lock.fence() is None
    assert lock.acquire()
    fence = lock.fence()
    assert fence is not None
    assert lock.pid is not None
    condition, params = fence
    with db.connection() as conn:  # a pooled connection: another session than the lock's
        assert conn.execute(f"SELECT {condition}", params).fetchone() == (True,)
    terminate(pg_url, lock.pid)
    with db.connection() as conn:
        assert conn.execute(f"SELECT {condition}", params).fetchone() == (False,)
    lock.release()


HOLDER = """
import sys, time
from storage.postgres.roles import AdvisoryLock
lock = AdvisoryLock(sys.argv[1], int(sys.argv[2]))
assert lock.acquire()
print(lock.pid, flush=True)
time.sleep(600)
"""


def test_kill_9_of_the_holder_frees_the_role_for_another_instance(
    db: Database, pg_url: str
) -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", HOLDER, pg_url, str(SENDER_LOCK)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        pid = int(child.stdout.readline())
        assert holder(db, SENDER_LOCK) == pid
        standby = AdvisoryLock(db, SENDER_LOCK)
        assert not standby.acquire()
        child.kill()
        child.wait()
        # The server notices the closed socket at once; tries every 0.1 s, as a standby
        # instance does every couple of seconds (the bound only keeps a failure short).
        for _ in range(300):
            if standby.acquire():
                break
            time.sleep(0.1)
        assert standby.held
        assert holder(db, SENDER_LOCK) == standby.pid
        standby.release()
    finally:
        child.kill()
        child.wait()
        if child.stdout is not None:
            child.stdout.close()


def test_the_embedded_role_is_always_held() -> None:
    role = SoleRole()
    assert role.acquire()
    assert role.held
    assert role.check()
    role.release()
    assert role.held
