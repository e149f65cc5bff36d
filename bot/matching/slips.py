"""A typist's slips and English spellings of one sound: the keys and tests that the
spelling rules of bot/matching/variants.py use for a lower-case word (docs/matching.md,
"A typist's slips in the article", "A query word written as it sounds")."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from rapidfuzz.distance import OSA

SLIP_EDITS = 2  # raw edits (OSA) of an article word that `typing_slip` may accept
MIN_FIRST_LETTER_SLIP = 7  # a first letter mistyped only in a word this long
_DOUBLED = re.compile(r"(.)\1+")


@lru_cache(maxsize=65536)
def single_letters(word: str) -> str:
    """Doubled letters written once: the commonest slip (`Cincinatti`, `occurence`)."""
    # Most words have none: a search is a third of a substitution (a fresh article's
    # words go through here a few times each).
    return _DOUBLED.sub(_first, word) if _DOUBLED.search(word) else word


def _first(found: re.Match[str]) -> str:
    return found.group(1)


def derived(typed: str, meant: str) -> bool:
    """`typed` is `meant` with letters added at the end, doubled letters counted as one: a
    derived form (frugally, frugal), not a misspelling of it."""
    a, b = single_letters(typed), single_letters(meant)
    return len(a) > len(b) and a.startswith(b)


# How likely a misspelling one edit is, most likely first (`edit_kind`).
SLIPPED, LEFT_OUT, MISTYPED, FIRST_LETTER = 0, 1, 2, 3


def edit_kind(typed: str, meant: str) -> int:
    """How `typed` differs from `meant` (one edit, doubled letters counted as one), the
    likeliest first: a letter doubled or undoubled, or two neighbours swapped (SLIPPED:
    seting, channles); a letter left out or added (LEFT_OUT: decend, heper); a letter
    mistyped (MISTYPED); the first letter changed (FIRST_LETTER: arive is no "drive").
    (codespell's list of real misspellings one such edit from their word, 48,857 of
    them: 31% doubled or swapped, 49% left out or added, 18% mistyped, 2% first letter;
    a doubling or a swap comes first all the same, as far fewer words are one away.)"""
    if typed[:1] != meant[:1]:
        return FIRST_LETTER
    a, b = single_letters(typed), single_letters(meant)
    if a == b:
        return SLIPPED
    if len(a) != len(b):
        return LEFT_OUT
    diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    i = diff[0]
    if len(diff) == 2 and diff[1] == i + 1 and a[i] == b[i + 1] and a[i + 1] == b[i]:
        return SLIPPED
    return MISTYPED


def likelihood(typed: str, meant: str) -> tuple[int, int]:
    """How likely `typed` is a misspelling of `meant`, likeliest lowest: the edits between
    them (doubled letters single), then `edit_kind`."""
    return OSA.distance(single_letters(typed), single_letters(meant)), edit_kind(typed, meant)


# Neighbouring keys of a QWERTY keyboard (same row, and the rows above and below).
_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_KEYS = {c: (r, i + r / 2) for r, row in enumerate(_ROWS) for i, c in enumerate(row)}
NEIGHBOUR_KEYS = {
    a: frozenset(
        b for b, (rb, xb) in _KEYS.items() if b != a and abs(ra - rb) <= 1 and abs(xa - xb) <= 1
    )
    for a, (ra, xa) in _KEYS.items()
}
_CONSONANTS_ONLY = re.compile(r"[aeiouy]+")


def first_letter_slip(word: str, token: str) -> bool:
    """`token` starts as `word` would with its first letter mistyped: the neighbouring key
    (sepending, synamic), the first two letters swapped (roiginally), the first one left
    out (uestioned). Any other change of the first letter makes another word
    (average/overage, leading/beading, carrying/parrying)."""
    if len(token) < 2 or len(word) < 2:
        return False
    swapped = token[0] == word[1] and token[1] == word[0] and token[2:3] == word[2:3]
    dropped = len(token) == len(word) - 1 and token[:2] == word[1:3]
    return swapped or dropped or token[0] in NEIGHBOUR_KEYS.get(word[0], ())


def typing_slip(word: str, token: str, edits: int) -> bool:
    """True when the article word `token` is the lower-case query `word` mistyped in a way
    that plain edits (`edits` of them: 1, 2 from 8 letters) do not cover, two edits at most:
    the same consonants in the same order, doubled letters counted as one, and only vowels
    written differently, added or left out (leagel: legal, moteur: motor, pigun: pigeon,
    actuell: actual, vacumme: vacuum), or the first letter mistyped in a word of 7+
    letters, the rest within `edits` (`first_letter_slip`: synamic, roiginally). The caller
    also checks that no other established word is nearer (`Speller.nearer`)."""
    if OSA.distance(word, token, score_cutoff=SLIP_EDITS) > SLIP_EDITS:
        return False
    token_singles, word_singles = single_letters(token), single_letters(word)
    if len(token_singles) > len(word_singles) and token_singles.startswith(word_singles):
        return False  # an ending added: a derived word (frugally), not a slip of frugal
    if word[0] != token[0]:
        return (
            len(word) >= MIN_FIRST_LETTER_SLIP
            and first_letter_slip(word, token)
            and OSA.distance(word, token) <= edits
        )
    # Doubled letters counted as one, the consonants the same: only vowels differ.
    return slip_key(word) == slip_key(token)


def slip_key(word: str) -> str:
    """The first letter and the consonants after it, doubled letters single: words that
    differ only in vowels share it (legal, leagel: lgl; actual, actuell: actl). The index
    files the lower-case terms under it, so an article word finds them in one look-up."""
    return word[:1] + _CONSONANTS_ONLY.sub("", single_letters(word)[1:])


# English spellings of one sound, undone in order (`sound_key`): a word written as it is
# said (dezine/design, criteak/critique, leaneant/lenient, youthinasia/euthanasia).
_SOUNDS: tuple[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]], ...] = (
    (re.compile(r"que$"), "k"),  # critique
    (re.compile(r"^(kn|gn|pn|wr|ps)"), lambda m: m.group()[1]),  # knife, gnome, write
    (re.compile(r"tch"), "ch"),
    (re.compile(r"ph"), "f"),
    (re.compile(r"(?<=.)gh"), ""),  # night, though
    (re.compile(r"gn"), "n"),  # design, foreign
    (re.compile(r"ck"), "k"),
    (re.compile(r"qu"), "kw"),
    (re.compile(r"q"), "k"),
    (re.compile(r"x"), "ks"),
    (re.compile(r"dg(?=[eiy])"), "j"),  # judge
    (re.compile(r"ch"), "C"),
    (re.compile(r"c(?=[eiy])"), "s"),  # centre, city
    (re.compile(r"c"), "k"),
    (re.compile(r"z"), "s"),
    (re.compile(r"(?<=[^stpw])h"), ""),  # (sh, th, wh and a first h keep theirs)
    (re.compile(r"(?<=[aeiou])w(?![aeiou])"), ""),  # draw, brown
    (re.compile(r"^y?[aeiouy]+"), "A"),  # any first vowel sound: euthanasia/youthinasia
    (re.compile(r"[aeiouy]+"), ""),
)
# What each step of `_SOUNDS` but the last needs in the word to change it ("": any word):
# a word never seen goes through `sound_key` once, and most steps find nothing to do
# (an `in` costs a fraction of a substitution).
_SOUND_NEEDS = ("que", "", "tch", "ph", "gh", "gn", "ck", "qu", "q", "x", "dg", "ch", "c", "c")
_SOUND_STEPS = tuple(
    (needs, pattern, replacement)
    for (pattern, replacement), needs in zip(
        _SOUNDS[:-1], (*_SOUND_NEEDS, "z", "h", "w", ""), strict=True
    )
)


@lru_cache(maxsize=65536)
def sound_key(word: str) -> str:
    """How a folded word sounds, roughly: consonant sounds in order, doubled ones single,
    a first vowel as `A` (`design` and `dezine`: dsn, `critique` and `criteak`: krtk)."""
    for needs, pattern, replacement in _SOUND_STEPS:
        if needs in word:
            word = pattern.sub(replacement, word)
    # Doubled letters single before the vowels go: consonants the vowels kept apart are
    # two sounds (policies: plss, not police's pls; policia is no misspelt "policies").
    return _SOUNDS[-1][0].sub("", single_letters(word))
