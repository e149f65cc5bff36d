"""What an article matched in a `SubscriptionIndex`: every subscription key at once
(`Found`), and one `Match` per subscription with its evidence worked out when read."""

from __future__ import annotations

from array import array
from collections.abc import Iterator
from functools import partial
from itertools import chain, repeat
from operator import attrgetter

from bot.matching.document import Document
from bot.matching.entries import Entry, Holder, Solo
from bot.matching.terms import MatchedTerm, TermSpec

Best = tuple[int, int, str, int]  # (rank, position, how, length) of a term's best article word
_IDS = attrgetter("ids")


class Match(tuple[int, "Holder", "Found"]):
    """A subscription (by Subscription.id) that an article satisfies; `terms`, the
    evidence, is worked out when first asked for (most matches never turn into alerts).

    A tuple (key, query, result) so that the index makes thousands an article in C.
    """

    __slots__ = ()

    @property
    def key(self) -> int:
        return self[0]

    @property
    def terms(self) -> tuple[MatchedTerm, ...]:
        return self[2].terms_of(self[1])

    def __repr__(self) -> str:
        return f"Match(key={self[0]!r}, query={self[1].qkey!r})"


_new_match = partial(tuple.__new__, Match)


class Found:
    """What an article matched in an index: every subscription key (`keys`), the
    explanation of any of them on demand (`explain`), or both at once (`matches`).
    A snapshot: later adds and removes do not change it."""

    __slots__ = (
        "_best",
        "_counts",
        "_explained",
        "_holders",
        "_owned",
        "_spread",
        "_terms",
        "_triggered",
        "doc",
        "keys",
    )

    def __init__(
        self,
        doc: Document,
        best: dict[TermSpec, Best],
        pools: list[Solo],
        spread: tuple[array[int], list[Entry]],
        triggered: dict[int, Entry],
        entries: set[Entry],
    ) -> None:
        self.doc = doc
        self._best = best
        self._terms: dict[TermSpec, MatchedTerm | None] = {}
        self._explained: dict[Holder, tuple[MatchedTerm, ...]] = {}
        # All keys in one array, copied now (the index's arrays change later): the
        # one-term pools' and the verified queries' (memcpy each, their holder known),
        # then the triggered union's (a fresh key → query dict: kept, not copied).
        holders: list[Holder] = [*pools, *entries]
        self._holders = holders
        self._counts = list(map(len, map(_IDS, holders)))
        keys = self.keys = array("q")
        for ids in map(_IDS, holders):
            keys.extend(ids)
        self._spread = spread[1]  # the spread ORs' keys' queries, in their keys' order
        keys.extend(spread[0])
        keys.extend(array("q", triggered))
        self._triggered = triggered
        self._owned: dict[int, Holder] | None = None  # key → holder, worked out when needed

    def __len__(self) -> int:
        return len(self.keys)

    def term(self, spec: TermSpec) -> MatchedTerm | None:
        """The article word(s) that satisfy a term, or None."""
        try:
            return self._terms[spec]
        except KeyError:
            pass
        found = self._best.get(spec)
        hit = None
        if found is not None:
            _, at, how, n = found
            surface = self.doc.surface
            words = surface[at] if n == 1 else " ".join(surface[at : at + n])
            hit = MatchedTerm(spec.display, words, how)
        self._terms[spec] = hit
        return hit

    def terms_of(self, entry: Holder) -> tuple[MatchedTerm, ...]:
        explained = self._explained.get(entry)
        if explained is None:
            explained = self._explained[entry] = entry.explain(self.term)
        return explained

    def explain(self, key: int) -> tuple[MatchedTerm, ...]:
        """The matched terms of one matched subscription; KeyError for a key not matched."""
        return self.terms_of(self._owner(key))

    def _owner(self, key: int) -> Holder:
        """The query a matched key held when the article was matched."""
        triggered = self._triggered.get(key)
        if triggered is not None:
            return triggered
        if self._owned is None:
            self._owned = dict(zip(self.keys, self._held(), strict=False))
        return self._owned[key]

    def _held(self) -> Iterator[Holder]:
        """The holder of each key of the arrays copied whole, in order."""
        return chain(chain.from_iterable(map(repeat, self._holders, self._counts)), self._spread)

    def _owners(self) -> Iterator[Holder]:
        """The query of each of `keys`, in the same order."""
        return chain(self._held(), self._triggered.values())

    def matches(self) -> list[Match]:
        """One Match per key (built in C; the terms worked out when asked for)."""
        return list(map(_new_match, zip(self.keys, self._owners(), repeat(self), strict=False)))
