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

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.occurrences import family_probe  # noqa: E402
from bot.matching.indic import indic_spellings  # noqa: E402
from bot.matching.lexicon import load_lexicon  # noqa: E402
from bot.matching.variants import speller  # noqa: E402


def main() -> int:
    lexicon = load_lexicon()
    spell = speller(lexicon.zipf, lexicon.places)
    return family_probe(__doc__, lambda word: indic_spellings(word, spell), "indic_spellings")


if __name__ == "__main__":
    raise SystemExit(main())
