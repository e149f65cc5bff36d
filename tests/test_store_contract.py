"""Runs the ChatStore contract over every implementation: in memory, TinyDB, PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest

from storage.base import ChatStore
from storage.chats import TinyChatStore
from storage.memory import MemoryChatStore
from tests.store_contract import ChatStoreContract, MakeStore, Reopen


class TestMemoryChatStore(ChatStoreContract):
    @pytest.fixture
    def make_store(self) -> MakeStore:
        return lambda clock: MemoryChatStore(clock=clock)

    @pytest.fixture
    def reopen(self) -> Reopen:
        return lambda store: store  # nothing outlives the process: the same object


class TestTinyChatStore(ChatStoreContract):
    @pytest.fixture
    def make_store(self, tmp_path: Path) -> Iterator[MakeStore]:
        opened: list[ChatStore] = []

        def make(clock: Callable[[], datetime]) -> ChatStore:
            store = TinyChatStore(tmp_path / "data" / "newsbot.json", clock=clock)
            opened.append(store)
            return store

        yield make
        for store in opened:
            store.close()

    @pytest.fixture
    def reopen(self, tmp_path: Path) -> Reopen:
        """Close the store and open its file afresh: only what reached the disk remains."""

        def reopen(store: ChatStore) -> ChatStore:
            assert isinstance(store, TinyChatStore)
            store.close()
            return TinyChatStore(store.path)

        return reopen


class TestPgChatStore(ChatStoreContract):
    @pytest.fixture
    def make_store(self, pg_url: str) -> Iterator[MakeStore]:
        from storage.postgres.chats import PgChatStore
        from storage.postgres.pool import Database

        opened: list[ChatStore] = []

        def make(clock: Callable[[], datetime]) -> ChatStore:
            store = PgChatStore(Database(pg_url, max_size=4), clock=clock)
            opened.append(store)
            return store

        yield make
        for store in opened:
            store.close()

    @pytest.fixture
    def reopen(self, pg_url: str) -> Reopen:
        """Close the store (and its pool) and connect afresh: only what was committed remains."""
        from storage.postgres.chats import PgChatStore
        from storage.postgres.pool import Database

        def reopen(store: ChatStore) -> ChatStore:
            store.close()
            return PgChatStore(Database(pg_url, max_size=4))

        return reopen
