"""OutboxStore on PostgreSQL: one row per (chat id, story id), the primary key.

Enqueueing is a COPY into a scratch table and one INSERT ... SELECT ... ON CONFLICT DO
NOTHING (a story matching 20,000 chats is one statement), so a key already stored —
unsent, sent, or inserted a moment ago by another connection — is a no-op, and the
entries returned are exactly the rows this call inserted. Rows are encoded as the SQLite
outbox's (storage/outbox_sqlite.py: the story and hits as JSON while unsent, dropped
once final). Nothing is cached in the process: every read asks the database, through the
partial index of unsent rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from bot.errors import StorageError
from bot.models import STATUSES, UNFINISHED, UNSENT, OutboxEntry, OutboxStatus, UnsentSummary
from storage.outbox_sqlite import _body, entry_from_row
from storage.postgres.pool import Database
from storage.postgres.roles import SENDER_LOCK, AdvisoryLock

Key = tuple[int, str]


def _among(statuses: Sequence[OutboxStatus], column: str = "status") -> str:
    return f"{column} IN (" + ", ".join(f"'{s.value}'" for s in statuses) + ")"


_UNSENT = _among(UNSENT)  # waiting: what a withdrawal changes, what a claim takes
_LISTED = _among(UNFINISHED)  # unsent listings: waiting or in flight
# A released or requeued entry goes back to waiting as it was (its hold kept while sending).
_BACK = "CASE WHEN hold = '' THEN 'pending' ELSE 'held' END"
_COLUMNS = "chat_id, story_id, status, created, sent, hold, body::text"


def _micros(when: datetime) -> int:
    return round(when.timestamp() * 1_000_000)


def _entry(row: Sequence[Any]) -> OutboxEntry:
    chat_id, story_id, status, created, sent, hold, body = row
    return entry_from_row(
        (
            chat_id,
            story_id,
            status,
            _micros(created),
            None if sent is None else _micros(sent),
            hold,
            body,
        )
    )


def _aware(when: datetime) -> datetime:
    if when.utcoffset() is None:
        raise ValueError(f"outbox times must be timezone-aware, got {when!r}")
    return when


class PgOutbox:
    """OutboxStore on PostgreSQL. Thread-safe (each call takes a pooled connection)."""

    def __init__(self, db: Database) -> None:
        self._db = db.retain()
        self._closed = False
        self._fence: AdvisoryLock | None = None

    def sender_role(self) -> AdvisoryLock:
        """The sender role on this outbox's database (one sender over all instances),
        fencing this outbox's claims."""
        role = AdvisoryLock(self._db, SENDER_LOCK, name="alert sender")
        self.fence_with(role)
        return role

    def fence_with(self, role: AdvisoryLock) -> None:
        """Claim only while `role` is held by this process (checked in the claim's own
        statement, so a sender that lost the role without noticing yet claims nothing)."""
        self._fence = role

    def _conn(self) -> Any:
        if self._closed:
            raise StorageError("the outbox is closed")
        return self._db.connection()

    def enqueue(self, entries: Sequence[OutboxEntry]) -> list[OutboxEntry]:
        fresh: dict[Key, OutboxEntry] = {}
        for entry in entries:
            known = fresh.get(entry.key)
            fresh[entry.key] = known.merged(entry) if known else entry
        if not fresh:
            return []
        batch = list(fresh.values())
        with self._conn() as conn, conn.transaction(), conn.cursor() as cur:
            # COPY into a scratch table, then one INSERT ... SELECT: a story for 20,000 chats
            # is a stream of rows, not 20,000 statements nor parameter arrays to build.
            cur.execute(
                "CREATE TEMPORARY TABLE outbox_in (chat_id bigint, story_id text, status text,"
                " created timestamptz, sent timestamptz, hold text, body text) ON COMMIT DROP"
            )
            with cur.copy("COPY outbox_in FROM STDIN") as copy:
                for e in batch:
                    copy.write_row(
                        (
                            e.chat_id,
                            e.story.id,
                            OutboxStatus(e.status).value,
                            _aware(e.created),
                            None if e.sent is None else _aware(e.sent),
                            str(e.hold),
                            _body(e),
                        )
                    )
            rows = cur.execute(
                "INSERT INTO outbox (chat_id, story_id, status, created, sent, hold, body)"
                " SELECT chat_id, story_id, status, created, sent, hold, body::jsonb"
                " FROM outbox_in ON CONFLICT (chat_id, story_id) DO NOTHING"
                " RETURNING chat_id, story_id"
            ).fetchall()
        stored = {(r[0], r[1]) for r in rows}
        return [e for e in batch if e.key in stored]

    def _select(self, where: str, params: Sequence[Any] = ()) -> list[OutboxEntry]:
        with self._conn() as conn:
            rows = conn.execute(
                f"SELECT {_COLUMNS} FROM outbox WHERE {where} ORDER BY created, seq", params
            ).fetchall()
        return [_entry(r) for r in rows]

    def unsent(self) -> list[OutboxEntry]:
        return self._select(_LISTED)

    def unsent_chats(self) -> list[int]:
        with self._conn() as conn:
            rows = conn.execute(
                f"SELECT chat_id FROM outbox WHERE {_LISTED}"
                " GROUP BY chat_id ORDER BY min(created), min(seq)"
            ).fetchall()
        return [r[0] for r in rows]

    def unsent_counts(self) -> tuple[int, int]:
        with self._conn() as conn:
            row = conn.execute(
                f"SELECT count(*), count(DISTINCT chat_id) FROM outbox WHERE {_LISTED}"
            ).fetchone()
        return int(row[0]), int(row[1])

    def unsent_summary(self) -> UnsentSummary:
        with self._conn() as conn:
            rows = conn.execute(
                "SELECT status, count(*), min(created) FILTER (WHERE status = 'pending')"
                f" FROM outbox WHERE {_LISTED} GROUP BY status"
            ).fetchall()
        counts = {str(status): int(n) for status, n, _ in rows}
        oldest = next((first for status, _, first in rows if status == "pending"), None)
        return UnsentSummary(
            pending=counts.get("pending", 0),
            held=counts.get("held", 0),
            sending=counts.get("sending", 0),
            oldest_pending=oldest,
        )

    def unsent_for(self, chat_id: int) -> list[OutboxEntry]:
        return self._select(f"chat_id = %s AND {_LISTED}", (chat_id,))

    def status(self, chat_id: int, story_id: str) -> str | None:
        with self._conn() as conn:
            row = conn.execute(
                "SELECT status FROM outbox WHERE chat_id = %s AND story_id = %s",
                (chat_id, story_id),
            ).fetchone()
        return None if row is None else str(row[0])

    def __len__(self) -> int:
        with self._conn() as conn:
            return int(conn.execute("SELECT count(*) FROM outbox").fetchone()[0])

    def mark(self, keys: Sequence[Key], *, status: str, at: datetime) -> None:
        if status not in STATUSES:
            raise ValueError(f"unknown outbox status {status!r}")
        unique = list(dict.fromkeys(keys))
        if not unique:
            return
        with self._conn() as conn:
            conn.execute(
                "UPDATE outbox o SET status = %s, sent = %s, hold = '', body = NULL"
                " FROM unnest(%s::bigint[], %s::text[]) AS k(chat_id, story_id)"
                " WHERE o.chat_id = k.chat_id AND o.story_id = k.story_id"
                f" AND {_among(UNFINISHED, 'o.status')}",
                (status, _aware(at), [k[0] for k in unique], [k[1] for k in unique]),
            )

    def claim(self, keys: Sequence[Key]) -> list[Key]:
        unique = list(dict.fromkeys(keys))
        if not unique:
            return []
        fence: tuple[str, tuple[int, ...]] = ("TRUE", ())
        if self._fence is not None:
            held = self._fence.fence()
            if held is None:
                return []  # the role is not held: claim nothing
            fence = held
        condition, params = fence
        with self._conn() as conn:
            rows = conn.execute(
                "UPDATE outbox o SET status = 'sending'"
                " FROM unnest(%s::bigint[], %s::text[]) AS k(chat_id, story_id)"
                " WHERE o.chat_id = k.chat_id AND o.story_id = k.story_id"
                f" AND {_among(UNSENT, 'o.status')} AND {condition}"
                " RETURNING o.chat_id, o.story_id",
                ([k[0] for k in unique], [k[1] for k in unique], *params),
            ).fetchall()
        claimed = {(r[0], r[1]) for r in rows}
        return [k for k in unique if k in claimed]

    def release(self, keys: Sequence[Key]) -> None:
        unique = list(dict.fromkeys(keys))
        if not unique:
            return
        with self._conn() as conn:
            conn.execute(
                f"UPDATE outbox o SET status = {_BACK}"
                " FROM unnest(%s::bigint[], %s::text[]) AS k(chat_id, story_id)"
                " WHERE o.chat_id = k.chat_id AND o.story_id = k.story_id"
                " AND o.status = 'sending'",
                ([k[0] for k in unique], [k[1] for k in unique]),
            )

    def requeue_sending(self) -> int:
        with self._conn() as conn:
            cursor = conn.execute(
                f"UPDATE outbox SET status = {_BACK} WHERE status = 'sending'"
                f" AND {_LISTED}"  # lets the partial index of unsent rows find them
            )
            return int(cursor.rowcount)

    def withdraw(self, chat_id: int, subscription_id: int, *, at: datetime) -> list[OutboxEntry]:
        with self._conn() as conn:
            rows = conn.execute(
                f"SELECT {_COLUMNS} FROM outbox WHERE chat_id = %s AND {_UNSENT}"
                " ORDER BY created, seq FOR UPDATE",
                (chat_id,),
            ).fetchall()
            changed = [
                after
                for entry in map(_entry, rows)
                if (after := entry.without(subscription_id, at)) is not entry
            ]
            if changed:
                conn.cursor().executemany(
                    "UPDATE outbox SET status = %s, sent = %s, hold = %s, body = %s::jsonb"
                    " WHERE chat_id = %s AND story_id = %s",
                    [
                        (str(e.status), e.sent, e.hold, _body(e), e.chat_id, e.story.id)
                        for e in changed
                    ],
                )
        return changed

    def migrate_chat(self, old_id: int, new_id: int) -> None:
        if old_id == new_id:
            return
        with self._conn() as conn:
            # Rows the new id already has (the same story) stay as they are there.
            conn.execute(
                "UPDATE outbox o SET chat_id = %s WHERE chat_id = %s AND NOT EXISTS"
                " (SELECT 1 FROM outbox n WHERE n.chat_id = %s AND n.story_id = o.story_id)",
                (new_id, old_id, new_id),
            )
            conn.execute("DELETE FROM outbox WHERE chat_id = %s", (old_id,))

    def delete_chat(self, chat_id: int) -> None:
        with self._conn() as conn:
            conn.execute("DELETE FROM outbox WHERE chat_id = %s", (chat_id,))

    def prune(self, before: datetime) -> int:
        with self._conn() as conn:
            cursor = conn.execute(
                "DELETE FROM outbox WHERE COALESCE(sent, created) < %s", (_aware(before),)
            )
            return int(cursor.rowcount)

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self._db.release()
