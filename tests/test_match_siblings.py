"""A country's adjective finds the country's other adjectives and people
(bot/matching/siblings.py, bot/data/demonyms.tsv): each row a query, an article text, and
whether the query must match it."""

from __future__ import annotations

import pytest

from bot.matching.document import prepare
from bot.matching.plan import match_query
from bot.matching.query import parse_query
from bot.matching.terms import MatchedTerm
from bot.models import Article
from tests.index_agreement import assert_index_agrees


def matched(query: str, text: str) -> tuple[MatchedTerm, ...] | None:
    doc = prepare(Article(id="a", url="u", title="", text=text))
    return match_query(parse_query(query), doc)


SIBLINGS = [
    # One country's adjectives and people find each other (the CIA World Factbook's
    # nationality fields and WordNet's synonyms: Nepalese/Nepali, Lao/Laotian).
    ("Nepali", "Nepalese troops crossed.", True),
    ("Nepalese", "The Nepali army said.", True),
    ("Lao", "Laotian officials said.", True),
    ("Laotian", "The Lao government said.", True),
    ("Filipino", "The Philippine coast guard said.", True),
    ("Philippine", "Filipinos queued to vote.", True),
    ("Filipinos", "The Philippine coast guard said.", True),
    ("Polish", "Poles voted on Sunday.", True),
    ("Danes", "The Danish government said.", True),
    ("Serbian", "Serbs protested in Belgrade.", True),
    ("Sinhalese", "Sri Lankan police said.", True),
    ('"Sri Lankan"', "Sinhalese monks marched.", True),
    ("Hungarian", "Magyar voters went to the polls.", True),
    # Never another country's, nor a word of two countries or of none in the table
    # (Dominican: the Dominican Republic's; Congolese: one Congo's; Georgian, Irish: one
    # word only, so no siblings).
    ("Nepali", "Indian troops crossed.", False),
    ("Slovak", "Slovenian police said.", False),
    ("Slovene", "Slovakian police said.", False),
    ("Austrian", "Australian police said.", False),
    ("Dominican", "Officials of Dominica said.", False),
    ("Georgian", "Armenian officials said.", False),
    ("Irish", "British officials said.", False),
    ("Congolese", "Zairean officials said.", False),
    # A sibling is written with a capital; a query typed in lower case may be the
    # ordinary word (polish, danish: no Poles, no Danes).
    ("Polish", "He will polish the shoes.", True),  # (the word itself: as before)
    ("Nepali", "the nepalese said", False),
    ("polish", "Poles voted on Sunday.", False),
    ("danish", "Danes voted on Sunday.", False),
    # No one's siblings: Malay (a people and language of three countries), Siamese
    # (the cat, the twins), Flemings (a part of Belgium's people).
    ("Malay", "Malaysian police said.", False),
    ("Malaysian", "Malay voters said.", False),
    ("Thai", "Siamese twins were born.", False),
    ("Siamese", "Thai police said.", False),
    ("Flemings", "Belgian police said.", False),
]


@pytest.mark.parametrize(("query", "text", "must"), SIBLINGS)
def test_a_country_adjective_finds_its_siblings(query: str, text: str, must: bool) -> None:
    assert (matched(query, text) is not None) == must


def test_a_sibling_is_explained_as_the_word_typed() -> None:
    found = matched("Nepali", "Nepalese troops crossed.")
    assert found is not None
    assert [t.label for t in found] == ["Nepalese → Nepali"]


def test_the_index_finds_what_the_siblings_find() -> None:
    assert_index_agrees([q for q, _, _ in SIBLINGS], [t for _, t, _ in SIBLINGS])
