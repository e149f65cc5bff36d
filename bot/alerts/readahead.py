"""What the sender reads from the stores before a dispatch, read in a thread.

On PostgreSQL every store read is a round trip (the unsent chats' list, a chat's row, a
chat's entries): made on the event loop, one dispatch waited tens of milliseconds and every
send in flight with it. The sender now reads ahead, off the loop, and dispatches from what
was read (bot.alerts.sender.Sender._dispatch_ahead):

- the unsent chats' list is kept in memory: read again when this process enqueued
  (Sender.wake) and at least every QUEUE_REFRESH seconds, which is how another instance's
  enqueues are seen; a chat found with nothing left is dropped from it at once;
- chats are cached: Sender.wake (the store's writers in this process call it after a
  change) forgets them all, and a cached chat is read again after CHAT_TTL seconds, so a
  change made by another instance (or another store object) is seen within CHAT_TTL
  seconds;
- a chat's entries, and the statuses of its planned message's keys, are read for the next
  READ_AHEAD chats that may be sent to now, just before the dispatch that uses them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from bot.models import Chat, OutboxEntry
from storage.base import ChatStore, OutboxStore

Key = tuple[int, str]

CHAT_TTL = 2.0  # seconds a cached chat is used before it is read again
QUEUE_REFRESH = 1.0  # seconds between reads of the unsent chats' list
READ_AHEAD = 16  # chats read ahead for one dispatch


@dataclass(slots=True)
class View:
    """What one dispatch may use: read just before it, for the chats it may send to."""

    read: set[int] = field(default_factory=set)  # the chats read for it
    chats: dict[int, tuple[float, Chat]] = field(default_factory=dict)  # read anew
    entries: dict[int, list[OutboxEntry]] = field(default_factory=dict)  # (not planned)
    statuses: dict[Key, str | None] = field(default_factory=dict)  # (planned heads' keys)


class ReadAhead:
    """The sender's memory of the queue and of chats, and its reads ahead (in a thread)."""

    def __init__(
        self, outbox: OutboxStore, chats: ChatStore, monotonic: Callable[[], float]
    ) -> None:
        self._outbox = outbox
        self._chats = chats
        self._monotonic = monotonic
        self.queue: list[int] = []
        self._queue_at = float("-inf")
        self._stale = True
        self._cache: dict[int, tuple[float, Chat]] = {}
        self.view: View | None = None  # during a dispatch from a read-ahead
        # Chats whose plan said "wait until" (a digest, quiet hours): not read again before
        # then (CHAT_TTL at most), unless a wake (new entries, changed settings) comes.
        self._later: dict[int, float] = {}

    def wait(self, chat_id: int, mono: float, seconds: float) -> float:
        """The chat's plan waits `seconds` (at least a millisecond): remembered while
        dispatching from a read-ahead. Returns the seconds."""
        seconds = max(seconds, 0.001)
        if self.view is not None:
            self._later[chat_id] = mono + min(seconds, CHAT_TTL)  # others' changes
        return seconds

    def later(self, chat_id: int, mono: float) -> float:
        """Seconds until a waiting chat is due (0: not waiting), when read ahead."""
        if self.view is None or (until := self._later.get(chat_id)) is None:
            return 0.0
        if until <= mono:
            del self._later[chat_id]
            return 0.0
        return until - mono

    def entries(self, chat_id: int) -> list[OutboxEntry]:
        """The chat's unsent entries: as read ahead, else read now."""
        if self.view is None:
            return self._outbox.unsent_for(chat_id)
        return self.view.entries[chat_id]

    def status(self, key: Key) -> str | None:
        """An entry's status: as read ahead (None: not read), else read now."""
        if self.view is None:
            return self._outbox.status(*key)
        return self.view.statuses.get(key)

    def invalidate(self) -> None:
        """New entries or a changed chat in this process: read both again next time."""
        self._stale = True
        self._cache.clear()
        self._later.clear()

    def forget(self, chat_id: int) -> None:
        self._cache.pop(chat_id, None)

    def queue_due(self, mono: float) -> bool:
        return self._stale or mono - self._queue_at >= QUEUE_REFRESH

    def read_queue(self) -> list[int]:
        """The unsent chats, oldest first (blocking: call it in a thread)."""
        return self._outbox.unsent_chats()

    def set_queue(self, queue: list[int], mono: float) -> None:
        self.queue, self._queue_at, self._stale = queue, mono, False
        # Chats no longer queued are not kept: the cache stays as small as the queue.
        if len(self._cache) > 2 * len(queue) + READ_AHEAD:
            queued = set(queue)
            self._cache = {k: v for k, v in self._cache.items() if k in queued}
            self._later = {k: v for k, v in self._later.items() if k in queued}

    def drop(self, chat_id: int) -> None:
        """Nothing is left for the chat: out of the queue until the next read of it."""
        if chat_id in self.queue:
            self.queue.remove(chat_id)

    def chat(self, chat_id: int, mono: float, *, fresh: bool = False) -> Chat | None:
        """The cached chat (any age, or only one read less than CHAT_TTL ago)."""
        cached = self._cache.get(chat_id)
        if cached is None or (fresh and mono - cached[0] >= CHAT_TTL):
            return None
        return cached[1]

    def pick(
        self,
        mono: float,
        waits: Callable[[int, float], bool],
        delayed: Callable[[Chat, float], bool],
    ) -> tuple[list[int], set[int]]:
        """The next READ_AHEAD queued chats that may be sent to now (not waiting, not
        paused or inactive, not held back by their own limit), and those of them whose
        cached chat is stale or missing (read again)."""
        picked: list[int] = []
        stale: set[int] = set()
        for chat_id in self.queue:
            if len(picked) >= READ_AHEAD:
                break
            if waits(chat_id, mono) or self._later.get(chat_id, mono) > mono:
                continue
            chat = self.chat(chat_id, mono, fresh=True)
            if chat is None:
                stale.add(chat_id)
            elif chat.paused or not chat.active:
                continue
            known = chat or self.chat(chat_id, mono)
            if known is not None and delayed(known, mono):
                stale.discard(chat_id)
                continue
            picked.append(chat_id)
        return picked, stale

    def read(
        self, picked: Sequence[int], stale: set[int], heads: dict[int, tuple[Key, ...]]
    ) -> View:
        """Read the picked chats (the stale ones: not cached recently), the entries of those without
        a plan and the statuses of the planned heads' keys (blocking: call it in a
        thread)."""
        view = View(read=set(picked))
        for chat_id in picked:
            if chat_id in stale:
                read_at = self._monotonic()
                view.chats[chat_id] = (read_at, self._chats.get_chat(chat_id) or Chat(id=chat_id))
            keys = heads.get(chat_id)
            if keys is None:
                view.entries[chat_id] = self._outbox.unsent_for(chat_id)
            else:
                for key in keys:
                    view.statuses[key] = self._outbox.status(*key)
        return view

    def remember(self, view: View) -> None:
        """Keep the chats a read-ahead read (on the loop, after it)."""
        self._cache.update(view.chats)
