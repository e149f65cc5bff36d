"""The feed poller's steps that need none of its state: reading a feed at most so many
entries, sorting a poll's entries into stories, what a poll did (PollResult) and its log
line, and the small helpers its pipeline uses.

Moved out of bot/reading/poller.py (which holds the pipeline itself) unchanged.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlsplit

from bot.errors import FeedError
from bot.models import Article, FeedState, PollOutcome
from bot.reading.decide import FIRST_POLL_MAX_AGE, Decision, Verdict, decide
from bot.reading.feeds import ParsedFeed, parse_feed
from bot.reading.stories import StoryIndex

# How many story decisions pass between two checks of the CPU time they took.
DECIDE_CHUNK = 512


@dataclass(frozen=True, slots=True)
class PollResult:
    """What one poll of one feed did."""

    url: str
    outcome: PollOutcome
    status: int = 0  # HTTP status, 0 when no response
    title: str = ""
    entries: int = 0
    read: int = 0  # articles read from the entries
    new: tuple[Article, ...] = ()  # new stories passed to on_new
    stored: int = 0  # articles stored (new stories, second sources, old first-poll entries)
    error: str = ""
    warning: str = ""
    retry_after: float | None = None
    etag: str = ""
    last_modified: str = ""
    listed: tuple[str, ...] = ()  # ids of the entries read, remembered in the feed's state


def log_poll(
    log: logging.Logger,
    result: PollResult,
    state_of: Callable[[str], FeedState | None],
    seconds: float,
) -> None:
    """Log what a poll did: a failure with its count and next try, a malformed feed, or
    the poll's counts."""
    if result.outcome == PollOutcome.FAILED:
        state = state_of(result.url)
        failures = state.failures if state else 1
        nxt = state.next_poll.isoformat(timespec="seconds") if state and state.next_poll else ""
        log.warning(
            "feed %s failed (%s), %d in a row; next try at %s",
            result.url,
            result.error,
            failures,
            nxt,
        )
        return
    if result.warning:
        log.warning(
            "feed %s is malformed (%s); read %d of %d entries",
            result.url,
            result.warning,
            result.read,
            result.entries,
        )
    log.info(
        "feed %s: %s, %d entries, %d new stories, %d stored (%.2f s)",
        result.url,
        result.outcome,
        result.entries,
        len(result.new),
        result.stored,
        seconds,
    )


def port_of(url: str) -> int | None:
    try:
        return urlsplit(url).port
    except ValueError:
        return None


def parse_at_most(body: bytes, *, max_entries: int, **options: Any) -> ParsedFeed:
    """parse_feed keeping the first `max_entries` articles (run in a worker: only those
    cross back), with a warning that says so."""
    parsed = parse_feed(body, **options)
    if len(parsed.articles) <= max_entries:
        return parsed
    note = f"{len(parsed.articles)} entries, only the first {max_entries} read"
    warning = f"{parsed.warning}; {note}" if parsed.warning else note
    return replace(parsed, articles=parsed.articles[:max_entries], warning=warning)


def decide_and_add(
    url: str,
    articles: list[Article],
    stories: StoryIndex,
    *,
    first: bool,
    listed: frozenset[str],
    now: datetime,
    cpu_seconds: float,
) -> list[Decision]:
    """The decider's verdicts, then every article to be stored added to the index; a
    FeedError past `cpu_seconds` of this thread's CPU time (a thread cannot be stopped
    from outside: it stops itself, checking every DECIDE_CHUNK decisions)."""
    started = time.thread_time()
    decisions: list[Decision] = []
    verdicts = decide(articles, stories=stories, first_poll=first, listed=listed, now=now)
    for n, d in enumerate(verdicts, 1):
        decisions.append(d)
        if n % DECIDE_CHUNK == 0 and time.thread_time() - started > cpu_seconds:
            raise FeedError(
                url, f"took over {cpu_seconds:g} s to sort {len(articles)} entries into stories"
            )
    for d in decisions:
        if d.verdict is not Verdict.KNOWN:
            stories.add(d.article)
    return decisions


def carried_entries(
    url: str,
    decisions: list[Decision],
    stories: StoryIndex,
    *,
    listed: frozenset[str],
    first: bool,
    now: datetime,
) -> list[Article]:
    """The entries of this poll that tell a story another feed brought first, as articles
    of this feed under that story's id (entries the feed listed before, and old entries
    of a first poll, left out)."""
    carried: list[Article] = []
    for d in decisions:
        a = d.article
        if a.id in listed:
            continue
        if first and a.published is not None and now - a.published > FIRST_POLL_MAX_AGE:
            continue
        if d.verdict is Verdict.SAME_STORY:
            carried.append(a)
        elif d.verdict is Verdict.KNOWN:
            known = stories.seen(a)
            story = stories.story_of_id(known.id) if known is not None else None
            if known is not None and story is not None and story[1] != url:
                carried.append(replace(a, id=known.id, story_id=story[0], feed=url))
    return carried


def entry_name(a: Article) -> str:
    """An entry as a log names it: its link, else its id."""
    return a.url or f"id {a.id}"


def retry_after(value: str, now: datetime) -> float | None:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date), or None."""
    value = value.strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - now).total_seconds())


def settle(batch: list[Article], fresh: frozenset[str], others: list[Article]) -> list[Article]:
    """A poll's articles to store after all, given what other instances stored since this
    one decided (`others`): an article they made known (same id or canonical URL) is left
    out; a new story (its id in `fresh`) whose title one of theirs told from another feed
    within the story window joins that story (stored as its second source, not passed on).
    """
    if not others:
        return batch
    theirs = StoryIndex()
    theirs.add_all(others)
    kept = []
    for a in batch:
        if theirs.seen(a) is not None:
            continue
        if a.id in fresh:
            story = theirs.story_of(a)
            # (A story of its own id: this instance's later poll joined it, not theirs.)
            if story is not None and story != a.id:
                a = replace(a, story_id=story)
        kept.append(a)
    return kept
