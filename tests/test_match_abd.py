"""Names made with ʿAbd al- in every printed form (bot/matching/abd.py): closed, hyphenated
and open, any article vowel, the article said as a sun letter. Pairs from the ALA-LC and
BGN/PCGN romanisations of Arabic and press usage; must-not pairs: two names made with two
names of God, the second part alone, and Abdul alone."""

from __future__ import annotations

import pytest

from bot.matching.abd import abd_forms, second_part, two_names
from bot.matching.document import prepare
from bot.matching.plan import match_query
from bot.matching.query import parse_query
from bot.models import Article

# (rule, [(query, the article's spelling)], [(query, an article spelling it must not find)])
RULES = [
    ("closed and open (ALA-LC ʻAbd al-; press Abdul, Abdel)", [
        ("Abdulaziz", "Abdel-Aziz"), ("Abdelaziz", "Abdul Aziz"), ("Abd al-Aziz", "Abdulaziz"),
        ("Abdulkarim", "Abdel Karim"), ("Abdulmalik", "Abd al-Malik"),
        ("Abd al Aziz", "Abdel-Aziz"), ("Abd-al-Aziz", "Abdul Aziz")],
     [("Abdulaziz", "Aziz"), ("Abd al-Karim", "Karim"), ("Abdel Rahman", "Rahman")]),
    ("the article joined to Allah (ALA-LC ʻAbd Allāh)", [
        ("Abdullah", "Abd Allah"), ("Abd Allah", "Abdullah"), ("Abd Allah", "Abdellah")],
     [("Abd Allah", "Allah")]),
    ("the article as a sun letter (BGN/PCGN ar-, as-, an-; South Asian Abdur, Abdus)", [
        ("Abdur Rahman", "Abd ar-Rahman"), ("Abdulrahman", "Abdurrahman"),
        ("Abd ar-Rahman", "Abdul Rahman"), ("Abdus Salam", "Abdussalam"),
        ("Abdussalam", "Abd as-Salam"), ("Abdel Nasser", "Abdun Nasser"),
        ("Abdurrahman", "Abd-ur-Rahman"), ("Abdulrahman", "Abderahman")],
     [("Abdur Rahman", "Abdur Rahim"), ("Abdus Salam", "Abdus Sattar")]),
    ("Malaysian Abd for Abdul", [("Abdul Razak", "Abd Razak"), ("Abd Rahman", "Abdulrahman")],
     []),
    ("the second part's own spellings (names list)", [("Abdulkarim", "Abdul Kareem")],
     [("Abdulkarim", "Abdul Kader")]),
    ("two names of God are two names (al-asmāʾ al-ḥusnā)", [
        ("Abdelaziz", "Abdelazis"), ("Hakim", "Hakin"), ("Karim", "Kareem")],
     [("Abdelaziz", "Abdelazim"), ("Abdulhakim", "Abdulhalim"), ("Abd al-Aziz", "Abdulazim"),
      ("Abdul Basit", "Abdul Basir"), ("Hakim", "Halim")]),
    ("Abdul alone is a given name of its own", [("Abdul", "Abdul Aziz")],
     [("Abdul", "Abdulaziz"), ("Abdul", "Abd al-Rahman"), ("Abdel", "Abdelfattah")]),
]  # fmt: skip

CASES = [
    (rule, query, written, same)
    for rule, found, apart in RULES
    for pairs, same in ((found, True), (apart, False))
    for query, written in pairs
]


def _finds(query: str, written: str) -> bool:
    text = f"Officials said on Tuesday that {written} had left for the talks."
    doc = prepare(Article(id="a", url="u", title="", text=text))
    return match_query(parse_query(query), doc) is not None


@pytest.mark.parametrize(
    ("rule", "query", "written", "same"), CASES, ids=[f"{q}~{w}" for _, q, w, _ in CASES]
)
def test_abd_al_names(rule: str, query: str, written: str, same: bool) -> None:
    assert _finds(query, written) == same, rule


@pytest.mark.parametrize(
    ("words", "rest"),
    [
        ("abdulaziz", "aziz"),
        ("abdurrahman", "rahman"),
        ("abderrahmane", "rahmane"),
        ("abdullah", "lah"),
        ("abd al aziz", "aziz"),
        ("abd allah", "lah"),
        ("abd aziz", "aziz"),
        ("abdun nasser", "nasser"),
        ("abdul", None),  # the article's vowel alone
        ("abdulla", None),  # (Uzbek Abdulla: no second part of three letters)
        ("abdomen", None),
        ("abduction", None),
        ("abdur aziz", None),  # ar- only before an r
        ("abdou diouf", None),
    ],
)
def test_second_part(words: str, rest: str | None) -> None:
    assert second_part(words.split()) == rest


def test_forms_both_ways() -> None:
    forms = abd_forms("rahman")
    for printed in ("abdulrahman", "abdurrahman", "abdel rahman", "abd ar rahman", "abd rahman"):
        assert tuple(printed.split()) in forms
    assert ("abdur", "aziz") not in abd_forms("aziz")


def test_two_names_of_god() -> None:
    assert two_names("abdelaziz", "abdulazim")
    assert not two_names("abdelaziz", "abdelazis")  # a misspelling, no other name
    assert not two_names("abdulkarim", "abdelkareem")  # one name, two spellings
    assert not two_names("abdelaziz", "abdelazer")  # (azer: no name of God)
    assert two_names("basit", "basir")  # the names themselves too (Abdul Basit, Basir)
    assert not two_names("abdelaziz", "azim")  # (one a name with ʿAbd al-, one not)


def test_abd_in_capitals_is_an_acronym() -> None:
    assert not _finds("ABD Allah", "Abdullah")
