"""/healthz with several instances on a real PostgreSQL: healthy only while some instance
holds the updates role (polling mode) and the sender role, read from pg_locks; otherwise
503 with a one-line reason. Each "instance" holds its role's advisory lock on a session
of its own, as `newsbot run` does (storage/postgres/roles.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from bot.config import Settings
from bot.ops.health import health_check
from bot.ops.metrics import Metrics
from bot.ops.server import Health, OperatorServer
from storage.memory import MemoryChatStore
from storage.postgres.roles import SENDER_LOCK, UPDATES_LOCK, AdvisoryLock


@pytest.fixture
def locks() -> Iterator[Callable[[str, int], AdvisoryLock]]:
    taken: list[AdvisoryLock] = []

    def take(url: str, key: int) -> AdvisoryLock:
        lock = AdvisoryLock(url, key)
        assert lock.acquire()
        taken.append(lock)
        return lock

    yield take
    for lock in taken:
        lock.release()


def settings(url: str, tmp_path: Path, *, webhook_url: str | None = None) -> Settings:
    return Settings(db_path=tmp_path / "newsbot.json", database_url=url, webhook_url=webhook_url)


async def healthz(check: Callable[[], Health]) -> httpx.Response:
    server = OperatorServer(("127.0.0.1", 0), metrics=Metrics(), health=check)
    await server.start()
    try:
        async with httpx.AsyncClient(trust_env=False, timeout=10) as client:
            return await client.get(f"http://127.0.0.1:{server.port}/healthz")
    finally:
        await server.stop()


async def test_healthy_only_while_both_roles_are_held_somewhere(
    pg_url: str, tmp_path: Path, locks: Callable[[str, int], AdvisoryLock]
) -> None:
    check = health_check(settings(pg_url, tmp_path), MemoryChatStore())

    nobody = await healthz(check)
    assert nobody.status_code == 503
    assert len(nobody.text.splitlines()) == 1
    assert nobody.json() == {
        "status": "failing",
        "reason": "no instance holds the updates and sender roles",
        "database": "ok",
        "updates": "not held",
        "sender": "not held",
    }

    updates = locks(pg_url, UPDATES_LOCK)  # one instance polls; none sends yet
    assert check().reason == "no instance holds the sender role"

    locks(pg_url, SENDER_LOCK)
    healthy = await healthz(check)
    assert healthy.status_code == 200
    assert healthy.json() == {
        "status": "ok",
        "database": "ok",
        "updates": "held",
        "sender": "held",
    }

    updates.release()  # the updates consumer died and nobody took over
    assert check().reason == "no instance holds the updates role"


def test_a_role_held_on_another_database_of_the_server_does_not_count(
    pg_url: str, pg_empty_url: str, tmp_path: Path, locks: Callable[[str, int], AdvisoryLock]
) -> None:
    locks(pg_empty_url, UPDATES_LOCK)
    locks(pg_empty_url, SENDER_LOCK)
    health = health_check(settings(pg_url, tmp_path), MemoryChatStore())()
    assert not health.ok
    assert health.reason == "no instance holds the updates and sender roles"


def test_in_webhook_mode_only_the_sender_role_is_needed(
    pg_url: str, tmp_path: Path, locks: Callable[[str, int], AdvisoryLock]
) -> None:
    webhook = settings(pg_url, tmp_path, webhook_url="https://bot.example.org/hook")
    check = health_check(webhook, MemoryChatStore())
    assert check().reason == "no instance holds the sender role"
    locks(pg_url, SENDER_LOCK)
    health = check()
    assert health.ok
    assert health.checks == {"database": "ok", "updates": "webhook", "sender": "held"}


async def test_an_unreachable_database_is_503_with_its_reason(tmp_path: Path) -> None:
    gone = f"postgresql://nobody@/newsbot?host={tmp_path}"  # no server on that socket
    response = await healthz(health_check(settings(gone, tmp_path), MemoryChatStore()))
    assert response.status_code == 503
    body = response.json()
    assert body["reason"] == "cannot read who holds the roles (StorageError)"
    assert body["database"] == "failing: StorageError"


def test_the_embedded_store_holds_both_roles_itself(tmp_path: Path) -> None:
    health = health_check(Settings(db_path=tmp_path / "newsbot.json"), MemoryChatStore())()
    assert health.ok
    assert health.checks == {"database": "ok", "updates": "single", "sender": "single"}
