"""Korean names in McCune-Reischauer and in the Revised Romanisation (docs/matching.md,
"Korean romanisation"). Pure functions of folded words; `terms` files their output as
forms of a query's term.

Sources: the McCune-Reischauer system (1939) and South Korea's Revised Romanisation of
Korean (Ministry of Culture and Tourism, 2000), as their tables write the vowels and
the first consonant: RR eo and eu for MR ŏ and ŭ (folded o and u), RR g, d, b, j for
the unaspirated k, t, p, ch that MR writes at the start of a word (Pusan/Busan,
Taejŏn/Daejeon, Chŏnju/Jeonju, Kaesŏng/Gaeseong)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Container, Mapping

from bot.matching.romanisation import OtherSystem

# RR's eo and eu where Korean syllables have them: eo after j, ch or y (Daejeon, Incheon,
# Goryeo, Yeongbyeon) or before ng (Gaeseong), eu before a final consonant (Hamheung);
# not George, Theodore, nor the -eo and -eon of other languages' names (Amadeo, Mineo,
# Simeon, Gideon).
_RR_VOWEL = re.compile(r"(?:j|ch|y)eo|eong|eu(?:ng|[nmlkp])(?![aeiouy])")
# Where an MR o or u may be RR's eo or eu (`_RR_VOWEL` less the e): a quick test first.
_MR_VOWEL = re.compile(r"(?:j|ch|y)o|ong|u(?:ng|[nmlkp])(?![aeiouy])")
_MR_FIRST = {"g": "k", "d": "t", "b": "p", "j": "ch"}
_RR_FIRST = {"k": "g", "t": "d", "p": "b", "ch": "j"}
MAX_VOWELS = 4


def korean_shaped(word: str) -> bool:
    """Whether a folded word has an RR eo or eu where a Korean syllable has one."""
    return _RR_VOWEL.search(word) is not None


def _all_korean(word: str) -> bool:
    """Every eo and eu of the word where a Korean syllable has one (`_RR_VOWEL`), and one
    at least: `gaeseong`, not "leondeon"."""
    spans = [range(m.start(), m.end()) for m in _RR_VOWEL.finditer(word)]
    vowels = [m.start() for m in re.finditer(r"e(?=[ou])", word)]
    return bool(spans) and all(any(v in span for span in spans) for v in vowels)


def _first(word: str, table: Mapping[str, str]) -> str:
    for old, new in table.items():
        if word.startswith(old):
            return new + word[len(old) :]
    return word


def mr_forms(word: str) -> set[str]:
    """An RR name in McCune-Reischauer: `gaeseong` → kaesong, gaesong."""
    if not korean_shaped(word):
        return set()
    plain = word.replace("eo", "o").replace("eu", "u")
    return {plain, _first(plain, _MR_FIRST)} - {word}


def rr_forms(word: str) -> set[str]:
    """An MR name in the Revised Romanisation, each o read o or eo and u read u or eu,
    the first k/t/p/ch read g/d/b/j or not: `kaesong` → gaeseong …; only the readings of
    Korean shape."""
    if _MR_VOWEL.search(word) is None:
        return set()
    spots = [m.start() for m in re.finditer(r"(?<!e)[ou]", word)][:MAX_VOWELS]
    found = set()
    for choice in itertools.product((False, True), repeat=len(spots)):
        letters = list(word)
        for spot, long in zip(spots, choice, strict=True):
            if long:
                letters[spot] = "e" + letters[spot]
        form = "".join(letters)
        for reading in (form, _first(form, _RR_FIRST)):
            if reading != word and _all_korean(reading):
                found.add(reading)
    return found


def korean_variants(word: str, zipf: Mapping[str, float], places: Container[str]) -> list[str]:
    """The other system's spellings a name's query accepts. Never for a common English
    word (Zipf >= 4) that is no place, never such a word, never between two spellings
    English has (Zipf >= 2.5 or a place). From RR (`Gaeseong`, `Jeonju`): its MR
    spellings. From a spelling English does not have (`Chonju`, `Koryo`): its RR
    readings; from a place starting with MR's k, t, p or ch (`Kaesong`), its readings
    with that letter voiced."""

    guard = OtherSystem(word, zipf, places)
    if not guard.applies:
        return []
    own = guard.own
    found = [f for f in sorted(mr_forms(word)) if guard.kept(f)]
    if not own or (word in places and word.startswith(tuple(_RR_FIRST))):
        # (a place: only the readings with the first letter voiced, Kaesong/Gaeseong; a
        # place of another country, London or Boston, gets none)
        readings = rr_forms(word)
        found += [f for f in sorted(readings) if guard.kept(f) and (not own or f[0] != word[0])]
    return found
