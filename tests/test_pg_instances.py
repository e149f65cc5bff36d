"""Several instances on one PostgreSQL database: feed leases and new stories.

Each "instance" is a Database pool of its own on the test's database, as two `newsbot run`
processes would have; `together` releases their calls at the same moment.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any, cast

import httpx
import psycopg

from bot.config import Settings
from bot.models import Article, FeedState, Hit, OutboxEntry, Story
from bot.reading.poller import FeedPoller
from bot.reading.pollsteps import PollResult, settle
from bot.reading.workers import CpuWorkers
from storage.postgres.articles import PgArticleStore, PgFeedStateStore
from storage.postgres.outbox import PgOutbox
from storage.postgres.pool import Database
from tests.fakes.feed_server import FeedServer, Item, rss
from tests.test_postgres import instances, rows, together

__all__ = ["instances"]  # the fixture, used by name

T0 = datetime(2024, 12, 14, 13, 20, tzinfo=UTC)
LEASE = timedelta(seconds=60)
FEEDS = [f"https://feeds.example/{n}" for n in range(60)]

# -- feed leases --------------------------------------------------------------------------


def test_two_claims_on_the_same_due_feeds_never_both_get_one(
    instances: Callable[[], Database],
) -> None:
    a, b = PgFeedStateStore(instances()), PgFeedStateStore(instances())
    now = T0
    for _ in range(15):  # every round all feeds are due, and both ask for all of them
        got_a, got_b = together(
            partial(a.claim, FEEDS, owner="a", now=now, lease=LEASE, limit=len(FEEDS)),
            partial(b.claim, FEEDS, owner="b", now=now, lease=LEASE, limit=len(FEEDS)),
        )
        assert not set(got_a) & set(got_b)
        assert sorted(got_a + got_b) == sorted(FEEDS)
        for store, got, owner in ((a, got_a, "a"), (b, got_b, "b")):
            for url in got:
                assert store.release(url, owner=owner, next_due=now + timedelta(minutes=1))
        now += timedelta(minutes=1)
    owners = rows(a._db.url, "SELECT count(*) FROM feed_states WHERE lease_owner IS NOT NULL")
    assert owners == [(0,)]


def test_two_claims_with_small_limits_take_each_feed_once(
    instances: Callable[[], Database],
) -> None:
    a, b = PgFeedStateStore(instances()), PgFeedStateStore(instances())
    got_a, got_b = together(
        lambda: a.claim(FEEDS, owner="a", now=T0, lease=LEASE, limit=25),
        lambda: b.claim(FEEDS, owner="b", now=T0, lease=LEASE, limit=25),
    )
    # Each at most its limit (a claim's look-ahead may leave the other fewer), never one
    # feed twice, and what neither took is still there to claim.
    assert len(got_a) <= 25
    assert len(got_b) <= 25
    assert got_a or got_b
    assert not set(got_a) & set(got_b)
    rest = a.claim(FEEDS, owner="c", now=T0, lease=LEASE, limit=100)
    assert sorted(got_a + got_b + rest) == sorted(FEEDS)


def test_the_feeds_of_a_dead_instance_are_claimed_again_once_its_leases_expire(
    instances: Callable[[], Database],
) -> None:
    dead_db = instances()
    dead = PgFeedStateStore(dead_db)
    held = dead.claim(FEEDS, owner="dead", now=T0, lease=LEASE, limit=10)
    assert len(held) == 10
    dead_db.close()  # the instance is gone without releasing anything
    alive = PgFeedStateStore(instances())
    others = alive.claim(FEEDS, owner="alive", now=T0 + LEASE / 2, lease=LEASE, limit=100)
    assert sorted(others) == sorted(set(FEEDS) - set(held))
    again = alive.claim(FEEDS, owner="alive", now=T0 + LEASE, lease=LEASE, limit=100)
    assert sorted(again) == sorted(held)


def test_a_claimed_feed_has_no_state_until_its_first_poll_ends_and_a_save_keeps_the_lease(
    instances: Callable[[], Database],
) -> None:
    store = PgFeedStateStore(instances())
    url = FEEDS[0]
    assert store.claim([url], owner="a", now=T0, lease=LEASE, limit=1) == [url]
    assert store.get(url) is None
    assert store.all() == []
    state = FeedState(url=url, last_polled=T0, last_success=T0, title="Feed")
    store.save(state)
    assert store.get(url) == state
    assert store.all() == [state]
    other = PgFeedStateStore(instances())
    assert other.claim([url], owner="b", now=T0, lease=LEASE, limit=1) == []
    store.save(replace(state, title="Feed, renamed"))
    assert store.release(url, owner="a", next_due=T0 + timedelta(minutes=5))
    assert other.claim([url], owner="b", now=T0 + timedelta(minutes=5), lease=LEASE, limit=1)


# -- pollers on one database ------------------------------------------------------------


@contextlib.asynccontextmanager
async def pg_pollers(
    pg_url: str, tmp_path: Path, feeds: list[str], count: int = 2, **settings: Any
) -> AsyncIterator[list[tuple[FeedPoller, list[Article]]]]:
    """`count` pollers, each on a pool of its own on one database (instances), sharing one
    set of worker processes; each with the list of stories it passed on."""
    settings.setdefault("fulltext", False)
    settings.setdefault("poll_seconds", 60.0)
    config = Settings(db_path=tmp_path / "newsbot.json", feeds=tuple(feeds), **settings)
    workers = CpuWorkers()
    http = httpx.AsyncClient(timeout=10.0, trust_env=False)
    made: list[tuple[FeedPoller, list[Article]]] = []
    dbs: list[Database] = []
    try:
        for _ in range(count):
            db = Database(pg_url, max_size=4)
            dbs.append(db)
            received: list[Article] = []

            async def on_new(stories: list[Article], into: list[Article] = received) -> None:
                into.extend(stories)

            poller = FeedPoller(
                settings=config,
                client=http,
                articles=PgArticleStore(db),
                feed_states=PgFeedStateStore(db),
                on_new=on_new,
                feeds=feeds,
                workers=workers,
                max_concurrent=1,  # two leases at a time: the instances must share the feeds
            )
            made.append((poller, received))
        yield made
    finally:
        for poller, _ in made:
            await poller.stop()
        await http.aclose()
        workers.close()
        for db in dbs:
            db.close()


async def until(condition: Callable[[], bool], seconds: float = 30.0) -> None:
    """A bounded wait: the condition, looked at every 20 ms."""
    async with asyncio.timeout(seconds):
        while not condition():  # noqa: ASYNC110 - nothing to wait on but the condition
            await asyncio.sleep(0.02)


async def test_two_pollers_share_the_feeds_and_never_fetch_one_at_the_same_time(
    pg_url: str, tmp_path: Path
) -> None:
    with FeedServer() as server:
        feeds = [
            server.route(f"/f{n}", body=rss([Item(f"Story {n}", f"https://n.example/{n}")]))
            for n in range(8)
        ]
        spans: dict[str, list[tuple[float, float, int]]] = {url: [] for url in feeds}
        async with pg_pollers(pg_url, tmp_path, feeds, poll_seconds=1.0) as pollers:
            for n, (poller, _) in enumerate(pollers):
                real = poller.poll_once

                async def timed(url: str, real: Any = real, n: int = n) -> PollResult:
                    started = time.monotonic()
                    try:
                        return cast(PollResult, await real(url))
                    finally:
                        spans[url].append((started, time.monotonic(), n))

                poller.poll_once = timed  # type: ignore[method-assign]  # this poller's, timed
            for poller, _ in pollers:
                await poller.start()
            await until(lambda: all(len(s) >= 3 for s in spans.values()))
    for url, polls in spans.items():
        polls.sort()
        for (_, end, _), (start, _, _) in itertools.pairwise(polls):
            assert end <= start, f"{url} polled by two instances at once"
    assert {n for polls in spans.values() for _, _, n in polls} == {0, 1}


# -- new stories --------------------------------------------------------------------------

TITLE = "Russian cargo plane leaves Syria for Libya, more flights expected"
NEAR_TITLE = "Russian cargo plane leaves Syria for Libya; more flights expected - Reuters"


def story(n: int, side: str, *, same_url: bool) -> Article:
    """Round n's story as feed `side` tells it: the same link under another id, or a
    near-identical title under another link."""
    return Article(
        id=f"{side}-{'link' if same_url else 'title'}-{n}",
        url=f"https://n.example/{n}" if same_url else f"https://{side}.example/{n}",
        title=f"{TITLE} ({n})" if side == "a" or same_url else f"{NEAR_TITLE} ({n})",
        feed=f"https://{side}.example/feed",
        seen=T0,
    )


def test_two_instances_inserting_the_same_story_tell_it_new_once(
    instances: Callable[[], Database],
) -> None:
    a, b = PgArticleStore(instances()), PgArticleStore(instances())
    new: list[Article] = []
    for same_url in (True, False):
        for n in range(15):
            mark = a.mark()  # both decided before either stored: both think theirs new
            mine, theirs = story(n, "a", same_url=same_url), story(n, "b", same_url=same_url)

            def step(store: PgArticleStore, batch: list[Article], mark: int) -> list[Article]:
                settled = partial(settle, batch, frozenset(x.id for x in batch))
                stored = store.add_new(after=mark, settle=settled).stored
                return [x for x in stored if not x.story_id]

            got_a, got_b = together(
                partial(step, a, [mine], mark), partial(step, b, [theirs], mark)
            )
            assert len(got_a + got_b) == 1, (same_url, n, got_a, got_b)
            new += got_a + got_b
    assert len(new) == 30
    # The same link is stored once; a near-identical title twice, the later as the first's story.
    assert rows(a._db.url, "SELECT count(*), count(DISTINCT url) FROM articles") == [(45, 45)]


async def test_two_instances_reading_the_same_story_queue_one_alert_set(
    pg_url: str, tmp_path: Path
) -> None:
    now = datetime.now(UTC)
    cases = {
        "same link, other entry ids": (
            Item(TITLE, "https://n.example/story", "Teaser.", now, guid="tag:a,1"),
            Item("Another headline entirely", "https://n.example/story", "T.", now, guid="b-1"),
        ),
        "near-identical titles": (
            Item(TITLE, "https://a.example/story", "Teaser.", now),
            Item(NEAR_TITLE, "https://b.example/other", "Teaser.", now),
        ),
    }
    for case, (item_a, item_b) in cases.items():
        with FeedServer() as server:
            a = server.route("/a", body=rss([item_a]))
            b = server.route("/b", body=rss([item_b]))
            warm = server.route("/warm", body=rss([Item(f"Warm-up {case}", "https://w.example/")]))
            async with pg_pollers(pg_url, tmp_path, [a, b, warm]) as pollers:
                (one, got_one), (two, got_two) = pollers
                # Each has its story index loaded: neither learns of the other's story
                # before it decides, only in the store step.
                await one.poll_once(warm)
                await two.poll_once(warm)
                got_one.clear()
                got_two.clear()
                await asyncio.gather(one.poll_once(a), two.poll_once(b))
                # What AlertService does with on_new's stories: one entry per chat.
                db = Database(pg_url, max_size=2)
                outbox = PgOutbox(db)
                try:
                    queued = outbox.enqueue(
                        [alert(chat, s) for s in got_one + got_two for chat in (1, 2, 3)]
                    )
                    assert len(got_one + got_two) == 1, case
                    assert sorted(e.chat_id for e in queued) == [1, 2, 3], case
                finally:
                    outbox.close()
        with psycopg.connect(pg_url, autocommit=True) as conn:
            conn.execute("TRUNCATE articles, feed_states, outbox")


def alert(chat: int, a: Article) -> OutboxEntry:
    shown = Story(id=a.story, article_id=a.id, title=a.title, url=a.url, seen=a.seen)
    return OutboxEntry(chat_id=chat, story=shown, hits=(Hit(1, "q", ("q",)),), created=a.seen)


def test_the_story_step_lock_is_no_other_lock_of_the_bot() -> None:
    from storage.postgres import articles, pool, roles

    others = {pool.MIGRATIONS_LOCK, roles.SENDER_LOCK, roles.UPDATES_LOCK}
    assert articles.STORIES_LOCK not in others


def test_a_due_feed_this_instance_does_not_poll_steps_aside_for_one_lease(
    instances: Callable[[], Database],
) -> None:
    store = PgFeedStateStore(instances())
    gone, kept = FEEDS[0], FEEDS[1]
    assert sorted(store.claim([gone, kept], owner="a", now=T0, lease=LEASE, limit=2)) == [
        gone,
        kept,
    ]
    for url in (gone, kept):
        assert store.release(url, owner="a", next_due=T0)
    # Only `kept` is listed now: `gone` is not claimed, and is due again a lease later
    # (for an instance that still lists it).
    assert store.claim([kept], owner="a", now=T0, lease=LEASE, limit=5) == [kept]
    other = PgFeedStateStore(instances())
    assert other.claim([gone], owner="b", now=T0, lease=LEASE, limit=5) == []
    assert other.claim([gone], owner="b", now=T0 + LEASE, lease=LEASE, limit=5) == [gone]


# -- new stories an instance did not hand on -----------------------------------------------


def test_a_new_story_not_handed_on_is_taken_over_once_by_another_instance(
    instances: Callable[[], Database],
) -> None:
    a, b, c = (PgArticleStore(instances()) for _ in range(3))
    new, second = story(0, "a", same_url=False), story(1, "a", same_url=False)
    old = replace(story(2, "a", same_url=False), story_id="elsewhere")
    batch = [new, second, old]
    added = a.add_new(after=a.mark(), settle=lambda others: batch, stories={x.id for x in batch})
    assert len(added.stored) == 3
    a.handed([second.id])  # a queued this one's alerts, then died before the other's
    wait = timedelta(minutes=2)
    assert b.unhanded(older_than=wait, limit=10) == []  # not waiting long enough yet
    with psycopg.connect(a._db.url, autocommit=True) as conn:  # ... and now it has
        conn.execute("UPDATE articles SET pending_since = pending_since - interval '1 hour'")
    got_b, got_c = together(
        partial(b.unhanded, older_than=wait, limit=10),
        partial(c.unhanded, older_than=wait, limit=10),
    )
    assert [x.id for x in got_b + got_c] == [new.id]  # one of them, once; `old` is no story
    # Taken over: it waits anew, so no one else takes it while it is handed on ...
    assert b.unhanded(older_than=wait, limit=10) == []
    (b if got_b else c).handed([new.id])
    # ... and once handed, never again.
    with psycopg.connect(a._db.url, autocommit=True) as conn:
        conn.execute("UPDATE articles SET pending_since = pending_since - interval '1 hour'")
    assert b.unhanded(older_than=wait, limit=10) == []


async def test_a_poller_hands_on_what_an_instance_stored_but_never_queued(
    pg_url: str, tmp_path: Path
) -> None:
    with FeedServer() as server:
        feed = server.route("/a", body=rss([Item(TITLE, "https://a.example/s")]))
        async with pg_pollers(pg_url, tmp_path, [feed]) as pollers:
            (dying, got_dying), (other, got_other) = pollers

            async def dies(stories: list[Article]) -> None:
                raise RuntimeError("killed before its alerts were queued")

            dying.on_new = dies
            other.handover_after = dying.handover_after = timedelta(0)
            await dying.poll_once(feed)
            assert await other.take_over_stories() == 1
            assert [a.title for a in got_other] == [TITLE]
            assert await other.take_over_stories() == 0  # handed on: done
            assert await dying.take_over_stories() == 0
            assert got_dying == []
