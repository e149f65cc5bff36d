"""Precision probe of the Indian-name rule (bot/matching/indic.py) on the corpora: which
capitalised words the rule joins to another capitalised word of the texts.

    python benchmarks/indic_occurrences.py [--english]

As benchmarks/japanese_occurrences.py: over every text of ../shared/corpora (with
--english the English texts only), each capitalised word W whose `indic_spellings` holds
another capitalised word V of the texts is a pair; the matcher then decides, with the
rule and without it, whether the query W finds an article that prints V. The pairs the
rule adds are listed, to be judged by hand (one name in two spellings, or two); the list
is for judging, not tuning.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.match_heldout import definition_texts, load_texts  # noqa: E402
from benchmarks.matchcases import GROUND_TRUTH, SHARED  # noqa: E402
from benchmarks.spotcheck import found  # noqa: E402
from bot.matching import families, plan  # noqa: E402
from bot.matching.indic import indic_spellings  # noqa: E402
from bot.matching.lexicon import load_lexicon  # noqa: E402
from bot.matching.normalise import fold  # noqa: E402
from bot.matching.variants import speller  # noqa: E402

WORD = re.compile(r"[^\W\d_]+")


def main() -> int:
    if not GROUND_TRUTH.is_file():
        print(f"needs the shared corpora at {SHARED} (set NEWSBOT_SHARED)", file=sys.stderr)
        return 2
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--english", action="store_true", help="the English texts only")
    args = parser.parse_args()
    texts = load_texts() if args.english else definition_texts(load_texts())
    single: Counter[str] = Counter()
    shown: dict[str, str] = {}
    for text in texts:
        for token in WORD.findall(text):
            if token[:1].isupper() and not token.isupper():
                key = fold(token)
                single[key] += 1
                shown.setdefault(key, token)
    lexicon = load_lexicon()
    spell = speller(lexicon.zipf, lexicon.places)
    pairs = sorted(
        (word, other)
        for word in single
        for other in indic_spellings(word, spell)
        if other in single
    )
    with mock.patch.object(families, "indic_spellings", return_value=()):
        before = {pair: found(shown[pair[0]], shown[pair[1]]) for pair in pairs}
    plan._compile_standalone.cache_clear()  # (compiled terms are memoised)
    after = {pair: found(shown[pair[0]], shown[pair[1]]) for pair in pairs}
    print(f"{len(texts)} texts; {len(single)} capitalised words; {len(pairs)} pairs\n")
    print("| query | count | article word | count | before | after |")
    print("|---|--:|---|--:|:-:|:-:|")
    for word, other in pairs:
        marks = ("yes" if before[word, other] else "", "yes" if after[word, other] else "")
        print(
            f"| {shown[word]} | {single[word]} | {shown[other]} | {single[other]} "
            f"| {marks[0]} | {marks[1]} |"
        )
    added = [p for p in pairs if after[p] and not before[p]]
    lost = [p for p in pairs if before[p] and not after[p]]
    print(
        f"\n{len(pairs)} pairs (both ways counted); joined before {sum(before.values())}, "
        f"after {sum(after.values())}; added {len(added)}, lost {len(lost)}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
