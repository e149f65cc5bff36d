"""All active subscriptions matched against an article at once (`SubscriptionIndex`);
what an article matched (`Found`, `Match`) is in bot/matching/found.py.

Pure: no I/O at match time. The word lists of bot/data/ (see docs/matching.md and
benchmarks/match_data.py) are read once, the first time a matcher needs them.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Sized
from itertools import chain, compress, filterfalse
from operator import attrgetter, itemgetter, not_
from typing import cast

from bot.errors import QueryError
from bot.matching.compiled import Compiled
from bot.matching.document import MAX_RUN, MIN_RUN, Document, fuzzy_candidate
from bot.matching.entries import SPREAD_FROM, Entry, Holder, Side, Solo
from bot.matching.found import Best, Found
from bot.matching.found import Match as Match  # re-exported: callers import it from here
from bot.matching.known import KnownVariants
from bot.matching.lexicon import Lexicon, load_lexicon
from bot.matching.lookups import WordLookups, WordTerms
from bot.matching.neighbourhood import Letters, deletes
from bot.matching.plan import QueryPlan, compile_plan, plan_anchors
from bot.matching.query import Phrase, Query, Term, parse_query
from bot.matching.roles import SOLO, Roles, fired, spread, spread_hits, verified
from bot.matching.spelled import could_spell
from bot.matching.spelt import Spelt
from bot.matching.stored import parsed_stored
from bot.matching.tables import drop_empty, side_links, spelled, unlist
from bot.matching.terms import (
    ACRONYM,
    RANK,
    SLIP,
    TermSpec,
    compile_term,
    multi_hits,
    prepare_tables,
    signature,
    spelt_forms,
)

_IDS = attrgetter("ids")
_OWNERS = attrgetter("owners")
_ALWAYS = itemgetter(0)
_ASKING = itemgetter(1)
_SECONDS = itemgetter(2)


class SubscriptionIndex(WordLookups):
    """All active subscriptions, matched against an article at once.

    A presearcher in the manner of Lucene Monitor: an article's words look up the terms
    they satisfy (exact forms in a dict, transliterations by skeleton, typos through a
    SymSpell deletion index). Queries that are one term or an OR of terms, with or without
    exclusions (most of them), are "triggered": each term has the set of subscription
    keys it fires and the set it excludes, and an article's matches are the union of
    the first minus the second, in C, with no step per query or per key in Python. The
    others (ANDs, nested groups) are distinct queries filed under their rarest clause and
    verified one by one. Explanations are worked out only when asked for. Adding and
    removing is incremental. One subscription key holds one query.
    """

    def __init__(self, *, lexicon: Lexicon | None = None, spread_from: int = SPREAD_FROM) -> None:
        self._lexicon = lexicon or load_lexicon()
        # Size from which new OR queries are spread over side arrays (see `Entry.spread`).
        self._spread_from = spread_from
        self._expected = 0  # the size a bulk build under way will reach
        self._specs: dict[str, TermSpec] = {}  # signature → spec
        self._spec_users: dict[TermSpec, int] = {}  # how many distinct queries use it
        self._exact: dict[str, list[TermSpec]] = {}  # one-word form → specs
        # Multi-word forms by their rarest word, then their next rarest: an article word
        # looks only at the forms whose second word the article has too.
        self._multi: dict[str, dict[str, list[TermSpec]]] = {}
        self._skeletons: dict[str, list[TermSpec]] = {}
        # Lower-case terms by their consonants (terms.TermSpec.slip_key): typists' slips.
        self._slips: dict[str, list[TermSpec]] = {}
        # Acronyms typed as queries (SNC) that the initials of capitalised words in a row
        # may spell out, by their letters: while there are none, an article's runs of
        # capitalised words are never worked out.
        self._initials: dict[str, list[TermSpec]] = {}
        self._deletes: dict[str, list[TermSpec]] = {}
        # Its keys again, in a set: an article word's neighbourhood (most of its ~40
        # strings no key) is looked up there, at one probe a string (`_terms_of`).
        self._delete_keys: set[str] = set()
        # Lower-case terms' forms: which unknown article words are worth a spell check.
        self._spelt = Spelt(self._lexicon.zipf, self._lexicon.places)
        self._letters = Letters()  # their words' letters beyond ASCII
        self._known = KnownVariants(self._lexicon)  # the known words they accept
        self._queries: dict[str, Entry] = {}  # query key → entry
        # Triggered queries' subscription keys by the terms that fire them, and by the
        # terms that exclude them.
        self._fires: dict[TermSpec, dict[int, Entry]] = {}  # key → its query
        self._solo: dict[TermSpec, Solo] = {}  # one-term queries' keys, by term
        self._sides: dict[TermSpec, Side] = {}  # spread OR queries' keys, by side
        # Spread ORs by each pair of their sides (earlier side, then later): the ones
        # with two sides present in an article.
        self._side_pairs: dict[TermSpec, dict[TermSpec, dict[Entry, None]]] = {}
        self._key_excludes: dict[TermSpec, set[int]] = {}
        # Spread queries with exclusions, by each excluded term, then each side: dropped
        # when both are present (only the queries whose keys were copied are looked at).
        self._side_excludes: dict[TermSpec, dict[TermSpec, dict[Entry, None]]] = {}
        # Other flat queries with exclusions, by the excluded terms.
        self._excludes: dict[TermSpec, dict[Entry, None]] = {}
        # ANDs by their anchor, then by their rarest other term: two-term ones (decided by
        # the pair) and longer ones (candidates, verified).
        self._pairs: dict[TermSpec, dict[TermSpec, dict[Entry, None]]] = {}
        self._loose_pairs: dict[TermSpec, dict[TermSpec, dict[Entry, None]]] = {}
        self._by_anchor: dict[TermSpec, dict[Entry, None]] = {}  # the others, by anchor
        self._sub: dict[int, Entry] = {}  # subscription key → its query
        self._slot: dict[int, int] = {}  # key of a verified query → its place in its ids
        # word → (term, rank, how) for every term the word satisfies on its own.
        self._token_cache: dict[str, tuple[tuple[TermSpec, int, str], ...]] = {}
        # Words known to satisfy no term and to start no multi-word form: most of an
        # article's words, skipped in C before the per-word loop. Valid until the terms
        # change (cleared with the cache above).
        self._dead: set[str] = set()
        # word → the terms it satisfies whatever the article's capitals, and those that
        # depend on them (`_present`): the token cache's answers sorted once. Cleared with it.
        self._presence: dict[str, WordTerms] = {}
        # term → its places in the tables above (`Roles`): one look-up a present term
        # instead of one a table. Cleared whenever a table gains or loses a term.
        self._roles: dict[TermSpec, Roles] = {}

    def __len__(self) -> int:
        return len(self._sub)

    def prepare(self) -> None:
        """Build the word tables that compiling a query would otherwise build the first
        time it needs them (about a second), and the spell check's tables that the first
        article would build: the composition root does it at start-up."""
        prepare_tables(self._lexicon)
        self._spelt.prepare()
        self._known.prepare()

    def __contains__(self, key: object) -> bool:
        return key in self._sub

    def query_of(self, key: int) -> str:
        """The query a subscription key holds (`Query.normalised`); KeyError if none."""
        return self._sub[key].qkey

    def subscription_keys(self) -> list[int]:
        """Every subscription key indexed."""
        return list(self._sub)

    def stats(self) -> dict[str, int]:
        """How many entries each of the index's tables holds, by name: subscriptions,
        distinct queries, terms, word forms, and how queries are filed (`spread_sides`:
        ORs held in side arrays, `fired_terms`: in key dicts). All zero once every
        subscription is removed; for tests and for a look at a running bot."""
        return {
            "subscriptions": len(self._sub),
            "queries": len(self._queries),
            "terms": len(self._specs),
            "term_users": len(self._spec_users),
            "exact_forms": len(self._exact),
            "multi_forms": len(self._multi),
            "skeletons": len(self._skeletons),
            "slips": len(self._slips),
            "initials": len(self._initials),
            "deletes": len(self._deletes),
            "fired_terms": len(self._fires),
            "solo_terms": len(self._solo),
            "spread_sides": len(self._sides),
            "side_pairs": len(self._side_pairs),
            "key_excludes": len(self._key_excludes),
            "side_excludes": len(self._side_excludes),
            "excludes": len(self._excludes),
            "pairs": len(self._pairs),
            "loose_pairs": len(self._loose_pairs),
            "by_anchor": len(self._by_anchor),
            "slots": len(self._slot),
        }

    def add(self, key: int, query: Query, compiled: Compiled | None = None) -> None:
        """Index a subscription (`compiled`: its terms, compiled in a thread); a key already
        present is replaced."""
        if key in self._sub:
            self.remove(key)
        entry = self._queries.get(query.normalised) or self._new_entry(query, compiled=compiled)
        self._hold(key, entry)

    def _hold(self, key: int, entry: Entry) -> None:
        if entry.spread:
            for side in entry.sides:
                side.add(key, entry)
        if entry.triggered and not entry.solo and not entry.spread:
            for keys in entry.fire_sets:
                keys[key] = entry
            for excluded in entry.exclude_sets:
                excluded.add(key)
        else:
            ids = entry.ids
            self._slot[key] = len(ids)
            ids.append(key)
        entry.held += 1
        self._sub[key] = entry

    def add_stored(
        self, stored: Iterable[tuple[int, str]], *, max_length: int = 10_000
    ) -> list[tuple[int, str, QueryError]]:
        """Index stored subscriptions (key, query text) in bulk, as at start-up.

        Each distinct text is parsed once. Returns the ones whose text no longer parses
        (left out), with the reason.
        """
        # The size decides how OR queries are held (SPREAD_FROM): known before the first.
        stored = stored if isinstance(stored, Sized) else list(stored)
        self._expected = len(self._sub) + len(stored)
        try:
            return self._add_stored(stored, max_length)
        finally:
            self._expected = 0

    def _add_stored(
        self, stored: Iterable[tuple[int, str]], max_length: int
    ) -> list[tuple[int, str, QueryError]]:
        by_text: dict[str, Entry] = {}
        refused: list[tuple[int, str, QueryError]] = []
        queries, subs, hold = self._queries, self._sub, self._hold
        # A batch's new queries are all compiled before its entries are made (stored.py);
        # each plan is taken by the one entry made for its query (its terms' users counted).
        plans: dict[str, QueryPlan] = {}

        def plan_all(batch: Iterable[Query]) -> None:
            for query in batch:
                if query.normalised not in queries and query.normalised not in plans:
                    plans[query.normalised] = self._plan(query, {})

        for key, text, query in parsed_stored(stored, by_text, max_length, plan_all):
            entry = by_text.get(text)
            if entry is None:
                if isinstance(query, QueryError):
                    refused.append((key, text, query))
                    continue
                qkey = query.normalised
                entry = by_text[text] = queries.get(qkey) or self._new_entry(
                    query, plans.pop(qkey, None)
                )
            if key in subs:
                self.remove(key)
                if queries.get(entry.qkey) is not entry:  # its last key was just removed
                    query = parse_query(text, max_length=max_length)
                    entry = by_text[text] = self._new_entry(query)
            hold(key, entry)
        return refused

    def _new_entry(
        self, query: Query, plan: QueryPlan | None = None, compiled: Compiled | None = None
    ) -> Entry:
        """The entry of a query new to the index, from its plan if compiled already."""
        self._roles.clear()  # the tables gain terms
        if plan is None:
            plan = self._plan(query, compiled.of(self._lexicon) if compiled is not None else {})
        anchors = plan_anchors(plan)
        if anchors is None:  # the parser refuses such queries; be safe anyway
            raise ValueError(f"query has nothing to look for: {query.normalised}")
        entry = Entry(query.normalised, plan, anchors)
        if entry.spread and max(len(self._sub), self._expected) < self._spread_from:
            entry.spread = False  # a small index: in the key dicts (see SPREAD_FROM)
        self._queries[entry.qkey] = entry
        if entry.solo:
            solo = self._solo.get(anchors[0]) or self._solo.setdefault(anchors[0], Solo(anchors[0]))
            entry.ids = solo.ids
        elif entry.spread:
            entry.sides = tuple(self._sides.setdefault(s, Side()) for s in entry.anchors)
            for x, y in side_links(entry.anchors):
                self._side_pairs.setdefault(x, {}).setdefault(y, {})[entry] = None
            for spec in dict.fromkeys(entry.excluded):
                by_side = self._side_excludes.setdefault(spec, {})
                for anchor in entry.anchors:
                    by_side.setdefault(anchor, {})[entry] = None
        elif entry.triggered:
            fires, excludes = self._fires, self._key_excludes
            entry.fire_sets = tuple(fires.setdefault(s, {}) for s in dict.fromkeys(anchors))
            unique = dict.fromkeys(entry.excluded)
            entry.exclude_sets = tuple(excludes.setdefault(s, set()) for s in unique)
        for table, specs in self._tables(entry):
            for spec in specs:
                table.setdefault(spec, {})[entry] = None
        pairs = self._pairs if entry.exact_pair else self._loose_pairs
        for anchor, partner in entry.links:
            pairs.setdefault(anchor, {}).setdefault(partner, {})[entry] = None
        return entry

    def _plan(self, query: Query, ahead: dict[str, TermSpec]) -> QueryPlan:
        """The query's plan, its terms interned (`ahead`: compiled already)."""
        return compile_plan(query.root, lambda node: self._intern(node, ahead))

    def _tables(
        self, entry: Entry
    ) -> list[tuple[dict[TermSpec, dict[Entry, None]], Iterable[TermSpec]]]:
        """Where a verified query is filed: (table, the terms it is filed under); two-term
        ANDs are filed in `_pairs` too. Triggered queries file their keys instead."""
        filed: list[tuple[dict[TermSpec, dict[Entry, None]], Iterable[TermSpec]]] = []
        if entry.triggered:
            return filed
        if entry.plan is None:
            filed.append((self._excludes, entry.excluded))
        if not entry.links:
            filed.append((self._by_anchor, entry.anchors))
        return filed

    def remove(self, key: int) -> None:
        """Forget a subscription; unknown keys are ignored."""
        entry = self._sub.pop(key, None)
        if entry is None:
            return
        if entry.spread:
            for side in entry.sides:
                side.remove(key)
        if entry.triggered and not entry.solo and not entry.spread:
            for keys in entry.fire_sets:
                del keys[key]
            for excluded in entry.exclude_sets:
                excluded.discard(key)
        else:
            ids, slot = entry.ids, self._slot.pop(key)
            last = ids.pop()
            if slot < len(ids):  # the last key fills the gap
                ids[slot] = last
                self._slot[last] = slot
        entry.held -= 1
        if entry.held:
            return
        self._roles.clear()  # the tables lose terms
        del self._queries[entry.qkey]
        solo = self._solo.get(entry.anchors[0]) if entry.solo else None
        if solo is not None and not solo.ids and solo.ids is entry.ids:
            del self._solo[entry.anchors[0]]
        if entry.spread:
            drop_empty(self._sides, entry.anchors)
            for x, y in side_links(entry.anchors):
                partners = self._side_pairs[x]
                users = partners[y]
                del users[entry]
                if not users:
                    del partners[y]
                    if not partners:
                        del self._side_pairs[x]
            for spec in dict.fromkeys(entry.excluded):
                by_side = self._side_excludes[spec]
                for anchor in entry.anchors:
                    excluders = by_side[anchor]
                    del excluders[entry]
                    if not excluders:
                        del by_side[anchor]
                if not by_side:
                    del self._side_excludes[spec]
        if entry.triggered:  # a term's key set goes when its last key does
            drop_empty(self._fires, entry.anchors)
            drop_empty(self._key_excludes, entry.excluded)
        pairs = self._pairs if entry.exact_pair else self._loose_pairs
        for anchor, partner in entry.links:
            partners = pairs[anchor]
            users = partners[partner]
            del users[entry]
            if not users:
                del partners[partner]
                if not partners:
                    del pairs[anchor]
        for table, specs in self._tables(entry):
            for spec in set(specs):
                users = table[spec]
                del users[entry]
                if not users:
                    del table[spec]
        for spec in entry.specs():
            self._release(spec)

    def _intern(self, node: Term | Phrase, ahead: dict[str, TermSpec]) -> TermSpec:
        key = "t:" + node.word if type(node) is Term else signature(node)
        existing = self._specs.get(key)
        if existing is not None:
            self._spec_users[existing] += 1
            return existing
        spec = ahead.get(key) or compile_term(node, self._lexicon)
        self._specs[spec.signature] = spec
        self._spec_users[spec] = 1
        for form in spec.single:
            self._exact.setdefault(form, []).append(spec)
        for letters in spelled(spec):
            self._initials.setdefault(letters, []).append(spec)
        for rarest, second in {self._multi_key(words) for words, _ in spec.multi}:  # (once)
            self._multi.setdefault(rarest, {}).setdefault(second, []).append(spec)
        if spec.fuzzy:
            self._skeletons.setdefault(spec.skeleton, []).append(spec)
            if spec.slip_key:
                self._slips.setdefault(spec.slip_key, []).append(spec)
            variants = deletes(spec.word, spec.fuzzy)
            for variant in variants:
                self._deletes.setdefault(variant, []).append(spec)
            self._delete_keys.update(variants)
            self._spelt.add(spec.word, spelt_forms(spec))
            self._letters.add(spec.word)
            self._known.add(spec)
        self._forget_words()  # cached word → terms answers do not know the new term
        return spec

    def _multi_key(self, words: tuple[str, ...]) -> tuple[str, str]:
        """The two rarest words of a multi-word form (the same one twice for a word
        repeated): the article must contain both."""
        zipf = self._lexicon.zipf
        rarest = sorted(set(words), key=lambda w: (zipf.get(w, 0.0), w))
        return rarest[0], rarest[-1] if len(rarest) == 1 else rarest[1]

    def _release(self, spec: TermSpec) -> None:
        self._spec_users[spec] -= 1
        if self._spec_users[spec]:
            return
        del self._spec_users[spec]
        del self._specs[spec.signature]
        unlist(self._exact, spec.single, spec)
        unlist(self._initials, spelled(spec), spec)
        for rarest, second in {self._multi_key(words) for words, _ in spec.multi}:
            seconds = self._multi[rarest]
            unlist(seconds, (second,), spec)
            if not seconds:
                del self._multi[rarest]
        if spec.fuzzy:
            unlist(self._skeletons, (spec.skeleton,), spec)
            if spec.slip_key:
                unlist(self._slips, (spec.slip_key,), spec)
            variants = deletes(spec.word, spec.fuzzy)
            unlist(self._deletes, variants, spec)
            self._delete_keys.difference_update(filterfalse(self._deletes.__contains__, variants))
            self._spelt.release(spec.word, spelt_forms(spec))
            self._letters.release(spec.word)
            self._known.release(spec)
        self._forget_words()

    def _best(self, doc: Document) -> dict[TermSpec, Best]:
        """Every indexed term the document satisfies, with where and how (best first:
        exact before inflection, alias, typo; then the earliest)."""
        best: dict[TermSpec, Best] = {}
        common = self._lexicon.common
        cached = self._token_cache.get
        multi = self._multi
        positions = doc.first
        vocab = positions.keys()
        # In `first`'s order (ties between equal hits go to the first seen).
        for token in filterfalse(self._dead.__contains__, positions):
            position = positions[token]
            found = cached(token)
            if found is None:
                found = self._terms_of(token, fuzzy_candidate(token, common))
            for spec, rank, how in found:
                if how in spec.capital:
                    if how == SLIP:  # a slip only where the article never capitalises it
                        if token in doc.capitalised:
                            continue
                    elif token not in (
                        doc.acronyms if how == ACRONYM or spec.upper else doc.capitalised
                    ):
                        continue
                hit = (rank, position, how, 1)
                old = best.get(spec)
                if old is None or hit < old:
                    best[spec] = hit
            if token in multi:
                seconds = multi[token]
                for spec in chain.from_iterable(map(seconds.__getitem__, seconds.keys() & vocab)):
                    for rank, start, how, length in multi_hits(spec, doc):
                        old = best.get(spec)
                        if old is None or (rank, start) < old[:2]:
                            best[spec] = (rank, start, how, length)
        # An acronym typed as a query (SNC) in the article's names spelled out: a plain
        # look-up of the acronyms' letters (the initials are no words: no cache, no typos),
        # only when the index holds such an acronym.
        for specs, start, length in self._spelled_out(doc):
            hit = (RANK[ACRONYM], start, ACRONYM, length)
            for spec in specs:
                old = best.get(spec)
                if old is None or hit[:2] < old[:2]:  # a listed alias first
                    best[spec] = hit
        return best

    def _spelled_out(self, doc: Document) -> Iterator[tuple[list[TermSpec], int, int]]:
        """The acronym queries whose letters capitalised words in a row spell (no person's
        names), with the first word's place and how many words; none without such queries."""
        initials = self._initials
        for letters, names in doc.name_runs if could_spell(initials, doc) else ():
            size = len(letters)
            for i in range(size - MIN_RUN + 1):
                for j in range(i + MIN_RUN, min(i + MAX_RUN, size) + 1):
                    specs = initials.get(letters[i:j])
                    if specs is not None and doc.spells(names, i, j):
                        yield specs, names[i], names[j - 1] - names[i] + 1

    def _present(self, doc: Document) -> set[TermSpec]:
        """The terms the document satisfies, without where or how: `_best`'s keys, what
        counting needs. Each word's terms come sorted by what they ask of the article's
        capitals (`_word_terms`), so the set is built in C; only the few words with terms
        that do ask, and the multi-word forms, take a step here."""
        words = doc.vocab
        cached = list(map(self._presence.get, words))  # one look-up a distinct word
        terms = cast("list[WordTerms]", cached)
        if None in cached:  # words not seen since the terms last changed (order unneeded)
            new = compress(words, map(not_, cached))  # (a WordTerms is a 3-tuple: true)
            terms = [*filter(None, cached), *self._new_words(new)]
        present = set(chain.from_iterable(map(_ALWAYS, terms)))
        for token, named, acronym, slip in filter(None, map(_ASKING, terms)):
            if named or slip:
                present.update(named if token in doc.capitalised else slip)
            if acronym and token in doc.acronyms:
                present.update(acronym)
        vocab = words.keys()
        for seconds in filter(None, map(_SECONDS, terms)):
            for spec in chain.from_iterable(map(seconds.__getitem__, seconds.keys() & vocab)):
                if spec not in present and next(multi_hits(spec, doc), None) is not None:
                    present.add(spec)
        for specs, _, _ in self._spelled_out(doc):
            present.update(specs)
        return present

    def find(self, doc: Document) -> Found:
        """Everything the document matches: `Found.keys` (every subscription key) at
        once, explanations on demand. The fastest way through the index."""
        best = self._best(doc)
        roles = self._roles_of(best)
        # One-term queries: their term's keys copied whole (memcpy), a step per term.
        pools: list[Solo] = list(filter(None, map(SOLO, roles)))
        keys = spread(roles) if self._sides else (array("q"), [])
        both = verified(best.keys(), roles)
        return Found(doc, best, pools, keys, fired(roles), both)

    def count(self, docs: Iterable[Document]) -> dict[int, int]:
        """How many of the documents each subscription key matches (keys that match none
        are left out): what counting every `find(doc).keys` gives, without a step per
        matched key. Each document's matches are tallied by what holds their keys (a
        one-term pool, a verified query, a spread side: a few hundred an article where
        there are thousands of keys), and every holder's keys get its tally once at the
        end. The index must not change while the documents are read."""
        tally: Counter[TermSpec] = Counter()  # present terms: their pools and sides
        holders: Counter[Holder] = Counter()  # verified queries, then one-term pools
        extra: Counter[Entry] = Counter()  # spread queries' copies to take off
        keys: Counter[int] = Counter()  # the key dicts' (OR queries of a small index)
        for doc in docs:
            terms = self._present(doc)
            roles = self._roles_of(terms)
            tally.update(terms)
            holders.update(verified(terms, roles))
            keys.update(fired(roles).keys())
            present, _, twice, gone = spread_hits(roles)
            for entry in twice | gone:  # counted once per present side: once, or none
                copies = sum(map(present.__contains__, entry.anchors))
                extra[entry] += copies if entry in gone else copies - 1
        sides: Counter[Side] = Counter()
        for role, n in zip(self._roles_of(tally), tally.values(), strict=True):
            if role[1] is not None:  # a one-term pool: matched wherever its term is
                holders[role[1]] = n
            if role[2] is not None:
                sides[role[2]] = n
        totals: dict[int, int] = dict(keys)  # the key dicts' keys are in no array
        for holder, n in holders.items():  # each key in one holder's array
            totals.update(dict.fromkeys(holder.ids, n))
        queries = dict.fromkeys(chain.from_iterable(map(_OWNERS, sides)))
        for entry in queries:  # a spread query: the tallies of its sides, less its extras
            n = sum(map(sides.__getitem__, entry.sides)) - extra[entry]
            if n:
                totals.update(dict.fromkeys(entry.ids, n))
        return totals

    def _roles_of(self, terms: Collection[TermSpec]) -> list[Roles]:
        """Each present term's places in the tables, one look-up a term (`_role`)."""
        cached = list(map(self._roles.get, terms))
        if None in cached:
            return [r or self._role(t) for t, r in zip(terms, cached, strict=True)]
        return cast("list[Roles]", cached)

    def _role(self, spec: TermSpec) -> Roles:
        role = (
            spec,
            self._solo.get(spec),
            self._sides.get(spec),
            self._fires.get(spec),
            self._key_excludes.get(spec),
            self._pairs.get(spec),
            self._loose_pairs.get(spec),
            self._by_anchor.get(spec),
            self._excludes.get(spec),
            self._side_pairs.get(spec),
            self._side_excludes.get(spec),
        )
        self._roles[spec] = role
        return role

    def match(self, doc: Document) -> list[Match]:
        """Every subscription the document satisfies, in no particular order; each
        Match's terms are worked out when first read."""
        return self.find(doc).matches()
