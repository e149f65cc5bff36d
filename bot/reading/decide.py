"""The decider of a poll: what to do with each entry a feed lists. Pure: data in, decisions out.

As in lemon24/reader's update code, the decider only processes data and the pipeline
(`FeedPoller`) calls the dependencies: fetching, parsing, full text, storing, handing on.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Set
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Protocol

from bot.models import Article

# On a feed's first poll, entries published longer ago than this are history, not news.
FIRST_POLL_MAX_AGE = timedelta(hours=24)


class Verdict(StrEnum):
    """What the pipeline does with one entry."""

    NEW = "new"  # a new story: full text read, stored, handed on
    SAME_STORY = "same-story"  # a story another feed told: stored as its second source
    TOO_OLD = "too-old"  # first poll, published over 24 h ago: stored, not handed on
    KNOWN = "known"  # listed by the feed before, or this very article seen already: nothing


@dataclass(frozen=True, slots=True)
class Decision:
    verdict: Verdict
    article: Article  # for SAME_STORY, with `story_id` set to the story it joins


class StoryLookup(Protocol):
    """What the decider asks of the recent stories (see `bot.reading.stories.StoryIndex`)."""

    def seen(self, a: Article, /) -> Article | None: ...

    def story_of(self, a: Article, /) -> str | None: ...


def decide(
    articles: Iterable[Article],
    *,
    stories: StoryLookup,
    first_poll: bool,
    listed: Set[str],
    now: datetime,
) -> Iterator[Decision]:
    """One decision per article, in order (lazily: the caller may stop early).

    `listed` holds the ids the feed listed at its last poll; `stories` the articles
    stored recently (it is only read: the pipeline adds what it stores). Two entries
    of one poll with the same id or link are one article: the second is KNOWN.
    """
    ids: set[str] = set()
    urls: set[str] = set()
    for a in articles:
        if (
            a.id in listed
            or a.id in ids
            or (a.url and a.url in urls)
            or stories.seen(a) is not None
        ):
            yield Decision(Verdict.KNOWN, a)
            continue
        ids.add(a.id)
        if a.url:
            urls.add(a.url)
        story = stories.story_of(a)
        if story is not None:
            yield Decision(Verdict.SAME_STORY, replace(a, story_id=story))
        elif first_poll and a.published is not None and now - a.published > FIRST_POLL_MAX_AGE:
            yield Decision(Verdict.TOO_OLD, a)
        else:
            yield Decision(Verdict.NEW, a)
