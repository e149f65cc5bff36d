"""The TinyDB feed-state store: per-feed caching headers and health, beside NEWSBOT_DB."""

from __future__ import annotations

import threading
from datetime import datetime
from pathlib import Path
from typing import Any

from tinydb import TinyDB

from bot.errors import StorageError
from bot.models import FeedState
from storage.atomic import AtomicJSONStorage

TABLE = "feeds"
_TIMES = ("last_polled", "last_success", "last_error_at", "next_poll")


def feeds_path(db_path: Path) -> Path:
    """The feed-state file beside the main store file: data/newsbot.feeds.json."""
    return db_path.with_name(f"{db_path.stem}.feeds.json")


def _to_doc(state: FeedState) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "url": state.url,
        "etag": state.etag,
        "last_modified": state.last_modified,
        "last_error": state.last_error,
        "failures": state.failures,
        "title": state.title,
        "listed": list(state.listed),
    }
    for name in _TIMES:
        when: datetime | None = getattr(state, name)
        doc[name] = when.isoformat() if when else None
    return doc


def _from_doc(doc: dict[str, Any]) -> FeedState:
    times = {n: datetime.fromisoformat(doc[n]) if doc.get(n) else None for n in _TIMES}
    return FeedState(
        url=str(doc["url"]),
        etag=str(doc.get("etag") or ""),
        last_modified=str(doc.get("last_modified") or ""),
        last_error=str(doc.get("last_error") or ""),
        failures=int(doc.get("failures") or 0),
        title=str(doc.get("title") or ""),
        listed=tuple(str(i) for i in doc.get("listed") or ()),
        **times,
    )


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
            self._states = {s.url: s for s in (_from_doc(d) for d in docs.values())}
        except (ValueError, TypeError, KeyError) as exc:
            raise StorageError(f"{self.path}: malformed feed state ({exc})") from exc

    def get(self, url: str) -> FeedState | None:
        return self._states.get(url)

    def save(self, state: FeedState) -> None:
        with self._lock:
            self._storage.apply({TABLE: {state.url: _to_doc(state)}})
            self._states[state.url] = state

    def all(self) -> list[FeedState]:
        return list(self._states.values())

    def close(self) -> None:
        with self._lock:
            self._db.close()
