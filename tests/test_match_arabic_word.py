"""The word after an Arabic article written two ways (bot/matching/arabic_word.py), each
with the pairs it was made for: with an article on both sides the word takes the vowels of
the BGN/PCGN and Library of Congress romanisations of Arabic against the press's, whatever
its length (a/e, i/e, u/o; aw as o, ou or aw; ay as ai or ei; French ou for u; a long vowel
doubled; a final h; a doubled consonant). Must-not rows: two Arabic words or places a
vowel or a syllable apart (GeoNames main names, Hans Wehr's dictionary), an inserted vowel
(Sadr/Sader), English words after a word spelled like an article, and the article on one
side only. Each row is tried with match_query and with the index."""

from __future__ import annotations

import pytest

from bot.matching.arabic_word import (
    MAX_FORMS,
    article_word_forms,
    same_arabic_word,
    word_spellings,
)
from bot.matching.document import prepare
from bot.matching.plan import match_query
from bot.matching.query import parse_query
from bot.models import Article
from tests.index_agreement import assert_row

ROWS = [
    # A short vowel one sound written two ways: fatha a/e, kasra i/e, damma u/o.
    ("vowel", "al-Quds", "Crowds gathered in al-Qods on Friday.", True),
    ("vowel", "al-Qods", "Crowds gathered in al-Quds on Friday.", True),
    ("vowel", "al-Tur", "The governor of el-Tor said.", True),
    ("vowel", "al-Qaim", "Near al-Qaem on the border.", True),  # (a hamza between)
    # The diphthongs: aw as o, ou or aw; ay as ai, ei or ay.
    ("diphthong", "al-Hol", "Families held in al-Hawl camp.", True),
    ("diphthong", "al-Hawl", "Families held in al-Hol camp.", True),
    ("diphthong", "al-Jouf", "Rain fell in al-Jawf province.", True),
    ("diphthong", "al-Ain", "The stadium in al-Ayn.", True),
    ("diphthong", "Deir ez-Zor", "Fighting in Deir ez-Zour went on.", True),
    ("diphthong", "Deir ez-Zor", "Fighting in Deir el-Zour went on.", True),
    # French ou for u, a long vowel doubled, a final h, a doubled consonant.
    ("ou, long vowel", "al-Nur", "The Salafist al-Nour party.", True),
    ("ou, long vowel", "al-Bab", "Shelling hit al-Baab.", True),
    ("ou, long vowel", "al-Sham", "Hayat Tahrir al-Shaam said.", True),
    ("final h", "al-Aqsa", "Prayers at al-Aqsah mosque.", True),
    ("doubled", "al-Tal", "Buses left al-Tall.", True),
    # Two words or places: another vowel, a syllable more, a vowel inserted.
    ("apart", "al-Burj", "A camp in al-Bureij.", False),  # GeoNames: Al Burj, Al Burayj
    ("apart", "al-Marj", "Police in el-Mourouj said.", False),  # Al Marj, El Mourouj
    ("apart", "al-Qurnah", "Police in al-Qurayn said.", False),  # Al Qurnah, Al Qurayn
    ("apart", "al-Nasr", "Sheikh al-Naser said.", False),  # victory, helper (Hans Wehr)
    ("apart", "al-Jamal", "Ahmed al-Jamil said.", False),  # camel, handsome
    ("apart", "al-Khor", "The charity al-Khair said.", False),  # inlet, good
    ("apart", "al-Sadr", "Ali al-Sader said.", False),  # no inserted vowel
    # English words after a word spelled like an article; an English article form.
    ("apart", "al-Hol", "Jazz by Al Hall.", False),
    ("apart", "al-Ghor", "Former vice president Al Gore.", False),
    ("apart", "al-Tur", "They met at Tor Bay.", False),
    ("apart", "as-Sadd", "As sad as it was.", False),
    # The article on the query's side only: the rule does not reach the word alone.
    ("one side", "al-Ain", "A book by Ayn Rand.", False),
    ("one side", "al-Tur", "Users of Tor said.", False),
    ("one side", "al-Nour", "Queen Noor said.", False),
    # The query typed in lower case: no name, no spelling of it.
    ("lower case", "al-quds", "Crowds gathered in al-Qods.", False),
]


@pytest.mark.parametrize(("rule", "query", "text", "expected"), ROWS)
def test_arabic_word_rows(rule: str, query: str, text: str, expected: bool) -> None:
    assert_row(query, text, expected, rule)


def test_explained_as_a_spelling() -> None:
    doc = prepare(Article(id="a", url="u", title="", text="Families held in al-Hawl camp."))
    found = match_query(parse_query("al-Hol"), doc)
    assert found is not None
    assert "al-Hol ≈ al Hawl" in [t.label for t in found]


@pytest.mark.parametrize(
    ("word", "other", "same"),
    [
        ("quds", "qods", True), ("hol", "hawl", True), ("zor", "zour", True),
        ("jouf", "jawf", True), ("bayda", "beida", True), ("aqsa", "aqsah", True),
        ("tall", "tal", True), ("shabab", "shabaab", True), ("qaim", "qaem", True),
        ("raqqa", "riqqa", False), ("burj", "bureij", False), ("sadr", "sader", False),
        ("hol", "hul", True), ("hawl", "hul", False), ("khalil", "khalaal", False),
    ],
)  # fmt: skip
def test_same_arabic_word(word: str, other: str, same: bool) -> None:
    assert same_arabic_word(word, other) is same
    assert same_arabic_word(other, word) is same


def test_spellings_are_symmetric_and_bounded() -> None:
    for word in ("quds", "hol", "zour", "aqsa", "bab", "qaim", "tall", "khaleel", "mezzeh"):
        forms = word_spellings(word)
        assert word not in forms
        assert len(forms) <= MAX_FORMS
        assert all(same_arabic_word(word, form) for form in forms)
        # (both ways, unless the other's spellings are cut at MAX_FORMS: mezzeh, maaze)
        back = [word_spellings(form) for form in forms[:5]]
        assert all(word in spellings for spellings in back if len(spellings) < MAX_FORMS)
    assert word_spellings("ab") == ()
    assert word_spellings("x" * 13) == ()


def test_article_forms_keep_an_article_and_no_english_word() -> None:
    forms = article_word_forms(("ez", "zor"))
    assert ("ez", "zour") in forms
    assert ("al", "zawr") in forms
    assert all(article not in {"at", "as", "an", "en", "et"} for article, _ in forms)
    assert ("at", "tor") not in article_word_forms(("al", "tur"))
    assert article_word_forms(("al",)) == []
