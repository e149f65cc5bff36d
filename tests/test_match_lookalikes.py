"""Cyrillic and Greek look-alikes in a Latin word (bot/matching/lookalikes.py): `Кyiv`,
`NАТО`, `Bіden` are read in Latin letters, in queries and articles alike. Source: Unicode's
confusables (UTS #39) through PyPI confusable_homoglyphs 3.3.1 (bot/data/lookalikes.tsv,
scripts/lookalikes.py). A word wholly in Cyrillic or Greek, or a mixed word with a letter
that looks like no Latin one, stays as it is."""

from __future__ import annotations

import io
import json
import unicodedata
from importlib import resources
from pathlib import Path

import pytest

from bot.cli.match import match_command
from bot.config import Settings
from bot.matching.lookalikes import LATIN, latinise
from bot.matching.normalise import fold
from tests.index_agreement import assert_index_agrees, assert_row

RULE = "look-alikes"
# (Cyrillic letters: К А Т О Н о е у і п; Greek: Α Ν)
ROWS = [
    (RULE, "Kyiv", "Shelling in Кyiv went on overnight.", True),
    (RULE, "Кyiv", "Shelling in Kyiv went on overnight.", True),
    (RULE, "NATO", "NАТО allies met on Monday.", True),
    (RULE, "NАТО", "NATO allies met on Monday.", True),
    (RULE, "Macron", "Macrоn said on Monday he would stay.", True),
    (RULE, "Macrоn", "Macron said on Monday he would stay.", True),
    (RULE, "Biden", "Bіden said on Monday he would stay.", True),
    (RULE, "Zelensky", "Zеlеnskу said on Monday he would stay.", True),
    (RULE, "Athens", "Talks in Αthens ended on Monday.", True),
    (RULE, "Кyiv NАТО", "Kyiv asked NATO for more air defence.", True),
    (RULE, '"NАТО summit"', "The NATO summit ended on Monday.", True),
    # a word wholly in Cyrillic is another language, even when all its letters look Latin
    (RULE, "NATO", "НАТО allies met on Monday.", False),
    (RULE, "НАТО", "NATO allies met on Monday.", False),
    (RULE, "Putin", "Путин said on Monday he would stay.", False),
    # a letter that looks like no Latin one (п) leaves the word as it is
    (RULE, "Macron", "Macrоп said on Monday he would stay.", False),
    # the micro sign (NFKC: Greek μ) is a unit, no m
    (RULE, "mg", "The air held 5 µg of lead.", False),
    (RULE, "Kyiv", "Shelling in Кharkiv went on overnight.", False),
]


@pytest.mark.parametrize(("rule", "query", "text", "expected"), ROWS)
def test_lookalike_rows(rule: str, query: str, text: str, expected: bool) -> None:
    assert_row(query, text, expected, rule)


@pytest.mark.parametrize(
    ("written", "folded"),
    [
        ("Кyiv", "kyiv"),
        ("NАТО", "nato"),
        ("Bіden", "biden"),
        ("Кyiv’s", "kyiv's"),
        ("Ηello", "hello"),  # Greek capital eta looks like H
        ("MН17", "mh17"),  # digits end a word: mН is read, 17 stays
        ("Кyiv and Путин", "kyiv and путин"),
        # case folded first: Н looks like H, so н reads h (and Macrон is no Macron)
        ("Macrон", "macroh"),
        # a lower-case letter's own look wins over its capital's: ν is v (Ν looks like N)
        ("ΝATO", "vato"),
        # unchanged: wholly Cyrillic or Greek, a letter that looks like no Latin one, µ
        ("НАТО", "нато"),
        ("Путин", "путин"),
        ("Αθήνα", "αθηνα"),
        ("Macrоп", "macrоп"),
        ("5µm", "5μm"),
        ("Türkiye", "turkiye"),
    ],
)
def test_fold_reads_lookalikes_in_latin_words(written: str, folded: str) -> None:
    assert fold(written) == folded


def test_the_table_holds_folded_cyrillic_and_greek_letters_read_as_ascii_ones() -> None:
    text = (resources.files("bot") / "data" / "lookalikes.tsv").read_text("utf-8")
    assert text.startswith("# Unicode confusables (UTS #39), PyPI confusable_homoglyphs 3.3.1")
    assert len(LATIN) > 40
    for code, latin in LATIN.items():
        letter = chr(code)
        assert letter == unicodedata.normalize("NFKC", letter).casefold(), letter
        assert unicodedata.name(letter).startswith(("CYRILLIC ", "GREEK ")), letter
        assert latin in "abcdefghijklmnopqrstuvwxyz", latin
        assert len(latin) == 1
    assert {chr(c) for c in LATIN} >= set("аеорсхуіАВЕКМНОРСТХ".casefold() + "αοριν")


def test_hostile_long_words_are_read_once() -> None:
    """A 100,000-letter word, and 100,000 mixed words: read correctly (each word is taken
    from its start once: no search restarts inside a word)."""
    assert latinise("a" * 100_000 + "а") == "a" * 100_001
    assert latinise("x" * 100_000 + " а") == "x" * 100_000 + " а"
    assert fold(" ".join(["Кyiv"] * 100_000)) == " ".join(["kyiv"] * 100_000)


def test_the_index_agrees_on_lookalike_words() -> None:
    assert_index_agrees(
        ["Kyiv", "NАТО", "Путин", "Macron", "Кyiv -NATO", "Zеlеnskу OR Biden"],
        [
            "Shelling in Кyiv went on overnight.",
            "NАТО and Kyiv met; Путин said nothing.",
            "Macrоn and Bіden spoke.",
            "НАТО allies met on Monday.",
        ],
    )


def test_a_query_typed_with_lookalikes_finds_the_article_end_to_end(tmp_path: Path) -> None:
    articles = tmp_path / "articles.jsonl"
    record = {
        "id": "a1",
        "title": "NATO allies meet in Brussels",
        "summary": "",
        "text": "Kyiv asked for more air defence.",
        "url": "https://example.org/a1",
    }
    articles.write_text(json.dumps(record) + "\n", encoding="utf-8")
    out = io.StringIO()
    queries = ["NАТО", "Кyiv", "НАТО"]  # Cyrillic А, Т, О and К; then wholly Cyrillic
    code = match_command(queries, None, [str(articles)], fmt="jsonl", settings=Settings(), out=out)
    assert code == 0
    found = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [(r["query"], r["terms"]) for r in found] == [("NАТО", ["NATO"]), ("Кyiv", ["Kyiv"])]
