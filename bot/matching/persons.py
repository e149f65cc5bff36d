"""People's names (bot/data/person_names.tsv, US Census 1990 lists): capitalised words in a
row that are a person's names spell no acronym ("Clara Ingrid Adams" is no CIA)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from importlib import resources

from bot.matching.normalise import fold_word

LONGEST = 20  # letters of the longest name of the lists (13), with room to spare


@lru_cache(maxsize=1)
def census_names() -> tuple[frozenset[str], frozenset[str]]:
    """(given names, surnames), read the first time a spelled-out acronym is found: the
    rule is rare enough that start-up never pays for the table."""
    given: set[str] = set()
    surnames: set[str] = set()
    text = (resources.files("bot") / "data" / "person_names.tsv").read_text("utf-8")
    for line in text.splitlines():
        if line.startswith("#"):  # the source and its version
            continue
        name, _, kinds = line.partition("\t")
        if "g" in kinds:
            given.add(name)
        if "s" in kinds:
            surnames.add(name)
    return frozenset(given), frozenset(surnames)


def is_person(words: Sequence[str]) -> bool:
    """Whether capitalised words in a row are one person's names: a given name, then
    given names or surnames only (Clara Ingrid Adams; not Sierra Nevada Corporation, not
    European Court of Human Rights)."""
    if any(len(w) > LONGEST for w in words):  # no name; never memoised (a hostile feed)
        return False
    given, surnames = census_names()
    folded = [fold_word(w) for w in words]
    if len(folded) < 2 or folded[0] not in given:
        return False
    return all(w in given or w in surnames for w in folded[1:])


def known_name(word: str) -> bool:
    """Whether a folded word is a given name or surname of the lists (Babis is not; the
    misspelt-name rule of bot/matching/misspelt.py reads only words no list knows)."""
    given, surnames = census_names()
    return word in given or word in surnames


def given_name(word: str) -> bool:
    """Whether a folded word is a given name of the lists (Boris: Boric is another name)."""
    return word in census_names()[0]


def surname(word: str) -> bool:
    """Whether a folded word is a surname of the lists (Miller, Cooper: also words)."""
    return word in census_names()[1]
