"""Which unknown article words are worth a spell check (`terms.meant`, ~0.3 ms a word).

An unknown lower-case article word is read as the word the spell checker corrects it to
(`terms.corrected`), and that only counts when the correction is a form (the word or an
inflection) of a lower-case query term. A correction (`Speller.corrections`) is always one
edit from the article word (doubled letters written once, or not), two edits with the same
first and last letters (from MIN_TWO_EDITS letters), or the same `sound_key`; the one read
has the word's first letter. So the index keeps its lower-case terms' forms in tables where
a few dict probes tell whether any of them is that near, built on the first article word
that asks (a start-up of a million subscriptions pays nothing), then kept up to date, and
spell-checks only the words near a form: on articles never seen, a tenth of the words that
the cheaper test on the term's word alone (within SPELT edits) lets through.
"""

from __future__ import annotations

from collections.abc import Iterable

from rapidfuzz import process
from rapidfuzz.distance import OSA, Indel

from bot.matching.slips import single_letters, sound_key
from bot.matching.variants import (
    MAX_SOUND_LENGTH_CHANGE,
    MIN_SOUNDED,
    MIN_TWO_EDITS,
    SOUND_SIMILARITY,
)

SPELT = 3  # edits (doubled letters single) from a query word of a misspelling read back

Table = dict[str, int]  # key → how many forms give it


def _near(word: str) -> set[str]:
    """The word and its one-deletion forms, as they are and with doubled letters single,
    each after the first letter: two words share one when they are one edit apart (a
    deletion on either side, a letter changed, two neighbours swapped)."""
    head = word[0] + ":"
    found = set()
    for written in {word, single_letters(word)}:
        found.add(head + written)
        found.update(head + written[:i] + written[i + 1 :] for i in range(len(written)))
    return found


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

    def __init__(self) -> None:
        # The terms' words, doubled letters single, by first letter: one rapidfuzz call.
        self._words: dict[str, Table] = {}
        self._forms: Table = {}
        self._built = False  # the three tables below, built on first use
        self._ones: Table = {}  # `_near` keys
        self._twos: dict[str, Table] = {}  # first + last letter → forms, also single
        self._sounds: dict[str, Table] = {}  # `sound_key` → forms

    def add(self, word: str, forms: Iterable[str]) -> None:
        self._change(word, forms, 1)

    def release(self, word: str, forms: Iterable[str]) -> None:
        self._change(word, forms, -1)

    def _change(self, word: str, forms: Iterable[str], step: int) -> None:
        words = self._words.setdefault(word[0], {})
        _count(words, (single_letters(word),), step)
        for form in forms:
            had = self._forms.get(form, 0)
            _count(self._forms, (form,), step)
            if self._built and (had == 0) != (had + step == 0):  # came or went
                self._index(form, 1 if step > 0 else -1)

    def _index(self, form: str, step: int) -> None:
        _count(self._ones, _near(form), step)
        if len(form) >= MIN_TWO_EDITS - 1:
            ends = self._twos.setdefault(form[0] + form[-1], {})
            _count(ends, {form, single_letters(form)}, step)
        if len(form) >= MIN_SOUNDED:
            _count(self._sounds.setdefault(sound_key(form), {}), (form,), step)

    def may_read(self, token: str) -> bool:
        """False when no term's word is within SPELT edits of the unknown article word
        `token` (doubled letters single; `terms.corrected` asks no more), or when none of
        their forms with its first letter is one edit from it, two edits with the same last
        letter (a long word) or sounds the same: what `terms.meant` can read it as."""
        words = self._words.get(token[0])
        if not words or not process.extractOne(
            single_letters(token), words.keys(), scorer=OSA.distance, score_cutoff=SPELT
        ):
            return False
        if not self._built:
            self._built = True
            for form in self._forms:
                self._index(form, 1)
        if not self._ones.keys().isdisjoint(_near(token)):
            return True
        ends = self._twos.get(token[0] + token[-1])
        if len(token) >= MIN_TWO_EDITS and ends:
            for written in {token, single_letters(token)}:
                if process.extractOne(written, ends.keys(), scorer=OSA.distance, score_cutoff=2):
                    return True
        # Written as it sounds (`Speller._sounds_like`): as long and as alike as it asks.
        return any(
            abs(len(form) - len(token)) <= MAX_SOUND_LENGTH_CHANGE
            and Indel.normalized_similarity(token, form) >= SOUND_SIMILARITY
            for form in self._sounds.get(sound_key(token), ())
        )
