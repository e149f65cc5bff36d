"""The durable outbox on SQLite (the standard library's sqlite3): a mark costs the rows it
changes, not a rewrite of the whole outbox, however many sent keys a week leaves behind.

One row per (chat id, story id), the primary key, so enqueueing a known key is a no-op.
Unsent entries are also kept in memory (indexed per chat) for the sender; sent, failed and
withdrawn rows live only on disk, with their story text dropped. WAL with synchronous=FULL:
each change is one transaction that is on disk when the method returns (a mark lost to a
power cut would repeat an alert). A JSON outbox of an earlier version is imported once at
first open and renamed *.migrated.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
from collections.abc import Iterable, Sequence
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
)
from storage.outbox import entry_from_json, outbox_path
from storage.unsent import UnsentIndex, UnsentViews

log = logging.getLogger(__name__)

Key = tuple[int, str]
MAX_LOGGED = 20  # bad rows named one by one at open; beyond that, only counted

_SCHEMA = """
CREATE TABLE IF NOT EXISTS outbox (
    chat_id  INTEGER NOT NULL,
    story_id TEXT    NOT NULL,
    status   TEXT    NOT NULL,
    created  INTEGER NOT NULL,          -- microseconds since the epoch, UTC
    sent     INTEGER,                   -- when sent, failed or withdrawn
    hold     TEXT    NOT NULL DEFAULT '',
    body     TEXT,                      -- JSON story and hits while unsent, else NULL
    PRIMARY KEY (chat_id, story_id)     -- also the index for a chat's rows
);
CREATE INDEX IF NOT EXISTS outbox_status ON outbox (status);
CREATE INDEX IF NOT EXISTS outbox_done ON outbox (COALESCE(sent, created));  -- for prune
"""
# Prune deletes this many rows per transaction and lets go of the lock in between: a
# week's worth (~150,000 rows of a million) takes seconds, and the event loop's reads
# (the sender's dispatch) must not wait that long; a chunk holds the lock ~0.1 s.
PRUNE_CHUNK = 1000
_PRUNE_SQL = (
    "DELETE FROM outbox WHERE rowid IN (SELECT rowid FROM outbox "
    "WHERE COALESCE(sent, created) < ? LIMIT ?)"
)
_UNSENT_SQL = ", ".join(f"'{s.value}'" for s in UNFINISHED)  # what is kept in memory
_COLUMNS = "chat_id, story_id, status, created, sent, hold, body"


def sqlite_outbox_path(db_path: Path) -> Path:
    """The outbox file beside the main NEWSBOT_DB file: e.g. newsbot.outbox.sqlite3."""
    return db_path.with_name(f"{db_path.stem}.outbox.sqlite3")


def _micros(when: datetime) -> int:
    if when.tzinfo is None:
        raise ValueError("naive datetime")
    return round(when.timestamp() * 1_000_000)


def _from_micros(value: int) -> datetime:
    return datetime.fromtimestamp(value / 1_000_000, UTC)


def _time(value: datetime | None) -> str | None:
    return value.astimezone(UTC).isoformat() if value is not None else None


def _body(entry: OutboxEntry) -> str | None:
    if entry.status not in UNFINISHED:
        return None
    story = entry.story
    doc: dict[str, Any] = {
        "story": {
            "article_id": story.article_id,
            "title": story.title,
            "url": story.url,
            "summary": story.summary,
            "source": story.source,
            "published": _time(story.published),
            "seen": _time(story.seen),
        },
        "hits": [[h.subscription_id, h.query, list(h.terms)] for h in entry.hits],
    }
    if entry.thread_id is not None:  # the forum topic it goes to
        doc["thread_id"] = entry.thread_id
    return json.dumps(doc, ensure_ascii=False)


def _row(entry: OutboxEntry) -> tuple[Any, ...]:
    return (
        entry.chat_id,
        entry.story.id,
        OutboxStatus(entry.status).value,
        _micros(entry.created),
        _micros(entry.sent) if entry.sent is not None else None,
        entry.hold,
        _body(entry),
    )


def _field(name: str, value: Any, kind: type | tuple[type, ...]) -> Any:
    if not isinstance(value, kind) or isinstance(value, bool):
        raise ValueError(f"field {name!r} is {value!r}")
    return value


def _parse_time(name: str, value: Any) -> datetime | None:
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(_field(name, value, str))
    except ValueError:
        raise ValueError(f"field {name!r} is {value!r}, not a time") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _hold(value: Any) -> HoldReason:
    try:
        return HoldReason(value or "")
    except ValueError:
        raise ValueError(f"field 'hold' is {value!r}") from None


def entry_from_row(row: Sequence[Any]) -> OutboxEntry:
    """The entry of a row; ValueError naming the field when the row is malformed."""
    chat_id, story_id, status, created, sent, hold, body = row
    _field("chat_id", chat_id, int)
    _field("story_id", story_id, str)
    if status not in STATUSES:
        raise ValueError(f"field 'status' is {status!r}")
    created_at = _from_micros(_field("created", created, int))
    sent_at = _from_micros(_field("sent", sent, int)) if sent is not None else None
    raw: dict[str, Any] = {}
    hits: tuple[Hit, ...] = ()
    thread_id: int | None = None
    if status in UNFINISHED:
        try:
            doc = json.loads(_field("body", body, str))
            raw = _field("body.story", doc["story"], dict)
            if doc.get("thread_id") is not None:
                thread_id = _field("body.thread_id", doc["thread_id"], int)
            hits = tuple(
                Hit(
                    _field("hits.subscription_id", h[0], int),
                    _field("hits.query", h[1], str),
                    tuple(_field("hits.terms", t, str) for t in h[2]),
                )
                for h in _field("body.hits", doc["hits"], list)
            )
        except (KeyError, IndexError, TypeError, json.JSONDecodeError) as exc:
            raise ValueError(f"field 'body' is malformed ({exc!r})") from None
    story = Story(
        id=story_id,
        article_id=str(raw.get("article_id", story_id)),
        title=str(raw.get("title", "")),
        url=str(raw.get("url", "")),
        summary=str(raw.get("summary", "")),
        source=str(raw.get("source", "")),
        published=_parse_time("body.story.published", raw.get("published")),
        seen=_parse_time("body.story.seen", raw.get("seen")) or created_at,
    )
    return OutboxEntry(
        chat_id=chat_id,
        story=story,
        hits=hits,
        created=created_at,
        status=OutboxStatus(status),
        hold=_hold(hold),
        sent=sent_at,
        thread_id=thread_id,
    )


class SqliteOutbox(UnsentViews):
    """OutboxStore on a SQLite file (or in memory when path is None)."""

    def __init__(self, path: Path | None, *, fsync: bool = True) -> None:
        self.path = path
        self._lock = threading.RLock()
        self._unsent = UnsentIndex()
        self.set_aside: list[tuple[Key, str]] = []  # malformed rows left on disk, not loaded
        try:
            if path is not None:
                path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(
                ":memory:" if path is None else str(path),
                isolation_level=None,  # transactions are explicit: BEGIN IMMEDIATE ... COMMIT
                check_same_thread=False,  # every use holds self._lock
            )
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute(f"PRAGMA synchronous={'FULL' if fsync else 'OFF'}")
            self._db.executescript(_SCHEMA)
            self._load()
        except sqlite3.Error as exc:
            raise StorageError(f"{path}: cannot open the outbox ({exc})") from exc

    # -- opening ------------------------------------------------------------------------------

    def _load(self) -> None:
        bad = self._db.execute(
            "SELECT chat_id, story_id, status FROM outbox WHERE status NOT IN "
            f"({', '.join(repr(s.value) for s in STATUSES)})"
        ).fetchall()
        for chat_id, story_id, status in bad:
            self._set_aside((chat_id, story_id), f"field 'status' is {status!r}")
        rows = self._db.execute(
            f"SELECT {_COLUMNS} FROM outbox WHERE status IN ({_UNSENT_SQL}) ORDER BY created, rowid"
        )
        for row in rows:
            try:
                entry = entry_from_row(row)
            except ValueError as exc:
                self._set_aside((row[0], row[1]), str(exc))
                continue
            self._remember(entry)
        if len(self.set_aside) > MAX_LOGGED:
            log.warning(
                "%s: %d more malformed outbox entries set aside",
                self.path,
                len(self.set_aside) - MAX_LOGGED,
            )

    def _set_aside(self, key: Key, problem: str) -> None:
        self.set_aside.append((key, problem))
        if len(self.set_aside) <= MAX_LOGGED:
            log.warning(
                "%s: outbox entry (chat %s, story %s): %s; set aside (kept in the file, not sent)",
                self.path,
                key[0],
                key[1],
                problem,
            )

    def import_entries(self, entries: Iterable[OutboxEntry]) -> int:
        """Store entries of an older outbox as they are (any status); how many were new."""
        with self._lock, self._transaction():
            added = []
            for entry in entries:
                if self._insert(entry):
                    added.append(entry)
        for entry in added:
            if entry.status in UNFINISHED:
                self._remember(entry)
        self._unsent.sort()
        return len(added)

    # -- memory ---------------------------------------------------------------------------

    def _remember(self, entry: OutboxEntry) -> None:
        self._unsent.note(entry)

    def _forget(self, key: Key) -> None:
        self._unsent.drop(key)

    # -- writing --------------------------------------------------------------------------

    def _transaction(self) -> _Transaction:
        return _Transaction(self._db, self.path)

    def _insert(self, entry: OutboxEntry) -> bool:
        cursor = self._db.execute(
            f"INSERT OR IGNORE INTO outbox ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)",
            _row(entry),
        )
        return cursor.rowcount == 1

    def _update(self, entries: Sequence[OutboxEntry]) -> None:
        self._db.executemany(
            "UPDATE outbox SET status = ?, sent = ?, hold = ?, body = ? "
            "WHERE chat_id = ? AND story_id = ?",
            [(r[2], r[4], r[5], r[6], r[0], r[1]) for r in (_row(e) for e in entries)],
        )

    # -- OutboxStore ----------------------------------------------------------------------

    def enqueue(self, entries: Sequence[OutboxEntry]) -> list[OutboxEntry]:
        with self._lock:
            fresh: dict[Key, OutboxEntry] = {}
            for entry in entries:
                if entry.key in self._unsent:
                    continue
                known = fresh.get(entry.key)
                fresh[entry.key] = known.merged(entry) if known else entry
            if not fresh:
                return []
            with self._transaction():
                stored = [e for e in fresh.values() if self._insert(e)]  # sent keys: ignored
            for entry in stored:
                self._remember(entry)
            return stored

    def status(self, chat_id: int, story_id: str) -> str | None:
        with self._lock:
            entry = self._unsent.get((chat_id, story_id))
            if entry is not None:
                return entry.status
            row = self._db.execute(
                "SELECT status FROM outbox WHERE chat_id = ? AND story_id = ?",
                (chat_id, story_id),
            ).fetchone()
            return str(row[0]) if row else None

    def __len__(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT COUNT(*) FROM outbox").fetchone()[0])

    def mark(self, keys: Sequence[Key], *, status: str, at: datetime) -> None:
        if status not in STATUSES:
            raise ValueError(f"unknown outbox status {status!r}")
        new_status = OutboxStatus(status)
        sent = _micros(at)
        unique = list(dict.fromkeys(keys))
        with self._lock:
            with self._transaction():
                self._db.executemany(
                    "UPDATE outbox SET status = ?, sent = ?, hold = '', body = NULL "
                    f"WHERE chat_id = ? AND story_id = ? AND status IN ({_UNSENT_SQL})",
                    [(new_status.value, sent, k[0], k[1]) for k in unique],
                )
            for key in unique:
                entry = self._unsent.get(key)
                if entry is not None:
                    self._remember(replace(entry, status=new_status, sent=at))

    def claim(self, keys: Sequence[Key]) -> list[Key]:
        with self._lock:  # in memory only (storage/unsent.py): no write, no fsync
            return self._unsent.claim(keys)

    def release(self, keys: Sequence[Key]) -> None:
        with self._lock:
            self._unsent.release(keys)

    def requeue_sending(self) -> int:
        with self._lock:
            requeued = len(self._unsent.release(self._unsent.sending()))
            with self._transaction():  # none unless a file from elsewhere held some
                self._db.execute(
                    "UPDATE outbox SET status = CASE WHEN hold = '' THEN 'pending' ELSE 'held'"
                    " END WHERE status = 'sending'"
                )
            return requeued

    def withdraw(self, chat_id: int, subscription_id: int, *, at: datetime) -> list[OutboxEntry]:
        with self._lock:
            changed = [
                after
                for entry in self._unsent.of_chat(chat_id)
                if (after := entry.without(subscription_id, at)) is not entry
            ]
            if changed:
                with self._transaction():
                    self._update(changed)
                for entry in changed:
                    self._remember(entry)
            return changed

    def migrate_chat(self, old_id: int, new_id: int) -> None:
        if old_id == new_id:
            return
        with self._lock:
            with self._transaction():
                # Rows the new id already has (the same story) stay as they are there.
                self._db.execute(
                    "UPDATE OR IGNORE outbox SET chat_id = ? WHERE chat_id = ?", (new_id, old_id)
                )
                self._db.execute("DELETE FROM outbox WHERE chat_id = ?", (old_id,))
            for key in [e.key for e in self._unsent.of_chat(old_id)]:
                self._forget(key)
            rows = self._db.execute(
                f"SELECT {_COLUMNS} FROM outbox WHERE chat_id = ? AND status IN ({_UNSENT_SQL}) "
                "ORDER BY created, rowid",
                (new_id,),
            )
            for row in rows:
                try:
                    self._remember(entry_from_row(row))
                except ValueError as exc:
                    self._set_aside((row[0], row[1]), str(exc))

    def delete_chat(self, chat_id: int) -> None:
        with self._lock:
            with self._transaction():
                self._db.execute("DELETE FROM outbox WHERE chat_id = ?", (chat_id,))
            for key in [e.key for e in self._unsent.of_chat(chat_id)]:
                self._forget(key)

    def prune(self, before: datetime) -> int:
        limit = _micros(before)
        gone = 0
        while True:
            with self._lock:
                with self._transaction():
                    deleted = int(self._db.execute(_PRUNE_SQL, (limit, PRUNE_CHUNK)).rowcount)
                gone += deleted
                if deleted < PRUNE_CHUNK:
                    for key in [e.key for e in self._unsent.entries() if e.created < before]:
                        self._forget(key)
                    return gone

    def close(self) -> None:
        with self._lock:
            self._db.close()


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on any error (then a StorageError)."""

    def __init__(self, db: sqlite3.Connection, path: Path | None) -> None:
        self._db = db
        self._path = path

    def __enter__(self) -> None:
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise StorageError(f"{self._path}: outbox write failed ({exc})") from exc

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: Any
    ) -> None:
        if kind is not None:
            self._db.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise StorageError(f"{self._path}: outbox write failed ({exc})") from exc
            return
        try:
            self._db.execute("COMMIT")
        except sqlite3.Error as commit_error:
            self._db.execute("ROLLBACK")
            raise StorageError(
                f"{self._path}: outbox write failed ({commit_error})"
            ) from commit_error


