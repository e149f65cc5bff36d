"""The FeedPoller: polls each feed on its own schedule and hands new stories on.

Polls each feed with jitter, one poll per feed at a time, bounded overall and per host;
sends ETag/Last-Modified back, honours Retry-After, backs off exponentially on failure
and records each feed's health.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import time
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import replace
from datetime import datetime, timedelta
from functools import partial

import httpx

from bot.config import Settings
from bot.errors import FeedError, StorageError
from bot.models import Article, FeedState, PollOutcome, utcnow
from bot.reading.articles import looks_like_teaser
from bot.reading.decide import FIRST_POLL_MAX_AGE, Verdict
from bot.reading.feedlist import DEFAULT_FEEDS
from bot.reading.feeds import ParsedFeed, host_of
from bot.reading.fetching import Fetcher
from bot.reading.leasing import LEASE_SECONDS, LeasedPolling, LocalLeases, instance_owner
from bot.reading.pages import Page, extract_page, fetch_fulltext
from bot.reading.pollsteps import (
    PollResult,
    carried_entries,
    decide_and_add,
    entry_name,
    log_poll,
    parse_at_most,
    port_of,
    retry_after,
    settle,
)
from bot.reading.stories import StoryIndex
from bot.reading.workers import (
    NORMAL,
    SUSPECT,
    URGENT,
    CpuWorkers,
    WorkerCrash,
    WorkOverMemory,
    WorkTimeout,
)
from storage.base import ArticleStore, FeedLeases, FeedStateStore

log = logging.getLogger(__name__)

MAX_CONCURRENT_POLLS = 8
MAX_PER_HOST = 2
# Article pages have their own slots: slow pages never hold the slots feeds poll with.
MAX_CONCURRENT_PAGES = 8
MAX_PAGES_PER_HOST = 2
MAX_BACKOFF_SECONDS = 3600.0
MAX_RETRY_AFTER_SECONDS = 6 * 3600.0
JITTER = 0.1  # each interval varies by ±10%, so feeds never poll in lockstep
# Entry ids remembered per feed (FeedState.listed); feeds list far fewer.
MAX_LISTED = 1000
# Entries read per poll of a feed, the first (real feeds list up to ~730); cut in the worker:
# 30,000 articles would cost the bot's own process ~100 MB (articles, story index, store).
MAX_ENTRIES = 1000
# Documents over this size are suspects in the workers' queue (real feeds and pages are
# smaller but for a 1.6 MB podcast feed; the hostile ones that cost seconds are 4.7-7 MB).
HEAVY_BYTES = 1_000_000
FULLTEXT_CONCURRENCY = 4
STOP_GRACE_SECONDS = 10.0
# CPU seconds a document may take in a worker process; past them the feed (or page) fails.
# 1,000,000 nested XML elements cost 18 s a poll; a feed of 30,000 entries (6.5 MB) parses
# in 6 s of CPU, and the size cap is 10 MB; a 4.7 MB page extracts in about a second.
PARSE_SECONDS = 12.0
EXTRACT_SECONDS = 10.0
# CPU seconds (of its thread) a poll's story decisions may take; checked every chunk.
# 30,000 entries against 2,000 stored titles take 3-10 s on a loaded machine.
DECIDE_SECONDS = 30.0
# A new story stored but not handed on to the alert side for NEWSBOT_STORY_HANDOVER_SECONDS
# (its instance died in between) is handed on by another instance, which looks every
# HANDOVER_EVERY seconds, or every half of that setting when it is shorter.
HANDOVER_EVERY = 30.0
HANDOVER_BATCH = 200

NewStories = Callable[[list[Article]], Awaitable[None]]


def feed_urls(settings: Settings) -> tuple[str, ...]:
    """The feeds to poll: the operator's list, else the built-in one."""
    return settings.feeds or DEFAULT_FEEDS


