"""Stories: one story told by two feeds, recognised by the StoryIndex."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.models import Article
from bot.reading.stories import StoryIndex, same_story

T0 = datetime(2024, 12, 14, 13, 20, tzinfo=UTC)


def _article(i: str, title: str, feed: str, when: datetime, url: str = "") -> Article:
    return Article(
        id=i, url=url or f"https://{feed}/{i}", title=title, feed=feed, published=when, seen=when
    )


def test_same_story_rules() -> None:
    a = _article("1", "Russian cargo plane leaves Syria for Libya, more flights expected", "a", T0)
    reuters = "Russian cargo plane leaves Syria for Libya; more flights expected - Reuters"
    near = _article("2", reuters, "b", T0 + timedelta(hours=5))
    assert same_story(a, near)
    assert not same_story(a, _article("3", near.title, "b", T0 + timedelta(hours=49)))
    assert not same_story(a, _article("4", a.title, "a", T0))  # same feed: not a second source
    assert same_story(a, _article("1", "Other", "c", T0))  # same id
    assert same_story(a, _article("9", "Other", "c", T0, url=a.url))  # same URL
    different = _article("5", "Russian cargo plane leaves Iraq for Iran, no flights expected", "b",
                         T0)  # fmt: skip
    assert not same_story(a, different)


def test_short_titles_must_match_exactly() -> None:
    assert not same_story(
        _article("1", "Live updates", "a", T0), _article("2", "Live update", "b", T0)
    )


def test_story_index_finds_known_articles_and_stories() -> None:
    index = StoryIndex()
    first = _article("1", "Earthquake of magnitude 7 strikes off the coast of Japan", "a", T0)
    index.add(first)
    assert index.seen(_article("1", "x", "z", T0)) is not None
    assert index.seen(_article("7", "x", "z", T0, url=first.url)) is not None
    second = _article("2", "Earthquake of magnitude 7.0 strikes off the coast of Japan", "b", T0)
    assert index.story_of(second) == "1"
    assert index.story_of(_article("3", "Earthquake of magnitude 7 strikes off Japan's coast "
                                        "as tsunami warning issued", "b", T0)) is None  # fmt: skip
    index.forget(seen_before=T0 + timedelta(days=8), published_before=T0)
    assert index.seen(first) is None
    assert len(index) == 0
