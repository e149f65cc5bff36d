"""Precision probe of the short-name steps of bot/matching/places.py (a big place's name
of six letters or fewer as another system writes it: a vowel changed wherever it occurs,
a ghayn's Gh; and the diphthong aw as o, au or aw) on the corpora: which capitalised
words they join to another capitalised word of the texts.

    python benchmarks/short_arabic_occurrences.py [--english]

Over every text of ../shared/corpora (benchmarks/match_heldout.py's `definition_texts`;
with --english the English texts only): each capitalised word W whose `place_spellings`,
with the short-name steps or without them, hold another capitalised word V of the texts
is a pair; the matcher then decides, with the steps and without them, whether the query
W finds an article that prints V. The pairs added or lost are listed, to be judged by
hand (one name in two spellings, or two things); the list is for judging, not tuning.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from contextlib import ExitStack
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.match_heldout import definition_texts, load_texts  # noqa: E402
from benchmarks.matchcases import GROUND_TRUTH, SHARED  # noqa: E402
from benchmarks.spotcheck import found  # noqa: E402
from bot.matching import places, plan  # noqa: E402
from bot.matching.lexicon import load_lexicon  # noqa: E402
from bot.matching.normalise import fold  # noqa: E402

WORD = re.compile(r"[^\W\d_]+")


def _no_letters(_word: str) -> set[str]:
    return set()  # (a new set each call: the caller adds to it)


def without_short_steps() -> ExitStack:
    """The rule as it was: one step, no G/Gh, no aw/o."""
    stack = ExitStack()
    stack.enter_context(mock.patch.object(places, "arabic_letters", _no_letters))
    stack.enter_context(mock.patch.object(places, "near_steps", places.steps))
    stack.enter_context(mock.patch.object(places, "short_anchors", dict))
    return stack


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
    zipf = load_lexicon().zipf
    words = [w for w in single if w.isascii()]
    pairs = {(w, o) for w in words for o in places.place_spellings(w, zipf) if o in single}
    with without_short_steps():
        pairs |= {(w, o) for w in words for o in places.place_spellings(w, zipf) if o in single}
        plan._compile_standalone.cache_clear()  # (compiled terms are memoised)
        before = {pair: found(shown[pair[0]], shown[pair[1]]) for pair in sorted(pairs)}
    plan._compile_standalone.cache_clear()
    after = {pair: found(shown[pair[0]], shown[pair[1]]) for pair in sorted(pairs)}
    added = [p for p in sorted(pairs) if after[p] and not before[p]]
    lost = [p for p in sorted(pairs) if before[p] and not after[p]]
    print(f"{len(texts)} texts; {len(single)} capitalised words; {len(pairs)} pairs\n")
    print("| query | count | article word | count | before | after |")
    print("|---|--:|---|--:|:-:|:-:|")
    for word, other in added + lost:
        marks = ("yes" if before[word, other] else "", "yes" if after[word, other] else "")
        print(
            f"| {shown[word]} | {single[word]} | {shown[other]} | {single[other]} "
            f"| {marks[0]} | {marks[1]} |"
        )
    print(
        f"\n{len(pairs)} pairs; joined before {sum(before.values())}, "
        f"after {sum(after.values())}; added {len(added)}, lost {len(lost)}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
