"""Other names of organisations from the US Treasury's SDN list and the UK's consolidated
sanctions list (scripts/org_sanctions.py, bot/data/org_sanctions.tsv): must-match and
must-not pairs, and the generator's filters checked on the shipped file."""

from __future__ import annotations

from importlib import resources

import pytest
from wordfreq import zipf_frequency

from bot.matching.document import prepare
from bot.matching.plan import match_query
from bot.matching.query import parse_query
from bot.models import Article


def matches(query: str, text: str) -> bool:
    doc = prepare(Article(id="a", url="u", title="", text=text))
    return match_query(parse_query(query), doc) is not None


# (why, query, text, matches). The names are the lists' a.k.a. names of one designated
# organisation; the must-not rows are the filters of scripts/org_sanctions.py.
CASES = [
    ("acronym, a.k.a.", "ISIS", "Daesh fighters withdrew from the village.", True),
    ("a.k.a., acronym", "Islamic State", "ISIL claimed the attack.", True),
    ("acronym, a.k.a.", "ISIS", "Fighters of the Islamic State attacked.", True),
    ("acronym, a.k.a.", "IRGC", "Iran's Revolutionary Guards seized a tanker.", True),
    ("a.k.a., acronym", "Quds Force", "The IRGC-QF trained the militia.", True),
    ("acronym, a.k.a.", "PKK", "Kongra-Gel fighters attacked.", True),
    ("a.k.a.", "Kurdistan Workers' Party", "KADEK said on Monday.", True),
    ("a.k.a.", "Boko Haram", "Jama'atu Ahlis Sunna Lidda'awati wal-Jihad said.", True),
    ("a.k.a.", "Boko Haram", "The Nigerian Taliban attacked a school.", True),
    ("acronym, a.k.a.", "TTP", "The Pakistani Taliban claimed the attack.", True),
    ("acronym, long name", "AQIM", "Al-Qaida in the Islamic Maghreb said.", True),
    ("f.k.a.", "AQIM", "The Salafist Group for Preaching and Combat said.", True),
    ("a.k.a.", "al-Shabaab", "Harakat al-Shabaab al-Mujahidin said.", True),
    # An acronym only in capitals (the file's check below: no ordinary word is one).
    ("acronym in capitals", "PKK", "The pkk said.", False),
    # A description of ordinary words is no name (al-Shabaab's "Youth Wing").
    ("description", "al-Shabaab", "The party's Youth Wing met.", False),
    ("not a description", "Jund al Khilafah", "Soldiers of the Caliphate said.", True),
    # A hyphenated query word's parts are words of the name (the file writes them apart).
    ("hyphen in the query", "Jund al-Khilafah", "Soldiers of the Caliphate said.", True),
    ("hyphen in the query", "Soldiers of the Caliphate", "Jund al-Khilafah said.", True),
    ("acronym, long name", "ELN", "The National Liberation Army said.", True),
    # A name two organisations share is nobody's: Ansar al-Sharia is an a.k.a. of AQAP and
    # the name of groups in Libya and Tunisia.
    ("shared name", "AQAP", "Ansar al-Sharia said.", False),
    ("shared name", "Ansar al Charia Benghazi", "Ansar al-Sharia in Tunisia said.", False),
    # A name that starts with a common word is read as words ("IS EGYPT").
    ("common first word", "Islamic State Egypt", "The answer is Egypt.", False),
    # An acronym that is a person's name is no acronym of the file (Mira, Cira), unless
    # English uses it as a word (ISIS); the long names still find each other.
    ("name acronym", "al Harakat al Islamiyah lil Islah", "Mira Murati said.", False),
    ("name acronym", "Continuity IRA", "Cira Smith said.", False),
    ("name acronym", "Continuity IRA", "The Continuity Irish Republican Army said.", True),
    # A name another alias file owns stays its own (ISI: Pakistan's intelligence, WordNet).
    ("other file's name", "ISIS", "The ISI arrested him.", False),
]


@pytest.mark.parametrize(("why", "query", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_sanctions_list_names(why: str, query: str, text: str, expected: bool) -> None:
    assert matches(query, text) is expected, why


def groups() -> list[list[str]]:
    text = (resources.files("bot") / "data" / "org_sanctions.tsv").read_text("utf-8")
    return [line.split("\t") for line in text.splitlines() if not line.startswith("#")]


def test_the_file_names_its_source() -> None:
    first = (resources.files("bot") / "data" / "org_sanctions.tsv").read_text("utf-8")
    assert first.startswith("# OFAC SDN and UK OFSI lists of 2022-05-05, PyPI SanctionToolkit")


def test_every_name_is_one_groups_and_kept_by_the_filters() -> None:
    listed = (resources.files("bot") / "data" / "names.txt").read_text("utf-8").splitlines()
    names = set(listed)  # frequent words that are names, not ordinary words (ISIS)
    seen: set[str] = set()
    for group in groups():
        assert len(group) >= 2
        for name in group:
            assert name not in seen, name
            seen.add(name)
            if name.isupper():  # an acronym: three letters or more, no ordinary word
                assert len(name) >= 3, name
                assert name.isalpha(), name
                low = name.lower()
                assert zipf_frequency(low, "en") < 4 or low in names, name
            else:
                words = name.split()
                assert name == name.lower(), name
                assert max(map(len, words)) > 3, name
                assert zipf_frequency(words[0], "en") < 6, name
