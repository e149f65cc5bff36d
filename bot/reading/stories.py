"""Stories: the rule that tells one story told by two feeds (same id, same canonical URL,
or a near-identical title from another feed within 48 hours), and its index.

Title search costs what the candidates cost, not the whole index: titles are blocked by
their rarest character trigrams (a prefix filter that provably keeps every title the
fuzzy ratio could accept), and only those candidates are scored.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from functools import cache

from rapidfuzz import fuzz, process

from bot.models import Article
from bot.reading.articles import article_time, fold_text
from bot.text import one_line

STORY_WINDOW = timedelta(hours=48)
# Titles this similar (rapidfuzz ratio, 0-100) from two feeds are one story.
STORY_TITLE_SCORE = 92.0
# Shorter normalised titles ("Live updates", "In pictures") must match exactly.
STORY_MIN_FUZZY_LENGTH = 24


# Scoring one candidate in Python costs about what scanning 30 titles in C costs: when the
# trigram filter leaves more than 1/SCAN_RATIO of the titles, they are all scanned in C.
SCAN_RATIO = 32

_SOURCE_SUFFIX = re.compile(r"\s+(?:[-–—|:]|::)\s+[^-–—|:]{2,40}$")


def story_title(title: str) -> str:
    """A title reduced for comparison: case, accents, punctuation and a " - Source" tail gone."""
    title = _SOURCE_SUFFIX.sub("", one_line(title))
    folded = fold_text(title).replace("’", "'")
    words = re.findall(r"\w+", folded.replace("'s ", " ").replace("'", ""))
    return " ".join(words)


Gram = tuple[str, int]  # a character trigram and which occurrence of it in the title


@dataclass(frozen=True, slots=True)
class _Known:
    id: str
    story: str
    url: str
    feed: str
    title: str
    when: datetime
    seen: datetime
    order: int  # when it was added: of equally similar titles, the first one added wins


class StoryIndex:
    """Recent articles by id, URL and title, to tell new stories from ones already known.

    Not thread-safe: one caller at a time (the poller holds a lock around it).
    """

    def __init__(self, *, window: timedelta = STORY_WINDOW) -> None:
        self._window = window
        self._added = 0
        self._by_id: dict[str, _Known] = {}
        self._by_url: dict[str, _Known] = {}
        self._titled: dict[str, _Known] = {}  # article id → known with a title
        self._exact: dict[str, list[_Known]] = {}  # reduced title → knowns
        # Fuzzy search: each long title is filed under the rarest of its trigrams (its
        # prefix in the order `_rank` fixes); `_counts` are the trigrams' live frequencies,
        # copied into `_rank` whenever the number of long titles has doubled.
        self._postings: dict[Gram, list[_Known]] = {}
        self._counts: Counter[Gram] = Counter()
        self._rank: dict[Gram, int] = {}
        self._ranked_at = 0
        self._long = 0  # long titles filed
        self._fuzzy: list[_Known] = []  # the long titles filed, in order, for a full scan
        self._fuzzy_titles: list[str] = []

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
        """The story of a known article from another feed within the window whose title is
        the same, or (24+ characters) near-identical: the most similar one, first added first.
        """
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
        best: _Known | None = None
        best_score = 0.0
        for k, score in self._similar(title):
            if not fits(k):
                continue
            if score > best_score or (
                score == best_score and best is not None and k.order < best.order
            ):
                best, best_score = k, score
        return None if best is None else best.story

    def add(self, a: Article) -> None:
        self._added += 1
        title = story_title(a.title)
        known = _Known(a.id, a.story, a.url, a.feed, title, article_time(a), a.seen, self._added)
        self._by_id[a.id] = known
        if a.url:
            self._by_url.setdefault(a.url, known)
        if known.title:
            self._titled[a.id] = known
            self._exact.setdefault(known.title, []).append(known)
            if len(known.title) >= STORY_MIN_FUZZY_LENGTH:
                self._file(known)

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
        self._counts = Counter()
        self._long = 0
        for k in self._titled.values():
            if len(k.title) >= STORY_MIN_FUZZY_LENGTH:
                self._counts.update(set(_grams(k.title)))
                self._long += 1
        self._refile()

    # fuzzy search

    def _file(self, known: _Known) -> None:
        grams = _grams(known.title)
        self._counts.update(set(grams))
        self._long += 1
        self._fuzzy.append(known)
        self._fuzzy_titles.append(known.title)
        if self._long >= 2 * self._ranked_at:  # the order is stale: file every title anew
            self._refile()
            return
        for gram in self._prefix(grams):
            self._postings.setdefault(gram, []).append(known)

    def _refile(self) -> None:
        self._rank = dict(self._counts)
        self._ranked_at = max(1, self._long)
        self._postings = {}
        self._fuzzy = sorted(
            (k for k in self._titled.values() if len(k.title) >= STORY_MIN_FUZZY_LENGTH),
            key=lambda k: k.order,
        )
        self._fuzzy_titles = [k.title for k in self._fuzzy]
        for k in self._fuzzy:
            for gram in self._prefix(_grams(k.title)):
                self._postings.setdefault(gram, []).append(k)

    def _prefix(self, grams: list[Gram]) -> list[Gram]:
        """The title's rarest trigrams: any title it could match shares one of its own."""
        rank = self._rank
        ordered = sorted(grams, key=lambda g: (rank.get(g, 0), g))
        return ordered[: _prefix_size(len(grams) + 2)]

    def _similar(self, title: str) -> list[tuple[_Known, float]]:
        """Every current long title with a ratio at or above the threshold, and its ratio."""
        prefix = self._prefix(_grams(title))
        postings = [self._postings.get(gram, ()) for gram in prefix]
        if sum(map(len, postings)) > len(self._fuzzy_titles) // SCAN_RATIO:
            # Titles alike in their trigrams (a narrow vocabulary): the filter does not
            # narrow enough, and scanning them all in C costs less than the walk.
            found = process.extract(
                title,
                self._fuzzy_titles,
                scorer=fuzz.ratio,
                score_cutoff=STORY_TITLE_SCORE,
                limit=None,
            )
            pairs = [(self._fuzzy[i], score) for _, score, i in found]
        else:
            seen: set[int] = set()
            pairs = []
            for posting in postings:
                for k in posting:
                    if k.order in seen:
                        continue
                    seen.add(k.order)
                    score = fuzz.ratio(title, k.title, score_cutoff=STORY_TITLE_SCORE)
                    if score:
                        pairs.append((k, score))
        return [(k, score) for k, score in pairs if self._titled.get(k.id) is k]


