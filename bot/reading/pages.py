"""Article pages: the main text of an HTML page (trafilatura), plain-text articles, full text.

Page furniture (navigation, related-article lists, "Recommended", "SOURCE:" lines,
"Explore" lists of unrelated headlines) is dropped: the matcher must never see it.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

import trafilatura

from bot.errors import FeedError
from bot.models import Article
from bot.reading.articles import (
    SUMMARY_LENGTH,
    canonical_url,
    clean_text,
    fold_text,
    make_summary,
    parse_time,
    stable_id,
)
from bot.reading.fetching import MAX_PAGE_BYTES, Fetcher
from bot.text import cut_at_sentence, one_line

log = logging.getLogger(__name__)

# A page's reading from its body and URL, computed elsewhere (a worker process).
PageExtractor = Callable[[bytes, str], Awaitable["Page"]]

# Stored article text is bounded: enough for any long read, never a whole book. (At 20,000
# a few real pages of the evaluation sets lost over half of their text: docs/reading.md.)
MAX_TEXT_CHARS = 100_000
# Extracted text shorter than this is not better than the feed's teaser.
MIN_FULLTEXT_CHARS = 200
# After the last paragraph the precise extraction also keeps, a run of at least this many
# paragraphs of at most this many characters is a list of links (related headlines,
# tags, share buttons), not the article: dropped. Chosen on the scrapinghub set, checked
# on trafilatura's own (benchmarks/extract_eval.py, docs/reading.md).
TAIL_LINE_CHARS = 100
TAIL_RUN = 2

# trafilatura's default extraction, without readers' comments: comments are not the article.
_EXTRACT_OPTIONS: dict[str, Any] = {
    "include_comments": False,
    "include_tables": True,
    "favor_recall": False,
    "favor_precision": False,
}


@dataclass(frozen=True, slots=True)
class Page:
    """What an HTML page says about itself, and its main text."""

    title: str
    text: str
    url: str = ""  # the page's canonical link, when it declares one
    description: str = ""
    published: datetime | None = None
    source: str = ""  # the site's name


def extract_main_text(html: str | bytes, *, url: str = "") -> str:
    """The main text of an article page, paragraphs separated by blank lines ("" if none)."""
    try:
        return extract_page(html, url=url).text
    except FeedError:
        return ""


def extract_page(html: str | bytes, *, url: str = "") -> Page:
    """Title, date, canonical link, description and main text of an HTML page.

    The text is trafilatura's default extraction (recall first: a lost paragraph is a
    lost alert), trimmed only where precision loses no article text: the run of short
    link-like lines after the last paragraph that favor_precision also keeps, and lines
    that are page furniture ("Related…", an "Explore" list). favor_precision alone drops
    most of an article now and then (docs/reading.md).
    """
    try:
        raw = trafilatura.extract(
            html, url=url or None, output_format="json", with_metadata=True, **_EXTRACT_OPTIONS
        )
    except Exception as exc:  # trafilatura wraps lxml, which raises many unrelated types
        raise FeedError(url or "page", f"cannot read the HTML page ({exc})") from None
    if not raw:
        return Page(title="", text="", url=url)
    data = json.loads(raw)
    title = one_line(clean_text(str(data.get("title") or "")))
    text = _paragraphs(str(data.get("text") or ""))
    if text:
        text = drop_furniture(trim_tail(text, _extract_precise(html, url)))
        text = _without_heading(text, title)
    published = None
    if data.get("date"):
        try:
            published = parse_time(str(data["date"]))
        except ValueError:
            published = None
    return Page(
        title=title,
        text=text,
        url=str(data.get("source") or url or ""),
        # trafilatura 2 names the page's description "excerpt" in its JSON.
        description=clean_text(str(data.get("excerpt") or data.get("description") or "")),
        published=published,
        source=one_line(str(data.get("sitename") or "")),
    )


def _extract_precise(html: str | bytes, url: str) -> str:
    options = dict(_EXTRACT_OPTIONS, favor_precision=True)
    try:
        text = trafilatura.extract(html, url=url or None, **options)
    except Exception as exc:
        log.debug("precise extraction failed for %s: %s", url, exc)
        return ""
    return _paragraphs(text or "")


def _paragraphs(text: str) -> str:
    lines = [one_line(line) for line in text.splitlines()]
    return "\n\n".join(line for line in lines if line)


def _without_heading(text: str, title: str) -> str:
    """The text without the page's headline as its first paragraph: the lead comes first."""
    paragraphs = text.split("\n\n")
    if title and len(paragraphs) > 1 and fold_text(paragraphs[0]) == fold_text(title):
        return "\n\n".join(paragraphs[1:])
    return text


