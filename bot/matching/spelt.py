"""Which unknown article words are worth a spell check (`terms.meant`, ~0.3 ms a word).

An unknown lower-case article word is read as the word the spell checker corrects it to
(`terms.corrected`), and that only counts when the correction is a form (the word or an
inflection) of a lower-case query term. A correction (`Speller.corrections`) is always one
edit from the article word (doubled letters written once, or not), two edits with the same
first and last letters (from MIN_TWO_EDITS letters), or the same `sound_key`; the one read
has the word's first letter. So the index keeps its lower-case terms' forms in tables where
a few dict probes tell whether any of them is that near, built at start-up before the
terms come (`SubscriptionIndex.prepare`: each form then filed as its term comes, ~0.1 s
at a million subscriptions) or else on the first article word that asks, kept up to date, and
spell-checks only the words near a form: on articles never seen, a quarter of the words
that the test on the term's word alone (within SPELT edits) lets through.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping

from rapidfuzz import process
from rapidfuzz.distance import OSA, Indel

from bot.matching.slips import single_letters, sound_key
from bot.matching.variants import (
    CORRECTION_ZIPF,
    MAX_SOUND_LENGTH_CHANGE,
    MIN_SOUNDED,
    MIN_TWO_EDITS,
    PLACE_ZIPF,
    SOUND_SIMILARITY,
    TWO_EDITS_ZIPF,
)

SPELT = 3  # edits (doubled letters single) from a query word of a misspelling read back

Table = dict[str, int]  # key → how many forms give it


def _near(word: str, single: str) -> set[str]:
    """The word and its one-deletion forms, as written and with doubled letters single
    (`single`): two words share one when they are one edit apart (a deletion on either
    side, a letter changed, two neighbours swapped)."""
    found = set()
    for written in {word, single}:
        found.add(written)
        found.update(written[:i] + written[i + 1 :] for i in range(len(written)))
    return found


def readable(token: str, form: str, zipf: Mapping[str, float], places: frozenset[str]) -> bool:
    """False when the spell checker cannot correct the unknown article word `token` to
    `form` with its first letter (`terms.meant`): `form` is no established word, or it is
    more than one edit from `token` (doubled letters single or not), and not a common word
    two edits from a long `token` ending with the same letter, nor one that sounds the same
    (`Speller._sounds_like`: as long and as alike as it asks). `Spelt` asks the same of
    every form at once."""
    if form[:1] != token[:1]:
        return False
    frequency = zipf.get(form, 0.0)
    if max(frequency, PLACE_ZIPF if form in places else 0.0) < CORRECTION_ZIPF:
        return False
    single, single_form = single_letters(token), single_letters(form)
    if OSA.distance(token, form, score_cutoff=1) <= 1:
        return True
    if OSA.distance(single, single_form, score_cutoff=1) <= 1:
        return True
    if frequency < TWO_EDITS_ZIPF:
        return False
    long = len(token) >= MIN_TWO_EDITS and len(form) >= MIN_TWO_EDITS - 1
    if (
        long
        and form[-1] == token[-1]
        and min(OSA.distance(token, form), OSA.distance(single, single_form)) <= 2
    ):
        return True
    return _sounds_alike(token, form) and sound_key(token) == sound_key(form)


def _sounds_alike(token: str, form: str) -> bool:
    return (
        len(form) >= MIN_SOUNDED
        and abs(len(form) - len(token)) <= MAX_SOUND_LENGTH_CHANGE
        and Indel.normalized_similarity(token, form) >= SOUND_SIMILARITY
    )


def _count(table: Table, keys: Iterable[str], step: int) -> None:
    for key in keys:
        left = table.get(key, 0) + step
        if left:
            table[key] = left
        else:
            del table[key]


class Spelt:
    """The lower-case fuzzy terms' words, and their forms (the word and its inflections),
    counted by how many terms give them: `may_read` is False for an unknown article word
    the spell checker cannot read as any of them."""

    def __init__(self, zipf: Mapping[str, float], places: frozenset[str]) -> None:
        self._zipf = zipf
        self._places = places
        # The terms' words, doubled letters single, by first letter: one rapidfuzz call.
        self._words: dict[str, Table] = {}
        self._forms: Table = {}
        self._built = False  # the three tables below, built on first use
        self._ones: dict[str, Table] = {}  # first letter → `_near` keys
        self._twos: dict[str, Table] = {}  # first + last letter → forms, also single
        self._sounds: dict[str, Table] = {}  # `sound_key` → forms

    def add(self, word: str, forms: Collection[str]) -> None:
        self._change(word, forms, 1)

    def release(self, word: str, forms: Collection[str]) -> None:
        self._change(word, forms, -1)

    def _change(self, word: str, forms: Collection[str], step: int) -> None:
        if not forms:  # (a term written with a capital: no article word is read as it)
            return
        words = self._words.setdefault(word[0], {})
        _count(words, (single_letters(word),), step)
        for form in forms:
            had = self._forms.get(form, 0)
            _count(self._forms, (form,), step)
            if self._built and (had == 0) != (had + step == 0):  # came or went
                self._index(form, 1 if step > 0 else -1)

    def _index(self, form: str, step: int) -> None:
        """File or unfile a form by what `readable` asks of it."""
        zipf = self._zipf.get(form, 0.0)
        if max(zipf, PLACE_ZIPF if form in self._places else 0.0) < CORRECTION_ZIPF:
            return
        single = single_letters(form)
        _count(self._ones.setdefault(form[0], {}), _near(form, single), step)
        if zipf < TWO_EDITS_ZIPF:
            return
        if len(form) >= MIN_TWO_EDITS - 1:
            _count(self._twos.setdefault(form[0] + form[-1], {}), {form, single}, step)
        if len(form) >= MIN_SOUNDED:
            _count(self._sounds.setdefault(sound_key(form), {}), (form,), step)

    def prepare(self) -> None:
        """Build the tables now (at start-up, before the terms come: each is then filed
        as it comes) rather than on the first article word that asks."""
        if not self._built:
            self._built = True
            for form in self._forms:
                self._index(form, 1)

    def may_read(self, token: str, ones: Collection[str]) -> bool:
        """False when `readable` is False for every form, or when no term's word is within
        SPELT edits of `token` (doubled letters single: `terms.corrected` asks no more).
        `ones`: the token's deletions of one letter (the index works them out anyway)."""
        if not self._built:
            self.prepare()
        near_forms = self._ones.get(token[0], {})  # (the answer has its first letter)
        single = single_letters(token)
        near = (
            token in near_forms
            or not near_forms.keys().isdisjoint(ones)
            or (single != token and not near_forms.keys().isdisjoint(_near(single, single)))
        )
        if not near and not self._further(token, single):
            return False
        words = self._words.get(token[0])  # (one rapidfuzz call, on the few words left)
        if not words:
            return False
        found = process.extractOne(single, words.keys(), scorer=OSA.distance, score_cutoff=SPELT)
        return found is not None

    def _further(self, token: str, single: str) -> bool:
        ends = self._twos.get(token[0] + token[-1])
        if len(token) >= MIN_TWO_EDITS and ends:
            for written in {token, single}:
                if process.extractOne(written, ends.keys(), scorer=OSA.distance, score_cutoff=2):
                    return True
        found = self._sounds.get(sound_key(token), ())
        return any(form[0] == token[0] and _sounds_alike(token, form) for form in found)
