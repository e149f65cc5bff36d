"""Cyrillic and Greek look-alikes inside a Latin word read as the Latin letters they look
like: `Кyiv` (Cyrillic К) is kyiv, `NАТО` (Cyrillic А, Т, О) is nato, `Bіden` is biden.

Such words come from a name pasted out of a Cyrillic or Greek text, a letter typed on
the other keyboard, and hostile feeds that use them to dodge filters.
`normalise.fold` calls `latinise` on the text it has folded, so queries and articles
alike are read this way. A word changes only when it holds at least one Latin letter and
every Cyrillic or Greek letter in it is in the table: a word wholly in Cyrillic or Greek
is another language and stays as it is (Путин, and НАТО too, though all its letters look
Latin), and so does a mixed word with a letter that looks like no Latin one (`Macrоп`).

The table (bot/data/lookalikes.tsv, scripts/lookalikes.py) is Unicode's confusables
(UTS #39) through the PyPI package confusable_homoglyphs 3.3.1: the Cyrillic and Greek
letters confusable with one ASCII letter, keyed by their case fold because `fold` folds
case first. So a capital's look gives its lower case's reading (Н looks like H: н is h,
т is t, в is b), unless the lower-case letter looks like a Latin letter of its own
(ν is v, not Ν's n; і is i, not І's l).
"""

from __future__ import annotations

import re
from importlib import resources


def _load() -> dict[int, str]:
    text = (resources.files("bot") / "data" / "lookalikes.tsv").read_text("utf-8")
    rows = (line.split("\t") for line in text.splitlines() if not line.startswith("#"))
    return {ord(row[0]): row[1] for row in rows}


# Folded Cyrillic or Greek letter (as a code point, for str.translate) → Latin letter.
LATIN = _load()
# Any Cyrillic or Greek letter: the blocks, and the table's letters outside them (ᴦ, ꙇ).
_BLOCKS = "\u0370-\u03ff\u0400-\u052f\u1c80-\u1c8f\u1f00-\u1fff\u2de0-\u2dff\ua640-\ua69f"
_SCRIPT = "[" + _BLOCKS + "".join(chr(c) for c in LATIN if not 0x370 <= c < 0x530) + "]"
_ANY = re.compile(_SCRIPT)
# A word (letters only) that holds one: from a word's start (the lookbehind), so that no
# search starts again inside a long word (a hostile feed's 100,000-letter word is read
# once); the lazy scan stops at the first such letter and the rest is taken whole.
_WORD = re.compile(r"(?<![^\W\d_])[^\W\d_]*?" + _SCRIPT + r"[^\W\d_]*+")
# A Latin letter, accented or not (fold has taken most accents off by then).
_LATIN_LETTER = re.compile("[a-z\u00df-\u00ff\u0100-\u024f\u1e00-\u1eff]")


def _word(found: re.Match[str]) -> str:
    word = found.group()
    if _LATIN_LETTER.search(word) is None:
        return word  # wholly Cyrillic or Greek: another language
    read = word.translate(LATIN)
    return word if _ANY.search(read) else read  # (a letter that looks like no Latin one)


def latinise(folded: str) -> str:
    """`folded` (case folded; `fold` asks only when it is not ASCII) with each word that
    mixes Latin letters with Cyrillic or Greek look-alikes, and no other Cyrillic or
    Greek letter, read in Latin letters."""
    if _ANY.search(folded) is None or _LATIN_LETTER.search(folded) is None:
        return folded  # (most words: no Cyrillic or Greek letter; or no Latin one)
    return _WORD.sub(_word, folded)