def _grams(title: str) -> list[Gram]:
    """The title's character trigrams, each tagged with its occurrence number, so that
    shared grams count as a multiset (what the q-gram lemma below counts)."""
    seen: Counter[str] = Counter()
    grams = []
    for i in range(len(title) - 2):
        g = title[i : i + 3]
        grams.append((g, seen[g]))
        seen[g] += 1
    return grams


def _max_edits(total: int) -> int:
    """An upper bound on the Indel distance of two titles of `total` characters together
    that reach the ratio (ratio = 100·(1 - distance/total)); one more for rounding."""
    return total * int(100 - STORY_TITLE_SCORE) // 100 + 1


@cache
def _prefix_size(length: int) -> int:
    """How many of its rarest trigrams a title of `length` characters is filed under.

    Two titles of lengths m and n within k edits share at least max(m, n) - 2 - 3k
    trigrams (q-gram lemma, q = 3; an Indel distance bounds the edit distance). If every
    title keeps its grams minus that least overlap t, plus one, two titles that share t
    grams share one of those kept (the least shared gram in the common order): the
    prefix filter. t is the least over every length n the ratio allows beside m.
    """
    least = min(
        max(n, length) - 2 - 3 * _max_edits(n + length)
        for n in range(STORY_MIN_FUZZY_LENGTH, 2 * length + 3)
        if abs(n - length) <= _max_edits(n + length)
    )
    grams = length - 2
    if least < 1:  # no overlap guaranteed (never at 24+ characters): keep every gram
        return grams
    return grams - least + 1
