"""The poller's lease scheduler (bot/reading/leasing.py) over the in-memory leases:
claims, capacity, failures and stopping, with polls that are plain coroutines."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

from bot.models import utcnow
from bot.reading.leasing import LeasedPolling, LocalLeases

FEEDS = tuple(f"https://{n}.example/feed" for n in range(6))


async def until(condition: Callable[[], bool]) -> None:
    """A bounded wait: the condition, looked at every 10 ms, within 10 s."""
    async with asyncio.timeout(10.0):
        while not condition():  # noqa: ASYNC110 - nothing to wait on but the condition
            await asyncio.sleep(0.01)


def scheduler(
    leases: LocalLeases, poll: Callable[[str], Awaitable[None]], *, owner: str, capacity: int
) -> LeasedPolling:
    async def run(url: str) -> datetime:
        await poll(url)
        return utcnow()  # due again at once

    return LeasedPolling(
        leases=leases,
        feeds=lambda: FEEDS,
        poll=run,
        clock=utcnow,
        owner=owner,
        capacity=capacity,
        interval=0.2,
    )


async def test_two_schedulers_on_one_lease_table_never_poll_a_feed_twice_at_once() -> None:
    leases = LocalLeases()
    running: Counter[str] = Counter()
    polled: Counter[str] = Counter()
    by: dict[str, set[str]] = {"one": set(), "two": set()}
    worst = [0, 0]  # most polls of one feed at once; most polls of one owner at once
    active: Counter[str] = Counter()

    def poll_as(owner: str) -> Callable[[str], Awaitable[None]]:
        async def poll(url: str) -> None:
            running[url] += 1
            active[owner] += 1
            worst[0] = max(worst[0], running[url])
            worst[1] = max(worst[1], active[owner])
            await asyncio.sleep(0.01)
            running[url] -= 1
            active[owner] -= 1
            polled[url] += 1
            by[owner].add(url)

        return poll

    one = scheduler(leases, poll_as("one"), owner="one", capacity=2)
    two = scheduler(leases, poll_as("two"), owner="two", capacity=2)
    one.start()
    two.start()
    try:
        await until(lambda: all(polled[url] >= 5 for url in FEEDS))
    finally:
        await one.stop(grace=1.0)
        await two.stop(grace=1.0)
    assert worst[0] == 1  # never one feed twice at once
    assert worst[1] <= 2  # never more polls than a scheduler's capacity
    assert by["one"]
    assert by["two"]


async def test_a_poll_that_raises_frees_its_slot_and_its_feed_is_tried_again_later() -> None:
    leases = LocalLeases()
    polled: Counter[str] = Counter()

    async def poll(url: str) -> None:
        polled[url] += 1
        if url == FEEDS[0]:
            raise RuntimeError("a bug")

    polling = scheduler(leases, poll, owner="one", capacity=1)
    polling.start()
    try:
        await until(lambda: all(polled[url] >= 3 for url in FEEDS[1:]))
    finally:
        await polling.stop(grace=1.0)
    assert polled[FEEDS[0]] == 1  # failed once, due again a lease (60 s) later
    assert not polling.polling


async def test_stopping_releases_the_feeds_of_polls_cut_short() -> None:
    leases = LocalLeases()
    started: list[str] = []

    async def hang(url: str) -> None:
        started.append(url)
        await asyncio.Event().wait()

    polling = scheduler(leases, hang, owner="one", capacity=3)
    polling.start()
    await until(lambda: len(started) == 3)
    now = utcnow()
    held = leases.claim(FEEDS, owner="two", now=now, lease=timedelta(seconds=60), limit=10)
    assert sorted(held) == sorted(set(FEEDS) - set(started))
    await polling.stop(grace=0.0)
    freed = leases.claim(FEEDS, owner="two", now=utcnow(), lease=timedelta(seconds=60), limit=10)
    assert sorted(freed) == sorted(started)
