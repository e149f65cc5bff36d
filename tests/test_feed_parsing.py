"""Feed documents into Articles: hostile XML, mis-declared encodings, the built-in feed list."""

from __future__ import annotations

import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from bot.config import Settings, load_settings
from bot.errors import ConfigError
from bot.feedlist import DEFAULT_FEEDS
from bot.feeds import feed_urls, parse_feed

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
    started = time.monotonic()
    parsed = parse_feed(rss_item("Boom &l9;", doctype).encode(), url=FEED)
    # Expanded, the title would be 50·10⁹ characters: parsing would never end.
    assert time.monotonic() - started < 10
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
