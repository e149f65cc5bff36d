"""A country's other names, from WordNet's country synsets (scripts/country_aliases.py,
bot/data/country_aliases.tsv): must-match and must-not pairs."""

from __future__ import annotations

from importlib import resources

import pytest

from bot.matching.document import prepare
from bot.matching.lexicon import load_lexicon
from bot.matching.plan import match_query
from bot.matching.query import parse_query
from bot.models import Article


def matches(query: str, text: str) -> bool:
    doc = prepare(Article(id="a", url="u", title="", text=text))
    return match_query(parse_query(query), doc) is not None


# (why, query, text, matches)
CASES = [
    ("acronym", "US", "The United States said on Monday.", True),
    ("acronym", "United States", "The US said on Monday.", True),
    ("acronym", "USA", "Officials of the United States of America met.", True),
    ("acronym", "United States", "Fans of the USA team cheered.", True),
    ("acronym", "UK", "The United Kingdom said on Monday.", True),
    ("acronym", "United Kingdom", "The UK said on Monday.", True),
    ("other name", "Britain", "The UK said on Monday.", True),
    ("other name", "UK", "Britain said on Monday.", True),
    ("other name", "Britain", "The United Kingdom said on Monday.", True),
    ("other name", "Holland", "The Netherlands said on Monday.", True),
    ("other name", "Netherlands", "Farmers in Holland protested.", True),
    ("acronym", "North Korea", "The DPRK fired a missile.", True),
    ("acronym", "DPRK", "North Korea fired a missile.", True),
    ("long name", "South Korea", "The Republic of Korea said.", True),
    ("other name", "Spain", "Visitors to España.", True),
    ("acronym", "China", "The PRC said on Monday.", True),
    ("acronym in capitals only", "US", "Let us go home.", False),
    ("acronym in capitals only", "United States", "Let us go home.", False),
    ("acronym in capitals only", "United States", "Us and them.", False),
    ("two letters, not dominant", "UK", "A phone with 8 GB of memory.", False),
    ("two letters, not dominant", "United Kingdom", "A phone with 8 GB of memory.", False),
    ("a continent's word", "United States", "Leaders of Latin America met.", False),
    ("a continent's word", "US", "South America is large.", False),
    ("a description", "United States", "He went back to the States.", False),
    ("a US state", "Sakartvelo", "Atlanta, Georgia, is hot.", False),
    ("a city", "El Salvador", "Carnival in Salvador, Brazil.", False),
    ("a reviewed fix", "Israel", "Zion Williamson scored 30.", False),
    ("of the past", "Russia", "The USSR collapsed in 1991.", False),
]


@pytest.mark.parametrize(("why", "query", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_a_country_finds_its_other_names(why: str, query: str, text: str, expected: bool) -> None:
    assert matches(query, text) is expected, why


def test_a_name_grouped_by_two_files_is_listed_once() -> None:
    # Netherlands is in aliases.tsv (the netherlands) and country_aliases.tsv (holland).
    others = load_lexicon().aliases["netherlands"]
    assert len(others) == len(set(others))
    assert {"the netherlands", "holland"} <= set(others)


def test_no_country_group_only_repeats_a_place_group() -> None:
    data = resources.files("bot") / "data"

    def groups(name: str) -> list[set[str]]:
        lines = (data / name).read_text("utf-8").splitlines()
        return [set(line.split("\t")) for line in lines if not line.startswith("#")]

    places = groups("aliases.tsv")
    assert not [g for g in groups("country_aliases.tsv") if any(g <= p for p in places)]
