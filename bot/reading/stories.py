"""Stories: the rule that tells one story told by two feeds (same id, same canonical URL,
or a near-identical title from another feed within 48 hours), and its index.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from rapidfuzz import fuzz, process

from bot.models import Article
from bot.reading.articles import article_time, fold_text
from bot.text import one_line

STORY_WINDOW = timedelta(hours=48)
# Titles this similar (rapidfuzz ratio, 0-100) from two feeds are one story.
STORY_TITLE_SCORE = 92.0
# Shorter normalised titles ("Live updates", "In pictures") must match exactly.
STORY_MIN_FUZZY_LENGTH = 24


_SOURCE_SUFFIX = re.compile(r"\s+(?:[-–—|:]|::)\s+[^-–—|:]{2,40}$")


def story_title(title: str) -> str:
    """A title reduced for comparison: case, accents, punctuation and a " - Source" tail gone."""
    title = _SOURCE_SUFFIX.sub("", one_line(title))
    folded = fold_text(title).replace("’", "'")
    words = re.findall(r"\w+", folded.replace("'s ", " ").replace("'", ""))
    return " ".join(words)


def same_story(a: Article, b: Article, *, window: timedelta = STORY_WINDOW) -> bool:
    """Same id, same canonical URL, or near-identical titles from two feeds within 48 hours."""
    if a.id == b.id or (a.url and a.url == b.url):
        return True
    if a.feed == b.feed or abs(article_time(a) - article_time(b)) > window:
        return False
    return _titles_match(story_title(a.title), story_title(b.title))


def _titles_match(x: str, y: str) -> bool:
    if not x or not y:
        return False
    if x == y:
        return True
    if min(len(x), len(y)) < STORY_MIN_FUZZY_LENGTH:
        return False
    return fuzz.ratio(x, y, score_cutoff=STORY_TITLE_SCORE) > 0


@dataclass(frozen=True, slots=True)
class _Known:
    id: str
    story: str
    url: str
    feed: str
    title: str
    when: datetime
    seen: datetime


class StoryIndex:
    """Recent articles by id, URL and title, to tell new stories from ones already known."""

    def __init__(self, *, window: timedelta = STORY_WINDOW) -> None:
        self._window = window
        self._by_id: dict[str, _Known] = {}
        self._by_url: dict[str, _Known] = {}
        self._titled: dict[str, _Known] = {}  # article id → known, for fuzzy title search
        self._exact: dict[str, list[_Known]] = {}  # reduced title → knowns
        self._knowns: list[_Known] = []
        self._titles: list[str] | None = None  # titles of _knowns, for rapidfuzz

    def __len__(self) -> int:
        return len(self._by_id)

    def seen(self, a: Article) -> Article | None:
        """The article under its known id when it (same id or canonical URL) was seen before."""
        known = self._by_id.get(a.id) or (self._by_url.get(a.url) if a.url else None)
        return None if known is None else replace(a, id=known.id)

    def story_of_id(self, article_id: str) -> tuple[str, str] | None:
        """(story id, feed) of the known article with this id, or None."""
        known = self._by_id.get(article_id)
        return None if known is None else (known.story, known.feed)

    def story_of(self, a: Article) -> str | None:
        """The story id of a known article from another feed with a near-identical title."""
        title = story_title(a.title)
        if not title:
            return None
        when = article_time(a)

        def fits(k: _Known) -> bool:
            return k.feed != a.feed and abs(k.when - when) <= self._window

        for k in self._exact.get(title, ()):
            if fits(k):
                return k.story
        if len(title) < STORY_MIN_FUZZY_LENGTH:
            return None
        if self._titles is None:  # rebuilt lazily after changes: rapidfuzz scans it in C
            self._knowns = [
                k for k in self._titled.values() if len(k.title) >= STORY_MIN_FUZZY_LENGTH
            ]
            self._titles = [k.title for k in self._knowns]
        found = process.extract(
            title, self._titles, scorer=fuzz.ratio, score_cutoff=STORY_TITLE_SCORE, limit=20
        )
        for _, _, index in found:
            if fits(self._knowns[index]):
                return self._knowns[index].story
        return None

    def add(self, a: Article) -> None:
        known = _Known(a.id, a.story, a.url, a.feed, story_title(a.title), article_time(a), a.seen)
        self._by_id[a.id] = known
        if a.url:
            self._by_url.setdefault(a.url, known)
        if known.title:
            self._titled[a.id] = known
            self._exact.setdefault(known.title, []).append(known)
            if self._titles is not None and len(known.title) >= STORY_MIN_FUZZY_LENGTH:
                self._knowns.append(known)
                self._titles.append(known.title)

    def add_all(self, articles: Iterable[Article]) -> None:
        for a in articles:
            self.add(a)

    def forget(self, *, seen_before: datetime, published_before: datetime) -> None:
        """Forget articles first seen before `seen_before` (as the store prunes them), and
        drop from title search those that appeared before `published_before`."""
        self._by_id = {i: k for i, k in self._by_id.items() if k.seen >= seen_before}
        self._by_url = {u: k for u, k in self._by_url.items() if k.seen >= seen_before}
        self._titled = {
            i: k for i, k in self._titled.items() if i in self._by_id and k.when >= published_before
        }
        self._exact = {}
        for k in self._titled.values():
            self._exact.setdefault(k.title, []).append(k)
        self._titles = None
