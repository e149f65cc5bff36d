"""Start-up (the index built from N stored queries), another commit's code against this
checkout's: alternated fresh processes, and proof that both build the same index.

    taskset -c 1 python benchmarks/startup_ab_bench.py --ref main --size 100000 --rounds 3
    taskset -c 1 python benchmarks/startup_ab_bench.py --ref main --size 1000000 --rounds 1

Reads the files benchmarks/match_cli_bench.py writes (--workdir): N queries, and articles
(the 3,000 repeated bodies, and the corpora's texts of `--fresh`, each distinct one once).
The other commit's tree is exported (git archive of --ref) to a temporary directory. Each
round builds the index once with each tree (order A B, then B A, ...), each in a fresh
process (`python this-file --child ROOT`, ROOT first on sys.path): what a start-up pays
(the word tables, every cache cold), as `newsbot match --format counts` builds it
(`build_index`, `spread_from=0` where the tree has it), timed in process CPU seconds,
with the process's peak resident set. Two processes of one tree differ by more than the
change under the shared machine's load; alternating gives both the same load.

The last round's processes also describe what they built (`--verify`): every distinct
query's plan, anchors and filing, every term's compiled forms and where the index's
tables file it (in order), and each query's count of matching articles over the distinct
articles, plus each article's matched keys with their explanations; a digest of each.
Both trees must give the same digests: the same index, the same matches.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.match_ab_bench import export_tree  # noqa: E402


def _spec(spec: Any) -> str:
    return spec.signature  # type: ignore[no-any-return]


def _plan(plan: Any) -> Any:
    """A plan as nested lists of term signatures (its node classes by name)."""
    kind = type(plan).__name__
    if kind == "PTerm":
        return [kind, _spec(plan.spec)]
    if kind == "PNot":
        return [kind, _plan(plan.child)]
    return [kind, [_plan(c) for c in plan.children]]


def _specs(specs: Iterable[Any]) -> list[str]:
    return [_spec(s) for s in specs]


def describe(index: Any) -> dict[str, str]:
    """Digests of what the index holds: queries, terms, tables."""
    queries = hashlib.sha256()
    for qkey, entry in index._queries.items():
        row = [
            qkey,
            None if entry.plan is None else _plan(entry.plan),
            [_specs(c) for c in entry.clauses],
            _specs(entry.excluded),
            _specs(entry.anchors),
            [_specs(link) for link in entry.links],
            [entry.solo, entry.spread, entry.triggered, entry.exact_pair, entry.repeats],
            list(entry.ids),
            entry.held,
        ]
        queries.update(json.dumps(row, ensure_ascii=False).encode())
    terms = hashlib.sha256()
    for signature, spec in index._specs.items():
        fields = [
            signature,
            spec.display,
            spec.word,
            sorted(spec.single.items()),
            list(spec.single),
            [[*words, how] for words, how in spec.multi],
            spec.fuzzy,
            spec.skeleton,
            spec.upper,
            spec.rarity,
            sorted(spec.capital),
            spec.reach,
            spec.slip_key,
            index._spec_users[spec],
        ]
        terms.update(json.dumps(fields, ensure_ascii=False).encode())
    tables = hashlib.sha256()
    for name in ("_exact", "_skeletons", "_slips", "_initials", "_deletes"):
        table = getattr(index, name)
        tables.update(json.dumps([name, [[k, _specs(v)] for k, v in table.items()]]).encode())
    multi = [
        [r, [[s, _specs(v)] for s, v in seconds.items()]] for r, seconds in index._multi.items()
    ]
    tables.update(json.dumps(multi, ensure_ascii=False).encode())
    return {
        "stats": json.dumps(index.stats(), sort_keys=True),
        "queries": queries.hexdigest(),
        "terms": terms.hexdigest(),
        "tables": tables.hexdigest(),
    }


def matched(index: Any, records: list[dict[str, str]]) -> dict[str, str]:
    """Digests of each query's count of matching articles, and of every article's
    matched keys with their explanations."""
    from bot.matching.document import prepare
    from bot.models import Article

    fields = ("id", "title", "summary", "text", "url")
    articles = [Article(**{f: r[f] for f in fields}) for r in records]  # type: ignore[arg-type]
    counts = index.count(map(prepare, articles))
    found = hashlib.sha256()
    total = 0
    for article in articles:
        result = index.find(prepare(article))
        keys = sorted(result.keys)
        total += len(keys)
        found.update(json.dumps(keys).encode())
        for match in sorted(result.matches(), key=lambda m: m.key)[:50]:
            labels = [[t.query_term, t.article_word, t.how] for t in match.terms]
            found.update(json.dumps([match.key, labels], ensure_ascii=False).encode())
    return {
        "counts": hashlib.sha256(json.dumps(sorted(counts.items())).encode()).hexdigest(),
        "matched": found.hexdigest(),
        "matches": str(total),
    }


def child(root: str, queries: str, articles: list[str], verify: bool) -> None:
    sys.path.insert(0, root)
    import inspect

    import bot
    from bot.cli.match import build_index, read_query_texts
    from bot.config import load_settings

    if not bot.__file__ or not bot.__file__.startswith(root):
        raise SystemExit(f"bot imported from {bot.__file__}, not {root}")
    texts = read_query_texts([], queries)
    limit = load_settings({}, None).max_query_length
    extra = {"spread_from": 0} if "spread_from" in inspect.signature(build_index).parameters else {}
    start = time.process_time()
    index, _ = build_index(texts, max_length=limit, **extra)
    out: dict[str, Any] = {"build": time.process_time() - start}
    out["peak"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if verify:
        out.update(describe(index))
        records: dict[str, dict[str, str]] = {}
        for path in articles:
            for line in Path(path).read_text(encoding="utf-8").splitlines():
                record = json.loads(line)
                records.setdefault(record["text"], record)  # each distinct text once
        out.update(matched(index, list(records.values())))
    print(json.dumps(out))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ref", default="main", help="the baseline commit (git ref)")
    parser.add_argument("--size", default="100000")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workdir", default="/tmp/newsbot-match-cli-bench")
    parser.add_argument("--no-verify", action="store_true", help="timings only")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--verify", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    work = Path(args.workdir)
    queries = work / f"queries-{args.size}.txt"
    articles = [work / "articles-3000.jsonl", work / "articles-fresh-1057.jsonl"]
    if args.child:
        child(args.child, str(queries), [str(a) for a in articles if a.exists()], args.verify)
        return
    if not queries.exists():
        raise SystemExit(f"{queries} missing: run match_cli_bench.py first")
    with tempfile.TemporaryDirectory() as tmp:
        export_tree(args.ref, Path(tmp))
        roots = {args.ref: tmp, "this": str(ROOT)}
        results: dict[str, list[dict[str, Any]]] = {name: [] for name in roots}
        for number in range(args.rounds):
            order = list(roots) if number % 2 == 0 else list(roots)[::-1]
            verify = number == args.rounds - 1 and not args.no_verify
            for name in order:
                command = [sys.executable, __file__, "--child", roots[name]]
                command += ["--size", args.size, "--workdir", str(work)]
                command += ["--verify"] if verify else []
                # One hash seed for both: the order of sets (and of what is built from
                # them) is then the same in both trees' processes.
                env = {**os.environ, "PYTHONHASHSEED": "0"}
                done = subprocess.run(command, check=True, capture_output=True, text=True, env=env)
                result = json.loads(done.stdout.splitlines()[-1])
                results[name].append(result)
                print(
                    f"round {number} {name:>8}: build {result['build']:.2f} CPU s, "
                    f"peak {result['peak']:.0f} MB",
                    flush=True,
                )
    builds = {name: [r["build"] for r in rows] for name, rows in results.items()}
    base, this = (statistics.median(b) for b in builds.values())
    ratios = sorted(a / b for a, b in zip(*builds.values(), strict=True))
    print(
        f"{args.size} queries: build median {base:.2f} s ({args.ref}), {this:.2f} s (this): "
        f"{100 * (this - base) / base:+.1f}% (rounds' ratios ×{ratios[0]:.3f}–×{ratios[-1]:.3f})"
    )
    if not args.no_verify:
        last = [rows[-1] for rows in results.values()]
        keys = [k for k in last[0] if k not in ("build", "peak")]
        same = {k: last[0][k] == last[1][k] for k in keys}
        print(f"same: {same} ({last[1]['matches']} matches)")
        if not all(same.values()):
            raise SystemExit("the two trees built different indexes")


if __name__ == "__main__":
    main()
