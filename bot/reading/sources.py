"""Reading one source for the command line: a JSONL article file, a feed, a page, or text.

`read_source` works out what a file or URL holds from its content, not its name:
JSON lines of articles, a JSON Feed, an RSS/Atom feed, an HTML page, or plain text.
"""

from __future__ import annotations

import asyncio
import codecs
import json
import sys
from pathlib import Path

from bot.config import Settings
from bot.errors import FeedError, NewsbotError
from bot.models import Article
from bot.reading.articles import article_from_json, looks_like_teaser
from bot.reading.feeds import parse_feed
from bot.reading.fetching import MAX_FEED_BYTES, Fetcher, make_client
from bot.reading.pages import article_from_page, article_from_text, fetch_fulltext

MAX_FILE_BYTES = 200 * 1024 * 1024
_FEED_MARKERS = (b"<rss", b"<feed", b"<rdf:rdf", b"<channel", b"<rdf ")
_HTML_MARKERS = (b"<html", b"<!doctype html", b"<body", b"<head")
# How far into a document that is not a feed an HTML marker is looked for.
_HTML_WINDOW = 256 * 1024


def read_source(source: str, *, settings: Settings) -> list[Article]:
    """The articles in `source` (a path, `-` for stdin, or an http(s) URL).

    Raises FeedError (a NewsbotError) with a one-line reason when it cannot be read.
    """
    if source.lower().startswith(("http://", "https://")):
        return asyncio.run(_read_url(source, settings))
    scheme, sep, _ = source.partition("://")
    if sep and scheme.isalpha() and not Path(source).exists():
        raise FeedError(source, "only http and https URLs are read (or give a file path)")
    body = _read_file(source)
    return articles_from_bytes(body, name=source)


def _read_file(source: str) -> bytes:
    try:
        if source == "-":
            return sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
        path = Path(source)
        if path.is_dir():
            raise FeedError(source, "is a folder, not a file")
        with path.open("rb") as handle:
            body = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise FeedError(source, f"cannot read: {exc.strerror or exc}") from None
    if len(body) > MAX_FILE_BYTES:
        raise FeedError(source, f"too large (over {MAX_FILE_BYTES:,} bytes)")
    return body


async def _read_url(url: str, settings: Settings) -> list[Article]:
    async with make_client() as client:
        fetcher = Fetcher.from_settings(client, settings)
        # The operator typed this URL: it is trusted like a listed feed.
        download = await fetcher.get(url, trusted=True, max_bytes=MAX_FEED_BYTES)
        if download.status != 200:
            raise FeedError(url, f"HTTP {download.status}")
        articles = articles_from_bytes(
            download.body, name=url, url=download.url, headers=download.headers
        )
        if settings.fulltext and len(articles) > 1:
            articles = [
                await fetch_fulltext(fetcher, a) if looks_like_teaser(a.summary, a.text) else a
                for a in articles
            ]
        return articles


def articles_from_bytes(
    body: bytes, *, name: str, url: str = "", headers: dict[str, str] | None = None
) -> list[Article]:
    """Articles from a document whose kind is sniffed from its first bytes."""
    start = body[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if not start:
        raise FeedError(name, "is empty")
    if start.startswith((b"{", b"[")):
        return _from_json(body, name=name, url=url)
    lowered = start.lower()
    content_type = (headers or {}).get("content-type", "").lower()
    if start.startswith(b"<"):
        is_html = any(m in lowered for m in _HTML_MARKERS) or "html" in content_type
        is_feed = any(m in lowered for m in _FEED_MARKERS)
        if is_feed or not is_html:
            try:
                return list(parse_feed(body, url=url, headers=headers).articles)
            except FeedError:
                # Pages may open with scripts, styles or PHP warnings before <html>.
                if not (is_html or _has_html_marker(body[:_HTML_WINDOW])):
                    raise
        return [article_from_page(body, url=url)]
    wide = _wide_text(body)
    if wide is not None:  # UTF-16/32 with a byte-order mark: feedparser reads such feeds
        if wide.lstrip("\ufeff \t\r\n").startswith("<"):
            try:
                return list(parse_feed(body, url=url, headers=headers).articles)
            except FeedError:
                pass
        return [article_from_text(wide.lstrip("\ufeff"), name=name)]
    if b"\x00" in body[:8192]:
        # A program, an image or an archive: reading it as text would print garbage as
        # an "article" and exit 0, so the user would never learn the file was wrong.
        raise FeedError(name, "is binary data, not a feed, a page or a text file")
    text = body.decode("utf-8", errors="replace")
    return [article_from_text(text, name=name)]


def _has_html_marker(head: bytes) -> bool:
    lowered = head.lower()
    return any(m in lowered for m in _HTML_MARKERS)


def _wide_text(body: bytes) -> str | None:
    """The text of a UTF-32 or UTF-16 document that starts with its byte-order mark."""
    # UTF-32 first: its little-endian mark begins with UTF-16's.
    for bom, codec in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if body.startswith(bom):
            return body.decode(codec, errors="replace")
    return None


def _from_json(body: bytes, *, name: str, url: str) -> list[Article]:
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FeedError(name, "is not UTF-8 text") from None
    lines = [line for line in text.splitlines() if line.strip()]
    try:
        first = json.loads(lines[0])
    except ValueError:
        first = None
    if isinstance(first, dict) and not isinstance(first.get("items"), list) and len(lines) >= 1:
        articles = []
        for number, line in enumerate(lines, 1):
            try:
                articles.append(article_from_json(json.loads(line)))
            except ValueError as exc:
                raise FeedError(name, f"line {number}: {exc}") from None
        return articles
    try:
        return list(parse_feed(body, url=url).articles)
    except NewsbotError:
        raise
    except Exception as exc:  # pragma: no cover - parse_feed wraps what it knows
        raise FeedError(name, f"unreadable JSON ({exc})") from None
