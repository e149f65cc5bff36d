"""Articles as the bot reads them: clean text, summaries, canonical links, stable ids, JSON.

Everything here is pure (no I/O): the feed, page and storage code call it, and the
same story seen from several feeds is recognised by `bot.reading.stories.StoryIndex`.
"""

from __future__ import annotations

import hashlib
import html
import re
import unicodedata
from collections.abc import Mapping
from datetime import datetime
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from bot.models import Article, format_utc, parse_utc
from bot.text import cut_at_sentence, one_line

SUMMARY_LENGTH = 300

# Query parameters that only say who shared or advertised a link, never which page it is.
_TRACKING_PARAMS = frozenset(
    {
        "fbclid", "gclid", "dclid", "gclsrc", "msclkid", "yclid", "twclid", "igshid",
        "mc_cid", "mc_eid", "_ga", "_gl", "_hsenc", "_hsmi", "mkt_tok", "oly_anon_id",
        "oly_enc_id", "vero_id", "wickedid", "rb_clickid", "s_cid", "cmpid", "ocid",
        "ito", "smid", "smtyp", "sr_share", "share", "ref_src", "ref_url", "xtor",
        "at_medium", "at_campaign", "at_custom1", "at_custom2", "at_custom3", "at_custom4",
        "ns_mchannel", "ns_source", "ns_campaign", "ns_linkname", "ns_fee", "cid_source",
        "cmp", "intcmp", "__twitter_impression", "spm", "guccounter", "soc_src", "soc_trk",
    }
)  # fmt: skip
_TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "hsa_", "at_")

_BLOCK_TAGS = (
    "p|div|br|li|ul|ol|h[1-6]|tr|table|blockquote|section|article|header|footer|"
    "figure|figcaption|pre|hr|dd|dt|dl"
)
_DROP_ELEMENTS = re.compile(
    r"<(script|style|noscript|template|svg|iframe|object)\b[^>]*>.*?</\1\s*>",
    re.IGNORECASE | re.DOTALL,
)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_BLOCK = re.compile(rf"</?(?:{_BLOCK_TAGS})\b[^>]*>", re.IGNORECASE)
_TAG = re.compile(r"<[A-Za-z/!?][^<>]*>")
# Zero-width characters and soft hyphens, and the bidi embeddings, overrides and isolates:
# a right-to-left override in a title reverses the rest of the alert's line as displayed
# ("Good news \u202eseton dab" reads "Good news bad notes"); text reads the same without.
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad\u202a-\u202e\u2066-\u2069]")
# C0 and C1 controls (tab and line breaks kept) and lone surrogates: a feed can carry them
# (JSON "\\ud800", a raw byte read as Latin-1); UTF-8 cannot store a lone surrogate.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
# Longer links are not links: httpx refuses URLs over 64 KiB, browsers stop far earlier.
MAX_URL_CHARS = 8192
_NOT_IN_URL = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_TEASER_TAIL = re.compile(
    r"(\[(?:…|\.\.\.)\]|(?:…|\.\.\.)\s*$|(?:read|continue reading|read more|more)\W*$)",
    re.IGNORECASE,
)


