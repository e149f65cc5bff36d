"""Feed documents into Articles: RSS and Atom through feedparser, JSON Feed read here."""

from __future__ import annotations

import calendar
import json
import logging
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

import feedparser
import httpx

from bot.errors import FeedError
from bot.models import Article, utcnow
from bot.reading import mediarss
from bot.reading.articles import (
    canonical_url,
    clean_text,
    entry_id,
    make_summary,
    parse_time,
    strip_controls,
)
from bot.reading.pages import bound_text
from bot.text import cut_at_sentence, cut_at_word, one_line

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    """A feed document read into Articles."""

    title: str
    articles: tuple[Article, ...]
    entries: int  # entries in the document (an entry with nothing readable yields no article)
    version: str  # feedparser's name ("rss20", "atom10", ...) or "json1"/"json11"
    warning: str = ""  # why the document is malformed ("" if it is well-formed)
    # One line per entry that was skipped or lost its link, and why: one bad entry never
    # costs the others, and the poller logs these (parsing may run in another process).
    problems: tuple[str, ...] = ()


# Titles are cut at this many characters: the corpora's longest real title has 289.
MAX_TITLE_CHARS = 500
# A numeric character reference to a lone surrogate or past U+10FFFF ("&#55296;") makes
# feedparser fail on the whole document; it becomes U+FFFD before feedparser sees it.
_CHAR_REF = re.compile(rb"&#(?:[xX]([0-9a-fA-F]{1,16})|([0-9]{1,24}));")


