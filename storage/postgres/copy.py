"""`newsbot migrate --to URL`: the embedded store copied into an empty PostgreSQL database.

Everything is read from the files first (chats and subscriptions, the subscription id
counter, articles, feed states, and every outbox row: sent, failed and withdrawn keys
too, so no alert goes out twice after the move), then written with COPY in one
transaction, so a failure leaves the target as empty as it was. Then every table is read
back through the PostgreSQL stores and compared with what was read: the count and a
SHA-256 over the sorted canonical rows of each table must be equal.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from psycopg.types.json import Jsonb

from bot.errors import StorageError
from bot.models import Article, Chat, FeedState, OutboxEntry, Subscription
from bot.reading.articles import article_from_json, article_to_json
from storage.codec import Codec
from storage.outbox_sqlite import _body, entry_from_row
from storage.postgres.pool import Database, redact

TABLES = ("chats", "subscriptions", "articles", "feed_states", "outbox")
_CHATS = Codec(Chat, "id")
_SUBSCRIPTIONS = Codec(Subscription, "id")
_FEEDS = Codec(FeedState, "url")


@dataclass
class Contents:
    """Everything a store holds, as values."""

    chats: list[Chat]
    subscriptions: list[Subscription]
    next_subscription_id: int
    articles: list[Article]
    feed_states: list[FeedState]
    outbox: list[OutboxEntry]

    def tables(self) -> dict[str, Sequence[Any]]:
        return {
            "chats": self.chats,
            "subscriptions": self.subscriptions,
            "articles": self.articles,
            "feed_states": self.feed_states,
            "outbox": self.outbox,
        }


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    return str(value)


def fingerprint(values: Iterable[Any]) -> tuple[int, str]:
    """(count, SHA-256 of the sorted canonical JSON lines) of a table's values."""
    lines = sorted(
        json.dumps(dataclasses.asdict(v), sort_keys=True, default=_plain, ensure_ascii=False)
        for v in values
    )
    digest = hashlib.sha256()
    for line in lines:
        digest.update(line.encode())
        digest.update(b"\n")
    return len(lines), digest.hexdigest()


# -- reading the embedded store ------------------------------------------------------------


def read_embedded(db_path: Path) -> Contents:
    """The embedded store beside `db_path`, every file of it that exists; StorageError if
    the main file is missing or any file cannot be read. Opens nothing for writing."""
    from storage.articles import TinyArticleStore, articles_path
    from storage.chats import TinyChatStore
    from storage.feedstate import TinyFeedStateStore, feeds_path
    from storage.outbox import outbox_path
    from storage.outbox_sqlite import sqlite_outbox_path

    if not db_path.is_file():
        raise StorageError(f"{db_path}: no embedded store there (set NEWSBOT_DB)")
    if outbox_path(db_path).exists():
        raise StorageError(
            f"{outbox_path(db_path)}: an old JSON outbox; run `newsbot run` once to import it"
        )
    chats = TinyChatStore(db_path)
    try:
        contents = Contents(
            chats=chats.chats(),
            subscriptions=chats.all_subscriptions(),
            next_subscription_id=chats._next_id,
            articles=[],
            feed_states=[],
            outbox=[],
        )
    finally:
        chats.close()
    if articles_path(db_path).exists():
        articles = TinyArticleStore(articles_path(db_path), max_articles=10**9)
        contents.articles = articles.since(datetime.min.replace(tzinfo=UTC))
        articles.close()
    if feeds_path(db_path).exists():
        feeds = TinyFeedStateStore(feeds_path(db_path))
        contents.feed_states = feeds.all()
        feeds.close()
    outbox = sqlite_outbox_path(db_path)
    if outbox.exists():
        try:
            with sqlite3.connect(f"file:{outbox}?mode=ro", uri=True) as conn:
                rows = conn.execute(
                    "SELECT chat_id, story_id, status, created, sent, hold, body FROM outbox"
                    " ORDER BY created, rowid"
                ).fetchall()
            contents.outbox = [entry_from_row(r) for r in rows]
        except (sqlite3.Error, ValueError) as exc:
            raise StorageError(f"{outbox}: cannot read the outbox ({exc})") from exc
    return contents


