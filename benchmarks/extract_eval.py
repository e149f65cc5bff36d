"""Full-text extraction on two sets of unseen pages, ours beside trafilatura's, in one run.

Every page goes, in the same run, through:
- "newsbot parse": the exact path `newsbot parse PAGE` takes (bot.reading.sources
  .articles_from_bytes on the file's bytes, as read_source does → article_from_page),
  scored on the article's text;
- trafilatura's plain `extract()` (the default), and favor_precision / favor_recall
  for reference, on the same bytes.

Sets (../shared/corpora/articles, see its README):
- scrapinghub (181 pages): token precision/recall/F1 against ground-truth.json's
  articleBody, averaged per page (and the benchmark's own 4-word-shingle F1);
- trafilatura-eval (949 pages): trafilatura's own counting: `with` snippets found
  (tp) or missed (fn), `without` snippets present (fp) or avoided (tn), summed over
  pages; precision, recall, F1 and accuracy of those sums.

Per page, ours against the default: better / worse / equal (F1 on scrapinghub, the
count of snippets right on trafilatura-eval), and every page where our recall is
under half of the default's (a truncation: a lost paragraph is a lost alert).

    python benchmarks/extract_eval.py [--set scrapinghub|trafilatura-eval] [--limit N]
                                      [--workers 2] [--only NAME ...] [--list N]
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
from dataclasses import dataclass
from multiprocessing import Pool
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import trafilatura  # noqa: E402

from bot.errors import NewsbotError  # noqa: E402
from bot.reading.sources import articles_from_bytes  # noqa: E402

SHARED = Path(os.environ.get("NEWSBOT_SHARED", ROOT.parent / "shared"))
ARTICLES = SHARED / "corpora" / "articles"
SETS = ("scrapinghub", "trafilatura-eval")
OURS = "newsbot parse"
DEFAULT = "trafilatura default"
_TOKEN = re.compile(r"\w+")

Extractor = Callable[[bytes, str], str]


def _trafilatura(*, favor_precision: bool = False, favor_recall: bool = False) -> Extractor:
    def run(html: bytes, url: str) -> str:
        try:
            text = trafilatura.extract(
                html,
                url=url or None,
                favor_precision=favor_precision,
                favor_recall=favor_recall,
            )
            return text or ""
        except Exception:  # lxml raises many types on broken pages: no text, as for us
            return ""

    return run


def _newsbot_parse(html: bytes, name: str) -> str:
    """What `newsbot parse FILE` prints as the text of an HTML file (read_source's path)."""
    try:
        articles = articles_from_bytes(html, name=name)
    except NewsbotError:
        return ""
    return "\n\n".join(a.text for a in articles)


CONFIGS: dict[str, Extractor] = {
    OURS: _newsbot_parse,
    DEFAULT: _trafilatura(),
    "trafilatura favor_precision": _trafilatura(favor_precision=True),
    "trafilatura favor_recall": _trafilatura(favor_recall=True),
}


# --- scoring -----------------------------------------------------------------------------


def token_scores(truth: str, pred: str) -> tuple[float, float, float]:
    """Token precision, recall and F1 of one page (lower-cased words)."""
    t, p = Counter(_TOKEN.findall(truth.lower())), Counter(_TOKEN.findall(pred.lower()))
    common = sum((t & p).values())
    precision = common / sum(p.values()) if p else 0.0
    recall = common / sum(t.values()) if t else 0.0
    f1 = 2 * precision * recall / (precision + recall) if common else 0.0
    return precision, recall, f1


def shingle_scores(truth: str, pred: str, n: int = 4) -> tuple[float, float, float]:
    """(tp, fp, fn) over word 4-grams, normalised to sum to 1 (the benchmark's own metric)."""

    def grams(text: str) -> Counter[tuple[str, ...]]:
        tokens = _TOKEN.findall(text or "")
        return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)))

    t, p = grams(truth), grams(pred)
    tp = float(sum((t & p).values()))
    fp = float(sum((p - t).values()))
    fn = float(sum((t - p).values()))
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def shingle_f1(scores: list[tuple[float, float, float]]) -> float:
    """Mean precision and recall over pages, F1 of the means (as the benchmark publishes)."""
    ps = [tp / (tp + fp) for tp, fp, _ in scores if tp + fp > 0]
    rs = [tp / (tp + fn) for tp, _, fn in scores if tp + fn > 0]
    p, r = statistics.mean(ps), statistics.mean(rs)
    return 2 * p * r / (p + r) if p + r else 0.0


