"""/export and /import: a chat's feeds as OPML and its subscriptions as text, and back.

Writing uses the standard library's XML tools (which escape every attribute); reading
OPML uses listparser, a well-kept reader that copes with the OPML found in the wild.
`import_file` adds what a file holds through the same rules as /feeds add and /subscribe.
"""

from __future__ import annotations

import asyncio
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

import listparser

from bot.chats.feeds import AddResult, FeedAdded, FeedKnown, FeedLine, FeedService
from bot.chats.subscriptions import (
    AlreadySubscribed,
    InvalidQuery,
    LimitReached,
    Subscribed,
    SubscriptionService,
)
from bot.models import Subscription

MAX_IMPORT_BYTES = 512 * 1024
MAX_IMPORT_ITEMS = 200  # lines or feeds read from one file
PROBES_AT_ONCE = 4  # feeds of one import tried at the same time


def feeds_opml(feeds: Sequence[FeedLine], *, title: str = "Newsbot feeds") -> bytes:
    """An OPML 2.0 document listing the feeds (UTF-8, attributes escaped by ElementTree)."""
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = title
    body = ET.SubElement(root, "body")
    for feed in feeds:
        name = feed.title or feed.url
        ET.SubElement(body, "outline", type="rss", text=name, title=name, xmlUrl=feed.url)
    ET.indent(root)
    document: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return document + b"\n"


def subscriptions_text(subscriptions: Sequence[Subscription]) -> bytes:
    """The chat's queries, one a line, as UTF-8 text."""
    return "".join(f"{s.query}\n" for s in subscriptions).encode("utf-8")


@dataclass(frozen=True, slots=True)
class ImportFile:
    """What an uploaded file holds: feed URLs (OPML) or queries (text), or why not."""

    kind: Literal["feeds", "queries"]
    items: tuple[str, ...]
    skipped: int = 0  # items beyond MAX_IMPORT_ITEMS


class UnreadableFile(ValueError):
    """The file is neither OPML nor text (one-line reason)."""


def read_import(data: bytes) -> ImportFile:
    """The feeds of an OPML file or the queries of a text file; UnreadableFile if neither."""
    if len(data) > MAX_IMPORT_BYTES:
        raise UnreadableFile(f"the file is larger than {MAX_IMPORT_BYTES // 1024} KB")
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"<"):
        parsed = listparser.parse(data)  # bytes: listparser never fetches those
        urls = [str(f.url).strip() for f in parsed.feeds if f.get("url")]
        if not urls:
            raise UnreadableFile("no feeds found in that file (is it OPML?)")
        return _capped("feeds", urls)
    if b"\x00" in data[:4096]:
        raise UnreadableFile("that file is not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UnreadableFile("that file is not UTF-8 text") from None
    queries = [line.strip() for line in text.splitlines()]
    queries = [q for q in queries if q and not q.startswith("#")]
    if not queries:
        raise UnreadableFile("that file is empty")
    return _capped("queries", queries)


def _capped(kind: Literal["feeds", "queries"], items: list[str]) -> ImportFile:
    unique = list(dict.fromkeys(items))
    return ImportFile(
        kind, tuple(unique[:MAX_IMPORT_ITEMS]), max(0, len(unique) - MAX_IMPORT_ITEMS)
    )


@dataclass(frozen=True, slots=True)
class ImportSummary:
    kind: Literal["feeds", "queries"]
    added: int = 0
    duplicates: int = 0
    refused: tuple[tuple[str, str], ...] = field(default=())  # (item, one-line reason)


async def import_file(
    chat_id: int,
    found: ImportFile,
    *,
    feeds: FeedService,
    subscriptions: SubscriptionService,
    thread_id: int | None = None,
) -> ImportSummary:
    """Add what the file holds, by the rules of /feeds add and /subscribe (without the
    dry run of each query; `thread_id`: the forum topic the queries alert into)."""
    added = duplicates = 0
    refused: list[tuple[str, str]] = []
    if found.kind == "queries":
        # As /subscribe does: the durable writes and the compiling of the terms in a
        # thread, the index on the event loop (its one writer), which other chats'
        # updates share between two queries.
        stored, error = await asyncio.to_thread(
            subscriptions.subscribe_unindexed, chat_id, found.items, thread_id=thread_id
        )
        for query, result in zip(found.items, stored, strict=False):
            if isinstance(result, Subscribed):
                subscriptions.add_to_index(result.subscription, result.compiled)
                await asyncio.sleep(0)
                added += 1
            elif isinstance(result, AlreadySubscribed):
                duplicates += 1
            elif isinstance(result, LimitReached):
                refused.append((query, f"the chat has the maximum of {result.limit}"))
            elif isinstance(result, InvalidQuery):
                refused.append((query, result.reason))
        if error is not None:  # those stored before it match; the caller reports it
            raise error
    else:
        limit = asyncio.Semaphore(PROBES_AT_ONCE)

        async def one(url: str) -> AddResult:
            async with limit:
                return await feeds.add(chat_id, url)

        results = await asyncio.gather(*(one(url) for url in found.items))
        for url, outcome in zip(found.items, results, strict=True):
            if isinstance(outcome, FeedAdded):
                added += 1
            elif isinstance(outcome, FeedKnown):
                duplicates += 1
            else:
                refused.append((url, outcome.reason))
    if found.skipped:
        refused.append((f"{found.skipped} more", f"a file may hold {MAX_IMPORT_ITEMS}"))
    return ImportSummary(found.kind, added, duplicates, tuple(refused))
