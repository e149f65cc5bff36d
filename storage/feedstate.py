"""The TinyDB feed-state store: per-feed caching headers and health, beside NEWSBOT_DB."""

from __future__ import annotations

import threading
from pathlib import Path

from tinydb import TinyDB

from bot.errors import StorageError
from bot.models import FeedState
from storage.atomic import AtomicJSONStorage
from storage.codec import Codec

TABLE = "feeds"
# Documents keyed by the feed's URL; the same codec as the chat store's documents.
_CODEC = Codec(FeedState, "url")


def feeds_path(db_path: Path) -> Path:
    """The feed-state file beside the main store file: data/newsbot.feeds.json."""
    return db_path.with_name(f"{db_path.stem}.feeds.json")


class TinyFeedStateStore:
    """FeedStateStore on a TinyDB file, keyed by feed URL. `fsync=False` only in tests."""

    def __init__(self, path: Path, *, fsync: bool = True) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self._db = TinyDB(self.path, storage=AtomicJSONStorage, fsync=fsync)
        storage = self._db.storage
        assert isinstance(storage, AtomicJSONStorage)  # TinyDB built it from the class above
        self._storage = storage
        try:
            docs = (self._storage.read() or {}).get(TABLE, {})
            self._states: dict[str, FeedState] = {
                url: _CODEC.value(url, doc) for url, doc in docs.items()
            }
        except (ValueError, TypeError, KeyError) as exc:
            raise StorageError(f"{self.path}: malformed feed state ({exc})") from exc

    def get(self, url: str) -> FeedState | None:
        return self._states.get(url)

    def save(self, state: FeedState) -> None:
        with self._lock:
            self._storage.apply({TABLE: {state.url: _CODEC.document(state)}})
            self._states[state.url] = state

    def all(self) -> list[FeedState]:
        return list(self._states.values())

    def close(self) -> None:
        with self._lock:
            self._db.close()
