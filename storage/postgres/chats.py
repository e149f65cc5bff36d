"""ChatStore on PostgreSQL: chats and subscriptions as rows, each change one transaction.

A chat and a subscription are stored as the codec's JSON documents (storage/codec.py), so
a field added to bot.models is stored without a schema change; the columns beside them
are what the queries need (chat id, query). Subscription ids come from the table's
identity, unique across instances. Every subscription change also writes a row of
`subscription_changes` in the same transaction (for instances following the index).
"""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import Any

from psycopg import Connection
from psycopg.types.json import Jsonb

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
from storage.postgres.pool import Database

_CHATS = Codec(Chat, "id")
_SUBSCRIPTIONS = Codec(Subscription, "id")

Conn = Connection[tuple[Any, ...]]


def _subscription(row: Sequence[Any]) -> Subscription:
    sub_id, chat_id, doc = row
    value: Subscription = _SUBSCRIPTIONS.value(sub_id, {**doc, "chat_id": chat_id})
    return value


def _fast_columns() -> tuple[str, list[tuple[str, Any]]] | None:
    """For loading every subscription at start-up: a SELECT list that has PostgreSQL take
    each field out of the document already typed (times, booleans, numbers decoded by
    psycopg in C, not by the codec in Python: a million rows load in about a third of
    the time), with the dataclass default for a field missing from older documents (so a
    field whose default is not None cannot be stored as null; none is).
    Built from Subscription's fields, so a field someone adds is loaded too; None when a
    field has a type this cannot cast, and the codec is used instead."""
    casts = {datetime: "timestamptz", bool: "boolean", int: "bigint", str: "text"}
    hints = typing.get_type_hints(Subscription)
    exprs, defaults = [], []
    for f in dataclasses.fields(Subscription):
        if f.name in ("id", "chat_id"):
            continue
        kinds = [
            k for k in typing.get_args(hints[f.name]) or (hints[f.name],) if k is not type(None)
        ]
        if len(kinds) != 1 or kinds[0] not in casts:
            return None
        exprs.append(f"(doc->>'{f.name}')::{casts[kinds[0]]}")
        if f.default is not dataclasses.MISSING:
            defaults.append((f.name, f.default))
        elif f.default_factory is not dataclasses.MISSING:
            defaults.append((f.name, f.default_factory()))
        else:
            defaults.append((f.name, dataclasses.MISSING))
    return ", ".join(exprs), defaults


_FAST = _fast_columns()
# pg_advisory_xact_lock key of add_chat_feed: one chat feed added at a time, by every
# instance, so the limit on the feeds all chats add holds ("newsbot" + "F").
CHAT_FEEDS_LOCK = 0x6E657773_626F7446
# Tries to lock a chat's row that a migration deletes meanwhile (then stored again).
LOCK_TRIES = 3
# How far below the change log's highest number a snapshot looks for changes still
# committing (numbers taken, rows not yet visible): far more than commit at once.
SNAPSHOT_WINDOW = 1_000


def _log(conn: Conn, op: str, subs: Iterable[tuple[int, int]]) -> None:
    rows = list(subs)
    if rows:
        conn.cursor().executemany(
            "INSERT INTO subscription_changes (subscription_id, chat_id, op) VALUES (%s, %s, %s)",
            [(sub_id, chat_id, op) for sub_id, chat_id in rows],
        )


def _load_all(conn: Conn) -> list[Subscription]:
    """Every subscription, oldest first, read in the caller's transaction."""
    # A server-side cursor: a million rows stream in batches, never all buffered at once.
    with conn.cursor(name="all_subscriptions") as cursor:
        cursor.itersize = 10_000
        if _FAST is None:
            cursor.execute("SELECT id, chat_id, doc FROM subscriptions ORDER BY id")
            return [_subscription(r) for r in cursor]
        columns, defaults = _FAST
        cursor.execute(f"SELECT id, chat_id, {columns} FROM subscriptions ORDER BY id")
        subs = []
        for row in cursor:
            kwargs = {
                name: default if value is None else value
                for (name, default), value in zip(defaults, row[2:], strict=True)
            }
            subs.append(Subscription(id=row[0], chat_id=row[1], **kwargs))
        return subs


def _position(conn: Conn, window: int) -> tuple[int, list[int]]:
    # Never below the pruned position: those numbers are gone, not missing (migration 0009).
    row = conn.execute(
        "SELECT coalesce(max(seq), 0),"
        " (SELECT coalesce(max(through), 0) FROM subscription_changes_pruned)"
        " FROM subscription_changes"
    ).fetchone()
    highest, pruned = (int(row[0]), int(row[1])) if row else (0, 0)
    start = max(0, highest - window, pruned)
    recent = conn.execute("SELECT seq FROM subscription_changes WHERE seq > %s", (start,))
    return start, [int(r[0]) for r in recent]


