"""Full-text extraction quality on the scrapinghub article-extraction benchmark.

Scores each configuration on ../shared/corpora/articles/scrapinghub/ against its
ground truth, two ways: the benchmark's own metric (4-word shingles, per-page
normalised, precision and recall averaged over pages, F1 of the means: the one behind
the published table) and plain token precision/recall/F1 averaged per page.

    python benchmarks/extract_eval.py [--only NAME ...] [--limit N]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import trafilatura  # noqa: E402

from bot.reading.pages import extract_main_text  # noqa: E402

SHARED = Path(os.environ.get("NEWSBOT_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpora" / "articles" / "scrapinghub"
# The benchmark's README (trafilatura 2.0.0 with include_comments=False).
PUBLISHED = {"trafilatura 2.0.0": (0.938, 0.978, 0.958), "rs_trafilatura": (0.951, 0.990, 0.970)}
_TOKEN = re.compile(r"\w+")

Extractor = Callable[[str, str], str]


def _shingles(text: str, n: int) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens)


def page_scores(truth: str, pred: str, n: int) -> tuple[float, float, float]:
    """(tp, fp, fn) over n-grams of words, normalised to sum to 1 as the benchmark does."""
    t, p = _shingles(truth, n), _shingles(pred, n)
    tp = float(sum((t & p).values()))
    fp = float(sum((p - t).values()))
    fn = float(sum((t - p).values()))
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def benchmark_metric(scores: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    """Mean precision and recall over pages, and the F1 of those means (the published one)."""
    p = statistics.mean(_precision(*s) for s in scores if s[0] + s[1] > 0)
    r = statistics.mean(_recall(*s) for s in scores if s[0] + s[2] > 0)
    return p, r, 2 * p * r / (p + r)


def token_metric(pairs: list[tuple[str, str]]) -> tuple[float, float, float]:
    """Token precision, recall and F1, each computed per page then averaged."""
    ps, rs, fs = [], [], []
    for truth, pred in pairs:
        t, p = Counter(_TOKEN.findall(truth.lower())), Counter(_TOKEN.findall(pred.lower()))
        common = sum((t & p).values())
        precision = common / sum(p.values()) if p else 0.0
        recall = common / sum(t.values()) if t else 0.0
        ps.append(precision)
        rs.append(recall)
        fs.append(2 * precision * recall / (precision + recall) if common else 0.0)
    return statistics.mean(ps), statistics.mean(rs), statistics.mean(fs)


def _trafilatura(**options: bool) -> Extractor:
    def run(html: str, url: str) -> str:
        return trafilatura.extract(html, url=url, include_comments=False, **options) or ""

    return run


def _ours(html: str, url: str) -> str:
    return extract_main_text(html, url=url)


CONFIGS: dict[str, Extractor] = {
    "trafilatura default (as published)": _trafilatura(),
    "trafilatura favor_precision": _trafilatura(favor_precision=True),
    "trafilatura favor_recall": _trafilatura(favor_recall=True),
    "newsbot (bot.reading.pages.extract_main_text)": _ours,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", help="configurations whose name contains this")
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages")
    args = parser.parse_args()
    truth = json.loads((CORPUS / "ground-truth.json").read_text(encoding="utf-8"))
    keys = sorted(truth)[: args.limit or None]
    pages = {}
    for key in keys:
        with gzip.open(CORPUS / "html" / f"{key}.html.gz", "rt", encoding="utf-8") as f:
            pages[key] = f.read()
    print(f"{len(keys)} pages from {CORPUS}")
    print(
        f"{'configuration':<40} {'shingle P/R/F1 (published metric)':>34}  {'token P/R/F1':>20}  s"
    )
    for name, (p, r, f) in PUBLISHED.items():
        print(f"{'published: ' + name:<40} {p:>10.3f} {r:.3f} {f:.3f}")
    for name, extract in CONFIGS.items():
        if args.only and not any(o in name for o in args.only):
            continue
        start = time.perf_counter()
        preds = {k: extract(pages[k], truth[k].get("url", "")) for k in keys}
        seconds = time.perf_counter() - start
        bodies = [(truth[k].get("articleBody", ""), preds[k]) for k in keys]
        bp, br, bf = benchmark_metric([page_scores(t, p, 4) for t, p in bodies])
        tp, tr, tf = token_metric(bodies)
        print(
            f"{name:<40} {bp:>10.3f} {br:.3f} {bf:.3f}   {tp:.3f} {tr:.3f} {tf:.3f}  {seconds:.1f}"
        )


if __name__ == "__main__":
    main()
