"""An Arabic or Persian given name in its Turkish spelling and the Arabic press's
(bot/matching/turkish_names.py; names from Jörg Michael's nam_dict.txt,
bot/data/turkish_names.txt): must-match pairs by the published correspondences of
Turkish orthography with Arabic, must-not pairs of two names written from knowledge of
Turkish and Arabic."""

from __future__ import annotations

import pytest

from bot.matching.document import prepare
from bot.matching.plan import match_query
from bot.matching.query import parse_query
from bot.matching.turkish_names import turkish_spellings
from bot.models import Article

# (query, the name the article prints, one name)
PAIRS = [
    ("Ahmet", "Ahmed", True),  # a final d written t
    ("Ahmet", "Ahmad", True),  # and the Arabic list's other spelling of it
    ("Mahmut", "Mahmoud", True),
    ("Murat", "Murad", True),
    ("Habip", "Habib", True),  # a final b written p
    ("Cemal", "Jamal", True),  # j written c
    ("Vahit", "Wahid", True),  # w written v, a final d t
    ("Kerim", "Karim", True),  # a fatha written e
    ("Zeynep", "Zaynab", True),
    ("Fazil", "Fadhil", True),  # dh written z
    ("Cavit", "Cavid", True),  # two Turkish spellings of one name (Javid)
    ("Melek", "Malek", False),  # malak, angel / Mālik (Melek's e may be Melik's i)
    ("Cemil", "Jamal", False),  # Jamīl / Jamāl
    ("Esat", "Asad", False),  # Asʿad / Asad, lion (the Turkish Esed)
    ("Omer", "Omar", False),  # Omer is a Hebrew name too (Israel's column)
    ("Selma", "Salma", False),  # Selma, Alabama: a city
    ("Can", "Jan", False),  # no names of the lists
]


@pytest.mark.parametrize(("query", "written", "same"), PAIRS, ids=[f"{q}~{w}" for q, w, _ in PAIRS])
def test_one_name_in_turkish_and_arabic_spelling(query: str, written: str, same: bool) -> None:
    assert (written.lower() in turkish_spellings(query.lower())) == same
    assert (query.lower() in turkish_spellings(written.lower())) == same
    if same:
        text = f"Officials said {written} had left for talks on Tuesday."
        doc = prepare(Article(id="a", url="u", title="", text=text))
        assert match_query(parse_query(query), doc) is not None
