"""Small helpers of the index's tables (bot/matching/index.py): where a term is filed,
an OR's pairs of sides, and emptied entries dropped."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, TypeVar

from bot.matching.document import MAX_RUN, MIN_RUN
from bot.matching.terms import EXACT, TermSpec

if TYPE_CHECKING:
    from bot.matching.entries import Entry, Side

_K = TypeVar("_K", set[int], dict[int, "Entry"], "Side")  # (matched terms, subscription keys)


def spelled(spec: TermSpec) -> list[str]:
    """The letters an acronym query (typed in capitals) may find spelled out as the
    initials of capitalised words: its exact forms of MIN_RUN to MAX_RUN letters."""
    if not spec.upper:
        return []
    return [f for f, how in spec.single.items() if how == EXACT and MIN_RUN <= len(f) <= MAX_RUN]


def side_links(sides: tuple[TermSpec, ...]) -> Iterator[tuple[TermSpec, TermSpec]]:
    """Every pair of a spread OR's sides, in their order."""
    return ((x, y) for i, x in enumerate(sides) for y in sides[i + 1 :])


def drop_empty(table: dict[TermSpec, _K], specs: Iterable[TermSpec]) -> None:
    for spec in specs:
        if spec in table and not table[spec]:
            del table[spec]


def unlist(table: dict[str, list[TermSpec]], keys: Iterable[str], spec: TermSpec) -> None:
    for key in set(keys):
        specs = table.get(key)
        if specs and spec in specs:
            specs.remove(spec)
            if not specs:
                del table[key]
