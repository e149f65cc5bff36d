"""Precision probe of the closed/open name rules (bot/matching/closed.py) on the corpora:
which capitalised words the texts also print as capitalised words in a row.

    python benchmarks/closed_names_occurrences.py [--english]

Over every text of ../shared/corpora (benchmarks/match_heldout.py's `definition_texts`:
the English articles and feed entries, every feed entry in any language, the
trafilatura-eval pages as text):

1. independent of the rules: every capitalised word W (written so at least once) that the
   texts also print as two or three capitalised words A B (C) with A+B(+C) = W, case- and
   accent-folded; listed with both counts, to be judged by hand (one name or two things);
2. the pairs of (1) that the rules join: typed open (`closed_name` of A B) and typed
   closed (`open_forms` of W holds the pieces).

The list is for judging, not tuning: docs/matching.md gives the counts and the verdicts.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.match_heldout import definition_texts, load_texts  # noqa: E402
from benchmarks.matchcases import GROUND_TRUTH, SHARED  # noqa: E402
from bot.matching.closed import MAX_PIECES, closed_name, open_forms  # noqa: E402
from bot.matching.lexicon import load_lexicon  # noqa: E402
from bot.matching.normalise import fold  # noqa: E402

WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?|[^\w\s]")


def capitalised(word: str) -> bool:
    return word.isalpha() and word[:1].isupper() and not word.isupper()


def main() -> int:
    if not GROUND_TRUTH.is_file():
        print(f"needs the shared corpora at {SHARED} (set NEWSBOT_SHARED)", file=sys.stderr)
        return 2
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--english", action="store_true", help="the English texts only")
    args = parser.parse_args()
    texts = load_texts() if args.english else definition_texts(load_texts())
    single: Counter[str] = Counter()  # folded capitalised word
    runs: Counter[tuple[str, ...]] = Counter()  # capitalised words in a row, as written
    for text in texts:
        tokens = WORD.findall(text)
        for i, token in enumerate(tokens):
            if not capitalised(token):
                continue
            single[fold(token)] += 1
            for size in range(2, MAX_PIECES + 1):
                words = tokens[i : i + size]
                if len(words) == size and all(capitalised(t) for t in words):
                    runs[tuple(words)] += 1
    zipf = load_lexicon().zipf
    both: list[tuple[str, tuple[str, ...], int, int, bool, bool]] = []
    for run, n in runs.items():
        closed = "".join(fold(t) for t in run)
        if closed in single:
            typed_open = closed_name(run, zipf) == closed
            pieces = tuple(fold(t) for t in run)
            shown = closed.capitalize()
            typed_closed = pieces in set(open_forms(closed, shown, zipf))
            both.append((closed, run, single[closed], n, typed_open, typed_closed))
    print(f"{len(texts)} texts; {len(single)} capitalised words, {len(runs)} runs of 2-3\n")
    print("| one word | count | words in a row | count | typed open joins | typed closed joins |")
    print("|---|--:|---|--:|:-:|:-:|")
    for closed, written, n1, n2, typed_open, typed_closed in sorted(both):
        marks = ("yes" if typed_open else "", "yes" if typed_closed else "")
        print(f"| {closed} | {n1} | {' '.join(written)} | {n2} | {marks[0]} | {marks[1]} |")
    print(
        f"\n{len(both)} pairs; joined typed open {sum(b[4] for b in both)},"
        f" typed closed {sum(b[5] for b in both)}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
