"""Text folding and word splitting shared by the query parser and the matcher.

Both sides of a match go through the same `fold`: Unicode NFKC, case folding,
accents removed, and a few letters that have no decomposition mapped by hand.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from bot.matching.lookalikes import latinise

# Letters NFD does not split into base + accent; mapped the way English news spells them.
_LETTERS = {
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
# A regex finds the few such characters far faster than str.translate walks every one.
_SPECIAL = re.compile("[" + "".join(_LETTERS) + "]")


# Combining marks (accents, Arabic and Hebrew vowel signs) that NFD splits off letters.
_MARKS = re.compile(
    "[\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670"
    "\u06d6-\u06ed\u0e31\u0e34-\u0e3a\u0e47-\u0e4e\u1ab0-\u1aff\u1dc0-\u1dff"
    "\u20d0-\u20ff\u302a-\u302f\u3099\u309a\ufe20-\ufe2f]"
)


def _special(found: re.Match[str]) -> str:
    return _LETTERS[found.group()]


def fold(text: str) -> str:
    """NFKC, casefold, strip accents: `Türkiye` → `turkiye`, `Erdoğan` → `erdogan`; Cyrillic
    and Greek look-alikes in a Latin word read as Latin (`lookalikes`): `Кyiv` → `kyiv`."""
    if text.isascii():
        return text.lower()
    text = _SPECIAL.sub(_special, unicodedata.normalize("NFKC", text).casefold())
    stripped = _MARKS.sub("", unicodedata.normalize("NFD", text))
    text = unicodedata.normalize("NFC", stripped)
    return text if text.isascii() else latinise(text)


@lru_cache(maxsize=65536)
def fold_word(word: str) -> str:
    """`fold` for one word, cached: articles repeat their words."""
    return fold(word)


# A word: letters and digits, with inner apostrophes (o'clock, Russia's) and dots of
# initialisms (U.S.) kept so that the next step can decide what they mean.
# Apostrophe look-alikes count too, so that a text splits into the same words before and
# after folding ("Russia’s" is one word either way).
# Dots join single letters only (U.S., e.g.): "twitter.com" and "end.Next" are two words.
# The two lookaheads only skip work (same matches): no alternative is tried where no word
# starts, and the initialism one only where a dot follows the first letter (~30% faster).
# The last alternative's quantifiers are possessive (Python 3.11): nothing follows them, so
# the greedy match is always the one kept, and no backtracking state is saved (~14% faster).
_WORD = re.compile(
    r"(?=[^\W_])(?:(?=.\.)(?:[^\W\d_]\.)+[^\W\d_]\b|[^\W_]++(?:['’‘ʼʻ`´′][^\W_]++)*+)",
    re.UNICODE,
)


def split_words(text: str) -> list[str]:
    """The words of `text` in order, as written (not folded); hyphens split words.

    `_WORD`'s matches, found a piece between spaces at a time (no match holds a space,
    none looks past one): most pieces are one word of letters and digits (`isalnum`: the
    regex's letters and digits), or one with a mark after it (`said,`: said; not `U.S.`):
    only the others go through the regex (~25% faster over the corpora's texts).
    """
    words: list[str] = []
    add = words.append
    for piece in text.split():
        if piece.isalnum():
            add(piece)
        elif piece[:-1].isalnum() and not piece[-1].isalnum():
            add(piece[:-1])
        elif len(piece) > 1:  # (a mark alone, a dash between spaces: no word)
            words += _WORD.findall(piece)
    return words


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
