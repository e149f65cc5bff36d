"""The TinyDB article store: read articles in a file of their own beside NEWSBOT_DB.

Articles are served from memory; a poll's batch is written in one atomic write that
re-encodes only the new documents (AtomicJSONStorage.apply). They are kept for the
retention period (by first-seen time) and up to a cap, each text bounded in size.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence, Set
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

from tinydb import TinyDB

from bot.errors import StorageError
from bot.models import Article
from bot.reading.articles import article_from_json, article_to_json
from storage.atomic import AtomicJSONStorage
from storage.base import NewArticles, Settle

TABLE = "articles"
DEFAULT_MAX_ARTICLES = 10_000
DEFAULT_MAX_TEXT_CHARS = 20_000


def articles_path(db_path: Path) -> Path:
    """The article file beside the main store file: newsbot.json → newsbot.articles.json."""
    return db_path.with_name(f"{db_path.stem}.articles.json")


class TinyArticleStore:
    """ArticleStore on a TinyDB file. `fsync=False` is only for tests and benchmarks."""

    def __init__(
        self,
        path: Path,
        *,
        retention_days: float = 7,
        max_articles: int = DEFAULT_MAX_ARTICLES,
        max_text_chars: int = DEFAULT_MAX_TEXT_CHARS,
        fsync: bool = True,
    ) -> None:
        self.path = Path(path)
        self.retention = timedelta(days=retention_days)
        self.max_articles = max_articles
        self.max_text_chars = max_text_chars
        self._lock = threading.Lock()
        self._adding = threading.Lock()
        self._db = TinyDB(self.path, storage=AtomicJSONStorage, fsync=fsync)
        storage = self._db.storage
        assert isinstance(storage, AtomicJSONStorage)  # TinyDB built it from the class above
        self._storage = storage
        self._by_id: dict[str, Article] = {}
        self._by_url: dict[str, str] = {}
        self._newest: list[Article] | None = None  # sorted cache for recent()
        try:
            docs = (self._storage.read() or {}).get(TABLE, {})
            for doc in docs.values():
                self._remember(article_from_json(doc))
        except (ValueError, TypeError, KeyError) as exc:
            raise StorageError(f"{self.path}: malformed article ({exc})") from exc

    def __len__(self) -> int:
        return len(self._by_id)

    def add(self, articles: Sequence[Article]) -> None:
        if not articles:
            return
        bounded = [self._bounded(a) for a in articles]
        with self._lock:
            self._storage.apply({TABLE: {a.id: article_to_json(a) for a in bounded}})
            for a in bounded:
                self._remember(a)
            self._newest = None

    def mark(self) -> int:
        return 0  # one process writes this file: there are never others to read

    def add_new(
        self, *, after: int, settle: Settle, stories: Set[str] = frozenset()
    ) -> NewArticles:
        # One process: a story it did not hand on is lost with it, as before several
        # instances (handed/unhanded keep nothing).
        with self._adding:  # one add_new at a time, as on PostgreSQL
            chosen = {a.id: a for a in settle([])}
            new = [a for a in chosen.values() if a.id not in self._by_id]
            self.add(new)
        return NewArticles(stored=[self._bounded(a) for a in new], others=[], mark=0)

    def handed(self, article_ids: Sequence[str]) -> None:
        pass

    def unhanded(self, *, older_than: timedelta, limit: int) -> list[Article]:
        return []

    def get(self, article_id: str) -> Article | None:
        return self._by_id.get(article_id)

    def get_by_url(self, url: str) -> Article | None:
        found = self._by_url.get(url)
        return None if found is None else self._by_id.get(found)

    def recent(self, limit: int) -> list[Article]:
        with self._lock:
            if self._newest is None:
                self._newest = sorted(self._by_id.values(), key=_when, reverse=True)
            return self._newest[: max(0, limit)]

    def since(self, when: datetime) -> list[Article]:
        with self._lock:
            found = [a for a in self._by_id.values() if a.seen >= when]
        return sorted(found, key=lambda a: a.seen)

    def prune(self, now: datetime) -> int:
        with self._lock:
            cutoff = now - self.retention
            expired = {i for i, a in self._by_id.items() if a.seen < cutoff}
            kept = len(self._by_id) - len(expired)
            if kept > self.max_articles:  # beyond the cap: the oldest first-seen go first
                alive = sorted(
                    (a for i, a in self._by_id.items() if i not in expired), key=lambda a: a.seen
                )
                expired.update(a.id for a in alive[: kept - self.max_articles])
            if not expired:
                return 0
            self._storage.apply({TABLE: dict.fromkeys(expired)})
            for article_id in expired:
                gone = self._by_id.pop(article_id)
                if self._by_url.get(gone.url) == article_id:
                    del self._by_url[gone.url]
            self._newest = None
            return len(expired)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def _remember(self, a: Article) -> None:
        old = self._by_id.get(a.id)
        if old is not None and old.url != a.url and self._by_url.get(old.url) == a.id:
            del self._by_url[old.url]
        self._by_id[a.id] = a
        if a.url:
            self._by_url.setdefault(a.url, a.id)

    def _bounded(self, a: Article) -> Article:
        if len(a.text) <= self.max_text_chars:
            return a
        cut = a.text[: self.max_text_chars]
        space = cut.rfind(" ")
        return replace(a, text=cut[:space] if space > self.max_text_chars * 0.9 else cut)


def _when(article: Article) -> datetime:
    return article.when
