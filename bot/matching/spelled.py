"""A first test for the acronym queries an article's capitalised words in a row may spell
out (SNC: Sierra Nevada Corporation; `SubscriptionIndex._spelled_out`): whether the
article's text holds the acronym's capitals in a row at all.

Finding the spelled-out acronyms works out every run of capitalised words of the text
(`Document.name_runs`: a regex pass, then each run's initials and word places in Python),
~70 µs an article, for the few acronym queries an index holds (4 at 100k subscriptions).
An acronym's letters spelled by the capitalised words of a run are in the text as each
capital, a lower-case letter, the rest of the word, a space and small words, as the run's
regex reads them (`document.SMALL_WORDS`): one regex an acronym finds that or not (its
first capital is a literal the regex engine scans for), and an article where none of the
index's acronyms is found so skips the runs. With more than FEW acronyms, the runs are
worked out as before (each pattern costs a scan of the text).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from functools import lru_cache

from bot.matching.document import SMALL_WORDS, Document

FEW = 8  # acronym queries looked for one by one; more: the name runs straight away


@lru_cache(maxsize=256)
def _capitals(letters: str) -> re.Pattern[str]:
    """`snc` → S[a-z]…, then T, then C, each after a space and small words."""
    between = r"\S*+ " + SMALL_WORDS

    def spelled(part: str) -> str:
        return between.join(re.escape(c.upper()) + "[a-z]" for c in part)

    # Or a short acronym first, then the rest's capitals (UN Relief and Works Agency).
    led = [
        re.escape(letters[:size].upper()) + " " + SMALL_WORDS + spelled(letters[size:])
        for size in (2, 3)
        if len(letters) >= size
    ]
    return re.compile("|".join([spelled(letters), *led]))


def could_spell(acronyms: Collection[str], doc: Document) -> bool:
    """False when no acronym of `acronyms` (the index's letters) can be spelled out by
    the document's name runs; True when one may be (or there are too many to test)."""
    if len(acronyms) > FEW:
        return True
    text = doc.run_text
    return any(_capitals(letters).search(text) for letters in acronyms)
