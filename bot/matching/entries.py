"""How the index holds a distinct query (`Entry`), a one-term query's keys (`Solo`) and a
spread OR's sides (`Side`)."""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterator

from bot.matching.plan import (
    PAnd,
    PNot,
    POr,
    PTerm,
    QueryPlan,
    dedupe,
    evaluate,
    plan_holds,
    plan_specs,
)
from bot.matching.terms import MatchedTerm, TermSpec

Clause = tuple["TermSpec", ...]  # at least one of these terms (one term: that term)


def _flatten(plan: QueryPlan) -> tuple[tuple[Clause, ...], Clause] | None:
    """The plan as clauses that must all hold and terms that must not, in tree order;
    None for deeper trees (a NOT of a group, an OR of ANDs), which are walked instead."""

    # (types compared exactly, no isinstance: start-up flattens ~450k plans)
    kind = type(plan)
    if kind is PTerm:
        return ((plan.spec,),), ()  # type: ignore[union-attr]
    if kind is POr:
        top = _terms(plan.children)  # type: ignore[union-attr]
        return None if top is None else ((top,), ())
    if kind is not PAnd:
        return None
    clauses: list[Clause] = []
    excluded: list[TermSpec] = []
    for child in plan.children:  # type: ignore[union-attr]
        kind = type(child)
        if kind is PTerm:
            clauses.append((child.spec,))  # type: ignore[union-attr]
        elif kind is PNot and type(child.child) is PTerm:  # type: ignore[union-attr]
            excluded.append(child.child.spec)  # type: ignore[union-attr]
        elif kind is POr:
            found = _terms(child.children)  # type: ignore[union-attr]
            if found is None:
                return None
            clauses.append(found)
        else:
            return None
    return tuple(clauses), tuple(excluded)


def _terms(children: tuple[QueryPlan, ...]) -> Clause | None:
    """The terms of an OR when its sides are all terms, else None."""
    specs: list[TermSpec] = []
    for child in children:
        if type(child) is not PTerm:
            return None
        specs.append(child.spec)
    return tuple(specs)


