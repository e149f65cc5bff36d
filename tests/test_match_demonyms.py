"""A country's irregular adjective and its people, from WordNet's pertainyms and natives
(scripts/demonym_data.py, scripts/wordnet_demonyms.py): must-match and must-not pairs."""

from __future__ import annotations

import pytest

from bot.matching.document import prepare
from bot.matching.plan import match_query
from bot.matching.query import parse_query
from bot.models import Article


def matches(query: str, text: str) -> bool:
    doc = prepare(Article(id="a", url="u", title="", text=text))
    return match_query(parse_query(query), doc) is not None


# (why, query, text, matches): WordNet's pertainym (\) and "a native or inhabitant of".
CASES = [
    ("pertainym", "Denmark", "The Danish government resigned.", True),
    ("pertainym", "Netherlands", "Dutch farmers protested.", True),
    ("pertainym", "Switzerland", "The Swiss franc rose.", True),
    ("pertainym", "Philippines", "Filipino workers were evacuated.", True),
    ("pertainym", "Kuwait", "A Kuwaiti official said.", True),
    ("native", "Spain", "Spaniards voted on Sunday.", True),
    ("native", "Chad", "Chadian troops crossed the border.", True),
    ("native plural only", "Poland", "Poles voted on Sunday.", True),
    ("native plural only", "Denmark", "The Danes won the match.", True),
    ("native plural only", "Finland", "Finns went to the polls.", True),
    ("native plural only", "Sweden", "Two Swedes were detained.", True),
    ("a vegetable", "Sweden", "Add one Swede, peeled and diced, to the stew.", False),
    ("member, adjective's synset", "Serbia", "Serbs rallied in the north.", True),
    ("a lower-case word", "Poland", "the shoe polish and the tent poles", False),
    ("a lower-case word", "Sweden", "mashed swede and carrots", False),
    ("a lower-case word", "Denmark", "a cheese danish for breakfast", False),
    ("the North Pole", "Poland", "The expedition reached the North Pole.", False),
    ("a given name", "Finland", "Finn Russell kicked the winning goal.", False),
    ("a given name", "Denmark", "Dane DeHaan starred in the film.", False),
    ("Turks and Caicos", "Turkey", "A storm hit the Turks and Caicos Islands.", False),
    ("neighbour", "Niger", "The Nigerian army said.", False),
    ("neighbour", "Austria", "The Australian dollar fell.", False),
    ("neighbour", "Slovakia", "The Slovenian prime minister said.", False),
    ("neighbour", "Dominica", "A Dominican official said.", False),
    ("two countries", "Taiwan", "Chinese warships sailed past.", False),
    ("other Papua", "Papua New Guinea", "Papuan separatists in Indonesia said.", False),
    ("a surname", "Iran", "Smriti Irani spoke in Delhi.", False),
    ("the Persian Gulf", "Iran", "A tanker crossed the Persian Gulf.", False),
    ("of the past", "Russia", "The Soviet archives were opened.", False),
]


@pytest.mark.parametrize(("why", "query", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_a_country_finds_its_adjective_and_people(
    why: str, query: str, text: str, expected: bool
) -> None:
    assert matches(query, text) is expected, why


def test_a_people_word_is_explained_as_of_the_country() -> None:
    doc = prepare(Article(id="a", url="u", title="", text="The Danes won the match."))
    found = match_query(parse_query("Denmark"), doc)
    assert found is not None
    assert [t.label for t in found] == ["Danes (of Denmark)"]
