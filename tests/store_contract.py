"""The store contracts as reusable test classes: subclass each once per implementation.

A ChatStore subclass provides two fixtures: `make_store(clock)` building an empty store,
and `reopen(store)` giving the store as it would be after a restart (the same object for
stores without a disk). Every promise of storage.base.ChatStore is checked here; the
ArticleStore and FeedStateStore contracts at the end work the same way.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest

from bot.errors import StorageError
from bot.models import Article, Chat, ChatKind, DigestMode, FeedState, Subscription
from storage.base import (
    ArticleStore,
    ChatStore,
    CheckedAdd,
    FeedAdd,
    FeedLeases,
    FeedStateStore,
)

MakeStore = Callable[[Callable[[], datetime]], ChatStore]
Reopen = Callable[[ChatStore], ChatStore]

START = datetime(2024, 12, 14, 13, 20, tzinfo=UTC)


class FakeClock:
    """A clock that moves one second per reading, optionally reporting a non-UTC zone."""

    def __init__(self, zone: timezone = UTC) -> None:
        self.now = START
        self.zone = zone

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now.astimezone(self.zone)


def _is_utc(moment: datetime | None) -> bool:
    return moment is not None and moment.tzinfo is not None and moment.utcoffset() == timedelta(0)


class ChatStoreContract:
    """Tests every ChatStore must pass."""

    @pytest.fixture
    def clock(self) -> FakeClock:
        return FakeClock()

    @pytest.fixture
    def store(self, make_store: MakeStore, clock: FakeClock) -> ChatStore:
        return make_store(clock)

    # -- empty store and unknown ids ----------------------------------------------------

    def test_empty_store_has_nothing(self, store: ChatStore) -> None:
        assert store.chats() == []
        assert store.all_subscriptions() == []
        assert store.get_chat(42) is None
        assert store.subscriptions(42) == []

    def test_unknown_ids_never_raise(self, store: ChatStore) -> None:
        sub = store.add_subscription(1, "syria")
        assert store.remove_subscription(1, sub.id + 100) is None
        assert store.remove_subscription(2, sub.id) is None  # another chat's subscription
        assert store.set_muted(1, sub.id + 100, True) is None
        assert store.set_muted(2, sub.id, True) is None
        store.delete_chat(999)
        store.migrate_chat(998, 999)
        assert store.subscriptions(1) == [sub]
        assert store.get_chat(999) is None

    # -- subscriptions ------------------------------------------------------------------

    def test_add_subscription_returns_and_lists_it(
        self, store: ChatStore, reopen: Reopen, clock: FakeClock
    ) -> None:
        sub = store.add_subscription(7, '"air base" OR khmeimim')
        assert sub.chat_id == 7
        assert sub.query == '"air base" OR khmeimim'
        assert sub.muted is False
        assert sub.created == clock.now
        assert _is_utc(sub.created)
        assert store.subscriptions(7) == [sub]
        assert store.all_subscriptions() == [sub]
        assert reopen(store).subscriptions(7) == [sub]

    def test_a_subscription_keeps_its_forum_topic(self, store: ChatStore, reopen: Reopen) -> None:
        in_topic = store.add_subscription(-100123, "tartus", 7)
        outside = store.add_subscription(-100123, "kyiv")
        assert (in_topic.thread_id, outside.thread_id) == (7, None)
        again = reopen(store)
        assert [s.thread_id for s in again.subscriptions(-100123)] == [7, None]
        assert again.subscriptions_by_id([in_topic.id])[in_topic.id].thread_id == 7

    def test_add_to_unknown_chat_stores_the_chat_with_defaults(
        self, store: ChatStore, reopen: Reopen
    ) -> None:
        store.add_subscription(-100123, "tartus")
        chat = reopen(store).get_chat(-100123)
        assert chat is not None
        assert (chat.paused, chat.active, chat.digest, chat.timezone) == (False, True, "off", "UTC")
        assert chat.previews is True

    def test_add_keeps_the_settings_of_a_known_chat(self, store: ChatStore) -> None:
        chat = Chat(id=5, kind=ChatKind.GROUP, title="Desk", created=START, paused=True)
        store.save_chat(chat)
        store.add_subscription(5, "kyiv")
        assert store.get_chat(5) == chat

    def test_empty_query_is_refused(self, store: ChatStore) -> None:
        with pytest.raises(ValueError, match="query"):
            store.add_subscription(1, "   ")
        assert store.all_subscriptions() == []
        assert store.get_chat(1) is None

    def test_subscriptions_by_id_finds_only_stored_ones(
        self, store: ChatStore, reopen: Reopen
    ) -> None:
        a = store.add_subscription(1, "syria")
        b = store.add_subscription(2, "tartus")
        c = store.add_subscription(1, "hmeimim")
        assert store.subscriptions_by_id([]) == {}
        assert store.subscriptions_by_id([c.id, a.id, 999]) == {a.id: a, c.id: c}
        store.remove_subscription(1, a.id)
        muted = store.set_muted(2, b.id, True)
        again = reopen(store)
        assert again.subscriptions_by_id({a.id, b.id, c.id}) == {b.id: muted, c.id: c}
        again.delete_chat(1)
        assert again.subscriptions_by_id([c.id]) == {}

    def test_subscriptions_are_listed_oldest_first(self, store: ChatStore, reopen: Reopen) -> None:
        chat_ids = [1, 2, 1, 3, 1]
        made = [store.add_subscription(chat_id, f"q{n}") for n, chat_id in enumerate(chat_ids)]
        store = reopen(store)
        assert [s.query for s in store.subscriptions(1)] == ["q0", "q2", "q4"]
        assert store.all_subscriptions() == made
        assert [s.created for s in made] == sorted(s.created for s in made)

    def test_remove_subscription(self, store: ChatStore, reopen: Reopen) -> None:
        first = store.add_subscription(1, "a")
        second = store.add_subscription(1, "b")
        other = store.add_subscription(2, "a")
        assert store.remove_subscription(1, first.id) == first
        assert store.remove_subscription(1, first.id) is None  # already gone
        store = reopen(store)
        assert store.subscriptions(1) == [second]
        assert store.all_subscriptions() == [second, other]

    def test_ids_are_never_reused(self, store: ChatStore, reopen: Reopen) -> None:
        seen = {store.add_subscription(1, f"q{n}").id for n in range(3)}
        highest = max(seen)
        store.remove_subscription(1, highest)  # the id a max()+1 scheme would hand out again
        store = reopen(store)
        fresh = store.add_subscription(1, "again")
        assert fresh.id not in seen
        store.delete_chat(1)
        store = reopen(store)
        assert store.add_subscription(2, "later").id not in {*seen, fresh.id}

    def test_mute_and_unmute(self, store: ChatStore, reopen: Reopen) -> None:
        sub = store.add_subscription(1, "kyiv")
        muted = store.set_muted(1, sub.id, True)
        assert muted is not None
        assert muted.muted is True
        assert (muted.id, muted.query, muted.created) == (sub.id, sub.query, sub.created)
        assert store.set_muted(1, sub.id, True) == muted  # no change, same answer
        store = reopen(store)
        assert store.subscriptions(1) == [muted]
        unmuted = store.set_muted(1, sub.id, False)
        assert unmuted == sub
        assert reopen(store).all_subscriptions() == [sub]

    def test_returned_lists_are_copies(self, store: ChatStore) -> None:
        store.add_subscription(1, "a")
        store.subscriptions(1).clear()
        store.all_subscriptions().clear()
        store.chats().clear()
        assert len(store.subscriptions(1)) == len(store.all_subscriptions()) == 1
        assert len(store.chats()) == 1

    # -- chats --------------------------------------------------------------------------

    def test_save_and_get_chat_with_every_setting(self, store: ChatStore, reopen: Reopen) -> None:
        chat = Chat(
            id=-1001234567890,
            kind=ChatKind.SUPERGROUP,
            title="Newsroom <b>&</b> “quotes”",
            created=START,
            paused=True,
            active=False,
            digest=DigestMode.DAILY,
            digest_time="07:30",
            timezone="Europe/Berlin",
            quiet="22:00-07:00",
            last_digest=START + timedelta(hours=3),
            language="ru",
            feeds=("https://a.example/rss", "https://b.example/feed?x=1&y=<2>"),
            own_feeds_only=True,
            previews=False,
        )
        store.save_chat(chat)
        assert store.get_chat(chat.id) == chat
        got = reopen(store).get_chat(chat.id)
        assert got is not None
        assert got == chat
        # A str equals its StrEnum member: only the types tell a kind read back as text.
        assert (type(got.kind), type(got.digest)) == (ChatKind, DigestMode)

    def test_the_chat_language_is_kept_and_defaults_to_automatic(
        self, store: ChatStore, reopen: Reopen
    ) -> None:
        store.save_chat(Chat(id=1, created=START))
        store.save_chat(Chat(id=2, created=START, language="ru"))
        store = reopen(store)
        first, second = store.get_chat(1), store.get_chat(2)
        assert first is not None
        assert second is not None
        assert (first.language, second.language) == ("", "ru")
        store.save_chat(replace(second, language=""))
        again = reopen(store).get_chat(2)
        assert again is not None
        assert again.language == ""

    def test_a_chat_keeps_its_own_feeds_when_it_migrates(
        self, store: ChatStore, reopen: Reopen
    ) -> None:
        store.save_chat(Chat(id=-5, created=START, feeds=("https://a.example/rss",)))
        store.migrate_chat(-5, -1005)
        chat = reopen(store).get_chat(-1005)
        assert chat is not None
        assert chat.feeds == ("https://a.example/rss",)

    def test_a_private_chat_keeps_the_channel_it_manages(
        self, store: ChatStore, reopen: Reopen
    ) -> None:
        chat = Chat(id=42, created=START, manages=-1001234567890)
        store.save_chat(chat)
        store.save_chat(Chat(id=43, created=START))
        assert reopen(store).get_chat(42) == chat
        assert reopen(store).get_chat(43) == Chat(id=43, created=START, manages=None)

    def test_save_chat_replaces_the_stored_one(self, store: ChatStore, reopen: Reopen) -> None:
        store.save_chat(Chat(id=1, created=START))
        store.save_chat(Chat(id=2, created=START))
        store.save_chat(Chat(id=1, created=START, paused=True))
        store = reopen(store)
        assert sorted(c.id for c in store.chats()) == [1, 2]
        chat = store.get_chat(1)
        assert chat is not None
        assert chat.paused is True

    def test_datetimes_come_back_aware_in_utc(self, store: ChatStore, reopen: Reopen) -> None:
        berlin = timezone(timedelta(hours=1))
        chat = Chat(
            id=1,
            created=datetime(2024, 12, 14, 14, 20, tzinfo=berlin),
            last_digest=datetime(2024, 12, 14, 8, 20, tzinfo=timezone(timedelta(hours=-5))),
        )
        store.save_chat(chat)
        for stored in (store.get_chat(1), reopen(store).get_chat(1)):
            assert stored is not None
            assert stored.created == START
            assert stored.last_digest == START
            assert _is_utc(stored.created)
            assert _is_utc(stored.last_digest)

    def test_a_clock_in_another_zone_still_gives_utc(self, make_store: MakeStore) -> None:
        store = make_store(FakeClock(zone=timezone(timedelta(hours=3))))
        sub = store.add_subscription(1, "kyiv")
        assert _is_utc(sub.created)
        assert _is_utc(store.subscriptions(1)[0].created)

    def test_naive_datetimes_are_refused(self, store: ChatStore) -> None:
        with pytest.raises(ValueError, match="timezone-aware"):
            store.save_chat(Chat(id=1, created=datetime(2024, 12, 14, 13, 20)))
        assert store.get_chat(1) is None

    def test_delete_chat_removes_it_and_its_subscriptions(
        self, store: ChatStore, reopen: Reopen
    ) -> None:
        store.save_chat(Chat(id=1, created=START))
        store.add_subscription(1, "a")
        store.add_subscription(1, "b")
        kept = store.add_subscription(2, "a")
        store.delete_chat(1)
        store.delete_chat(1)  # twice is fine
        store = reopen(store)
        assert store.get_chat(1) is None
        assert store.subscriptions(1) == []
        assert store.all_subscriptions() == [kept]
        assert [c.id for c in store.chats()] == [2]

    # -- migration ----------------------------------------------------------------------

    def test_migrate_chat_moves_chat_and_subscriptions(
        self, store: ChatStore, reopen: Reopen
    ) -> None:
        store.save_chat(
            Chat(id=-5, kind=ChatKind.GROUP, title="Desk", created=START, digest=DigestMode.HOURLY)
        )
        first = store.add_subscription(-5, "a")
        other = store.add_subscription(9, "x")
        second = store.set_muted(-5, store.add_subscription(-5, "b").id, True)
        assert second is not None
        store.migrate_chat(-5, -1005)
        store = reopen(store)
        assert store.get_chat(-5) is None
        assert store.subscriptions(-5) == []
        moved = store.get_chat(-1005)
        assert moved is not None
        assert (moved.title, moved.digest) == ("Desk", "hourly")
        subs = store.subscriptions(-1005)
        assert [(s.id, s.query, s.muted, s.created) for s in subs] == [
            (first.id, "a", False, first.created),
            (second.id, "b", True, second.created),
        ]
        assert all(s.chat_id == -1005 for s in subs)
        assert [s.id for s in store.all_subscriptions()] == [first.id, other.id, second.id]
        # the moved subscriptions answer under the new id only
        assert store.remove_subscription(-5, first.id) is None
        assert store.remove_subscription(-1005, first.id) is not None

    def test_migrate_into_a_known_chat_merges_without_duplicates(
        self, store: ChatStore, reopen: Reopen
    ) -> None:
        store.save_chat(Chat(id=-5, created=START, timezone="Asia/Tokyo"))
        old_a = store.add_subscription(-5, "a")
        old_b = store.add_subscription(-5, "b")
        new_a = store.add_subscription(-1005, "a")
        new_c = store.add_subscription(-1005, "c")
        store.migrate_chat(-5, -1005)
        store = reopen(store)
        assert [s.id for s in store.subscriptions(-1005)] == [old_b.id, new_a.id, new_c.id]
        assert old_a.id not in {s.id for s in store.all_subscriptions()}
        chat = store.get_chat(-1005)
        assert chat is not None
        assert chat.timezone == "Asia/Tokyo"
        assert [c.id for c in store.chats()] == [-1005]

    def test_migrate_to_the_same_id_changes_nothing(self, store: ChatStore) -> None:
        sub = store.add_subscription(-5, "a")
        store.migrate_chat(-5, -5)
        assert store.subscriptions(-5) == [sub]
        assert store.get_chat(-5) is not None

    # -- lifecycle and threads ----------------------------------------------------------

    def test_closed_store_refuses_use(self, make_store: MakeStore, clock: FakeClock) -> None:
        store = make_store(clock)
        store.close()
        with pytest.raises(StorageError, match="closed"):
            store.add_subscription(1, "a")

    def test_concurrent_adds_lose_nothing(self, store: ChatStore, reopen: Reopen) -> None:
        made: list[Subscription] = []
        lock = threading.Lock()

        def add_many(chat_id: int) -> None:
            for n in range(15):
                sub = store.add_subscription(chat_id, f"q{n}")
                with lock:
                    made.append(sub)

        threads = [threading.Thread(target=add_many, args=(chat_id,)) for chat_id in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        assert len({s.id for s in made}) == len(made) == 60
        assert sorted(made, key=lambda s: s.id) == reopen(store).all_subscriptions()

    # -- checked adds: the limit and duplicate check and the write in one step ---------

    def test_a_checked_add_refuses_a_duplicate_and_over_the_limit(
        self, store: ChatStore, reopen: Reopen
    ) -> None:
        def add(query: str) -> CheckedAdd:
            return store.add_subscription_checked(
                7, query, limit=2, same=lambda q: q.casefold() == query.casefold(), thread_id=3
            )

        first = add("Homs")
        assert (first.outcome, first.number) == ("added", 1)
        assert first.subscription is not None
        assert first.subscription.thread_id == 3
        assert add("HOMS") == CheckedAdd("duplicate", first.subscription, 1)
        second = add("Aleppo")
        assert (second.outcome, second.number) == ("added", 2)
        assert add("Idlib") == CheckedAdd("full", None, 0)
        assert add("aleppo") == CheckedAdd("duplicate", second.subscription, 2)  # not "full"
        assert [s.query for s in reopen(store).subscriptions(7)] == ["Homs", "Aleppo"]

    def test_checked_adds_at_once_keep_the_limit_and_store_a_query_once(
        self, store: ChatStore
    ) -> None:
        def add_all(queries: list[str]) -> None:
            for query in queries:
                store.add_subscription_checked(1, query, limit=5, same=query.__eq__)

        # 6 threads: 3 add the same 8 queries, 3 others 8 of their own; then one query.
        lists = [[f"q{n}" for n in range(8)]] * 3 + [
            [f"t{t}-{n}" for n in range(8)] for t in range(3)
        ]
        threads = [threading.Thread(target=add_all, args=(qs,)) for qs in lists]
        threads += [threading.Thread(target=add_all, args=(["same"],)) for _ in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        stored = [s.query for s in store.subscriptions(1)]
        assert len(stored) == len(set(stored)) == 5, stored

    def test_chat_feeds_are_added_within_both_limits_and_removed_alone(
        self, store: ChatStore, reopen: Reopen
    ) -> None:
        store.save_chat(Chat(id=1, paused=True))
        assert store.add_chat_feed(1, "https://a/", limit=2, total=3) == FeedAdd("added", 1)
        assert store.add_chat_feed(1, "https://a/", limit=2, total=3) == FeedAdd("known", 1)
        assert store.add_chat_feed(1, "https://b/", limit=2, total=3) == FeedAdd("added", 2)
        assert store.add_chat_feed(1, "https://c/", limit=2, total=3).outcome == "full"
        assert store.add_chat_feed(2, "https://c/", limit=2, total=3) == FeedAdd("added", 1)
        assert store.add_chat_feed(3, "https://d/", limit=2, total=3).outcome == "all_full"
        assert store.add_chat_feed(3, "https://a/", limit=2, total=3) == FeedAdd("added", 1)
        store.save_chat(replace(_stored(store, 1), own_feeds_only=True))
        assert store.remove_chat_feed(1, "https://z/") is None
        assert store.remove_chat_feed(99, "https://a/") is None
        assert store.get_chat(99) is None
        left = store.remove_chat_feed(1, "https://a/")
        assert left is not None
        assert (left.feeds, left.own_feeds_only) == (("https://b/",), True)
        store = reopen(store)
        chat = _stored(store, 1)
        assert (chat.feeds, chat.paused, chat.own_feeds_only) == (("https://b/",), True, True)
        left = store.remove_chat_feed(1, "https://b/")
        assert left is not None
        assert (left.feeds, left.own_feeds_only) == ((), False)
        store = reopen(store)
        assert _stored(store, 1) == left
        assert _stored(store, 3).feeds == ("https://a/",)


def _stored(store: ChatStore, chat_id: int) -> Chat:
    chat = store.get_chat(chat_id)
    assert chat is not None
    return chat


# -- the reading side's stores ---------------------------------------------------------

MakeArticles = Callable[..., ArticleStore]  # keyword arguments: retention_days, max_articles
ReopenArticles = Callable[[ArticleStore], ArticleStore]
MakeFeedStates = Callable[[], FeedStateStore]
ReopenFeedStates = Callable[[FeedStateStore], FeedStateStore]


def article(n: int, *, days_ago: float = 0.0, url: str = "", **fields: Any) -> Article:
    seen = START - timedelta(days=days_ago, minutes=n)
    values: dict[str, Any] = {
        "id": f"a{n}",
        "url": url or f"https://news.example/{n}",
        "title": f"Story {n}",
        "summary": "A summary.",
        "text": "Body text.",
        "published": seen - timedelta(hours=1),
        "source": "Example News",
        "feed": "https://news.example/feed",
        "seen": seen,
    }
    values.update(fields)
    return Article(**values)


class ArticleStoreContract:
    """Tests every ArticleStore must pass. Fixtures: `make_articles(**options)` building an
    empty store, `reopen_articles(store)` the store after a restart."""

    def test_a_batch_is_stored_with_every_field(
        self, make_articles: MakeArticles, reopen_articles: ReopenArticles
    ) -> None:
        store = make_articles()
        batch = [article(0, story_id="a9"), article(1, published=None), article(2)]
        store.add(batch)
        store = reopen_articles(store)
        assert len(store) == 3
        assert [store.get(a.id) for a in batch] == batch
        assert store.get("nope") is None
        assert store.get_by_url("https://news.example/1") == batch[1]
        assert store.get_by_url("https://news.example/none") is None

    def test_adding_an_id_again_replaces_it(self, make_articles: MakeArticles) -> None:
        store = make_articles()
        store.add([article(0)])
        store.add([article(0, title="Story 0, updated")])
        assert len(store) == 1
        found = store.get("a0")
        assert found is not None
        assert found.title == "Story 0, updated"

    def test_recent_is_newest_first_and_since_oldest_first(
        self, make_articles: MakeArticles
    ) -> None:
        store = make_articles()
        store.add([article(n) for n in (3, 0, 2, 1)])  # a0 is the newest
        assert [a.id for a in store.recent(3)] == ["a0", "a1", "a2"]
        assert store.recent(0) == []
        assert [a.id for a in store.since(START - timedelta(minutes=2))] == ["a2", "a1", "a0"]

    def test_prune_drops_the_expired_then_the_oldest_beyond_the_cap(
        self, make_articles: MakeArticles, reopen_articles: ReopenArticles
    ) -> None:
        store = make_articles(retention_days=7, max_articles=3)
        store.add([article(n, days_ago=8) for n in range(2)] + [article(n) for n in range(2, 7)])
        assert store.prune(START) == 4  # two expired, then a5 and a6 beyond the cap of three
        store = reopen_articles(store)
        assert sorted(a.id for a in store.recent(10)) == ["a2", "a3", "a4"]
        assert store.prune(START) == 0

    def test_add_new_stores_only_new_ids_and_what_settle_keeps(
        self, make_articles: MakeArticles, reopen_articles: ReopenArticles
    ) -> None:
        store = make_articles()
        store.add([article(0, title="As first stored")])
        mark = store.mark()
        batch = [article(0, title="Stored again"), article(1), article(2), article(3)]
        asked: list[list[Article]] = []

        def settle(others: list[Article]) -> list[Article]:
            asked.append(others)
            return [a for a in batch if a.id != "a3"]  # the caller drops a3

        added = store.add_new(after=mark, settle=settle)
        assert asked == [[]]  # nobody else stored anything after the mark
        assert [a.id for a in added.stored] == ["a1", "a2"]
        assert added.others == []
        again = store.add_new(after=added.mark, settle=lambda others: [article(1)])
        assert (again.stored, again.others) == ([], [])
        store = reopen_articles(store)
        assert len(store) == 3
        first = store.get("a0")
        assert first is not None
        assert first.title == "As first stored"
        assert store.get("a3") is None

    def test_stored_text_is_bounded(self, make_articles: MakeArticles) -> None:
        store = make_articles(max_text_chars=100)
        store.add([article(0, text="word " * 100)])
        stored = store.get("a0")
        assert stored is not None
        assert 90 <= len(stored.text) <= 100


class FeedStateStoreContract:
    """Tests every FeedStateStore must pass. Fixtures: `make_feed_states()`,
    `reopen_feed_states(store)`."""

    def test_states_are_saved_replaced_and_listed(
        self, make_feed_states: MakeFeedStates, reopen_feed_states: ReopenFeedStates
    ) -> None:
        store = make_feed_states()
        assert store.get("https://a.example/feed") is None
        assert store.all() == []
        first = FeedState(
            url="https://a.example/feed",
            etag='"x"',
            last_polled=START,
            last_success=START,
            next_poll=START + timedelta(minutes=5),
            title="A",
            listed=("e1", "e2"),
        )
        failing = FeedState(
            url="https://b.example/feed",
            last_polled=START,
            last_error="HTTP 503",
            last_error_at=START,
            failures=3,
        )
        store.save(first)
        store.save(failing)
        store.save(replace(first, etag='"y"'))
        store = reopen_feed_states(store)
        assert store.get(first.url) == replace(first, etag='"y"')
        assert sorted(s.url for s in store.all()) == [first.url, failing.url]
        assert store.get(failing.url) == failing

    def test_naive_times_are_refused(self, make_feed_states: MakeFeedStates) -> None:
        store = make_feed_states()
        with pytest.raises(ValueError, match="timezone-aware"):
            store.save(FeedState(url="https://a.example/feed", last_polled=datetime(2024, 1, 1)))
        assert store.get("https://a.example/feed") is None


MakeLeases = Callable[[], FeedLeases]
LEASE = timedelta(seconds=60)
FEEDS = [f"https://{name}.example/feed" for name in ("a", "b", "c")]


class FeedLeasesContract:
    """Tests every FeedLeases must pass. Fixture: `make_leases()`, a store where every feed
    is due at once until released."""

    def test_claims_share_the_due_feeds_out_up_to_their_limits(
        self, make_leases: MakeLeases
    ) -> None:
        leases = make_leases()
        first = leases.claim(FEEDS, owner="one", now=START, lease=LEASE, limit=2)
        second = leases.claim(FEEDS, owner="two", now=START, lease=LEASE, limit=2)
        assert len(first) == 2
        assert len(second) == 1
        assert sorted(first + second) == FEEDS
        assert leases.claim(FEEDS, owner="three", now=START, lease=LEASE, limit=5) == []
        assert leases.claim(FEEDS, owner="one", now=START, lease=LEASE, limit=5) == []
        assert leases.claim([], owner="one", now=START, lease=LEASE, limit=5) == []
        assert leases.claim(FEEDS, owner="four", now=START, lease=LEASE, limit=0) == []

    def test_an_expired_lease_is_claimed_again_and_its_old_owner_cannot_release_it(
        self, make_leases: MakeLeases
    ) -> None:
        leases = make_leases()
        assert leases.claim(FEEDS[:1], owner="dead", now=START, lease=LEASE, limit=1) == FEEDS[:1]
        almost = START + LEASE - timedelta(seconds=1)
        assert leases.claim(FEEDS[:1], owner="other", now=almost, lease=LEASE, limit=1) == []
        later = START + LEASE
        assert leases.claim(FEEDS[:1], owner="other", now=later, lease=LEASE, limit=1) == FEEDS[:1]
        assert not leases.release(FEEDS[0], owner="dead", next_due=START)
        assert leases.renew(FEEDS[:1], owner="dead", now=later, lease=LEASE) == []
        # Still the other owner's: nobody gets it before that lease ends.
        assert leases.claim(FEEDS[:1], owner="third", now=later, lease=LEASE, limit=1) == []
        assert leases.release(FEEDS[0], owner="other", next_due=later)

    def test_a_released_feed_is_due_at_its_next_time_and_the_longest_due_go_first(
        self, make_leases: MakeLeases
    ) -> None:
        leases = make_leases()
        assert sorted(leases.claim(FEEDS, owner="one", now=START, lease=LEASE, limit=3)) == FEEDS
        a, b, c = FEEDS
        assert leases.release(a, owner="one", next_due=START + timedelta(minutes=5))
        assert leases.release(b, owner="one", next_due=START + timedelta(minutes=3))
        assert leases.release(c, owner="one", next_due=START + timedelta(minutes=4))
        at_2 = START + timedelta(minutes=2)
        assert leases.claim(FEEDS, owner="two", now=at_2, lease=LEASE, limit=3) == []
        at_6 = START + timedelta(minutes=6)
        assert leases.claim(FEEDS, owner="two", now=at_6, lease=LEASE, limit=2) == [b, c]
        assert leases.claim(FEEDS, owner="two", now=at_6, lease=LEASE, limit=2) == [a]

    def test_renewing_keeps_the_feed_past_the_first_lease(self, make_leases: MakeLeases) -> None:
        leases = make_leases()
        a, b, _ = FEEDS
        assert sorted(leases.claim([a, b], owner="one", now=START, lease=LEASE, limit=2)) == [a, b]
        halfway = START + LEASE / 2
        assert leases.renew([a], owner="one", now=halfway, lease=LEASE) == [a]
        assert leases.renew([a], owner="two", now=halfway, lease=LEASE) == []
        past_first = START + LEASE
        # b's lease ran out; a's was renewed until halfway + LEASE.
        assert leases.claim([a, b], owner="two", now=past_first, lease=LEASE, limit=2) == [b]
        assert leases.claim([a], owner="two", now=halfway + LEASE, lease=LEASE, limit=1) == [a]

    def test_a_feed_no_longer_listed_is_not_claimed_until_listed_again(
        self, make_leases: MakeLeases
    ) -> None:
        leases = make_leases()
        gone, kept, _ = FEEDS
        assert sorted(leases.claim([gone, kept], owner="a", now=START, lease=LEASE, limit=5)) == [
            gone,
            kept,
        ]
        for url in (gone, kept):
            assert leases.release(url, owner="a", next_due=START)
        assert leases.claim([kept], owner="a", now=START, lease=LEASE, limit=5) == [kept]
        assert leases.release(kept, owner="a", next_due=START + timedelta(days=1))
        later = START + LEASE
        assert leases.claim([gone, kept], owner="a", now=later, lease=LEASE, limit=5) == [gone]
