"""A Chinese person's full name in pinyin and in Wade-Giles (docs/matching.md, "Chinese
romanisation"): a surname of one syllable and a given name of two, each in the other
system (`Deng Xiaoping` = Teng Hsiao-ping, `Jiang Zemin` = Chiang Tse-min). A surname
alone is one syllable, too short to tell from other names (Deng/Teng, Chin/Jin stay
apart); the given name after it, of two Chinese syllables in the same system, makes the
pair a Chinese name. Pure functions of folded words; the plan reads the two query words
as one name too (`plan._runs`) and `terms` files its forms.

Source: the Library of Congress's pinyin/Wade-Giles conversion table (2000), syllable by
syllable, through `chinese.py`'s tables.
"""

from __future__ import annotations

import itertools
from collections.abc import Container, Mapping
from functools import lru_cache

from bot.matching.chinese import PINYIN, segmentations, wade_giles
from bot.matching.forms import normalise_word
from bot.matching.lexicon import load_lexicon
from bot.matching.normalise import split_words
from bot.matching.query import Node, Term

MAX_FORMS = 32
COMMON_ZIPF = 4.0  # an English word this common is no given name, nor its spelling


def _cuts(word: str, syllables: Container[str]) -> bool:
    return any(len(cut) >= 2 for cut in segmentations(word, syllables))


@lru_cache(maxsize=1)
def _wg_table() -> tuple[dict[str, str], dict[str, frozenset[str]]]:
    """Each pinyin syllable's Wade-Giles spelling and each Wade-Giles syllable's pinyin
    ones (people's names are written in Wade-Giles, never in the postal spellings)."""
    wg = {syllable: wade_giles(syllable) for syllable in PINYIN}
    back: dict[str, set[str]] = {}
    for syllable, form in wg.items():
        back.setdefault(form, set()).add(syllable)
    return wg, {form: frozenset(s) for form, s in back.items()}


def _directions(
    surname: str, given: str, zipf: Mapping[str, float]
) -> list[tuple[frozenset[str], list[tuple[str, ...]]]]:
    """For each system the name may be written in (pinyin, then Wade-Giles): the surname's
    spellings in the other and the given name's (itself too when both systems write it
    alike: En-lai), when the given name cuts into two syllables or more of that system;
    never a common English word (Zipf >= 4)."""
    wg, back = _wg_table()
    found = []
    if surname in PINYIN and _cuts(given, PINYIN):
        cuts = [tuple(wg[s] for s in c) for c in segmentations(given, PINYIN) if len(c) > 1]
        forms = [f for c in dict.fromkeys(cuts) for f in (("".join(c),), c)]
        found.append((frozenset({wg[surname]}), forms + [(given,)] * _cuts(given, back)))
    if surname in back and _cuts(given, back):
        readings = (
            "".join(p)
            for c in segmentations(given, back)
            if len(c) > 1
            for p in itertools.product(*(back[s] for s in c))
        )
        forms = [(r,) for r in dict.fromkeys(readings) if r != given]
        found.append((back[surname], forms + [(given,)] * _cuts(given, PINYIN)))
    return [
        (others, [f for f in forms if zipf.get("".join(f), 0.0) < COMMON_ZIPF])
        for others, forms in found
    ]


def full_name(first: Node, second: Node | None) -> Term | None:
    """The one Term two query words also stand for when they are a Chinese surname and
    given name, capitalised, whose surname the other system spells otherwise (`Deng
    Xiaoping`, `Teng Hsiao-ping`; not `Hu Jintao`: its words alone find Hu Chin-tao)."""
    if type(first) is not Term or type(second) is not Term:
        return None
    a, b = first.word, second.word
    if not (a[:1].isupper() and b[:1].isupper() and a.isalpha()):
        return None
    words = tuple(normalise_word(w) for w in (a, *split_words(b)))
    lexicon = load_lexicon()
    return Term(f"{a} {b}") if full_name_forms(words, lexicon.zipf) else None


def full_name_forms(words: tuple[str, ...], zipf: Mapping[str, float]) -> list[tuple[str, ...]]:
    """A full name's spellings in the other system, the surname first and the given name
    as one word or its syllables apart (deng xiaoping: teng hsiaoping, teng hsiao ping;
    teng hsiao ping: deng xiaoping), only when the surname changes."""
    if not 2 <= len(words) <= 3 or not all(w.isalpha() for w in words):
        return []
    surname, given = words[0], "".join(words[1:])
    if given == surname or len(given) < 4 or zipf.get(given, 0.0) >= COMMON_ZIPF:
        return []  # (Can Make: no "Tsan Ma-ko")
    found = [
        (other, *form)
        for others, forms in _directions(surname, given, zipf)
        for other in sorted(others - {surname})
        for form in forms
    ]
    return list(dict.fromkeys(found))[:MAX_FORMS]
