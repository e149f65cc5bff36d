"""Stored articles searched with queries: /latest and the dry run of /subscribe.

Implements bot.chats.subscriptions.ArticleSearch over the prepared Documents of the newest
stored articles (bot.chats.prepared): nothing is tokenised per command, an article that
cannot match is skipped by a word look-up, and a search stops at its time budget with what
it found. The handlers run it in a worker thread, off the event loop.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from bot.chats.prepared import PreparedArticles, may_match
from bot.chats.subscriptions import DryRun
from bot.matching.plan import match_query
from bot.matching.query import Query
from bot.models import Article
from storage.base import ArticleStore

DRY_RUN_ARTICLES = 500  # "2 of the last 500 stored articles would have matched"
LATEST_SCAN = 2000  # /latest looks this far back for five matches
# Seconds one search may take; past it, it answers with what it found (a dry run then
# says how many articles it did scan). Far above what a search takes (a few ms).
SEARCH_BUDGET = 2.0


class StoredArticleSearch:
    """Searches the newest stored articles through their prepared Documents."""

    def __init__(
        self,
        articles: ArticleStore,
        *,
        dry_run_size: int = DRY_RUN_ARTICLES,
        scan: int = LATEST_SCAN,
        budget: float = SEARCH_BUDGET,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if not isinstance(articles, PreparedArticles):
            articles = PreparedArticles(articles, window=max(scan, dry_run_size))
        self.articles = articles
        self.dry_run_size = dry_run_size
        self.scan = scan
        self.budget = budget
        self.clock = clock

    def dry_run(self, query: Query) -> DryRun:
        deadline = self.clock() + self.budget
        documents = self.articles.documents(self.dry_run_size)  # newest first
        needles = self.articles.needles(query)  # after: it reads the prepared vocabulary
        matched: list[Article] = []
        scanned = 0
        for article, doc in documents:
            if self.clock() > deadline:
                break
            scanned += 1
            if may_match(query.root, doc, needles) and match_query(query, doc) is not None:
                matched.append(article)
        return DryRun(matched=len(matched), scanned=scanned, newest=matched[0] if matched else None)

    def latest(
        self,
        queries: Sequence[Query],
        *,
        limit: int,
        sees: Callable[[str], bool] | None = None,
    ) -> list[Article]:
        deadline = self.clock() + self.budget
        documents = self.articles.documents(self.scan)  # newest first
        wanted = [(q, self.articles.needles(q)) for q in queries]  # after: see dry_run
        found: list[Article] = []
        seen_stories: set[str] = set()
        for article, doc in documents:
            if len(found) >= limit or self.clock() > deadline:
                break
            # Before the story check: a story is seen on each feed that carried it.
            if sees is not None and not sees(article.feed):
                continue
            if article.story in seen_stories:
                continue  # one line per story, not one per feed that carried it
            if any(
                may_match(q.root, doc, needles) and match_query(q, doc) is not None
                for q, needles in wanted
            ):
                found.append(article)
                seen_stories.add(article.story)
        return found
