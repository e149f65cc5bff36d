"""The durable outbox: alerts to deliver and alerts delivered, in a file beside the main db.

Keyed by (chat id, story id), so enqueueing a known key is a no-op: one alert per chat per
story, whichever feed or racing poll brings it and across restarts. Each batch is one
atomic write (AtomicJSONStorage.apply); memory changes only after the write succeeded.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bot.errors import StorageError
from bot.models import (
    STATUSES,
    UNFINISHED,
    Hit,
    HoldReason,
    OutboxEntry,
    OutboxStatus,
    Story,
    format_utc,
    parse_utc,
)
from storage.atomic import AtomicJSONStorage
from storage.unsent import UnsentIndex, UnsentViews

TABLE = "outbox"
Key = tuple[int, str]


def outbox_path(db_path: Path) -> Path:
    """The outbox file beside the main NEWSBOT_DB file (never the main file itself)."""
    return db_path.with_name(f"{db_path.stem}.outbox{db_path.suffix or '.json'}")


def _doc_id(key: Key) -> str:
    return f"{key[0]}:{key[1]}"


def _time(value: datetime | None) -> str | None:
    return format_utc(value) if value is not None else None


def _parse_time(value: Any) -> datetime | None:
    return parse_utc(str(value)) if value else None


def entry_to_json(entry: OutboxEntry) -> dict[str, Any]:
    """The stored form; a sent, failed or withdrawn entry keeps only what de-duplication needs."""
    doc: dict[str, Any] = {
        "chat_id": entry.chat_id,
        "story_id": entry.story.id,
        "status": entry.status,
        "created": _time(entry.created),
    }
    if entry.status not in UNFINISHED:
        doc["sent"] = _time(entry.sent)
        return doc
    story = entry.story
    doc["hold"] = entry.hold
    if entry.thread_id is not None:
        doc["thread_id"] = entry.thread_id
    doc["story"] = {
        "article_id": story.article_id,
        "title": story.title,
        "url": story.url,
        "summary": story.summary,
        "source": story.source,
        "published": _time(story.published),
        "seen": _time(story.seen),
    }
    doc["hits"] = [
        {"subscription_id": h.subscription_id, "query": h.query, "terms": list(h.terms)}
        for h in entry.hits
    ]
    return doc


def entry_from_json(doc: dict[str, Any]) -> OutboxEntry:
    """Inverse of entry_to_json (a sent entry comes back without its story's text)."""
    raw = doc.get("story") or {}
    created = _parse_time(doc["created"]) or datetime.now(UTC)
    story = Story(
        id=str(doc["story_id"]),
        article_id=str(raw.get("article_id", doc["story_id"])),
        title=str(raw.get("title", "")),
        url=str(raw.get("url", "")),
        summary=str(raw.get("summary", "")),
        source=str(raw.get("source", "")),
        published=_parse_time(raw.get("published")),
        seen=_parse_time(raw.get("seen")) or created,
    )
    hits = tuple(
        Hit(int(h["subscription_id"]), str(h["query"]), tuple(str(t) for t in h["terms"]))
        for h in doc.get("hits", ())
    )
    return OutboxEntry(
        chat_id=int(doc["chat_id"]),
        story=story,
        hits=hits,
        created=created,
        status=OutboxStatus(str(doc.get("status", "pending"))),
        hold=HoldReason(str(doc.get("hold", ""))),
        sent=_parse_time(doc.get("sent")),
        thread_id=int(doc["thread_id"]) if doc.get("thread_id") is not None else None,
    )


class JsonOutbox(UnsentViews):
    """OutboxStore on an atomic JSON file (TinyDB's layout), or in memory when path is None.

    Reads come from memory. Unsent entries are indexed apart from the (many more) sent
    keys, so the sender's frequent `unsent()` costs only what is waiting.
    """

    def __init__(self, path: Path | None, *, fsync: bool = True) -> None:
        self.path = path
        self._lock = threading.RLock()
        self._storage = AtomicJSONStorage(path, fsync=fsync) if path is not None else None
        self._entries: dict[Key, OutboxEntry] = {}
        self._unsent = UnsentIndex()
        if self._storage is not None:
            tables = self._storage.read() or {}
            try:
                for doc in tables.get(TABLE, {}).values():
                    entry = entry_from_json(doc)
                    self._remember(entry)
            except (KeyError, TypeError, ValueError) as exc:
                raise StorageError(f"{path}: malformed outbox entry ({exc})") from exc
            self._storage.encode_documents()
        self._unsent.sort()

    def _remember(self, entry: OutboxEntry) -> None:
        self._entries[entry.key] = entry
        self._unsent.note(entry)

    def _write(self, changes: dict[str, dict[str, Any] | None]) -> None:
        if self._storage is not None and changes:
            self._storage.apply({TABLE: changes})

    def enqueue(self, entries: Sequence[OutboxEntry]) -> list[OutboxEntry]:
        with self._lock:
            fresh: dict[Key, OutboxEntry] = {}
            for entry in entries:
                if entry.key in self._entries:
                    continue  # already queued or sent: exactly once per chat per story
                known = fresh.get(entry.key)
                fresh[entry.key] = known.merged(entry) if known else entry
            self._write({_doc_id(k): entry_to_json(e) for k, e in fresh.items()})
            for entry in fresh.values():
                self._remember(entry)
            return list(fresh.values())

    def status(self, chat_id: int, story_id: str) -> str | None:
        with self._lock:
            entry = self._unsent.get((chat_id, story_id)) or self._entries.get((chat_id, story_id))
            return entry.status if entry else None

    def __len__(self) -> int:
        return len(self._entries)

    def mark(self, keys: Sequence[Key], *, status: str, at: datetime) -> None:
        if status not in STATUSES:
            raise ValueError(f"unknown outbox status {status!r}")
        new_status = OutboxStatus(status)
        with self._lock:
            updated = [
                replace(self._entries[k], status=new_status, sent=at)
                for k in dict.fromkeys(keys)
                if k in self._unsent  # only unfinished entries change
            ]
            self._write({_doc_id(e.key): entry_to_json(e) for e in updated})
            for entry in updated:
                self._remember(entry)

    def claim(self, keys: Sequence[Key]) -> list[Key]:
        with self._lock:  # in memory only (storage/unsent.py)
            return self._unsent.claim(keys)

    def release(self, keys: Sequence[Key]) -> None:
        with self._lock:
            self._unsent.release(keys)

    def requeue_sending(self) -> int:
        with self._lock:
            return len(self._unsent.release(self._unsent.sending()))

    def withdraw(self, chat_id: int, subscription_id: int, *, at: datetime) -> list[OutboxEntry]:
        with self._lock:
            changed = [
                after
                for entry in self._unsent.of_chat(chat_id)
                if (after := entry.without(subscription_id, at)) is not entry
            ]
            self._write({_doc_id(e.key): entry_to_json(e) for e in changed})
            for entry in changed:
                self._remember(entry)
            return changed

    def migrate_chat(self, old_id: int, new_id: int) -> None:
        with self._lock:
            moving = [e for e in self._entries.values() if e.chat_id == old_id]
            changes: dict[str, dict[str, Any] | None] = {}
            moved: list[OutboxEntry] = []
            for entry in moving:
                changes[_doc_id(entry.key)] = None
                target = replace(entry, chat_id=new_id)
                if target.key in self._entries:
                    continue  # the new id already has this story: keep that one
                changes[_doc_id(target.key)] = entry_to_json(target)
                moved.append(target)
            self._write(changes)
            for entry in moving:
                self._entries.pop(entry.key, None)
                self._unsent.drop(entry.key)
            for entry in moved:
                self._remember(entry)

    def delete_chat(self, chat_id: int) -> None:
        with self._lock:
            gone = [k for k in self._entries if k[0] == chat_id]
            self._forget(gone)

    def prune(self, before: datetime) -> int:
        with self._lock:
            gone = [k for k, e in self._entries.items() if (e.sent or e.created) < before]
            self._forget(gone)
            return len(gone)

    def _forget(self, keys: list[Key]) -> None:
        self._write({_doc_id(k): None for k in keys})
        for key in keys:
            self._entries.pop(key, None)
            self._unsent.drop(key)

    def close(self) -> None:
        with self._lock:
            if self._storage is not None:
                self._storage.close()
