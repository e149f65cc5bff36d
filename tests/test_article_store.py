"""The TinyDB article store: its own file, durable batches, retention days and a cap."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from bot.errors import StorageError
from bot.models import Article, utcnow
from storage.articles import TinyArticleStore, articles_path
from storage.chats import TinyChatStore

NOW = utcnow()


def article(n: int, *, seen_days_ago: float = 0.0, text: str = "Body text.") -> Article:
    return Article(
        id=f"a{n}",
        url=f"https://news.example.com/{n}",
        title=f"Story number {n}",
        summary="A summary.",
        text=text,
        published=NOW - timedelta(days=seen_days_ago, minutes=n),
        source="Example News",
        feed="https://news.example.com/feed",
        seen=NOW - timedelta(days=seen_days_ago, minutes=n),
    )


def test_articles_live_beside_the_main_file_never_in_it(tmp_path: Path) -> None:
    db = tmp_path / "newsbot.json"
    chats = TinyChatStore(db)
    chats.add_subscription(1, "syria")
    before = db.read_bytes()
    store = TinyArticleStore(articles_path(db))
    store.add([article(n) for n in range(20)])
    store.close()
    chats.close()
    assert articles_path(db) == tmp_path / "newsbot.articles.json"
    assert db.read_bytes() == before  # article writes never rewrite the subscription file


def test_a_batch_is_durable_and_reloads_with_every_field(tmp_path: Path) -> None:
    path = tmp_path / "newsbot.articles.json"
    store = TinyArticleStore(path)
    batch = [article(n) for n in range(3)]
    store.add(batch)
    store.close()
    reopened = TinyArticleStore(path)
    assert len(reopened) == 3
    assert [reopened.get(a.id) for a in batch] == batch
    assert reopened.get_by_url("https://news.example.com/1") == batch[1]
    assert [a.id for a in reopened.recent(2)] == ["a0", "a1"]  # newest first
    reopened.close()


def test_prune_drops_articles_older_than_the_retention_period(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    store = TinyArticleStore(path, retention_days=7, fsync=False)
    store.add(
        [article(1, seen_days_ago=1), article(2, seen_days_ago=6.9), article(3, seen_days_ago=8)]
    )
    assert store.prune(NOW) == 1
    assert store.get("a3") is None
    assert store.get_by_url("https://news.example.com/3") is None
    assert {a.id for a in store.recent(10)} == {"a1", "a2"}
    store.close()
    reopened = TinyArticleStore(path, retention_days=7, fsync=False)
    assert len(reopened) == 2  # the pruning reached the disk
    assert reopened.get("a3") is None
    reopened.close()


def test_prune_keeps_at_most_the_cap_dropping_the_oldest_first(tmp_path: Path) -> None:
    store = TinyArticleStore(tmp_path / "a.json", max_articles=5, fsync=False)
    store.add([article(n) for n in range(8)])  # a8 is the oldest: seen n minutes ago
    assert store.prune(NOW) == 3
    assert sorted(a.id for a in store.recent(10)) == ["a0", "a1", "a2", "a3", "a4"]
    assert store.prune(NOW) == 0
    store.close()


def test_stored_text_is_bounded(tmp_path: Path) -> None:
    store = TinyArticleStore(tmp_path / "a.json", max_text_chars=1000, fsync=False)
    store.add([article(1, text="word " * 1000)])
    stored = store.get("a1")
    assert stored is not None
    assert len(stored.text) <= 1000
    assert stored.text.endswith("word")  # cut between words
    store.close()


@pytest.mark.parametrize(
    "content",
    [b"{not json", b'{"articles": {"1": {"title": 5}}}', b'{"articles": {"1": {"text": ""}}}'],
    ids=["bad-json", "wrong-type", "no-title-or-text"],
)
def test_an_unreadable_article_file_is_refused_and_left_alone(
    tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "a.json"
    path.write_bytes(content)
    with pytest.raises(StorageError) as refused:
        TinyArticleStore(path)
    assert str(path) in str(refused.value)
    assert "\n" not in str(refused.value)
    assert path.read_bytes() == content  # never started empty over existing data
