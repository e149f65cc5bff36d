"""What an article's present terms match, through each term's places in the index's
tables (`Roles`, fetched with one look-up a term): the set algebra of
`SubscriptionIndex.find` and `count`, merged in C wherever it can be."""

from __future__ import annotations

from array import array
from collections.abc import KeysView
from collections.abc import Set as AbstractSet
from itertools import accumulate, chain
from operator import attrgetter, itemgetter

from bot.matching.entries import Entry, Side, Solo
from bot.matching.terms import TermSpec

# A term's places in the index's tables: (the term, its one-term pool, its spread side,
# fires, key_excludes, pairs, loose_pairs, by_anchor, excludes, side_pairs, side_excludes),
# each None where the table has no entry for it (see `SubscriptionIndex.__init__`).
_Partners = dict[TermSpec, dict[Entry, None]]
Roles = tuple[
    TermSpec,
    Solo | None,
    Side | None,
    dict[int, Entry] | None,
    set[int] | None,
    _Partners | None,
    _Partners | None,
    dict[Entry, None] | None,
    dict[Entry, None] | None,
    _Partners | None,
    _Partners | None,
]
(_SPEC, SOLO, _SIDE, _FIRES, _KEY_EXCLUDES, _PAIRS, _LOOSE_PAIRS) = map(itemgetter, range(7))
_BY_ANCHOR, _EXCLUDES, _SIDE_PAIRS, _SIDE_EXCLUDES = map(itemgetter, range(7, 11))
_IDS = attrgetter("ids")
_OWNERS = attrgetter("owners")


def fired(roles: list[Roles]) -> dict[int, Entry]:
    """Triggered queries in the key dicts (OR, exclusions): the union of the key →
    query dicts each present term fires, minus the keys each present term excludes;
    merged in C, a step per present term here and one per key actually excluded."""
    sets = sorted(filter(None, map(_FIRES, roles)), key=len, reverse=True)
    keys: dict[int, Entry] = dict(sets[0]) if sets else {}
    for more in sets[1:]:
        keys.update(more)
    if keys:
        for excluded in filter(None, map(_KEY_EXCLUDES, roles)):
            for key in keys.keys() & excluded:
                del keys[key]
    return keys


def verified(present: AbstractSet[TermSpec], roles: list[Roles]) -> set[Entry]:
    """The ANDs and deeper trees the document satisfies (each a distinct query), from
    the terms it has (a set or a dict's keys: intersected in C) and their roles."""
    # Two-term ANDs: the anchor's partners that the article has too (C intersection).
    matched: set[Entry] = set()
    for partners in filter(None, map(_PAIRS, roles)):
        for other in partners.keys() & present:
            matched.update(partners[other])
    # The others: candidates by their anchors (and a partner), each verified once.
    candidates: set[Entry] = set()
    for partners in filter(None, map(_LOOSE_PAIRS, roles)):
        for other in partners.keys() & present:
            candidates.update(partners[other])
    for entries in filter(None, map(_BY_ANCHOR, roles)):
        candidates.update(entries)
    if candidates:
        contains = present.__contains__
        matched.update(entry for entry in candidates if entry.holds(contains))
    if matched:  # exclusions of the flat ones among them
        for entries in filter(None, map(_EXCLUDES, roles)):
            matched.difference_update(entries)
    return matched


def spread_hits(
    roles: list[Roles],
) -> tuple[KeysView[TermSpec], list[Side], set[Entry], set[Entry]]:
    """The spread sides the document has (their terms, their arrays), the queries
    with two or more of them present (through their filed pairs of sides) and the
    queries an excluded term of the document rules out (a side present too)."""
    sided = [role for role in roles if role[2] is not None]
    present = dict.fromkeys(map(_SPEC, sided)).keys()
    held: list[Side] = list(map(_SIDE, sided))
    twice: set[Entry] = set()
    for partners in filter(None, map(_SIDE_PAIRS, sided)):
        if not present.isdisjoint(partners.keys()):  # rare: no set built otherwise
            for other in partners.keys() & present:
                twice.update(partners[other])
    gone: set[Entry] = set()
    for by_side in filter(None, map(_SIDE_EXCLUDES, roles)):
        if not present.isdisjoint(by_side.keys()):
            for anchor in by_side.keys() & present:
                gone.update(by_side[anchor])
    return present, held, twice, gone


def spread(roles: list[Roles]) -> tuple[array[int], list[Entry]]:
    """The keys of the spread OR queries the document satisfies, with their queries:
    every present side's array copied whole (C), then the extra copies of the keys of
    queries with two or more sides present, and every copy of those with an excluded
    term and a side present, dropped by position: a step per dropped key, none per
    kept key."""
    present, held, twice, gone = spread_hits(roles)
    keys: array[int] = array("q")
    keys.frombytes(b"".join(map(_IDS, held)))  # each side's keys, memcpy'd (C)
    owners: list[Entry] = list(chain.from_iterable(map(_OWNERS, held)))
    if not twice and not gone:
        return keys, owners
    starts = dict(zip(present, accumulate(map(len, held), initial=0), strict=False))
    drop: list[int] = []
    for entry in twice | gone:
        first = entry not in gone  # an excluded query keeps no copy
        for spec, side in zip(entry.anchors, entry.sides, strict=True):
            start = starts.get(spec)
            if start is None:
                continue
            if first:  # the first present side keeps the keys
                first = False
                continue
            slot = side.slot
            for key in entry.ids:
                drop.append(start + slot[key])
    drop.sort(reverse=True)
    for at in drop:  # the last key fills the gap (all later drops are done)
        last, owner = keys.pop(), owners.pop()
        if at < len(keys):
            keys[at], owners[at] = last, owner
    return keys, owners
