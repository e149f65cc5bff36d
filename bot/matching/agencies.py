"""Two established spellings of an Arabic name with a qaf (docs/matching.md, "Agencies'
spellings of one name").

`variants.variant` refuses a vowel changed in a short name when the article's spelling is
itself an established word (Zipf >= 3): Sudan is no Sedan, Putin no potion, Karen no
Karin. News agencies print some Arabic names two established ways, AP "Qaida" and
Reuters "Qaeda". What marks such a pair is the shape of both spellings, not a list: a Q
that is no English qu (the Arabic qaf, as `romanisation.arabic_q` reads it) on both
sides, and one vowel of one sound written two ways (a/e, e/i, o/u, i/y:
`romanisation.one_sound`; the press writes Arabic's three short vowels each two ways),
not a final -ah against -eh (Salah/Saleh: two names), no given name of the US Census
lists on either side (given names come in many spellings, each another person's).

Tried first and dropped (the probe over the corpora's capitalised words in
docs/matching.md): the same vowel change between any two words no dictionary writes in
lower case (names.txt) joined 167 pairs, Colombia/Columbia, Jansen/Jensen,
Druid/Droid among them, about one in seven of them one name.

Sources: the spellings agencies print (benchmarks/agency_spotcheck.py,
benchmarks/romanisation_spotcheck.py), the US Census 1990 name lists
(bot/data/person_names.tsv).
"""

from __future__ import annotations

import re

from bot.matching.persons import given_name
from bot.matching.romanisation import final_vowels_apart, one_sound

MIN_LENGTH = 5  # shorter words with a bare q are mostly codes and typos (Iqdy, Ujqq)
VOWELS = frozenset("aeiouy")
_QAF = re.compile(r"q(?!u)")


def qaf_spelling(word: str, token: str) -> bool:
    """Whether the article word `token` is the query name `word` as another agency
    spells it (Qaida/Qaeda): both folded, of one length, each with an Arabic Q, one vowel
    of one sound written differently."""
    if len(word) != len(token) or len(word) < MIN_LENGTH:
        return False
    if _QAF.search(word) is None or _QAF.search(token) is None:
        return False
    changed = [(a, b) for a, b in zip(word, token, strict=True) if a != b]
    if len(changed) != 1 or final_vowels_apart(word, token):
        return False
    a, b = changed[0]
    if not (a in VOWELS and b in VOWELS and one_sound(a, b)):
        return False
    return not (given_name(word) or given_name(token))
