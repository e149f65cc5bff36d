"""An article word's terms, worked out the first time the index meets the word and kept
(`WordLookups`: the part of `SubscriptionIndex` that reads its tables word by word, moved
here from bot/matching/index.py as it was)."""

from __future__ import annotations

from collections.abc import Iterable

from bot.matching.document import MAX_FUZZY_TOKEN, MAX_MEMO_WORD, fuzzy_candidate
from bot.matching.forms import skeleton
from bot.matching.known import KnownVariants
from bot.matching.lexicon import Lexicon
from bot.matching.neighbourhood import Letters, looked_up
from bot.matching.slips import slip_key
from bot.matching.spelt import Spelt
from bot.matching.terms import (
    ACRONYM,
    LONG_EDITS,
    LONG_TYPO,
    MAX_EDITS,
    RANK,
    SLIP,
    TermSpec,
    accepts,
    meant,
)

# An article word's terms for `_present`: those it satisfies whatever the capitals;
# (the word, those that need it capitalised, written as an acronym, never capitalised);
# the multi-word forms it is the rarest word of (`_multi`'s).
Asking = tuple[str, tuple[TermSpec, ...], tuple[TermSpec, ...], tuple[TermSpec, ...]]
WordTerms = tuple[tuple[TermSpec, ...], Asking | None, dict[str, list[TermSpec]] | None]


class WordLookups:
    """An article word → the terms it satisfies on its own (`_terms_of`), and those sorted
    by what they ask of the article's capitals (`_word_terms`), each kept by word until the
    terms change (`_forget_words`). The tables are `SubscriptionIndex`'s (see there)."""

    _lexicon: Lexicon
    _exact: dict[str, list[TermSpec]]
    _multi: dict[str, dict[str, list[TermSpec]]]
    _skeletons: dict[str, list[TermSpec]]
    _slips: dict[str, list[TermSpec]]
    _deletes: dict[str, list[TermSpec]]
    _delete_keys: set[str]
    _spelt: Spelt
    _letters: Letters
    _known: KnownVariants
    _token_cache: dict[str, tuple[tuple[TermSpec, int, str], ...]]
    _dead: set[str]
    _presence: dict[str, WordTerms]

    def _forget_words(self) -> None:
        """Drop every answer cached by article word (the terms changed, or the bound)."""
        self._token_cache.clear()
        self._dead.clear()
        self._presence.clear()

    def _terms_of(self, token: str, fuzzy: bool) -> tuple[tuple[TermSpec, int, str], ...]:
        """Every (term, rank, how) that one article word satisfies on its own."""
        cached = self._token_cache.get(token)
        if cached is not None:
            return cached
        found: dict[TermSpec, str] = {}
        for spec in self._exact.get(token, ()):
            found[spec] = spec.single[token]
        # (a word of another script than every fuzzy term's: exact forms only)
        if fuzzy and not self._letters.foreign(token):
            lexicon = self._lexicon
            # A real word can only be a transliteration variant (same skeleton), never a
            # typo: which terms accept it was worked out as they came (`KnownVariants`).
            if token in lexicon.known:
                for spec, known_how in self._known.of(token).items():
                    found.setdefault(spec, known_how)
            else:
                candidates: set[TermSpec] = set(self._skeletons.get(skeleton(token), ()))
                filed = self._deletes
                # Two edits reach only terms of LONG_TYPO letters: a token one shorter.
                depth = LONG_EDITS if len(token) >= LONG_TYPO - 1 else MAX_EDITS
                # The variants the index holds, found in C (a look-up each in Python
                # cost more than making them), in the keys' set (a dict's keys: ~1.8x).
                ones, variants = looked_up(token, depth)
                candidates.update(*map(filed.__getitem__, self._delete_keys.intersection(variants)))
                specs = self._slips.get(slip_key(token))
                if specs:
                    candidates.update(specs)
                # The word a spell checker corrects the article word to (terms.corrected),
                # worked out only when a lower-case term is near enough to be it.
                spelt = self._spelt.may_read(token, ones)
                if spelt:
                    word = meant(token, lexicon, self._exact)
                    if word[:1] == token[:1]:
                        candidates.update(self._exact.get(word, ()))
                for spec in candidates:
                    if spec not in found:
                        # (no spell check where `may_read` rules every reading out)
                        how = accepts(spec, token, lexicon, spelt=spelt)
                        if how:
                            found[spec] = how
        result = tuple([(spec, RANK[how], how) for spec, how in found.items()]) if found else ()
        if len(token) > MAX_MEMO_WORD:  # a hostile length: cheap to redo (exact only), not kept
            return result
        if len(self._token_cache) > 500_000:  # bounded: news vocabulary is large but finite
            self._forget_words()
        self._token_cache[token] = result
        if not result and token not in self._multi:
            self._dead.add(token)
        return result

    def _word_terms(self, token: str) -> WordTerms:
        """The terms one article word satisfies, by what they ask of the article (as
        `_best` checks them): nothing; the word written with a capital somewhere
        (`named`); written as an acronym; never written with a capital (a slip). And
        the multi-word forms it is the rarest word of, by their next rarest."""
        found = self._token_cache.get(token)
        if found is None:
            found = self._terms_of(token, fuzzy_candidate(token, self._lexicon.common))
        if not found:  # most words (no lists to sort)
            terms: WordTerms = ((), None, self._multi.get(token))
            if len(token) <= MAX_MEMO_WORD:
                self._presence[token] = terms
            return terms
        always: list[TermSpec] = []
        named: list[TermSpec] = []
        acronym: list[TermSpec] = []
        slip: list[TermSpec] = []
        for spec, _, how in found:
            if how not in spec.capital:
                always.append(spec)
            elif how == SLIP:
                slip.append(spec)
            elif how == ACRONYM or spec.upper:
                acronym.append(spec)
            else:
                named.append(spec)
        asking = (token, tuple(named), tuple(acronym), tuple(slip))
        terms = (tuple(always), asking if any(asking[1:]) else None, self._multi.get(token))
        if len(token) <= MAX_MEMO_WORD:  # as the token cache: a hostile length is not kept
            self._presence[token] = terms
        return terms

    def _new_words(self, words: Iterable[str]) -> list[WordTerms]:
        """The `_word_terms` of words not seen since the terms last changed. Most new words
        satisfy no term: not an exact form, and no fuzzy candidate or a known word no fuzzy
        term accepts (an unseen article: 23,000 of its 34,000 new words): their empty
        answer is filed here in one step, as `_terms_of` and `_word_terms` file it, without
        the calls; the others go there. (Only the new words: a loop over each article's
        every word, as good as all of them known, cost ~2% of an unseen article.)"""
        exact, multi, common = self._exact, self._multi, self._lexicon.common
        known, accepted = self._lexicon.known, self._known.of
        cache, presence, dead = self._token_cache, self._presence, self._dead
        found: list[WordTerms] = []
        for word in words:
            size = len(word)
            if (
                word in exact
                or word in cache
                or size > MAX_MEMO_WORD
                # (`fuzzy_candidate`, written out) unless known and accepted by none
                or (
                    4 <= size <= MAX_FUZZY_TOKEN
                    and word.isalpha()
                    and word not in common
                    and (word not in known or accepted(word))
                )
            ):
                terms = self._word_terms(word)
            else:
                if len(cache) > 500_000:  # (`_terms_of`'s bound)
                    self._forget_words()
                cache[word] = ()
                seconds = multi.get(word)
                if seconds is None:
                    dead.add(word)
                terms = presence[word] = ((), None, seconds)
            found.append(terms)
        return found
