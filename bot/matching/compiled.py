"""A query's terms compiled ahead of indexing (`compile_terms`): in a thread.

Compiling a term (the forms it accepts: spellings, typos, transliterations; see
`terms.compile_term`) is most of what adding a query to the `SubscriptionIndex` costs:
2.6 of 3.3 ms a query of 17 ORs of 8-letter non-words (one core). It is pure and only
reads the word lists, as `match_query`'s compiling in the dry run's thread does, so the
Telegram edge compiles a new subscription's terms in the thread that stores it, and the
event loop, the index's one writer, only files them (`SubscriptionIndex.add(key, query,
compiled)`); a term the index already holds is not compiled again there.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.matching.lexicon import Lexicon, load_lexicon
from bot.matching.plan import compile_plan
from bot.matching.query import Phrase, Query, Term
from bot.matching.terms import TermSpec, compile_term, signature


@dataclass(frozen=True, slots=True, eq=False)
class Compiled:
    """A query's compiled terms by signature, and the word lists they were compiled with:
    an index over other word lists compiles its own."""

    lexicon: Lexicon
    specs: dict[str, TermSpec]

    def of(self, lexicon: Lexicon) -> dict[str, TermSpec]:
        """The terms, if they were compiled with these word lists (else none)."""
        return self.specs if lexicon is self.lexicon else {}


def compile_terms(query: Query, lexicon: Lexicon | None = None) -> Compiled:
    """Every term the index would compile for the query (those `compile_plan` adds, as
    a name written closed, too), with the default word lists unless given."""
    words = lexicon or load_lexicon()
    specs: dict[str, TermSpec] = {}

    def compile_one(node: Term | Phrase) -> TermSpec:
        key = signature(node)
        spec = specs.get(key)
        if spec is None:
            spec = specs[key] = compile_term(node, words)
        return spec

    compile_plan(query.root, compile_one)
    return Compiled(words, specs)
