"""A misspelt named entity that is also a word in lower case (bot/matching/misspelt.py,
bot/data/entity_names.txt from Princeton WordNet 3.1's instance synsets by
scripts/name_words.py): the pairs the rule was made for, and the real names one edit from
an entity (US Census 1990 names) that it must leave alone."""

from __future__ import annotations

import pytest

from bot.matching.document import prepare
from bot.matching.misspelt import entity_names, name_words
from bot.matching.plan import match_query
from bot.matching.query import parse_query
from bot.models import Article

RULES = [
    # A capitalised query word no list knows, one typist's slip from a WordNet instance
    # name whose first noun sense is the entity: a letter added, left out, mistyped.
    ("entity name", "Kremlim", "The Kremlin said on Monday.", True),
    ("entity name", "Pentagone", "The Pentagon said on Monday.", True),
    ("entity name", "Pentgon", "The Pentagon said on Monday.", True),
    ("entity name", "Louvr", "Crowds at the Louvre.", True),
    ("entity name", "Lucifr", "A film about Lucifer.", True),
    # As every name's typo, only where the article capitalises the word.
    ("entity name", "Pentagone", "A pentagon has five sides.", False),
    # A real name that a list knows is no misspelling (Census surnames: Poston is no
    # Piston, Lucier no Lucifer; Judah, a given name, no Judas).
    ("entity name", "Poston", "Walter Piston wrote it.", False),
    ("entity name", "Lucier", "A film about Lucifer.", False),
    ("entity name", "Judah", "The gospel of Judas.", False),
]


def matched(query: str, text: str) -> bool:
    doc = prepare(Article(id="a", url="u", title="", text=text))
    return match_query(parse_query(query), doc) is not None


@pytest.mark.parametrize(("rule", "query", "text", "expected"), RULES)
def test_rule(rule: str, query: str, text: str, expected: bool) -> None:
    assert matched(query, text) is expected, (rule, query, text)


# The generator's guards (scripts/name_words.py's docstring), one example of each.
ENTITIES = [
    ("an instance, first noun sense", ["kremlin", "pentagon", "louvre"], []),
    ("another noun first", [], ["bush", "bill", "mark", "job", "mercury", "turkey"]),
    ("a verb, adjective or adverb too", [], ["nice", "begin", "tell", "will", "north"]),
    ("an inflection of a word", [], ["acts", "banks", "numbers", "affirmed"]),
    ("more lower-case senses", [], ["caliphate", "confederacy", "reconstruction"]),
]


@pytest.mark.parametrize(("guard", "kept", "left"), ENTITIES, ids=[e[0] for e in ENTITIES])
def test_entity_names_follow_the_rule(guard: str, kept: list[str], left: list[str]) -> None:
    assert [w for w in kept if w not in entity_names()] == [], guard
    assert [w for w in left if w in entity_names()] == [], guard


def test_entity_names_are_no_names_of_names_txt() -> None:
    # names.txt holds the words WordNet never writes in lower case; these have such a sense.
    assert not entity_names() & name_words()
