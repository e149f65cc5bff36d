"""What the hand-written spot checks of matching share (benchmarks/*_spotcheck.py): the
sentence a spelling is planted in, the tune/test split and the counting.

The scripts put the repository on sys.path before importing this module.
"""

from __future__ import annotations

import argparse

from benchmarks.matchcases import newsbot
from scripts.heldout_sources import half

TEXT = (
    "Officials said on Tuesday that {name} had been discussed at length during the talks, "
    "which ran late into the night according to people briefed on them."
)


def found(query: str, written: str) -> bool:
    return newsbot(query, TEXT.format(name=written))


Pair = tuple[str, str, str]


def run(description: str, same: list[Pair], apart: list[Pair]) -> int:
    """Both lists tried both ways; counts printed for each half and in all (with -v, the
    misses and false joins of `--half`, the tuning half unless told: the test half's are
    not to be looked at). A pair's half is its first name's (`heldout_sources.half`, the
    stable hash the held-out evaluation splits by). benchmarks/cyrillic_spotcheck.py and
    benchmarks/romanisation_spotcheck.py count their own lists the same way."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("-v", action="store_true", help="list the misses and false joins")
    parser.add_argument("--half", choices=("tune", "test", "all"), default="tune")
    args = parser.parse_args()
    missed = {(q, w) for a, b, _ in same for q, w in ((a, b), (b, a)) if not found(q, w)}
    joined = {(q, w) for a, b, _ in apart for q, w in ((a, b), (b, a)) if found(q, w)}
    for which in ("tune", "test", "all"):
        ours = [p for p in same if which in ("all", half(p[0]))]
        alike = [p for p in apart if which in ("all", half(p[0]))]
        miss = [(q, w) for a, b, _ in ours for q, w in ((a, b), (b, a)) if (q, w) in missed]
        join = [(q, w) for a, b, _ in alike for q, w in ((a, b), (b, a)) if (q, w) in joined]
        print(
            f"{which:>4}: same name {2 * len(ours) - len(miss)} of {2 * len(ours)} found;"
            f" look-alikes {len(join)} of {2 * len(alike)} wrongly joined"
        )
        if args.v and which == args.half:
            for q, w in miss:
                print(f"  missed: {q!r} / {w!r}")
            for q, w in join:
                print(f"  joined: {q!r} / {w!r}")
    return 0