class Entry:
    """A distinct query in the index, compiled for evaluation, and the subscriptions
    that hold it."""

    __slots__ = (
        "anchors",
        "clauses",
        "exact_pair",
        "exclude_sets",
        "excluded",
        "fire_sets",
        "held",
        "ids",
        "links",
        "plan",
        "qkey",
        "repeats",
        "sides",
        "solo",
        "spread",
        "triggered",
    )

    def __init__(self, qkey: str, plan: QueryPlan, anchors: tuple[TermSpec, ...]) -> None:
        self.qkey = qkey  # Query.normalised
        self.anchors = anchors
        # Most queries are flat (terms, OR groups of terms, excluded terms): evaluated by
        # a few lookups in the article's term hits, no tree walk.
        flat = _flatten(plan)
        self.plan: QueryPlan | None = None if flat else plan
        self.clauses, self.excluded = flat or ((), ())
        listed = [s for c in self.clauses for s in c]
        self.repeats = len(set(listed)) < len(listed)  # a term twice: drop repeated hits
        # One clause (a term, or an OR of terms) and maybe exclusions: true exactly when
        # one of its terms is present and none of its exclusions, so the index decides it
        # for all such queries at once by set operations (no verification one by one).
        self.triggered = self.plan is None and len(self.clauses) == 1
        # One term alone: its keys share an array with every other one-term query on that
        # term (`Kyiv`, `kyiv`), copied out whole (a memcpy) when the term is present;
        # a set would touch every key's int object instead (measured: ~80 ns a key at 1M).
        self.solo = self.triggered and not self.excluded and len(set(anchors)) == 1
        # An OR of terms, or a term or OR with exclusions: its keys sit in each side's
        # `Side` array (copied whole when the side hits); when several of its sides hit,
        # the extra copies are dropped by position, and all of them when an excluded term
        # hits too. Very long ORs (many pairs of sides) use the key dicts.
        sides = len(set(anchors))
        # With exclusions (`x -y`, `a OR b -y`) too, one side or more: their keys are
        # dropped by position, like the extra copies, only when an excluded term is present.
        self.spread = (
            self.triggered and not self.solo and (sides >= 2 or bool(self.excluded))
        ) and sides <= _MAX_SPREAD
        if self.spread:  # each side once: `a OR a OR b` has two
            self.anchors = tuple(dict.fromkeys(anchors))
        # Terms AND-ed (and maybe exclusions): the anchor and the rarest other term must
        # both be present, found by intersecting the anchor's partners with the article's
        # terms in C; with exactly two terms that decides it (`exact_pair`), with more
        # the other terms are verified.
        pair: TermSpec | None = None
        singles = [c[0] for c in self.clauses if len(c) == 1 and c != anchors]
        if self.plan is None and len(anchors) == 1 and anchors in self.clauses and singles:
            pair = min(singles, key=lambda spec: spec.rarity)
        # (term, term) links under which it is filed: every pair of a two-clause AND
        # (`a b`, `a (b OR c)`), each pair deciding it (`exact_pair`); for longer ANDs the
        # anchor and its rarest partner, candidates to verify.
        self.links: tuple[tuple[TermSpec, TermSpec], ...] = ()
        # A term in both clauses (`(a OR ab) (b OR ab)`: bot/matching/plan.py `_either`)
        # is a link to itself, which its presence alone decides.
        two = self.plan is None and len(self.clauses) == 2
        if two and len(self.clauses[0]) * len(self.clauses[1]) <= 9:
            self.links = tuple(
                dict.fromkeys(
                    (x, y) if x.rarity <= y.rarity else (y, x)  # the rarer one outside
                    for x in self.clauses[0]
                    for y in self.clauses[1]
                )
            )
        elif pair is not None:
            self.links = ((anchors[0], pair),)
        self.exact_pair = two and bool(self.links)
        # Other triggered queries' subscription keys are in the index's per-term key sets
        # (`fires`, `excludes`): these are those sets, fetched once. The others keep their
        # keys in `ids`, 64-bit integers (removal O(1): the last key takes the slot); a
        # one-term query's `ids` is its term's shared array.
        self.fire_sets: tuple[dict[int, Entry], ...] = ()
        self.sides: tuple[Side, ...] = ()  # a spread query's sides' arrays (anchors' order)
        self.exclude_sets: tuple[set[int], ...] = ()
        self.ids = array("q")
        self.held = 0  # how many subscriptions hold it

    def specs(self) -> Iterator[TermSpec]:
        if self.plan is not None:
            return plan_specs(self.plan)
        return iter([*(s for c in self.clauses for s in c), *self.excluded])

    def holds(self, present: Callable[[TermSpec], bool]) -> bool:
        """True when the article whose hit terms `present` tells satisfies the query."""
        if self.plan is not None:
            return plan_holds(self.plan, present)
        return all(any(map(present, clause)) for clause in self.clauses)

    def explain(self, term: Callable[[TermSpec], MatchedTerm | None]) -> tuple[MatchedTerm, ...]:
        """The matched terms of a query the article satisfies; for OR every side found."""
        if self.plan is not None:
            return dedupe(evaluate(self.plan, term) or [])
        found = [hit for clause in self.clauses for hit in map(term, clause) if hit is not None]
        return dedupe(found) if self.repeats else tuple(found)


_MAX_SPREAD = 12  # sides of an OR filed in side arrays (its pairs of sides are filed too)
# Side arrays pay a fixed cost per present side and per query with two sides present; key
# dicts a cost per key, which grows with the index (cache misses). Measured on
# benchmarks/match_bench.py: the arrays are 30% faster at 1M subscriptions, 5-10% slower
# at 100k; so an index spreads its ORs only from this many subscriptions.
SPREAD_FROM = 300_000


class Side:
    """The keys of every spread OR query with one term among its sides, each key's query
    alongside (same order): copied whole when the term is present. A key's slot is kept
    for O(1) removal (the last key takes its place)."""

    __slots__ = ("ids", "owners", "slot")

    def __init__(self) -> None:
        self.ids = array("q")
        self.owners: list[Entry] = []
        self.slot: dict[int, int] = {}

    def __len__(self) -> int:
        return len(self.ids)

    def add(self, key: int, entry: Entry) -> None:
        self.slot[key] = len(self.ids)
        self.ids.append(key)
        self.owners.append(entry)

    def remove(self, key: int) -> None:
        at = self.slot.pop(key)
        last, owner = self.ids.pop(), self.owners.pop()
        if at < len(self.ids):
            self.ids[at], self.owners[at] = last, owner
            self.slot[last] = at


class Solo:
    """The subscriptions of every one-term query on one term (`Kyiv` and `kyiv` alike):
    all matched, and explained the same way, when the term is."""

    __slots__ = ("ids", "spec")

    def __init__(self, spec: TermSpec) -> None:
        self.spec = spec
        self.ids = array("q")

    @property
    def qkey(self) -> str:
        return self.spec.display

    def explain(self, term: Callable[[TermSpec], MatchedTerm | None]) -> tuple[MatchedTerm, ...]:
        found = term(self.spec)
        return () if found is None else (found,)


Holder = Entry | Solo  # what keeps keys in an array, and explains them