def trim_tail(text: str, precise: str) -> str:
    """`text` without the runs of short lines after the last paragraph `precise` keeps too.

    Only the tail is trimmed, and only runs of TAIL_RUN or more lines of at most
    TAIL_LINE_CHARS characters: a page's list of other headlines, tags or share
    links. A paragraph of the article, a lead or a lone closing line stays.
    """
    paragraphs = text.split("\n\n")
    kept = set(precise.split("\n\n")) if precise else set()
    last = max((i for i, p in enumerate(paragraphs) if p in kept), default=-1)
    if last < 0:
        return text
    out = paragraphs[: last + 1]
    run: list[str] = []
    for paragraph in paragraphs[last + 1 :]:
        if len(paragraph) <= TAIL_LINE_CHARS:
            run.append(paragraph)
            continue
        if len(run) < TAIL_RUN:
            out.extend(run)
        run = []
        out.append(paragraph)
    if len(run) < TAIL_RUN:
        out.extend(run)
    return "\n\n".join(out)


def drop_furniture(text: str) -> str:
    """`text` without furniture lines ("Related…", "Recommended") and without an
    "Explore"-style heading followed only by short lines (a list of other headlines)."""
    paragraphs = text.split("\n\n")
    out: list[str] = []
    for at, paragraph in enumerate(paragraphs):
        if _END.match(paragraph) and all(len(p) <= TAIL_LINE_CHARS for p in paragraphs[at + 1 :]):
            break
        if _FURNITURE.match(paragraph) and len(paragraph) <= TAIL_LINE_CHARS:
            continue
        out.append(paragraph)
    return "\n\n".join(out)


def article_from_page(html: str | bytes, *, url: str = "") -> Article:
    """One article from an HTML page; FeedError when it holds no readable text."""
    page = extract_page(html, url=url)
    if not (page.title or page.text):
        raise FeedError(url or "page", "no article text found in the HTML page")
    link = canonical_url(page.url) or canonical_url(url)
    title = page.title or cut_at_sentence(page.text, 120)
    text = bound_text(page.text)
    return Article(
        id=stable_id("url", link) if link else stable_id("page", title, text[:200]),
        url=link,
        title=title,
        summary=make_summary(page.description, text, title),
        text=text,
        published=page.published,
        source=page.source,
    )


def bound_text(text: str, limit: int = MAX_TEXT_CHARS) -> str:
    """The text cut to at most `limit` characters, between paragraphs or words."""
    if len(text) <= limit:
        return text
    cut = text[:limit]
    for sep in ("\n\n", ". ", " "):
        at = cut.rfind(sep)
        if at > limit * 0.8:
            return cut[: at + (1 if sep == ". " else 0)].rstrip()
    return cut


async def fetch_fulltext(
    fetcher: Fetcher, article: Article, *, extract: PageExtractor | None = None
) -> Article:
    """The article with the main text of its page, when that beats the feed's teaser.

    The page link came from a feed, so the safe-URL policy applies; a failure to fetch
    or read the page leaves the article as it was (logged). `extract(body, url)` reads
    the page (default: extract_page, here); the poller runs it in a worker process.
    """
    if not article.url:
        return article
    try:
        download = await fetcher.get(article.url, trusted=False, max_bytes=MAX_PAGE_BYTES)
    except FeedError as exc:
        log.info("full text of %s not fetched: %s", article.url, exc.reason)
        return article
    if download.status != 200 or not download.body:
        log.info("full text of %s not fetched: HTTP %s", article.url, download.status)
        return article
    try:
        if extract is None:
            page = extract_page(download.body, url=download.url)
        else:
            page = await extract(download.body, download.url)
    except FeedError as exc:
        log.info("full text of %s not read: %s", article.url, exc.reason)
        return article
    if len(page.text) < max(MIN_FULLTEXT_CHARS, len(article.text)):
        return article
    text = bound_text(page.text)
    # An entry with only a title gets its summary from the page it was read from.
    summary = article.summary or make_summary(page.description, text, article.title)
    return replace(article, text=text, summary=summary)