class PgChatStore:
    """ChatStore on PostgreSQL. Reads ask the database; nothing is cached in the process."""

    def __init__(self, db: Database, *, clock: Callable[[], datetime] = utcnow) -> None:
        self._db = db.retain()
        self._clock = clock
        self._closed = False

    @property
    def url(self) -> str:
        """The database's URL (a follower opens a connection of its own there)."""
        return self._db.url

    def _conn(self) -> Any:
        if self._closed:
            raise StorageError("the chat store is closed")
        return self._db.connection()

    # -- chats ------------------------------------------------------------------------

    def get_chat(self, chat_id: int) -> Chat | None:
        with self._conn() as conn:
            row = conn.execute("SELECT doc FROM chats WHERE id = %s", (chat_id,)).fetchone()
        return None if row is None else _CHATS.value(chat_id, row[0])

    def save_chat(self, chat: Chat) -> None:
        doc = _CHATS.document(chat)  # refuses naive times before anything is written
        with self._conn() as conn:
            conn.execute(
                "INSERT INTO chats (id, doc) VALUES (%s, %s)"
                " ON CONFLICT (id) DO UPDATE SET doc = EXCLUDED.doc",
                (chat.id, Jsonb(doc)),
            )

    def update_chat(self, chat_id: int, change: Callable[[Chat | None], Chat | None]) -> ChatUpdate:
        """One transaction holding the chat's row (FOR UPDATE, the lock the checked adds
        and feed changes take). A chat not stored yet is inserted only if nobody else did
        meanwhile; if someone did, its row is locked and `change` sees it instead."""
        with self._conn() as conn:
            for _ in range(LOCK_TRIES):
                row = conn.execute(
                    "SELECT doc FROM chats WHERE id = %s FOR UPDATE", (chat_id,)
                ).fetchone()
                before = None if row is None else _CHATS.value(chat_id, row[0])
                after = change(before)
                if after is None or after == before:
                    return ChatUpdate(before, before)
                if after.id != chat_id:
                    raise ValueError(f"a change of chat {chat_id} returned chat {after.id}")
                document = _CHATS.document(after)  # refuses naive times before writing
                stored: Chat = _CHATS.value(chat_id, document)
                doc = Jsonb(document)
                if before is not None:
                    conn.execute("UPDATE chats SET doc = %s WHERE id = %s", (doc, chat_id))
                    return ChatUpdate(before, stored)
                inserted = conn.execute(
                    "INSERT INTO chats (id, doc) VALUES (%s, %s)"
                    " ON CONFLICT (id) DO NOTHING RETURNING id",
                    (chat_id, doc),
                ).fetchone()
                if inserted is not None:
                    return ChatUpdate(None, stored)
        raise StorageError(f"chat {chat_id} keeps appearing and disappearing")

    def chats(self) -> list[Chat]:
        with self._conn() as conn:
            rows = conn.execute("SELECT id, doc FROM chats ORDER BY id").fetchall()
        return [_CHATS.value(chat_id, doc) for chat_id, doc in rows]

    def delete_chat(self, chat_id: int) -> None:
        with self._conn() as conn:
            gone = conn.execute(
                "DELETE FROM subscriptions WHERE chat_id = %s RETURNING id, chat_id", (chat_id,)
            ).fetchall()
            _log(conn, "remove", gone)
            conn.execute("DELETE FROM chats WHERE id = %s", (chat_id,))

    def migrate_chat(self, old_id: int, new_id: int) -> None:
        """As MemoryChatStore.migrate_chat: the old chat's settings win, and an old
        subscription whose query the new chat already has is dropped, not duplicated."""
        if old_id == new_id:
            return
        with self._conn() as conn:
            # Both chats' rows locked in id order, so two migrations cannot deadlock.
            conn.execute(
                "SELECT id FROM chats WHERE id IN (%s, %s) ORDER BY id FOR UPDATE", (old_id, new_id)
            )
            old = conn.execute("SELECT doc FROM chats WHERE id = %s", (old_id,)).fetchone()
            has_subs = conn.execute(
                "SELECT 1 FROM subscriptions WHERE chat_id = %s LIMIT 1", (old_id,)
            ).fetchone()
            if old is None and has_subs is None:
                return
            dropped = conn.execute(
                "DELETE FROM subscriptions s WHERE s.chat_id = %s AND EXISTS (SELECT 1 FROM"
                " subscriptions n WHERE n.chat_id = %s AND n.query = s.query)"
                " RETURNING id, chat_id",
                (old_id, new_id),
            ).fetchall()
            _log(conn, "remove", dropped)
            moved = conn.execute(
                "UPDATE subscriptions SET chat_id = %s,"
                " doc = jsonb_set(doc, '{chat_id}', to_jsonb(%s::bigint))"
                " WHERE chat_id = %s RETURNING id, chat_id",
                (new_id, new_id, old_id),
            ).fetchall()
            _log(conn, "move", moved)
            if old is not None:
                conn.execute("DELETE FROM chats WHERE id = %s", (old_id,))
                doc = _CHATS.document(dataclasses.replace(_CHATS.value(old_id, old[0]), id=new_id))
                conn.execute(
                    "INSERT INTO chats (id, doc) VALUES (%s, %s)"
                    " ON CONFLICT (id) DO UPDATE SET doc = EXCLUDED.doc",
                    (new_id, Jsonb(doc)),
                )
            else:
                doc = _CHATS.document(Chat(id=new_id, created=self._clock()))
                conn.execute(
                    "INSERT INTO chats (id, doc) VALUES (%s, %s) ON CONFLICT (id) DO NOTHING",
                    (new_id, Jsonb(doc)),
                )

    # -- subscriptions ----------------------------------------------------------------

    def add_subscription(
        self, chat_id: int, query: str, thread_id: int | None = None
    ) -> Subscription:
        if self._closed:
            raise StorageError("the chat store is closed")
        if not query.strip():
            raise ValueError("a subscription needs a non-empty query")
        created = self._clock()
        probe = Subscription(
            id=0, chat_id=chat_id, query=query, created=created, thread_id=thread_id
        )
        doc = _SUBSCRIPTIONS.document(probe)
        chat_doc = _CHATS.document(Chat(id=chat_id, created=created))
        with self._conn() as conn:
            conn.execute(
                "INSERT INTO chats (id, doc) VALUES (%s, %s) ON CONFLICT (id) DO NOTHING",
                (chat_id, Jsonb(chat_doc)),
            )
            row = conn.execute(
                "INSERT INTO subscriptions (chat_id, query, doc) VALUES (%s, %s, %s)"
                " RETURNING id, chat_id, doc",
                (chat_id, query, Jsonb(doc)),
            ).fetchone()
            _log(conn, "add", [(row[0], chat_id)])
        return _subscription(row)

    def _lock_chat(self, conn: Conn, chat_id: int) -> Chat:
        """The chat's row, stored with defaults if new, locked until the transaction ends:
        what every checked change of one chat takes first (and migrate_chat too), so
        those of all instances run one at a time. Under READ COMMITTED each statement
        after the lock sees what the previous holder committed."""
        for _ in range(LOCK_TRIES):
            conn.execute(
                "INSERT INTO chats (id, doc) VALUES (%s, %s) ON CONFLICT (id) DO NOTHING",
                (chat_id, Jsonb(_CHATS.document(Chat(id=chat_id, created=self._clock())))),
            )
            row = conn.execute(
                "SELECT doc FROM chats WHERE id = %s FOR UPDATE", (chat_id,)
            ).fetchone()
            if row is not None:  # else a migration deleted it after our insert: again
                chat: Chat = _CHATS.value(chat_id, row[0])
                return chat
        raise StorageError(f"chat {chat_id} keeps disappearing (migrated meanwhile?)")

    def add_subscription_checked(
        self,
        chat_id: int,
        query: str,
        *,
        limit: int,
        same: Callable[[str], bool],
        thread_id: int | None = None,
    ) -> CheckedAdd:
        if self._closed:
            raise StorageError("the chat store is closed")
        if not query.strip():
            raise ValueError("a subscription needs a non-empty query")
        with self._conn() as conn:
            self._lock_chat(conn, chat_id)
            rows = conn.execute(
                "SELECT id, chat_id, doc FROM subscriptions WHERE chat_id = %s ORDER BY id",
                (chat_id,),
            ).fetchall()
            current = [_subscription(r) for r in rows]
            refused = refused_subscription(current, limit, same)
            if refused is not None:
                return refused
            probe = Subscription(
                id=0, chat_id=chat_id, query=query, created=self._clock(), thread_id=thread_id
            )
            row = conn.execute(
                "INSERT INTO subscriptions (chat_id, query, doc) VALUES (%s, %s, %s)"
                " RETURNING id, chat_id, doc",
                (chat_id, query, Jsonb(_SUBSCRIPTIONS.document(probe))),
            ).fetchone()
            _log(conn, "add", [(row[0], chat_id)])
        return CheckedAdd("added", _subscription(row), len(current) + 1)

    def add_chat_feed(self, chat_id: int, url: str, *, limit: int, total: int) -> FeedAdd:
        with self._conn() as conn:
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (CHAT_FEEDS_LOCK,))
            chat = self._lock_chat(conn, chat_id)
            refused = refused_feed(chat, url, limit)
            if refused is not None:
                return refused
            row = conn.execute(
                "SELECT count(DISTINCT f), bool_or(f = %s) FROM chats,"
                " jsonb_array_elements_text(coalesce(doc->'feeds', '[]')) AS f",
                (url,),
            ).fetchone()
            everyone, known = (int(row[0]), bool(row[1])) if row else (0, False)
            if not known and everyone >= total:
                return FeedAdd("all_full", 0)
            feeds = [*chat.feeds, url]
            conn.execute(
                "UPDATE chats SET doc = doc || %s WHERE id = %s",
                (Jsonb({"feeds": feeds}), chat_id),
            )
        return FeedAdd("added", len(feeds))

    def remove_chat_feed(self, chat_id: int, url: str) -> Chat | None:
        with self._conn() as conn:
            row = conn.execute(
                "SELECT doc FROM chats WHERE id = %s FOR UPDATE", (chat_id,)
            ).fetchone()
            chat: Chat | None = None if row is None else _CHATS.value(chat_id, row[0])
            changed = None if chat is None else without_feed(chat, url)
            if changed is None:
                return None
            fields = {"feeds": list(changed.feeds), "own_feeds_only": changed.own_feeds_only}
            conn.execute("UPDATE chats SET doc = doc || %s WHERE id = %s", (Jsonb(fields), chat_id))
        return changed

    def remove_subscription(self, chat_id: int, subscription_id: int) -> Subscription | None:
        with self._conn() as conn:
            row = conn.execute(
                "DELETE FROM subscriptions WHERE id = %s AND chat_id = %s"
                " RETURNING id, chat_id, doc",
                (subscription_id, chat_id),
            ).fetchone()
            if row is None:
                return None
            _log(conn, "remove", [(row[0], chat_id)])
        return _subscription(row)

    def set_muted(self, chat_id: int, subscription_id: int, muted: bool) -> Subscription | None:
        with self._conn() as conn:
            row = conn.execute(
                "UPDATE subscriptions SET doc = jsonb_set(doc, '{muted}', to_jsonb(%s::boolean))"
                " WHERE id = %s AND chat_id = %s RETURNING id, chat_id, doc",
                (muted, subscription_id, chat_id),
            ).fetchone()
            if row is None:
                return None
            _log(conn, "mute" if muted else "unmute", [(row[0], chat_id)])
        return _subscription(row)

    def subscriptions(self, chat_id: int) -> list[Subscription]:
        with self._conn() as conn:
            rows = conn.execute(
                "SELECT id, chat_id, doc FROM subscriptions WHERE chat_id = %s ORDER BY id",
                (chat_id,),
            ).fetchall()
        return [_subscription(r) for r in rows]

    def all_subscriptions(self) -> list[Subscription]:
        with self._conn() as conn:
            return _load_all(conn)

    def snapshot(
        self, *, window: int = SNAPSHOT_WINDOW
    ) -> tuple[list[Subscription], int, list[int]]:
        """Every subscription and, seen from the same snapshot (REPEATABLE READ), where the
        change log stood: (subscriptions, *change_position()*). A follower starts from
        there (storage/postgres/follow.py)."""
        with self._conn() as conn:
            conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            start, recent = _position(conn, window)
            return _load_all(conn), start, recent

    def change_position(self, *, window: int = SNAPSHOT_WINDOW) -> tuple[int, list[int]]:
        """Where the change log stands: (start, the change numbers above it), start being
        `window` below the highest number. The numbers missing above start may be changes
        still committing, which a follower reads when they do."""
        with self._conn() as conn:
            return _position(conn, window)

    def subscriptions_by_id(self, ids: Iterable[int]) -> dict[int, Subscription]:
        wanted = list(set(ids))
        if not wanted:
            return {}
        with self._conn() as conn:
            rows = conn.execute(
                "SELECT id, chat_id, doc FROM subscriptions WHERE id = ANY(%s)", (wanted,)
            ).fetchall()
        return {r[0]: _subscription(r) for r in rows}

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self._db.release()
