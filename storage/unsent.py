"""The unsent entries of an outbox, kept in memory by both outbox stores: in order of
arrival and per chat, so the sender finds a chat's entries without regrouping the outbox.

The embedded stores keep an entry's "sending" (claimed by the sender) here only, never on
disk: one process uses the file, so an entry it had in flight when it died is pending
again after the restart, as a takeover's requeue would make it (storage/base.py).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import replace

from bot.models import UNFINISHED, UNSENT, HoldReason, OutboxEntry, OutboxStatus, UnsentSummary

Key = tuple[int, str]


class UnsentIndex:
    """Entries pending, held or sending, by key and by chat. Not thread-safe: the store's
    lock is."""

    def __init__(self) -> None:
        self._all: dict[Key, OutboxEntry] = {}
        self._by_chat: dict[int, dict[Key, OutboxEntry]] = {}

    def note(self, entry: OutboxEntry) -> None:
        """Keep the entry while it is unsent; one that was sent or given up leaves."""
        if entry.status in UNFINISHED:
            self._all[entry.key] = entry
            self._by_chat.setdefault(entry.chat_id, {})[entry.key] = entry
        else:
            self.drop(entry.key)

    def drop(self, key: Key) -> None:
        self._all.pop(key, None)
        chat = self._by_chat.get(key[0])
        if chat is not None:
            chat.pop(key, None)
            if not chat:
                del self._by_chat[key[0]]

    def sort(self) -> None:
        """Oldest first (by when each was queued), as `entries` and `of_chat` list them."""
        order = sorted(self._all.values(), key=lambda e: e.created)
        self._all, self._by_chat = {}, {}
        for entry in order:
            self.note(entry)

    def get(self, key: Key) -> OutboxEntry | None:
        return self._all.get(key)

    def __contains__(self, key: object) -> bool:
        return key in self._all

    def entries(self) -> list[OutboxEntry]:
        return list(self._all.values())

    def counts(self) -> tuple[int, int]:
        """(entries, chats they are for)."""
        return len(self._all), len(self._by_chat)

    def summary(self) -> UnsentSummary:
        """Counted by status (a pass over the unsent entries)."""
        counts = {status: 0 for status in UNFINISHED}
        oldest = None
        for entry in self._all.values():
            counts[entry.status] += 1
            if entry.status == OutboxStatus.PENDING and (oldest is None or entry.created < oldest):
                oldest = entry.created
        return UnsentSummary(
            pending=counts[OutboxStatus.PENDING],
            held=counts[OutboxStatus.HELD],
            sending=counts[OutboxStatus.SENDING],
            oldest_pending=oldest,
        )

    def chats(self) -> list[int]:
        return list(self._by_chat)

    def of_chat(self, chat_id: int) -> list[OutboxEntry]:
        return list(self._by_chat.get(chat_id, {}).values())

    def claim(self, keys: Sequence[Key]) -> list[Key]:
        """pending or held -> sending, for the keys still waiting; the keys claimed."""
        claimed = []
        for key in dict.fromkeys(keys):
            entry = self._all.get(key)
            if entry is not None and entry.status in UNSENT:
                self.note(replace(entry, status=OutboxStatus.SENDING))
                claimed.append(key)
        return claimed

    def release(self, keys: Sequence[Key]) -> list[OutboxEntry]:
        """sending -> pending (or held) again, for the keys still sending; those entries."""
        back = []
        for key in dict.fromkeys(keys):
            entry = self._all.get(key)
            if entry is not None and entry.status == OutboxStatus.SENDING:
                waiting = (
                    OutboxStatus.PENDING if entry.hold == HoldReason.NONE else OutboxStatus.HELD
                )
                back.append(replace(entry, status=waiting))
                self.note(back[-1])
        return back

    def sending(self) -> list[Key]:
        """The keys claimed and not yet marked."""
        return [k for k, e in self._all.items() if e.status == OutboxStatus.SENDING]


class UnsentViews:
    """The reads of the unsent queue that both embedded outboxes answer from their
    UnsentIndex, under the store's lock."""

    _lock: threading.RLock
    _unsent: UnsentIndex

    def unsent(self) -> list[OutboxEntry]:
        with self._lock:
            return self._unsent.entries()

    def unsent_chats(self) -> list[int]:
        with self._lock:
            return self._unsent.chats()

    def unsent_for(self, chat_id: int) -> list[OutboxEntry]:
        with self._lock:
            return self._unsent.of_chat(chat_id)

    def unsent_counts(self) -> tuple[int, int]:
        with self._lock:
            return self._unsent.counts()

    def unsent_summary(self) -> UnsentSummary:
        with self._lock:
            return self._unsent.summary()