# -- writing PostgreSQL -----------------------------------------------------------------------


def non_empty_tables(db: Database) -> list[str]:
    full = []
    with db.connection() as conn:
        for table in TABLES:
            row = conn.execute(f"SELECT EXISTS (SELECT 1 FROM {table})").fetchone()
            if row is not None and row[0]:
                full.append(table)
    return full


def write(db: Database, contents: Contents) -> None:
    """Every value of `contents` into the (empty) database, with COPY, in one transaction."""
    with db.connection() as conn, conn.transaction(), conn.cursor() as cur:
        with cur.copy("COPY chats (id, doc) FROM STDIN") as copy:
            for chat in contents.chats:
                copy.write_row((chat.id, Jsonb(_CHATS.document(chat))))
        with cur.copy("COPY subscriptions (id, chat_id, query, doc) FROM STDIN") as copy:
            for sub in contents.subscriptions:
                copy.write_row(
                    (sub.id, sub.chat_id, sub.query, Jsonb(_SUBSCRIPTIONS.document(sub)))
                )
        # Ids are never reused: the identity goes on after the embedded store's counter.
        last = max([contents.next_subscription_id - 1, *(s.id for s in contents.subscriptions)])
        if last > 0:
            cur.execute("SELECT setval(pg_get_serial_sequence('subscriptions', 'id'), %s)", (last,))
        with cur.copy("COPY articles (id, url, seen, shown, doc) FROM STDIN") as copy:
            for a in contents.articles:
                copy.write_row((a.id, a.url, a.seen, a.when, Jsonb(article_to_json(a))))
        with cur.copy("COPY feed_states (url, doc) FROM STDIN") as copy:
            for state in contents.feed_states:
                copy.write_row((state.url, Jsonb(_FEEDS.document(state))))
        with cur.copy(
            "COPY outbox (chat_id, story_id, status, created, sent, hold, body) FROM STDIN"
        ) as copy:
            for e in contents.outbox:
                body = _body(e)
                copy.write_row(
                    (
                        e.chat_id,
                        e.story.id,
                        str(e.status),
                        e.created,
                        e.sent,
                        str(e.hold),
                        None if body is None else Jsonb(json.loads(body)),
                    )
                )


def read_back(db: Database) -> dict[str, list[Any]]:
    """Every table as the PostgreSQL stores read it."""
    from storage.postgres.articles import PgFeedStateStore
    from storage.postgres.chats import PgChatStore
    from storage.postgres.outbox import _COLUMNS, _entry

    chats = PgChatStore(db)
    feeds = PgFeedStateStore(db)
    try:
        with db.connection() as conn:
            articles = [article_from_json(r[0]) for r in conn.execute("SELECT doc FROM articles")]
            outbox = [_entry(r) for r in conn.execute(f"SELECT {_COLUMNS} FROM outbox")]
        return {
            "chats": chats.chats(),
            "subscriptions": chats.all_subscriptions(),
            "articles": articles,
            "feed_states": feeds.all(),
            "outbox": outbox,
        }
    finally:  # each store gives back its own reference; the caller's keeps the pool open
        chats.close()
        feeds.close()


def migrate(db_path: Path, url: str) -> dict[str, tuple[int, str]]:
    """Copy the embedded store at `db_path` into the empty database at `url`, verified.
    The (count, checksum) of each table; StorageError (one line) if anything is wrong."""
    contents = read_embedded(db_path)
    db = Database(url, max_size=2).retain()  # released (the pool closed) at the end
    try:
        full = non_empty_tables(db)
        if full:
            raise StorageError(
                f"{redact(url)}: the target database is not empty ({', '.join(full)} has rows);"
                " migrate needs an empty one"
            )
        write(db, contents)
        expected = {name: fingerprint(values) for name, values in contents.tables().items()}
        found = {name: fingerprint(values) for name, values in read_back(db).items()}
        for name in TABLES:
            if expected[name] != found[name]:
                raise StorageError(
                    f"{redact(url)}: table {name} differs after the copy "
                    f"({expected[name][0]} rows read, {found[name][0]} found)"
                )
        return expected
    finally:
        db.release()
