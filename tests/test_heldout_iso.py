"""The held-out evaluation's ISO 3166-2 transliterations (scripts/heldout_sources.iso_pairs)
follow the rules of its docstring: pairs of one name's spellings, never another name's."""

from __future__ import annotations

from functools import cache

from scripts.heldout_sources import ISO, Pair, _core, iso_pairs, place_names, romanised_country


@cache
def pairs() -> tuple[Pair, ...]:
    return tuple(iso_pairs(place_names()))


def test_an_iso_name_and_the_spelling_english_text_uses() -> None:
    found = {(p.query, p.written) for p in pairs()}
    assert ("Arbīl", "Erbil") in found
    assert ("Erbil", "Arbīl") in found
    assert ("Eşfahān", "Isfahan") in found
    assert all(p.source == ISO and p.same and p.category == "transliteration" for p in pairs())


def test_never_another_subdivision_nor_a_short_or_latin_script_name() -> None:
    found = {(p.query, p.written) for p in pairs()}
    assert ("Kermānshāh", "Kerman") not in found  # another subdivision's name
    assert ("Taitung", "Taichung") not in found
    for pair in pairs():
        assert all(len(_core(side)[0]) >= 5 for side in (pair.query, pair.written))
    assert not romanised_country("FR")
    assert romanised_country("IQ")
