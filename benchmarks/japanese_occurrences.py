"""Precision probe of the Japanese long-vowel rule (bot/matching/japanese.py) on the
corpora: which capitalised words the rule joins to another capitalised word of the texts.

    python benchmarks/japanese_occurrences.py [--english]

Over every text of ../shared/corpora (benchmarks/match_heldout.py's `definition_texts`:
the English articles and feed entries, every feed entry in any language, the
trafilatura-eval pages as text; with --english the English texts only): each capitalised
word W whose `long_vowel_spellings` holds another capitalised word V of the texts is a
pair; the matcher then decides, with the rule and without it, whether the query W finds
an article that prints V. The pairs the rule adds are listed, to be judged by hand (one
name in two spellings, or two things); the list is for judging, not tuning.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.occurrences import family_probe  # noqa: E402
from bot.matching.japanese import long_vowel_spellings  # noqa: E402
from bot.matching.lexicon import load_lexicon  # noqa: E402


def main() -> int:
    lexicon = load_lexicon()
    return family_probe(
        __doc__,
        lambda word: long_vowel_spellings(word, lexicon.zipf, lexicon.places),
        "long_vowel_spellings",
    )


if __name__ == "__main__":
    raise SystemExit(main())
