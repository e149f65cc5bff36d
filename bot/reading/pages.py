"""Article pages: the main text of an HTML page (trafilatura), plain-text articles, full text.

Page furniture (navigation, related-article lists, "Recommended", "SOURCE:" lines,
"Explore" lists of unrelated headlines) is dropped: the matcher must never see it.
"""

from __future__ import annotations

import json
import logging
import re
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
    make_summary,
    parse_time,
    stable_id,
)
from bot.reading.fetching import MAX_PAGE_BYTES, Fetcher
from bot.text import cut_at_sentence, one_line

log = logging.getLogger(__name__)

# Stored article text is bounded: enough for any news story, never a whole book.
MAX_TEXT_CHARS = 20_000
# When the precise extraction is shorter than this, the default one is tried too.
FALLBACK_BELOW_CHARS = 3000
FALLBACK_RATIO = 0.5
# Extracted text shorter than this is not better than the feed's teaser.
MIN_FULLTEXT_CHARS = 200

# Options chosen with benchmarks/extract_eval.py (docs/reading.md has the figures).
_EXTRACT_OPTIONS: dict[str, Any] = {
    "include_comments": False,
    "include_tables": True,
    "favor_recall": False,
    "favor_precision": True,
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
    """The main text of an article page, paragraphs separated by blank lines ("" if none).

    trafilatura favouring precision scores best on the benchmark, but now and then it
    drops most of an article; when its text is short and the default extraction finds
    over twice as much, the default wins (benchmarks/extract_eval.py, docs/reading.md).
    """
    precise = _extract(html, url, favor_precision=True)
    if len(precise) < FALLBACK_BELOW_CHARS:
        default = _extract(html, url, favor_precision=False)
        if len(precise) < FALLBACK_RATIO * len(default):
            return default
    return precise


def _extract(html: str | bytes, url: str, *, favor_precision: bool) -> str:
    options = dict(_EXTRACT_OPTIONS, favor_precision=favor_precision)
    try:
        text = trafilatura.extract(html, url=url or None, **options)
    except Exception as exc:  # trafilatura wraps lxml, which raises many unrelated types
        log.debug("extraction failed for %s: %s", url, exc)
        return ""
    return _paragraphs(text or "")


def _paragraphs(text: str) -> str:
    lines = [one_line(line) for line in text.splitlines()]
    return "\n\n".join(line for line in lines if line)


def extract_page(html: str | bytes, *, url: str = "") -> Page:
    """Title, date, canonical link, description and main text of an HTML page."""
    try:
        raw = trafilatura.extract(
            html, url=url or None, output_format="json", with_metadata=True, **_EXTRACT_OPTIONS
        )
    except Exception as exc:
        raise FeedError(url or "page", f"cannot read the HTML page ({exc})") from None
    if not raw:
        return Page(title="", text="", url=url)
    data = json.loads(raw)
    published = None
    if data.get("date"):
        try:
            published = parse_time(str(data["date"]))
        except ValueError:
            published = None
    return Page(
        title=one_line(clean_text(str(data.get("title") or ""))),
        text=_paragraphs(str(data.get("text") or "")),
        url=str(data.get("source") or url or ""),
        description=clean_text(str(data.get("description") or "")),
        published=published,
        source=one_line(str(data.get("sitename") or "")),
    )


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


async def fetch_fulltext(fetcher: Fetcher, article: Article) -> Article:
    """The article with the main text of its page, when that beats the feed's teaser.

    The page link came from a feed, so the safe-URL policy applies; any failure
    leaves the article as it was (logged), never raises.
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
    text = extract_main_text(download.body, url=download.url)
    if len(text) < max(MIN_FULLTEXT_CHARS, len(article.text)):
        return article
    return replace(article, text=bound_text(text))


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
