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

import sys
from contextlib import ExitStack
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.occurrences import capitalised_words, joined, report  # noqa: E402
from bot.matching import places  # noqa: E402
from bot.matching.lexicon import load_lexicon  # noqa: E402


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
    words = capitalised_words(__doc__)
    if words is None:
        return 2
    zipf, single = load_lexicon().zipf, words.count
    ascii_words = [w for w in single if w.isascii()]
    pairs = {(w, o) for w in ascii_words for o in places.place_spellings(w, zipf) if o in single}
    with without_short_steps():
        pairs |= {
            (w, o) for w in ascii_words for o in places.place_spellings(w, zipf) if o in single
        }
    before, after = joined(words, pairs, without_short_steps)
    report(words, before, after, changed_only=True, both_ways="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
