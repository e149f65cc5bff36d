"""`newsbot match --format counts`, in one process: counting by holder against counting keys.

    taskset -c 0 python benchmarks/match_count_bench.py [--size 1000000] [--rounds 2]

Reads the files benchmarks/match_cli_bench.py writes (run it once first, or pass
--workdir): N queries and 3,000 articles. Builds one index as the command does, reads the
first 181 articles once (their words new to the per-word cache), then runs the command's
own `_write_counts` (SubscriptionIndex.count) and the previous way (every article's
`find(doc).keys` counted in a Counter) alternately on all the articles, into memory, in
process CPU seconds, and checks that both write the same lines. Writing the N lines is
timed alone and left out of the rates. One process and one index for both, so that the
load of a shared machine weighs on both alike (the command line benchmark subtracts two
runs of separate processes, whose start-up alone varies by seconds under load).
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import TextIO

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.cli.match import _collector_tuned as collector_tuned  # noqa: E402
from bot.cli.match import _write_counts, build_index, read_query_texts  # noqa: E402
from bot.config import load_settings  # noqa: E402
from bot.matching.document import prepare  # noqa: E402
from bot.matching.index import SubscriptionIndex  # noqa: E402
from bot.models import Article  # noqa: E402
from bot.reading.sources import read_source  # noqa: E402


def counted_by_key(
    index: SubscriptionIndex, keys: list[int], articles: list[Article], out: TextIO
) -> None:
    """The previous `_write_counts`: every matched key of every article counted."""
    counts: Counter[int] = Counter()
    for article in articles:
        counts.update(index.find(prepare(article)).keys)
    dumped: dict[int, str] = {}
    for key in keys:
        text = dumped.get(key)
        if text is None:
            text = dumped[key] = json.dumps(index.query_of(key), ensure_ascii=False)
        out.write(f'{{"query": {text}, "matches": {counts[key]}}}\n')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="1000000")
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--workdir", default="/tmp/newsbot-match-cli-bench")
    args = parser.parse_args()
    work = Path(args.workdir)
    texts = read_query_texts([], str(work / f"queries-{args.size}.txt"))
    settings = load_settings({}, None)
    with collector_tuned():
        start = time.process_time()
        index, keys = build_index(texts, max_length=settings.max_query_length)
        print(f"{len(texts)} queries indexed in {time.process_time() - start:.1f} CPU s")
        articles = read_source(str(work / f"articles-{args.articles}.jsonl"), settings=settings)
        start = time.process_time()
        _write_counts(index, keys, [], io.StringIO())
        writing = time.process_time() - start
        _write_counts(index, keys, articles[:181], io.StringIO())  # the words seen once
        outputs: dict[str, str] = {}
        rates: dict[str, list[float]] = {}
        ways = {"by key (before)": counted_by_key, "by holder (count)": _write_counts}
        for number in range(args.rounds):
            for name, way in ways.items():
                out = io.StringIO()
                start = time.process_time()
                way(index, keys, articles, out)
                spent = time.process_time() - start
                outputs.setdefault(name, out.getvalue())
                rate = len(articles) / max(spent - writing, 1e-9)
                rates.setdefault(name, []).append(rate)
                print(f"round {number} {name:>18}: {spent:6.2f} CPU s, {rate:5.0f} articles/s")
    if len(set(outputs.values())) != 1:
        raise SystemExit("the two ways wrote different counts")
    before, after = (max(r) for r in rates.values())
    print(f"writing {writing:.2f} s left out; same output; best after/before ×{after / before:.2f}")


if __name__ == "__main__":
    main()
