"""Stored articles searched with queries: /latest and the dry run of /subscribe.

Implements bot.chats.subscriptions.ArticleSearch over an ArticleStore (it reads the store) with
the pure matcher.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from bot.chats.subscriptions import DryRun
from bot.matching.document import prepare
from bot.matching.plan import match_query
from bot.matching.query import Query
from bot.models import Article
from storage.base import ArticleStore

DRY_RUN_ARTICLES = 500  # "2 of the last 500 stored articles would have matched"
LATEST_SCAN = 2000  # /latest looks this far back for five matches


class StoredArticleSearch:
    """Searches the newest stored articles; each article is prepared once per call."""

    def __init__(
        self,
        articles: ArticleStore,
        *,
        dry_run_size: int = DRY_RUN_ARTICLES,
        scan: int = LATEST_SCAN,
    ) -> None:
        self.articles = articles
        self.dry_run_size = dry_run_size
        self.scan = scan

    def dry_run(self, query: Query) -> DryRun:
        recent = self.articles.recent(self.dry_run_size)  # newest first
        hits = [a for a in recent if match_query(query, prepare(a)) is not None]
        return DryRun(matched=len(hits), scanned=len(recent), newest=hits[0] if hits else None)

    def latest(
        self,
        queries: Sequence[Query],
        *,
        limit: int,
        sees: Callable[[str], bool] | None = None,
    ) -> list[Article]:
        found: list[Article] = []
        seen_stories: set[str] = set()
        for article in self.articles.recent(self.scan):  # newest first
            # Before the story check: a story is seen on each feed that carried it.
            if sees is not None and not sees(article.feed):
                continue
            if article.story in seen_stories:
                continue  # one line per story, not one per feed that carried it
            doc = prepare(article)
            if any(match_query(q, doc) is not None for q in queries):
                found.append(article)
                seen_stories.add(article.story)
                if len(found) >= limit:
                    break
        return found
