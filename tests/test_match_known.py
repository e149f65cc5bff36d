"""The known words each fuzzy term accepts, worked out as it comes (`known.KnownVariants`):
the same as `terms.accepts` over the terms of the word's skeleton, before and after terms
go; and the index finds what a scan of the document finds."""

from __future__ import annotations

import pytest

from bot.matching.document import fuzzy_candidate
from bot.matching.forms import skeleton
from bot.matching.known import KnownVariants
from bot.matching.lexicon import load_lexicon
from bot.matching.query import Term
from bot.matching.terms import TermSpec, accepts, compile_term
from tests.index_agreement import assert_index_agrees

# Names whose other romanisations are in the word lists (Tartous, Mohammed, Kiev), lower-
# case words, and a name whose skeleton many known words share (Bitar: b*d*r).
WORDS = ["Tartus", "Muhammad", "Kyiv", "Hezbollah", "Bitar", "sanctions", "Khmeimim", "Qatar"]


def _expected(specs: list[TermSpec], word: str) -> dict[TermSpec, str]:
    lexicon = load_lexicon()
    found: dict[TermSpec, str] = {}
    for spec in specs:
        if spec.fuzzy and spec.skeleton == skeleton(word):
            how = accepts(spec, word, lexicon)
            if how:
                found[spec] = how
    return found


def test_known_words_as_accepts_finds_them() -> None:
    lexicon = load_lexicon()
    known = KnownVariants(lexicon)
    specs = [compile_term(Term(word), lexicon) for word in WORDS]
    for spec in specs:
        if spec.fuzzy:
            known.add(spec)
    skeletons = {spec.skeleton for spec in specs if spec.fuzzy}
    words = [
        w
        for w in sorted(lexicon.known)
        if fuzzy_candidate(w, lexicon.common) and skeleton(w) in skeletons
    ]
    assert len(words) > 20
    hits = 0
    for word in words:
        assert known.of(word) == _expected(specs, word), word
        hits += bool(known.of(word))
    assert hits >= 5  # (mohammed, mohamed, ...)
    assert set(known.of("mohammed").values()) == {"typo"}
    for spec in specs[:4]:
        if spec.fuzzy:
            known.release(spec)
    for word in words:
        assert known.of(word) == _expected(specs[4:], word), word


QUERIES = ["Tartus", "Muhammad AND Kyiv", "Hezbollah -Lebanon", "Bitar", "sanctions", "Qatar"]
TEXTS = [
    "In Tartous, Mohammed said Kiev and Hizbollah talked",
    "Bitter sanctions on Qatari firms; Katar, Bittar",
    "Mohammad in Kyiv, Lebanon's Hezbolla",
]


@pytest.mark.parametrize("text", TEXTS)
def test_index_finds_what_a_scan_finds(text: str) -> None:
    assert_index_agrees(QUERIES, [text], removed={5})  # one query indexed, then removed
