"""A query's terms compiled ahead, in a thread (bot/matching/compiled.py): the index files
them without compiling any on the event loop, and finds what it finds otherwise."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.matching import index as index_module
from bot.matching.compiled import compile_terms
from bot.matching.document import prepare
from bot.matching.index import SubscriptionIndex
from bot.matching.lexicon import Lexicon, load_lexicon
from bot.matching.query import Phrase, Term, parse_query
from bot.matching.terms import TermSpec, compile_term
from bot.models import Article

# One of each shape: ORs of non-words (the hostile import's), a name written open (`Da
# Nang`, compiled with its closed form Danang), a phrase, an AND with an exclusion.
QUERIES = [
    "qwhzkrtp OR xvbnmlkj OR Kyiv",
    "Da Nang",
    '"air base" Tartus',
    "Muhammad AND Kyiv -Moscow",
]
TEXTS = [
    "Flights to Danang resumed.",
    "Strikes on the air base near Tartous.",
    "Mohammed met them in Kiev.",
    "Mohammed met them in Kiev and Moscow.",
    "qwhzkrtp xvbnmlkj",
]


def _no_compiling(node: Term | Phrase, *_: object) -> TermSpec:
    raise AssertionError(f"compiled on the loop: {node}")


def test_the_index_files_compiled_terms_without_compiling_and_finds_the_same(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    compiled = [compile_terms(parse_query(q)) for q in QUERIES]
    plain = SubscriptionIndex()
    for key, query in enumerate(QUERIES):
        plain.add(key, parse_query(query))
    monkeypatch.setattr(index_module, "compile_term", _no_compiling)
    ahead = SubscriptionIndex()
    for key, query in enumerate(QUERIES):
        ahead.add(key, parse_query(query), compiled[key])
    assert ahead.stats() == plain.stats()
    found = []
    for text in TEXTS:
        doc = prepare(Article(id="a", url="u", title="", text=text))
        found.append(sorted(ahead.find(doc).keys))
        assert found[-1] == sorted(plain.find(doc).keys), text
    assert found == [[1], [2], [0, 3], [0], [0]]  # (not the same by finding nothing)


def test_terms_compiled_with_other_word_lists_are_compiled_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    query = parse_query("qwhzkrtp OR Kyiv")
    other = replace(load_lexicon())  # equal lists, another object: not the index's
    compiled = compile_terms(query, other)
    assert set(compiled.specs) == {"t:qwhzkrtp", "t:Kyiv"}
    assert compiled.of(other) is compiled.specs
    assert compiled.of(load_lexicon()) == {}
    made: list[str] = []

    def counting(node: Term | Phrase, lexicon: Lexicon) -> TermSpec:
        made.append(str(node))
        return compile_term(node, lexicon)

    monkeypatch.setattr(index_module, "compile_term", counting)
    index = SubscriptionIndex()
    index.add(1, query, compiled)
    assert len(made) == 2