def clean_text(raw: str) -> str:
    """Plain text from HTML or text: tags stripped, entities decoded, whitespace normalised.

    Paragraphs stay apart as blank-line-separated blocks; inside one, runs of spaces
    and line breaks become one space.
    """
    if not raw:
        return ""
    text = raw
    if "<" in text:
        text = _COMMENT.sub(" ", text)
        text = _DROP_ELEMENTS.sub(" ", text)
        text = _BLOCK.sub("\n\n", text)
        text = _TAG.sub("", text)
    if "&" in text:
        # Feeds often escape twice ("&amp;amp;"): decode until stable, at most twice more.
        for _ in range(3):
            decoded = html.unescape(text)
            if decoded == text:
                break
            text = decoded
        if "<" in text and _TAG.search(text):  # entity-escaped markup inside the description
            return clean_text(text)
    text = tidy_chars(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    paragraphs = []
    for block in re.split(r"\n\s*\n", text):
        line = one_line(block)
        if line:
            paragraphs.append(line)
    return "\n\n".join(paragraphs)


def strip_controls(text: str) -> str:
    """The text without control characters (tab and line breaks kept) or lone surrogates."""
    return _CONTROL.sub("", text)


def tidy_chars(text: str) -> str:
    """The text without controls, lone surrogates or invisible characters, its accents
    composed (NFC): an accent written apart (Erdog + U+0306 + an) splits the word for the
    matcher, which reads "Erdog" and "an"."""
    text = _INVISIBLE.sub("", strip_controls(text))
    return text if text.isascii() else unicodedata.normalize("NFC", text)


def is_real_summary(description: str, title: str) -> bool:
    """True when a feed's description says something of its own, beyond the title."""
    desc = one_line(description)
    if len(desc) < 40 or len(desc.split()) < 6:
        return False
    if fold_text(desc) == fold_text(title) or fold_text(desc).startswith(
        fold_text(title) + " read"
    ):
        return False
    return not re.fullmatch(r"(?:read|continue reading|click here|more)\b.*", desc, re.I)


def make_summary(description: str, text: str, title: str = "") -> str:
    """The feed's description when it is a real summary, else the lead of the text."""
    desc = _TEASER_TAIL.sub("", clean_text(description)).strip()
    if is_real_summary(desc, title):
        first = desc.split("\n\n", 1)[0]
        return cut_at_sentence(first if len(first) >= 80 else desc, SUMMARY_LENGTH)
    lead = clean_text(text).split("\n\n")
    for paragraph in lead:
        if fold_text(paragraph) != fold_text(title) and len(paragraph) >= 40:
            return cut_at_sentence(paragraph, SUMMARY_LENGTH)
    return cut_at_sentence(" ".join(lead), SUMMARY_LENGTH)


def looks_like_teaser(summary: str, text: str) -> bool:
    """True when an entry carries only a teaser: the full page is worth fetching."""
    body = one_line(text)
    if len(body) < 600:
        return True
    return bool(_TEASER_TAIL.search(body[-40:]))


def canonical_url(url: str) -> str:
    """The link with scheme/host lower-cased, default port, tracking parameters and fragment gone.

    Returns "" for anything that is not an absolute http(s) URL, or that holds control
    characters or lone surrogates, or is over MAX_URL_CHARS long.
    """
    url = url.strip()
    if len(url) > MAX_URL_CHARS or _NOT_IN_URL.search(url):
        return ""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return ""
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        return ""
    host = parts.hostname.rstrip(".").lower()
    if ":" in host:  # an IPv6 literal
        host = f"[{host}]"
    if port is not None and (scheme, port) not in (("http", 80), ("https", 443)):
        host = f"{host}:{port}"
    path = parts.path or "/"
    query = parts.query
    if query:
        pairs = parse_qsl(query, keep_blank_values=True)
        kept = [(k, v) for k, v in pairs if not _is_tracking(k)]
        if len(kept) != len(pairs):  # re-encode only when something was dropped
            query = urlencode(kept, doseq=True)
    return urlunsplit((scheme, host, path, query, ""))


def _is_tracking(name: str) -> bool:
    name = name.lower()
    return name in _TRACKING_PARAMS or name.startswith(_TRACKING_PREFIXES)


def stable_id(*keys: str) -> str:
    """A short stable id (16 hex digits) for the given keys."""
    digest = hashlib.sha256("\x1f".join(keys).encode("utf-8", "surrogatepass")).hexdigest()
    return digest[:16]


def entry_id(guid: str, url: str, feed: str, title: str) -> str:
    """An article's id: from its feed guid, else its canonical URL, else feed and title.

    A guid that is a URL or long is unique worldwide and kept as it is, so two feeds
    carrying the same entry agree on its id; a short one ("42") is only unique inside
    its feed.
    """
    guid = guid.strip()
    if guid:
        if len(guid) >= 20 or "://" in guid or guid.startswith(("urn:", "tag:")):
            return stable_id("guid", canonical_url(guid) or guid)
        return stable_id("guid", feed, guid)
    if url:
        return stable_id("url", url)
    return stable_id("title", feed, title)


def article_to_json(a: Article) -> dict[str, Any]:
    """The article in the JSONL format of `newsbot match`/`parse` (DESIGN §5)."""
    data: dict[str, Any] = {
        "id": a.id,
        "title": a.title,
        "summary": a.summary,
        "text": a.text,
        "url": a.url,
    }
    if a.published is not None:
        data["published"] = format_utc(a.published)
    if a.source:
        data["source"] = a.source
    if a.feed:
        data["feed"] = a.feed
    data["seen"] = format_utc(a.seen)
    if a.story_id:
        data["story_id"] = a.story_id
    return data


def article_from_json(d: Mapping[str, Any]) -> Article:
    """An article from its JSON object; ValueError with a one-line reason when malformed."""
    if not isinstance(d, Mapping):
        raise ValueError("an article must be a JSON object")
    for name in ("title", "summary", "text", "url", "id", "source", "feed", "story_id"):
        if name in d and d[name] is not None and not isinstance(d[name], str):
            raise ValueError(f"article field {name!r} must be a string")
    title = one_line(d.get("title") or "")
    text = d.get("text") or ""
    summary = d.get("summary") or ""
    if not (title or text or summary):
        raise ValueError("an article needs a title, a summary or a text")
    url = d.get("url") or ""
    article_id = d.get("id") or stable_id("url", canonical_url(url) or url, title)
    kwargs: dict[str, Any] = {}
    if d.get("seen"):
        kwargs["seen"] = parse_time(d["seen"], "seen")
    return Article(
        id=str(article_id),
        url=url,
        title=title,
        summary=summary,
        text=text,
        published=parse_time(d["published"], "published") if d.get("published") else None,
        source=d.get("source") or "",
        feed=d.get("feed") or "",
        story_id=d.get("story_id") or "",
        **kwargs,
    )


# The one ISO-time parser lives with the values (bot/models.py); the name stays for callers.
parse_time = parse_utc


def article_time(a: Article) -> datetime:
    """When the article appeared: its publication time, else when the bot first saw it."""
    return a.when


def fold_text(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))
