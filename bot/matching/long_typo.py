"""A long capitalised query word misspelt (docs/matching.md, "A long misspelt capitalised
word"): `Rpublican`, `Passprt`, `Transfusio`.

`misspelt.misspelt_name` reads a capitalised word no list knows only as a well-known
*name*, since a short real name is often one letter from a dictionary's word (Babis:
babies, Orban: organ, Starmer: starter). The chance that a word no list knows is a real
other word one edit from a common one falls fast with its length: from MIN_LONG_TYPED
letters, such a word (no word of the word list, no place, no Census name) is read as the
established word (Zipf >= 3, a dictionary's word too) one typist's slip from it, the
first letter kept: a letter left out, a letter doubled or a neighbouring key typed beside
one, a neighbouring key typed for one, two neighbours swapped (QWERTY keys: a slip of
the hand, not of spelling). Of several, the likeliest (`slips.likelihood`), only when no
other is as likely (Stephensn: Stephens or Stephenson). Not when the word is a regular
derivation of a known word that the word list lacks (Burrowed is no "borrowed",
Requester no "requested", Chocolatey no "chocolate": `derived_word`), nor a letter added
at the end that makes an ending (s, n, i, o, a: Reginaldo is no misspelt Reginald).

Source: wordfreq frequencies (bot/data/words.tsv), GeoNames places, the US Census 1990
name lists (bot/data/person_names.tsv), the QWERTY layout (`slips.NEIGHBOUR_KEYS`).
"""

from __future__ import annotations

from collections.abc import Mapping

from bot.matching.lexicon import ESTABLISHED_ZIPF
from bot.matching.misspelt import unknown_word_neighbours
from bot.matching.slips import NEIGHBOUR_KEYS, likelihood, single_letters
from bot.matching.variants import KNOWN_ZIPF, Speller

MIN_LONG_TYPED = 8  # a word this long is read as a dictionary's word too
LONG_ENDINGS = frozenset("snioa")  # a letter added at the end that makes a form (Reginaldo)
# Regular English endings and prefixes: a word no list knows that is a known word with
# one of them is a word of its own (Burrowed, Requester, Refactor), no misspelling.
SUFFIXES = (
    "ings", "ing", "ed", "ers", "er", "est", "es", "s", "ors", "or", "ions", "ion",
    "ly", "y", "ness", "ments", "ment", "able", "ist", "ists", "ism",
)  # fmt: skip
PREFIXES = ("re", "un", "pre", "dis", "non", "over", "under", "out", "co")
MIN_STEM = 3


def derived_word(word: str, zipf: Mapping[str, float]) -> bool:
    """Whether `word` is a known word (Zipf >= 2.5) with a regular ending or prefix: a
    word the word list lacks, no misspelling (fanciest: fancy, remoting: remote)."""
    stems = []
    for suffix in SUFFIXES:
        stem = word.removesuffix(suffix)
        if stem != word and len(stem) >= MIN_STEM:
            stems += [stem, stem + "e"]
            if stem[-1] == stem[-2]:  # patting: pat
                stems.append(stem[:-1])
            if stem[-1] == "i":  # fanciest: fancy
                stems.append(stem[:-1] + "y")
    for prefix in PREFIXES:
        stem = word.removeprefix(prefix)
        if stem != word and len(stem) >= MIN_STEM:
            stems.append(stem)
    return any(zipf.get(stem, 0.0) >= KNOWN_ZIPF for stem in stems)


def keyboard_slip(typed: str, meant: str) -> bool:
    """Whether `typed` is `meant` with one typist's slip: doubled letters written once or
    twice, a letter left out, two neighbours swapped, a neighbouring key typed for a
    letter, or a letter typed again or a neighbouring key beside one (QWERTY)."""
    if single_letters(typed) == single_letters(meant):
        return True
    if len(typed) + 1 == len(meant):
        return any(typed == meant[:i] + meant[i + 1 :] for i in range(len(meant)))
    if len(typed) == len(meant) + 1:
        for i, extra in enumerate(typed):
            if typed[:i] + typed[i + 1 :] != meant:
                continue
            beside = typed[i - 1 : i] + typed[i + 1 : i + 2]
            if any(extra == b or extra in NEIGHBOUR_KEYS.get(b, ()) for b in beside):
                return True
        return False
    if len(typed) != len(meant):
        return False
    diff = [i for i, (a, b) in enumerate(zip(typed, meant, strict=True)) if a != b]
    if len(diff) == 1:
        return typed[diff[0]] in NEIGHBOUR_KEYS.get(meant[diff[0]], ())
    if len(diff) != 2 or diff[1] != diff[0] + 1:
        return False
    i = diff[0]
    return typed[i] == meant[i + 1] and typed[i + 1] == meant[i]


def misspelt_long(word: str, spell: Speller, shortest: int = MIN_LONG_TYPED) -> str:
    """The established word the capitalised query word `word` (folded) of `shortest`+
    letters misspells, or "" (the rule in the module's docstring)."""
    near = unknown_word_neighbours(word, spell, shortest)
    zipf = spell.zipf
    found = [c for c in near if c[0] == word[0] and zipf.get(c, 0.0) >= ESTABLISHED_ZIPF]
    ranked = sorted((likelihood(word, c), c) for c in found)
    if not ranked or (len(ranked) > 1 and ranked[0][0] == ranked[1][0]):
        return ""  # none, or two as likely (Stephensn: Stephens, Stephenson)
    meant = ranked[0][1]
    if not keyboard_slip(word, meant):
        return ""  # (Trillian is no misspelt trillion: a and o are keys apart)
    if len(word) == len(meant) + 1 and word.startswith(meant) and word[-1] in LONG_ENDINGS:
        return ""  # an ending (Reginaldo is no misspelt Reginald)
    return "" if derived_word(word, spell.zipf) else meant
