"""The pure article core: clean text, summaries, canonical URLs, ids, JSON."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.models import Article
from bot.reading.articles import (
    article_from_json,
    article_to_json,
    canonical_url,
    clean_text,
    entry_id,
    looks_like_teaser,
    make_summary,
)
from bot.text import cut_at_sentence

T0 = datetime(2024, 12, 14, 13, 20, tzinfo=UTC)


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("<p>Hello <b>world</b></p>", "Hello world"),
        ("Tom &amp; Jerry &eacute;t&eacute; &#8217;", "Tom & Jerry été ’"),
        ("double &amp;amp; escaped", "double & escaped"),
        ("&lt;p&gt;escaped markup&lt;/p&gt;", "escaped markup"),
        ("<p>one</p><p>two</p>", "one\n\ntwo"),
        ("a\n  b\t\tc\u00a0d", "a b c d"),
        ("<script>alert(1)</script><style>p{}</style>text", "text"),
        ("zero\u200bwidth\ufeff", "zerowidth"),
        ("", ""),
        ("lone\ud800 \udfffsurrogates", "lone surrogates"),
        ("c0\x00\x1b and c1\x85\x9f controls", "c0 and c1 controls"),
    ],
    ids=["tags", "entities", "double-escaped", "escaped-markup", "paragraphs", "spaces",
         "script", "invisible", "empty", "surrogates", "controls"],
)  # fmt: skip
def test_clean_text(raw: str, clean: str) -> None:
    assert clean_text(raw) == clean


def test_shorten_cuts_at_a_sentence_end() -> None:
    text = "First sentence is here. " * 10 + "Tail without end " * 20
    short = cut_at_sentence(text, 300)
    assert len(short) <= 300
    assert short.endswith("here.")


def test_shorten_never_cuts_mid_word() -> None:
    text = "supercalifragilistic " * 30
    short = cut_at_sentence(text, 100)
    assert len(short) <= 101
    assert short.endswith("supercalifragilistic…")


def test_shorten_keeps_short_text() -> None:
    assert cut_at_sentence("  Short  text. ", 300) == "Short text."


def test_summary_prefers_a_real_description() -> None:
    desc = "Moscow says it hopes to maintain its naval and air bases in Syria for now."
    assert make_summary(desc, "Body text " * 100, "Title") == desc


def test_summary_falls_back_to_the_lead_when_description_is_the_title() -> None:
    text = "The lead paragraph says what happened, where and when, in one sentence.\n\nMore."
    assert make_summary("Big news", text, "Big news") == text.split("\n\n")[0]


def test_summary_drops_read_more_tails() -> None:
    desc = "The minister said the talks would resume next week in Geneva, officials said. Read more"
    assert make_summary(desc, "", "T").endswith("officials said.")


def test_teaser_detection() -> None:
    assert looks_like_teaser("s", "A short teaser.")
    assert not looks_like_teaser("s", "Full paragraph of a real article body. " * 30)


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        ("HTTPS://WWW.BBC.CO.UK/news/x", "https://www.bbc.co.uk/news/x"),
        ("https://a.com:443/x", "https://a.com/x"),
        ("http://a.com:8080/x", "http://a.com:8080/x"),
        ("https://a.com/x?utm_source=rss&utm_medium=feed&id=7", "https://a.com/x?id=7"),
        ("https://a.com/x?fbclid=1&gclid=2&ocid=3", "https://a.com/x"),
        ("https://a.com/x#comments", "https://a.com/x"),
        ("https://a.com", "https://a.com/"),
        ("https://a.com/x?b=2&a=1", "https://a.com/x?b=2&a=1"),
        ("ftp://a.com/x", ""),
        ("not a url", ""),
        ("https://a.com/" + "x" * 8200, ""),
        ("https://a.com/x\ud800", ""),
        ("https://a.com/x\x00y", ""),
        ("https://a.com/x y", "https://a.com/x y"),  # httpx quotes the space when fetching
    ],
)
def test_canonical_url(url: str, canonical: str) -> None:
    assert canonical_url(url) == canonical


def test_ids_are_stable_and_global_guids_agree_across_feeds() -> None:
    guid = "https://www.bbc.co.uk/news/world-europe-47348479"
    assert entry_id(guid, "", "feed-a", "t") == entry_id(guid, "", "feed-b", "t")
    assert entry_id("42", "", "feed-a", "t") != entry_id("42", "", "feed-b", "t")
    assert entry_id("", "https://a.com/x", "f", "t") == entry_id("", "https://a.com/x", "g", "u")
    assert len(entry_id("42", "", "f", "t")) == 16


def test_json_round_trip() -> None:
    a = Article(
        id="abc", url="https://a.com/x", title="T", summary="S", text="Body",
        published=T0, source="Src", feed="https://a.com/feed", seen=T0, story_id="first",
    )  # fmt: skip
    data = article_to_json(a)
    assert data["published"] == "2024-12-14T13:20:00+00:00"
    assert {"id", "title", "summary", "text", "url"} <= data.keys()
    assert article_from_json(data) == a


def test_json_minimal_and_malformed() -> None:
    a = article_from_json({"title": "Only a title", "published": "2024-12-14T13:20:00Z"})
    assert a.id
    assert a.published == T0
    with pytest.raises(ValueError, match="title"):
        article_from_json({"url": "https://a.com"})
    with pytest.raises(ValueError, match="ISO-8601"):
        article_from_json({"title": "t", "published": "yesterday"})
    with pytest.raises(ValueError, match="string"):
        article_from_json({"title": 5})
