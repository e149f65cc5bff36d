"""A country's irregular adjective and its people, from WordNet's pertainyms and natives
(scripts/demonym_data.py, scripts/wordnet_demonyms.py): must-match and must-not pairs."""

from __future__ import annotations

import pytest

from bot.matching.document import prepare
from bot.matching.plan import match_query
from bot.matching.query import parse_query
from bot.models import Article
from tests.index_agreement import assert_index_agrees


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
    # CLDR's official language, a word by its source from Zipf 2 (Kyrgyz: 2.8); one
    # official there only, named as a word of the country starts (Sinhala: Sinhalese).
    ("CLDR language", "Kyrgyzstan", "Kyrgyz border guards said.", True),
    ("CLDR language", "Madagascar", "The Malagasy government said.", True),
    ("CLDR language", "Sri Lanka", "Sinhala nationalists marched.", True),
    ("CLDR language", "India", "Sinhala nationalists marched.", False),
    ("another's language", "Sri Lanka", "Tamil Nadu's chief minister said.", False),
]

# (why, query, text, matches): a country of several words (WordNet's Saudi, South_Korean,
# British; the regular ending on the last word: Sri Lanka, Sri Lankan).
SEVERAL_WORDS = [
    ("people, one word", "Saudi Arabia", "Saudi forces moved.", True),
    ("people plural", "Saudi Arabia", "Saudis voted on Sunday.", True),
    ("quoted name", '"Saudi Arabia"', "Saudi forces moved.", True),
    ("the name itself", "Saudi Arabia", "Troops left Saudi Arabia.", True),
    ("adjective, two words", "South Korea", "South Korean forces moved.", True),
    ("people, two words", "South Korea", "Two South Koreans were detained.", True),
    ("ending on the last word", "Sri Lanka", "Sri Lankan forces moved.", True),
    ("pertainym", "United Kingdom", "British forces moved.", True),
    ("pertainym, other name", "Britain", "British forces moved.", True),
    ("pertainym, American Samoa aside", "United States", "American forces moved.", True),
    ("native", "Czech Republic", "Czech forces moved.", True),
    ("native", "El Salvador", "Salvadoran forces moved.", True),
    ("own name's word", "Dominican Republic", "Dominicans voted on Sunday.", True),
    ("neighbour's demonym", "South Sudan", "Sudanese forces moved.", False),
    ("the other Korea", "North Korea", "South Korean forces moved.", False),
    ("the other Korea", "South Korea", "North Korean forces moved.", False),
    ("not the country's", "Saudi Arabia", "An Arabian horse won.", False),
    ("another's name", "Dominica", "A Dominican official said.", False),
    ("a people within", "South Africa", "An Afrikaans newspaper said.", False),
    ("acronym in capitals", "US", "American forces moved.", True),
    ("acronym in capitals", "UK", "British forces moved.", True),
    ("acronym in capitals", "DPRK", "North Korean forces moved.", True),
    ("the pronoun is no acronym", "us", "American forces moved.", False),
]


@pytest.mark.parametrize(("why", "query", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_a_country_finds_its_adjective_and_people(
    why: str, query: str, text: str, expected: bool
) -> None:
    assert matches(query, text) is expected, why


@pytest.mark.parametrize(
    ("why", "query", "text", "expected"), SEVERAL_WORDS, ids=[c[0] for c in SEVERAL_WORDS]
)
def test_a_country_of_several_words_finds_its_adjective_and_people(
    why: str, query: str, text: str, expected: bool
) -> None:
    assert matches(query, text) is expected, why


def test_the_index_agrees_on_countries_of_several_words() -> None:
    assert_index_agrees([row[1] for row in SEVERAL_WORDS], [row[2] for row in SEVERAL_WORDS])


@pytest.mark.parametrize(
    ("query", "text", "labels"),
    [
        ("Saudi Arabia", "Saudi forces moved.", ["Saudi (of Saudi Arabia)"]),
        ('"Saudi Arabia"', "Saudis moved.", ["Saudis (of Saudi Arabia)"]),
        ("South Sudan", "South Sudanese forces moved.", ["South Sudanese (of South Sudan)"]),
    ],
)
def test_a_country_of_several_words_explains_its_demonym(
    query: str, text: str, labels: list[str]
) -> None:
    doc = prepare(Article(id="a", url="u", title="", text=text))
    found = match_query(parse_query(query), doc)
    assert found is not None
    assert [t.label for t in found] == labels


def test_a_people_word_is_explained_as_of_the_country() -> None:
    doc = prepare(Article(id="a", url="u", title="", text="The Danes won the match."))
    found = match_query(parse_query("Denmark"), doc)
    assert found is not None
    assert [t.label for t in found] == ["Danes (of Denmark)"]
