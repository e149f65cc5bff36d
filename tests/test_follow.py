"""Every instance's matching index follows subscription changes made on any instance
(issue 13): the pure cursor and apply (storage/follow.py), then the PostgreSQL follower
(storage/postgres/follow.py) against a real server, two store objects standing for two
instances on one database."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg
import pytest

from bot.alerts.pipeline import AlertService
from bot.alerts.sender import Sender
from bot.matching.document import prepare
from bot.matching.index import SubscriptionIndex
from bot.matching.query import parse_query
from bot.models import Article, utcnow
from storage.follow import GAP_WAIT, ChangeCursor, StillIndex, apply_current
from storage.memory import MemoryChatStore
from storage.postgres.articles import PgArticleStore
from storage.postgres.chats import PgChatStore
from storage.postgres.follow import PgFollower
from storage.postgres.outbox import PgOutbox
from storage.postgres.pool import Database
from tests.e2e import running_bot
from tests.fakes.telegram_server import FakeTelegram
from tests.postgres import LocalServer
from tests.senders import NoNotifier

T0 = datetime(2024, 12, 14, 13, 20, tzinfo=UTC)
WAIT = 10.0  # seconds a condition may take to hold on a loaded machine before the test fails


async def eventually(condition: Callable[[], bool], *, within: float = WAIT) -> None:
    """Wait until the condition holds; fail if it never does within `within` seconds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    while not condition():
        if loop.time() > deadline:
            pytest.fail(f"still not true after {within} s")
        await asyncio.sleep(0.02)


# -- the cursor: which change numbers to read -----------------------------------------


def test_a_cursor_reading_every_number_in_order_has_no_gap() -> None:
    cursor = ChangeCursor()
    cursor.advance([1, 2, 3], now=0.0)
    cursor.advance([4], now=1.0)
    assert (cursor.last, cursor.gaps) == (4, {})


def test_a_number_seen_missing_is_read_again_until_it_turns_up() -> None:
    cursor = ChangeCursor(last=2)
    cursor.advance([3, 6], now=5.0)  # 4 and 5 still committing (or never will)
    assert (cursor.last, sorted(cursor.gaps)) == (6, [4, 5])
    cursor.advance([5, 7], now=6.0)  # 5 committed late
    assert (cursor.last, sorted(cursor.gaps)) == (7, [4])


def test_a_missing_number_is_forgotten_after_the_gap_wait() -> None:
    cursor = ChangeCursor(last=1)
    cursor.advance([3], now=100.0)
    cursor.advance([], now=100.0 + GAP_WAIT - 1)
    assert list(cursor.gaps) == [2]
    cursor.advance([], now=100.0 + GAP_WAIT + 1)
    assert cursor.gaps == {}


def test_a_cursor_from_a_snapshot_looks_for_the_numbers_missing_in_its_window() -> None:
    cursor = ChangeCursor.at(10, [11, 13, 14], now=0.0)
    assert (cursor.last, sorted(cursor.gaps)) == (14, [12])
    assert ChangeCursor.at(0, [], now=0.0) == ChangeCursor()


# -- applying the changed subscriptions' rows -------------------------------------------


def keys_and_queries(index: SubscriptionIndex, keys: range = range(1, 20)) -> dict[int, str]:
    return {k: index.query_of(k) for k in keys if k in index}


def test_apply_adds_new_rows_removes_gone_ones_and_replaces_a_changed_query() -> None:
    index = SubscriptionIndex()
    index.add(1, parse_query("khmeimim"))
    index.add(2, parse_query("tartus"))
    done = apply_current(index, {1: None, 2: "latakia", 3: "air base"})
    assert keys_and_queries(index) == {2: "latakia", 3: "air base"}
    assert (sorted(done.added), done.removed) == ([2, 3], (1,))


def test_apply_is_idempotent_so_an_instances_own_change_is_applied_once() -> None:
    index = SubscriptionIndex()
    index.add(1, parse_query("khmeimim"))  # this instance's /subscribe put it there
    rows = {1: "khmeimim", 2: None}  # 2: removed here, already gone from the index
    done = apply_current(index, rows)
    assert (done.added, done.removed) == ((), ())
    assert keys_and_queries(index) == {1: "khmeimim"}
    again = apply_current(index, {3: "tartus"})
    assert again.added == (3,)
    assert apply_current(index, {3: "tartus"}).added == ()


def test_a_stored_query_that_no_longer_parses_is_left_out() -> None:
    index = SubscriptionIndex()
    done = apply_current(index, {1: "(", 2: "tartus"})
    assert (done.refused, done.added) == ((1,), (2,))
    assert keys_and_queries(index) == {2: "tartus"}


