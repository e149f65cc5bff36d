"""Hostile input for the look-alike rule (bot/matching/lookalikes.py): an article of
100,000 words that mix Latin letters with Cyrillic and Greek look-alikes, another
commit's code against this checkout's, in one process (A B B A ...).

    taskset -c 0 python benchmarks/lookalikes_hostile.py [--ref main] [--words 100000]

Each repeat makes a fresh article (distinct words, so no memo has met them): English
words of the corpora's vocabulary (`match_bench`), a third of their letters swapped for a
look-alike of the table, --latin of the words (1 in 4) left Latin; both sides read the same article
(`prepare` + `SubscriptionIndex.count` over --size queries of `match_bench.make_queries`,
those the parser refuses left out), CPU seconds. Prints each side's seconds a repeat and
the article's matches on each side (the look-alikes' words found as their Latin ones).
"""

from __future__ import annotations

import argparse
import gc
import random
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.match_ab_bench import BASELINE, Side, export_baseline  # noqa: E402
from benchmarks.match_bench import load_articles, make_queries, vocabulary  # noqa: E402
from benchmarks.match_cli_bench import parses  # noqa: E402
from bot.matching.lookalikes import LATIN  # noqa: E402


def hostile_text(words: list[str], count: int, latin: float, rng: random.Random) -> str:
    """`count` words of `words`, a third of each one's letters a look-alike (but a
    share `latin` of the words)."""
    looks: dict[str, list[str]] = {}
    for code, letter in LATIN.items():
        looks.setdefault(letter, []).append(chr(code))
    made = []
    for _ in range(count):
        word = rng.choice(words)
        if rng.random() >= latin:
            word = "".join(
                rng.choice(looks[c]) if c in looks and rng.random() < 0.33 else c for c in word
            )
        made.append(word)
    return " ".join(made)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ref", default="main", help="the baseline commit (git ref)")
    parser.add_argument("--words", type=int, default=100_000)
    parser.add_argument("--size", type=int, default=10_000, help="subscriptions")
    parser.add_argument("--repeats", type=int, default=4)
    parser.add_argument("--latin", type=float, default=0.25, help="share of Latin words")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    pools = vocabulary(load_articles(3000, rng))
    queries = [q for q in make_queries(args.size, pools, random.Random(args.seed)) if parses(q)]
    words = sorted({w for _, pool in pools for w in pool if w.isalpha() and w.isascii()})
    texts = [
        hostile_text(words, args.words, args.latin, random.Random(n)) for n in range(args.repeats)
    ]
    records = [
        {"id": str(n), "url": f"https://example.org/{n}", "title": "", "summary": "", "text": t}
        for n, t in enumerate(texts)
    ]
    with tempfile.TemporaryDirectory() as tmp:
        export_baseline(args.ref, Path(tmp))
        sys.path.insert(0, tmp)
        base = Side(BASELINE, queries, records, warm=0)
        this = Side("bot", queries, records, warm=0)
        gc.collect()
        print(f"{len(queries)} queries, {args.words} mixed-script words an article")
        for number in range(args.repeats):
            sides = (base, this) if number % 2 == 0 else (this, base)
            took = {id(side): side.run(number, number + 1) for side in sides}
            print(
                f"repeat {number}: {args.ref} {took[id(base)]:.2f} s, this {took[id(this)]:.2f} s"
            )
        print(
            f"total: {args.ref} {base.seconds:.2f} s, this {this.seconds:.2f} s; matching "
            f"queries over the articles: {args.ref} {sum(base.matches.values())}, "
            f"this {sum(this.matches.values())}"
        )


if __name__ == "__main__":
    main()
