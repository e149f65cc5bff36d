"""Long polling with several instances: one holds the updates role and calls getUpdates,
the others stand by and one of them takes over when the holder's session ends; polling
never starts (so never deletes a webhook) while a webhook is registered.

The first tests drive bot/ops/standby.py with a lock in memory; the others run real
Applications against the fake Bot API, with the role's advisory lock on a real
PostgreSQL (storage/postgres/roles.py), as two `newsbot run` processes would.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest

from bot.app import ALLOWED_UPDATES, build_application, build_bot, build_services
from bot.cli.webhook import registered_webhook
from bot.ops.metrics import Metrics
from bot.ops.standby import Standby
from bot.services import Services
from handlers.notifier import BotNotifier
from handlers.polling import UpdatesPolling, polling_serving
from storage.postgres.roles import UPDATES_LOCK, AdvisoryLock
from tests.e2e import e2e_settings
from tests.fakes.telegram_server import FakeTelegram

WITHIN = 30.0  # seconds any awaited change may take on a loaded machine


async def until(condition: Callable[[], bool], what: str, within: float = WITHIN) -> None:
    """Wait (bounded) for `condition` to hold."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    while not condition():
        if loop.time() > deadline:
            raise AssertionError(f"no {what} within {within:g} s")
        await asyncio.sleep(0.02)


# -- the stand-by loop, with a lock in memory ---------------------------------------------


class Shared:
    """One lock that several fake instances share: who holds it."""

    def __init__(self) -> None:
        self.holder: MemoryLock | None = None


class MemoryLock:
    def __init__(self, shared: Shared) -> None:
        self.shared = shared
        self.alive = True  # False: this instance's database session ended

    def acquire(self) -> bool:
        if self.shared.holder is None and self.alive:
            self.shared.holder = self
        return self.shared.holder is self

    def check(self) -> bool:
        return self.shared.holder is self and self.alive

    def release(self) -> None:
        if self.shared.holder is self:
            self.shared.holder = None

    def die(self) -> None:
        """The session ends: the server frees the lock."""
        self.alive = False
        self.release()


@dataclass
class Work:
    running: bool = False
    starts: int = 0

    async def start(self) -> None:
        self.starts += 1
        self.running = True

    async def stop(self) -> None:
        self.running = False


def standby(lock: MemoryLock, work: Work, metrics: Metrics) -> Standby:
    return Standby(
        "updates",
        lock,
        gain=work.start,
        lose=work.stop,
        on_change=lambda held: metrics.hold("updates", held),
        interval=0.01,
    )


def role_held(metrics: Metrics) -> float | None:
    for family in metrics.registry.collect():
        for sample in family.samples:
            if sample.name == "newsbot_role_held" and sample.labels["role"] == "updates":
                assert sample.labels["mode"] == "lock"
                return sample.value
    return None


async def test_one_instance_works_the_other_stands_by_and_takes_over_when_it_dies(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="bot.ops.standby")
    shared = Shared()
    lock_a, lock_b = MemoryLock(shared), MemoryLock(shared)
    work_a, work_b = Work(), Work()
    metrics_a, metrics_b = Metrics(), Metrics()
    a = standby(lock_a, work_a, metrics_a)
    await a.start()
    await until(lambda: work_a.running, "start of A's work")
    b = standby(lock_b, work_b, metrics_b)
    await b.start()
    try:
        await until(lambda: "standing by" in caplog.text, "stand-by line")
        await asyncio.sleep(0.2)  # B tries again many times meanwhile
        assert not work_b.running
        assert b.held is False
        standing = [r.getMessage() for r in caplog.records if "standing by" in r.getMessage()]
        assert standing == ["standing by: another instance holds the updates role"]
        assert (role_held(metrics_a), role_held(metrics_b)) == (1, 0)

        lock_a.die()  # A's database session ends (the process died, or its network)
        await until(lambda: work_b.running, "takeover by B")
        await until(lambda: not work_a.running, "A stopping its work")
        assert (a.held, b.held) == (False, True)
        assert (role_held(metrics_a), role_held(metrics_b)) == (0, 1)
        assert work_b.starts == 1
    finally:
        await a.stop()
        await b.stop()
    assert shared.holder is None  # B gave the role up when it stopped
    assert not work_b.running


async def test_a_failed_start_gives_the_role_back() -> None:
    shared = Shared()
    lock = MemoryLock(shared)
    attempts = 0

    async def gain() -> None:
        nonlocal attempts
        attempts += 1
        raise RuntimeError("cannot start")

    async def lose() -> None:
        pass

    role = Standby("updates", lock, gain=gain, lose=lose, interval=0.01)
    await role.start()
    try:
        await until(lambda: attempts >= 2, "a second attempt")
        assert role.held is False
    finally:
        await role.stop()
    assert shared.holder is None


# -- real Applications, the lock on PostgreSQL -----------------------------------------------


@dataclass
class Instance:
    services: Services
    polling: UpdatesPolling
    role: Standby
    lock: AdvisoryLock
    refused: asyncio.Event

    @property
    def polls(self) -> bool:
        updater = self.polling.application.updater
        return updater is not None and updater.running


@asynccontextmanager
async def instance(fake: FakeTelegram, tmp_path: Path, pg_url: str) -> AsyncIterator[Instance]:
    """One `newsbot run` in polling mode on the PostgreSQL database (without signals)."""
    settings = e2e_settings(fake, tmp_path / "newsbot.json", database_url=pg_url)
    bot = build_bot(settings)
    services = build_services(settings, BotNotifier(bot), feeds=())
    application = build_application(services, bot)
    refused = asyncio.Event()
    polling = UpdatesPolling(
        application,
        registered=lambda: registered_webhook(settings),
        on_refusal=refused.set,
        timeout=2,
        allowed_updates=ALLOWED_UPDATES,
    )
    lock = AdvisoryLock(pg_url, UPDATES_LOCK, name="updates")
    async with polling_serving(application, polling, lock, metrics=services.metrics) as role:
        yield Instance(services, polling, role, lock, refused)


