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

# RR's eo and eu where Korean syllables have them: before a final consonant (n, ng, m, l,
# k, p) or at the end of the word (Gyeonggi, Goryeo, Hamheung; not George, Theodore).
_RR_VOWEL = re.compile(r"e[ou](?:ng|[nmlkp])(?![aeiouy])|e[ou]$")
_MR_FIRST = {"g": "k", "d": "t", "b": "p", "j": "ch"}
_RR_FIRST = {"k": "g", "t": "d", "p": "b", "ch": "j"}
MAX_VOWELS = 4


def korean_shaped(word: str) -> bool:
    """Whether a folded word has an RR eo or eu where a Korean syllable has one."""
    return _RR_VOWEL.search(word) is not None


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
    spots = [m.start() for m in re.finditer(r"(?<!e)[ou]", word)][:MAX_VOWELS]
    found = set()
    for choice in itertools.product((False, True), repeat=len(spots)):
        letters = list(word)
        for spot, long in zip(spots, choice, strict=True):
            if long:
                letters[spot] = "e" + letters[spot]
        form = "".join(letters)
        for reading in (form, _first(form, _RR_FIRST)):
            if reading != word and korean_shaped(reading):
                found.add(reading)
    return found


def korean_variants(word: str, zipf: Mapping[str, float], places: Container[str]) -> list[str]:
    """The other system's spellings a name's query accepts. Never for a common English
    word (Zipf >= 4) that is no place, never between two spellings English has (Zipf >=
    2.5 or a place). From RR (`Gaeseong`, `Jeonju`): its MR spellings. From a spelling
    English does not have or a place (`Chonju`, `Koryo`, `Kaesong`): its RR readings (for
    a place, those English does not have)."""

    def established(form: str) -> bool:
        return zipf.get(form, 0.0) >= 2.5 or form in places

    if len(word) < 5 or not word.isalpha() or (zipf.get(word, 0.0) >= 4.0 and word not in places):
        return []
    own = established(word)
    found = [f for f in sorted(mr_forms(word)) if not (own and established(f))]
    if not own or word in places:
        found += [f for f in sorted(rr_forms(word)) if not (own and established(f))]
    return found
