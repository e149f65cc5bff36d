"""Chinese names in pinyin and in Wade-Giles or the postal spelling (bot/matching/chinese.py),
the rules of issue 9's second round, each with the pairs it was made for: a given name
whose syllables differ only in zh/j/q/ch or b/p, d/t, g/k, an older spelling English has
(Kaohsiung) finding its pinyin, and the postal sze and chwan (Szechwan).

The rows of the first round are in tests/test_match_variants.py ("Chinese: Wade-Giles/
postal and pinyin").
"""

from __future__ import annotations

import pytest

from bot.matching.chinese import chinese_variants
from bot.matching.document import prepare
from bot.matching.lexicon import load_lexicon
from bot.matching.plan import match_query
from bot.matching.query import parse_query
from bot.matching.terms import MatchedTerm
from bot.models import Article
from tests.index_agreement import assert_index_agrees


def matched(query: str, text: str) -> tuple[MatchedTerm, ...] | None:
    doc = prepare(Article(id="a", url="u", title="", text=text))
    return match_query(parse_query(query), doc)


RULES = [
    ("a given name whose letters differ only in zh/j/q/ch, b/p, d/t, g/k", [
        ("Jintao", "Chintao"), ("Jintao", "Chin-tao"), ("Chintao", "Jintao"),
        ("Hu Jintao", "Hu Chin-tao"), ("Guofeng", "Kuo-feng"), ("Yaobang", "Yao-pang"),
        ("Zhuhai", "Chuhai"), ("Chuhai", "Zhuhai"), ("Jilin", "Chilin")],
     [("Jin", "Chin"), ("Chin", "Jin"), ("Tao", "Dao"), ("Dao", "Tao"), ("Chen", "Hen"),
      ("Chima", "Jima"), ("Chuma", "Juma"), ("Juma", "Chuma"),
      ("Jina", "China"), ("China", "Jina")]),
    ("an older spelling English has, with letters only Wade-Giles writes: its pinyin", [
        ("Kaohsiung", "Gaoxiong"), ("Gaoxiong", "Kaohsiung"), ("Hsinchu", "Xinzhu"),
        ("Xinzhu", "Hsinchu"), ("Taitung", "Taidong"), ("Taichung", "Taizhong")],
     [("China", "Qina"), ("China", "Zhina"), ("Tsuma", "Cuma"), ("Fatsa", "Faca")]),
    ("the postal sze for si and chwan for chuan", [
        ("Sichuan", "Szechwan"), ("Szechwan", "Sichuan"), ("Sichuan", "Szechuan"),
        ("Szechuan", "Sichuan"), ("Simao", "Szemao")],
     [("Sichuan", "Sichon"), ("Szeged", "Sijie")]),
]  # fmt: skip


@pytest.mark.parametrize(("rule", "same", "apart"), RULES, ids=[r[0] for r in RULES])
def test_chinese_rules(
    rule: str, same: list[tuple[str, str]], apart: list[tuple[str, str]]
) -> None:
    def found(query: str, written: str) -> bool:
        return matched(query, f"On Monday {written} said it would.") is not None

    assert [pair for pair in same if not found(*pair)] == [], rule
    assert [pair for pair in apart if found(*pair)] == [], rule
    # The control: the article without the other spelling never matches.
    assert not any(matched(q, "On Monday the council said it would.") for q, _ in same)


def test_the_index_finds_what_the_rules_find() -> None:
    pairs = [pair for _, same, apart in RULES for pair in (*same, *apart)]
    texts = [f"On Monday {written} said it." for _, written in pairs]
    assert_index_agrees([query for query, _ in pairs], texts)


def test_no_forms_for_a_one_syllable_name_alone() -> None:
    lexicon = load_lexicon()
    for word in ("deng", "teng", "chin", "zhang", "chang", "tsai"):
        assert chinese_variants(word, lexicon.zipf, lexicon.places) == [], word