async def test_the_embedded_store_has_nothing_to_follow() -> None:
    chats = MemoryChatStore()
    made = chats.add_subscription(1, "khmeimim")
    follower = StillIndex(chats)
    assert follower.snapshot() == [made]
    follower.follow(SubscriptionIndex())
    await follower.start()
    await follower.stop()


# -- on PostgreSQL: two instances on one database ---------------------------------------


@dataclass
class Instance:
    """What one instance of the bot holds for this: its chat store, index and follower."""

    chats: PgChatStore
    index: SubscriptionIndex
    follower: PgFollower
    withdrawn: list[tuple[int, int]]  # what the alert side was told: (chat, subscription)


@pytest.fixture
def stores(pg_url: str) -> Iterator[Callable[..., PgChatStore]]:
    made: list[PgChatStore] = []

    def store(*, clock: Callable[[], datetime] = utcnow) -> PgChatStore:
        made.append(PgChatStore(Database(pg_url, max_size=2), clock=clock))
        return made[-1]

    yield store
    for s in made:
        s.close()


@asynccontextmanager
async def following(
    chats: PgChatStore, *, poll_every: float = 60.0, retry_first: float = 0.25
) -> AsyncIterator[Instance]:
    """An instance as the composition root starts one: snapshot, index, follower running.
    Polling every minute by default: a change seen within WAIT seconds came by NOTIFY."""
    follower = PgFollower(chats, poll_every=poll_every, retry_first=retry_first)
    index = SubscriptionIndex()
    index.add_stored([(s.id, s.query) for s in follower.snapshot()])
    withdrawn: list[tuple[int, int]] = []
    follower.follow(index, withdrawn=lambda chat, sub: withdrawn.append((chat, sub)))
    await follower.start()
    try:
        yield Instance(chats, index, follower, withdrawn)
    finally:
        await follower.stop()


def execute(url: str, sql: str, *params: object) -> list[tuple[object, ...]]:
    with psycopg.connect(url, autocommit=True) as conn:
        cursor = conn.execute(sql.encode(), params or None)
        return cursor.fetchall() if cursor.description else []


async def test_a_change_on_one_instance_reaches_the_others_index_by_notify(
    stores: Callable[..., PgChatStore],
) -> None:
    a = stores()
    kept = a.add_subscription(1, "tartus")  # before B starts: in its snapshot
    async with following(stores()) as b:
        assert keys_and_queries(b.index, range(1, 10)) == {kept.id: "tartus"}
        made = a.add_subscription(1, "khmeimim air base")
        await eventually(lambda: made.id in b.index)
        assert b.index.query_of(made.id) == "khmeimim air base"
        # Muting keeps it indexed (the alert side reads `muted` from the store when it
        # decides) and tells the alert side, which withdraws its queued alerts.
        a.set_muted(1, made.id, True)
        await eventually(lambda: b.withdrawn == [(1, made.id)])
        assert made.id in b.index
        a.set_muted(1, made.id, False)  # unmuting brings nothing back: nobody is told
        await b.follower.stop()  # a mute undone before B read it: nor is this told
        a.set_muted(1, kept.id, True)
        a.set_muted(1, kept.id, False)
        await b.follower.start()
        a.remove_subscription(1, made.id)
        await eventually(lambda: made.id not in b.index)
        assert kept.id in b.index
        assert b.withdrawn == [(1, made.id), (1, made.id)]


async def test_a_chat_deleted_or_migrated_elsewhere_leaves_the_index_as_the_rows_say(
    stores: Callable[..., PgChatStore],
) -> None:
    a = stores()
    async with following(stores()) as b:
        gone = a.add_subscription(1, "khmeimim")
        old = a.add_subscription(2, "tartus")
        dup = a.add_subscription(2, "latakia")
        new_dup = a.add_subscription(3, "latakia")
        await eventually(lambda: len(b.index) == 4)
        a.delete_chat(1)
        a.migrate_chat(2, 3)  # "latakia" is already chat 3's: the old one is dropped
        await eventually(lambda: gone.id not in b.index and dup.id not in b.index)
        assert keys_and_queries(b.index, range(1, 10)) == {
            old.id: "tartus",
            new_dup.id: "latakia",
        }
        assert {s.id for s in b.chats.subscriptions(3)} == {old.id, new_dup.id}


async def test_a_change_without_a_notification_is_read_by_the_periodic_poll(
    stores: Callable[..., PgChatStore], pg_url: str
) -> None:
    a = stores()
    async with following(stores(), poll_every=0.2) as b:
        execute(pg_url, "ALTER TABLE subscription_changes DISABLE TRIGGER USER")
        made = a.add_subscription(1, "khmeimim")
        await eventually(lambda: made.id in b.index)