def parse_feed(
    body: bytes,
    *,
    url: str = "",
    headers: Mapping[str, str] | None = None,
    now: datetime | None = None,
) -> ParsedFeed:
    """Articles of an RSS, Atom or JSON Feed document; FeedError when it is not a feed.

    Encoding is found as feedparser does (HTTP charset, XML declaration, BOM, sniffing).
    A malformed feed yields what can be read, with `warning` saying what was wrong.
    """
    now = now or utcnow()
    head = body[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith((b"{", b"[")):
        return _parse_json_feed(body, url=url, now=now)
    # Bytes, never a str: given a string, feedparser would fetch it as a URL or open a file.
    response_headers = dict(headers or {})
    if url:
        response_headers.setdefault("content-location", url)
    if b"&#" in body:
        body = _CHAR_REF.sub(_valid_char_ref, body)
    mediarss.install()  # media:description (a photo caption) is not the description
    try:
        parsed = feedparser.parse(
            body,
            response_headers=response_headers,
            sanitize_html=False,  # we strip every tag ourselves; sanitising is wasted work
            resolve_relative_uris=False,
        )
    except Exception as exc:  # feedparser catches most; the rest are its bugs
        raise FeedError(url or "feed", f"cannot parse the feed ({exc})") from None
    version = str(parsed.get("version") or "")
    entries = list(parsed.get("entries") or [])
    warning = ""
    if parsed.get("bozo"):
        warning = one_line(str(parsed.get("bozo_exception") or "malformed feed"))[:200]
    if not version and not entries:
        raise FeedError(url or "feed", f"not a feed ({warning or 'no RSS, Atom or JSON Feed'})")
    meta = parsed.get("feed") or {}
    title = one_line(clean_text(str(meta.get("title") or "")))
    source = title or host_of(url)
    articles: list[Article] = []
    problems: list[str] = []
    for number, entry in enumerate(entries, 1):
        _read_entry(_entry_article, entry, number, url, source, now, articles, problems)
    return ParsedFeed(
        title=title,
        articles=tuple(articles),
        entries=len(entries),
        version=version,
        warning=warning,
        problems=tuple(problems),
    )


def _valid_char_ref(match: re.Match[bytes]) -> bytes:
    hexa, decimal = match.groups()
    code = int(hexa, 16) if hexa else int(decimal)
    if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        return b"&#xFFFD;"
    return match[0]


_Entry = Mapping[str, Any]


def _read_entry(
    read: Callable[..., Article | None],
    entry: _Entry,
    number: int,
    feed: str,
    source: str,
    now: datetime,
    articles: list[Article],
    problems: list[str],
) -> None:
    """Read one entry into `articles`, or say in `problems` why it was skipped."""
    notes: list[str] = []
    try:
        article = read(entry, feed=feed, source=source, now=now, notes=notes)
    except Exception as exc:  # one bad entry must never cost the others
        problems.append(f"entry {number} skipped: {one_line(strip_controls(repr(exc)))[:200]}")
        return
    problems.extend(f"entry {number}: {note}" for note in notes)
    if article is not None:
        articles.append(article)


def host_of(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").removeprefix("www.")
    except ValueError:
        return ""


def _usable_link(feed: str, link: str, notes: list[str]) -> str:
    """The entry's link resolved and canonical, or "" (noted) when nothing could fetch it."""
    if not link:
        return ""
    url = canonical_url(urljoin(feed, link))
    if url:
        try:
            httpx.URL(url)  # the fetcher's own rules: IDNA hosts, IPv4 forms, length
        except (httpx.InvalidURL, ValueError) as exc:
            url = ""
            notes.append(f"link dropped ({one_line(str(exc))[:120]})")
    else:
        notes.append(f"link dropped (not an http(s) URL: {one_line(link)[:80]!r})")
    return url


def _title(raw: str) -> str:
    """An entry's title on one line, at most MAX_TITLE_CHARS (cut before cleaning, which
    copies it several times: a 5 MB title took a parse worker past its memory cap)."""
    title = one_line(clean_text(raw[: 8 * MAX_TITLE_CHARS]))
    return title if len(title) <= MAX_TITLE_CHARS else cut_at_word(title, MAX_TITLE_CHARS)


def _not_ahead(published: datetime | None, now: datetime) -> datetime | None:
    """A publication time no later than the poll: a feed dated in year 9999 would otherwise
    stay the newest story of /latest, "just now", for as long as it is kept."""
    return None if published is None else min(published, now)


def _entry_article(
    entry: _Entry, *, feed: str, source: str, now: datetime, notes: list[str]
) -> Article | None:
    title = _title(str(entry.get("title") or ""))
    url = _usable_link(feed, _entry_link(entry), notes)
    # media:description, often a photo caption, only when there is no description.
    description = str(
        entry.get("summary") or entry.get("description") or entry.get("media_description") or ""
    )
    contents = [str(c.get("value") or "") for c in entry.get("content") or [] if c]
    content = max(contents, key=len, default="")
    text = clean_text(content if len(content) > len(description) else description)
    if not (title or url or text):
        return None
    if not title:
        title = cut_at_sentence(text, 120) if text else url
    return Article(
        id=entry_id(str(entry.get("id") or ""), url, feed, title),
        url=url,
        title=title,
        summary=make_summary(description, text, title),
        text=bound_text(text),
        published=_not_ahead(_entry_time(entry), now),
        source=source,
        feed=feed,
        seen=now,
    )


def _entry_link(entry: Mapping[str, Any]) -> str:
    link = str(entry.get("link") or "")
    if link:
        return link
    for candidate in entry.get("links") or []:
        if candidate.get("rel", "alternate") == "alternate" and candidate.get("href"):
            return str(candidate["href"])
    guid = str(entry.get("id") or "")
    return guid if guid.startswith(("http://", "https://")) else ""


def _entry_time(entry: Mapping[str, Any]) -> datetime | None:
    for name in ("published_parsed", "updated_parsed", "created_parsed"):
        # dict.get: feedparser's own get() maps missing keys to others, with a warning.
        parsed = dict.get(entry, name)  # type: ignore[call-overload]
        if parsed:
            try:  # feedparser gives UTC struct_time values
                return datetime.fromtimestamp(calendar.timegm(parsed), UTC)
            except (OverflowError, ValueError, OSError):
                continue
    return None


def _parse_json_feed(body: bytes, *, url: str, now: datetime) -> ParsedFeed:
    """JSON Feed 1.0/1.1 (https://jsonfeed.org), which feedparser does not read."""
    try:
        # strict=False: raw control characters inside strings are common and harmless.
        data = json.loads(body.decode("utf-8-sig"), strict=False)
    except (UnicodeDecodeError, ValueError) as exc:
        raise FeedError(url or "feed", f"not a feed (malformed JSON: {exc})") from None
    items = data.get("items") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise FeedError(url or "feed", "not a feed (JSON without an items list)")
    version = str(data.get("version") or "")
    warning = "" if "jsonfeed.org/version/" in version else f"unknown JSON Feed version {version!r}"
    title = one_line(clean_text(str(data.get("title") or ""))) if isinstance(data, dict) else ""
    source = title or host_of(url)
    articles: list[Article] = []
    problems: list[str] = []
    for number, item in enumerate(items, 1):
        if not isinstance(item, dict):
            warning = warning or "an item is not a JSON object"
            continue
        _read_entry(_json_item_article, item, number, url, source, now, articles, problems)
    return ParsedFeed(
        title=title,
        articles=tuple(articles),
        entries=len(items),
        version="json11" if version.endswith("1.1") else "json1",
        warning=warning,
        problems=tuple(problems),
    )


def _json_item_article(
    item: _Entry, *, feed: str, source: str, now: datetime, notes: list[str]
) -> Article | None:
    def text_of(name: str) -> str:
        value = item.get(name)
        return value if isinstance(value, str) else ""

    title = _title(text_of("title"))
    url = _usable_link(feed, text_of("url") or text_of("external_url"), notes)
    content = text_of("content_html") or text_of("content_text")
    description = text_of("summary")
    text = clean_text(content or description)
    if not (title or url or text):
        return None
    if not title:
        title = cut_at_sentence(text, 120) if text else url
    published = None
    for name in ("date_published", "date_modified"):
        if text_of(name):
            try:
                published = parse_time(text_of(name))
                break
            except ValueError:
                continue
    raw_id = item.get("id")
    return Article(
        id=entry_id(str(raw_id) if raw_id is not None else "", url, feed, title),
        url=url,
        title=title,
        summary=make_summary(description, text, title),
        text=bound_text(text),
        published=_not_ahead(published, now),
        source=source,
        feed=feed,
        seen=now,
    )
