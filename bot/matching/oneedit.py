"""The words of a fixed list one edit from a word (`OneEdit`): the spell checker's
look-up (`variants.Speller`), what `edits1(word) & words` finds, without making and
hashing edits1's ~55 strings a letter.

`edits1` makes every deletion, swap of neighbours, and substitution or insertion of a
letter a-z. A substitution or an insertion at place i keeps the word's first i letters:
where those begin no listed word, no letter put there or further on makes one. So the
list's words are kept by their beginnings, each with the letters a-z that follow it in
some word, and only those letters are tried, only at the places whose beginning some
listed word has: a misspelt word stops at its slip. Likewise the word's last letters
after place i (or i + 1) must end some listed word: kept by their ends, with the letters
a-z that come before them, only the places where both a listed word's beginning and a
listed word's end meet are tried (a window around the slip; those before it begin no
listed word, those after it end none), each with the shorter of the two lists of letters.
Same set as `edits1(word) & words` (tests/test_oneedit.py); ~2.3x faster than edits1 on
words of the word list and their misspellings by the beginnings alone, and ~2.2x faster
again by the ends on the unknown words of articles never seen. ~153,000 beginnings and
~158,000 ends for the speller's ~84,000 words (~28 + 14 MB, ~0.5 s to build, at start-up).
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

    __slots__ = ("_following", "_preceding", "words")

    def __init__(self, words: Collection[str]) -> None:
        self.words = frozenset(words)
        # Each beginning of a listed word (not the whole word) → the letters a-z that
        # follow it in some listed word ("" when only other letters do), and each end
        # (not the whole word; "" too) → the letters a-z before it: built on first use.
        self._following: dict[str, str] | None = None
        self._preceding: dict[str, str] = {}

    def prepare(self) -> None:
        """Build the tables now (at start-up) rather than on the first look-up."""
        self._table()

    def _table(self) -> dict[str, str]:
        if self._following is None:
            following: dict[str, set[str]] = {}
            preceding: dict[str, set[str]] = {}
            for word in self.words:
                for i, letter in enumerate(word):
                    letters = following.get(word[:i])
                    if letters is None:
                        letters = following[word[:i]] = set()
                    if letter in _LETTER_SET:
                        letters.add(letter)
                    letters = preceding.get(word[i + 1 :])
                    if letters is None:
                        letters = preceding[word[i + 1 :]] = set()
                    if letter in _LETTER_SET:
                        letters.add(letter)
            self._preceding = {tail: "".join(sorted(s)) for tail, s in preceding.items()}
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
        preceding = self._preceding
        # The word's longest end that ends a listed word: word[start:] (every shorter end
        # does too). A letter put in or changed before it leaves an end no listed word has.
        start = n
        while start and word[start - 1 :] in preceding:
            start -= 1
        # Insertions at places from `start`, substitutions from `start - 1`; the
        # beginnings before them need no look-up (each is a beginning of the next).
        for i in range(max(start - 1, 0), n + 1):
            head = word[:i]
            letters = following.get(head)
            if letters is None:  # no listed word begins so: nor with more of the word
                break
            if i >= start:
                tail = word[i:]
                before = preceding[tail]
                chosen = letters if len(letters) <= len(before) else before
                found.update(words.intersection([head + c + tail for c in chosen]))  # insertions
            if i < n:
                tail = word[i + 1 :]
                before = preceding[tail]
                chosen = letters if len(letters) <= len(before) else before
                found.update(words.intersection([head + c + tail for c in chosen]))
        found.discard(word)
        return found