def snippet_counts(text: str, with_: list[str], without: list[str]) -> tuple[int, int, int, int]:
    """(tp, fn, fp, tn) as trafilatura's own evaluation counts them for one page."""
    tp = sum(1 for s in with_ if s in text)
    fp = sum(1 for s in without if s in text)
    return tp, len(with_) - tp, fp, len(without) - fp


# --- one page in a worker ----------------------------------------------------------------


@dataclass(frozen=True)
class Task:
    set: str
    key: str
    path: str
    url: str
    truth: str = ""
    with_: tuple[str, ...] = ()
    without: tuple[str, ...] = ()


@dataclass(frozen=True)
class Result:
    task: Task
    # per configuration: (precision, recall, f1, seconds, chars) on scrapinghub, or
    # (tp, fn, fp, tn, seconds, chars) on trafilatura-eval
    scores: dict[str, tuple[float, ...]]
    shingles: dict[str, tuple[float, float, float]]


_ONLY: tuple[str, ...] = ()


def _init(only: tuple[str, ...]) -> None:
    global _ONLY
    _ONLY = only


def run_page(task: Task) -> Result:
    with gzip.open(task.path, "rb") as f:
        html = f.read()
    scores: dict[str, tuple[float, ...]] = {}
    shingles: dict[str, tuple[float, float, float]] = {}
    for name, extract in CONFIGS.items():
        if _ONLY and name not in (OURS, DEFAULT) and not any(o in name for o in _ONLY):
            continue
        start = time.perf_counter()
        # Ours reads the file as `newsbot parse FILE` does: no URL, the file's name.
        text = extract(html, Path(task.path).name if name == OURS else task.url)
        seconds = time.perf_counter() - start
        if task.set == "scrapinghub":
            scores[name] = (*token_scores(task.truth, text), seconds, len(text))
            shingles[name] = shingle_scores(task.truth, text)
        else:
            counts = snippet_counts(text, list(task.with_), list(task.without))
            scores[name] = (*counts, seconds, len(text))
    return Result(task, scores, shingles)


def tasks_for(set_name: str, limit: int) -> list[Task]:
    folder = ARTICLES / set_name
    tasks = []
    if set_name == "scrapinghub":
        truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
        for key in sorted(truth):
            item = truth[key]
            path = folder / "html" / f"{key}.html.gz"
            tasks.append(
                Task(set_name, key, str(path), item.get("url", ""), item.get("articleBody", ""))
            )
    else:
        data = json.loads((folder / "evaldata.json").read_text(encoding="utf-8"))
        for url in sorted(data):
            item = data[url]
            path = folder / "html" / f"{item['file']}.gz"
            tasks.append(
                Task(
                    set_name,
                    item["file"],
                    str(path),
                    url,
                    with_=tuple(item.get("with") or ()),
                    without=tuple(item.get("without") or ()),
                )
            )
    return tasks[: limit or None]


# --- reporting ---------------------------------------------------------------------------


def _recall(set_name: str, score: tuple[float, ...]) -> float:
    if set_name == "scrapinghub":
        return score[1]
    tp, fn = score[0], score[1]
    return tp / (tp + fn) if tp + fn else 1.0


def _quality(set_name: str, score: tuple[float, ...]) -> float:
    """What better/worse compares: F1, or the number of snippets counted right."""
    if set_name == "scrapinghub":
        return score[2]
    return score[0] + score[3]


