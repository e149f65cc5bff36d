"""ChatQueues: different chats' updates run at the same time, one chat's one by one in order."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from telegram import Chat, Message, Update

from handlers.fairness import ChatQueues

A, B = 42, 77


def update(update_id: int, chat_id: int) -> Update:
    message = Message(update_id, datetime.now(UTC), Chat(chat_id, "private"), text="/x")
    return Update(update_id, message=message)


async def test_a_busy_chat_holds_its_own_updates_not_another_chats() -> None:
    queues = ChatQueues()
    log: list[str] = []
    release = asyncio.Event()

    async def slow(name: str) -> None:
        log.append(f"{name} starts")
        await release.wait()
        log.append(f"{name} ends")

    async def quick(name: str) -> None:
        log.append(name)

    tasks = [
        asyncio.create_task(queues.process_update(update(1, A), slow("A1"))),
        asyncio.create_task(queues.process_update(update(2, A), quick("A2"))),
        asyncio.create_task(queues.process_update(update(3, B), quick("B3"))),
    ]
    await asyncio.wait_for(asyncio.gather(tasks[2]), timeout=10)
    assert log == ["A1 starts", "B3"]  # B ran while A's first update was busy; A2 waits
    assert len(queues) == 1  # chat A's queue
    release.set()
    await asyncio.wait_for(asyncio.gather(*tasks), timeout=10)
    assert log == ["A1 starts", "B3", "A1 ends", "A2"]
    assert len(queues) == 0  # a chat's queue goes when it is empty: no growth per chat


async def test_one_chats_updates_run_in_arrival_order() -> None:
    queues = ChatQueues()
    log: list[int] = []

    async def record(n: int) -> None:
        await asyncio.sleep(0.001 * (20 - n))  # the first take longest: others would overtake
        log.append(n)

    await asyncio.wait_for(
        asyncio.gather(*(queues.process_update(update(n, A), record(n)) for n in range(20))),
        timeout=10,
    )
    assert log == list(range(20))


async def test_a_flooding_chat_holds_one_shared_slot_at_most() -> None:
    queues = ChatQueues(max_running=2)
    release = asyncio.Event()
    done: list[str] = []

    async def slow() -> None:
        await release.wait()

    async def quick(name: str) -> None:
        done.append(name)

    flood = [asyncio.create_task(queues.process_update(update(n, A), slow())) for n in range(5)]
    await asyncio.wait_for(queues.process_update(update(9, B), quick("B")), timeout=10)
    assert done == ["B"]  # answered while chat A's five updates were all still pending
    release.set()
    await asyncio.wait_for(asyncio.gather(*flood), timeout=10)
