"""`newsbot migrate --to URL`: the embedded store copied into PostgreSQL, verified."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.__main__ import main
from bot.models import Article, Chat, ChatKind, FeedState, Hit, OutboxEntry, Story
from storage.articles import TinyArticleStore, articles_path
from storage.chats import TinyChatStore
from storage.feedstate import TinyFeedStateStore, feeds_path
from storage.outbox_sqlite import open_outbox
from storage.postgres.articles import PgArticleStore, PgFeedStateStore
from storage.postgres.chats import PgChatStore
from storage.postgres.copy import fingerprint
from storage.postgres.outbox import PgOutbox
from storage.postgres.pool import Database

T0 = datetime(2024, 12, 14, 13, 20, tzinfo=UTC)


def entry(chat: int, story: str, sub: int) -> OutboxEntry:
    return OutboxEntry(
        chat_id=chat,
        story=Story(id=story, article_id=story, title=f"T {story}", url="https://n.example/"),
        hits=(Hit(sub, "syria", ("Syria",)),),
        created=T0,
        thread_id=3 if chat < 0 else None,
    )


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An embedded store with something in every file, and NEWSBOT_DB pointing at it."""
    db = tmp_path / "data" / "newsbot.json"
    chats = TinyChatStore(db)
    chats.save_chat(Chat(id=-100, kind=ChatKind.SUPERGROUP, title="Desk", created=T0, paused=True))
    first = chats.add_subscription(-100, "syria", 3)
    chats.add_subscription(42, "kyiv OR kiev")
    gone = chats.add_subscription(42, "tartus")
    chats.remove_subscription(42, gone.id)  # its id is never given again
    chats.close()
    articles = TinyArticleStore(articles_path(db))
    articles.add(
        [Article(id=f"a{n}", url=f"https://n.example/{n}", title="T", seen=T0) for n in range(3)]
    )
    articles.close()
    feeds = TinyFeedStateStore(feeds_path(db))
    feeds.save(FeedState(url="https://n.example/feed", etag='"e"', last_success=T0, listed=("x",)))
    feeds.close()
    outbox = open_outbox(db)
    outbox.enqueue([entry(-100, "s1", first.id), entry(42, "s1", 2), entry(42, "s2", 2)])
    outbox.mark([(42, "s1")], status="sent", at=T0 + timedelta(minutes=1))
    outbox.withdraw(42, 2, at=T0 + timedelta(minutes=2))
    outbox.close()
    monkeypatch.chdir(tmp_path)  # no .env of the checkout
    monkeypatch.setenv("NEWSBOT_DB", str(db))
    return db


def test_migrate_copies_every_table_and_verifies_it(
    store: Path, pg_empty_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["migrate", "--to", pg_empty_url]) == 0
    out = capsys.readouterr().out
    assert "chats: 2 rows" in out
    assert "subscriptions: 2 rows" in out
    assert "outbox: 3 rows" in out
    assert "verified" in out

    db = Database(pg_empty_url)
    chats, outbox = PgChatStore(db), PgOutbox(db)
    articles, feeds = PgArticleStore(db), PgFeedStateStore(db)
    tiny = TinyChatStore(store)
    assert chats.chats() == tiny.chats()
    assert chats.all_subscriptions() == tiny.all_subscriptions()
    assert chats.add_subscription(7, "new").id == 4  # after the removed id 3, never reusing it
    tiny.close()
    assert len(articles) == 3
    assert feeds.all()[0].listed == ("x",)
    assert outbox.status(42, "s1") == "sent"
    assert outbox.status(42, "s2") == "withdrawn"
    assert [e.key for e in outbox.unsent()] == [(-100, "s1")]
    assert outbox.unsent()[0].thread_id == 3
    assert outbox.enqueue([entry(42, "s1", 2)]) == []  # a sent key stays sent
    for closing in (chats, outbox, articles, feeds):
        closing.close()


def test_migrate_refuses_a_target_that_is_not_empty(
    store: Path, pg_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    db = Database(pg_url)
    chats = PgChatStore(db)
    chats.add_subscription(1, "already here")
    chats.close()
    assert main(["migrate", "--to", pg_url]) == 2
    err = capsys.readouterr().err
    assert "not empty" in err
    assert err.count("\n") == 1


@pytest.mark.parametrize(
    ("to", "says"),
    [
        ("mysql://bot@db/newsbot", "--to: must be a postgresql:// URL"),
        ("postgresql://bot:pw@127.0.0.1:1/x?connect_timeout=2", "cannot open the database"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    store: Path, to: str, says: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["migrate", "--to", to]) == 2
    err = capsys.readouterr().err
    assert says in err
    assert err.count("\n") == 1
    assert ":pw@" not in err


def test_a_missing_store_is_one_line_and_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pg_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NEWSBOT_DB", str(tmp_path / "none.json"))
    assert main(["migrate", "--to", pg_url]) == 2
    assert "no embedded store" in capsys.readouterr().err


def test_the_checksum_sees_any_changed_field() -> None:
    chat = Chat(id=1, created=T0)
    assert fingerprint([chat]) == fingerprint([Chat(id=1, created=T0.astimezone())])
    assert fingerprint([chat]) != fingerprint([Chat(id=1, created=T0, title="x")])
    assert fingerprint([chat])[0] == 1
