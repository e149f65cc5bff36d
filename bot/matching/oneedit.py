"""The words one edit from a word (`edits1`): the spell checker's look-up
(`variants.Speller`)."""

from __future__ import annotations

LETTERS = "abcdefghijklmnopqrstuvwxyz"


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