def open_outbox(db_path: Path, *, fsync: bool = True) -> SqliteOutbox:
    """The outbox beside NEWSBOT_DB, importing (once) a JSON outbox an earlier version left:
    every entry it holds goes into the SQLite file, then it is renamed *.migrated. Entries
    that cannot be read are logged and stay in the renamed file for the operator."""
    outbox = SqliteOutbox(sqlite_outbox_path(db_path), fsync=fsync)
    old = outbox_path(db_path)
    if old.exists():
        try:
            tables = json.loads(old.read_text(encoding="utf-8") or "{}")
            docs = list((tables.get("outbox") or {}).items())
        except (OSError, ValueError, AttributeError) as exc:
            outbox.close()
            raise StorageError(f"{old}: cannot read the old outbox to import it ({exc})") from exc
        entries = []
        for doc_id, doc in docs:
            try:
                entries.append(entry_from_json(doc))
            except (KeyError, TypeError, ValueError) as exc:
                log.warning(
                    "%s: outbox entry %s: %s; not imported (kept in the file)", old, doc_id, exc
                )
        added = outbox.import_entries(entries)
        migrated = old.with_name(old.name + ".migrated")
        old.rename(migrated)
        log.info(
            "outbox: imported %d of %d entries from %s (now %s)",
            added,
            len(docs),
            old,
            migrated.name,
        )
    return outbox
