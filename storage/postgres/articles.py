"""ArticleStore and FeedStateStore on PostgreSQL: the reading side's two stores.

An article is stored as its `newsbot match` JSON (bot.reading.articles.article_to_json)
beside the columns the queries need; a batch is one transaction. Retention and the cap
work as in the TinyDB store (storage/articles.py). A feed state is the codec's document
(storage/codec.py); its row also holds the feed's polling lease and next due time
(`claim`/`renew`/`release`, storage.base.FeedLeases): a row exists from the feed's first
claim, its document from the end of its first poll.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence, Set
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from psycopg.types.json import Jsonb

from bot.errors import StorageError
from bot.models import Article, FeedState
from bot.reading.articles import article_from_json, article_to_json
from storage.articles import DEFAULT_MAX_ARTICLES, DEFAULT_MAX_TEXT_CHARS
from storage.base import NewArticles, Settle
from storage.codec import Codec
from storage.postgres.pool import Database

_FEEDS = Codec(FeedState, "url")
# A claim looks at this many times its limit of due feeds (some may be feeds this
# instance does not poll).
LOOK_AHEAD = 4
# pg_advisory_xact_lock key of add_new: the one step at a time that tells new stories
# ("newsbot" + "S"; 1 is the migrations', 2 and 3 the roles' in storage/postgres/roles.py).
STORIES_LOCK = 0x6E657773_626F7453


class _Store:
    def __init__(self, db: Database, what: str) -> None:
        self._db = db.retain()
        self._what = what
        self._closed = False

    def _conn(self) -> Any:
        if self._closed:
            raise StorageError(f"the {self._what} store is closed")
        return self._db.connection()

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self._db.release()


class PgArticleStore(_Store):
    """ArticleStore on PostgreSQL, kept for `retention_days` and up to `max_articles`."""

    def __init__(
        self,
        db: Database,
        *,
        retention_days: float = 7,
        max_articles: int = DEFAULT_MAX_ARTICLES,
        max_text_chars: int = DEFAULT_MAX_TEXT_CHARS,
    ) -> None:
        super().__init__(db, "article")
        self.retention = timedelta(days=retention_days)
        self.max_articles = max_articles
        self.max_text_chars = max_text_chars

    def add(self, articles: Sequence[Article]) -> None:
        if not articles:
            return
        latest = {a.id: self._bounded(a) for a in articles}  # the last of an id wins
        rows = [(a.id, a.url, a.seen, a.when, Jsonb(article_to_json(a))) for a in latest.values()]
        with self._conn() as conn:
            conn.cursor().executemany(
                "INSERT INTO articles (id, url, seen, shown, doc) VALUES (%s, %s, %s, %s, %s)"
                " ON CONFLICT (id) DO UPDATE SET url = EXCLUDED.url, seen = EXCLUDED.seen,"
                " shown = EXCLUDED.shown, doc = EXCLUDED.doc",
                rows,
            )

    def mark(self) -> int:
        with self._conn() as conn:
            return int(conn.execute("SELECT coalesce(max(seq), 0) FROM articles").fetchone()[0])

    def add_new(
        self, *, after: int, settle: Settle, stories: Set[str] = frozenset()
    ) -> NewArticles:
        # Under the advisory lock, rows come in the order of `seq` (each add_new takes its
        # numbers and commits before the next one starts): reading `seq > after` misses
        # nothing another add_new stored.
        with self._conn() as conn, conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (STORIES_LOCK,))
            rows = conn.execute(
                "SELECT seq, doc FROM articles WHERE seq > %s ORDER BY seq", (after,)
            ).fetchall()
            others = [article_from_json(doc) for _, doc in rows]
            mark = max([after, *(seq for seq, _ in rows)])
            chosen = {a.id: self._bounded(a) for a in settle(others)}  # the last of an id wins
            stored: list[Article] = []
            if chosen:
                found = conn.execute(
                    "INSERT INTO articles (id, url, seen, shown, doc, pending_since)"
                    " SELECT i, u, s, w, d, CASE WHEN p THEN now() END"
                    " FROM unnest(%s::text[], %s::text[], %s::timestamptz[],"
                    " %s::timestamptz[], %s::jsonb[], %s::bool[]) AS t(i, u, s, w, d, p)"
                    " ON CONFLICT (id) DO NOTHING RETURNING id, seq",
                    (
                        [a.id for a in chosen.values()],
                        [a.url for a in chosen.values()],
                        [a.seen for a in chosen.values()],
                        [a.when for a in chosen.values()],
                        [Jsonb(article_to_json(a)) for a in chosen.values()],
                        [a.id in stories and not a.story_id for a in chosen.values()],
                    ),
                ).fetchall()
                mark = max([mark, *(seq for _, seq in found)])
                new = {article_id for article_id, _ in found}
                stored = [a for a in chosen.values() if a.id in new]
        return NewArticles(stored=stored, others=others, mark=mark)

    def handed(self, article_ids: Sequence[str]) -> None:
        if not article_ids:
            return
        with self._conn() as conn:
            conn.execute(
                "UPDATE articles SET pending_since = NULL"
                " WHERE id = ANY(%s) AND pending_since IS NOT NULL",
                (list(article_ids),),
            )

    def unhanded(self, *, older_than: timedelta, limit: int) -> list[Article]:
        # The server's clock on both sides: instances' clocks play no part here.
        with self._conn() as conn:
            rows = conn.execute(
                "UPDATE articles SET pending_since = now() WHERE id IN ("
                " SELECT id FROM articles WHERE pending_since < now() - %s"
                " ORDER BY pending_since LIMIT %s FOR UPDATE SKIP LOCKED)"
                " RETURNING seq, doc",
                (older_than, max(0, limit)),
            ).fetchall()
        return [article_from_json(doc) for _, doc in sorted(rows, key=lambda r: r[0])]

    def _one(self, sql: str, param: str) -> Article | None:
        with self._conn() as conn:
            row = conn.execute(sql, (param,)).fetchone()
        return None if row is None else article_from_json(row[0])

    def get(self, article_id: str) -> Article | None:
        return self._one("SELECT doc FROM articles WHERE id = %s", article_id)

    def get_by_url(self, url: str) -> Article | None:
        if not url:
            return None
        return self._one("SELECT doc FROM articles WHERE url = %s ORDER BY seq LIMIT 1", url)

    def recent(self, limit: int) -> list[Article]:
        with self._conn() as conn:
            rows = conn.execute(
                "SELECT doc FROM articles ORDER BY shown DESC, seq LIMIT %s", (max(0, limit),)
            ).fetchall()
        return [article_from_json(r[0]) for r in rows]

    def since(self, when: datetime) -> list[Article]:
        with self._conn() as conn:
            rows = conn.execute(
                "SELECT doc FROM articles WHERE seen >= %s ORDER BY seen, seq", (when,)
            ).fetchall()
        return [article_from_json(r[0]) for r in rows]

    def prune(self, now: datetime) -> int:
        with self._conn() as conn:
            expired = conn.execute(
                "DELETE FROM articles WHERE seen < %s", (now - self.retention,)
            ).rowcount
            capped = conn.execute(
                "DELETE FROM articles WHERE id IN (SELECT id FROM articles"
                " ORDER BY seen DESC, seq DESC OFFSET %s)",
                (self.max_articles,),
            ).rowcount
        return int(expired) + int(capped)

    def __len__(self) -> int:
        with self._conn() as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])

    def _bounded(self, a: Article) -> Article:
        if len(a.text) <= self.max_text_chars:
            return a
        cut = a.text[: self.max_text_chars]
        space = cut.rfind(" ")
        return replace(a, text=cut[:space] if space > self.max_text_chars * 0.9 else cut)


class PgFeedStateStore(_Store):
    """FeedStateStore and FeedLeases on PostgreSQL, keyed by feed URL."""

    def __init__(self, db: Database) -> None:
        super().__init__(db, "feed state")
        self._rows: set[str] = set()  # feeds this object knows to have a row
        self._rows_lock = threading.Lock()
        self._asked: Sequence[str] = ()  # the last list of feeds a claim was given
        self._listed: frozenset[str] = frozenset()
        self._missing: list[str] = []

    def get(self, url: str) -> FeedState | None:
        with self._conn() as conn:
            row = conn.execute(
                "SELECT doc FROM feed_states WHERE url = %s AND doc IS NOT NULL", (url,)
            ).fetchone()
        return None if row is None else _FEEDS.value(url, row[0])

    def save(self, state: FeedState) -> None:
        doc = _FEEDS.document(state)
        with self._conn() as conn:
            conn.execute(
                "INSERT INTO feed_states (url, doc) VALUES (%s, %s)"
                " ON CONFLICT (url) DO UPDATE SET doc = EXCLUDED.doc",
                (state.url, Jsonb(doc)),
            )

    def all(self) -> list[FeedState]:
        with self._conn() as conn:
            rows = conn.execute(
                "SELECT url, doc FROM feed_states WHERE doc IS NOT NULL ORDER BY url"
            ).fetchall()
        return [_FEEDS.value(url, doc) for url, doc in rows]

    # -- leases ----------------------------------------------------------------------

    def claim(
        self, urls: Sequence[str], *, owner: str, now: datetime, lease: timedelta, limit: int
    ) -> list[str]:
        if not urls or limit <= 0:
            return []
        with self._rows_lock:
            # The poller asks with the same sequence until its feeds change: the set and
            # the rows to create are worked out once per list, not once per claim.
            if urls is not self._asked:
                self._asked, self._listed = urls, frozenset(urls)
                self._missing = [u for u in dict.fromkeys(urls) if u not in self._rows]
            listed, missing = self._listed, self._missing
        with self._conn() as conn:
            if missing:  # a feed never claimed gets its row (no document yet): due at once
                conn.execute(
                    "INSERT INTO feed_states (url) SELECT unnest(%s::text[])"
                    " ON CONFLICT (url) DO NOTHING",
                    (missing,),
                )
            # The due rows first (by the index on next_due; no list of feeds is sent: at
            # 100,000 feeds that alone cost 0.35 s a claim). Rows another claim has locked
            # are skipped, not waited for; one it has committed no longer passes the
            # lease test (re-checked on the new version).
            due = conn.execute(
                "SELECT url, next_due FROM feed_states"
                " WHERE (next_due IS NULL OR next_due <= %(now)s)"
                " AND (lease_until IS NULL OR lease_until <= %(now)s)"
                " ORDER BY next_due NULLS FIRST LIMIT %(look)s"
                " FOR UPDATE SKIP LOCKED",
                {"now": now, "look": LOOK_AHEAD * limit},
            ).fetchall()
            mine = [(url, when) for url, when in due if url in listed][:limit]
            # A due feed this instance does not poll (a chat removed it; another instance
            # may still list it) steps aside for one lease, so it never blocks the head.
            aside = [url for url, _ in due if url not in listed]
            if mine:
                conn.execute(
                    "UPDATE feed_states SET lease_owner = %s, lease_until = %s WHERE url = ANY(%s)",
                    (owner, now + lease, [url for url, _ in mine]),
                )
            if aside:
                conn.execute(
                    "UPDATE feed_states SET next_due = %s WHERE url = ANY(%s)",
                    (now + lease, aside),
                )
        with self._rows_lock:
            self._rows.update(missing)
            if self._asked is urls:
                self._missing = []
        return [url for url, _ in mine]

    def renew(
        self, urls: Sequence[str], *, owner: str, now: datetime, lease: timedelta
    ) -> list[str]:
        if not urls:
            return []
        with self._conn() as conn:
            rows = conn.execute(
                "UPDATE feed_states SET lease_until = %s"
                " WHERE url = ANY(%s) AND lease_owner = %s RETURNING url",
                (now + lease, list(urls), owner),
            ).fetchall()
        return sorted(r[0] for r in rows)

    def release(self, url: str, *, owner: str, next_due: datetime) -> bool:
        with self._conn() as conn:
            done = conn.execute(
                "UPDATE feed_states SET lease_owner = NULL, lease_until = NULL, next_due = %s"
                " WHERE url = %s AND lease_owner = %s",
                (next_due, url, owner),
            ).rowcount
        return bool(done)
