"""The word after an Arabic article, written two ways by the press (docs/matching.md,
"Arabic romanisation"): with an article on both sides (al-Quds, al-Qods; Deir ez-Zor,
Deir el-Zour) the word is Arabic, and its vowels take the spellings romanisation gives
Arabic's vowels whatever the word's length. Pure functions of folded words; `terms` uses
them.

The spellings, from the BGN/PCGN and Library of Congress (ALA-LC) romanisations of Arabic
against the press's: a short vowel one sound written two ways (fatha a/e, kasra i/e, damma
u/o: Quds/Qods, Tur/Tor); the diphthong aw written o, French ou or aw (Hol/Hawl, Jouf/
Jawf, Zor/Zour), ay written ai, ei or ay (Ain/Ayn, Bayda/Beida); French ou for u (Nour/
Nur); a long vowel doubled (aa, ee, oo: Shabab/Shabaab, Arish/Areesh); a final h after a
vowel (ta marbuta: Aqsa/Aqsah); a consonant written double or single (shadda: Tall/Tal).
No vowel the Arabic word has not: both systems write none where Arabic has none (sukun),
and the press's inserted vowel gives the shape of another word (Nasr victory, Naser
helper; Sadr/Sader stays apart)."""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import product

from bot.matching.arabic_places import article_forms
from bot.matching.romanisation import one_sound

# The sounds a vowel as written may stand for: a, i, u, the diphthongs aw and ay. An e is
# a fatha or a kasra, an o a damma or an aw, French ou either; a doubled vowel is long.
_SOUNDS: dict[str, frozenset[str]] = {
    "a": frozenset({"a"}), "e": frozenset({"a", "i"}), "i": frozenset({"i"}),
    "o": frozenset({"u", "aw"}), "u": frozenset({"u"}), "y": frozenset({"i"}),
    "aa": frozenset({"a"}), "ee": frozenset({"i"}), "oo": frozenset({"u"}),
    "ou": frozenset({"u", "aw"}), "aw": frozenset({"aw"}),
    "ay": frozenset({"ay"}), "ai": frozenset({"ay"}), "ei": frozenset({"ay"}),
}  # fmt: skip
# A run of vowels (a w or y after a vowel and before no vowel is the diphthong's), a final
# y after a consonant (an i), or a run of consonants.
_RUN = re.compile(r"[aeiou]+(?:[wy](?![aeiou]))?|(?<=[^aeiou])y$|[^aeiou]+")
MIN_WORD = 3
MAX_WORD = 12  # (the word of a name: longer is no such word)
MAX_FORMS = 48
# Article forms that are English or French words before a capitalised name ("at Tor",
# "As Sad", "an Nour"): a changed spelling needs another form of the article.
_WORD_ARTICLES = frozenset({"at", "as", "an", "en", "et"})


_FINAL_H = re.compile(r"(?<=[aeiou])h$")
_DOUBLED = re.compile(r"([^aeiou])\1")


def _runs(word: str) -> list[str]:
    """The word's runs of vowels and of consonants, a final h after a vowel dropped, a
    doubled consonant single (`aqsah` → a, qs, a; `tall` → t, a, l)."""
    return _RUN.findall(_DOUBLED.sub(r"\1", _FINAL_H.sub("", word)))


def _vowel(run: str) -> bool:
    return run[0] in "aeiou" or run == "y"


def _same_vowel(one: str, other: str) -> bool:
    """One Arabic vowel in two spellings: a sound in common (`_SOUNDS`), or two vowels
    with a hamza between, each one sound (`one_sound`: Qaim/Qaem; not Khaleel/"Khalael":
    ee is one long vowel)."""
    sounds, others = _SOUNDS.get(one), _SOUNDS.get(other)
    if one == other or (sounds and others and sounds & others):
        return True
    return _hiatus(one) and _hiatus(other) and all(map(one_sound, one, other))


def _hiatus(run: str) -> bool:
    """Two different vowels, no French ou: perhaps a hamza between (Qaim, Qaem)."""
    return len(run) == 2 and run[0] != run[1] and run != "ou"


