"""The words of a fixed list one edit from a word (`OneEdit`): the spell checker's
look-up (`variants.Speller`), what `edits1(word) & words` finds, without making and
hashing edits1's ~55 strings a letter.

`edits1` makes every deletion, swap of neighbours, and substitution or insertion of a
letter a-z. A substitution or an insertion at place i keeps the word's first i letters:
where those begin no listed word, no letter put there or further on makes one. So the
list's words are kept by their beginnings, each with the letters a-z that follow it in
some word, and only those letters are tried, only at the places whose beginning some
listed word has: a misspelt word stops at its slip. Same set as `edits1(word) & words`
(tests/test_oneedit.py), ~2.3x faster on words of the word list and their misspellings;
~140,000 beginnings for the speller's ~73,000 words (~13 MB, ~0.3 s to build, on first use).
"""

from __future__ import annotations

from collections.abc import Collection

LETTERS = "abcdefghijklmnopqrstuvwxyz"
_LETTER_SET = frozenset(LETTERS)


def edits1(word: str) -> set[str]:
    """Every string one deletion, swap of neighbours, substitution or insertion away."""
    n = len(word)
    heads = [word[:i] for i in range(n + 1)]  # each cut once, not once per letter
    tails = [word[i:] for i in range(n + 1)]
    found = {heads[i] + tails[i + 1] for i in range(n)}
    found.update([heads[i] + word[i + 1] + word[i] + tails[i + 2] for i in range(n - 1)])
    for i in range(n + 1):
        head, tail = heads[i], tails[i]
        found.update([head + c + tail for c in LETTERS])  # insertions
        if i < n:
            tail = tails[i + 1]
            found.update([head + c + tail for c in LETTERS])  # substitutions
    found.discard(word)
    return found


class OneEdit:
    """A fixed list of words, looked up by `near`: those one edit from a word."""

    __slots__ = ("_following", "words")

    def __init__(self, words: Collection[str]) -> None:
        self.words = frozenset(words)
        # Each beginning of a listed word (not the whole word) → the letters a-z that
        # follow it in some listed word ("" when only other letters do), built on first use.
        self._following: dict[str, str] | None = None

    def prepare(self) -> None:
        """Build the table now (at start-up) rather than on the first look-up."""
        self._table()

    def _table(self) -> dict[str, str]:
        if self._following is None:
            following: dict[str, set[str]] = {}
            for word in self.words:
                for i, letter in enumerate(word):
                    letters = following.get(word[:i])
                    if letters is None:
                        letters = following[word[:i]] = set()
                    if letter in _LETTER_SET:
                        letters.add(letter)
            self._following = {head: "".join(sorted(s)) for head, s in following.items()}
        return self._following

    def near(self, word: str) -> set[str]:
        """The listed words one edit from `word` (not `word` itself): `edits1(word) &
        words`, a new set."""
        words = self.words
        n = len(word)
        # Deletions and swaps: few strings, looked up at once (C).
        found = set(
            words.intersection(
                [word[:i] + word[i + 1 :] for i in range(n)]
                + [word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(n - 1)]
            )
        )
        following = self._table()
        for i in range(n + 1):
            head = word[:i]
            letters = following.get(head)
            if letters is None:  # no listed word begins so: nor with more of the word
                break
            tail = word[i:]
            found.update(words.intersection([head + c + tail for c in letters]))  # insertions
            if i < n:
                tail = word[i + 1 :]
                found.update(words.intersection([head + c + tail for c in letters]))
        found.discard(word)
        return found
