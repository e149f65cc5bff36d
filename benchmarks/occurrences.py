"""What the corpora probes of one rule share (benchmarks/*_occurrences.py): the capitalised
words of every text of ../shared/corpora, each pair (W, V) of them that the rule's spellings
join, and whether the query W finds an article that prints V with the rule and without it.
The pairs are listed to be judged by hand (one name in two spellings, or two things); the
list is for judging, not tuning.

Texts: benchmarks/match_heldout.py's `definition_texts` (the English articles and feed
entries, every feed entry in any language, the trafilatura-eval pages as text); with
--english the English texts only."""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from unittest import mock

from benchmarks.match_heldout import definition_texts, load_texts
from benchmarks.matchcases import GROUND_TRUTH, SHARED
from benchmarks.spotcheck import found
from bot.matching import families, plan
from bot.matching.normalise import fold

WORD = re.compile(r"[^\W\d_]+")
Pair = tuple[str, str]


@dataclass
class Words:
    """The capitalised words of the texts: folded word → count, and as first printed."""

    texts: int
    count: Counter[str]
    shown: dict[str, str]


def capitalised_words(doc: str | None) -> Words | None:
    """Parse --english and read the texts' capitalised words (not acronyms), or None (a
    message printed) without the shared corpora."""
    if not GROUND_TRUTH.is_file():
        print(f"needs the shared corpora at {SHARED} (set NEWSBOT_SHARED)", file=sys.stderr)
        return None
    parser = argparse.ArgumentParser(description=(doc or "").split("\n")[0])
    parser.add_argument("--english", action="store_true", help="the English texts only")
    args = parser.parse_args()
    texts = load_texts() if args.english else definition_texts(load_texts())
    count: Counter[str] = Counter()
    shown: dict[str, str] = {}
    for text in texts:
        for token in WORD.findall(text):
            if token[:1].isupper() and not token.isupper():
                key = fold(token)
                count[key] += 1
                shown.setdefault(key, token)
    return Words(len(texts), count, shown)


def joined(
    words: Words, pairs: Iterable[Pair], without: Callable[[], AbstractContextManager[object]]
) -> tuple[dict[Pair, bool], dict[Pair, bool]]:
    """Whether each pair's query finds its article word without the rule (`without()` in
    force) and with it; compiled terms are memoised, so the cache is cleared each time."""
    pairs = sorted(pairs)
    with without():
        plan._compile_standalone.cache_clear()
        before = {p: found(words.shown[p[0]], words.shown[p[1]]) for p in pairs}
    plan._compile_standalone.cache_clear()
    after = {p: found(words.shown[p[0]], words.shown[p[1]]) for p in pairs}
    return before, after


def report(
    words: Words,
    before: dict[Pair, bool],
    after: dict[Pair, bool],
    *,
    changed_only: bool = False,
    both_ways: str = " (both ways counted)",
) -> None:
    """The table of pairs (all, or only those added or lost) and the totals."""
    pairs = sorted(before)
    added = [p for p in pairs if after[p] and not before[p]]
    lost = [p for p in pairs if before[p] and not after[p]]
    count, shown = words.count, words.shown
    print(f"{words.texts} texts; {len(count)} capitalised words; {len(pairs)} pairs\n")
    print("| query | count | article word | count | before | after |")
    print("|---|--:|---|--:|:-:|:-:|")
    for word, other in added + lost if changed_only else pairs:
        marks = ("yes" if before[word, other] else "", "yes" if after[word, other] else "")
        print(
            f"| {shown[word]} | {count[word]} | {shown[other]} | {count[other]} "
            f"| {marks[0]} | {marks[1]} |"
        )
    print(
        f"\n{len(pairs)} pairs{both_ways}; joined before {sum(before.values())}, "
        f"after {sum(after.values())}; added {len(added)}, lost {len(lost)}"
    )


def family_probe(doc: str | None, spellings: Callable[[str], Iterable[str]], name: str) -> int:
    """The whole probe of a romanisation family that bot/matching/families.py reads as
    `name`: the pairs its `spellings` give, judged with the family and with it patched out."""
    words = capitalised_words(doc)
    if words is None:
        return 2
    pairs = [(w, o) for w in words.count for o in spellings(w) if o in words.count]
    before, after = joined(words, pairs, lambda: mock.patch.object(families, name, return_value=()))
    report(words, before, after)
    return 0
