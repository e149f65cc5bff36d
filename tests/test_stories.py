"""Stories: one story told by two feeds, recognised by the StoryIndex (the rule that runs)."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from rapidfuzz import fuzz

from bot.models import Article
from bot.reading.articles import article_time
from bot.reading.stories import (
    STORY_MIN_FUZZY_LENGTH,
    STORY_TITLE_SCORE,
    STORY_WINDOW,
    StoryIndex,
    story_title,
)

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


def brute_force_story_of(knowns: list[tuple[str, Article]], a: Article) -> str | None:
    """The story rule written plainly, comparing the article with every known one
    (given in the order added, each with its reduced title)."""
    title = story_title(a.title)
    if not title:
        return None

    def fits(k: Article) -> bool:
        return k.feed != a.feed and abs(article_time(k) - article_time(a)) <= STORY_WINDOW

    for other, k in knowns:
        if other == title and fits(k):
            return k.story
    if len(title) < STORY_MIN_FUZZY_LENGTH:
        return None
    best, best_score = None, 0.0
    for other, k in knowns:
        if len(other) < STORY_MIN_FUZZY_LENGTH or not fits(k):
            continue
        score = fuzz.ratio(title, other)
        if score >= STORY_TITLE_SCORE and score > best_score:
            best, best_score = k, score
    return None if best is None else best.story


WORDS = ("storm", "flood", "minister", "election", "talks", "plane", "port", "strike",
         "court", "rates", "deal", "fire", "quake", "rebels", "vote", "ban", "oil")  # fmt: skip


def _random_title(rng: random.Random, kind: str) -> str:
    if kind == "words":
        return " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 12)))
    # Random letters: every trigram rare, so two titles share as few as the lemma allows.
    return "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(20, 90)))


def _edited(rng: random.Random, title: str) -> str:
    chars = list(title)
    for _ in range(rng.randint(0, 2 + len(title) // 10)):
        where = rng.randrange(len(chars) + 1)
        match rng.randrange(3):
            case 0:
                chars.insert(where, rng.choice("abcdefgh "))
            case 1 if where < len(chars):
                del chars[where]
            case _ if where < len(chars):
                chars[where] = rng.choice("aeiou")
    return "".join(chars)


@pytest.mark.parametrize("kind", ["words", "letters"])
@pytest.mark.parametrize("seed", range(3))
def test_the_index_finds_what_comparing_with_every_title_finds(seed: int, kind: str) -> None:
    rng = random.Random(seed)
    index = StoryIndex()
    knowns: list[tuple[str, Article]] = []
    base = [_random_title(rng, kind) for _ in range(40)]
    matched = 0
    for n in range(600):
        # Mostly variants of a few dozen titles, so that near-identical ones abound.
        title = _edited(rng, rng.choice(base)) if rng.random() < 0.8 else _random_title(rng, kind)
        a = _article(
            str(n), title, f"feed{rng.randrange(4)}", T0 + timedelta(hours=rng.randrange(120))
        )
        expected = brute_force_story_of(knowns, a)
        assert index.story_of(a) == expected, (seed, n, title)
        matched += expected is not None
        if expected is not None:
            a = replace(a, story_id=expected)
        index.add(a)
        knowns.append((story_title(a.title), a))
        if n == 400:  # forgetting rebuilds the title search: still the same answers
            cut = T0 + timedelta(hours=30)
            index.forget(seen_before=T0, published_before=cut)
            knowns = [(t, k) for t, k in knowns if article_time(k) >= cut]
    assert matched > 100  # the titles did put the fuzzy rule to work


def test_of_two_equally_similar_titles_the_first_added_wins() -> None:
    title = "Ministers meet in Brussels to agree the new budget rules"
    index = StoryIndex()
    index.add(_article("1", title.replace("Ministers", "Minister"), "a", T0))
    index.add(_article("2", title.replace("budget", "budgt"), "b", T0))
    assert index.story_of(_article("3", title, "c", T0)) == "1"
    index = StoryIndex()
    index.add(_article("2", title.replace("budget", "budgt"), "b", T0))
    index.add(_article("1", title.replace("Ministers", "Minister"), "a", T0))
    assert index.story_of(_article("3", title, "c", T0)) == "2"