async def test_a_follower_whose_connection_was_killed_catches_up_after_reconnecting(
    stores: Callable[..., PgChatStore], pg_url: str
) -> None:
    a = stores()
    async with following(stores(), poll_every=60.0, retry_first=1.0) as b:
        await eventually(lambda: b.follower.listener_pid is not None)
        first = b.follower.listener_pid
        execute(pg_url, "SELECT pg_terminate_backend(%s)", first)
        await eventually(lambda: b.follower.listener_pid is None)
        made = a.add_subscription(1, "khmeimim")  # nobody listens: its NOTIFY is lost
        await eventually(lambda: made.id in b.index)
        assert b.follower.listener_pid not in (None, first)
        # And it listens again: the next change comes by notification.
        later = a.add_subscription(1, "tartus")
        await eventually(lambda: later.id in b.index)


async def test_a_follower_reconnects_after_the_database_restarts(tmp_path: Path) -> None:
    pytest.importorskip("pgserver", reason="restarts a throw-away server of its own")
    server = LocalServer()  # a server of its own: restarting the session's would break others
    try:
        first = PgChatStore(Database(server.url, max_size=2))
        async with following(PgChatStore(Database(server.url, max_size=2))) as b:
            await eventually(lambda: b.follower.listener_pid is not None)
            before = b.follower.listener_pid
            restart = ("restart", "-w", "-m", "fast", "-D", str(server.data))
            log = ("-l", str(server.dir / "log"))  # else the server keeps our pipe open
            await asyncio.to_thread(server._run, "pg_ctl", *restart, *log)
            first.close()  # its pooled connections died with the server
            a = PgChatStore(Database(server.url, max_size=2))
            made = a.add_subscription(1, "khmeimim")
            await eventually(lambda: made.id in b.index)
            assert b.follower.listener_pid not in (None, before)
            a.close()
    finally:
        server.stop()


