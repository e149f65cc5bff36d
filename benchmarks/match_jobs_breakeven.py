"""Where forking pays for `newsbot match --jobs 2` (bot/cli/workers.py's MIN_PER_WORKER).

    python benchmarks/match_jobs_breakeven.py --size 100000 --counts 25,50,100,200,400

The queries and articles are the files benchmarks/match_cli_bench.py wrote in --workdir
(run it first with the same --size, and --fresh for articles never seen). The index is built
once; then each trial runs in a child forked from it (the state `newsbot match` has after
start-up, nothing read yet: every trial meets the same new words), which times the command's
own `_write_counts` on the first M articles in one process and shared by two, alternately,
in WALL seconds (two processes need two cores: run it without taskset). Each trial writes
the counts, so the comparison includes forking, collecting and adding the tallies.
"""

from __future__ import annotations

import argparse
import ast
import io
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.cli.match import _collector_tuned, _write_counts, build_index, read_query_texts  # noqa: E402
from bot.config import load_settings  # noqa: E402
from bot.models import Article  # noqa: E402
from bot.reading.sources import read_source  # noqa: E402


def trial(run: Callable[[int], None], parts: int) -> tuple[float, float]:
    """Wall and CPU seconds (with its workers') of `run(parts)` in a child forked now (its
    caches thrown away after)."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        start, before = time.perf_counter(), os.times()
        run(parts)
        after = os.times()
        cpu = sum(after[:4]) - sum(before[:4])  # user, system, and the reaped workers'
        os.write(write, repr((time.perf_counter() - start, cpu)).encode())
        os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        wall, cpu = ast.literal_eval(pipe.read().decode())
    os.waitpid(pid, 0)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--counts", default="25,50,100,200,400")
    parser.add_argument("--articles", default="articles-fresh-1057.jsonl")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument(
        "--warm", action="store_true", help="every article read once before the trials"
    )
    parser.add_argument("--workdir", default="/tmp/newsbot-match-cli-bench")
    args = parser.parse_args()
    work = Path(args.workdir)
    settings = load_settings({}, None)
    texts = read_query_texts([], str(work / f"queries-{args.size}.txt"))
    with _collector_tuned():
        start = time.perf_counter()
        index, keys = build_index(texts, max_length=settings.max_query_length, spread_from=0)
        print(f"{len(texts)} queries indexed in {time.perf_counter() - start:.1f} s")
        articles = read_source(str(work / args.articles), settings=settings)
        if args.warm:  # the caches hold every word: what is left is the split's own cost
            _write_counts(index, keys, articles, io.StringIO())
        print(f"cpus {sorted(os.sched_getaffinity(0))}; {args.repeats} alternated trials each")
        print(
            f"{'M':>5} {'1 process wall ms':>22} {'2 processes wall ms':>22} {'ratio':>6}"
            f" {'1 process CPU ms':>17} {'2 processes CPU ms':>19}"
        )
        for m in map(int, args.counts.split(",")):
            some = articles[:m]

            def run(parts: int, some: list[Article] = some) -> None:
                _write_counts(index, keys, some, io.StringIO(), parts=parts)

            trials: dict[int, list[tuple[float, float]]] = {1: [], 2: []}
            for _ in range(args.repeats):
                for parts in (1, 2):
                    trials[parts].append(trial(run, parts))
            (one, one_cpu), (two, two_cpu) = (
                ([w for w, _ in got], [c for _, c in got]) for got in trials.values()
            )
            a, b = statistics.median(one), statistics.median(two)
            print(
                f"{m:>5} {a * 1000:>8.0f} ({min(one) * 1000:.0f}-{max(one) * 1000:.0f})"
                f" {b * 1000:>8.0f} ({min(two) * 1000:.0f}-{max(two) * 1000:.0f})"
                f" {a / b:>6.2f} {statistics.median(one_cpu) * 1000:>17.0f}"
                f" {statistics.median(two_cpu) * 1000:>19.0f}",
                flush=True,
            )


if __name__ == "__main__":
    main()
