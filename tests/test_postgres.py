"""PostgreSQL specifics: migrations under the advisory lock, and races between instances.

Each "instance" is a Database pool of its own on the test's database, as two `newsbot run`
processes would have; threads start their claims together at a barrier.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

import psycopg
import pytest

from bot.errors import StorageError
from bot.models import Article, Hit, OutboxEntry, Story
from storage.outbox_sqlite import sqlite_outbox_path
from storage.postgres.articles import PgArticleStore, PgFeedStateStore
from storage.postgres.chats import PgChatStore
from storage.postgres.outbox import PgOutbox
from storage.postgres.pool import Database, apply_migrations, migration_files
from tests.e2e import running_bot
from tests.fakes.telegram_server import FakeTelegram

T0 = datetime(2024, 12, 14, 13, 20, tzinfo=UTC)
R = TypeVar("R")


@pytest.fixture
def instances(pg_url: str) -> Iterator[Callable[[], Database]]:
    opened: list[Database] = []

    def start() -> Database:
        opened.append(Database(pg_url, max_size=2))
        return opened[-1]

    yield start
    for db in opened:
        db.close()


def together(*calls: Callable[[], R]) -> list[R]:
    """Run the calls in threads released at the same moment; their results, in order."""
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)
    errors: list[BaseException] = []

    def run(n: int) -> None:
        barrier.wait()
        try:
            results[n] = calls[n]()
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(n,)) for n in range(len(calls))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not errors, errors
    return results


def entry(chat: int, story: str, sub: int) -> OutboxEntry:
    return OutboxEntry(
        chat_id=chat,
        story=Story(id=story, article_id=story, title="T", url="https://n.example/", seen=T0),
        hits=(Hit(sub, "q", ("q",)),),
        created=T0,
    )


def rows(url: str, sql: str) -> list[tuple[Any, ...]]:
    with psycopg.connect(url) as conn:
        return conn.execute(sql.encode()).fetchall()


# -- migrations ---------------------------------------------------------------------------


def test_migration_files_are_numbered_from_one() -> None:
    names = [name for _, name, _ in migration_files()]
    assert names[0] == "0001_initial.sql"
    assert [v for v, _, _ in migration_files()] == list(range(1, len(names) + 1))


def test_opening_applies_each_migration_once(pg_empty_url: str) -> None:
    first = Database(pg_empty_url)
    again = Database(pg_empty_url)
    assert first.applied == [name for _, name, _ in migration_files()]
    assert again.applied == []
    first.close()
    again.close()
    tables = {r[0] for r in rows(pg_empty_url, "SELECT tablename FROM pg_tables")}
    assert {"chats", "subscriptions", "subscription_changes", "outbox"} <= tables
    assert {"articles", "feed_states", "schema_migrations"} <= tables


def test_two_instances_applying_the_same_migrations_apply_them_once(pg_empty_url: str) -> None:
    def migrate() -> list[str]:
        with psycopg.connect(pg_empty_url, autocommit=True) as conn:
            return apply_migrations(conn)

    for _ in range(3):  # the first round races on an empty database, the others on a full one
        results = together(migrate, migrate)
        assert sorted(len(r) for r in results) in ([0, len(migration_files())], [0, 0])
    recorded = rows(
        pg_empty_url, "SELECT version, count(*) FROM schema_migrations GROUP BY 1 ORDER BY 1"
    )
    assert recorded == [(v, 1) for v, _, _ in migration_files()]


def test_an_unreachable_database_is_one_clear_error_without_its_password() -> None:
    url = "postgresql://newsbot:s3cret@127.0.0.1:1/newsbot?connect_timeout=2"
    with pytest.raises(StorageError, match="cannot open the database") as caught:
        Database(url)
    assert "s3cret" not in str(caught.value)
    assert "\n" not in str(caught.value).strip()


# -- races between instances --------------------------------------------------------------


def test_two_instances_enqueueing_the_same_keys_store_each_once(
    instances: Callable[[], Database],
) -> None:
    a, b = PgOutbox(instances()), PgOutbox(instances())
    won: list[tuple[int, str]] = []
    for n in range(20):
        batch_a = [entry(chat, f"s{n}", sub=1) for chat in range(5)]
        batch_b = [entry(chat, f"s{n}", sub=2) for chat in range(5)]
        got_a, got_b = together(partial(a.enqueue, batch_a), partial(b.enqueue, batch_b))
        won += [e.key for e in got_a + got_b]
    assert sorted(won) == sorted((chat, f"s{n}") for chat in range(5) for n in range(20))
    assert len(a.unsent()) == 100
    assert len(b) == 100


def test_two_instances_inserting_the_same_story_keep_one(
    instances: Callable[[], Database],
) -> None:
    a, b = PgArticleStore(instances()), PgArticleStore(instances())
    for n in range(20):
        story = Article(id=f"a{n}", url=f"https://n.example/{n}", title=f"Story {n}", seen=T0)
        together(partial(a.add, [story]), partial(b.add, [story]))
    assert len(a) == 20
    assert rows(a._db.url, "SELECT count(DISTINCT url) FROM articles") == [(20,)]


def test_two_instances_adding_subscriptions_get_distinct_ids_and_log_each(
    instances: Callable[[], Database],
) -> None:
    a, b = PgChatStore(instances()), PgChatStore(instances())

    def add_many(store: PgChatStore, chat: int) -> list[int]:
        return [store.add_subscription(chat, f"q{n}").id for n in range(25)]

    ids_a, ids_b = together(lambda: add_many(a, 1), lambda: add_many(b, 1))
    assert len(set(ids_a) | set(ids_b)) == 50
    assert [s.id for s in a.all_subscriptions()] == sorted(ids_a + ids_b)
    logged = rows(a._db.url, "SELECT subscription_id FROM subscription_changes WHERE op = 'add'")
    assert sorted(r[0] for r in logged) == sorted(ids_a + ids_b)


# -- the composition root selects PostgreSQL ------------------------------------------------


async def test_the_bot_runs_on_postgresql_when_a_database_url_is_set(
    fake_telegram: FakeTelegram, tmp_path: Path, pg_url: str
) -> None:
    db_path = tmp_path / "newsbot.json"
    for attempt in range(2):  # the second run is a restart on the same database
        chats = PgChatStore(Database(pg_url))
        async with running_bot(
            fake_telegram, db_path=db_path, database_url=pg_url, chats=chats
        ) as bot:
            services = bot.services
            assert isinstance(services.outbox, PgOutbox)
            assert isinstance(services.feed_states, PgFeedStateStore)
            if attempt == 0:
                reply = await bot.send(42, "/subscribe Khmeimim air base")
                assert reply.text.startswith("Subscribed to “Khmeimim air base”")
            reply = await bot.send(42, "/list")
            assert "Khmeimim air base" in reply.text
    # nothing went to the embedded store's files
    assert not db_path.exists()
    assert not sqlite_outbox_path(db_path).exists()
    logged = rows(pg_url, "SELECT op FROM subscription_changes")
    assert logged == [("add",)]


def test_loading_everything_reads_older_documents_like_the_codec(pg_url: str) -> None:
    """all_subscriptions casts fields in SQL; a document written before a field existed
    loads with the field's default, exactly as the codec (subscriptions()) reads it."""
    with psycopg.connect(pg_url) as conn:
        conn.execute(
            "INSERT INTO subscriptions (chat_id, query, doc) VALUES (9, 'old',"
            ' \'{"chat_id": 9, "query": "old", "created": "2024-12-14T13:20:00+00:00"}\')'
        )
    store = PgChatStore(Database(pg_url))
    new = store.add_subscription(9, "new", 4)
    store.set_muted(9, new.id, True)
    loaded = store.all_subscriptions()
    assert loaded == store.subscriptions(9)
    assert [(s.query, s.muted, s.thread_id, s.created) for s in loaded] == [
        ("old", False, None, T0),
        ("new", True, 4, new.created),
    ]
    assert loaded[0].created.utcoffset() is not None
    store.close()