async def answered(fake: FakeTelegram, chat_id: int, text: str) -> str:
    before = len(fake.sent(chat_id))
    fake.command(chat_id, text)
    await fake.wait_until_async(
        lambda: len(fake.sent(chat_id)) > before, within=WITHIN, what=f"a reply to {text}"
    )
    return fake.sent(chat_id)[-1].text


async def test_two_instances_poll_one_at_a_time_and_the_second_takes_over(
    fake_telegram: FakeTelegram, tmp_path: Path, pg_url: str
) -> None:
    async with AsyncExitStack() as stack:
        a = await stack.enter_async_context(instance(fake_telegram, tmp_path / "a", pg_url))
        await until(lambda: a.polls, "getUpdates by the first instance")
        b = await stack.enter_async_context(instance(fake_telegram, tmp_path / "b", pg_url))
        assert "Commands" in await answered(fake_telegram, 42, "/help")
        assert (a.polls, b.polls) == (True, False)  # one consumer of getUpdates
        assert (role_held(a.services.metrics), role_held(b.services.metrics)) == (1, 0)

        # The holder's database session ends, as when its process is killed: the server
        # frees the lock, the holder stops polling, and the other takes over.
        with psycopg.connect(pg_url, autocommit=True) as conn:
            conn.execute("SELECT pg_terminate_backend(%s)", (a.lock.pid,))
        await until(lambda: b.polls, "takeover of getUpdates by the second instance")
        await until(lambda: not a.polls, "the first instance to stop polling")
        assert "Commands" in await answered(fake_telegram, 43, "/help")
        assert len(fake_telegram.sent(42)) == 1  # nothing handled twice on the way
        assert (role_held(a.services.metrics), role_held(b.services.metrics)) == (0, 1)
        assert fake_telegram.calls("deleteWebhook")  # PTB's bootstrap: no webhook was set


async def test_an_instance_stopping_hands_the_role_over(
    fake_telegram: FakeTelegram, tmp_path: Path, pg_url: str
) -> None:
    async with instance(fake_telegram, tmp_path / "b", pg_url) as b:
        async with instance(fake_telegram, tmp_path / "a", pg_url) as a:
            await until(lambda: a.polls or b.polls, "getUpdates by one instance")
            first, second = (a, b) if a.polls else (b, a)
            assert not second.polls
        if first is a:  # the holder stopped: the other takes over
            await until(lambda: b.polls, "takeover by the remaining instance")
        assert "Commands" in await answered(fake_telegram, 44, "/help")


async def test_taking_the_role_while_a_webhook_is_registered_refuses_to_poll(
    fake_telegram: FakeTelegram, tmp_path: Path, pg_url: str
) -> None:
    """Someone registered a webhook after this instance started: taking the role must not
    start PTB's polling, whose first call would delete the webhook."""
    url = "https://bot.example.org/hook"
    fake_telegram.webhook = {"url": url}
    async with instance(fake_telegram, tmp_path, pg_url) as one:
        await asyncio.wait_for(one.refused.wait(), WITHIN)
        assert not one.polls
    assert one.polling.refusal is not None
    assert str(one.polling.refusal).startswith(f"a webhook is set ({url}) and polling would")
    assert fake_telegram.webhook["url"] == url
    assert fake_telegram.calls("deleteWebhook") == []
    assert fake_telegram.calls("getUpdates") == []


async def test_an_instance_whose_session_ended_takes_the_free_role_again(
    fake_telegram: FakeTelegram, tmp_path: Path, pg_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    """The database restarted, say: the lone instance loses its lock, stops polling, then
    takes the role again and polls with the same updater."""
    caplog.set_level(logging.INFO, logger="bot.ops.standby")
    async with instance(fake_telegram, tmp_path, pg_url) as one:
        await until(lambda: one.polls, "getUpdates")
        first_session = one.lock.pid
        with psycopg.connect(pg_url, autocommit=True) as conn:
            conn.execute("SELECT pg_terminate_backend(%s)", (first_session,))
        await until(
            lambda: one.lock.pid not in (None, first_session) and one.polls,
            "the role taken again on a new session",
        )
        assert "Commands" in await answered(fake_telegram, 45, "/help")
        assert role_held(one.services.metrics) == 1
    said = [r.getMessage() for r in caplog.records if r.name == "bot.ops.standby"]
    assert said[:3] == [
        "updates role taken: this instance does its work now",
        "updates role lost: stopping its work, standing by",
        "updates role taken: this instance does its work now",
    ]
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


async def test_a_lock_that_raises_does_not_end_the_stand_by(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """An unexpected error of the lock (not a refusal) is logged, and the next try goes on:
    an instance whose loop ended would never take over."""
    shared = Shared()
    lock = MemoryLock(shared)
    failures = 2
    acquire = lock.acquire

    def flaky() -> bool:
        nonlocal failures
        if failures:
            failures -= 1
            raise OSError("network is unreachable")
        return acquire()

    lock.acquire = flaky  # type: ignore[method-assign]  # this lock's, made to fail
    work = Work()
    role = standby(lock, work, Metrics())
    await role.start()
    try:
        await until(lambda: work.running, "the role taken after the failures")
    finally:
        await role.stop()
    failed = [r for r in caplog.records if "trying or checking the lock failed" in r.message]
    assert len(failed) == 2
