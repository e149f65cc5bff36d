"""The contract of ChatStore.update_chat, a read-modify-write of one chat as one step.

Mixed into every ChatStore's test class in tests/test_store_contract.py beside
ChatStoreContract (whose file is near the length limit): the same fixtures, `make_store`
and `reopen`, so it runs over the memory, TinyDB and PostgreSQL stores.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest

from bot.models import Chat, ChatKind, DigestMode
from tests.store_contract import FakeClock, MakeStore, Reopen

THREADS = 8


def _stored_chat(chat: Chat | None) -> Chat:
    assert chat is not None
    return chat


def _run_together(jobs: list[Callable[[], object]]) -> None:
    """Each job in a thread of its own, all let go at once."""
    start = threading.Barrier(len(jobs))
    failures: list[BaseException] = []

    def run(job: Callable[[], object]) -> None:
        start.wait(timeout=30)
        try:
            job()
        except BaseException as exc:  # reported by the test, not lost in the thread
            failures.append(exc)

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
    assert failures == []


class ChatUpdateContract:
    """update_chat: what `change` sees, what is written, and that nothing is lost."""

    def test_an_unknown_chat_left_unknown_writes_nothing(
        self, make_store: MakeStore, clock: FakeClock
    ) -> None:
        store = make_store(clock)
        seen: list[Chat | None] = []

        def change(chat: Chat | None) -> Chat | None:
            seen.append(chat)
            return chat

        update = store.update_chat(5, change)
        assert (seen, update.before, update.after, update.changed) == ([None], None, None, False)
        assert store.get_chat(5) is None
        assert store.chats() == []

    def test_an_unknown_chat_is_stored_as_the_change_returns_it(
        self, make_store: MakeStore, clock: FakeClock, reopen: Reopen
    ) -> None:
        store = make_store(clock)
        new = Chat(id=-1005, kind=ChatKind.CHANNEL, title="News", created=clock(), paused=True)
        update = store.update_chat(-1005, lambda chat: chat or new)
        assert (update.before, update.after, update.changed) == (None, new, True)
        assert reopen(store).get_chat(-1005) == new

    def test_a_change_to_nothing_new_writes_nothing(
        self, make_store: MakeStore, clock: FakeClock
    ) -> None:
        store = make_store(clock)
        chat = Chat(id=7, created=clock(), paused=True)
        store.save_chat(chat)
        update = store.update_chat(7, lambda c: replace(_stored_chat(c), paused=True))
        assert (update.before, update.after, update.changed) == (chat, chat, False)
        assert store.update_chat(7, lambda c: None).after == chat  # None: no write either
        assert store.get_chat(7) == chat

    def test_a_change_sets_its_field_and_keeps_the_others(
        self, make_store: MakeStore, clock: FakeClock, reopen: Reopen
    ) -> None:
        store = make_store(clock)
        store.save_chat(Chat(id=3, created=clock(), timezone="Asia/Damascus", title="Old"))
        store.add_chat_feed(3, "https://a.example/rss", limit=5, total=10)
        update = store.update_chat(3, lambda c: replace(_stored_chat(c), digest=DigestMode.HOURLY))
        after = _stored_chat(update.after)
        assert _stored_chat(update.before).digest == DigestMode.OFF
        assert (after.digest, after.timezone, after.title) == (
            DigestMode.HOURLY,
            "Asia/Damascus",
            "Old",
        )
        assert after.feeds == ("https://a.example/rss",)
        assert reopen(store).get_chat(3) == after

    def test_a_change_that_fails_or_moves_the_chat_writes_nothing(
        self, make_store: MakeStore, clock: FakeClock
    ) -> None:
        store = make_store(clock)
        chat = Chat(id=4, created=clock())
        store.save_chat(chat)

        def fail(_: Chat | None) -> Chat | None:
            raise RuntimeError("no")

        with pytest.raises(RuntimeError):
            store.update_chat(4, fail)
        with pytest.raises(ValueError, match="returned chat 5"):
            store.update_chat(4, lambda c: replace(_stored_chat(c), id=5, paused=True))
        assert store.get_chat(4) == chat
        assert store.get_chat(5) is None

    def test_changes_at_once_each_see_the_one_before(
        self, make_store: MakeStore, clock: FakeClock
    ) -> None:
        """Threads each append a feed through update_chat: none is lost."""
        store = make_store(clock)
        urls = [f"https://n{n}.example/rss" for n in range(THREADS)]

        def append(url: str) -> Callable[[], object]:
            return lambda: store.update_chat(
                9, lambda c: replace(c or Chat(id=9), feeds=(*(c.feeds if c else ()), url))
            )

        _run_together([append(url) for url in urls])
        assert sorted(_stored_chat(store.get_chat(9)).feeds) == urls

    def test_settings_changed_beside_feed_adds_lose_neither(
        self, make_store: MakeStore, clock: FakeClock, reopen: Reopen
    ) -> None:
        """/pause, /digest, /timezone and a new title at once with feeds being added (each
        through its own step): every setting and every feed is kept."""
        store = make_store(clock)
        store.save_chat(Chat(id=-100, kind=ChatKind.CHANNEL, created=clock()))
        urls = [f"https://f{n}.example/rss" for n in range(THREADS)]
        changes: list[dict[str, Any]] = [
            {"paused": True},
            {"digest": DigestMode.DAILY},
            {"timezone": "Europe/Berlin"},
            {"title": "Renamed"},
        ]

        def add(url: str) -> Callable[[], object]:
            return lambda: store.add_chat_feed(-100, url, limit=THREADS, total=100)

        def set_(fields: dict[str, Any]) -> Callable[[], object]:
            return lambda: store.update_chat(-100, lambda c: replace(_stored_chat(c), **fields))

        _run_together([add(url) for url in urls] + [set_(fields) for fields in changes])
        chat = _stored_chat(reopen(store).get_chat(-100))
        assert sorted(chat.feeds) == urls
        assert (chat.paused, chat.digest, chat.timezone, chat.title) == (
            True,
            DigestMode.DAILY,
            "Europe/Berlin",
            "Renamed",
        )
