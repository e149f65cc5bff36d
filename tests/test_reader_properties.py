"""Any bytes and any headers give articles or a FeedError, never another exception: the
feed reader, the page reader and `read_source` on a file (issue 10)."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bot.config import Settings
from bot.errors import FeedError
from bot.models import Article
from bot.reading.feeds import ParsedFeed, parse_feed
from bot.reading.pages import article_from_page
from bot.reading.sources import read_source

PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text with what breaks readers: markup, entities (also of surrogates and past U+10FFFF),
# controls, lone surrogates (as JSON escapes), odd links.
NASTY = st.sampled_from([
    "<", ">", "&", "&amp;", "&#55296;", "&#xDFFF;", "&#1114112;", "&#0;", "&#99999999999;",
    "<![CDATA[x]]>", "<p>", "</item>", "\x00", "\x1b", "\u0085", "\u00ad", "\ufeff", "é",
    "\ud800", "http://010.8.8.8/x", "https://ex\u00adample.com/", "http://[::1",
    "https://a.com/" + "x" * 70, "javascript:alert(1)", "//no-scheme", " ", "\n",
])  # fmt: skip
TEXT = st.lists(st.one_of(NASTY, st.text(max_size=20)), max_size=12).map("".join)


def _escape_free(text: str) -> str:
    return text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")


@st.composite
def rss_documents(draw: st.DrawFn) -> bytes:
    items = draw(st.lists(st.tuples(TEXT, TEXT, TEXT, TEXT), max_size=4))
    body = "".join(
        f"<item><title>{t}</title><link>{link}</link><description>{d}</description>"
        f"<guid>{g}</guid><pubDate>{d[:30]}</pubDate></item>"
        for t, link, d, g in items
    )
    head = draw(
        st.sampled_from(['<?xml version="1.0"?>', '<?xml version="1.0" encoding="latin-1"?>', ""])
    )
    doc = f'{head}<rss version="2.0"><channel><title>{draw(TEXT)}</title>{body}</channel></rss>'
    return _escape_free(doc).encode(
        draw(st.sampled_from(["utf-8", "utf-16", "latin-1"])), "replace"
    )


@st.composite
def atom_documents(draw: st.DrawFn) -> bytes:
    entries = "".join(
        f'<entry><title type="html">{t}</title><link href="{link}"/><id>{i}</id>'
        f'<content type="xhtml">{c}</content><updated>{u}</updated></entry>'
        for t, link, i, c, u in draw(st.lists(st.tuples(TEXT, TEXT, TEXT, TEXT, TEXT), max_size=4))
    )
    doc = f'<feed xmlns="http://www.w3.org/2005/Atom"><title>{draw(TEXT)}</title>{entries}</feed>'
    return _escape_free(doc).encode()


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3),
    max_leaves=10,
)
ITEM_KEYS = ("id", "url", "external_url", "title", "content_html", "content_text", "summary",
             "date_published", "date_modified")  # fmt: skip
# Mostly strings (where the readers do their work), sometimes any JSON value.
JSON_ITEMS = st.fixed_dictionaries(
    {}, optional={key: st.one_of(TEXT, TEXT, TEXT, JSON_VALUES) for key in ITEM_KEYS}
)


@st.composite
def json_feeds(draw: st.DrawFn) -> bytes:
    items = draw(st.lists(st.one_of(JSON_ITEMS, JSON_ITEMS, JSON_VALUES), max_size=4))
    version = draw(st.sampled_from(["https://jsonfeed.org/version/1.1", "1", None]))
    doc = {"version": version, "title": draw(JSON_VALUES), "items": items}
    return json.dumps(doc).encode()  # ensure_ascii: lone surrogates travel as "\ud800"


@st.composite
def html_pages(draw: st.DrawFn) -> bytes:
    paragraphs = "".join(f"<p>{p}</p>" for p in draw(st.lists(TEXT, max_size=5)))
    doc = (f"<html><head><title>{draw(TEXT)}</title><meta property='og:url' content='{draw(TEXT)}'>"
           f"<meta name='date' content='{draw(TEXT)}'></head><body><article>{paragraphs}"
           "</article></body></html>")  # fmt: skip
    return _escape_free(doc).encode()


DOCUMENTS = st.one_of(st.binary(max_size=2000), rss_documents(), atom_documents(), json_feeds(),
                      html_pages())  # fmt: skip
HEADERS = st.dictionaries(
    st.sampled_from(["content-type", "content-location", "content-language", "etag", "x-any"]),
    st.one_of(
        st.sampled_from(["text/xml; charset=utf-8", "application/rss+xml; charset=nonsense",
                         "text/html; charset=utf-16", "application/json", ";;;", "charset="]),
        st.text(max_size=40),
    ),
    max_size=3,
)  # fmt: skip


# The findings of issue 10, always tried first.
FOUND = [
    json.dumps({"items": [{"title": "lone \ud800", "url": "https://a.com/\udfff"}]}).encode(),
    b'<rss version="2.0"><channel><item><title>&#55296;</title><link>http://010.8.8.8/x</link>'
    b"</item></channel></rss>",
    '<rss version="2.0"><channel><item><title>t</title><link>https://ex\u00adample.com/</link>'
    "</item></channel></rss>".encode(),
]


def _with_findings(test: Any) -> Any:
    for body in FOUND:
        test = example(body=body, headers={})(test)
    return test


@PROPERTY
@given(body=DOCUMENTS, headers=HEADERS)
@_with_findings
def test_parse_feed_gives_a_feed_or_a_feed_error(body: bytes, headers: dict[str, str]) -> None:
    try:
        parsed = parse_feed(body, url="https://news.example.com/feed", headers=headers)
    except FeedError:
        return
    assert isinstance(parsed, ParsedFeed)
    for a in parsed.articles:
        _assert_storable(a)


@PROPERTY
@given(body=DOCUMENTS)
def test_article_from_page_gives_an_article_or_a_feed_error(body: bytes) -> None:
    try:
        article = article_from_page(body, url="https://news.example.com/story")
    except FeedError:
        return
    assert isinstance(article, Article)


@PROPERTY
@given(body=DOCUMENTS)
def test_read_source_on_a_file_gives_articles_or_a_feed_error(body: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "input"
        path.write_bytes(body)
        try:
            articles = read_source(str(path), settings=Settings(db_path=Path(folder) / "n.json"))
        except FeedError:
            return
    assert all(isinstance(a, Article) for a in articles)


def _assert_storable(a: Article) -> None:
    """What the reader hands on can be stored: UTF-8 text, links on one line."""
    for text in (a.id, a.url, a.title, a.summary, a.text, a.source, a.story_id):
        text.encode("utf-8")
    assert "\n" not in a.url
