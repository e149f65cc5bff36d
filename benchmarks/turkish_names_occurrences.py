"""Precision probe of the Turkish given-name rule (bot/matching/turkish_names.py) on the
corpora: which capitalised words the rule joins to another capitalised word of the texts.

    python benchmarks/turkish_names_occurrences.py [--english]

Over every text of ../shared/corpora (benchmarks/match_heldout.py's `definition_texts`:
the English articles and feed entries, every feed entry in any language, the
trafilatura-eval pages as text; with --english the English texts only): each capitalised
word W whose `turkish_spellings` holds another capitalised word V of the texts is a
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
from bot.matching.turkish_names import turkish_spellings  # noqa: E402


def main() -> int:
    return family_probe(__doc__, turkish_spellings, "turkish_spellings")


if __name__ == "__main__":
    raise SystemExit(main())
