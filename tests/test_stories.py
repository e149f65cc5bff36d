"""Stories: one story told by two feeds, recognised by the StoryIndex (the rule that runs)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from bot.models import Article
from bot.reading.stories import StoryIndex, story_title

T0 = datetime(2024, 12, 14, 13, 20, tzinfo=UTC)
CARGO = "Russian cargo plane leaves Syria for Libya, more flights expected"


def _article(i: str, title: str, feed: str, when: datetime, url: str = "") -> Article:
    return Article(
        id=i, url=url or f"https://{feed}/{i}", title=title, feed=feed, published=when, seen=when
    )


# (known article, candidate) → is the candidate the known article's story told again?
STORY_CASES = [
    ("near-title-other-feed", _article("1", CARGO, "a", T0),
     _article("2", "Russian cargo plane leaves Syria for Libya; more flights expected - Reuters",
              "b", T0 + timedelta(hours=5)), True),
    ("48h-apart", _article("1", CARGO, "a", T0),
     _article("2", CARGO, "b", T0 + timedelta(hours=48)), True),
    ("49h-apart", _article("1", CARGO, "a", T0),
     _article("2", CARGO, "b", T0 + timedelta(hours=49)), False),
    ("same-feed", _article("1", CARGO, "a", T0), _article("4", CARGO, "a", T0), False),
    ("different-story", _article("1", CARGO, "a", T0),
     _article("5", "Russian cargo plane leaves Iraq for Iran, no flights expected", "b", T0),
     False),
    ("short-near", _article("1", "Live updates", "a", T0), _article("2", "Live update", "b", T0),
     False),
    ("short-exact", _article("1", "Live updates", "a", T0), _article("2", "LIVE updates!", "b", T0),
     True),
    ("empty-title", _article("1", "!!!", "a", T0), _article("2", "???", "b", T0), False),
]  # fmt: skip


@pytest.mark.parametrize(
    ("known", "candidate", "same"), [c[1:] for c in STORY_CASES], ids=[c[0] for c in STORY_CASES]
)
def test_story_rule(known: Article, candidate: Article, same: bool) -> None:
    index = StoryIndex()
    index.add(known)
    assert index.story_of(candidate) == (known.id if same else None)


def test_a_second_source_leads_to_the_first_articles_story() -> None:
    index = StoryIndex()
    index.add(_article("1", "Earthquake of magnitude 7 strikes off the coast of Japan", "a", T0))
    second = replace(
        _article("2", "Earthquake of magnitude 7.0 strikes off the coast of Japan", "b", T0),
        story_id="1",
    )
    index.add(second)
    third = _article("3", "Earthquake of magnitude 7.0 strikes off the coast of Japan!", "c", T0)
    assert index.story_of(third) == "1"


@pytest.mark.parametrize(
    ("title", "reduced"),
    [
        ("Russian plane leaves Syria - Reuters", "russian plane leaves syria"),
        ("Président’s visit: what we know", "president visit what we know"),
        ("  ", ""),
    ],
)
def test_story_title(title: str, reduced: str) -> None:
    assert story_title(title) == reduced


def test_story_index_finds_known_articles_and_forgets_them() -> None:
    index = StoryIndex()
    first = _article("1", "Earthquake of magnitude 7 strikes off the coast of Japan", "a", T0)
    index.add(first)
    assert index.seen(_article("1", "x", "z", T0)) is not None  # same id
    assert index.seen(_article("7", "x", "z", T0, url=first.url)) is not None  # same link
    assert index.seen(_article("8", "x", "z", T0)) is None
    second = _article("2", "Earthquake of magnitude 7.0 strikes off the coast of Japan", "b", T0)
    assert index.story_of(second) == "1"
    assert index.story_of(_article("3", "Earthquake of magnitude 7 strikes off Japan's coast "
                                        "as tsunami warning issued", "b", T0)) is None  # fmt: skip
    index.forget(seen_before=T0 + timedelta(days=8), published_before=T0)
    assert index.seen(first) is None
    assert index.story_of(second) is None
    assert len(index) == 0
