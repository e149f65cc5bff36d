"""The TinyDB chat store: chats and subscriptions in the main NEWSBOT_DB file.

Reads are served from in-memory indexes built at open (per chat and per id); each change
is written first, atomically and re-encoding only the documents it touches
(AtomicJSONStorage.apply), and applied in memory only once it is on disk.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from tinydb import TinyDB

from bot.errors import StorageError
from bot.models import utcnow
from storage.atomic import AtomicJSONStorage
from storage.memory import Changes, MemoryChatStore


class TinyChatStore(MemoryChatStore):
    """ChatStore on a TinyDB file (tables `chats`, `subscriptions`, `meta`).

    Opening an unreadable or malformed file raises StorageError naming the file: the
    store never starts empty over data it could not read. `fsync=False` is only for
    benchmarks' baselines; it gives up crash safety.
    """

    def __init__(
        self, path: Path, *, clock: Callable[[], datetime] = utcnow, fsync: bool = True
    ) -> None:
        super().__init__(clock=clock)
        self.path = Path(path)
        self._db = TinyDB(self.path, storage=AtomicJSONStorage, fsync=fsync)
        storage = self._db.storage
        assert isinstance(storage, AtomicJSONStorage)  # TinyDB built it from the class above
        self._storage = storage
        try:
            self._restore(self._storage.read() or {})
        except ValueError as exc:
            raise StorageError(f"{self.path}: {exc}") from exc
        # Pay for encoding every document now, at start-up, not in the first command.
        self._storage.encode_documents()

    def close(self) -> None:
        with self._lock:
            super().close()
            self._db.close()

    def _persist(self, changes: Changes) -> None:
        self._storage.apply(changes)
