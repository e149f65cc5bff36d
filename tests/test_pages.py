"""Article pages and plain-text articles: main text without furniture; `newsbot parse`."""

from __future__ import annotations

import gzip
import io
import json
import re
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

from bot.cli.parse import parse_command
from bot.config import Settings
from bot.errors import FeedError
from bot.reading.articles import article_from_json
from bot.reading.pages import (
    article_from_page,
    article_from_text,
    bound_text,
    drop_furniture,
    extract_main_text,
    trim_tail,
)
from bot.reading.sources import read_source

SEED_TITLE = "Russian cargo plane leaves Syria for Libya, more flights expected"
SEED_LEAD = (
    "Moscow says it hopes to maintain its naval and air bases in Syria to keep up efforts "
    "against what it calls international terrorism."
)
PAGE = (
    "<html><head><title>Ships leave Tartus</title>"
    '<link rel="canonical" href="https://news.example.com/ships?utm_source=x">'
    '<meta property="og:site_name" content="Example News"></head><body>'
    "<nav><a href='/'>Home</a> <a href='/world'>World</a> <a href='/sport'>Sport</a></nav>"
    "<article><h1>Ships leave Tartus</h1>"
    + "".join(
        f"<p>Paragraph {n}: Russian ships left the naval base at Tartus on Monday, satellite "
        "images showed, as Moscow weighed the future of its bases in Syria.</p>"
        for n in range(8)
    )
    + "</article><aside><h2>Related</h2><ul><li>Epstein files released</li>"
    "<li>Bolsonaro in hospital</li></ul></aside><footer>© Example News</footer></body></html>"
)
SETTINGS = Settings(fulltext=False)


def test_seed_is_read_without_furniture(seed_path: Path) -> None:
    article = article_from_text(seed_path.read_text(encoding="utf-8"))
    assert article.title == SEED_TITLE
    assert article.summary == SEED_LEAD
    assert "Hmeimim" in article.text
    assert "Tartous" in article.text
    for furniture in ("Epstein", "Bolsonaro", "Recommended", "SOURCE", "Explore", "MIN READ",
                      "Photo: AFP", "RelatedOver"):  # fmt: skip
        assert furniture not in article.text
    assert article.source == "TRTWorld and agencies"
    assert article.published is not None
    assert article.published.date().isoformat() == "2024-12-14"


@pytest.mark.parametrize("fmt", ["text", "jsonl"])
def test_newsbot_parse_on_the_seed(seed_path: Path, fmt: str) -> None:
    out = io.StringIO()
    assert parse_command(str(seed_path), fmt=fmt, settings=SETTINGS, out=out) == 0
    printed = out.getvalue()
    if fmt == "jsonl":
        lines = printed.splitlines()
        assert len(lines) == 1
        article = article_from_json(json.loads(lines[0]))
        assert article.title == SEED_TITLE
        assert article.summary == SEED_LEAD
        printed = article.text
    else:
        assert SEED_TITLE in printed
        assert SEED_LEAD in printed
    assert "Hmeimim" in printed
    assert "Tartous" in printed
    assert "Epstein" not in printed
    assert "Bolsonaro" not in printed


def test_parse_jsonl_feeds_back_into_read_source(shared_dir: Path, tmp_path: Path) -> None:
    feed = shared_dir / "corpora/feeds/real/arminreiter-FeedReader/FeedReader.Tests/Feeds"
    source = next(iter(sorted(feed.glob("Rss20*.xml"))))
    out = io.StringIO()
    parse_command(str(source), fmt="jsonl", settings=SETTINGS, out=out)
    jsonl = tmp_path / "a.jsonl"
    jsonl.write_text(out.getvalue(), encoding="utf-8")
    direct = read_source(str(source), settings=SETTINGS)
    again = read_source(str(jsonl), settings=SETTINGS)
    assert len(direct) > 0
    # Identical but for the time each read happened.
    assert [replace(a, seen=direct[0].seen) for a in again] == direct


