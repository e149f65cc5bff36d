"""Other languages' names of big cities, from Unicode CLDR's exemplar cities
(scripts/cldr_exonyms.py, bot/data/exonyms.tsv): must-match and must-not pairs, and the
generator's filters checked on the shipped file."""

from __future__ import annotations

from importlib import resources

import pytest

from bot.matching.document import prepare
from bot.matching.lexicon import COMMON_ZIPF
from bot.matching.plan import match_query
from bot.matching.query import parse_query
from bot.models import Article

MIN_PLACE = 100_000  # scripts/org_aliases.py: a city this big owns its name


def matches(query: str, text: str) -> bool:
    doc = prepare(Article(id="a", url="u", title="", text=text))
    return match_query(parse_query(query), doc) is not None


# (why, query, written, matches): the article says "On Monday {written} said it would."
CASES = [
    ("German", "Moscow", "Moskau", True),
    ("German", "Moskau", "Moscow", True),
    ("Polish", "Moscow", "Moskwa", True),
    ("French", "Moscow", "Moscou", True),
    ("German, Polish", "Tehran", "Teheran", True),
    ("German, Polish", "Teheran", "Tehran", True),
    ("German", "Kyiv", "Kiew", True),
    ("Polish", "Kiew", "Kijów", True),
    ("German", "Cairo", "Kairo", True),
    ("French, two words", "Cairo", "Le Caire", True),
    ("French, two words", "Le Caire", "Cairo", True),
    ("German", "Damascus", "Damaskus", True),
    ("German", "Damaskus", "Damascus", True),
    ("German", "Copenhagen", "Kopenhagen", True),
    ("German", "Vienna", "Wien", True),
    ("German", "Wien", "Vienna", True),
    ("Portuguese", "Lisbon", "Lisboa", True),
    ("French", "Beirut", "Beyrouth", True),
    ("German", "Athens", "Athen", True),
    ("German", "Warsaw", "Warschau", True),
    ("German", "Warschau", "Warszawa", True),
    ("Spanish, three words", "Mexico City", "Ciudad de México", True),
    ("a small locale's junk (Yoruba)", "Baghdad", "Magna", False),
    ("a small locale's junk (Kaingang)", "Baghdad", "Magina", False),
    ("Esperanto only; Yukiya Amano", "Amman", "Amano", False),
    ("an English word (damask cloth)", "Damascus", "Damask", False),
    ("a Spanish word (damas, ladies)", "Damascus", "Damas", False),
    ("a Spanish word (mosca, a fly)", "Moscow", "Mosca", False),
    ("an English plural (delis)", "Delhi", "Delis", False),
    ("a given name; the Roma people", "Rome", "Roma", False),
    ("a given name", "Mauritius", "Maurice", False),
    ("a given name", "Athens", "Athena", False),
    ("a saint's name", "Saint Lucia", "Santa Lucia", False),
    ("a saint's name", "Saint Vincent", "San Vicente", False),
    ("the country, not its capital", "Mexico City", "Mexico", False),
    ("a bigger place (Brazil)", "El Salvador", "Salvador", False),
    ("a bigger place (Spain)", "Grenada", "Granada", False),
    ("English writes it: DACA", "Dhaka", "DACA", False),
    ("a name needs its capital", "Moscow", "the moskau", False),
    ("a headline's capitalised word (Danish)", "Mexico City", "Exports To Mexico By", False),
    ("reviewed: oral is the adjective", "oral", "Uralsk", False),
    ("reviewed: reunion is the noun (Portuguese reunião: meeting)", "reunion", "Reunião", False),
]


@pytest.mark.parametrize(("why", "query", "written", "expected"), CASES, ids=[c[0] for c in CASES])
def test_a_city_finds_its_names_in_other_languages(
    why: str, query: str, written: str, expected: bool
) -> None:
    assert matches(query, f"On Monday {written} said it would.") is expected, why


def test_the_control_without_the_name_never_matches() -> None:
    assert not any(matches(q, "On Monday the council said it would.") for _, q, _, _ in CASES)


def _lines(name: str) -> list[str]:
    return (resources.files("bot") / "data" / name).read_text("utf-8").splitlines()


GROUPS = [line.split("\t") for line in _lines("exonyms.tsv") if not line.startswith("#")]


def test_the_file_names_its_source() -> None:
    assert _lines("exonyms.tsv")[0].startswith("# Unicode CLDR via Babel ")
    assert len(GROUPS) > 300


def test_every_name_is_one_folded_latin_name_of_four_letters_or_more() -> None:
    bad = [n for g in GROUPS for n in g if not n.replace(" ", "").isascii()]
    bad += [n for g in GROUPS for n in g if not n.replace(" ", "").isalpha() or n != n.lower()]
    bad += [n for g in GROUPS for n in g if len(n.replace(" ", "")) < 4]
    assert bad == []


def test_no_name_belongs_to_two_places() -> None:
    names = [n for g in GROUPS for n in g]
    assert sorted(n for n in set(names) if names.count(n) > 1) == []


def test_no_other_name_is_a_given_name_a_common_word_or_a_big_place_elsewhere() -> None:
    given = set()
    for line in _lines("person_names.tsv")[1:]:
        name, _, kinds = line.partition("\t")
        if "g" in kinds:
            given.add(name)
    common = set()
    for line in _lines("words.tsv"):
        word, _, zipf = line.partition("\t")
        if float(zipf) >= COMMON_ZIPF:
            common.add(word)
    sizes = {}
    for line in _lines("place_sizes.tsv")[1:]:
        name, people, country, _ = line.split("\t")
        sizes[name] = (int(people), country)
    others = [(g[0], n) for g in GROUPS for n in g[1:]]  # the English name comes first
    assert [pair for pair in others if pair[1] in given] == []
    assert [pair for pair in others if pair[1] in common] == []
    elsewhere = [
        (own, name)
        for own, name in others
        if own in sizes
        and name in sizes
        and sizes[name][0] >= MIN_PLACE
        and sizes[name][1] != sizes[own][1]
    ]
    assert elsewhere == []
