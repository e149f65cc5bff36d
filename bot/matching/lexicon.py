"""The word lists the matcher knows, read once from bot/data/ (see docs/matching.md and
benchmarks/match_data.py): real words with their English frequency, places, aliases."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

COMMON_ZIPF = 4.0  # wordfreq Zipf from which a word is too common to be anyone's variant
KNOWN_ZIPF = 2.5  # an English word this frequent is a word of its own, never a typo
ESTABLISHED_ZIPF = 3.0  # a word English uses this much (or a place) is a word of its own


@dataclass(frozen=True, slots=True)
class Lexicon:
    """What the matcher knows about words: which are real, which are places, which alias."""

    known: frozenset[str]  # real words (wordfreq) and place names: never a typo of another word
    common: frozenset[str]  # very frequent words: never a transliteration variant either
    places: frozenset[str]  # GeoNames place names (folded, single words and phrases)
    aliases: dict[str, tuple[str, ...]]  # folded name → other names of the same place or body
    zipf: dict[str, float]  # English frequency of known words, to pick rare anchor terms


ALIAS_FILES = (
    "aliases.tsv",
    "org_aliases.tsv",
    "org_sanctions.tsv",
    "org_factbook.tsv",
    "country_aliases.tsv",
    "city_aliases.tsv",
    "exonyms.tsv",
)


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The word lists shipped in bot/data/, read once."""
    data = resources.files("bot") / "data"
    zipf: dict[str, float] = {}
    for line in (data / "words.tsv").read_text("utf-8").splitlines():
        word, _, value = line.partition("\t")
        zipf[word] = float(value)
    places = frozenset((data / "places.txt").read_text("utf-8").splitlines())
    aliases: dict[str, tuple[str, ...]] = {}
    # Places (aliases.tsv), organisations (org_aliases.tsv: WordNet; IAEA, Hezbollah;
    # org_sanctions.tsv: the OFAC and UK sanctions lists; ISIS, Daesh, JNIM, Kongra-Gel;
    # org_factbook.tsv: the CIA World Factbook; KMT, PiS, M23, ECOWAS),
    # countries (country_aliases.tsv: WordNet; US, UK, Holland), cities' other names
    # (city_aliases.tsv: WordNet; Jubbulpore, Kwangchow) and big cities in other languages
    # (exonyms.tsv: CLDR; Moskau, Teheran); a name two files group together is listed once.
    for file in ALIAS_FILES:
        for line in (data / file).read_text("utf-8").splitlines():
            if line.startswith("#"):  # the source and its version
                continue
            names = line.split("\t")
            for name in names:
                listed = aliases.get(name, ())
                aliases[name] = listed + tuple(n for n in names if n != name and n not in listed)
    # English words (Zipf >= 2.5) and places; other languages' words only block typos when
    # English uses them too: German "Teheran" (English 2.3) is still a variant of Tehran.
    english = frozenset(w for w, z in zipf.items() if z >= KNOWN_ZIPF)
    known = english | frozenset(p for p in places if " " not in p)
    common = frozenset(w for w, z in zipf.items() if z >= COMMON_ZIPF)
    return Lexicon(known=known, common=common, places=places, aliases=aliases, zipf=zipf)