def same_arabic_word(word: str, other: str) -> bool:
    """Whether two folded words are one Arabic word in two spellings: the same consonants
    (one doubled or single), each vowel one vowel (`_same_vowel`), a final h after a vowel
    or none (`al-Hol`/`al-Hawl`, `Zor`/`Zour`, `Aqsa`/`Aqsah`; not `Raqqa`/`Riqqa`,
    `Burj`/`Bureij`, `Sadr`/`Sader`)."""
    return _same_runs(_runs(word), _runs(other))


def _same_runs(runs: list[str], others: list[str]) -> bool:
    if len(runs) != len(others):
        return False
    for one, two in zip(runs, others, strict=True):
        if _vowel(one) != _vowel(two):
            return False
        if not (_same_vowel(one, two) if _vowel(one) else one == two):
            return False
    return True


_WRITTEN = ("a", "e", "i", "o", "u", "aa", "ee", "oo", "ou", "aw", "ay", "ai", "ei")


def _vowel_options(run: str, last: bool) -> list[str]:
    """The spellings of one vowel (`_same_vowel`), the run as written first."""
    options = [w for w in (*_WRITTEN, *(("y",) if last else ())) if _same_vowel(run, w)]
    if _hiatus(run):  # two vowels with a hamza between: each one sound (Qaim/Qaem)
        pairs = product(*([w for w in "aeiou" if one_sound(c, w)] for c in run))
        options += ["".join(pair) for pair in pairs]
    return list(dict.fromkeys([run, *options]))


@lru_cache(maxsize=4096)  # (one name in many queries: Deir ez-Zor, al-Aqsa)
def word_spellings(word: str) -> tuple[str, ...]:
    """The other spellings of an Arabic word (`same_arabic_word`), closest first, at most
    `MAX_FORMS`: `quds` → qods, qouds, qoods …; `hol` → hawl, houl, hul …; () for a word
    under `MIN_WORD` or over `MAX_WORD` letters or not of letters a-z."""
    if not MIN_WORD <= len(word) <= MAX_WORD or not word.isascii() or not word.isalpha():
        return ()
    runs = _runs(word)
    options: list[list[str]] = []
    for i, run in enumerate(runs):
        if _vowel(run):
            options.append(_vowel_options(run, last=i == len(runs) - 1))
        else:  # a consonant after a vowel written double or single (shadda)
            options.append([run, run + run] if i and len(run) == 1 else [run])
    if runs and _vowel(runs[-1]):
        options.append(["", "h"])  # a final h after a vowel (ta marbuta)
    scored = sorted(
        {
            (sum(c != o[0] for c, o in zip(choice, options, strict=True)), len(form), form)
            for choice in product(*options)
            if (form := "".join(choice)) != word
        }
    )
    kept: list[str] = []
    for *_, form in scored:  # (the closest first: a joined run may be no such spelling)
        if _same_runs(runs, _runs(form)) and not _long_doubled(form, word):
            kept.append(form)
            if len(kept) == MAX_FORMS:
                break
    return tuple(kept)


# A consonant doubled after a long vowel or a diphthong (hawll, khaleell): no Arabic
# word's shape, unless typed so.
_LONG_DOUBLED = re.compile(r"(?:[aeiou]{2}|[aeiou][wy])([^aeiou])\1")


def _long_doubled(form: str, word: str) -> bool:
    return _LONG_DOUBLED.search(form) is not None and _LONG_DOUBLED.search(word) is None


def article_word_forms(words: tuple[str, ...]) -> list[tuple[str, str]]:
    """A name after an Arabic article with the word's other spellings, each after an
    article as al, el or its sun letter's form (`("al", "quds")` → al qods, el qods …;
    `("ez", "zor")` → al zour, ez zour, el zawr …), never after an article form that is an
    English or French word (`_WORD_ARTICLES`): the article on both sides, or nothing."""
    if len(words) != 2:
        return []
    return [
        (article, form)
        for form in word_spellings(words[1])
        for article in article_forms(form)
        if article not in _WORD_ARTICLES
    ]