def test_html_page_main_text() -> None:
    article = article_from_page(PAGE.encode(), url="https://news.example.com/ships")
    assert article.title == "Ships leave Tartus"
    assert article.url == "https://news.example.com/ships"
    assert "naval base at Tartus" in article.text
    for furniture in ("Home", "Epstein", "Bolsonaro", "©"):
        assert furniture not in article.text
    assert article.summary.startswith("Paragraph 0")


def test_html_file_through_read_source(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    [article] = read_source(str(page), settings=SETTINGS)
    assert article.title == "Ships leave Tartus"


def test_extract_main_text_of_nothing_is_empty() -> None:
    assert extract_main_text(b"") == ""
    assert extract_main_text(b"<html><body></body></html>") == ""


@pytest.mark.parametrize(
    ("content", "reason"),
    [(b"", "empty"), (b'{"title": 5}\n', "line 1"), (b"{not json\n", "JSON")],
    ids=["empty", "bad-field", "bad-json"],
)
def test_unreadable_sources_get_one_line_reasons(
    tmp_path: Path, content: bytes, reason: str
) -> None:
    path = tmp_path / "bad"
    path.write_bytes(content)
    with pytest.raises(FeedError, match=reason) as caught:
        read_source(str(path), settings=SETTINGS)
    assert "\n" not in str(caught.value)


def test_missing_file() -> None:
    with pytest.raises(FeedError, match="cannot read"):
        read_source("/nonexistent/file.xml", settings=SETTINGS)


def test_plain_text_without_structure() -> None:
    article = article_from_text("Just a title\n\nAnd a body paragraph that says something.")
    assert article.title == "Just a title"
    assert article.text == "And a body paragraph that says something."


def test_bound_text_cuts_between_words() -> None:
    text = "word " * 10_000
    bounded = bound_text(text, 1000)
    assert len(bounded) <= 1000
    assert bounded.endswith("word")


@pytest.mark.parametrize("codec", ["utf-16", "utf-32"])
def test_wide_encodings_with_a_byte_order_mark_are_read(tmp_path: Path, codec: str) -> None:
    feed = (
        '<?xml version="1.0" encoding="' + codec + '"?><rss version="2.0"><channel>'
        "<title>T</title><item><title>Café talks in Türkiye</title>"
        "<link>https://e.example.com/a</link><description>Body.</description></item>"
        "</channel></rss>"
    )
    path = tmp_path / "feed.xml"
    path.write_bytes(feed.encode(codec))  # Python writes the byte-order mark first
    [article] = read_source(str(path), settings=SETTINGS)
    assert article.title == "Café talks in Türkiye"
    assert article.url == "https://e.example.com/a"
    text = tmp_path / "note.txt"
    text.write_bytes("Title line\n\nThe body, in Türkiye.\n".encode(codec))
    [note] = read_source(str(text), settings=SETTINGS)
    assert (note.title, note.text) == ("Title line", "The body, in Türkiye.")


def test_binary_data_is_refused_not_read_as_text(tmp_path: Path) -> None:
    path = tmp_path / "image.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    with pytest.raises(FeedError, match="binary data"):
        read_source(str(path), settings=SETTINGS)


def test_a_url_of_another_scheme_is_refused_in_one_line() -> None:
    with pytest.raises(FeedError, match="only http and https") as refused:
        read_source("ftp://news.example.com/feed.xml", settings=SETTINGS)
    assert "\n" not in str(refused.value)


def test_parse_of_a_feed_without_entries_says_so(tmp_path: Path) -> None:
    feed = tmp_path / "empty.xml"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title></channel></rss>'
    )
    out, err = io.StringIO(), io.StringIO()
    assert parse_command(str(feed), fmt="jsonl", settings=SETTINGS, out=out, err=err) == 0
    assert out.getvalue() == ""  # nothing for `newsbot match` to read
    assert err.getvalue() == f"newsbot: {feed}: no articles in it\n"


# --- pages nobody here has seen: whole text, no furniture --------------------------------


