"""British/American held-out cases split by the rule data's source: codespell's en-GB →
en-US pairs (the held-out source, filtered as scripts/heldout_sources.py filters them)
that breame's list holds, and those it does not.

    python benchmarks/british_american_split.py --breame DIR [--half test|tune]

Prints how many of the held-out pairs breame 0.1.2 lists and how many the shipped
bot/data/british_american.tsv holds, then the P/R/F1 table of the british/american
cases of one half in two rows: `listed` (in breame's list: the rules could know them)
and `unlisted` (what the rules were not given). No case is printed: on the test half,
only the table is to be read.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.match_heldout import build_cases, report  # noqa: E402
from scripts.british_american import read_breame  # noqa: E402
from scripts.heldout_sources import Pair, british_american_pairs  # noqa: E402

CATEGORY = "british/american"
TABLE = ROOT / "bot" / "data" / "british_american.tsv"


def key(a: str, b: str) -> frozenset[str]:
    return frozenset({a.lower(), b.lower()})


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--breame", type=Path, required=True, help="breame's unpacked sdist")
    parser.add_argument("--half", choices=("test", "tune"), default="test")
    args = parser.parse_args()
    listed = {key(gb, us) for gb, us in read_breame(args.breame)}
    lines = TABLE.read_text("utf-8").splitlines()[1:]
    shipped = {key(*line.split("\t")) for line in lines}
    held = {key(p.query, p.written) for p in british_american_pairs()}
    print(f"{len(held)} held-out British/American pairs (codespell, filtered):")
    print(f"  in breame's list: {len(held & listed)}; in the shipped table: {len(held & shipped)}")

    def relabel(pair: Pair) -> str:
        if pair.category != CATEGORY:
            return pair.category
        inside = key(pair.query, pair.written) in listed
        return f"{CATEGORY} ({'listed' if inside else 'unlisted'})"

    cases = [c for c in build_cases(args.half, relabel=relabel) if CATEGORY in c.category]
    print(f"\n{args.half} half: {len(cases)} British/American cases\n")
    report(cases, "category")
    return 0


if __name__ == "__main__":
    sys.exit(main())
