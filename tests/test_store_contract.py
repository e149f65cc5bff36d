"""Runs the store contracts over every implementation: in memory, TinyDB, PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, ParamSpec, Protocol, TypeVar

import pytest

from bot.reading.leasing import LocalLeases
from storage.articles import TinyArticleStore
from storage.base import ArticleStore, ChatStore, FeedStateStore
from storage.chats import TinyChatStore
from storage.feedstate import TinyFeedStateStore
from storage.memory import MemoryChatStore
from tests.chat_update_contract import ChatUpdateContract
from tests.store_contract import (
    ArticleStoreContract,
    ChatStoreContract,
    FeedLeasesContract,
    FeedStateStoreContract,
    MakeArticles,
    MakeFeedStates,
    MakeLeases,
    MakeStore,
    Reopen,
    ReopenArticles,
    ReopenFeedStates,
)

if TYPE_CHECKING:
    from storage.postgres.pool import Database

P = ParamSpec("P")
C = TypeVar("C", bound="Closable")


class Closable(Protocol):
    def close(self) -> None: ...


def closed_after(open_one: Callable[P, C]) -> Iterator[Callable[P, C]]:
    """For a fixture to yield from: `open_one` as the test calls it, and every object it
    opened closed once the test is over."""
    opened: list[C] = []

    def make(*args: P.args, **kwargs: P.kwargs) -> C:
        opened.append(open_one(*args, **kwargs))
        return opened[-1]

    yield make
    for thing in opened:
        thing.close()


class TestMemoryChatStore(ChatStoreContract, ChatUpdateContract):
    @pytest.fixture
    def make_store(self) -> MakeStore:
        return lambda clock: MemoryChatStore(clock=clock)

    @pytest.fixture
    def reopen(self) -> Reopen:
        return lambda store: store  # nothing outlives the process: the same object


class TestTinyChatStore(ChatStoreContract, ChatUpdateContract):
    @pytest.fixture
    def make_store(self, tmp_path: Path) -> Iterator[MakeStore]:
        def make(clock: Callable[[], datetime]) -> ChatStore:
            return TinyChatStore(tmp_path / "data" / "newsbot.json", clock=clock)

        yield from closed_after(make)

    @pytest.fixture
    def reopen(self, tmp_path: Path) -> Reopen:
        """Close the store and open its file afresh: only what reached the disk remains."""

        def reopen(store: ChatStore) -> ChatStore:
            assert isinstance(store, TinyChatStore)
            store.close()
            return TinyChatStore(store.path)

        return reopen


class TestPgChatStore(ChatStoreContract, ChatUpdateContract):
    @pytest.fixture
    def make_store(self, pg_url: str) -> Iterator[MakeStore]:
        from storage.postgres.chats import PgChatStore
        from storage.postgres.pool import Database

        def make(clock: Callable[[], datetime]) -> ChatStore:
            return PgChatStore(Database(pg_url, max_size=4), clock=clock)

        yield from closed_after(make)

    @pytest.fixture
    def reopen(self, pg_url: str) -> Reopen:
        """Close the store (and its pool) and connect afresh: only what was committed remains."""
        from storage.postgres.chats import PgChatStore
        from storage.postgres.pool import Database

        def reopen(store: ChatStore) -> ChatStore:
            store.close()
            return PgChatStore(Database(pg_url, max_size=4))

        return reopen


# -- articles and feed states: on TinyDB and on PostgreSQL ------------------------------


class TestTinyArticleStore(ArticleStoreContract):
    @pytest.fixture
    def make_articles(self, tmp_path: Path) -> Iterator[MakeArticles]:
        def make(**options: Any) -> ArticleStore:
            return TinyArticleStore(tmp_path / "a.json", fsync=False, **options)

        yield from closed_after(make)

    @pytest.fixture
    def reopen_articles(self) -> ReopenArticles:
        def reopen(store: ArticleStore) -> ArticleStore:
            assert isinstance(store, TinyArticleStore)
            store.close()
            return TinyArticleStore(store.path, retention_days=store.retention.days)

        return reopen


class TestTinyFeedStateStore(FeedStateStoreContract):
    @pytest.fixture
    def make_feed_states(self, tmp_path: Path) -> Iterator[MakeFeedStates]:
        yield from closed_after(lambda: TinyFeedStateStore(tmp_path / "f.json", fsync=False))

    @pytest.fixture
    def reopen_feed_states(self) -> ReopenFeedStates:
        def reopen(store: FeedStateStore) -> FeedStateStore:
            assert isinstance(store, TinyFeedStateStore)
            store.close()
            return TinyFeedStateStore(store.path)

        return reopen


@pytest.fixture
def pg_database(pg_url: str) -> Iterator[Callable[[], Database]]:
    """Opens pools on the test's database (each one a restart's worth); all closed after."""
    from storage.postgres.pool import Database

    yield from closed_after(lambda: Database(pg_url, max_size=4))


class TestPgArticleStore(ArticleStoreContract):
    @pytest.fixture
    def make_articles(self, pg_database: Callable[[], Database]) -> MakeArticles:
        from storage.postgres.articles import PgArticleStore

        return lambda **options: PgArticleStore(pg_database(), **options)

    @pytest.fixture
    def reopen_articles(self, pg_database: Callable[[], Database]) -> ReopenArticles:
        from storage.postgres.articles import PgArticleStore

        def reopen(store: ArticleStore) -> ArticleStore:
            assert isinstance(store, PgArticleStore)
            store.close()
            return PgArticleStore(pg_database(), retention_days=store.retention.days)

        return reopen


class TestPgFeedStateStore(FeedStateStoreContract):
    @pytest.fixture
    def make_feed_states(self, pg_database: Callable[[], Database]) -> MakeFeedStates:
        from storage.postgres.articles import PgFeedStateStore

        return lambda: PgFeedStateStore(pg_database())

    @pytest.fixture
    def reopen_feed_states(self, pg_database: Callable[[], Database]) -> ReopenFeedStates:
        from storage.postgres.articles import PgFeedStateStore

        def reopen(store: FeedStateStore) -> FeedStateStore:
            store.close()
            return PgFeedStateStore(pg_database())

        return reopen


# -- feed leases: one process in memory, and on PostgreSQL ------------------------------


class TestLocalLeases(FeedLeasesContract):
    @pytest.fixture
    def make_leases(self) -> MakeLeases:
        return LocalLeases


class TestPgFeedLeases(FeedLeasesContract):
    @pytest.fixture
    def make_leases(self, pg_database: Callable[[], Database]) -> MakeLeases:
        from storage.postgres.articles import PgFeedStateStore

        return lambda: PgFeedStateStore(pg_database())
