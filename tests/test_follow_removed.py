"""A subscription removed on another instance between this instance's store write and
its `add_to_index` stays out of this instance's index: the follower tells the service of
every subscription whose row is gone (`follow(..., removed=...)`), which remembers it as
it remembers its own removals. On a real PostgreSQL, two store objects standing for two
instances on one database; step by step (the followers are not running unless said)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import psycopg

from bot.chats.subscriptions import Subscribed, SubscriptionService
from bot.matching.index import SubscriptionIndex
from bot.models import Subscription
from storage.follow import StillIndex
from storage.memory import MemoryChatStore
from storage.postgres.chats import PgChatStore
from storage.postgres.follow import PgFollower
from tests.e2e import running_bot
from tests.fakes.telegram_server import FakeTelegram
from tests.test_follow import eventually, stores
from tests.test_follow_prune import prune, pruned_through

__all__ = ["stores"]  # the fixture, used by name


def service(chats: PgChatStore, index: SubscriptionIndex) -> SubscriptionService:
    return SubscriptionService(chats, max_subscriptions=50, max_query_length=200, index=index)


def instance(chats: PgChatStore) -> tuple[PgFollower, SubscriptionIndex, SubscriptionService]:
    """An instance as bot/app.py wires one: index from the snapshot, its service, and the
    follower telling the service of removals (not running: the test calls catch_up)."""
    follower = PgFollower(chats)
    index = SubscriptionIndex()
    index.add_stored([(s.id, s.query) for s in follower.snapshot()])
    subscriptions = service(chats, index)
    follower.follow(index, removed=subscriptions.keep_out)
    return follower, index, subscriptions


def stored_unindexed(subscriptions: SubscriptionService, chat_id: int, text: str) -> Subscribed:
    """What the edge's worker thread does for /subscribe: stored, compiled, not indexed."""
    result = subscriptions.subscribe(chat_id, text, dry_run=False, index=False)
    assert isinstance(result, Subscribed)
    return result


async def catch_up(follower: PgFollower) -> None:
    async with await psycopg.AsyncConnection.connect(follower.store.url, autocommit=True) as c:
        await follower.catch_up(c)


async def test_a_subscription_removed_elsewhere_before_the_late_add_is_not_indexed(
    stores: Callable[..., PgChatStore],
) -> None:
    follower, index, on_a = instance(stores())
    on_b = service(stores(), SubscriptionIndex())  # another admin, routed to instance B
    kept = stored_unindexed(on_a, 7, "tartus")
    made = stored_unindexed(on_a, 7, "khmeimim")  # stored by A's thread ...
    assert on_b.remove(7, made.subscription.id) is not None  # ... removed on B meanwhile
    await catch_up(follower)  # A's follower reads both: the row is gone, nothing held
    assert made.subscription.id not in index
    on_a.add_to_index(kept.subscription, kept.compiled)  # the edge's adds on A's loop
    on_a.add_to_index(made.subscription, made.compiled)
    assert index.subscription_keys() == [kept.subscription.id]


async def test_a_removal_read_after_the_follower_indexed_the_add_also_keeps_it_out(
    stores: Callable[..., PgChatStore],
) -> None:
    """The follower indexed the add itself (read before B's removal), then read the
    removal: the edge's add coming after both must not bring it back."""
    follower, index, on_a = instance(stores())
    on_b = service(stores(), SubscriptionIndex())
    made = stored_unindexed(on_a, 7, "khmeimim")
    await catch_up(follower)
    assert made.subscription.id in index
    assert on_b.remove(7, made.subscription.id) is not None
    await catch_up(follower)
    assert made.subscription.id not in index
    on_a.add_to_index(made.subscription, made.compiled)
    assert made.subscription.id not in index