def _seed_as_page(seed: str) -> str:
    """The seed as its site serves it: the body with its inline "Related" links, then an
    "Explore" list of other headlines."""
    lines = [line.strip() for line in seed.splitlines() if line.strip()]
    explore = lines.index("Explore")
    body = "".join(f"<p>{line}</p>" for line in lines[lines.index(SEED_LEAD) + 1 : explore])
    others = "".join(
        f"<li><a href='/x{n}'>{h}</a></li>" for n, h in enumerate(lines[explore + 1 :])
    )
    return (
        f"<html><head><title>{SEED_TITLE}</title></head><body><nav><a href='/'>Home</a></nav>"
        f"<article><h1>{SEED_TITLE}</h1><p>{SEED_LEAD}</p>{body}</article>"
        f"<section><h2>Explore</h2><ul>{others}</ul></section></body></html>"
    )


def test_seed_served_as_a_page_reads_whole_and_without_furniture(seed_path: Path) -> None:
    seed = seed_path.read_text(encoding="utf-8")
    article = article_from_page(_seed_as_page(seed).encode())
    paragraphs = article.text.split("\n\n")
    body = [line.strip() for line in seed.splitlines() if len(line.strip()) > 120]
    for line in body:  # every paragraph of the body, the last one included
        assert " ".join(line.split()) in paragraphs
    assert not [p for p in paragraphs if p.startswith(("Related", "Explore", "Recommended"))]
    for furniture in ("Epstein", "Bolsonaro", "Explore"):
        assert furniture not in article.text
    assert article.summary == SEED_LEAD


def _token_recall(truth: str, text: str) -> float:
    words = Counter(re.findall(r"\w+", truth.lower()))
    found = Counter(re.findall(r"\w+", text.lower()))
    return sum((words & found).values()) / sum(words.values())


@pytest.mark.parametrize(
    "key",
    [
        # favor_precision keeps 0.03 of this article, and kept 0.36 of the other.
        "f8ff621a0b9b7646cc0d57d37416feabba2bf78ef5dd0bfc5b080f9f97bbe584",
        "3c6d3381ef52ca26be2fbde19c1b0fe17d85682b726dfecf5e300c1ca34546b1",
    ],
)
def test_a_real_page_is_read_whole(shared_dir: Path, tmp_path: Path, key: str) -> None:
    folder = shared_dir / "corpora/articles/scrapinghub"
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))[key]
    page = tmp_path / "page.html"
    page.write_bytes(gzip.decompress((folder / "html" / f"{key}.html.gz").read_bytes()))
    [article] = read_source(str(page), settings=SETTINGS)
    assert _token_recall(truth["articleBody"], article.text) > 0.95


def test_a_page_that_opens_with_a_script_is_read_as_a_page(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text("<script>var a = 1 < 2 && b;</script>\n" + " " * 5000 + PAGE)
    [article] = read_source(str(page), settings=SETTINGS)
    assert article.title == "Ships leave Tartus"
    assert "naval base at Tartus" in article.text


def test_trim_tail_drops_only_a_run_of_short_lines_after_the_article() -> None:
    body = [
        f"Paragraph {n} of the article, long enough to be a paragraph of prose." * 2
        for n in range(3)
    ]
    precise = "\n\n".join(body[:2])
    links = ["Other headline one", "Other headline two", "Other headline three"]
    assert trim_tail("\n\n".join([*body[:2], *links]), precise) == precise
    # A lone closing line stays, and so does a paragraph the precise text lost.
    closing = "\n\n".join([*body[:2], "Reporting by A. Writer"])
    assert trim_tail(closing, precise) == closing
    lost = "\n\n".join([*body[:2], *links[:2], body[2]])
    assert trim_tail(lost, precise) == "\n\n".join([*body[:2], body[2]])
    # Nothing in common: nothing to go by, nothing dropped.
    assert trim_tail("\n\n".join(links), precise) == "\n\n".join(links)


def test_drop_furniture_keeps_body_lines_that_start_like_furniture() -> None:
    long_line = (
        "Related talks between the two governments resumed on Monday in Geneva. " * 2
    ).strip()
    text = "\n\n".join(["Body.", "RelatedOther story", long_line, "Explore", "A", "B"])
    assert drop_furniture(text) == "\n\n".join(["Body.", long_line])
