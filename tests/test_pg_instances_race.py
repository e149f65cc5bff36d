"""Two instances on one PostgreSQL database change one chat at the same time.

Each "instance" is what a process has: its own pool of connections, its own PgChatStore
and its own SubscriptionService and FeedService (so nothing in-process, no lock of
either, is shared). Threads of both call the services together (two admins of a
channel, each served by another instance in webhook mode). Whatever the order, a chat
ends with exactly min(N, limit) distinct subscriptions (or feeds), a query raced from
everywhere is stored once, and no feed added is lost to another's write.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import Any

import pytest

from bot.chats.feeds import FeedAdded, FeedService
from bot.chats.subscriptions import SubscriptionService
from bot.models import ChatKind, DigestMode
from bot.reading.discovery import ProbedFeed
from storage.postgres.chats import PgChatStore
from storage.postgres.pool import Database

CHANNEL = -100999
THREADS = 8  # per instance
LIMIT = 10


async def _probe(url: str) -> ProbedFeed:
    return ProbedFeed(url, "A feed", 3)


@dataclass
class Instance:
    store: PgChatStore
    subscriptions: SubscriptionService
    feeds: FeedService


@pytest.fixture
def instances(pg_url: str) -> Iterator[tuple[Instance, Instance]]:
    made = []
    for _ in range(2):
        store = PgChatStore(Database(pg_url, max_size=THREADS))
        made.append(
            Instance(
                store,
                SubscriptionService(store, max_subscriptions=LIMIT, max_query_length=200),
                FeedService(store, probe=_probe, operator_feeds=(), max_per_chat=LIMIT),
            )
        )
    yield made[0], made[1]
    for instance in made:
        instance.store.close()


def race(instances: tuple[Instance, Instance], work: list[Callable[[Instance], object]]) -> None:
    """Run each piece of work in a thread of its own, alternately on either instance,
    all let go at once."""
    start = threading.Barrier(len(work))

    def run(instance: Instance, job: Callable[[Instance], object]) -> None:
        start.wait(timeout=30)
        job(instance)

    threads = [
        threading.Thread(target=run, args=(instances[n % 2], job)) for n, job in enumerate(work)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)


def _subscribe(text: str) -> Callable[[Instance], object]:
    return lambda instance: instance.subscriptions.subscribe(CHANNEL, text, dry_run=False)


def _add_feed(url: str) -> Callable[[Instance], object]:
    return lambda instance: asyncio.run(instance.feeds.add(CHANNEL, url))


@pytest.mark.parametrize("count", [LIMIT - 4, 2 * THREADS])
def test_subscribes_on_two_instances_store_min_of_count_and_limit(
    instances: tuple[Instance, Instance], count: int
) -> None:
    race(instances, [_subscribe(f"Latakia{n:02d}") for n in range(count)])
    stored = [s.query for s in instances[0].store.subscriptions(CHANNEL)]
    assert len(stored) == len(set(stored)) == min(count, LIMIT), stored


def test_one_query_subscribed_on_two_instances_at_once_is_stored_once(
    instances: tuple[Instance, Instance],
) -> None:
    # The same query as typed differently: the duplicate rule is the query's key.
    race(instances, [_subscribe("Homs" if n % 2 else "  HOMS ") for n in range(2 * THREADS)])
    stored = [s.query for s in instances[1].store.subscriptions(CHANNEL)]
    assert len(stored) == 1, stored


def test_feeds_added_on_two_instances_keep_the_limit_and_lose_none(
    instances: tuple[Instance, Instance],
) -> None:
    urls = [f"https://news{n:02d}.example/rss" for n in range(2 * THREADS)]
    results: list[object] = []

    def add(url: str) -> Callable[[Instance], object]:
        return lambda instance: results.append(asyncio.run(instance.feeds.add(CHANNEL, url)))

    race(instances, [add(url) for url in urls])
    chat = instances[0].store.get_chat(CHANNEL)
    assert chat is not None
    added = [r.url for r in results if isinstance(r, FeedAdded)]
    # Every feed reported added is stored (none overwritten by another's write).
    assert sorted(chat.feeds) == sorted(added)
    assert len(chat.feeds) == len(set(chat.feeds)) == LIMIT, chat.feeds


def test_one_feed_added_on_two_instances_at_once_is_stored_once(
    instances: tuple[Instance, Instance],
) -> None:
    race(instances, [_add_feed("https://one.example/rss") for _ in range(2 * THREADS)])
    chat = instances[0].store.get_chat(CHANNEL)
    assert chat is not None
    assert Counter(chat.feeds) == {"https://one.example/rss": 1}


def _one_process(url: str, start: Any, texts: list[str]) -> None:
    """An instance in a process of its own: a thread per /subscribe, let go together with
    the other process's."""
    store = PgChatStore(Database(url, max_size=THREADS))
    service = SubscriptionService(store, max_subscriptions=LIMIT, max_query_length=200)
    ready = threading.Barrier(len(texts))

    def run(text: str) -> None:
        ready.wait(timeout=30)
        service.subscribe(CHANNEL, text, dry_run=False)

    start.wait(timeout=60)  # both processes connected and ready
    threads = [threading.Thread(target=run, args=(text,)) for text in texts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    store.close()


def test_two_processes_subscribing_one_chat_keep_its_limit_and_store_a_query_once(
    pg_url: str,
) -> None:
    """As above, with two real processes: each subscribes the chat to 8 queries of its own
    and to one query both send (typed differently)."""
    spawn = multiprocessing.get_context("spawn")
    start = spawn.Barrier(2)
    texts = [[f"Tartus{p}{n}" for n in range(THREADS - 1)] for p in range(2)]
    processes = [
        spawn.Process(target=_one_process, args=(pg_url, start, [*own, same]))
        for own, same in zip(texts, ["Palmyra", "PALMYRA"], strict=True)
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=120)
    assert [process.exitcode for process in processes] == [0, 0]
    store = PgChatStore(Database(pg_url, max_size=1))
    try:
        stored = [s.query.casefold() for s in store.subscriptions(CHANNEL)]
    finally:
        store.close()
    assert len(stored) == len(set(stored)) == LIMIT, stored


ROUNDS = 5  # chats raced, one after another
TOGGLES = 6  # each setting changed back and forth, ending on the value checked


def _toggle(set_: Callable[[Instance, bool], object]) -> Callable[[Instance], object]:
    def run(instance: Instance) -> None:
        for n in range(TOGGLES):
            set_(instance, n % 2 == 1)  # the last call sets it (True)

    return run


def _settings_beside_feeds(instances: tuple[Instance, Instance], chat_id: int) -> str:
    """/pause and /resume, a new title (touch_chat) and /channel (manage), each back and
    forth in a thread of its own, while two threads add feeds, on both instances; what
    was lost ("" if nothing)."""
    instances[0].subscriptions.touch_chat(chat_id, ChatKind.CHANNEL, "Old")
    urls = [f"https://c{-chat_id}n{n}.example/rss" for n in range(LIMIT - 2)]

    def adds(some: list[str]) -> Callable[[Instance], object]:
        def run(instance: Instance) -> None:
            for url in some:
                asyncio.run(instance.feeds.add(chat_id, url))

        return run

    race(
        instances,
        [
            adds(urls[::2]),
            _toggle(lambda i, on: i.subscriptions.set_paused(chat_id, on)),
            _toggle(
                lambda i, on: i.subscriptions.touch_chat(
                    chat_id, ChatKind.CHANNEL, "New" if on else "Old"
                )
            ),
            adds(urls[1::2]),
            _toggle(lambda i, on: i.subscriptions.manage(chat_id, 42 if on else None)),
        ],
    )
    chat = instances[1].store.get_chat(chat_id)
    assert chat is not None
    lost = [url for url in urls if url not in chat.feeds]
    got = (chat.paused, chat.title, chat.manages)
    return "" if not lost and got == (True, "New", 42) else f"{len(lost)} feeds lost, {got}"


def test_settings_changed_while_feeds_are_added_on_two_instances_lose_nothing(
    instances: tuple[Instance, Instance],
) -> None:
    """Each setting is saved with its own step beside the feed adds: in every one of
    ROUNDS chats all feeds and all three settings are kept."""
    lost = {n: _settings_beside_feeds(instances, CHANNEL - n) for n in range(ROUNDS)}
    assert {n: what for n, what in lost.items() if what} == {}


def test_two_settings_changed_at_once_on_two_instances_both_stay(
    instances: tuple[Instance, Instance],
) -> None:
    """Two admins, each served by another instance: /digest back and forth on one,
    /timezone on the other (SubscriptionService.save_settings, as the handlers call it)."""

    def digest(instance: Instance, on: bool) -> object:
        service = instance.subscriptions
        mode = DigestMode.HOURLY if on else DigestMode.OFF
        return service.save_settings(service.chat(chat_id), lambda c: replace(c, digest=mode))

    def zone(instance: Instance, on: bool) -> object:
        service = instance.subscriptions
        name = "Asia/Damascus" if on else "UTC"
        return service.save_settings(service.chat(chat_id), lambda c: replace(c, timezone=name))

    for n in range(ROUNDS):
        chat_id = CHANNEL - 10 - n
        instances[0].subscriptions.touch_chat(chat_id, ChatKind.CHANNEL, "")
        race(instances, [_toggle(digest), _toggle(zone)])
        chat = instances[0].store.get_chat(chat_id)
        assert chat is not None
        assert (chat.digest, chat.timezone) == (DigestMode.HOURLY, "Asia/Damascus"), n
