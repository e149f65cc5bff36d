"""Newsbot's stores on PostgreSQL (psycopg 3, plain SQL), selected by NEWSBOT_DATABASE_URL.

`pool.Database` owns the connection pool and applies the numbered migrations in
`migrations/` at open, under an advisory lock; one module per store family implements
the Protocols of storage.base over it.
"""

from __future__ import annotations

from dataclasses import dataclass

from storage.postgres.articles import PgArticleStore, PgFeedStateStore
from storage.postgres.chats import PgChatStore
from storage.postgres.outbox import PgOutbox
from storage.postgres.pool import Database


@dataclass(frozen=True, slots=True)
class PgStores:
    """The four stores on one database, sharing its pool (closed with the last store)."""

    chats: PgChatStore
    articles: PgArticleStore
    feed_states: PgFeedStateStore
    outbox: PgOutbox

    def close_unused(self, *used: object) -> None:
        """Close the stores the caller replaced with others (tests pass their own)."""
        for store in (self.chats, self.articles, self.feed_states, self.outbox):
            if not any(store is u for u in used):
                store.close()


def open_stores(url: str, *, retention_days: float = 7) -> PgStores:
    """Connect, apply pending migrations, and build every store; StorageError if it fails."""
    db = Database(url)
    return PgStores(
        chats=PgChatStore(db),
        articles=PgArticleStore(db, retention_days=retention_days),
        feed_states=PgFeedStateStore(db),
        outbox=PgOutbox(db),
    )
