"""Small text helpers shared by reading, alerts and replies: one job each, named by their rule.

Cutting text to a length (three rules, for three uses):
- `cut_at_sentence`: summaries of articles, cut at a sentence end when one is near;
- `cut_at_word`: parts of an alert (title, source, terms), cut between words;
- `cut_chars`: short labels (list lines, buttons), cut at the character.
Each adds "…" when it cut. Also `one_line`, `ago` (relative time) and `safe_url`.
"""

from __future__ import annotations

import re
from datetime import datetime

_SPACES = re.compile(r"[ \t\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*(?=\s)")
_HTTP = re.compile(r"^https?://", re.IGNORECASE)


def one_line(text: str) -> str:
    """The text on a single line (titles, summaries)."""
    return _SPACES.sub(" ", text.replace("\n", " ")).strip()


def cut_at_sentence(text: str, limit: int) -> str:
    """At most `limit` characters, cut at a sentence end when one is near, else between words."""
    text = one_line(text)
    if len(text) <= limit:
        return text
    window = text[: limit + 1]
    ends = [m.end() for m in _SENTENCE_END.finditer(window) if m.end() <= limit]
    if ends and ends[-1] >= limit * 0.5:
        return window[: ends[-1]].rstrip()
    cut = window[:limit].rstrip()
    space = cut.rfind(" ")
    if window[limit] != " " and space > 0:  # never leave half a word behind
        cut = cut[:space]
    return cut.rstrip(" ,;:-–—(") + "…"


def cut_at_word(text: str, limit: int) -> str:
    """`text` on one line, cut at a word boundary to at most `limit` characters, with "…"."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.-–—") + "…"


def cut_chars(text: str, width: int) -> str:
    """At most `width` characters: the text, or its start and "…"."""
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def ago(when: datetime, now: datetime) -> str:
    """A short relative time: just now, 5 min ago, 3 h ago, 2 d ago."""
    seconds = max(0.0, (now - when).total_seconds())
    if seconds < 60:
        return "just now"
    if seconds < 3600:
        return f"{int(seconds // 60)} min ago"
    if seconds < 48 * 3600:
        return f"{int(seconds // 3600)} h ago"
    return f"{int(seconds // 86400)} d ago"


def safe_url(url: str) -> str:
    """The URL if it is http(s), else "" (a javascript: link never reaches a chat)."""
    return url if _HTTP.match(url) else ""
