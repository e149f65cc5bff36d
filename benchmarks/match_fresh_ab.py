"""Matching of articles never seen before, another commit's code against this checkout's,
in one process, chunks of articles alternated (A B B A ...).

    taskset -c 0 python benchmarks/match_fresh_ab.py [--ref main] [--size 100000]

Measures what `newsbot match --format counts` pays for an article whose words no cache has
met yet (the per-word caches and the spell checker's memo start empty and each article is
read once, so every new word is worked out): the rate at which the bot reads the news it
has not seen, which match_ab_bench.py (articles read twice, warm caches) does not show.

Articles: every English text of ../shared/corpora (the scrapinghub bodies and the real
feeds' entries, `match_heldout.load_texts`), shuffled with --seed. Subscriptions: --size
queries of `match_bench.make_queries` (places, names, headline topics, 3% misspelt),
those the parser refuses left out, as match_cli_bench.py writes them. The other commit's
`bot/` is loaded as a second package (`match_ab_bench.export_baseline`), so that both
indexes live in one process and the machine's load weighs on both alike. Each side builds
its index as the command does for --format counts, then the two read the same chunks in
turn (`prepare` + `SubscriptionIndex.count`), CPU seconds. Prints each side's articles
per second, the ratio (baseline CPU / this checkout's CPU, over all chunks, and the spread
of the chunks' ratios), and how the counts differ: matches this checkout adds (its rules'
extra recall) and matches it loses (0 unless a change drops some).
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
from benchmarks.match_heldout import load_texts  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ref", default="main", help="the baseline commit (git ref)")
    parser.add_argument("--size", type=int, default=100_000, help="subscriptions")
    parser.add_argument("--chunk", type=int, default=50, help="articles a turn")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    pools = vocabulary(load_articles(3000, rng))
    queries = [q for q in make_queries(args.size, pools, random.Random(args.seed)) if parses(q)]
    texts = load_texts()
    random.Random(args.seed).shuffle(texts)
    with tempfile.TemporaryDirectory() as tmp:  # kept while it runs: word lists read late
        export_baseline(args.ref, Path(tmp))
        sys.path.insert(0, tmp)
        gc.disable()  # as the command: no collection while building, then frozen
        records = [
            {"id": str(n), "url": f"https://example.org/{n}", "title": "", "summary": "", "text": t}
            for n, t in enumerate(texts)
        ]
        base = Side(BASELINE, queries, records, warm=0)
        this = Side("bot", queries, records, warm=0)
        gc.freeze()
        gc.set_threshold(100_000, *gc.get_threshold()[1:])
        gc.enable()
        print(
            f"{len(queries)} queries: build {base.build:.1f} s ({args.ref}), "
            f"{this.build:.1f} s (this); {len(texts)} articles never seen, chunks of "
            f"{args.chunk}, seed {args.seed}"
        )
        ratios = []
        for number, start in enumerate(range(0, len(texts), args.chunk)):
            end = start + args.chunk
            order = (base, this) if number % 2 == 0 else (this, base)
            took = {id(side): side.run(start, end) for side in order}
            ratios.append(took[id(base)] / took[id(this)])
    ratios.sort()
    n = len(texts)
    added = sum((this.matches - base.matches).values())
    lost = sum((base.matches - this.matches).values())
    print(
        f"{n} articles: {args.ref} {n / base.seconds:.0f}/s, this {n / this.seconds:.0f}/s "
        f"(CPU); ratio ×{base.seconds / this.seconds:.2f} (chunks ×{ratios[0]:.2f}–"
        f"×{ratios[-1]:.2f}, median ×{ratios[len(ratios) // 2]:.2f})"
    )
    print(
        f"matches: {args.ref} {base.matches.total()}, this {this.matches.total()}: "
        f"{added} added by this checkout, {lost} lost"
    )


if __name__ == "__main__":
    main()
