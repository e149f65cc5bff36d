"""Feed documents into Articles: hostile XML, mis-declared encodings, the built-in feed list."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from bot.config import Settings, load_settings
from bot.errors import ConfigError
from bot.reading.feedlist import DEFAULT_FEEDS
from bot.reading.feeds import parse_feed
from bot.reading.poller import feed_urls

FEED = "https://news.example.com/feed"


def rss_item(title: str, extra_doctype: str = "") -> str:
    return (
        f'<?xml version="1.0"?>{extra_doctype}<rss version="2.0"><channel><title>T</title>'
        f"<item><title>{title}</title><link>https://news.example.com/a</link>"
        "<description>Body.</description></item></channel></rss>"
    )


def test_entity_expansion_bomb_is_not_expanded() -> None:
    levels = ['<!ENTITY l0 "' + "a" * 50 + '">']
    levels += [f'<!ENTITY l{n} "' + f"&l{n - 1};" * 10 + '">' for n in range(1, 10)]
    doctype = "<!DOCTYPE rss [" + "".join(levels) + "]>"
    started = time.process_time()  # CPU time: a loaded machine does not stretch it
    parsed = parse_feed(rss_item("Boom &l9;", doctype).encode(), url=FEED)
    # Expanded, the title would be 50·10⁹ characters: parsing would never end.
    assert time.process_time() - started < 10
    assert all(len(a.title) < 100 for a in parsed.articles)
    assert parsed.warning  # reported as malformed, not silently accepted


def test_external_entities_are_never_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET-VALUE")
    doctype = f'<!DOCTYPE rss [<!ENTITY x SYSTEM "{secret.as_uri()}">]>'
    parsed = parse_feed(rss_item("Leak &x;", doctype).encode(), url=FEED)
    for a in parsed.articles:
        assert "TOPSECRET" not in a.title + a.summary + a.text


def test_opml_with_entities_is_refused_naming_the_variable(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET-VALUE")
    opml = tmp_path / "feeds.opml"
    opml.write_text(
        f'<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY x SYSTEM "{secret.as_uri()}">]>'
        '<opml><body><outline xmlUrl="https://e.example.com/&x;"/></body></opml>'
    )
    with pytest.raises(ConfigError, match="NEWSBOT_FEEDS_FILE") as refused:
        load_settings({"NEWSBOT_FEEDS_FILE": str(opml)}, env_file=None)
    assert "TOPSECRET" not in str(refused.value)


def test_a_feed_declared_utf8_but_written_in_windows_1252_is_read() -> None:
    body = (
        '<?xml version="1.0" encoding="utf-8"?>'
        + rss_item("Café “talks” in Türkiye").removeprefix('<?xml version="1.0"?>')
    ).encode("cp1252")
    parsed = parse_feed(body, url=FEED)
    assert [a.title for a in parsed.articles] == ["Café “talks” in Türkiye"]
    assert "windows-1252" in parsed.warning


def test_the_http_charset_is_honoured() -> None:
    body = rss_item("Café in Türkiye").encode("latin-1")
    parsed = parse_feed(body, url=FEED, headers={"content-type": "text/xml; charset=iso-8859-1"})
    assert [a.title for a in parsed.articles] == ["Café in Türkiye"]


def test_without_feed_settings_the_built_in_list_is_polled() -> None:
    settings = load_settings({}, env_file=None)
    assert feed_urls(settings) == DEFAULT_FEEDS
    assert 15 <= len(DEFAULT_FEEDS) <= 25
    assert len(set(DEFAULT_FEEDS)) == len(DEFAULT_FEEDS)
    hosts = {urlsplit(url).hostname for url in DEFAULT_FEEDS}
    assert len(hosts) == len(DEFAULT_FEEDS)  # one feed per outlet: many voices
    assert all(url.startswith("https://") for url in DEFAULT_FEEDS)
    own = Settings(feeds=("https://mine.example.com/rss",))
    assert feed_urls(own) == ("https://mine.example.com/rss",)


LINK = "https://News.Example.com:443/world/story?id=7&utm_source=rss&fbclid=x#top"
CANONICAL = "https://news.example.com/world/story?id=7"
BODY = "Russian ships left the naval base at Tartus on Monday &amp; satellite images showed it."
FORMATS = {
    "rss091": (
        '<?xml version="1.0"?><rss version="0.91"><channel><title>Desk</title>'
        f"<item><title>Ships leave Tartus</title><link>{LINK.replace('&', '&amp;')}</link>"
        f"<description>{BODY}</description></item></channel></rss>"
    ),
    "rss10": (
        '<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'
        ' xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        '<channel rdf:about="https://news.example.com/"><title>Desk</title></channel>'
        '<item rdf:about="x"><title>Ships leave Tartus</title>'
        f"<link>{LINK.replace('&', '&amp;')}</link><description>{BODY}</description>"
        "<dc:date>2024-12-14T15:20:00+02:00</dc:date></item></rdf:RDF>"
    ),
    "rss20": (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Desk</title>'
        f"<item><title>Ships leave Tartus</title><link>{LINK.replace('&', '&amp;')}</link>"
        f"<description>{BODY}</description>"
        "<pubDate>Sat, 14 Dec 2024 15:20:00 +0200</pubDate></item></channel></rss>"
    ),
    "atom10": (
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Desk</title>'
        f"<entry><title>Ships leave Tartus</title><id>{LINK.replace('&', '&amp;')}</id>"
        f'<link rel="alternate" href="{LINK.replace("&", "&amp;")}"/>'
        f'<summary type="html">{BODY}</summary>'
        "<published>2024-12-14T15:20:00+02:00</published></entry></feed>"
    ),
    "json11": (
        '{"version": "https://jsonfeed.org/version/1.1", "title": "Desk", "items": [{"id": "7",'
        f' "url": "{LINK}", "title": "Ships leave Tartus", "content_html": "<p>'
        + BODY.replace("&amp;", "&")
        + '</p>", "date_published": "2024-12-14T15:20:00+02:00"}]}'
    ),
}


@pytest.mark.parametrize("kind", FORMATS)
def test_every_feed_format_gives_the_same_article(kind: str) -> None:
    parsed = parse_feed(FORMATS[kind].encode(), url=FEED)
    assert parsed.version.startswith(kind[:4])
    [a] = parsed.articles
    assert a.title == "Ships leave Tartus"
    assert a.url == CANONICAL  # host case, default port, tracking and fragment gone
    assert a.text == BODY.replace("&amp;", "&")  # tags stripped, entities decoded
    assert a.summary == a.text
    assert (a.source, a.feed) == ("Desk", FEED)
    assert len(a.id) == 16
    if kind != "rss091":  # RSS 0.91 items carry no date
        assert a.published is not None
        assert a.published.utcoffset() == timedelta(0)
        assert a.published == datetime(2024, 12, 14, 13, 20, tzinfo=UTC)
    assert parse_feed(FORMATS[kind].encode(), url=FEED).articles[0].id == a.id  # stable
