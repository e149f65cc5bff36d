"""Hostile input for the x/ks rule (bot/matching/ks_x.py, forms.ks_as_x): another commit's
code against this checkout's, in one process, rounds alternated (A B, B A, ...).

    taskset -c 0 python benchmarks/xks_hostile_ab.py [--ref main] [--rounds 6]

Each round makes new words (no cache has met them): a query of 30 capitalised words of 5
letters with an x or a ks (180 characters of the 200 a query may have), compiled into a
`SubscriptionIndex` holding 2,000 ordinary subscriptions (`match_bench.make_queries`), and
an article of 20,000 distinct capitalised words of 6-11 letters, each with an x or a ks
inside, five of them a query word with x and ks swapped and a vowel left out (what
`ks_x.ks_vowel` reads). Prints each side's CPU seconds to compile the query and to count
the article, summed over the rounds, and how many rounds found the query's subscription.
"""

from __future__ import annotations

import argparse
import importlib
import random
import string
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.match_ab_bench import BASELINE, export_baseline  # noqa: E402
from benchmarks.match_bench import load_articles, make_queries, vocabulary  # noqa: E402
from benchmarks.match_cli_bench import parses  # noqa: E402

QUERY_WORDS = 30
ARTICLE_WORDS = 20_000
LETTERS = string.ascii_lowercase.replace("x", "")


def word(rng: random.Random, size: int = 0) -> str:
    """A capitalised word with an x or a ks inside: `size` letters and the x (or ks), or
    5-10 letters and the x (or ks)."""
    size = size or rng.randint(5, 10)
    body = "".join(rng.choice(LETTERS) for _ in range(size))
    cut = rng.randint(1, size - 1)
    middle = "x" if rng.random() < 0.5 else "ks"
    body = body[:-1] if middle == "ks" and size > 4 else body
    return (body[:cut] + middle + body[cut:]).capitalize()


class Side:
    def __init__(self, package: str, background: list[str]) -> None:
        index: Any = importlib.import_module(f"{package}.matching.index")
        query: Any = importlib.import_module(f"{package}.matching.query")
        document: Any = importlib.import_module(f"{package}.matching.document")
        models: Any = importlib.import_module(f"{package}.models")
        self.parse, self.prepare, self.article = query.parse_query, document.prepare, models.Article
        self.index = index.SubscriptionIndex()
        for key, text in enumerate(background):
            self.index.add(key, self.parse(text))
        self.compile = self.count = 0.0
        self.found: list[int] = []

    def round(self, key: int, query: str, text: str) -> None:
        parsed = self.parse(query)
        start = time.process_time()
        self.index.add(key, parsed)
        self.compile += time.process_time() - start
        doc = self.prepare(self.article(id="h", url="u", title="", text=text))
        start = time.process_time()
        counted = self.index.count([doc])
        self.count += time.process_time() - start
        self.found.append(counted.get(key, 0))
        self.index.remove(key)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ref", default="main")
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    pools = vocabulary(load_articles(300, rng))
    background = [q for q in make_queries(2_000, pools, random.Random(args.seed)) if parses(q)]
    with tempfile.TemporaryDirectory() as tmp:
        export_baseline(args.ref, Path(tmp))
        sys.path.insert(0, tmp)
        base, this = Side(BASELINE, background), Side("bot", background)
        for number in range(args.rounds):
            asked = [word(rng, 4) for _ in range(QUERY_WORDS)]  # (200 characters at most)
            text = {word(rng) for _ in range(ARTICLE_WORDS)}
            for typed in asked[:5]:  # x and ks swapped, a vowel left out
                other = typed.replace("x", "ks") if "x" in typed else typed.replace("ks", "x")
                text.add(other.replace("a", "", 1))
            query = " ".join(asked)
            body = " ".join(sorted(text)) + "."
            key = 1_000_000 + number
            for side in (base, this) if number % 2 == 0 else (this, base):
                side.round(key, query, body)
    for name, side in ((args.ref, base), ("this", this)):
        print(
            f"{name}: compile {side.compile:.3f} s, count {side.count:.3f} s over "
            f"{args.rounds} rounds (a query of {QUERY_WORDS} words, an article of "
            f"{ARTICLE_WORDS:,} words); found {side.found}"
        )


if __name__ == "__main__":
    main()
