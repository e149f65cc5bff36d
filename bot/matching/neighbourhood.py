"""The deletion neighbourhood of a word (SymSpell): what the typo look-up of
`SubscriptionIndex` files a term's word under and looks an article word up by."""

from __future__ import annotations


def deletes(word: str, depth: int) -> set[str]:
    """Every string made by deleting up to `depth` letters (SymSpell's neighbourhood)."""
    return neighbourhood(word, depth)[1]


def neighbourhood(word: str, depth: int) -> tuple[list[str], set[str]]:
    """The strings one deletion from `word`, in order (the spell check's test looks at
    them: `Spelt.may_read`), and `deletes`. Two deletions: each string of one deletion
    loses one more letter at or after the place of its first, so each pair of places is
    made once (a second pass over every place made each twice: the main cost of an
    article word never seen)."""
    size = len(word)
    out = {word}
    if depth < 1:
        return [], out
    ones = [word[:i] + word[i + 1 :] for i in range(size)]
    out.update(ones)
    if depth == 2:
        out.update(
            [one[:k] + one[k + 1 :] for i, one in enumerate(ones) for k in range(i, size - 1)]
        )
    elif depth > 2:
        frontier = set(ones)
        for _ in range(depth - 1):
            frontier = {w[:i] + w[i + 1 :] for w in frontier for i in range(len(w))}
            out |= frontier
    return ones, out
