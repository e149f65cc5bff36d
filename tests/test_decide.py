"""The poll decider: one table of entries, what is stored already, and the verdict."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.models import Article
from bot.reading.decide import Verdict, decide
from bot.reading.stories import StoryIndex

NOW = datetime(2024, 12, 14, 13, 20, tzinfo=UTC)
TITLE = "Russian cargo plane leaves Syria for Libya, more flights expected"
REUTERS = "Russian cargo plane leaves Syria for Libya; more flights expected - Reuters"


def art(
    i: str,
    title: str = TITLE,
    *,
    feed: str = "https://a.example/feed",
    url: str = "",
    age: timedelta | None = timedelta(hours=1),
    seen: timedelta = timedelta(0),
) -> Article:
    return Article(
        id=i,
        url=url or f"https://{i}.example/story",
        title=title,
        feed=feed,
        published=None if age is None else NOW - age,
        seen=NOW - seen,
    )


OTHER = "https://b.example/feed"
STORED = art("s1", feed=OTHER, url="https://b.example/s1", seen=timedelta(hours=2))

# (entry, stored articles, first poll, ids listed at the last poll) → verdict, story joined
CASES = [
    ("new", art("e1", "A different headline about the weather today"), [STORED], False, (),
     Verdict.NEW, ""),
    ("listed-before", art("e1"), [], False, ("e1",), Verdict.KNOWN, ""),
    ("same-id-stored", art("s1", "Other words", url="https://x.example/1"), [STORED], False, (),
     Verdict.KNOWN, ""),
    ("same-url-stored", art("e2", "Other words", url=STORED.url), [STORED], False, (),
     Verdict.KNOWN, ""),
    ("near-title-other-feed", art("e3", REUTERS), [STORED], False, (), Verdict.SAME_STORY, "s1"),
    ("near-title-same-feed", art("e3", REUTERS, feed=OTHER), [STORED], False, (), Verdict.NEW, ""),
    ("near-title-50h-apart", art("e3", REUTERS, age=timedelta(hours=51)), [STORED], False, (),
     Verdict.NEW, ""),
    ("first-poll-old", art("e4", "Old news nobody needs", age=timedelta(hours=25)), [], True, (),
     Verdict.TOO_OLD, ""),
    ("first-poll-recent", art("e4", "Fresh news", age=timedelta(hours=23)), [], True, (),
     Verdict.NEW, ""),
    ("first-poll-undated", art("e4", "Undated news", age=None), [], True, (), Verdict.NEW, ""),
    ("later-poll-old", art("e4", "Old news nobody needs", age=timedelta(days=3)), [], False, (),
     Verdict.NEW, ""),
    ("first-poll-old-same-story", art("e5", REUTERS, age=timedelta(hours=30)),
     [art("s2", feed=OTHER, age=timedelta(hours=31))], True, (), Verdict.SAME_STORY, "s2"),
    ("short-title-near", art("e6", "Live update"), [art("s3", "Live updates", feed=OTHER)], False,
     (), Verdict.NEW, ""),
    ("short-title-exact", art("e6", "Live updates!"), [art("s3", "Live updates", feed=OTHER)],
     False, (), Verdict.SAME_STORY, "s3"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("entry", "stored", "first", "listed", "verdict", "story"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_verdict(
    entry: Article,
    stored: list[Article],
    first: bool,
    listed: tuple[str, ...],
    verdict: Verdict,
    story: str,
) -> None:
    index = StoryIndex()
    index.add_all(stored)
    [decision] = decide([entry], stories=index, first_poll=first, listed=set(listed), now=NOW)
    assert decision.verdict is verdict
    assert decision.article.story_id == story
    assert decision.article.id == entry.id


def test_second_entry_with_the_same_id_or_link_in_one_poll_is_known() -> None:
    entries = [
        art("e1", "First headline of the poll"),
        art("e1", "Same id, other words"),
        art("e2", "Same link, other id", url="https://e1.example/story"),
        art("e3", "Third headline of the poll"),
    ]
    decisions = list(decide(entries, stories=StoryIndex(), first_poll=False, listed=set(), now=NOW))
    assert [d.verdict for d in decisions] == [
        Verdict.NEW,
        Verdict.KNOWN,
        Verdict.KNOWN,
        Verdict.NEW,
    ]


def test_the_decider_only_reads_the_index() -> None:
    index = StoryIndex()
    index.add(STORED)
    decisions = list(decide([art("e1", "A new headline entirely"), art("e2", REUTERS)],
                            stories=index, first_poll=False, listed=set(), now=NOW))  # fmt: skip
    assert [d.verdict for d in decisions] == [Verdict.NEW, Verdict.SAME_STORY]
    assert len(index) == 1
    assert index.seen(art("e1", "A new headline entirely")) is None
