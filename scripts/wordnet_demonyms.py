"""A country's adjectives and people words in Princeton WordNet 3.1, for
scripts/demonym_data.py: the adjectives whose pertainym pointer (`\\`) names the
country's noun (Danish: Denmark, Dutch: the Netherlands), and the nouns of people
(noun.person) that are members (`#m`) of the country or whose gloss says "a native or
inhabitant of" it (Dane, Swede, Pole, Chadian); a member of a people only in a synset with
the country's adjective (Croatian: Croat, Serbian: Serb). Words of several words
(South_Korean, Sri_Lankan, New_Zealander) are given with spaces. An adjective of a people
within the country is left out: one whose synset is derived (`+`) from a people noun that
is a kind (`@`) of the country's natives and no native of a country itself (Afrikaans,
Afrikaner: "a white native of Cape Province", a kind of South African). The dict/
directory is the one scripts/org_aliases.py downloads."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

PEOPLE_FILE = "18"  # noun.person
NATIVE = re.compile(r"^an? (?:native or inhabitant|native or resident|inhabitant|native) of (.+)")


def _synsets(path: Path) -> list[tuple[list[str], list[list[str]], str, str]]:
    """Each synset: its lemmas, pointers (symbol, offset, pos, source/target), gloss, and
    `offset lex_filenum` joined by a space."""
    found = []
    for line in path.read_text("utf-8").splitlines():
        if line.startswith("  "):  # the licence header
            continue
        head, _, gloss = line.partition(" | ")
        fields = head.split()
        count = int(fields[3], 16)
        lemmas = [re.sub(r"\(.*\)$", "", fields[4 + 2 * i]) for i in range(count)]
        at = 4 + 2 * count
        pointers = [fields[at + 1 + 4 * i : at + 5 + 4 * i] for i in range(int(fields[at]))]
        found.append((lemmas, pointers, gloss, f"{fields[0]} {fields[1]}"))
    return found


def country_words(
    directory: Path, country_of: Callable[[str], str | None]
) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Word (as WordNet writes it) → the countries (what `country_of` gives for a lemma of
    the country's synset, or for the name a gloss gives) it is the adjective or people of:
    the adjectives, and the people nouns. Only synsets that are instances (`@i`) count as
    countries: Turkey the bird is none."""
    countries: dict[str, str] = {}
    for lemmas, pointers, _, where in _synsets(directory / "data.noun"):
        if any(p[0] == "@i" for p in pointers):
            for lemma in lemmas:
                iso = country_of(lemma.replace("_", " "))
                if iso:
                    countries.setdefault(where.split()[0], iso)
    nouns = _synsets(directory / "data.noun")
    natives = {
        where.split()[0]
        for _, pointers, gloss, where in nouns
        if where.split()[1] == PEOPLE_FILE
        and any(p[0] == "#m" and p[1] in countries for p in pointers)
        and NATIVE.match(gloss.strip())
    }
    # A people noun that is a kind of a country's natives (Afrikaner: a South African), and
    # no country's native itself (an Eritrean: a kind of Ethiopian, and Eritrea's).
    within = {
        where.split()[0]
        for _, pointers, gloss, where in nouns
        if where.split()[1] == PEOPLE_FILE
        and any(p[0] == "@" and p[1] in natives for p in pointers)
        and not any(p[0] == "#m" and p[1] in countries for p in pointers)
        and not NATIVE.match(gloss.strip())
    }
    words: dict[str, set[str]] = defaultdict(set)
    for lemmas, pointers, _, _ in _synsets(directory / "data.adj"):
        if any(p[0] == "+" and p[2] == "n" and p[1] in within for p in pointers):
            continue  # Afrikaans: a people within South Africa
        for symbol, offset, pos, link in pointers:
            if symbol == "\\" and pos == "n" and offset in countries:
                source = int(link[:2], 16)
                for lemma in lemmas if source == 0 else [lemmas[source - 1]]:
                    words[lemma].add(countries[offset])
    people: dict[str, set[str]] = defaultdict(set)
    for lemmas, pointers, gloss, where in nouns:
        if where.split()[1] != PEOPLE_FILE or where.split()[0] in within:
            continue
        owners = {countries[p[1]] for p in pointers if p[0] == "#m" and p[1] in countries}
        native = NATIVE.match(gloss.strip())
        if not native:
            # A member of a people (Basque, Hutu, Xhosa) is no country's native, unless
            # the synset holds the country's adjective too (Croatian, Croat).
            if not any(owners & words.get(lemma, set()) for lemma in lemmas):
                continue
        else:
            name = re.split(r"[;,(]| who | in | or | prior ", native.group(1))[0].strip()
            iso = country_of(name.removeprefix("the "))
            if iso:
                owners.add(iso)
        for lemma in lemmas:
            people[lemma] |= owners
    return (
        {w.replace("_", " "): isos for w, isos in words.items() if isos},
        {w.replace("_", " "): isos for w, isos in people.items() if isos},
    )
