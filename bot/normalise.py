"""Text folding and word splitting shared by the query parser and the matcher.

Both sides of a match go through the same `fold`: Unicode NFKC, case folding,
accents removed, and a few letters that have no decomposition mapped by hand.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Letters NFD does not split into base + accent; mapped the way English news spells them.
_LETTERS = str.maketrans(
    {
        "ø": "o",
        "đ": "d",
        "ð": "d",
        "ł": "l",
        "ħ": "h",
        "ı": "i",
        "ŀ": "l",
        "þ": "th",
        "æ": "ae",
        "œ": "oe",
        "ß": "ss",
        "ſ": "s",
        # Apostrophe look-alikes all become the ASCII one, so "Russia’s" = "Russia's".
        "’": "'",
        "‘": "'",
        "ʼ": "'",
        "ʻ": "'",
        "`": "'",
        "´": "'",
        "′": "'",
        # Dash look-alikes become a hyphen, so "al‑Assad" (non-breaking hyphen) = "al-Assad".
        "‐": "-",
        "‑": "-",
        "‒": "-",
        "–": "-",
        "—": "-",
        "―": "-",
        "−": "-",
    }
)


def fold(text: str) -> str:
    """NFKC, casefold, strip accents: `Türkiye` → `turkiye`, `Erdoğan` → `erdogan`."""
    if text.isascii():
        return text.lower()
    text = unicodedata.normalize("NFKC", text).casefold().translate(_LETTERS)
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", stripped)


@lru_cache(maxsize=65536)
def fold_word(word: str) -> str:
    """`fold` for one word, cached: articles repeat their words."""
    return fold(word)


# A word: letters and digits, with inner apostrophes (o'clock, Russia's) and dots of
# initialisms (U.S.) kept so that the next step can decide what they mean.
_WORD = re.compile(r"[^\W_]+(?:['.][^\W_]+)*", re.UNICODE)


def split_words(text: str) -> list[str]:
    """The words of `text` in order, as written (not folded); hyphens split words."""
    return _WORD.findall(text)


def clean_word(folded: str) -> str:
    """A folded word without possessive `'s` and initialism dots: `russia's` → `russia`."""
    if "'" in folded:
        if folded.endswith("'s"):
            folded = folded[:-2]
        folded = folded.replace("'", "")
    if "." in folded:
        folded = folded.replace(".", "")
    return folded


def has_word(text: str) -> bool:
    """True when `text` holds at least one letter or digit (something to look for)."""
    return any(c.isalnum() for c in text)
