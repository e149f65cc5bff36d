"""The query parser (DESIGN §3): valid queries → canonical text and tree, bad ones → a reason."""

from __future__ import annotations

import pytest

from bot.errors import QueryError
from bot.matching.query import (
    And,
    Node,
    Not,
    Or,
    Phrase,
    Query,
    Term,
    _flat,
    _Parser,
    _tokenise,
    parse_query,
    render,
)

T = Term


VALID: list[tuple[str, str, Node]] = [
    ("Khmeimim", "Khmeimim", T("Khmeimim")),
    ("syria russia", "syria russia", And((T("syria"), T("russia")))),
    ("  syria \t  russia  ", "syria russia", And((T("syria"), T("russia")))),
    ('"air base"', '"air base"', Phrase(("air", "base"))),
    ('"  air   base "', '"air base"', Phrase(("air", "base"))),
    ("“air base” Syria", '"air base" Syria', And((Phrase(("air", "base")), T("Syria")))),
    ("„air base“", '"air base"', Phrase(("air", "base"))),
    ("kyiv OR kiev", "kyiv OR kiev", Or((T("kyiv"), T("kiev")))),
    (
        "russia kyiv OR kiev",
        "russia kyiv OR kiev",
        And((T("russia"), Or((T("kyiv"), T("kiev"))))),
    ),
    (
        "kyiv OR kiev russia",
        "kyiv OR kiev russia",
        And((Or((T("kyiv"), T("kiev"))), T("russia"))),
    ),
    # lower-case "or" is an ordinary word
    ("war or peace", "war or peace", And((T("war"), T("or"), T("peace")))),
    ("syria -ukraine", "syria -ukraine", And((T("syria"), Not(T("ukraine"))))),
    (
        'syria -"air base"',
        'syria -"air base"',
        And((T("syria"), Not(Phrase(("air", "base"))))),
    ),
    ("(a b) OR c", "(a b) OR c", Or((And((T("a"), T("b"))), T("c")))),
    ("((kyiv))", "kyiv", T("kyiv")),
    (
        "(kyiv OR kiev) russia",
        "kyiv OR kiev russia",
        And((Or((T("kyiv"), T("kiev"))), T("russia"))),
    ),
    ("a OR (b OR c)", "a OR b OR c", Or((T("a"), T("b"), T("c")))),
    ("a (b c)", "a b c", And((T("a"), T("b"), T("c")))),
    ("x -(a b)", "x -(a b)", And((T("x"), Not(And((T("a"), T("b"))))))),
    ("x -(a OR b)", "x -(a OR b)", And((T("x"), Not(Or((T("a"), T("b"))))))),
    ("syria AND russia", "syria russia", And((T("syria"), T("russia")))),
    ("syria NOT ukraine", "syria -ukraine", And((T("syria"), Not(T("ukraine"))))),
    # repeated items are dropped (folded comparison), the first spelling is kept
    ("Kyiv kyiv", "Kyiv", T("Kyiv")),
    ("Kyiv OR KYIV OR kiev", "Kyiv OR kiev", Or((T("Kyiv"), T("kiev")))),
    # the user's capitals, accents and hyphens are kept for display
    ("Türkiye OR Turkey", "Türkiye OR Turkey", Or((T("Türkiye"), T("Turkey")))),
    ("al-Assad", "al-Assad", T("al-Assad")),
    ("Russia's", "Russia's", T("Russia's")),
    # Unicode width: full-width letters and parentheses become ASCII (NFKC)
    ("（Ｋｙｉｖ）", "Kyiv", T("Kyiv")),
    ('"OR"', '"OR"', Phrase(("OR",))),
    ("-ukraine syria", "-ukraine syria", And((Not(T("ukraine")), T("syria")))),
]


@pytest.mark.parametrize(("text", "normalised", "tree"), VALID, ids=[v[0] for v in VALID])
def test_valid_query_parses_to_canonical_text_and_tree(
    text: str, normalised: str, tree: Node
) -> None:
    query = parse_query(text)
    assert query.root == tree
    assert query.normalised == normalised
    assert str(query) == normalised


@pytest.mark.parametrize("text", [v[0] for v in VALID])
def test_reparsing_the_normalised_text_gives_an_equal_query(text: str) -> None:
    query = parse_query(text)
    again = parse_query(query.normalised)
    assert again == query
    assert again.normalised == query.normalised
    assert again.key == query.key


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Kyiv OR Kiev", "kyiv OR KIEV"),
        ("Türkiye", "turkiye"),
        ("Erdoğan", "ERDOGAN"),
        ("  syria   russia ", "Syria AND Russia"),
        ('"Air Base"', "“air base”"),
        ("(a b) OR c", "(A B) OR (C)"),
    ],
)
def test_same_query_in_other_case_or_spacing_has_the_same_key(a: str, b: str) -> None:
    assert parse_query(a).key == parse_query(b).key


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("kyiv OR kiev", "kyiv or kiev"),  # OR operator vs the word "or"
        ("syria russia", "syria OR russia"),
        ('"air base"', "air base"),
        ("syria -ukraine", "syria ukraine"),
    ],
)
def test_different_queries_have_different_keys(a: str, b: str) -> None:
    assert parse_query(a).key != parse_query(b).key


