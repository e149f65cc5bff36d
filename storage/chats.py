"""The TinyDB chat store: chats and subscriptions in the main NEWSBOT_DB file.

Reads are served from in-memory indexes built at open (per chat and per id); each change
is written first, atomically and re-encoding only the documents it touches
(AtomicJSONStorage.apply), and applied in memory only once it is on disk.
"""

from __future__ import annotations

import logging
import typing
from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from tinydb import TinyDB

from bot.errors import StorageError
from bot.models import utcnow
from storage.atomic import AtomicJSONStorage
from storage.codec import Codec
from storage.memory import (
    _CHATS,
    _SUBSCRIPTIONS,
    CHATS,
    SUBSCRIPTIONS,
    Changes,
    MemoryChatStore,
    Tables,
    _decoded,
)

log = logging.getLogger(__name__)


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
            self._restore(set_aside_malformed(self._storage.read() or {}, self.path))
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


def record_problem(codec: Codec, kind: str, key: str, doc: Any) -> str | None:
    """What is wrong with one stored chat or subscription, naming it and the field; None
    if it is sound. Times must be times: a number or null where a time belongs would load
    and later break every batch of alerts the subscription matches."""
    if not isinstance(doc, Mapping):
        return f"{kind} {key} is not an object"
    for name in sorted(codec.datetimes & doc.keys()):
        item = doc[name]
        optional = type(None) in typing.get_args(codec.hints[name])
        if item is None and optional:
            continue
        try:
            datetime.fromisoformat(item)
        except (TypeError, ValueError):
            return f"{kind} {key} is malformed: {name} should be a time, got {item!r}"
    try:
        _decoded(codec, kind, int(key), doc)
    except ValueError as exc:
        return str(exc)
    return None


def set_aside_malformed(tables: Tables, path: Path) -> Tables:
    """The tables without the chats and subscriptions that cannot be read, each logged with
    its field. They stay in the file (a write re-encodes only the documents it changes)
    for the operator; the others load and work."""
    kept: dict[str, Any] = dict(tables)
    for table, codec, kind in (
        (CHATS, _CHATS, "chat"),
        (SUBSCRIPTIONS, _SUBSCRIPTIONS, "subscription"),
    ):
        docs = tables.get(table)
        if not isinstance(docs, Mapping):
            continue  # not a table at all: the file is refused as a whole
        good: dict[str, Any] = {}
        for key, doc in docs.items():
            if not str(key).lstrip("-").isdigit():
                good[key] = doc  # a bad id: the file is refused as a whole
                continue
            problem = record_problem(codec, kind, key, doc)
            if problem is None:
                good[key] = doc
            else:
                log.warning("%s: %s; set aside (kept in the file, not loaded)", path, problem)
        kept[table] = good
    return kept
