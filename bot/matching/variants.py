"""Other spellings of a query word, worked out once when the query is compiled.

Each rule here turns one folded query word into the article words that also satisfy it;
the matcher files them as exact forms, so none of them costs anything per article. The
rules and their sources are in docs/matching.md ("Variants"); every rule has a
`parametrize` table of the pairs it must join and must keep apart in
tests/test_match_variants.py.

- `corrections`: the spell-checker's rule for a query word that is no established word
  (wordfreq Zipf < 3, no place): the established words one edit away (doubled letters
  counted as one) that are far more frequent (30x; 100x for a word of Zipf 2.5-3 such as
  the common misspelling "goverment") are what the user meant;
- `british_american`: -our/-or, -re/-er, -ise/-ize (-yse/-yze), -ence/-ense, -ogue/-og,
  -lled/-led, -gramme/-gram, -dgement/-dgment, inner ae/oe and e;
- `compound_splits`: a closed compound as two words (wildfire → wild fire, wild-fire);
- `Speller._sounds_like`: a lower-case query word written as it sounds (`sound_key`, in
  bot/matching/slips.py with `typing_slip`, the article side's typist's slips).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterator, Mapping
from functools import lru_cache
from importlib import resources

from rapidfuzz import process
from rapidfuzz.distance import OSA, Indel

from bot.matching.forms import VOWELS as PLAIN_VOWELS
from bot.matching.forms import diphthongs, phonetic, written_romanised
from bot.matching.lexicon import ESTABLISHED_ZIPF, Lexicon
from bot.matching.oneedit import OneEdit
from bot.matching.romanisation import (
    arabic_q,
    final_vowels_apart,
    first_letter_change,
    ks_apart,
    one_sound,
    same_diphthong,
    same_romanisation,
)
from bot.matching.slips import LEFT_OUT, derived, edit_kind, likelihood, single_letters, sound_key
from bot.matching.spellings import irregular_spellings

KNOWN_ZIPF = 2.5  # below this a word is unknown to English
COMMON_ZIPF = 4.0  # a word this common is a word of its own, never a name's variant
# ESTABLISHED_ZIPF (lexicon): a word English uses this much (or a place) is never corrected
KNOWN_MISSPELLING_MARGIN = 2.0  # a known word 2.5-3 is a misspelling of one 100x commoner
CORRECTION_ZIPF = 2.5  # a correction is an established word
CORRECTION_MARGIN = 1.5  # ... and 30 times more than the query word
PLACE_ZIPF = 2.5  # a place name missing from the word list counts as established
MAX_CORRECTIONS = 3
NAME_ZIPF = 3.0  # a place a name is corrected to by any edit (Cincinnati, not Sudak)
MIN_CORRECTED = 5
MIN_CORRECTED_WORD = 4  # a lower-case word of 4 letters: a letter left out, doubled, swapped
MIN_TWO_EDITS = 7  # a word this long may be misspelt twice (lower case: no name)
TWO_EDITS_ZIPF = 3.0  # shorter query words are too close to too many words
COMPOUND_PART_ZIPF = 3.5  # each half of a compound is a common word on its own
MIN_COMPOUND = 6
MIN_PART = 3
MAX_REMEMBERED = 200_000  # corrections remembered by word
MIN_SOUNDED = 4  # words written as they sound: the common words by sound_key, 4+ letters
SOUND_SIMILARITY = 0.6  # ... and alike in letters too (dezine/design 0.67, /dozen 0.55)
MAX_SOUND_LENGTH_CHANGE = 2

_DOUBLED = re.compile(r"(.)\1+")


class Speller:
    """Established words by frequency, and by their spelling with doubled letters single."""

    def __init__(self, zipf: Mapping[str, float], places: frozenset[str]) -> None:
        self.zipf = zipf
        self.places = places
        best: dict[str, tuple[float, str]] = {}
        targets = []
        for word in (*zipf, *places):
            if " " in word or not word.isalpha():
                continue
            score = self.score(word)
            if score >= CORRECTION_ZIPF:
                targets.append(word)
                key = single_letters(word)
                if key not in best or best[key][0] < score:
                    best[key] = (score, word)
        self.by_singles = {key: word for key, (_, word) in best.items()}
        self.targets = frozenset(targets)
        self.single_keys = frozenset(self.by_singles)
        # Both lists' words one edit from a word (`edits1(word) & words`, faster).
        self.one_edit = OneEdit(self.targets | self.single_keys)
        self._by_consonants: dict[str, list[str]] | None = None
        self._by_first: dict[str, list[str]] | None = None
        self._by_sound: dict[str, list[str]] | None = None
        self._first_singles: dict[str, list[str]] = {}  # the same, doubled letters single
        # How many of the two tables above were built: start-up builds both (`prepare`),
        # so that no user's command pays for them (tests/test_match_variants.py).
        self.tables_built = 0
        # (word, name) → `corrections`: worked out once per distinct query word.
        self._corrected: dict[tuple[str, bool], tuple[str, ...]] = {}
        # article word → the established words one edit from it (`nearer`).
        self._neighbours: dict[str, frozenset[str]] = {}

    def prepare(self) -> None:
        """Build the tables otherwise built on first use (~1 s): at start-up."""
        self._first_letters()
        self.by_consonants()
        self._sounds()
        self.one_edit.prepare()

    @property
    def prepared(self) -> bool:
        return (
            self._by_first is not None
            and self._by_consonants is not None
            and self._by_sound is not None
        )

    def _sounds(self) -> dict[str, list[str]]:
        """The common words (Zipf >= 3) of 4+ letters by `sound_key` (built on first use)."""
        if self._by_sound is None:
            table: dict[str, list[str]] = {}
            for word, value in self.zipf.items():
                if value >= TWO_EDITS_ZIPF and len(word) >= MIN_SOUNDED and word.isalpha():
                    table.setdefault(sound_key(word), []).append(word)
            self._by_sound = table
            self.tables_built += 1
        return self._by_sound

    def _sounds_like(self, word: str) -> set[str]:
        """The common word written as `word` sounds (dezine: design, criteak: critique,
        leaneant: lenient): the same `sound_key`, the most alike in letters (Indel
        similarity, at least SOUND_SIMILARITY), then the most frequent; none or one."""
        bucket = self._sounds().get(sound_key(word), ())
        near = [w for w in bucket if abs(len(w) - len(word)) <= MAX_SOUND_LENGTH_CHANGE]
        if not near:
            return set()
        alike = {w: Indel.normalized_similarity(word, w) for w in near}
        best = max(near, key=lambda w: (alike[w], self.score(w), w))
        return {best} if alike[best] >= SOUND_SIMILARITY else set()

    def nearer(self, token: str, meant: str, forms: Collection[str] = ()) -> bool:
        """True when an established word other than `meant` (or its `forms`) is one edit
        from the article word `token`, or is `token` with doubled letters single: then
        `token` is that word misspelt (nottion: notion, not nation; expers: expert, not
        express). Only looked at for the slips of `typing_slip`, never for a plain edit."""
        found = self._neighbours.get(token)
        if found is None:
            found = self._neighbour(token, self.one_edit.near(token) & self.targets)
        return any(other != meant and other not in forms for other in found)

    def _neighbour(self, token: str, near: set[str]) -> frozenset[str]:
        """`nearer`'s words for `token`, from the listed words one edit from it (`near`),
        remembered: `_corrections` has them too (most words `nearer` asks about)."""
        if len(self._neighbours) >= MAX_REMEMBERED:  # bounded: a bot runs for months
            self._neighbours.clear()
        single = single_letters(token)
        # English words (Mateur, a town, is no motor), worked out once per word.
        known = [w for w in near if self.zipf.get(w, 0.0) >= ESTABLISHED_ZIPF]
        if single in self.targets and self.zipf.get(single, 0.0) >= ESTABLISHED_ZIPF:
            known.append(single)
        found = self._neighbours[token] = frozenset(known)
        return found

    def _first_letters(self) -> dict[str, list[str]]:
        """The common words (Zipf >= 3) of 6+ letters by first and last letters (on first use)."""
        if self._by_first is None:
            table: dict[str, list[str]] = {}
            for target in sorted(self.targets):
                if self.zipf.get(target, 0.0) >= TWO_EDITS_ZIPF and len(target) >= 6:
                    table.setdefault(target[0] + target[-1], []).append(target)
            self._by_first = table
            self.tables_built += 1
        return self._by_first

    def _two_edits(self, word: str) -> set[str]:
        """Common words (Zipf >= 3) two edits away with the same first and last letters,
        doubled letters counted as one: a long word misspelt twice (nessecarry, requeriments);
        looked at only when one edit finds none. (Typists keep both: see `_further`.)"""
        targets = self._first_letters().get(word[0] + word[-1], ())
        found = process.extract(word, targets, scorer=OSA.distance, score_cutoff=2, limit=None)
        # Doubled letters count as one here too (nessecarry: necessary); the letter's
        # list is written single on first use (a few ms), not at start-up.
        singles = self._first_singles.get(word[0] + word[-1])
        if singles is None:
            singles = self._first_singles[word[0] + word[-1]] = list(map(single_letters, targets))
        undoubled = process.extract(
            single_letters(word), singles, scorer=OSA.distance, score_cutoff=2, limit=None
        )
        return {target for target, _, _ in found} | {targets[i] for _, _, i in undoubled}

    def by_consonants(self) -> dict[str, list[str]]:
        """The established words by `consonants` (built on first use)."""
        if self._by_consonants is None:
            table: dict[str, list[str]] = {}
            for word in sorted(self.targets):
                table.setdefault(consonants(word), []).append(word)
            self._by_consonants = table
            self.tables_built += 1
        return self._by_consonants

    def score(self, word: str) -> float:
        score = self.zipf.get(word, 0.0)
        if word in self.places:
            score = max(score, PLACE_ZIPF)
        return score

    def established(self, word: str) -> bool:
        return self.zipf.get(word, 0.0) >= ESTABLISHED_ZIPF or word in self.places

    def corrections(self, word: str, *, name: bool = False) -> tuple[str, ...]:
        """The words a non-word query means: the most frequent established word one edit
        away (doubled letters written once on both sides), when it is far more frequent.

        Empty for an established word (Iran is not corrected to Iraq) and for short words.
        A `name` (typed with a capital) is corrected by any edit to a well-known place
        (Zipf >= 3: Cincinatti), to anything else only by a typist's slip: two letters
        swapped, a letter doubled or undoubled, an h left out or added (Netanyhau,
        Afganistan); Sunak is no misspelt "sunk".
        """
        shortest = MIN_CORRECTED if name else MIN_CORRECTED_WORD
        if len(word) < shortest or not word.isalpha() or self.established(word):
            return ()
        key = (word, name)
        found = self._corrected.get(key)
        if found is None:
            if len(self._corrected) >= MAX_REMEMBERED:  # bounded: a bot runs for months
                self._corrected.clear()
            found = self._corrected[key] = self._corrections(word, name)
        return found

    def _corrections(self, word: str, name: bool) -> tuple[str, ...]:
        own = self.score(word)
        # The listed words one edit away (targets and single keys: split below).
        near = self.one_edit.near(word)
        candidates = near & self.targets
        if word not in self._neighbours:
            self._neighbour(word, candidates)  # (`meant` asks `nearer` of most of them)
        singles = single_letters(word)
        if name:
            keys = {singles}
        elif singles == word:  # most words have no doubled letter: the edits above
            keys = near | {singles}
        else:
            keys = self.one_edit.near(singles) | {singles}
        candidates.update(self.by_singles[key] for key in keys & self.single_keys)
        candidates.discard(word)
        # Beyond one edit (a lower-case word): written as it sounds, or two edits away.
        short = len(word) < MIN_CORRECTED
        further = set() if name or short else self._further(word, own, candidates)
        # The word with an ending is a word of its own (frugally is no misspelt frugal).
        candidates = {c for c in candidates if not derived(word, c)}
        further = {c for c in further if not derived(word, c)}
        if further and not candidates:
            candidates, further = further, set()
        if name:
            candidates = {
                c
                for c in candidates
                if slip(word, c) or (c in self.places and self.zipf.get(c, 0.0) >= NAME_ZIPF)
            }
        elif short:  # (abov: above, kown: known; not tust: test)
            candidates = {c for c in candidates if edit_kind(word, c) <= LEFT_OUT}
        if not candidates:
            return ()
        top = max(self.score(c) for c in candidates)
        # A misspelling common enough to be in the word list (goverment, 2.7) is one when
        # the word it misspells is a hundred times commoner.
        margin = CORRECTION_MARGIN if own < KNOWN_ZIPF else KNOWN_MISSPELLING_MARGIN
        if top < own + margin:
            return ()
        # The likeliest few of those frequent enough (bargin: bargain or margin): a typist's
        # commonest slips first (arive: arrive, before drive and alive), then the commonest.
        common = [c for c in candidates if self.score(c) >= own + margin]  # (fewer to rank)
        keep = sorted(common, key=lambda c: (*likelihood(word, c), -self.score(c), c))
        keep = keep[:MAX_CORRECTIONS]
        # A sound-alike beside them is one more, never in place of one (dezine: design).
        keep += [c for c in further if self.score(c) >= own + margin and c not in keep]
        return tuple(keep)

    def _further(self, word: str, own: float, near: set[str]) -> set[str]:
        """Corrections of a lower-case word beyond one edit: the word written as it sounds
        (criteak, leaneant: `_sounds_like`), and when there is none and no word one edit
        away (`near`), from MIN_TWO_EDITS letters the words two edits away (nessecarry).
        Beside words one edit away, the sound-alike only when it is commoner than each of
        them: dezine is design (5.2) as well as define (4.3); misakes is mistakes (4.5),
        not masks (3.9)."""
        found = self._sounds_like(word) if own < KNOWN_ZIPF else set()
        if not near and len(word) >= MIN_TWO_EDITS:
            # Beside the sound-alike, the words two edits away that end as the word
            # does: typists keep first and last letters (accepect: accept; policia is
            # no "policy", criteak no "crimea").
            return found | {c for c in self._two_edits(word) if c[-1] == word[-1]}
        if not near or not found:
            return found
        best = max(found, key=lambda c: (self.score(c), c))
        return {best} if self.score(best) > max(map(self.score, near)) else set()


def slip(typed: str, meant: str) -> bool:
    """A typist's slip in a name: neighbours swapped, letters doubled or undoubled anywhere
    (`Carribean`, `Phillipines`), an h dropped or added; the first letter kept.

    Not a letter left out or a neighbouring key: real names that no word list knows are
    one such edit from a word far more often than they are misspelt (Babis/babies,
    Raisi/raisin, Orban/organ, Boric/Boris, Mathers/matters in the corpora's names).
    """
    if typed[:1] != meant[:1]:
        return False
    if single_letters(typed) == single_letters(meant):
        return True
    if len(typed) == len(meant):
        diff = [i for i, (a, b) in enumerate(zip(typed, meant, strict=True)) if a != b]
        if len(diff) != 2 or diff[1] != diff[0] + 1:
            return False
        return typed[diff[0]] == meant[diff[1]] and typed[diff[1]] == meant[diff[0]]
    short, long = sorted((typed, meant), key=len)
    if len(long) != len(short) + 1:
        return False
    i = next((k for k, (a, b) in enumerate(zip(short, long, strict=False)) if a != b), len(short))
    if long[:i] + long[i + 1 :] != short:
        return False
    return long[i] == "h"


# ---------------------------------------------------------------- transliterations

# First letters that romanisations swap (Qaddafi/Gaddafi, Khmeimim/Hmeimim,
# Djibouti/Jibouti, Zhytomyr/Jitomir, Yerevan/Jerevan, Cochin/Kochi, Phuket/Fuket,
# Warsaw/Varsovie), and an initial vowel or y (Osama/Usama, Yevgeny/Evgeny). Any other
# change of the first letter makes another word. In names only (Wade-Giles and
# McCune-Reischauer against pinyin and Revised Romanisation): P/B and T/D (Pusan/Busan,
# Taegu/Daegu), pinyin X and postal S (Xining/Sining); a typo of an ordinary word keeps
# the others (pest is no "best").
_FAMILIES = ("kqgc", "hk", "jyzd", "fp", "vw", "aeiouy")
_NAME_FAMILIES = (*_FAMILIES, "pb", "td", "xs")
VOWELS = frozenset("aeiouy")
LONG_NAME = 7  # from this length two established names a vowel apart are one name


def first_letters_agree(a: str, b: str, *, name: bool = False) -> bool:
    """Same first letter, or two of a romanisation family (K/Q/G/C, Kh/H, J/Dj/Zh/Y, …;
    for a `name` also P/B and T/D)."""
    kinds = _NAME_FAMILIES if name else _FAMILIES
    return a[:1] == b[:1] or any(a[:1] in f and b[:1] in f for f in kinds)


def vowel_edit(a: str, b: str) -> bool:
    """One vowel written differently, added or left out, first and last letters kept."""
    if a[:1] != b[:1] or a[-1:] != b[-1:]:
        return False
    if len(a) == len(b):
        diff = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
        return len(diff) == 1 and diff[0][0] in VOWELS and diff[0][1] in VOWELS
    short, long = sorted((a, b), key=len)
    if len(long) != len(short) + 1:
        return False
    return any(long[i] in VOWELS and long[:i] + long[i + 1 :] == short for i in range(len(long)))


def vowels_of_one_sound(a: str, b: str) -> bool:
    """The vowels two spellings of one length write differently are each one sound
    written two ways (`romanisation.one_sound`: Qaeda/Qaida; not Jamal/Jamil)."""
    return len(a) != len(b) or all(one_sound(x, y) for x, y in zip(a, b, strict=True))


def _family_of(groups: tuple[str, ...]) -> dict[str, str]:
    """Each letter → one letter standing for every family it is linked to (families that
    share a letter are one group here: a table's buckets, not a rule)."""
    merged: list[set[str]] = []
    for group in groups:
        joined = set(group)
        for other in [m for m in merged if m & joined]:
            joined |= other
            merged.remove(other)
        merged.append(joined)
    return {letter: min(group) for group in merged for letter in group}


_FAMILY_OF = _family_of(_NAME_FAMILIES)
_NOT_CONSONANTS = re.compile(r"[aeiouy]+")


def consonants(word: str) -> str:
    """The first letter's family and the consonants of the rest of `written_romanised`: the
    alternations undone and consonants of one family written alike."""
    key = written_romanised(word)
    return _FAMILY_OF.get(key[0], key[0]) + _NOT_CONSONANTS.sub("", key[1:])


def transliterations(
    word: str, speller: Speller, spelling: Callable[[str], str], phonetic: Callable[[str], str]
) -> tuple[str, ...]:
    """Established names one edit from a name that are the same name romanised another way.

    Accepted: the same after the alternations of `spelling`/`phonetic` (Tokio/Tokyo,
    Basrah/Basra, Mossul/Mosul, Tartous/Tartus); one vowel written differently, added or
    left out, when one of the two is no established word, or written differently when both
    are and the name is long (Teheran/Tehran, Tanger/Tangier; never Paris/Paras,
    Sudan/Sedan, Michael/Michel); a first letter of
    the same family with the rest spelled alike (Gaddafi/Qaddafi).
    """
    if len(word) < MIN_CORRECTED or not word.isalpha():
        return ()
    own_established = speller.established(word)
    unknown = speller.score(word) < KNOWN_ZIPF
    found = []
    # Every accepted spelling has the same consonants (first letter by family): look in
    # that bucket only, at the words one edit away.
    bucket = speller.by_consonants().get(consonants(word), ())
    for other in bucket:
        if other == word or (
            speller.zipf.get(other, 0.0) >= COMMON_ZIPF and other not in speller.places
        ):
            continue  # (a common English word is no name's variant: Garry ≠ carry)
        if other[0] != word[0] and own_established and speller.established(other):
            continue  # two names that start differently: Kerry/Gerry, Allen/Ellen, Essen/Assen
        if OSA.distance(word, other, score_cutoff=1) > 1:
            # A spelling English does not have, the same as an established one after the
            # alternations and first letter by family: Qadhafi/Gaddafi, two edits apart.
            if unknown and same_romanisation(word, other):
                found.append(other)
            continue
        if spelling(other) == spelling(word) or (
            # (Saleh is no Salah: the speller's words are established)
            phonetic(other) == phonetic(word)
            and not (own_established and final_vowels_apart(word, other))
        ):
            found.append(other)
        elif unknown and same_romanisation(word, other):
            # Consonants of one family (Sebastopol/Sevastopol, Pusan/Busan), the query's
            # spelling none English has.
            found.append(other)
        elif vowel_edit(word, other) and (other in speller.places or speller.score(other) < 3):
            # (a common English word is no romanisation of a name: Sunak ≠ sunk)
            both = own_established and speller.established(other)
            if word in speller.places and other in speller.places:
                continue  # two places of the gazetteer: Zhenjiang ≠ Zhanjiang
            # Both established: a vowel of one sound written differently in a long name
            # (Mohamed/Mohamad; not Kashmir/Kashmar), never one more or fewer (Michael/
            # Michel). A short name's likewise (Qaeda/Qaida; not Jamal/Jamil).
            long = len(word) >= LONG_NAME
            if (not both or (long and len(other) == len(word))) and (
                (long and not both) or vowels_of_one_sound(word, other)
            ):
                found.append(other)
        elif (
            other[0] != word[0]
            and first_letters_agree(word, other, name=True)
            and spelling(other[1:]) == spelling(word[1:])
        ):
            found.append(other)
    return tuple(found)


def final_s_place(word: str, speller: Speller) -> str:
    """The place an older English form with a final s names (Tangiers: Tangier, Lyons:
    Lyon), or "": the word is no place and English hardly writes it (Zipf < 2.5), the
    word less its s is a place of the gazetteer (Wales is a place: not `wale`'s)."""
    if len(word) < MIN_CORRECTED + 1 or not word.endswith("s") or word.endswith("ss"):
        return ""
    stem = word[:-1]
    if word in speller.places or speller.score(word) >= KNOWN_ZIPF or stem not in speller.places:
        return ""
    return stem


# The article side of the same rule (terms.accepts): an article word with the skeleton of
# a query name.

VARIANT_ZIPF = 3.0  # a real word this common is a word of its own (Sedan), not a variant
RARE_ZIPF = 2.5  # below this English hardly uses a word (Teheran 2.3, Michel 3.7)


def variant(word: str, token: str, lexicon: Lexicon) -> bool:
    """True when `token` is a romanisation variant of the name `word` (same skeleton).

    A first letter of the same family (K/Q/G/C) with the rest alike is the same name when
    the article's spelling is no known word or place (Qadhafi/Gaddafi; not
    Kannada/Canada). The same after the alternations of `phonetic` is the same name, a
    place too (Jibouti/Djibouti, Rafah/Rafa, Bagdad/Baghdad). Otherwise
    variants differ in vowels: a name
    may have one vowel written differently, two from 7 letters (Muhammad/Mohammed,
    Hezbollah/Hizballah), and the variant may then be a real word when the name is long
    or the word rare (Qaeda/Qaida, but not Sudan/Sedan, Putin/potion); or one vowel more or
    fewer when that is no real word (Tehran/Teheran, Misrata/Misurata, but not
    Michael/Michel, Boulder/builder). Never a place, unless the query name is itself no
    established word or place and the place one English writes (Jidda/Jeddah); Scholz is
    no Schulz. Never another ending (Niger/Nigeria, Congo/conga,
    Korea/Korean).
    """
    places, zipf = lexicon.places, lexicon.zipf
    # A spelling English does not have, the same but for consonants of one romanisation
    # family (Pusan for Busan, Sebastopol for Sevastopol): no vowel written differently on
    # top (Coffee is no "Giphy"), and for a name, not a common English word typed with a
    # capital (Golden is no "Kolten", Street no "Stryd").
    if (
        zipf.get(token, 0.0) < KNOWN_ZIPF
        and token not in places
        and zipf.get(word, 0.0) < COMMON_ZIPF
        and same_romanisation(word, token)
    ):
        return True
    spelled, other = phonetic(word), phonetic(token)
    if ks_apart(word, token, zipf, places):  # (x and ks: Marx/Marks, Taxes/Takses)
        return False
    if spelled[0] != other[0]:
        # First letters of one family (the skeletons are equal): the same name only when
        # the rest is and the article's spelling is none English has (Qadhafi for Gaddafi;
        # not Kannada for Canada, Gerry for Kerry).
        unknown = zipf.get(token, 0.0) < KNOWN_ZIPF and token not in places
        return unknown and spelled[1:] == other[1:] and first_letter_change(word, token)
    if spelled == other:
        # Saleh/Salah: a final -eh against -ah is a vowel written differently, which two
        # established short names are not (Sudan/Sedan); Basra/Basrah are one.
        return not (_established(word, lexicon) and _established(token, lexicon)) or (
            not final_vowels_apart(word, token)
        )
    word_known, token_known = _established(word, lexicon), _established(token, lexicon)
    scholarly = False  # one spelling writes the Arabic diphthong (its vowels are its own)
    if not (word_known and token_known):
        # The Arabic diphthongs written two ways (Husayn/Hussein, Shaykh/Sheikh,
        # Mawsil/Mosul), when one of the spellings is no established word (Reid is no
        # Raid, Stein no Stain), the aw of that one.
        # Both spell the diphthong, no vowel added or left out on top (Stair is no
        # "Steyer", Halley no "Hawley").
        aw, ei = same_diphthong(word, token)
        one = diphthongs(word, aw=aw and not word_known, ei=ei)
        two = diphthongs(token, aw=aw and not token_known, ei=ei)
        if (aw or ei) and len(one) == len(two):
            if one == two:
                return True
            spelled, other, scholarly = one, two, True
    if spelled[-1] != other[-1]:
        return False
    long = len(word) >= LONG_NAME
    # A query name that is no established word, a place English writes (Jidda/Jeddah);
    # never a person's name (Scholz/Schulz are two people).
    to_place = (
        zipf.get(word, 0.0) < VARIANT_ZIPF
        and word not in places
        and token in places
        and zipf.get(token, 0.0) >= KNOWN_ZIPF
    )
    if len(spelled) != len(other):
        # A word English itself uses is another word (German "Teheran" is still a variant).
        rare = zipf.get(token, 0.0) < RARE_ZIPF and token not in places
        return (rare or to_place) and OSA.distance(spelled, other) <= 1
    changed = [(a, b) for a, b in zip(spelled, other, strict=True) if a != b]
    if len(changed) > (2 if long else 1) or (token in places and not to_place):
        return False
    if not all(a in PLAIN_VOWELS and b in PLAIN_VOWELS for a, b in changed):
        return False
    # A short name's vowel, or two established names' (Kashmir/Kashmar), is one sound
    # written two ways or another name (Jamil/Jamal); a scholarly spelling has its own.
    loose = (long and not (word_known and token_known)) or scholarly
    if not loose and not all(one_sound(a, b) for a, b in changed):
        return False
    # An Arabic Q written K is a romanisation however established both are (Quran/Koran).
    return long or to_place or zipf.get(token, 0.0) < VARIANT_ZIPF or arabic_q(word, token)


def _established(word: str, lexicon: Lexicon) -> bool:
    return lexicon.zipf.get(word, 0.0) >= VARIANT_ZIPF or word in lexicon.places


# ---------------------------------------------------------------- British / American

_ENDINGS = r"(s|ed|ing|er|ers|able|ably|ite|ites|ful|less|ism|ist|ists|ation|ations|y)?"
_IZE = r"(e|es|ed|ing|er|ers|able|ation|ations|ational|ationally)"
# (British pattern, American replacement) and the way back; applied to the end of a word.
_GB_US = (
    (re.compile(r"(?<=[a-z]{3})our" + _ENDINGS + "$"), r"or\1"),  # colour, labourer
    (re.compile(r"(?<=[a-z]{2})([bt])re(s)?$"), r"\1er\2"),  # centre, litres
    (re.compile(r"(?<=[a-z])chre(s)?$"), r"cher\1"),  # ochre, sepulchre
    (re.compile(r"(?<=[a-z]{2})([bt])red$"), r"\1ered"),  # centred
    (re.compile(r"(?<=[a-z]{2})([bt])ring$"), r"\1ering"),  # centring
    (re.compile(r"(?<=[a-z]{2})is" + _IZE + "$"), r"iz\1"),
    (re.compile(r"(?<=[a-z]{2})ys(e|es|ed|ing|er|ers)$"), r"yz\1"),  # analyse
    (re.compile(r"(?<=[a-z]{2})enc(e|es|ed|ing|eless)$"), r"ens\1"),  # defence, licence
    # practise/practice; device/devise and advice/advise are two words on both sides.
    (re.compile(r"(?<=pract)is(e|es|ed|ing)$"), r"ic\1"),
    (re.compile(r"(?<=[a-z]{3})ogue(s)?$"), r"og\1"),  # catalogue, dialogue
    (re.compile(r"(?<=[a-z]{3}[aeiou])ll(ed|ing|er|ers|or|ors)$"), r"l\1"),  # travelled
    (re.compile(r"gramme(s)?$"), r"gram\1"),  # programme
    (re.compile(r"dgement(s)?$"), r"dgment\1"),  # judgement
)
_US_GB = (
    (re.compile(r"(?<=[a-z]{3})or" + _ENDINGS + "$"), r"our\1"),
    (re.compile(r"(?<=[a-z]{2})([bt])er(s)?$"), r"\1re\2"),
    (re.compile(r"(?<=[a-z])cher(s)?$"), r"chre\1"),
    (re.compile(r"(?<=[a-z]{2})([bt])ered$"), r"\1red"),
    (re.compile(r"(?<=[a-z]{2})([bt])ering$"), r"\1ring"),
    (re.compile(r"(?<=[a-z]{2})iz" + _IZE + "$"), r"is\1"),
    (re.compile(r"(?<=[a-z]{2})yz(e|es|ed|ing|er|ers)$"), r"ys\1"),
    (re.compile(r"(?<=[a-z]{2})ens(e|es|ed|ing|eless)$"), r"enc\1"),
    (re.compile(r"(?<=pract)ic(e|es|ed|ing)$"), r"is\1"),
    (re.compile(r"(?<=[a-z]{3})og(s)?$"), r"ogue\1"),
    (re.compile(r"(?<=[a-z]{3}[aeiou])l(ed|ing|er|ers|or|ors)$"), r"ll\1"),
    (re.compile(r"(?<!m)gram(s)?$"), r"gramme\1"),
    (re.compile(r"dgment(s)?$"), r"dgement\1"),
)
_BOTH_WAYS = (*_GB_US, *_US_GB)
# Inner ae/oe written e (anaemia/anemia, manoeuvre/maneuver): a letter before, three after,
# so that canoe, shoes, aerial and Michael keep theirs.
_DIGRAPH = re.compile(r"(?<=[a-z])(ae|oe)(?=[a-z]{3})")
_US_RE = re.compile(r"(?<=[a-z]{2})euver")


@lru_cache(maxsize=65536)
def british_american(word: str) -> frozenset[str]:
    """The word's other national spellings (`colour` → `color`, `grey` → `gray`)."""
    return pattern_spellings(word) | irregular_spellings().get(word, frozenset())


def pattern_spellings(word: str) -> frozenset[str]:
    """The other spellings the patterns write (`center` → `centre`), the table aside."""
    if len(word) < 4 or not word.isalpha():
        return frozenset()
    found: set[str] = set()
    for pattern, replacement in _BOTH_WAYS:
        hit = pattern.search(word)  # the patterns are anchored at the end: one hit at most
        if hit is not None:
            found.add(word[: hit.start()] + hit.expand(replacement))
    if _DIGRAPH.search(word):
        found.add(_DIGRAPH.sub("e", word))
    if _US_RE.search(word):  # maneuver → manoeuvre
        found.add(_US_RE.sub("oeuvre", word).replace("oeuvrer", "oeuvre"))
    found.discard(word)
    return frozenset(found - _TWO_WORDS.get(word, frozenset()))


def digraph_spellings(word: str) -> Iterator[str]:
    """An American inner e written ae or oe, each in turn (hemorrhage: haemorrhage,
    haemorrhoage...), where `british_american` writes the British ae/oe as e: which e it
    is no rule tells, so the caller keeps those the word list knows."""
    for hit in _INNER_E.finditer(word):
        for digraph in ("ae", "oe"):
            yield word[: hit.start()] + digraph + word[hit.end() :]


_INNER_E = re.compile(r"(?<=[a-z])e(?=[a-z]{3})")


# Pairs the patterns join that are two words in both countries.
_TWO_WORDS = {"timber": frozenset({"timbre"}), "timbre": frozenset({"timber"})}


# ---------------------------------------------------------------- compounds


def compound_splits(word: str, zipf: Mapping[str, float]) -> Iterator[tuple[str, str]]:
    """Ways to write a closed compound as two common words: `wildfire` → (wild, fire)."""
    if len(word) < MIN_COMPOUND or not word.isalpha():
        return
    for i in range(MIN_PART, len(word) - MIN_PART + 1):
        head, tail = word[:i], word[i:]
        if min(zipf.get(head, 0.0), zipf.get(tail, 0.0)) >= COMPOUND_PART_ZIPF:
            yield head, tail


# ---------------------------------------------------------------- demonyms


@lru_cache(maxsize=1)
def demonyms() -> dict[str, tuple[str, ...]]:
    """Folded country name → its adjectives (bot/data/demonyms.tsv, scripts/demonym_data.py)."""
    table: dict[str, tuple[str, ...]] = {}
    text = (resources.files("bot") / "data" / "demonyms.tsv").read_text("utf-8")
    for line in text.splitlines():
        if line.startswith("#") or not line:
            continue
        names, _, adjectives = line.partition("\t")
        for name in names.split("|"):
            table[name] = tuple(adjectives.split(","))
    return table


_SPELLERS: dict[int, Speller] = {}


def speller(zipf: Mapping[str, float], places: frozenset[str]) -> Speller:
    """One Speller per word list (built on first use, ~0.3 s)."""
    found = _SPELLERS.get(id(zipf))
    if found is None or found.zipf is not zipf:
        found = _SPELLERS[id(zipf)] = Speller(zipf, places)
    return found
