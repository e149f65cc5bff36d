"""`newsbot match --format counts`'s matching, another commit's code against this checkout's,
in one process, articles in alternated chunks (A B B A ...).

    taskset -c 0 python benchmarks/match_ab_bench.py [--ref main] [--size 100000]

Reads the files benchmarks/match_cli_bench.py writes (run it once first, or pass
--workdir): N queries and 3,000 articles (read twice over: 6,000). The other commit's
`bot/` (git archive of --ref) is loaded as a second package, `bot_ab_baseline` (imports
and its word lists rewritten to it), so both indexes live in one process and a shared
machine's load weighs on both alike: two runs of separate processes differ by more than
the change under load. Each side builds its index as its own command builds it for
`--format counts` (`build_index`, with `spread_from=0` where the command passes it),
reads the first 181 articles once (the per-word caches), then tokenises and counts the
same chunks of articles in turn (`prepare` + `SubscriptionIndex.count`), in CPU seconds.
Prints each side's articles per second, the ratio (baseline CPU / this checkout's CPU,
over all chunks, and the spread of the chunks' ratios) and whether both counted the same
(every key's count of matching articles).
"""

from __future__ import annotations

import argparse
import gc
import importlib
import inspect
import io
import json
import re
import subprocess
import sys
import tarfile
import tempfile
import time
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

BASELINE = "bot_ab_baseline"
_IMPORTS = re.compile(r"\b(from|import) bot\b")
_DATA = re.compile(r"""resources\.files\(["']bot["']\)""")


def export_tree(ref: str, into: Path) -> None:
    """The ref's tree of bot/ (and the data it reads) under `into`."""
    archive = subprocess.run(
        ["git", "archive", "--format=tar", ref, "bot"], cwd=ROOT, check=True, capture_output=True
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")


def export_baseline(ref: str, into: Path) -> None:
    """The ref's bot/ as package BASELINE under `into`, its imports rewritten to it."""
    export_tree(ref, into)
    package = into / BASELINE
    (into / "bot").rename(package)
    for source in package.rglob("*.py"):
        text = source.read_text(encoding="utf-8")
        text = _IMPORTS.sub(rf"\1 {BASELINE}", text)
        source.write_text(_DATA.sub(f'resources.files("{BASELINE}")', text), encoding="utf-8")


class Side:
    """One side's modules, index and articles."""

    def __init__(
        self, package: str, texts: list[str], records: list[dict[str, str]], *, warm: int = 181
    ) -> None:
        """`warm`: how many of the articles are read once before timing (match_fresh_ab.py
        reads none: every word is new)."""
        match: Any = importlib.import_module(f"{package}.cli.match")
        document: ModuleType = importlib.import_module(f"{package}.matching.document")
        models: ModuleType = importlib.import_module(f"{package}.models")
        self.prepare = document.prepare
        extra = {}
        if "spread_from" in inspect.signature(match.build_index).parameters:
            extra["spread_from"] = 0  # as its command builds it for --format counts
        start = time.process_time()
        self.index, _ = match.build_index(texts, max_length=10_000, **extra)
        self.build = time.process_time() - start
        fields = ("id", "title", "summary", "text", "url")
        self.articles = [models.Article(**{f: r[f] for f in fields}) for r in records]
        self.index.count(map(self.prepare, self.articles[:warm]))
        self.seconds = 0.0
        self.matches: Counter[int] = Counter()  # key → matching articles, over all chunks

    def run(self, start: int, end: int) -> float:
        began = time.process_time()
        counts = self.index.count(map(self.prepare, self.articles[start:end]))
        took = time.process_time() - began
        self.seconds += took
        self.matches.update(counts)
        return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ref", default="main", help="the baseline commit (git ref)")
    parser.add_argument("--size", default="100000")
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--chunk", type=int, default=1000)
    parser.add_argument("--workdir", default="/tmp/newsbot-match-cli-bench")
    args = parser.parse_args()
    work = Path(args.workdir)
    queries = work / f"queries-{args.size}.txt"
    articles = work / f"articles-{args.articles}.jsonl"
    if not queries.exists() or not articles.exists():
        raise SystemExit(f"{queries} or {articles} missing: run match_cli_bench.py first")
    from bot.cli.match import read_query_texts

    texts = read_query_texts([], str(queries))
    lines = articles.read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines] * 2
    with tempfile.TemporaryDirectory() as tmp:  # kept while it runs: word lists read late
        export_baseline(args.ref, Path(tmp))
        sys.path.insert(0, tmp)
        gc.disable()  # as the command: no collection while building, then frozen
        base = Side(BASELINE, texts, records)
        this = Side("bot", texts, records)
        gc.freeze()
        gc.set_threshold(100_000, *gc.get_threshold()[1:])
        gc.enable()
        print(
            f"{args.size} queries: build {base.build:.1f} s ({args.ref}), {this.build:.1f} s (this)"
        )
        ratios = []
        for number, start in enumerate(range(0, len(records), args.chunk)):
            end = start + args.chunk
            sides = (base, this) if number % 2 == 0 else (this, base)
            took = {id(side): side.run(start, end) for side in sides}
            ratios.append(took[id(base)] / took[id(this)])
    ratios.sort()
    n = len(records)
    print(
        f"{n} articles: {args.ref} {n / base.seconds:.0f}/s, this {n / this.seconds:.0f}/s "
        f"(CPU); ratio ×{base.seconds / this.seconds:.2f} (chunks ×{ratios[0]:.2f}–"
        f"×{ratios[-1]:.2f}, median ×{ratios[len(ratios) // 2]:.2f}); "
        f"same counts: {base.matches == this.matches} ({this.matches.total()} matches)"
    )


if __name__ == "__main__":
    main()