def report(set_name: str, results: list[Result], listed: int) -> None:
    names = [n for n in CONFIGS if n in results[0].scores]
    print(f"\n## {set_name}: {len(results)} pages")
    if set_name == "scrapinghub":
        print(
            f"{'configuration':<30} {'token P':>8} {'R':>6} {'F1':>6} {'shingle F1':>11} {'s':>6}"
        )
        for name in names:
            s = [r.scores[name] for r in results]
            p, rc, f = (statistics.mean(x[i] for x in s) for i in range(3))
            sf = shingle_f1([r.shingles[name] for r in results])
            secs = sum(x[3] for x in s)
            print(f"{name:<30} {p:>8.3f} {rc:>6.3f} {f:>6.3f} {sf:>11.3f} {secs:>6.1f}")
    else:
        print(f"{'configuration':<30} {'P':>6} {'R':>6} {'F1':>6} {'acc':>6} {'s':>6}")
        for name in names:
            tp, fn, fp, tn = (sum(r.scores[name][i] for r in results) for i in range(4))
            p = tp / (tp + fp) if tp + fp else 0.0
            rc = tp / (tp + fn) if tp + fn else 0.0
            f = 2 * p * rc / (p + rc) if p + rc else 0.0
            acc = (tp + tn) / (tp + fn + fp + tn)
            secs = sum(r.scores[name][4] for r in results)
            print(f"{name:<30} {p:>6.3f} {rc:>6.3f} {f:>6.3f} {acc:>6.3f} {secs:>6.1f}")
    eps = 0.005 if set_name == "scrapinghub" else 0.5
    better = worse = equal = 0
    worst: list[tuple[float, Result]] = []
    truncated: list[Result] = []
    for r in results:
        diff = _quality(set_name, r.scores[OURS]) - _quality(set_name, r.scores[DEFAULT])
        if diff > eps:
            better += 1
        elif diff < -eps:
            worse += 1
            worst.append((diff, r))
        else:
            equal += 1
        if _recall(set_name, r.scores[OURS]) < 0.5 * _recall(set_name, r.scores[DEFAULT]):
            truncated.append(r)
    print(f"per page, {OURS} against {DEFAULT}: {better} better, {worse} worse, {equal} equal")
    print(f"pages where our recall is under half of the default's: {len(truncated)}")
    for r in truncated:
        ours, default = r.scores[OURS], r.scores[DEFAULT]
        print(
            f"  {r.task.key}: recall {_recall(set_name, ours):.2f} vs "
            f"{_recall(set_name, default):.2f}, {int(ours[-1])} vs {int(default[-1])} chars"
        )
    if listed and worst:
        print(f"the {min(listed, len(worst))} pages where we lose most:")
        for diff, r in sorted(worst, key=lambda x: x[0])[:listed]:
            ours, default = r.scores[OURS], r.scores[DEFAULT]
            print(
                f"  {r.task.key}: {diff:+.3f}, recall {_recall(set_name, ours):.2f} vs "
                f"{_recall(set_name, default):.2f}, {int(ours[-1])} vs {int(default[-1])} chars"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=SETS, action="append", help="one set (default: both)")
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages of each set")
    parser.add_argument("--workers", type=int, default=2, help="processes (at most 2 here)")
    parser.add_argument("--only", nargs="*", default=[], help="reference configs to run too")
    parser.add_argument("--list", type=int, default=0, help="show the N pages we lose most")
    args = parser.parse_args()
    only = tuple(args.only) if args.only else ()
    print(f"trafilatura {trafilatura.__version__}, {min(args.workers, 2)} workers")
    for set_name in args.set or SETS:
        tasks = tasks_for(set_name, args.limit)
        start = time.perf_counter()
        with Pool(min(args.workers, 2), initializer=_init, initargs=(only,)) as pool:
            results = list(pool.imap(run_page, tasks, chunksize=4))
        report(set_name, results, args.list)
        print(f"({time.perf_counter() - start:.0f} s wall)")


if __name__ == "__main__":
    main()
