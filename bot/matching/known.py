"""The established words each fuzzy term accepts (`KnownVariants`), worked out when the
term comes, so that an article word of the word lists needs one look-up.

An article word in `Lexicon.known` (an English word or a place) is never a typo of a
query word: it satisfies a fuzzy term only as a transliteration variant, which shares
the term's skeleton (`terms.accepts`: Tartous for Tartus). The known words that may be
looked up so (`document.fuzzy_candidate`: 4+ letters, not common; ~62,000) are filed by
skeleton once (~0.35 s, at start-up), and each fuzzy term, as it comes, is tried against
the few known words of its skeleton (~3 a term, `accepts` itself decides): a third of an
unseen article's words then skip their skeleton and the `accepts` of its terms.
"""

from __future__ import annotations

from bot.matching.document import fuzzy_candidate
from bot.matching.forms import skeleton
from bot.matching.lexicon import Lexicon
from bot.matching.terms import TermSpec, accepts

NONE: dict[TermSpec, str] = {}  # (never changed)


class KnownVariants:
    """Known word → the fuzzy terms it satisfies on its own, and how (`accepts`)."""

    def __init__(self, lexicon: Lexicon) -> None:
        self._lexicon = lexicon
        self._by_skeleton: dict[str, list[str]] | None = None  # built on first use
        self._hits: dict[str, dict[TermSpec, str]] = {}

    def prepare(self) -> None:
        """File the known words by skeleton now (at start-up, before the terms come)."""
        self._table()

    def _table(self) -> dict[str, list[str]]:
        if self._by_skeleton is None:
            table: dict[str, list[str]] = {}
            common = self._lexicon.common
            for word in sorted(self._lexicon.known):
                if fuzzy_candidate(word, common):
                    table.setdefault(skeleton(word), []).append(word)
            self._by_skeleton = table
        return self._by_skeleton

    def add(self, spec: TermSpec) -> None:
        """A new fuzzy term: the known words of its skeleton that it accepts."""
        lexicon, hits = self._lexicon, self._hits
        for word in self._table().get(spec.skeleton, ()):
            how = accepts(spec, word, lexicon)
            if how:
                hits.setdefault(word, {})[spec] = how

    def release(self, spec: TermSpec) -> None:
        hits = self._hits
        for word in self._table().get(spec.skeleton, ()):
            found = hits.get(word)
            if found is not None and found.pop(spec, None) is not None and not found:
                del hits[word]

    def of(self, word: str) -> dict[TermSpec, str]:
        """The fuzzy terms the known word `word` satisfies (it must be a
        `fuzzy_candidate`), with how; the same as `accepts` over the terms of its skeleton."""
        return self._hits.get(word, NONE)
