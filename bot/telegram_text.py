"""Text lengths as Telegram counts them: UTF-16 code units of the text after entity parsing.

A character outside the Basic Multilingual Plane (an emoji, a mathematical letter) counts
twice; HTML tags count nothing and an entity such as ``&amp;`` counts as its one character.
"""

from __future__ import annotations

import html
import re

MAX_MESSAGE = 4096  # Telegram's limit on a message's text, in UTF-16 units after parsing
MAX_CAPTION = 1024

_TAG = re.compile(r"<[^>]+>")


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units (what Telegram's limits count)."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def visible_len(markup: str) -> int:
    """Length of Telegram-HTML as Telegram counts it: tags dropped, entities decoded."""
    return utf16_len(html.unescape(_TAG.sub("", markup)))


def clip(text: str, limit: int) -> str:
    """`text` cut to at most `limit` UTF-16 units, never splitting a surrogate pair."""
    if len(text) <= limit // 2 or utf16_len(text) <= limit:
        return text
    size = 0
    for index, ch in enumerate(text):
        size += 2 if ord(ch) > 0xFFFF else 1
        if size > limit:
            return text[:index]
    return text


def shorten(text: str, limit: int) -> str:
    """`text` with its spaces collapsed, cut at a word boundary to at most `limit` UTF-16
    units, with an ellipsis (one unit) when cut."""
    text = " ".join(text.split())
    if utf16_len(text) <= limit:
        return text
    cut = clip(text, limit - 1)
    space = cut.rfind(" ")
    if space > len(cut) // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.-–—") + "…"