async def test_a_removal_elsewhere_read_by_a_reload_keeps_the_late_add_out(
    stores: Callable[..., PgChatStore], pg_url: str
) -> None:
    """A's follower reloads from a snapshot (the log was pruned past it) in the same
    window: the removal is not among what its index held, but the log kept it (a prune
    keeps the last day), and the late add stays out."""
    follower, index, on_a = instance(stores())
    on_b = service(stores(), SubscriptionIndex())
    made = stored_unindexed(on_a, 7, "khmeimim")
    on_b.store.add_subscription(8, "tartus")
    on_b.remove(7, made.subscription.id)
    pruner, _, _ = instance(stores())
    pruner.keep = 1  # all but the removal (the last change) goes
    pruner.retention = 0.0
    assert await prune(pruner) > 0
    assert follower.cursor is not None
    assert follower.cursor.last < pruned_through(pg_url)
    await catch_up(follower)
    assert follower.reloads == 1
    on_a.add_to_index(made.subscription, made.compiled)
    assert made.subscription.id not in index


async def test_a_late_add_landing_while_the_reload_reads_its_snapshot_is_taken_out(
    stores: Callable[..., PgChatStore], pg_url: str
) -> None:
    """The reload reads its snapshot in a thread while the loop goes on: the edge's add of
    a subscription removed on B lands then (before the removal was read). The snapshot
    lacks it and the index did not hold it when the snapshot began, so only the kept
    removal can take it out again."""
    a = stores()
    follower, index, on_a = instance(a)
    on_b = service(stores(), SubscriptionIndex())
    made = stored_unindexed(on_a, 7, "khmeimim")
    on_b.store.add_subscription(8, "tartus")
    on_b.remove(7, made.subscription.id)
    pruner, _, _ = instance(stores())
    pruner.keep, pruner.retention = 1, 0.0
    assert await prune(pruner) > 0
    read = a.snapshot

    def snapshot_then_late_add(**kw: int) -> tuple[list[Subscription], int, list[int]]:
        taken = read(**kw)
        on_a.add_to_index(made.subscription, made.compiled)  # as the edge, meanwhile
        assert made.subscription.id in index
        return taken

    a.snapshot = snapshot_then_late_add  # type: ignore[method-assign]  # this instance's, for the test
    await catch_up(follower)
    assert follower.reloads == 1
    assert made.subscription.id not in index
    on_a.add_to_index(made.subscription, made.compiled)
    assert made.subscription.id not in index


async def test_a_running_bot_keeps_out_a_subscription_removed_on_another_instance(
    fake_telegram: FakeTelegram, tmp_path: Path, stores: Callable[..., PgChatStore]
) -> None:
    """As bot/app.py wires it: the running follower (NOTIFY) reads B's removal of a
    subscription stored on A and not indexed yet; A's late add leaves it out."""
    b = stores()
    on_b = service(b, SubscriptionIndex())
    async with running_bot(
        fake_telegram,
        db_path=tmp_path / "newsbot.json",
        database_url=b.url,
        chats=stores(),
    ) as bot:
        on_a, follower = bot.services.subscriptions, bot.services.follower
        assert isinstance(follower, PgFollower)
        assert on_a.index is not None
        made = stored_unindexed(on_a, 7, "khmeimim")
        assert on_b.remove(7, made.subscription.id) is not None
        start, recent = b.change_position()
        last = max([start, *recent])  # B's removal
        await eventually(lambda: follower.cursor is not None and follower.cursor.last >= last)
        on_a.add_to_index(made.subscription, made.compiled)
        assert made.subscription.id not in on_a.index


def test_on_the_embedded_store_removals_are_the_services_own() -> None:
    """Nothing to follow: `follow` takes the callback and never calls it; a removal here
    keeps the late add out as before."""
    chats = MemoryChatStore()
    index = SubscriptionIndex()
    subscriptions = SubscriptionService(
        chats, max_subscriptions=50, max_query_length=200, index=index
    )
    told: list[int] = []
    StillIndex(chats).follow(index, removed=told.append)
    result = subscriptions.subscribe(7, "khmeimim", dry_run=False, index=False)
    assert isinstance(result, Subscribed)
    assert subscriptions.remove(7, result.subscription.id) is not None
    subscriptions.add_to_index(result.subscription, result.compiled)
    assert (result.subscription.id in index, told) == (False, [])
