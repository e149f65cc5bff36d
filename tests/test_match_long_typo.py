"""A long capitalised query word misspelt (bot/matching/long_typo.py), with the pairs the
rule was made for: typists' slips it reads, and the corpora's capitalised words no list
knows that it must leave alone (benchmarks/unknown_names_probe.py found them)."""

from __future__ import annotations

import pytest

from bot.matching.document import prepare
from bot.matching.lexicon import load_lexicon
from bot.matching.long_typo import derived_word, keyboard_slip, misspelt_long
from bot.matching.plan import match_query
from bot.matching.query import parse_query
from bot.matching.variants import speller
from bot.models import Article
from tests.index_agreement import assert_index_agrees

RULES = [
    # A capitalised word of 8+ letters no list knows: the established word (a dictionary's
    # word too) one typist's slip from it, the first letter kept: a letter left out...
    ("long typo", "Parliamnt", "The Parliament voted.", True),
    # ...a neighbouring key typed for a letter...
    ("long typo", "Conservativw", "The Conservative party won.", True),
    ("long typo", "Championshio", "The Championship final.", True),
    ("long typo", "Reoublicans", "Republicans voted.", True),
    ("long typo", "Ambassafor", "The Ambassador said.", True),
    # ...a neighbouring key typed beside one.
    ("long typo", "Hospitakl", "Royal Hospital staff.", True),
    # As every name's typo, only where the article capitalises the word.
    ("long typo", "Parliamnt", "The parliament voted.", False),
    # Not a regular derivation of a known word (a word the word list lacks)...
    ("long typo", "Requester", "Requested papers were sent.", False),
    ("long typo", "Patenting", "Parenting is hard.", False),
    ("long typo", "Uploader", "Uploaded files.", False),
    ("long typo", "Stringly", "Strongly worded.", False),
    # ...nor a letter added at the end that makes a form of a name...
    ("long typo", "Reginaldo", "Reginald said.", False),
    # ...nor an edit no typist's hand makes (j is no key beside t or e)...
    ("long typo", "Kirstjen", "Kirsten said.", False),
    # ...nor when two words are as likely (sharing, shading)...
    ("long typo", "Sharding", "Sharing is caring.", False),
    ("long typo", "Sharding", "Shading helps.", False),
    # ...nor a shorter word (the names.txt rule of misspelt.py reads those).
    ("long typo", "Scholas", "Scholars said.", False),
]


def matched(query: str, text: str) -> bool:
    doc = prepare(Article(id="a", url="u", title="", text=text))
    return match_query(parse_query(query), doc) is not None


@pytest.mark.parametrize(("rule", "query", "text", "expected"), RULES)
def test_rule(rule: str, query: str, text: str, expected: bool) -> None:
    assert matched(query, text) is expected, (rule, query, text)


def test_the_rule_reads_one_word() -> None:
    lexicon = load_lexicon()
    spell = speller(lexicon.zipf, lexicon.places)
    assert misspelt_long("parliamnt", spell) == "parliament"
    assert misspelt_long("parliamnt", spell, shortest=10) == ""
    assert misspelt_long("parliament", spell) == ""  # a word of its own
    assert misspelt_long("stephensn", spell) == ""  # stephens or stephenson


@pytest.mark.parametrize(
    ("typed", "meant", "slip"),
    [
        ("parliamnt", "parliament", True),  # left out
        ("parlliament", "parliament", True),  # doubled
        ("hospitakl", "hospital", True),  # k beside l
        ("conservativw", "conservative", True),  # w beside e
        ("hosiptal", "hospital", True),  # swapped
        ("kirstjen", "kirsten", False),  # j beside neither t nor e
        ("trillian", "trillion", False),  # a is no key beside o
    ],
)
def test_keyboard_slip(typed: str, meant: str, slip: bool) -> None:
    assert keyboard_slip(typed, meant) is slip


def test_derived_word() -> None:
    zipf = load_lexicon().zipf
    for word in ("burrowed", "fanciest", "remoting", "refactor", "chocolatey", "requester"):
        assert derived_word(word, zipf), word
    for word in ("parliamnt", "reoublicans", "conservativw", "hospitakl"):
        assert not derived_word(word, zipf), word


def test_the_index_finds_what_the_rule_finds() -> None:
    assert_index_agrees([row[1] for row in RULES], [row[2] for row in RULES])
