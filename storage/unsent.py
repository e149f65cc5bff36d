"""The unsent entries of an outbox, kept in memory by both outbox stores: in order of
arrival and per chat, so the sender finds a chat's entries without regrouping the outbox."""

from __future__ import annotations

from bot.models import UNSENT, OutboxEntry

Key = tuple[int, str]


class UnsentIndex:
    """Entries pending or held, by key and by chat. Not thread-safe: the store's lock is."""

    def __init__(self) -> None:
        self._all: dict[Key, OutboxEntry] = {}
        self._by_chat: dict[int, dict[Key, OutboxEntry]] = {}

    def note(self, entry: OutboxEntry) -> None:
        """Keep the entry while it is unsent; one that was sent or given up leaves."""
        if entry.status in UNSENT:
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

    def chats(self) -> list[int]:
        return list(self._by_chat)

    def of_chat(self, chat_id: int) -> list[OutboxEntry]:
        return list(self._by_chat.get(chat_id, {}).values())