class FeedPoller:
    """Polls every feed on its own schedule and hands new stories to `on_new`.

    The feeds are the operator's (`feeds`, trusted) and those chats added (`chat_feeds`,
    read again by `refresh()`; fetched like any outside URL: never a private address),
    each polled once however many chats added it.

    `start()` launches one task per feed; `refresh()` starts and stops tasks as chats add
    and remove feeds; `stop()` lets polls in flight finish (up to a grace period) and then
    cancels. `poll_once(url)` and `poll_all()` run a poll now (tests, the CLI). A poll
    never raises: failures are recorded in the feed's state.
    """

    def __init__(
        self,
        *,
        settings: Settings,
        client: httpx.AsyncClient,
        articles: ArticleStore,
        feed_states: FeedStateStore,
        on_new: NewStories,
        clock: Callable[[], datetime] = utcnow,
        feeds: Iterable[str] | None = None,
        chat_feeds: Callable[[], Iterable[str]] | None = None,
        rng: random.Random | None = None,
        max_concurrent: int = MAX_CONCURRENT_POLLS,
        max_per_host: int = MAX_PER_HOST,
        max_concurrent_pages: int = MAX_CONCURRENT_PAGES,
        max_pages_per_host: int = MAX_PAGES_PER_HOST,
        workers: CpuWorkers | None = None,
        parse_seconds: float = PARSE_SECONDS,
        extract_seconds: float = EXTRACT_SECONDS,
        decide_seconds: float = DECIDE_SECONDS,
        max_entries: int = MAX_ENTRIES,
        leases: FeedLeases | None = None,
        owner: str = "",
        lease_seconds: float = LEASE_SECONDS,
    ) -> None:
        self.settings = settings
        self.fetcher = Fetcher.from_settings(client, settings)
        self.articles = articles
        self.feed_states = feed_states
        self.on_new = on_new
        self.clock = clock
        self.operator_feeds = tuple(feeds if feeds is not None else feed_urls(settings))
        self._trusted = frozenset(self.operator_feeds)
        self._chat_feeds = chat_feeds
        self.feeds = self._listed()
        self.interval = max(1.0, settings.poll_seconds)
        self.handover_after = timedelta(seconds=settings.story_handover_seconds)
        self.handover_every = min(HANDOVER_EVERY, max(1.0, settings.story_handover_seconds / 2))
        self._rng = rng or random.Random()
        self._all = asyncio.Semaphore(max_concurrent)
        self._max_per_host = max_per_host
        self._hosts: dict[str, asyncio.Semaphore] = {}
        self._pages = asyncio.Semaphore(max_concurrent_pages)
        self._max_pages_per_host = max_pages_per_host
        self._page_hosts: dict[str, asyncio.Semaphore] = {}
        self._feed_locks: dict[str, asyncio.Lock] = {}
        self._stories: StoryIndex | None = None
        self._mark = 0  # the article store's position the story index is up to (add_new)
        self._stopping = asyncio.Event()
        self._max_concurrent = max_concurrent
        # Which feeds this process polls: leased from the feed-state store when it can
        # lease (PostgreSQL: several instances share the feeds), else all of them.
        self.leases: FeedLeases = (
            leases
            if leases is not None
            else feed_states
            if isinstance(feed_states, FeedLeases)
            else LocalLeases(self._first_due)
        )
        self.owner = owner or instance_owner()
        self.lease_seconds = lease_seconds
        self._leased: LeasedPolling | None = None
        self._takeover: asyncio.Task[None] | None = None
        self._last_prune: datetime | None = None
        self._problems: dict[str, frozenset[str]] = {}  # feed → entry problems last logged
        # Parsing and page extraction run in worker processes (time-limited); the story
        # decisions in a thread, one poll at a time (the lock guards the story index).
        self._own_workers = workers is None
        self.workers = workers or CpuWorkers()
        self.parse_seconds = parse_seconds
        self.extract_seconds = extract_seconds
        self.decide_seconds = decide_seconds
        self.max_entries = max_entries
        self._deciding = asyncio.Lock()
        self._refresher: asyncio.Task[None] | None = None
        self._running = False  # between start() and stop()

    # lifecycle

    async def start(self) -> None:
        """Start polling in the background: due feeds are claimed (leased) and polled."""
        self._stopping.clear()
        self._running = True
        self.feeds = self._listed()
        self._leased = LeasedPolling(
            leases=self.leases,
            feeds=lambda: self.feeds,
            poll=self._poll_leased,
            clock=self.clock,
            owner=self.owner,
            capacity=2 * self._max_concurrent,  # a claimed feed may wait for its host's slot
            interval=self.interval,
            lease_seconds=self.lease_seconds,
        )
        self._leased.start()
        self._takeover = asyncio.create_task(self._taking_over(), name="take over stories")
        if self._chat_feeds is not None:
            self._refresher = asyncio.create_task(self._refresh_now_and_then(), name="refresh")
        log.info("polling %d feeds every %g s (as %s)", len(self.feeds), self.interval, self.owner)

    async def _refresh_now_and_then(self) -> None:
        # Adds and removals refresh at once; this catches the other ways a chat's feeds go
        # (/stop, a chat forgotten), once a poll interval.
        while not self._stopping.is_set():
            try:
                await asyncio.wait_for(self._stopping.wait(), timeout=self.interval)
                return
            except TimeoutError:
                pass
            try:
                self.refresh()
            except Exception:  # the store failed: the feeds polled now go on
                log.exception("reading the chats' feeds failed")

    def refresh(self) -> None:
        """Read the chats' feeds again: poll the added ones, stop polling the removed ones."""
        self.feeds = self._listed()
        if not self._running:
            return  # start() reads the list
        wanted = set(self.feeds)
        leased = self._leased
        if leased is None:
            return
        gone = [u for u in leased.polling if u not in wanted]
        for url in gone:
            log.info("feed %s: no chat lists it any more, not polled", url)
        leased.drop(gone)
        leased.wake()  # a feed a chat added is claimed as soon as it is due

    def chat_added(self) -> frozenset[str]:
        """The feeds polled because chats added them, not the operator (as last read)."""
        return frozenset(self.feeds) - self._trusted

    def _listed(self) -> tuple[str, ...]:
        extra = tuple(self._chat_feeds()) if self._chat_feeds is not None else ()
        return tuple(dict.fromkeys((*self.operator_feeds, *extra)))

    async def stop(self) -> None:
        """Stop polling: polls in flight may finish (bounded), then tasks are cancelled."""
        self._stopping.set()
        self._running = False
        if self._refresher is not None:
            self._refresher.cancel()
            await asyncio.gather(self._refresher, return_exceptions=True)
            self._refresher = None
        if self._takeover is not None:
            self._takeover.cancel()
            await asyncio.gather(self._takeover, return_exceptions=True)
            self._takeover = None
        if self._leased is not None:
            await self._leased.stop(STOP_GRACE_SECONDS)
            self._leased = None
        if self._own_workers:
            self.workers.close()

    async def _poll_leased(self, url: str) -> datetime:
        """One poll of a feed claimed by lease; when the feed is due next."""
        await self.poll_once(url)
        try:
            state = await asyncio.to_thread(self.feed_states.get, url)
        except StorageError:  # its state is kept at the next poll; the schedule goes on
            state = None
        if state is not None and state.next_poll is not None:  # backoff, Retry-After
            return state.next_poll
        return self.clock() + timedelta(seconds=self._jittered(self.interval))

    def _first_due(self, url: str) -> datetime | None:
        """When a feed is first due in this process (one process on the embedded store):
        spread over the first interval (at most a minute), or later if it is backing off."""
        first = self.clock() + timedelta(seconds=self._rng.uniform(0, min(self.interval, 60.0)))
        state = self.feed_states.get(url)
        if state is not None and state.next_poll is not None:
            return max(first, state.next_poll)
        return first

    def _jittered(self, seconds: float) -> float:
        return seconds * self._rng.uniform(1 - JITTER, 1 + JITTER)

    # polling

    async def poll_all(self) -> list[PollResult]:
        """Poll every feed now, concurrently (within the limits); one result per feed."""
        return list(await asyncio.gather(*(self.poll_once(url) for url in self.feeds)))

    async def poll_once(self, url: str) -> PollResult:
        """Poll one feed now; never two polls of the same feed at once. Never raises."""
        lock = self._feed_locks.setdefault(url, asyncio.Lock())
        async with lock:
            started = time.monotonic()
            state = self.feed_states.get(url) or FeedState(url=url)
            try:
                result = await self._poll(url, state)
            except asyncio.CancelledError:
                raise
            except FeedError as exc:
                result = PollResult(url, PollOutcome.FAILED, error=exc.reason)
            except StorageError as exc:  # disk full, say: retried with backoff like a failure
                result = PollResult(
                    url, PollOutcome.FAILED, error=f"cannot store its articles ({exc})"
                )
            except Exception as exc:  # a bug must not stop the other feeds: log it whole
                log.exception("feed %s: unexpected error while polling", url)
                result = PollResult(url, PollOutcome.FAILED, error=f"internal error: {exc!r}")
            try:
                self._record(state, result)
            except Exception:
                log.exception("feed %s: could not store its state", url)
            log_poll(log, result, self.feed_states.get, time.monotonic() - started)
            return result

    async def _poll(self, url: str, state: FeedState) -> PollResult:
        headers = {}
        if state.etag:
            headers["If-None-Match"] = state.etag
        if state.last_modified:
            headers["If-Modified-Since"] = state.last_modified
        async with self._host_slot(url), self._all:
            # Only the operator's feeds are trusted with private addresses.
            download = await self.fetcher.get(url, trusted=url in self._trusted, headers=headers)
        if download.status == 304:
            return PollResult(url, PollOutcome.NOT_MODIFIED, 304, title=state.title)
        if download.status in (429, 503):
            retry = retry_after(download.headers.get("retry-after", ""), self.clock())
            return PollResult(
                url,
                PollOutcome.FAILED,
                download.status,
                error=f"HTTP {download.status}",
                retry_after=retry,
            )
        if download.status != 200:
            return PollResult(
                url, PollOutcome.FAILED, download.status, error=f"HTTP {download.status}"
            )
        now = self.clock()
        # Failed last time or large: behind clean feeds and pages, never on both workers.
        priority = SUSPECT if state.failures or len(download.body) > HEAVY_BYTES else URGENT
        parsed = await self._parse(url, download.body, dict(download.headers), now, priority)
        self._log_problems(url, parsed.problems)
        new, stored, carried = await self._take(
            url,
            parsed.articles,
            first=state.last_success is None,
            listed_before=frozenset(state.listed),
            now=now,
        )
        if new or carried:
            await self._hand_on(url, new, carried)
        return PollResult(
            url,
            PollOutcome.OK,
            200,
            title=parsed.title,
            entries=parsed.entries,
            read=len(parsed.articles),
            new=tuple(new),
            stored=stored,
            warning=parsed.warning,
            etag=download.headers.get("etag", ""),
            last_modified=download.headers.get("last-modified", ""),
            listed=tuple(dict.fromkeys(a.id for a in parsed.articles))[:MAX_LISTED],
        )

    async def _hand_on(self, url: str, new: list[Article], carried: list[Article]) -> None:
        """Pass the stories to the alert side; once it has them, the new ones are handed
        (no other instance takes them over: ArticleStore.unhanded)."""
        try:
            await self.on_new([*new, *carried])
        except Exception:  # the articles are stored; the alert side logs and retries
            log.exception("feed %s: on_new failed for %d stories", url, len(new))
            return
        if new:
            try:
                await asyncio.to_thread(self.articles.handed, [a.id for a in new])
            except Exception:  # they are handed on again later: the outbox keeps them once
                log.exception("feed %s: recording %d stories as handed on failed", url, len(new))

    async def take_over_stories(self) -> int:
        """Hand on the new stories another instance stored but died before handing on
        (waiting longer than `handover_after`); how many."""
        stories = await asyncio.to_thread(
            self.articles.unhanded, older_than=self.handover_after, limit=HANDOVER_BATCH
        )
        if stories:
            log.warning("%d new stories left by an instance that stopped: handed on", len(stories))
            await self._hand_on("(taken over)", stories, [])
        return len(stories)

    async def _taking_over(self) -> None:
        while not self._stopping.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), timeout=self.handover_every)
                return
            try:
                await self.take_over_stories()
            except Exception:  # the database is away: again at the next round
                log.exception("taking over stories not handed on failed")

    def _host_slot(self, url: str, *, page: bool = False) -> asyncio.Semaphore:
        # Per server: host and port (two sites on one address are two servers).
        host = f"{host_of(url)}:{port_of(url)}"
        hosts, limit = (
            (self._page_hosts, self._max_pages_per_host)
            if page
            else (self._hosts, self._max_per_host)
        )
        if host not in hosts:
            hosts[host] = asyncio.Semaphore(limit)
        return hosts[host]

    async def read_feed(self, url: str, body: bytes, headers: dict[str, str]) -> ParsedFeed:
        """Parse a feed document in the poller's worker processes, time-limited; FeedError
        if it cannot be read (a feed a chat adds is tried this way too)."""
        priority = SUSPECT if len(body) > HEAVY_BYTES else NORMAL
        return await self._parse(url, body, headers, self.clock(), priority)

    async def _parse(
        self,
        url: str,
        body: bytes,
        headers: dict[str, str],
        now: datetime,
        priority: int = URGENT,
    ) -> ParsedFeed:
        job = partial(
            parse_at_most, body, url=url, headers=headers, now=now, max_entries=self.max_entries
        )
        try:
            return await self.workers.run(job, limit=self.parse_seconds, priority=priority)
        except WorkTimeout as exc:
            raise FeedError(url, f"took too long to parse ({exc}); not read") from None
        except WorkOverMemory as exc:
            raise FeedError(url, f"too large to parse ({exc}); not read") from None
        except WorkerCrash as exc:
            raise FeedError(url, f"could not be parsed ({exc})") from None

    async def _extract(self, body: bytes, url: str) -> Page:
        job = partial(extract_page, body, url=url)
        try:
            priority = SUSPECT if len(body) > HEAVY_BYTES else NORMAL
            return await self.workers.run(job, limit=self.extract_seconds, priority=priority)
        except WorkTimeout as exc:
            raise FeedError(url, f"page took too long to read ({exc})") from None
        except WorkOverMemory as exc:
            raise FeedError(url, f"page too large to read ({exc})") from None
        except WorkerCrash as exc:
            raise FeedError(url, f"page could not be read ({exc})") from None

    def _log_problems(self, url: str, problems: Iterable[str]) -> None:
        """Log each bad entry of a feed once, not again at every poll that still lists it."""
        now = frozenset(problems)
        for problem in sorted(now - self._problems.get(url, frozenset())):
            log.warning("feed %s: %s", url, problem)
        if now:
            self._problems[url] = now
        else:
            self._problems.pop(url, None)

    async def _take(
        self,
        url: str,
        articles: Iterable[Article],
        *,
        first: bool,
        listed_before: frozenset[str],
        now: datetime,
    ) -> tuple[list[Article], int, list[Article]]:
        """Do what the decider says with a feed's articles: store all but the known in one
        write, new stories with their full text; return the new stories and the count stored.

        Also returns the stories this feed carries that another feed brought first
        (`carried`, under that story's id), while chats have feeds of their own: a chat
        may see this feed and not the first one (bot.alerts.decide), so the story must
        reach it from here. The outbox's one entry per (chat, story) keeps that from
        alerting anyone twice.
        """
        entries = list(articles)
        carried: list[Article] = []
        try:
            async with self._deciding:
                # One poll at a time decides and adds to the index: two feeds carrying the
                # same new article at once cannot both call it new. In a thread: a feed of
                # 30,000 entries costs seconds of CPU, which the event loop must not wait for.
                stories = await self._story_index(now)
                after = self._mark  # the index holds what others stored up to here
                decisions = await asyncio.to_thread(
                    decide_and_add,
                    url,
                    entries,
                    stories,
                    first=first,
                    listed=listed_before,
                    now=now,
                    cpu_seconds=self.decide_seconds,
                )
                if self.chat_added():
                    carried = await asyncio.to_thread(
                        carried_entries,
                        url,
                        decisions,
                        stories,
                        listed=listed_before,
                        first=first,
                        now=now,
                    )
            fresh = [d.article for d in decisions if d.verdict is Verdict.NEW]
            others = [
                d.article for d in decisions if d.verdict in (Verdict.SAME_STORY, Verdict.TOO_OLD)
            ]
            if fresh and self.settings.fulltext:
                fresh = await self._with_fulltext(url, fresh)
            batch = fresh + others
            stored, broken = await self._store(
                url, batch, fresh=frozenset(a.id for a in fresh), after=after
            )
        except BaseException:
            # The index already holds this batch but the store does not: rebuilt from the
            # store, the next poll sees these articles as new instead of losing them.
            self._stories = None
            raise
        if broken:
            self._stories = None  # as above, for the entries that could not be stored
        # New to the bot: the stories this instance stored first, not re-labelled as
        # another instance's story by the store step (pollsteps.settle).
        ids = {a.id for a in fresh}
        fresh = [a for a in stored if a.id in ids and not a.story_id]
        return fresh, len(stored), carried

    async def _store(
        self, url: str, batch: list[Article], *, fresh: frozenset[str], after: int
    ) -> tuple[list[Article], int]:
        """Store the batch in one step; when an article breaks that write, store the others
        one by one without it. The articles stored (what another instance stored first is
        not), and how many could not be. A StorageError (disk full) fails the whole poll."""
        if not batch:
            return [], 0
        try:
            return await self._add_new(batch, fresh, after), 0
        except StorageError:
            raise
        except Exception:
            if len(batch) == 1:
                log.warning(
                    "feed %s: entry %s not stored", url, entry_name(batch[0]), exc_info=True
                )
                return [], 1
        stored: list[Article] = []
        broken = 0
        for a in batch:
            try:
                stored += await self._add_new([a], fresh, after)
            except StorageError:
                raise
            except Exception as exc:  # this article alone cannot be stored
                log.warning("feed %s: entry %s not stored (%r)", url, entry_name(a), exc)
                broken += 1
        return stored, broken

    async def _add_new(
        self, batch: list[Article], fresh: frozenset[str], after: int
    ) -> list[Article]:
        """One add_new step: what other instances stored since `after` settles the batch
        (pollsteps.settle) and joins this instance's story index."""
        added = await asyncio.to_thread(
            partial(
                self.articles.add_new,
                after=after,
                settle=partial(settle, batch, fresh),
                stories=fresh,
            )
        )
        async with self._deciding:
            stories = self._stories
            if stories is not None and added.mark > self._mark:
                known = [a for a in added.others if stories.story_of_id(a.id) is None]
                if known:
                    await asyncio.to_thread(stories.add_all, known)
                self._mark = added.mark
        return added.stored

    async def _story_index(self, now: datetime) -> StoryIndex:
        retention = timedelta(days=self.settings.retention_days)
        stories = self._stories
        if stories is None:
            stories = await asyncio.to_thread(self._load_stories, now - retention)
            self._stories = stories
        if self._last_prune is None or now - self._last_prune > timedelta(hours=1):
            self._last_prune = now
            await asyncio.to_thread(
                stories.forget,
                seen_before=now - retention,
                published_before=now - 2 * FIRST_POLL_MAX_AGE,
            )
            await asyncio.to_thread(self.articles.prune, now)
        return stories

    def _load_stories(self, since: datetime) -> StoryIndex:
        # The mark first: what is stored while loading comes again after it (and is
        # skipped then, as known).
        self._mark = self.articles.mark()
        stories = StoryIndex()
        stories.add_all(self.articles.since(since))
        return stories

    async def _with_fulltext(self, url: str, articles: list[Article]) -> list[Article]:
        limit = asyncio.Semaphore(FULLTEXT_CONCURRENCY)

        async def one(a: Article) -> Article:
            if not a.url or not looks_like_teaser(a.summary, a.text):
                return a
            try:
                async with limit, self._host_slot(a.url, page=True), self._pages:
                    return await fetch_fulltext(self.fetcher, a, extract=self._extract)
            except Exception as exc:  # the entry keeps its feed text; the others go on
                log.warning("feed %s: full text of %s not read (%r)", url, entry_name(a), exc)
                return a

        return list(await asyncio.gather(*(one(a) for a in articles)))

    # feed state

    def _record(self, state: FeedState, result: PollResult) -> None:
        now = self.clock()
        if result.outcome in (PollOutcome.OK, PollOutcome.NOT_MODIFIED):
            etag, last_modified = state.etag, state.last_modified
            if result.outcome == PollOutcome.OK:
                etag, last_modified = result.etag, result.last_modified
            new_state = replace(
                state,
                etag=etag,
                last_modified=last_modified,
                last_polled=now,
                last_success=now,
                last_error="",
                failures=0,
                next_poll=None,
                title=result.title or state.title,
                listed=result.listed if result.outcome == PollOutcome.OK else state.listed,
            )
        else:
            failures = state.failures + 1
            delay = min(MAX_BACKOFF_SECONDS, self.interval * 2**failures)
            delay = max(delay, self.interval)
            if result.retry_after is not None:
                delay = max(self.interval, min(result.retry_after, MAX_RETRY_AFTER_SECONDS))
            new_state = replace(
                state,
                last_polled=now,
                last_error=result.error,
                last_error_at=now,
                failures=failures,
                next_poll=now + timedelta(seconds=self._jittered(delay)),
            )
        self.feed_states.save(new_state)
