"""Places the gazetteer tells apart or together (bot/data/place_sizes.tsv, from GeoNames'
main names, populations and countries and CLDR's official scripts: scripts/place_sizes.py).

- `two_places`: two spellings that are the main names of two places of comparable size
  (the smaller at least a tenth of the bigger; a country and a city of 100,000) are two
  places, however alike: Samara (Russia) is no Samarra (Iraq), Aalen no Allen, Malawi no
  Mallawi. (Medina, a US town of 26,000, against Madinah, 1.3 million, is no such pair.)
- `place_spellings`: the big place (100,000 people or more) of a country whose official
  language is written in an abjad (Arabic, Hebrew: short vowels and doubled consonants
  unwritten, so romanised either way), and its spellings one romanisation step away
  (a vowel of one sound, a doubled or single consonant, French ou for u, Q for K, with
  or without a final h after a vowel) that are the main name of no place, no English
  word (wordfreq Zipf < 2.5), no person's name of the Census lists and no name of
  names.txt: Taiz/Taizz, Qom/Qum, Hodeidah/Hodeida. A query spelling that is itself no
  big place (nor any place's main name, English word of words.tsv, Zipf 3+, or name)
  finds the one big place a step away, then its spellings: Hama (Zipf 2.71), Hamah.

Pure functions of folded words; the table is read on first use.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from importlib import resources

from bot.matching.persons import known_name
from bot.matching.romanisation import one_sound

BIG = 100_000  # a city of this size has its own name in the press
COMPARABLE = 10  # the bigger of two places at most this many times the smaller
COUNTRY_SIZE = 10**10  # a country's size in the table (scripts/place_sizes.py)
COMMON_ZIPF = 4.0  # a word this common is a word first (Split, Nice), no big place
KNOWN_ZIPF = 2.5  # an English word this frequent is a word of its own
QUERY_ZIPF = 3.0  # a query word this frequent is an English word (bot/data/words.tsv)
MIN_LENGTH = 3
SHORT = 6  # a name this short may be two steps from its other spelling (Yemen, Yaman)
VOWELS = "aeiouy"


@lru_cache(maxsize=1)
def sizes() -> dict[str, tuple[int, bool]]:
    """Folded main name → (population of its biggest place, in a country writing an abjad)."""
    table: dict[str, tuple[int, bool]] = {}
    text = (resources.files("bot") / "data" / "place_sizes.tsv").read_text("utf-8")
    for line in text.splitlines():
        if line.startswith("#"):  # the sources and their versions
            continue
        name, population, _country, flag = line.split("\t")
        table[name] = (int(population), flag == "a")
    return table


@lru_cache(maxsize=1)
def _names() -> frozenset[str]:
    """Words that are names more than words (bot/data/names.txt, WordNet 3.1)."""
    text = (resources.files("bot") / "data" / "names.txt").read_text("utf-8")
    return frozenset(w for w in text.splitlines() if w and not w.startswith("#"))


def two_places(a: str, b: str) -> bool:
    """Whether two different folded spellings are the main names of two places of
    comparable size (Samara/Samarra; not Medina/Madinah, a town and a city)."""
    if a == b:
        return False
    table = sizes()
    one, two = table.get(a), table.get(b)
    if one is None or two is None:
        return False
    small, big = sorted((one[0], two[0]))
    # A country and a big city (Malawi, Mallawi); else the smaller a tenth of the bigger.
    return small * COMPARABLE >= big or (big == COUNTRY_SIZE and small >= BIG)


def steps(word: str) -> set[str]:
    """The spellings one romanisation step from `word`, with or without a final h after
    a vowel: a vowel of one sound (a/e, e/i, o/u, i/y), French ou for u, a consonant
    doubled or written once, Q for K and back (not in qu)."""
    bases = _with_h(word)
    found = set(bases)
    for base in bases:
        found |= _one_step(base)
    found.discard(word)
    return found


def _with_h(word: str) -> set[str]:
    """The word with and without a final h after a vowel."""
    if word.endswith("h") and len(word) > 1 and word[-2] in VOWELS:
        return {word, word[:-1]}
    return {word, word + "h"} if word[-1:] in VOWELS else {word}


def _one_step(word: str) -> set[str]:
    found: set[str] = set()
    for i, letter in enumerate(word):
        head, tail = word[:i], word[i + 1 :]
        if letter in VOWELS:
            found.update(head + v + tail for v in VOWELS if v != letter and one_sound(letter, v))
            if letter == "u" and not head.endswith("o"):
                found.add(head + "ou" + tail)
            if letter == "o" and tail.startswith("u"):
                found.add(head + tail)  # ou → u
        elif i > 0:
            if tail.startswith(letter):
                found.add(head + tail)  # a doubled consonant written once
            elif not head.endswith(letter):
                found.add(head + letter + letter + tail)
        if not tail.startswith("u"):  # (an English qu is no qaf: Queen is no Kueen)
            if letter == "q":
                found.add(head + "k" + tail)
            elif letter == "k":
                found.add(head + "q" + tail)
    return found


def arabic_letters(word: str) -> set[str]:
    """The spellings one Arabic letter away that English writes two ways: a first G for a
    ghayn (Gaza, Ghazzah) and the diphthong aw inside a word as o, au or aw (Doha, Dauha,
    Dawha; BGN/PCGN ad-Dawḩah)."""
    found: set[str] = set()
    if word.startswith("gh"):
        found.add("g" + word[2:])
    elif word.startswith("g"):
        found.add("gh" + word[1:])
    i = word.find("o", 1)
    while i > 0:
        found.update((word[:i] + "au" + word[i + 1 :], word[:i] + "aw" + word[i + 1 :]))
        i = word.find("o", i + 1)
    for pair in ("au", "aw"):
        i = word.find(pair, 1)
        while i > 0:
            if word[i + 2 : i + 3] not in VOWELS:  # (not Hawaii, Tauern: aw/au a syllable)
                found.add(word[:i] + "o" + word[i + 2 :])
            i = word.find(pair, i + 1)
    return found


# One vowel of Arabic as two systems write it, every time it occurs (Yemen, Yaman).
_SYSTEMS = (("a", "e"), ("e", "a"), ("e", "i"), ("i", "e"), ("o", "u"), ("u", "o"))


def near_steps(word: str) -> set[str]:
    """`steps`, and for a name of `SHORT` letters or fewer its spellings in another
    system: one vowel written with the other letter of its sound wherever it occurs
    (two or more times: Yemen, Yaman; not Sudan, Soden), or a first G written Gh for a
    ghayn with one more step (Gaza, Ghazza, Ghazzah: BGN writes the ghayn and the
    shadda, English neither)."""
    found = steps(word)
    for base in _with_h(word):
        found |= arabic_letters(base)
    if len(word) <= SHORT:
        for old, new in _SYSTEMS:
            if word.count(old) >= 2:
                found.add(word.replace(old, new))
        if word.startswith("g") and not word.startswith("gh"):
            found |= {f for f in steps("gh" + word[1:]) if f.startswith("gh") and f[2] != "h"}
    found.discard(word)
    return found


@lru_cache(maxsize=1)
def short_anchors() -> dict[str, tuple[str, ...]]:
    """Each spelling `near_steps` adds to `steps` for a big place's name → those places:
    a query's word is looked up here, never stepped (start-up pays one table, built on
    first use in 0.03 s, not these steps for every capitalised word of every query)."""
    found: dict[str, tuple[str, ...]] = {}
    for name, (size, abjad) in sizes().items():
        if abjad and size >= BIG and name.isalpha():
            for form in near_steps(name) - steps(name):
                found[form] = (*found.get(form, ()), name)
    return found


def _big(word: str, zipf: Mapping[str, float]) -> bool:
    """A big place of a country writing an abjad, its name no common English word."""
    size = sizes().get(word)
    return size is not None and size[0] >= BIG and size[1] and zipf.get(word, 0.0) < COMMON_ZIPF


def _spelling(form: str, zipf: Mapping[str, float], known: float = KNOWN_ZIPF) -> bool:
    """Whether `form` may be another spelling of a big place: the main name of no place
    (Uman is a town of its own, not Oman; Eden none of Aden), no English word, no name.
    (Main names only: the gazetteer's alternate names are the held-out evaluation's
    cases, and bot/data/places.txt holds some of them: Tunes for Tunis.)"""
    if form in sizes() or zipf.get(form, 0.0) >= known:
        return False
    return not known_name(form) and form not in _names()


def place_spellings(word: str, zipf: Mapping[str, float]) -> tuple[str, ...]:
    """Other spellings of the big place a capitalised query word names (see above)."""
    if len(word) < MIN_LENGTH or not word.isalpha():
        return ()
    if _big(word, zipf):
        anchor = word
    else:
        anchors = [f for f in steps(word) if _big(f, zipf)] or [
            f for f in short_anchors().get(word, ()) if _big(f, zipf)
        ]
        # A word typed as the query may be a little more frequent than a spelling the
        # rule writes: the place's own other name in the press (Hama, Zipf 2.71: Hamah).
        if len(anchors) != 1 or not _spelling(word, zipf, QUERY_ZIPF):
            return ()
        anchor = anchors[0]
    found = {anchor} | {f for f in near_steps(anchor) if _spelling(f, zipf)}
    found.discard(word)
    return tuple(sorted(found))
