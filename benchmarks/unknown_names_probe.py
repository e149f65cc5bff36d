"""Precision probe of the query-side readings of a capitalised word no list knows: how
many of the real corpora's capitalised words that are no word of the word list, no
place and no Census name would a rule read as another word (docs/matching.md, "A
misspelt name no list knows", "A long misspelt capitalised word").

    python benchmarks/unknown_names_probe.py [-v]

The words: every capitalised word ([A-Z][a-z]+, 5+ letters) of the corpora's English
texts (the texts benchmarks/match_heldout.py reads), folded, that bot/data/words.tsv,
the gazetteer (bot/data/places.txt) and the Census lists (bot/data/person_names.tsv)
do not have: real names mostly, so each reading is probably a wrong join. Counted for
the older rules (`Speller.corrections` of a name, `misspelt_name`, `plural_place`) and,
for each shortest length N, for `misspelt_long` where those find nothing. `-v` lists
the words each N reads (to judge: a misspelling, or a real other name?).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.match_heldout import load_texts  # noqa: E402
from benchmarks.matchcases import GROUND_TRUTH, SHARED  # noqa: E402
from bot.matching.lexicon import load_lexicon  # noqa: E402
from bot.matching.long_typo import misspelt_long  # noqa: E402
from bot.matching.misspelt import misspelt_name, plural_place  # noqa: E402
from bot.matching.normalise import fold_word  # noqa: E402
from bot.matching.persons import known_name  # noqa: E402
from bot.matching.variants import speller  # noqa: E402

LENGTHS = (6, 7, 8, 9)
SHORTEST = 5  # misspelt_name's shortest word (four-letter ones only as places)


def unknown_words() -> list[str]:
    """The corpora's capitalised words (folded) that no list knows."""
    lexicon = load_lexicon()
    capitalised = re.compile(rf"\b[A-Z][a-z]{{{SHORTEST - 1},}}\b")
    words: set[str] = set()
    for text in load_texts():
        words.update(fold_word(w) for w in capitalised.findall(text))
    return sorted(
        w
        for w in words
        if w.isalpha() and w not in lexicon.zipf and w not in lexicon.places and not known_name(w)
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-v", action="store_true", help="list the words read")
    args = parser.parse_args()
    if not GROUND_TRUTH.is_file():
        print(f"needs the shared corpora at {SHARED} (set NEWSBOT_SHARED)", file=sys.stderr)
        return 2
    lexicon = load_lexicon()
    spell = speller(lexicon.zipf, lexicon.places)
    words = unknown_words()
    older = {}
    for word in words:
        found = spell.corrections(word, name=True)
        meant = found[0] if found else misspelt_name(word, spell) or plural_place(word, spell)
        if meant:
            older[word] = meant
    print(f"{len(words)} capitalised words no list knows; read by the older rules: {len(older)}")
    if args.v:
        print("  " + ", ".join(f"{w}/{m}" for w, m in sorted(older.items())))
    for n in LENGTHS:
        read = {
            w: m for w in words if w not in older and (m := misspelt_long(w, spell, shortest=n))
        }
        long = sum(len(w) >= n for w in words)
        print(f"N = {n}: {len(read)} of the {long} words of {n}+ letters read by misspelt_long")
        if args.v:
            print("  " + ", ".join(f"{w}/{m}" for w, m in sorted(read.items())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