# --- plain-text articles (like the seed) ----------------------------------------------

_META_LINE = re.compile(r"^date\s+(\d{4}-\d{2}-\d{2})\b", re.IGNORECASE)
_READ_TIME = re.compile(r"^\d+\s*(?:-\s*)?min(?:ute)?s?\s+read$", re.IGNORECASE)
_FURNITURE = re.compile(
    r"^(?:Related(?=[A-Z0-9\s:…'\"‘“]|$).*|Recommended|Advertisement|Read more\b.*|"
    r"Also read\b.*|Share(?: this)?(?: article| story)?|Listen to (?:this )?article.*)$",
    re.IGNORECASE,
)
_CAPTION = re.compile(r"(?:^|[/|]\s*)(?:Photo|Image|Picture|Credit)s?\s*:\s*\S[^.!?]{0,80}$")
_SOURCE = re.compile(r"^SOURCE\s*:\s*(.*)$", re.IGNORECASE)
# Headings that start the list of other headlines after an article: nothing after is ours.
_END = re.compile(
    r"^(?:Explore|More (?:stories|news|from\b.*|on this story)|Most (?:read|popular|viewed)|"
    r"Trending(?: now)?|You (?:may|might) also like|Read next|Related (?:stories|articles|news)|"
    r"Recommended (?:stories|for you|reading)|Top stories|Latest news)\s*:?$",
    re.IGNORECASE,
)
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_DATE_LINE = re.compile(
    rf"^(?:(?:{_MONTHS})\s+\d{{1,2}},\s+\d{{4}}|\d{{1,2}}\s+(?:{_MONTHS})\s+\d{{4}})$",
    re.IGNORECASE,
)


def article_from_text(text: str, *, name: str = "") -> Article:
    """One article from plain text: title, lead, body, with page furniture dropped.

    The first real line is the title and the first paragraph after it the lead
    (the summary); metadata lines, photo captions, "Related…" and "Recommended"
    lines are dropped, and a "SOURCE:" line or an "Explore"-style heading ends the
    article. FeedError when no title can be found.
    """
    lines = [one_line(clean_text(line)) for line in text.replace("\r", "\n").split("\n")]
    published: datetime | None = None
    source = ""
    title = ""
    body: list[str] = []
    for line in lines:
        if not line:
            continue
        meta = _META_LINE.match(line)
        if meta:
            published = published or _date(meta.group(1))
            continue
        if _READ_TIME.match(line):
            continue
        if not title:
            title = line
            continue
        found_source = _SOURCE.match(line)
        if found_source:
            source = found_source.group(1).strip()
            break
        if _END.match(line):
            break
        if line == title or _FURNITURE.match(line) or _CAPTION.search(line):
            continue
        if _DATE_LINE.match(line):
            published = published or _date(line)
            continue
        body.append(line)
    if not title:
        raise FeedError(name or "text", "no article found: the text is empty")
    article_text = bound_text("\n\n".join(body))
    lead = body[0] if body else ""
    return Article(
        id=stable_id("text", title, lead),
        url="",
        title=title,
        summary=cut_at_sentence(lead, SUMMARY_LENGTH) if lead else "",
        text=article_text,
        published=published,
        source=source,
    )


def _date(text: str) -> datetime | None:
    for fmt in ("%Y-%m-%d", "%B %d, %Y", "%d %B %Y"):
        try:
            return datetime.strptime(text.strip(), fmt).replace(tzinfo=UTC)
        except ValueError:
            continue
    return None
