"""Trying a feed a chat wants to add: fetch it once, or the page that announces it.

`probe_feed` fetches the URL through the guarded fetcher (never trusted: no private
address unless allowed, size and time caps). A feed is read as it is; an HTML page is
searched for `<link rel="alternate" type="application/rss+xml|atom+xml" href=…>` and the
first feed it announces is fetched and read instead.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urljoin

from bot.errors import FeedError
from bot.reading.feeds import ParsedFeed, parse_feed
from bot.reading.fetching import MAX_FEED_BYTES, Fetcher, check_scheme

# Not plain application/json: WordPress announces its REST API that way.
FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/feed+json"})
# Parses a feed document: (url, body, headers) -> ParsedFeed, FeedError if it is none.
Parse = Callable[[str, bytes, dict[str, str]], Awaitable[ParsedFeed]]
# How much of a page is searched for the link that announces its feed.
MAX_HEAD_BYTES = 512 * 1024


@dataclass(frozen=True, slots=True)
class ProbedFeed:
    """A feed that was read once: the URL to poll, its title and how many entries it had."""

    url: str
    title: str
    entries: int


class _FeedLinks(HTMLParser):
    """Collects the feed URLs a page announces with <link rel="alternate" type=…>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "link":
            return
        values = {name.lower(): (value or "").strip() for name, value in attrs}
        rels = values.get("rel", "").lower().split()
        kind = values.get("type", "").lower().split(";")[0].strip()
        if "alternate" in rels and kind in FEED_TYPES and values.get("href"):
            self.found.append(values["href"])


def announced_feeds(page: bytes, base: str) -> list[str]:
    """The feed URLs an HTML page announces, absolute, in page order (pure)."""
    parser = _FeedLinks()
    try:
        parser.feed(page[:MAX_HEAD_BYTES].decode("utf-8", errors="replace"))
        parser.close()
    except AssertionError:  # html.parser gives up on some broken markup: keep what it found
        pass
    urls: list[str] = []
    for href in parser.found:
        url = urljoin(base, href)
        if url.lower().startswith(("http://", "https://")):
            urls.append(url)
    return list(dict.fromkeys(urls))


async def _parse_in_thread(url: str, body: bytes, headers: dict[str, str]) -> ParsedFeed:
    return await asyncio.to_thread(parse_feed, body, url=url, headers=headers)


async def probe_feed(fetcher: Fetcher, url: str, *, parse: Parse | None = None) -> ProbedFeed:
    """Read the feed at `url`, or the one its page announces; FeedError (one line) if none.

    `parse` reads a document (the bot passes the poller's time-limited worker processes:
    what a chat adds may be hostile); by default, feedparser in a thread.
    """
    parse = parse or _parse_in_thread
    check_scheme(url)
    body, final, headers = await _fetch(fetcher, url)
    try:
        parsed = await parse(final, body, headers)
        return ProbedFeed(url, parsed.title, parsed.entries)
    except FeedError:
        announced = announced_feeds(body, final)
        if not announced:
            raise FeedError(url, "is neither a feed nor a page that announces one") from None
    feed_url = announced[0]
    body, final, headers = await _fetch(fetcher, feed_url)
    parsed = await parse(final, body, headers)
    return ProbedFeed(feed_url, parsed.title, parsed.entries)


async def _fetch(fetcher: Fetcher, url: str) -> tuple[bytes, str, dict[str, str]]:
    download = await fetcher.get(url, trusted=False, max_bytes=MAX_FEED_BYTES)
    if download.status != 200:
        raise FeedError(url, f"answered HTTP {download.status}")
    return download.body, download.url, dict(download.headers)