async def test_a_follower_far_behind_reads_the_log_batch_after_batch(
    stores: Callable[..., PgChatStore], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("storage.postgres.follow.BATCH", 2)
    a, b = stores(), stores()
    follower = PgFollower(b)
    index = SubscriptionIndex()
    index.add_stored([(s.id, s.query) for s in follower.snapshot()])
    follower.follow(index)
    made = [a.add_subscription(1, q).id for q in ("khmeimim", "tartus", "latakia", "idlib")]
    a.remove_subscription(1, made[1])
    async with await psycopg.AsyncConnection.connect(b.url, autocommit=True) as conn:
        done = await follower.catch_up(conn)
    assert sorted(done.added) == [made[0], made[2], made[3]]
    assert keys_and_queries(index, range(1, 10)) == {
        made[0]: "khmeimim",
        made[2]: "latakia",
        made[3]: "idlib",
    }
    assert follower.cursor is not None
    assert (follower.cursor.last, follower.cursor.gaps) == (5, {})


def begin_uncommitted_add(url: str, chat_id: int, query: str) -> tuple[psycopg.Connection, int]:
    """A subscription added in a transaction left open: its change number is taken now,
    its rows become visible only at commit (as an instance's slow transaction)."""
    conn = psycopg.connect(url)
    (sub_id,) = conn.execute(
        "INSERT INTO subscriptions (chat_id, query, doc) VALUES (%s, %s,"
        " jsonb_build_object('query', %s::text, 'created', now(), 'muted', false))"
        " RETURNING id",
        (chat_id, query, query),
    ).fetchone() or (0,)
    conn.execute(
        "INSERT INTO subscription_changes (subscription_id, chat_id, op) VALUES (%s, %s, 'add')",
        (sub_id, chat_id),
    )
    return conn, int(sub_id)


async def test_a_change_committed_after_a_later_numbered_one_is_not_skipped(
    stores: Callable[..., PgChatStore], pg_url: str
) -> None:
    a = stores()
    async with following(stores()) as b:
        slow, slow_id = begin_uncommitted_add(pg_url, 1, "khmeimim")
        try:
            fast = a.add_subscription(2, "tartus")  # a higher number, committed first
            await eventually(lambda: fast.id in b.index)
            assert b.follower.cursor is not None
            assert slow_id not in b.index
            assert b.follower.cursor.gaps
            slow.commit()
        finally:
            slow.close()
        await eventually(lambda: slow_id in b.index)
        assert b.follower.cursor.gaps == {}


async def test_a_change_still_committing_at_start_up_is_read_once_it_commits(
    stores: Callable[..., PgChatStore], pg_url: str
) -> None:
    a = stores()
    slow, slow_id = begin_uncommitted_add(pg_url, 1, "khmeimim")
    try:
        fast = a.add_subscription(2, "tartus")
        async with following(stores()) as b:
            # The snapshot has the later change and not the one still open.
            assert fast.id in b.index
            assert slow_id not in b.index
            slow.commit()
            await eventually(lambda: slow_id in b.index)
    finally:
        slow.close()


def story(n: int, seen: datetime) -> Article:
    """A story about the Khmeimim air base, first seen at `seen`."""
    return Article(
        id=f"a{n}",
        url=f"https://news.example/{n}",
        title=f"Strike near Khmeimim air base, report {n}",
        summary="",
        source="Example",
        seen=seen,
    )


def alert_side(b: Instance, outbox: PgOutbox, *, clock: Callable[[], datetime]) -> AlertService:
    """Instance `b`'s alert side as bot/app.py builds it, over its own outbox, with a sender
    that must send nothing here."""
    sender = Sender(outbox=outbox, chats=b.chats, notifier=NoNotifier(), offload=False)
    return AlertService(
        index=b.index, prepare=prepare, chats=b.chats, outbox=outbox, sender=sender, clock=clock
    )


async def test_a_story_first_seen_before_a_subscription_elsewhere_does_not_alert_it(
    stores: Callable[..., PgChatStore], pg_url: str, tmp_path: Path
) -> None:
    """The rule holds across instances: A first saw the story at T0 and the chat
    subscribed on A at T1; B, deciding on that story, alerts no one, while a story first
    seen after T1 alerts the chat."""
    t1 = T0 + timedelta(minutes=5)
    a = stores(clock=lambda: t1)
    db_b = Database(pg_url, max_size=2)
    articles_a, articles_b = PgArticleStore(Database(pg_url)), PgArticleStore(db_b)
    outbox_b = PgOutbox(db_b)

    articles_a.add([story(1, T0)])  # A saw it before the subscription
    try:
        async with following(stores()) as b:
            made = a.add_subscription(7, "khmeimim")
            await eventually(lambda: made.id in b.index)
            alerts = alert_side(b, outbox_b, clock=lambda: t1 + timedelta(minutes=1))
            before = articles_b.get("a1")
            assert before is not None
            assert before.seen == T0
            after = story(2, t1 + timedelta(seconds=30))
            assert len(b.index.match(prepare(before))) == 1  # it matches: the rule decides
            added = await alerts.on_new_stories([before, after])
            assert [(e.chat_id, e.story.id) for e in added] == [(7, "a2")]
    finally:
        for store in (articles_a, articles_b, outbox_b):
            store.close()


async def test_a_running_bot_on_postgresql_follows_another_instances_changes(
    fake_telegram: FakeTelegram, tmp_path: Path, stores: Callable[..., PgChatStore]
) -> None:
    other = stores()  # another instance's chat store
    async with running_bot(
        fake_telegram,
        db_path=tmp_path / "newsbot.json",
        database_url=stores().url,
        chats=stores(),
    ) as bot:
        index = bot.services.index
        assert isinstance(bot.services.follower, PgFollower)
        made = other.add_subscription(42, "khmeimim air base")
        await eventually(lambda: made.id in index)
        reply = await bot.send(42, "/subscribe tartus")  # this instance's own change
        assert reply.text.startswith("Subscribed to “tartus”")
        (own,) = [s for s in other.subscriptions(42) if s.query == "tartus"]
        other.remove_subscription(42, made.id)
        await eventually(lambda: made.id not in index)
        assert index.query_of(own.id) == "tartus"
        pid = bot.services.follower.listener_pid
        assert pid is not None
    # Stopped with the bot: its connection is closed. The server's backend for it ends a
    # moment after the client hung up (CI once saw it still listed right after the stop).
    await eventually(
        lambda: execute(other.url, "SELECT 1 FROM pg_stat_activity WHERE pid = %s", pid) == []
    )


async def test_alerts_queued_here_for_a_subscription_muted_elsewhere_are_withdrawn(
    stores: Callable[..., PgChatStore], pg_url: str
) -> None:
    """B queued an alert for the subscription just as A muted it (A's own withdrawal ran
    before B's entry was stored): B's follower has B's alert side withdraw it."""
    a = stores(clock=lambda: T0)
    db_b = Database(pg_url, max_size=2)
    outbox_b = PgOutbox(db_b)
    try:
        async with following(stores()) as b:
            muted = a.add_subscription(7, "khmeimim")
            kept = a.add_subscription(8, "khmeimim")
            await eventually(lambda: kept.id in b.index)
            alerts = alert_side(b, outbox_b, clock=lambda: T0 + timedelta(minutes=2))
            b.follower.withdrawn = alerts.withdraw  # as bot/app.py wires it
            queued = await alerts.on_new_stories([story(1, T0 + timedelta(minutes=1))])
            assert sorted(e.chat_id for e in queued) == [7, 8]
            a.set_muted(7, muted.id, True)  # on A, whose withdrawal found nothing yet
            await eventually(lambda: not [e for e in outbox_b.unsent() if e.chat_id == 7])
            assert [e.chat_id for e in outbox_b.unsent()] == [8]
    finally:
        outbox_b.close()
