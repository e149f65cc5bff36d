"""The chat store's model in memory: indexes, rules, and the documents each change writes.

`MemoryChatStore` is that model alone (no disk), for fast tests of other parts.
`TinyChatStore` (storage/chats.py) makes it durable: each change is persisted first and
applied in memory only once it is on disk, so both keep exactly the same contract.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from typing import Any

from bot.errors import StorageError
from bot.models import Chat, Subscription, utcnow
from storage.base import (
    ChatUpdate,
    CheckedAdd,
    FeedAdd,
    refused_feed,
    refused_subscription,
    without_feed,
)
from storage.codec import Codec

# Table names in the store's TinyDB file (documents keyed by chat id / subscription id).
CHATS = "chats"
SUBSCRIPTIONS = "subscriptions"
META = "meta"  # one document holding the subscription id counter
META_ID = "1"
NEXT_ID = "next_subscription_id"

# table -> document id -> new document, or None to delete it (as AtomicJSONStorage.apply).
Changes = dict[str, dict[str, dict[str, Any] | None]]
Tables = Mapping[str, Mapping[str, Mapping[str, Any]]]


_CHATS = Codec(Chat, "id")
_SUBSCRIPTIONS = Codec(Subscription, "id")


def chat_document(chat: Chat) -> dict[str, Any]:
    """The chat as stored (its id is the document's key)."""
    return _CHATS.document(chat)


def subscription_document(subscription: Subscription) -> dict[str, Any]:
    """The subscription as stored (its id is the document's key)."""
    return _SUBSCRIPTIONS.document(subscription)


def store_tables(
    chats: Iterable[Chat], subscriptions: Iterable[Subscription], next_id: int
) -> Changes:
    """Whole tables for the given chats and subscriptions (to build a store file in bulk)."""
    return {
        CHATS: {str(c.id): chat_document(c) for c in chats},
        SUBSCRIPTIONS: {str(s.id): subscription_document(s) for s in subscriptions},
        META: {META_ID: {NEXT_ID: next_id}},
    }


class MemoryChatStore:
    """ChatStore in memory. Thread-safe; each change is all-or-nothing.

    A subscription added to a chat the store does not know also stores that chat, with
    default settings, so every subscription belongs to a stored chat. Ids are never reused.
    """

    def __init__(self, *, clock: Callable[[], datetime] = utcnow) -> None:
        self._clock = clock
        self._lock = threading.RLock()
        self._closed = False
        self._chats: dict[int, Chat] = {}
        self._subs: dict[int, Subscription] = {}  # ascending ids: the oldest first
        self._by_chat: dict[int, dict[int, Subscription]] = {}  # non-empty, ascending ids
        self._next_id = 1

    # -- chats --------------------------------------------------------------------------

    def get_chat(self, chat_id: int) -> Chat | None:
        with self._lock:
            self._check_open()
            return self._chats.get(chat_id)

    def save_chat(self, chat: Chat) -> None:
        with self._lock:
            self._check_open()
            doc = chat_document(chat)
            self._persist({CHATS: {str(chat.id): doc}})
            self._chats[chat.id] = _CHATS.value(chat.id, doc)

    def update_chat(self, chat_id: int, change: Callable[[Chat | None], Chat | None]) -> ChatUpdate:
        with self._lock:
            self._check_open()
            before = self._chats.get(chat_id)
            after = change(before)
            if after is None or after == before:
                return ChatUpdate(before, before)
            if after.id != chat_id:
                raise ValueError(f"a change of chat {chat_id} returned chat {after.id}")
            self.save_chat(after)
            return ChatUpdate(before, self._chats[chat_id])

    def chats(self) -> list[Chat]:
        with self._lock:
            self._check_open()
            return list(self._chats.values())

    def delete_chat(self, chat_id: int) -> None:
        with self._lock:
            self._check_open()
            subs = self._by_chat.get(chat_id, {})
            if chat_id not in self._chats and not subs:
                return
            changes: Changes = {CHATS: {str(chat_id): None}}
            changes[SUBSCRIPTIONS] = {str(sub_id): None for sub_id in subs}
            self._persist(changes)
            self._chats.pop(chat_id, None)
            for sub_id in self._by_chat.pop(chat_id, {}):
                del self._subs[sub_id]

    def migrate_chat(self, old_id: int, new_id: int) -> None:
        """Move the chat and its subscriptions to `new_id`.

        If `new_id` is already stored (someone wrote in the new supergroup first), the old
        chat's settings win, and an old subscription whose query the new chat already
        has is dropped rather than duplicated.
        """
        with self._lock:
            self._check_open()
            old_chat = self._chats.get(old_id)
            old_subs = self._by_chat.get(old_id, {})
            if old_id == new_id or (old_chat is None and not old_subs):
                return
            kept = self._by_chat.get(new_id, {})
            kept_queries = {s.query for s in kept.values()}
            moved = [
                dataclasses.replace(s, chat_id=new_id)
                for s in old_subs.values()
                if s.query not in kept_queries
            ]
            dropped = [s.id for s in old_subs.values() if s.query in kept_queries]
            new_chat = self._chats.get(new_id)
            if old_chat is not None:
                new_chat = dataclasses.replace(old_chat, id=new_id)
            elif new_chat is None:
                new_chat = Chat(id=new_id, created=self._clock())
            changes: Changes = {CHATS: {str(old_id): None, str(new_id): chat_document(new_chat)}}
            changes[SUBSCRIPTIONS] = {str(s.id): subscription_document(s) for s in moved}
            changes[SUBSCRIPTIONS].update({str(sub_id): None for sub_id in dropped})
            self._persist(changes)
            self._chats.pop(old_id, None)
            self._chats[new_id] = new_chat
            self._by_chat.pop(old_id, None)
            for sub_id in dropped:
                del self._subs[sub_id]
            for sub in moved:
                self._subs[sub.id] = sub
            merged = sorted([*kept.values(), *moved], key=lambda s: s.id)
            if merged:
                self._by_chat[new_id] = {s.id: s for s in merged}

    # -- subscriptions ------------------------------------------------------------------

    def add_subscription(
        self, chat_id: int, query: str, thread_id: int | None = None
    ) -> Subscription:
        with self._lock:
            self._check_open()
            if not query.strip():
                raise ValueError("a subscription needs a non-empty query")
            sub_id = self._next_id
            doc = subscription_document(
                Subscription(
                    id=sub_id,
                    chat_id=chat_id,
                    query=query,
                    created=self._clock(),
                    thread_id=thread_id,
                )
            )
            sub: Subscription = _SUBSCRIPTIONS.value(sub_id, doc)
            changes: Changes = {
                SUBSCRIPTIONS: {str(sub_id): doc},
                META: {META_ID: {NEXT_ID: sub_id + 1}},
            }
            chat = None
            if chat_id not in self._chats:
                chat = Chat(id=chat_id, created=sub.created)
                changes[CHATS] = {str(chat_id): chat_document(chat)}
            self._persist(changes)
            self._next_id = sub_id + 1
            if chat is not None:
                self._chats[chat_id] = chat
            self._subs[sub_id] = sub
            self._by_chat.setdefault(chat_id, {})[sub_id] = sub
            return sub

    def add_subscription_checked(
        self,
        chat_id: int,
        query: str,
        *,
        limit: int,
        same: Callable[[str], bool],
        thread_id: int | None = None,
    ) -> CheckedAdd:
        # One process per store: its lock makes the check and the write one step.
        with self._lock:
            current = self.subscriptions(chat_id)
            refused = refused_subscription(current, limit, same)
            if refused is not None:
                return refused
            added = self.add_subscription(chat_id, query, thread_id)
            return CheckedAdd("added", added, len(current) + 1)

    def add_chat_feed(self, chat_id: int, url: str, *, limit: int, total: int) -> FeedAdd:
        with self._lock:
            self._check_open()
            chat = self._chats.get(chat_id) or Chat(id=chat_id, created=self._clock())
            refused = refused_feed(chat, url, limit)
            if refused is not None:
                return refused
            everyone = {u for c in self._chats.values() for u in c.feeds}
            if url not in everyone and len(everyone) >= total:
                return FeedAdd("all_full", 0)
            self.save_chat(dataclasses.replace(chat, feeds=(*chat.feeds, url)))
            return FeedAdd("added", len(chat.feeds) + 1)

    def remove_chat_feed(self, chat_id: int, url: str) -> Chat | None:
        with self._lock:
            self._check_open()
            chat = self._chats.get(chat_id)
            changed = None if chat is None else without_feed(chat, url)
            if changed is None:
                return None
            self.save_chat(changed)
            return self._chats[chat_id]

    def remove_subscription(self, chat_id: int, subscription_id: int) -> Subscription | None:
        with self._lock:
            self._check_open()
            sub = self._by_chat.get(chat_id, {}).get(subscription_id)
            if sub is None:
                return None
            self._persist({SUBSCRIPTIONS: {str(sub.id): None}})
            del self._subs[sub.id]
            del self._by_chat[chat_id][sub.id]
            if not self._by_chat[chat_id]:
                del self._by_chat[chat_id]
            return sub

    def set_muted(self, chat_id: int, subscription_id: int, muted: bool) -> Subscription | None:
        with self._lock:
            self._check_open()
            sub = self._by_chat.get(chat_id, {}).get(subscription_id)
            if sub is None or sub.muted == muted:
                return sub
            sub = dataclasses.replace(sub, muted=muted)
            self._persist({SUBSCRIPTIONS: {str(sub.id): subscription_document(sub)}})
            self._subs[sub.id] = sub
            self._by_chat[chat_id][sub.id] = sub
            return sub

    def subscriptions(self, chat_id: int) -> list[Subscription]:
        with self._lock:
            self._check_open()
            return list(self._by_chat.get(chat_id, {}).values())

    def all_subscriptions(self) -> list[Subscription]:
        with self._lock:
            self._check_open()
            return list(self._subs.values())

    def subscriptions_by_id(self, ids: Iterable[int]) -> dict[int, Subscription]:
        with self._lock:
            self._check_open()
            subs = self._subs
            return {i: sub for i in ids if (sub := subs.get(i)) is not None}

    def close(self) -> None:
        with self._lock:
            self._closed = True

    # -- for the durable subclass -------------------------------------------------------

    def _persist(self, changes: Changes) -> None:
        """Make `changes` durable before they are applied in memory; raise if that fails."""

    def _restore(self, tables: Tables) -> None:
        """Fill the empty store from stored tables; ValueError names a malformed document."""
        for key, doc in tables.get(CHATS, {}).items():
            chat_id = _document_id("chat", key)
            self._chats[chat_id] = _decoded(_CHATS, "chat", chat_id, doc)
        subs: list[Subscription] = []
        for key, doc in tables.get(SUBSCRIPTIONS, {}).items():
            sub_id = _document_id("subscription", key)
            subs.append(_decoded(_SUBSCRIPTIONS, "subscription", sub_id, doc))
        subs.sort(key=lambda s: s.id)
        for sub in subs:
            self._subs[sub.id] = sub
            self._by_chat.setdefault(sub.chat_id, {})[sub.id] = sub
        counter = tables.get(META, {}).get(META_ID, {}).get(NEXT_ID, 1)
        if not isinstance(counter, int):
            raise ValueError(f"{NEXT_ID} should be int, got {counter!r}")
        # The counter is written with every new subscription; max() guards a hand-edited file.
        self._next_id = max(counter, subs[-1].id + 1 if subs else 1)

    def _check_open(self) -> None:
        if self._closed:
            raise StorageError("the chat store is closed")


def _document_id(kind: str, key: str) -> int:
    try:
        return int(key)
    except ValueError:
        raise ValueError(f"{kind} id {key!r} is not a number") from None


def _decoded(codec: Codec, kind: str, key: int, doc: Mapping[str, Any]) -> Any:
    try:
        return codec.value(key, doc)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{kind} {key} is malformed: {exc}") from None
