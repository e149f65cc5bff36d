"""The deletion neighbourhood of a word (SymSpell): what the typo look-up of
`SubscriptionIndex` files a term's word under and looks an article word up by."""

from __future__ import annotations

from bot.matching.slips import single_letters
from bot.matching.spelt import SPELT


def deletes(word: str, depth: int) -> set[str]:
    """Every string made by deleting up to `depth` letters (SymSpell's neighbourhood)."""
    return neighbourhood(word, depth)[1]


def neighbourhood(word: str, depth: int) -> tuple[list[str], set[str]]:
    """The strings one deletion from `word`, in order (the spell check's test looks at
    them: `Spelt.may_read`), and `deletes` (two deletions: `_twos`)."""
    size = len(word)
    out = {word}
    if depth < 1:
        return [], out
    ones = [word[:i] + word[i + 1 :] for i in range(size)]
    out.update(ones)
    if depth == 2:
        out.update(_twos(word, ones))
    elif depth > 2:
        frontier = set(ones)
        for _ in range(depth - 1):
            frontier = {w[:i] + w[i + 1 :] for w in frontier for i in range(len(w))}
            out |= frontier
    return ones, out


def looked_up(word: str, depth: int) -> tuple[list[str], list[str]]:
    """`neighbourhood` for a look-up (the index's `deletes & variants`, in C): the strings
    one deletion away, and `deletes` as a list, repeats left in (deletions of a doubled
    letter), not hashed into a set first that the look-up would hash again (~15% less)."""
    if depth > 2:
        ones, out = neighbourhood(word, depth)
        return ones, [*out]
    size = len(word)
    ones = [word[:i] + word[i + 1 :] for i in range(size)] if depth else []
    if depth == 2:
        return ones, [word, *ones, *_twos(word, ones)]
    return ones, [word, *ones]


def _twos(word: str, ones: list[str]) -> list[str]:
    """The strings two deletions from `word`, from those one deletion away (`ones`, the
    i-th without the word's i-th letter): each loses one more letter at or after the place
    of its first, so each pair of places is made once (a second pass over every place made
    each twice: the main cost of an article word never seen). What follows the second is
    the word's own end, cut once for all (~15% less than cutting each string twice)."""
    size = len(word)
    ends = [word[k:] for k in range(2, size + 1)]  # ends[k]: after the letters k and k + 1
    return [one[:k] + ends[k] for i, one in enumerate(ones) for k in range(i, size - 1)]


class Letters:
    """The letters beyond ASCII of the fuzzy terms' words, each counted by how many words
    hold it: `foreign` tells when an article word cannot be a typo or a variant of any of
    them, without working out a neighbourhood, a skeleton or a spell check.

    An article word whose letters (doubled letters single) hold more than SPELT (3) that
    no fuzzy term's word holds is more than SPELT edits from each (each edit changes one
    letter), and a skeleton keeps such letters (its steps change only ASCII letters),
    so no rule of `terms.accepts` can take it for one (a typo or typist's slip: 2 edits
    at most; the spell check's reading: SPELT edits, doubled letters single; a variant:
    the same skeleton). Most such words are in another script (Cyrillic, Greek, ...):
    about a third of the unknown words of the corpora's English texts.
    """

    def __init__(self) -> None:
        self._held: dict[str, int] = {}

    def add(self, word: str) -> None:
        for letter in set(word):
            if not letter.isascii():
                self._held[letter] = self._held.get(letter, 0) + 1

    def release(self, word: str) -> None:
        for letter in set(word):
            if not letter.isascii():
                left = self._held[letter] - 1
                if left:
                    self._held[letter] = left
                else:
                    del self._held[letter]

    def foreign(self, token: str) -> bool:
        """True when `token` has more than SPELT letters no fuzzy term's word has."""
        if token.isascii():
            return False
        held = self._held
        unknown = [c for c in single_letters(token) if not c.isascii() and c not in held]
        return len(unknown) > SPELT
