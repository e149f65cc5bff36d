"""Cyrillic к+с and Greek ξ written x or ks (docs/matching.md, "Romanisation families").

The romanisation tables write к+с "ks" (BGN/PCGN 1947 for Russian: Aleksandr, Maksim;
BGN/PCGN 2019 for Ukrainian, Ukraine's national system of 2010: Oleksandr, Oleksii; ALA-LC
likewise), English conventional spellings and much of the press "x" (Alexander, Maxim,
Olexander); ELOT 743 and the UN system write Greek ξ "x" (Xanthi, Naxos), older and
phonetic transcriptions "ks" (Ksanthi). `forms.ks_as_x` makes the two one spelling in the
keys (`phonetic`, `romanised`, `skeleton`), so that a name spelled both ways with its
vowels alike is one name as every romanisation variant is. This module adds the same
with one vowel written differently, added or left out on top (`variants.vowel_edit`:
Alexander/Aleksandr, Oleksandr/Olexander, Aleksandar/Alexander): on the query side the
established spellings (`ks_spellings`), on the article side a spelling English does not
have (`ks_vowel`). Never two words (`romanisation.ks_apart`: Marx/Marks, Taxes/Takses),
never an English cks (`ks_as_x`: Dixon/Dickson).
"""

from __future__ import annotations

from collections.abc import Container, Mapping

from bot.matching.forms import ks_as_x, phonetic
from bot.matching.lexicon import ESTABLISHED_ZIPF
from bot.matching.romanisation import ks_apart
from bot.matching.variants import Speller, consonants, vowel_edit


def _ks_differs(word: str, other: str) -> bool:
    """One writes an x where the other writes a ks (an English cks aside)."""
    xs = phonetic(word).count("x")
    return ("x" in word) != ("x" in other) and xs == phonetic(other).count("x")


def swapped(word: str) -> str:
    """The word with its x written ks, or its ks (not cks) written x."""
    return word.replace("x", "ks") if "x" in word else ks_as_x(word)


def ks_vowel(word: str, token: str, zipf: Mapping[str, float], places: Container[str]) -> bool:
    """Whether the article word `token` (no established word) is the name `word` with x
    for ks or ks for x and one vowel written differently, added or left out
    (Oleksandr/Olexander); not when the token written the other way is an established
    word, which it then spells (Aleksandra is Alexandra, not Alexandria)."""
    if not _ks_differs(word, token):
        return False
    key, other = phonetic(word), phonetic(token)
    other_way = swapped(token)
    return (
        vowel_edit(key, other)
        and not (zipf.get(other_way, 0.0) >= ESTABLISHED_ZIPF or other_way in places)
        and not ks_apart(word, token, zipf, places)
    )


def ks_spellings(word: str, speller: Speller) -> tuple[str, ...]:
    """The established spellings of a name with x for its ks or ks for its x, the vowels
    alike or, when none is, one written differently, added or left out (`aleksandr` →
    alexander, `olexander` → oleksandr; `aleksandra` → alexandra alone, not alexandria);
    () for a name with neither."""
    if "x" not in word and "ks" not in word:
        return ()
    key = phonetic(word)
    zipf, places = speller.zipf, speller.places
    found = [
        other
        for other in speller.by_consonants().get(consonants(swapped(word)), ())
        if _ks_differs(word, other) and not ks_apart(word, other, zipf, places)
    ]
    alike = tuple(other for other in found if phonetic(other) == key)
    if alike:
        return alike
    return tuple(other for other in found if vowel_edit(key, phonetic(other)))
