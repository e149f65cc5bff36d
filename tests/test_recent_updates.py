"""RecentUpdates: a repeated update_id is handled once, also while the first still runs."""

from __future__ import annotations

import asyncio

import pytest

from bot.ops.updates import RecentUpdates


async def test_a_repeat_after_the_first_finished_is_not_handled() -> None:
    recent = RecentUpdates()
    handled: list[int] = []

    async def handle() -> None:
        handled.append(1)

    assert await recent.run_once(7, handle) is True
    assert await recent.run_once(7, handle) is False
    assert await recent.run_once(8, handle) is True
    assert handled == [1, 1]


async def test_a_repeat_during_the_first_waits_for_it_and_does_not_run() -> None:
    recent = RecentUpdates()
    release = asyncio.Event()
    calls = 0

    async def slow() -> None:
        nonlocal calls
        calls += 1
        await release.wait()

    first = asyncio.create_task(recent.run_once(5, slow))
    await asyncio.sleep(0)
    second = asyncio.create_task(recent.run_once(5, slow))
    await asyncio.sleep(0)
    assert not first.done()
    assert not second.done()  # the repeat answers only after handling
    release.set()
    assert await first is True
    assert await second is False
    assert calls == 1


async def test_a_failed_handling_is_forgotten_so_a_redelivery_runs_again() -> None:
    recent = RecentUpdates()
    attempts = 0

    async def flaky() -> None:
        nonlocal attempts
        attempts += 1
        if attempts == 1:
            raise RuntimeError("database down")

    with pytest.raises(RuntimeError):
        await recent.run_once(9, flaky)
    assert await recent.run_once(9, flaky) is True
    assert attempts == 2
    assert await recent.run_once(9, flaky) is False


async def test_only_the_newest_ids_are_remembered() -> None:
    recent = RecentUpdates(capacity=3)

    async def nothing() -> None:
        pass

    for update_id in range(1, 6):
        await recent.run_once(update_id, nothing)
    assert len(recent) == 3
    assert await recent.run_once(5, nothing) is False
    assert await recent.run_once(1, nothing) is True  # forgotten: too old
