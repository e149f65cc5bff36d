"""At least once in polling mode: a getUpdates (whose offset confirms what was fetched
before) is not sent until every update fetched before was handled, per-chat queue
included, so a process killed mid-handling leaves its updates to the next poll.

The HTTP layer under PollingRequest is replaced by a recorder: what is checked is whether
the request went out, not what the server said.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import pytest
from telegram.request import HTTPXRequest

from bot.chats.subscriptions import AlreadySubscribed, Subscribed, SubscriptionService
from handlers.fairness import ChatQueues
from handlers.polling import PollingRequest
from storage.memory import MemoryChatStore

OK = (200, b'{"ok": true, "result": []}')


@pytest.fixture
def sent(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The getUpdates requests that reached the HTTP client."""
    calls: list[str] = []

    async def record(self: HTTPXRequest, url: str, method: str, *a: Any, **k: Any) -> Any:
        calls.append(url)
        return OK

    monkeypatch.setattr(HTTPXRequest, "do_request", record)
    return calls


async def settle() -> None:
    """Let every runnable task run until it waits on something."""
    for _ in range(20):
        await asyncio.sleep(0)


async def test_the_next_poll_waits_until_the_updates_fetched_before_are_handled(
    sent: list[str],
) -> None:
    queue: asyncio.Queue[object] = asyncio.Queue()
    request = PollingRequest()
    request.confirm_after(queue)
    await queue.put("update 1")  # fetched: in the Application's queue, not yet handled
    await queue.put("update 2")
    poll = asyncio.ensure_future(request.do_request("getUpdates", "POST"))
    await settle()
    assert (sent, poll.done()) == ([], False)
    queue.get_nowait()  # the first one handled
    queue.task_done()
    await settle()
    assert (sent, poll.done()) == ([], False)
    queue.get_nowait()  # the last one handled: the poll may confirm
    queue.task_done()
    assert await asyncio.wait_for(poll, timeout=30) == OK
    assert sent == ["getUpdates"]


async def test_the_wait_covers_the_chat_queue_the_update_waits_in(sent: list[str]) -> None:
    """As PTB runs an update (Application.__process_update_wrapper): through the update
    processor, task_done when that returned. An update of a busy chat waits for its turn
    in ChatQueues; the poll waits for it too."""
    queue: asyncio.Queue[object] = asyncio.Queue()
    request = PollingRequest()
    request.confirm_after(queue)
    processor = ChatQueues()
    first_may_end = asyncio.Event()
    handled: list[str] = []

    async def handle(name: str, wait: asyncio.Event | None) -> None:
        if wait is not None:
            await wait.wait()
        handled.append(name)

    async def run(name: str, wait: asyncio.Event | None) -> None:
        await queue.put(name)
        await queue.get()
        try:
            await processor.do_process_update(None, handle(name, wait))  # one chat (None)
        finally:
            queue.task_done()

    runs = [
        asyncio.ensure_future(run("first", first_may_end)),
        asyncio.ensure_future(run("second", None)),
    ]
    await settle()
    poll = asyncio.ensure_future(request.do_request("getUpdates", "POST"))
    await settle()
    assert (handled, sent, poll.done()) == ([], [], False)
    first_may_end.set()
    assert await asyncio.wait_for(poll, timeout=30) == OK
    assert handled == ["first", "second"]
    await asyncio.gather(*runs)


async def test_a_stuck_handler_holds_polling_up_only_for_the_wait(
    sent: list[str], caplog: pytest.LogCaptureFixture
) -> None:
    queue: asyncio.Queue[object] = asyncio.Queue()
    request = PollingRequest(handling_wait=0.05)
    request.confirm_after(queue)
    await queue.put("stuck")  # never marked done
    with caplog.at_level(logging.WARNING, logger="handlers.polling"):
        assert await asyncio.wait_for(request.do_request("getUpdates", "POST"), 30) == OK
    assert sent == ["getUpdates"]
    assert "still being handled" in caplog.text


async def test_without_a_queue_to_wait_for_it_polls_at_once(sent: list[str]) -> None:
    assert await PollingRequest().do_request("getUpdates", "POST") == OK
    assert sent == ["getUpdates"]


def test_a_many_line_subscribe_handled_again_after_a_crash_stores_only_what_is_missing() -> None:
    """What a redelivered /subscribe does (handlers/subscriptions.py subscribes line by
    line): the holder died after two of four lines; the next holder runs all four."""
    store = MemoryChatStore()
    service = SubscriptionService(store, max_subscriptions=50, max_query_length=200)
    lines = ["bakunor", "Telivax", "mirosat", "dorekun"]
    for line in lines[:2]:
        service.subscribe(7, line, dry_run=False)
    again = [service.subscribe(7, line, dry_run=False) for line in lines]
    assert [type(r) for r in again] == [
        AlreadySubscribed,
        AlreadySubscribed,
        Subscribed,
        Subscribed,
    ]
    assert sorted(s.query.casefold() for s in store.subscriptions(7)) == sorted(
        line.casefold() for line in lines
    )
