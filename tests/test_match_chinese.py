"""Chinese names in pinyin and in Wade-Giles or the postal spelling (bot/matching/chinese.py,
chinese_names.py), the rules of issue 9's second round, each with the pairs it was made
for: a full name whose one-syllable surname changes with its given name, a given name
whose syllables differ only in zh/j/q/ch or b/p, d/t, g/k, an older spelling English has
(Kaohsiung) finding its pinyin, and the postal sze and chwan (Szechwan).

The rows of the first round are in tests/test_match_variants.py ("Chinese: Wade-Giles/
postal and pinyin").
"""

from __future__ import annotations

import pytest

from bot.matching.chinese import chinese_variants
from bot.matching.chinese_names import full_name_forms
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
    ("a full name: surname and given name both in the other system (LoC table)", [
        ("Deng Xiaoping", "Teng Hsiao-ping"), ("Teng Hsiao-ping", "Deng Xiaoping"),
        ("Jiang Zemin", "Chiang Tse-min"), ("Chiang Tse-min", "Jiang Zemin"),
        ("Zhou Enlai", "Chou En-lai"), ("Chou En-lai", "Zhou Enlai"),
        ("Xi Jinping", "Hsi Chin-ping"), ("Jiang Jingguo", "Chiang Ching-kuo")],
     [("Deng", "Teng"), ("Teng", "Deng"), ("Deng Xiaoping", "Teng met Hsiao-ping"),
      ("Deng Xiaoping", "Teng Xiaoming"), ("Jiang Qing", "Chiang Ching"),
      ("Can Make", "Tsan Ma-ko"), ("Zhou Enlai", "Chou said Enlai")]),
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


def test_a_full_name_is_explained_as_one_name() -> None:
    found = matched("Deng Xiaoping", "On Monday Teng Hsiao-ping said it.")
    assert found is not None
    assert [t.label for t in found] == ["Deng Xiaoping ≈ Teng Hsiao ping"]


def test_full_name_forms_need_a_surname_that_changes_and_a_given_name_of_two_syllables() -> None:
    zipf = load_lexicon().zipf
    assert ("teng", "hsiao", "ping") in full_name_forms(("deng", "xiaoping"), zipf)
    assert ("deng", "xiaoping") in full_name_forms(("teng", "hsiao", "ping"), zipf)
    assert full_name_forms(("hu", "jintao"), zipf) == []  # (Hu: the same in both)
    assert full_name_forms(("jiang", "qing"), zipf) == []  # (a given name of one syllable)
    assert full_name_forms(("deng",), zipf) == []
    assert full_name_forms(("can", "make"), zipf) == []  # (a common English word)


def test_no_forms_for_a_one_syllable_name_alone() -> None:
    lexicon = load_lexicon()
    for word in ("deng", "teng", "chin", "zhang", "chang", "tsai"):
        assert chinese_variants(word, lexicon.zipf, lexicon.places) == [], word