INVALID: list[tuple[str, str]] = [
    ("", "The query is empty: give at least one word to look for."),
    ("   \t ", "The query is empty: give at least one word to look for."),
    ("x" * 201, "The query is too long: 201 characters, at most 200 allowed."),
    ('"air base', "A quotation mark is not closed: phrases go between two quotes."),
    ('syria "air', "A quotation mark is not closed: phrases go between two quotes."),
    ("(kyiv OR kiev", "A parenthesis is not closed."),
    ("((a) b", "A parenthesis is not closed."),
    ("kyiv)", "A closing parenthesis has no opening one."),
    (")a(", "A closing parenthesis has no opening one."),
    ("-ukraine", "The query has only exclusions: add a word to look for (e.g. syria -ukraine)."),
    (
        '-ukraine -"air base"',
        "The query has only exclusions: add a word to look for (e.g. syria -ukraine).",
    ),
    ("-(a b)", "The query has only exclusions: add a word to look for (e.g. syria -ukraine)."),
    ("OR kiev", "OR needs something to look for on both sides (a OR b)."),
    ("kyiv OR", "OR needs something to look for on both sides (a OR b)."),
    ("kyiv OR OR kiev", "OR needs something to look for on both sides (a OR b)."),
    ("(OR kiev)", "OR needs something to look for on both sides (a OR b)."),
    ("(kyiv OR) x", "OR needs something to look for on both sides (a OR b)."),
    ("kyiv OR -kiev", "Each side of OR must be something to look for, not only an exclusion."),
    ("AND kiev", "AND needs something to look for on both sides (a AND b)."),
    ("kiev AND", "AND needs something to look for on both sides (a AND b)."),
    ('""', "The quotation marks hold no words."),
    ('syria "  "', "The quotation marks hold no words."),
    ('"!!"', "The quotation marks hold no words."),
    ("syria ()", "The parentheses hold nothing."),
    ("--ukraine syria", "Two exclusions in a row: use one minus sign."),
    ("syria -(-ukraine)", "Two exclusions in a row: use one minus sign."),
    (
        "syria - ukraine",
        "A minus sign must be followed directly by a word, a phrase or a group (write -ukraine).",
    ),
    (
        "syria -",
        "A minus sign must be followed directly by a word, a phrase or a group (write -ukraine).",
    ),
    ("syria NOT", "A minus sign (or NOT) must be followed by a word, a phrase or a group."),
    ("!!!", "“!!!” has no letters or digits to look for."),
    ("(" * 13 + "a" + ")" * 13, "Too many nested parentheses (at most 12)."),
]


@pytest.mark.parametrize(("text", "reason"), INVALID, ids=[v[0][:30] or "<empty>" for v in INVALID])
def test_invalid_query_gets_a_one_line_reason(text: str, reason: str) -> None:
    with pytest.raises(QueryError) as caught:
        parse_query(text)
    assert str(caught.value) == reason
    assert "\n" not in str(caught.value)


def test_max_length_is_configurable_and_counts_the_stripped_text() -> None:
    assert parse_query("  " + "a" * 10 + "  ", max_length=10).normalised == "a" * 10
    with pytest.raises(QueryError, match="11 characters, at most 10"):
        parse_query("a" * 11, max_length=10)


def test_leaves_tell_which_words_are_excluded() -> None:
    query = parse_query('syria (kyiv OR kiev) -"air base" -(a -b)')
    assert list(query.leaves()) == [
        (T("syria"), False),
        (T("kyiv"), False),
        (T("kiev"), False),
        (Phrase(("air", "base")), True),
        (T("a"), True),
        (T("b"), False),
    ]


def test_query_is_frozen_and_hashable() -> None:
    query = parse_query("kyiv OR kiev")
    assert isinstance(query, Query)
    assert {query, parse_query("kyiv  OR  kiev")} == {query}
    with pytest.raises(AttributeError):
        query.root = T("x")  # type: ignore[misc]  # frozen: must raise


@pytest.mark.parametrize(
    ("text", "normalised", "ignored"),
    [
        ("Marks & Spencer", "Marks Spencer", ("&",)),
        ("<b>x</b> & <i>", "<b>x</b> <i>", ("&",)),
        ("oil + gas + gas", "oil gas", ("+",)),
        ("syria — russia", "syria russia", ("—",)),
        ("Khmeimim", "Khmeimim", ()),
    ],
)
def test_words_with_nothing_to_look_for_are_left_out_and_reported(
    text: str, normalised: str, ignored: tuple[str, ...]
) -> None:
    query = parse_query(text)
    assert query.normalised == normalised
    assert query.ignored == ignored
    assert query == parse_query(normalised)


@pytest.mark.parametrize(
    "text",
    [
        "Türkiye OR ERDOĞAN",
        "“A Coruña” -(Kyiv OR kiev) b",
        "a OR (b c) OR d",
        "(a OR b) (c OR d) -x",
        "-(a b) c",
        "a & b",
        "a\u00a0b «x» al-Assad",
    ],
)
def test_normalised_and_key_are_the_two_renderings(text: str) -> None:
    # Query renders both strings in one walk: the same as the two renderings apart.
    query = parse_query(text)
    assert query.normalised == render(query.root)
    assert query.key == render(query.root, folded=True)


@pytest.mark.parametrize(
    "text",
    [
        "Kyiv",
        '"air base"',
        "syria russia",
        "a OR b c OR d -e",
        'x -"y z" OR w',
        "b OR a OR B c a",
        "-x y",
        "a OR -b",
        "a OR OR b",
        "a OR b OR",
        "x NOT",
        'a -"" b',
    ],
)
def test_flat_queries_parse_as_the_parser_parses_them(text: str) -> None:
    # Queries without parentheses or AND skip the parser's calls (start-up speed): the
    # same tree, or None where the parser is left to build it or to name the mistake.
    tokens, _ = _tokenise(text)
    flat = _flat(tokens)
    try:
        parsed: Node | None = _Parser(tokens).parse()
    except QueryError:
        parsed = None
    assert flat is None or flat == parsed
    if text in ("Kyiv", "syria russia", "a OR b c OR d -e", "b OR a OR B c a"):
        assert flat is not None
