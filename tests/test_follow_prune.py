"""The subscription change log is pruned (storage/postgres/follow.py, migration 0009), and
a follower that fell behind the pruned position reloads its index from a snapshot rather
than miss the changes that were deleted; on a real PostgreSQL, two store objects standing
for two instances on one database."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import psycopg

from bot.matching.index import SubscriptionIndex
from bot.matching.query import parse_query
from bot.models import Subscription
from storage.follow import apply_snapshot
from storage.postgres.chats import PgChatStore
from storage.postgres.follow import (
    KEEP,
    POLL_EVERY,
    PRUNE_EVERY,
    PRUNE_LOCK,
    RETENTION,
    PgFollower,
)
from storage.postgres.outbox import PgOutbox
from storage.postgres.pool import Database
from tests.test_follow import (
    T0,
    alert_side,
    eventually,
    execute,
    following,
    keys_and_queries,
    stores,
    story,
)

__all__ = ["stores"]  # the fixture, used by name

# -- the pure part: an index brought in line with a snapshot ------------------------------


def subscription(key: int, query: str) -> Subscription:
    return Subscription(id=key, chat_id=1, query=query)


def test_a_snapshot_adds_what_is_missing_replaces_a_changed_query_and_removes_the_rest() -> None:
    index = SubscriptionIndex()
    for key, text in ((1, "khmeimim"), (2, "tartus"), (3, "latakia")):
        index.add(key, parse_query(text))
    done = apply_snapshot(
        index, [subscription(1, "khmeimim"), subscription(2, "idlib"), subscription(4, "homs")]
    )
    assert keys_and_queries(index) == {1: "khmeimim", 2: "idlib", 4: "homs"}
    assert (sorted(done.added), done.removed) == ([2, 4], (3,))
    assert apply_snapshot(index, [subscription(1, "khmeimim")]).removed == (2, 4)


# -- on PostgreSQL --------------------------------------------------------------------------


def instance(
    chats: PgChatStore,
    *,
    poll_every: float = POLL_EVERY,
    prune_every: float = PRUNE_EVERY,
    retention: float = RETENTION,
    keep: int = KEEP,
) -> tuple[PgFollower, SubscriptionIndex]:
    """An instance's follower and index, started from a snapshot (not running: the test
    calls catch_up and prune itself)."""
    follower = PgFollower(
        chats, poll_every=poll_every, prune_every=prune_every, retention=retention, keep=keep
    )
    index = SubscriptionIndex()
    index.add_stored([(s.id, s.query) for s in follower.snapshot()])
    follower.follow(index)
    return follower, index


async def catch_up(follower: PgFollower) -> None:
    async with await psycopg.AsyncConnection.connect(follower.store.url, autocommit=True) as c:
        await follower.catch_up(c)


async def prune(follower: PgFollower) -> int:
    async with await psycopg.AsyncConnection.connect(follower.store.url, autocommit=True) as c:
        return await follower.prune(c)


def logged(url: str) -> list[int]:
    return [int(str(r[0])) for r in execute(url, "SELECT seq FROM subscription_changes ORDER BY 1")]


def pruned_through(url: str) -> int:
    rows = execute(url, "SELECT through FROM subscription_changes_pruned")
    return int(str(rows[0][0])) if rows else 0


async def test_prune_deletes_changes_older_than_the_retention_but_never_the_last_ones(
    stores: Callable[..., PgChatStore], pg_url: str
) -> None:
    a = stores()
    for n in range(6):
        a.add_subscription(1, f"word{n}")
    seqs = logged(pg_url)
    execute(
        pg_url,
        "UPDATE subscription_changes SET at = now() - interval '2 days' WHERE seq <= %s",
        seqs[3],
    )
    day, _ = instance(a, retention=86_400.0, keep=1)
    assert await prune(day) == 4  # the four older than a day
    assert (logged(pg_url), pruned_through(pg_url)) == (seqs[4:], seqs[3])
    assert await prune(day) == 0  # the rest are recent
    now, _ = instance(a, retention=0.0, keep=1)
    assert await prune(now) == 1  # everything is old now, but the last one stays
    assert (logged(pg_url), pruned_through(pg_url)) == (seqs[5:], seqs[4])


async def test_one_instance_prunes_at_a_time(
    stores: Callable[..., PgChatStore], pg_url: str
) -> None:
    a = stores()
    for n in range(3):
        a.add_subscription(1, f"word{n}")
    follower, _ = instance(a, retention=0.0, keep=0)
    with psycopg.connect(pg_url) as other:  # another instance, pruning just now
        other.execute("SELECT pg_advisory_xact_lock(%s)", (PRUNE_LOCK,))
        assert await prune(follower) == 0
        assert len(logged(pg_url)) == 3
    assert await prune(follower) == 3
    assert logged(pg_url) == []


async def test_a_follower_behind_the_pruned_position_reloads_its_index_from_a_snapshot(
    stores: Callable[..., PgChatStore], pg_url: str
) -> None:
    a = stores()
    kept = a.add_subscription(1, "tartus")
    gone = a.add_subscription(1, "latakia")
    follower, index = instance(stores())
    # While this instance is away (its cursor stays), others change subscriptions and the
    # log is pruned past what it read: the add, the removal and the move are deleted.
    made = a.add_subscription(2, "khmeimim")
    a.remove_subscription(1, gone.id)
    a.migrate_chat(2, 3)
    last = a.add_subscription(4, "idlib")
    pruner, _ = instance(a, retention=0.0, keep=1)
    changes = logged(pg_url)
    assert await prune(pruner) == len(changes) - 1
    assert follower.cursor is not None
    assert follower.cursor.last < pruned_through(pg_url) == changes[-2]
    await catch_up(follower)
    assert follower.reloads == 1
    assert keys_and_queries(index, range(1, 20)) == {
        kept.id: "tartus",
        made.id: "khmeimim",
        last.id: "idlib",
    }
    # Then it follows the log again from where the snapshot stood, without reloading.
    later = a.add_subscription(5, "homs")
    a.remove_subscription(1, kept.id)
    await catch_up(follower)
    assert follower.reloads == 1
    assert keys_and_queries(index, range(1, 20)) == {
        made.id: "khmeimim",
        last.id: "idlib",
        later.id: "homs",
    }


async def test_a_follower_that_read_the_pruned_changes_and_a_new_instance_do_not_reload(
    stores: Callable[..., PgChatStore], pg_url: str
) -> None:
    a = stores()
    first = a.add_subscription(1, "tartus")
    follower, index = instance(stores())
    second = a.add_subscription(1, "latakia")
    await catch_up(follower)
    pruner, _ = instance(a, retention=0.0, keep=0)
    assert await prune(pruner) == 2  # the whole log, all of it read already
    third = a.add_subscription(2, "khmeimim")
    await catch_up(follower)
    # A new instance starts after the prune: its snapshot starts at the pruned position.
    newcomer, new_index = instance(stores())
    fourth = a.add_subscription(2, "idlib")
    await catch_up(follower)
    await catch_up(newcomer)
    assert (follower.reloads, newcomer.reloads) == (0, 0)
    expected = {first.id: "tartus", second.id: "latakia", third.id: "khmeimim", fourth.id: "idlib"}
    assert keys_and_queries(index, range(1, 20)) == expected
    assert keys_and_queries(new_index, range(1, 20)) == expected


async def test_a_running_follower_prunes_the_log_from_time_to_time(
    stores: Callable[..., PgChatStore], pg_url: str
) -> None:
    a = stores()
    for n in range(5):
        a.add_subscription(1, f"word{n}")
    follower, index = instance(stores(), poll_every=0.05, prune_every=0.05, retention=0.0, keep=2)
    await follower.start()
    try:
        await eventually(lambda: len(logged(pg_url)) == 2)
        made = a.add_subscription(2, "khmeimim")  # and it follows on as before
        await eventually(lambda: made.id in index)
    finally:
        await follower.stop()
    assert follower.reloads == 0


def stored_queries(chats: PgChatStore) -> dict[int, str]:
    return {s.id: s.query for s in chats.all_subscriptions()}


def indexed_queries(index: SubscriptionIndex) -> dict[int, str]:
    return {key: index.query_of(key) for key in index.subscription_keys()}


async def test_a_running_follower_away_past_a_prune_ends_with_exactly_the_stored_subscriptions(
    stores: Callable[..., PgChatStore], pg_url: str
) -> None:
    """Stopped (away) while subscriptions are removed every way the bot removes them, one
    has its query edited, one is muted and one moves chat, and the log is pruned past it;
    started again, its index holds exactly what is stored, and a story decided after the
    reload alerts the moved subscription in its new chat and not the muted one."""
    a = stores(clock=lambda: T0)
    unsubscribed = a.add_subscription(1, "khmeimim")
    stopped = a.add_subscription(2, "khmeimim")  # its chat is deleted (/stop)
    duplicate = a.add_subscription(3, "khmeimim")  # dropped when chat 3 moves to chat 4
    edited = a.add_subscription(5, "tartus")
    muted = a.add_subscription(6, "khmeimim")
    moved = a.add_subscription(7, "khmeimim", thread_id=11)
    a.add_subscription(4, "khmeimim")
    async with following(stores()) as b:
        assert indexed_queries(b.index) == stored_queries(a)
        await b.follower.stop()  # away: its cursor stays where it was
        a.remove_subscription(1, unsubscribed.id)
        a.delete_chat(2)
        a.migrate_chat(3, 4)
        execute(
            pg_url,
            "UPDATE subscriptions SET query = 'khmeimim air base',"
            " doc = jsonb_set(doc, '{query}', '\"khmeimim air base\"') WHERE id = %s",
            edited.id,
        )
        a.set_muted(6, muted.id, True)
        a.migrate_chat(7, 8)
        a.add_subscription(9, "khmeimim")
        pruner, _ = instance(a, retention=0.0, keep=1)
        assert await prune(pruner) > 0
        assert b.follower.cursor is not None
        assert b.follower.cursor.last < pruned_through(pg_url)
        await b.follower.start()
        await eventually(lambda: b.follower.reloads == 1)
        await eventually(lambda: indexed_queries(b.index) == stored_queries(a))
        for gone in (unsubscribed, stopped, duplicate):
            assert gone.id not in b.index
        assert b.index.query_of(edited.id) == "khmeimim air base"
        assert (muted.id in b.index, moved.id in b.index) == (True, True)
        outbox_b = PgOutbox(Database(pg_url, max_size=2))
        try:
            alerts = alert_side(b, outbox_b, clock=lambda: T0 + timedelta(minutes=2))
            queued = await alerts.on_new_stories([story(1, T0 + timedelta(minutes=1))])
        finally:
            outbox_b.close()
        assert sorted((e.chat_id, e.thread_id) for e in queued) == [
            (4, None),
            (5, None),
            (8, 11),
            (9, None),
        ]


async def test_alerts_queued_here_for_subscriptions_removed_or_muted_while_away_are_withdrawn(
    stores: Callable[..., PgChatStore], pg_url: str
) -> None:
    """B queued alerts just as A removed one subscription and muted another (A's own
    withdrawal ran before B's entries were stored), while B's follower was away past a
    prune: the reload tells B's alert side of both, as reading the log would have."""
    a = stores(clock=lambda: T0)
    removed = a.add_subscription(7, "khmeimim")
    muted = a.add_subscription(8, "khmeimim")
    unmuted = a.add_subscription(9, "khmeimim")  # muted and unmuted again: still alerted
    a.add_subscription(10, "khmeimim")
    outbox_b = PgOutbox(Database(pg_url, max_size=2))
    try:
        async with following(stores()) as b:
            alerts = alert_side(b, outbox_b, clock=lambda: T0 + timedelta(minutes=2))
            b.follower.withdrawn = alerts.withdraw  # as bot/app.py wires it
            queued = await alerts.on_new_stories([story(1, T0 + timedelta(minutes=1))])
            assert sorted(e.chat_id for e in queued) == [7, 8, 9, 10]
            await b.follower.stop()
            a.add_subscription(11, "tartus")
            a.remove_subscription(7, removed.id)
            a.set_muted(8, muted.id, True)
            a.set_muted(9, unmuted.id, True)
            a.set_muted(9, unmuted.id, False)
            pruner, _ = instance(a, retention=0.0, keep=4)  # the add goes, the rest stay
            assert await prune(pruner) > 0
            assert b.follower.cursor is not None
            assert b.follower.cursor.last < pruned_through(pg_url)
            await b.follower.start()
            await eventually(lambda: b.follower.reloads == 1)
            await eventually(lambda: sorted(e.chat_id for e in outbox_b.unsent()) == [9, 10])
            assert removed.id not in b.index
    finally:
        outbox_b.close()


async def test_a_subscription_made_here_while_the_reload_reads_its_snapshot_stays_indexed(
    stores: Callable[..., PgChatStore], pg_url: str
) -> None:
    """The snapshot is read in a thread while the event loop goes on: a /subscribe on this
    instance committed after the snapshot began, and indexed before the snapshot is
    applied, is not in it, and must not be taken out of the index meanwhile."""
    a = stores()
    a.add_subscription(1, "tartus")
    b = stores()
    follower, index = instance(b)
    a.add_subscription(2, "latakia")
    pruner, _ = instance(a, retention=0.0, keep=1)
    a.add_subscription(3, "idlib")
    assert await prune(pruner) > 0
    read = b.snapshot
    own: list[int] = []

    def snapshot_then_subscribe(**kw: int) -> tuple[list[Subscription], int, list[int]]:
        taken = read(**kw)
        made = b.add_subscription(4, "khmeimim")  # committed after the snapshot ...
        index.add(made.id, parse_query("khmeimim"))  # ... and indexed, as /subscribe does
        own.append(made.id)
        return taken

    b.snapshot = snapshot_then_subscribe  # type: ignore[method-assign]  # this instance's, for the test
    async with await psycopg.AsyncConnection.connect(b.url, autocommit=True) as conn:
        done = await follower.catch_up(conn)
    assert follower.reloads == 1
    assert own[0] not in done.removed
    assert indexed_queries(index) == stored_queries(a)
