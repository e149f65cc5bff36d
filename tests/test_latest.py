"""/latest over stored articles: the newest matching stories, one line per story, five at most."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.chats.latest import StoredArticleSearch
from bot.matching.query import parse_query
from bot.models import Article
from storage.articles import TinyArticleStore

T0 = datetime(2024, 12, 14, 13, 20, tzinfo=UTC)


def article(n: int, title: str, *, minutes: int, story_id: str = "", source: str = "A") -> Article:
    return Article(
        id=f"a{n}",
        url=f"https://{source.lower()}.example/{n}",
        title=title,
        summary=f"{title}. More in the full story.",
        source=source,
        published=T0 + timedelta(minutes=minutes),
        seen=T0 + timedelta(minutes=minutes),
        story_id=story_id,
    )


@pytest.fixture
def store(tmp_path: Path) -> Iterator[TinyArticleStore]:
    articles = TinyArticleStore(tmp_path / "newsbot.articles.json", fsync=False)
    yield articles
    articles.close()


def test_a_story_from_two_feeds_is_listed_once(store: TinyArticleStore) -> None:
    store.add(
        [
            article(1, "Ships leave Tartus harbour", minutes=0),
            # The same story from a second feed, stored with story_id and newer.
            article(2, "Ships leave Tartus harbour", minutes=5, story_id="a1", source="B"),
            article(3, "Tartus base stays open", minutes=2),
            article(4, "Markets rally in Tokyo", minutes=9),
        ]
    )
    found = StoredArticleSearch(store).latest([parse_query("Tartus")], limit=5)
    assert [a.story for a in found] == ["a1", "a3"]
    assert found[0].source == "B"  # the newest copy of the story stands for it


def test_five_newest_matches_of_any_query(store: TinyArticleStore) -> None:
    store.add([article(n, f"Tartus report {n}", minutes=n) for n in range(1, 9)])
    store.add([article(20, "Hmeimim flights resume", minutes=30)])
    queries = [parse_query("Tartus"), parse_query("Khmeimim")]
    found = StoredArticleSearch(store).latest(queries, limit=5)
    assert [a.id for a in found] == ["a20", "a8", "a7", "a6", "a5"]


def test_dry_run_counts_matches_and_shows_the_newest(store: TinyArticleStore) -> None:
    store.add([article(n, f"Tartus report {n}", minutes=n) for n in range(1, 4)])
    store.add([article(9, "Markets rally in Tokyo", minutes=9)])
    search = StoredArticleSearch(store)
    dry = search.dry_run(parse_query("Tartous"))
    assert (dry.matched, dry.scanned) == (3, 4)
    assert dry.newest is not None
    assert dry.newest.id == "a3"
    none = search.dry_run(parse_query("Bolsonaro"))
    assert (none.matched, none.scanned, none.newest) == (0, 4, None)


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("Tal Abyad", "Fighting near Tell Abyad"),  # a generic word's other spelling
        ("Deir ez-Zor", "Clashes in Dayr al-Zor"),
        ("bin Salman", "Prince ben Salman spoke"),  # a particle's
        ("El Callao", "Port of Callao closed"),  # the article left out
        ("wild fire", "The wildfire spread"),  # one word written together
        ("Kurdistan Workers' Party", "The PKK said"),  # a name's other name
        ("Da Nang", "Flights to Danang resumed"),  # a name printed as one word
        ("Nay Pyi Taw", "The junta in Naypyitaw said"),
        ("Sri Lanka", "Srilanka beat India"),  # (a name of the alias files)
        ("Danang", "Flights to Da Nang resumed"),  # or as two
    ],
)
def test_dry_run_finds_what_two_query_words_read_together_find(
    store: TinyArticleStore, query: str, title: str
) -> None:
    # The plan reads the words as one term; the pre-filter on words must let it through.
    store.add([article(1, title, minutes=1), article(2, "Markets rally in Tokyo", minutes=2)])
    dry = StoredArticleSearch(store).dry_run(parse_query(query))
    assert (dry.matched, dry.scanned) == (1, 2)
