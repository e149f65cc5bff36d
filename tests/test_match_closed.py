"""Names printed as one word or as two or three (bot/matching/closed.py): must-match and
must-not pairs, both ways, through `match_query` and the index.

Sources of the pairs: how Vietnam's government and press (Vietnam News) and the foreign
press (Reuters, AP) write the same place (Da Nang / Danang, Ha Noi / Hanoi), Myanmar's
government and the press (Nay Pyi Taw / Naypyitaw), Malaysia's (Putrajaya); the must-not
pairs are Title-Case runs of English words against the name those letters make.
"""

from __future__ import annotations

import pytest

from bot.matching.closed import closed_name, open_forms
from bot.matching.document import prepare
from bot.matching.index import SubscriptionIndex
from bot.matching.lexicon import load_lexicon
from bot.matching.plan import match_query
from bot.matching.query import parse_query
from bot.models import Article
from tests.index_agreement import assert_index_agrees


def found(query: str, text: str) -> list[str] | None:
    doc = prepare(Article(id="a", url="u", title="", text=text))
    hit = match_query(parse_query(query), doc)
    return None if hit is None else [t.label for t in hit]


# (rule, query, text, matches)
CASES = [
    # Typed open: the capitalised words also find the one word they make, capitalised.
    ("closed from open", "Da Nang", "Flights to Danang resumed.", True),
    ("closed from open", "Hai Phong", "The port of Haiphong reopened.", True),
    ("closed from open", "Putra Jaya", "Officials in Putrajaya said.", True),
    ("closed from open", "Boko Haram", "Bokoharam fighters attacked.", True),
    ("closed from open, an alias run", "Sri Lanka", "Srilanka beat India.", True),
    ("closed from open, three words", "Nay Pyi Taw", "The junta in Naypyitaw said.", True),
    ("closed from open, inside an AND", "Da Nang flood", "A flood hit Danang.", True),
    ("closed from open, inside an AND", "Da Nang flood", "Danang was quiet.", False),
    ("closed from open: as written only", "Da Nang", "Flights to Danag resumed.", False),
    ("closed from open: capitalised", "Da Nang", "the danang plan", False),
    ("closed from open: English words", "Sun Day", "Polls open on Sunday.", False),
    ("closed from open: English words", "Good Man", "Mr Goodman said.", False),
    ("closed from open: English words", "New Man", "Paul Newman starred.", False),
    ("closed from open: an acronym", "AS Roma", "Asroma fans gathered.", False),
    # The word they make is one English uses often: a word or another name.
    ("closed from open: a frequent word", "Wan Ting", "Wanting more, they left.", False),
    ("closed from open: a frequent name", "Su Dan", "Troops left Sudan.", False),
    # Typed closed: a name that is no English word also finds its pieces, capitalised.
    ("open from closed", "Danang", "Flights to Da Nang resumed.", True),
    ("open from closed", "Hanoi", "Officials in Ha Noi said.", True),
    ("open from closed", "Putrajaya", "Officials in Putra Jaya said.", True),
    ("open from closed", "Pyeongchang", "The Pyeong Chang games opened.", True),
    ("open from closed, three words", "Naypyitaw", "The junta in Nay Pyi Taw said.", True),
    ("open from closed: capitalised", "Danang", "the da nang plan", False),
    ("open from closed: capitalised", "Danang", "Flights to Da nang resumed.", False),
    ("open from closed: English words", "Newman", "A New Man in the White House", False),
    ("open from closed: English words", "Goodman", "The Good Man Award", False),
    ("open from closed: English words", "Goldman", "The Gold Man Statue", False),
    ("open from closed: one letter", "Iran", "I Ran For Office", False),
    ("open from closed: a frequent name", "Florida", "The rapper Flo Rida sang.", False),
    ("open from closed: a frequent name", "Sudan", "Su Dan, a lawyer, said.", False),
    ("open from closed: typed in lower case", "danang", "Flights to Da Nang resumed.", False),
]


@pytest.mark.parametrize(("why", "query", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_a_name_printed_closed_or_open(why: str, query: str, text: str, expected: bool) -> None:
    assert (found(query, text) is not None) is expected, why


def test_the_index_agrees() -> None:
    assert_index_agrees([case[1] for case in CASES], [case[2] for case in CASES])


def test_explained_as_the_name_written_the_other_way() -> None:
    assert found("Da Nang", "Flights to Danang resumed.") == ["Danang → Da Nang"]
    assert found("Danang", "Flights to Da Nang resumed.") == ["Da Nang → Danang"]


def test_the_pieces() -> None:
    zipf = load_lexicon().zipf
    assert closed_name(["Da", "Nang"], zipf) == "danang"
    assert closed_name(["Nay", "Pyi", "Taw"], zipf) == "naypyitaw"
    assert closed_name(["New", "Man"], zipf) is None  # two English words
    assert closed_name(["Da", "Ng"], zipf) is None  # a piece of two letters last
    assert closed_name(["DA", "NANG"], zipf) is None  # an acronym
    assert ("da", "nang") in set(open_forms("danang", "Danang", zipf))
    assert ("new", "man") not in set(open_forms("newman", "Newman", zipf))
    assert list(open_forms("window", "Window", zipf)) == []  # an English word


def test_the_index_forgets_the_joined_and_split_forms() -> None:
    index = SubscriptionIndex()
    queries = ["Da Nang", "Sri Lanka", "Hong Kong", "Nay Pyi Taw flood", "Danang", "Putrajaya"]
    for key, query in enumerate(queries):
        index.add(key, parse_query(query))
    for key in range(len(queries)):
        index.remove(key)
    assert set(index.stats().values()) == {0}


@pytest.mark.parametrize(
    "query",
    ["Da Nang", "Nay Pyi Taw", "(Paris OR Rome) (Paris OR Berlin)", "(Paris OR Rome) Paris"],
)
def test_a_term_in_both_clauses_of_an_and(query: str) -> None:
    """`Da Nang` is `(Da OR Danang) (Nang OR Danang)`: a term in both clauses of a
    two-clause AND, filed as a link to itself; the index agrees with `match_query`, and
    forgets the query whole."""
    texts = [
        "Flights to Danang resumed.",
        "Flights to Da Nang resumed.",
        "The junta in Nay Pyi Taw and Naypyitaw said.",
        "Talks in Paris ended.",
        "Talks in Rome and Berlin ended.",
        "Talks in Rome ended.",
        "Nothing to see here.",
    ]
    index = SubscriptionIndex()
    index.add(1, parse_query(query))
    for text in texts:
        expected = found(query, text) is not None
        hits = index.find(prepare(Article(id="a", url="u", title="", text=text)))
        assert (1 in hits.keys) is expected, text
        if expected:
            assert [t.label for t in hits.explain(1)] == found(query, text)
    index.remove(1)
    assert set(index.stats().values()) == {0}
