"""Matching speed: articles per second against 1k … 1M subscriptions, memory, build time,
and ratios to two baselines run on the same inputs in the same run: a naive loop that checks
every subscription with rapidfuzz, and exact whole-word matching through an inverted index.

    python benchmarks/match_bench.py                      # 1k, 10k, 100k, 1M
    python benchmarks/match_bench.py --sizes 1000,10000   # a quick run

Articles: the 181 real article bodies of ../shared/corpora/articles/scrapinghub (median
about 530 words); without ../shared, synthetic articles from wordfreq's word list.
Subscriptions: deterministic, 1–3 terms drawn from names and places found in those articles,
GeoNames places and common topic words, with OR, exclusions, phrases and misspellings mixed in.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rapidfuzz import fuzz, process  # noqa: E402

from bot.matching import SubscriptionIndex, load_lexicon, prepare  # noqa: E402
from bot.models import Article  # noqa: E402
from bot.normalise import fold  # noqa: E402
from bot.query import Phrase, Query, Term, parse_query  # noqa: E402

SHARED = Path(os.environ.get("NEWSBOT_SHARED", ROOT.parent / "shared"))
GROUND_TRUTH = SHARED / "corpora" / "articles" / "scrapinghub" / "ground-truth.json"


def rss_mb() -> float:
    """Resident memory of this process in MB (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def load_articles(count: int, rng: random.Random) -> list[Article]:
    if GROUND_TRUTH.is_file():
        data = json.loads(GROUND_TRUTH.read_text(encoding="utf-8"))
        bodies = [v["articleBody"] for _, v in sorted(data.items())]
    else:
        print(f"note: {GROUND_TRUTH} missing: synthetic articles from wordfreq")
        lexicon = load_lexicon()
        words = sorted(lexicon.zipf, key=lambda w: -lexicon.zipf[w])[:20000]
        weights = [10 ** lexicon.zipf[w] for w in words]
        bodies = [" ".join(rng.choices(words, weights, k=600)) for _ in range(181)]
    articles = []
    for number in range(count):
        body = bodies[number % len(bodies)]
        title = " ".join(body.split()[:10])
        articles.append(
            Article(id=str(number), url=f"https://example.org/{number}", title=title, text=body)
        )
    return articles


def vocabulary(articles: list[Article], rng: random.Random) -> list[str]:
    """Names from the articles, place names and topic words, most popular first."""
    names: dict[str, int] = {}
    for article in articles:
        for word in re.findall(r"\b[A-Z][a-z]{3,}\b", article.text):
            names[word] = names.get(word, 0) + 1
    lexicon = load_lexicon()
    places = sorted(p.title() for p in lexicon.places if " " not in p and len(p) >= 4)
    topics = sorted(w for w, z in lexicon.zipf.items() if 3.0 <= z < 4.5 and len(w) >= 5)
    common = lexicon.common  # "This", "However": capitalised, but not names
    found = [w for w in sorted(names, key=lambda w: -names[w]) if fold(w) not in common]
    vocab = found[:5000] + rng.sample(places, min(20000, len(places))) + rng.sample(topics, 20000)
    vocab = list(dict.fromkeys(vocab))
    rng.shuffle(vocab)  # popularity (rank) is not tied to being in the benchmark's articles
    return vocab


def misspell(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word) - 1)
    return word[:i] + word[i + 1 :] if rng.random() < 0.5 else word[:i] + word[i] + word[i:]


def make_queries(count: int, vocab: list[str], rng: random.Random) -> list[str]:
    # Popularity falls with rank (Zipf), as subscriptions do: many people follow "Syria".
    weights = [1.0 / (rank + 10) for rank in range(len(vocab))]
    picks = rng.choices(vocab, weights, k=count * 3)
    out = []
    for n in range(count):
        a, b, c = picks[3 * n : 3 * n + 3]
        if rng.random() < 0.05 and len(a) >= 6:
            a = misspell(a, rng)
        roll = rng.random()
        if roll < 0.45:
            out.append(a)
        elif roll < 0.70:
            out.append(f"{a} {b}")
        elif roll < 0.80:
            out.append(f"{a} OR {b}")
        elif roll < 0.88:
            out.append(f"{a} -{b}")
        elif roll < 0.94:
            out.append(f'"{a.lower()} {b.lower()}"')
        else:
            out.append(f"{a} {b} OR {c}")
    return out


# ---------------------------------------------------------------- baselines


def naive_rapidfuzz(queries: list[Query]) -> Callable[[Article], int]:
    """Check every subscription in turn: each positive word against the article's words."""
    compiled = [
        [fold(w) for leaf, neg in q.leaves() if not neg for w in _leaf_words(leaf)] for q in queries
    ]

    def run(article: Article) -> int:
        words = list(set(fold(f"{article.title} {article.text}").split()))
        hits = 0
        for terms in compiled:
            if all(process.extractOne(t, words, scorer=fuzz.ratio, score_cutoff=85) for t in terms):
                hits += 1
        return hits

    return run


def _leaf_words(leaf: Term | Phrase) -> list[str]:
    return [leaf.word] if isinstance(leaf, Term) else list(leaf.words)


def exact_words(queries: list[Query]) -> Callable[[Article], int]:
    """Exact whole-word matching through an inverted index: the speed limit of exact matchers."""
    index: dict[str, list[frozenset[str]]] = {}
    for q in queries:
        required = frozenset(
            fold(w) for leaf, neg in q.leaves() if not neg for w in _leaf_words(leaf)
        )
        index.setdefault(min(required), []).append(required)
    splitter = re.compile(r"\w+")

    def run(article: Article) -> int:
        words = set(splitter.findall(fold(f"{article.title} {article.text}")))
        return sum(1 for w in words for required in index.get(w, ()) if required <= words)

    return run


# ---------------------------------------------------------------- measuring


def rate(run: Callable[[Article], object], articles: list[Article], budget: float) -> float:
    """Articles per second over the articles, stopping early once `budget` seconds passed."""
    start = time.perf_counter()
    done = 0
    for article in articles:
        run(article)
        done += 1
        if time.perf_counter() - start > budget:
            break
    return done / (time.perf_counter() - start)


def bench_size(
    size: int, texts: list[str], articles: list[Article], args: argparse.Namespace
) -> dict[str, float]:
    gc.collect()
    before = rss_mb()
    start = time.perf_counter()
    index = SubscriptionIndex()
    for key, text in enumerate(texts[:size]):
        index.add(key, parse_query(text))
    build = time.perf_counter() - start
    gc.collect()
    memory = rss_mb() - before

    def ours(article: Article) -> int:
        return len(index.match(prepare(article)))

    # cold: every word of every article is new to the index's per-word cache. steady: the
    # cache warmed on the other half of the articles, then the first half measured; a bot
    # that has read some news lives here.
    cold = rate(ours, articles, args.budget)
    index._token_cache.clear()
    half = len(articles) // 2
    rate(ours, articles[half:], args.budget)
    warm = rate(ours, articles[:half], args.budget)
    total = sum(len(index.match(prepare(a))) for a in articles[:50])
    row = {
        "size": size,
        "build_s": build,
        "memory_mb": memory,
        "cold": cold,
        "warm": warm,
        "matches_per_article": total / min(50, len(articles)),
    }
    queries = [parse_query(t) for t in texts[:size]]
    row["exact"] = rate(exact_words(queries), articles, args.budget)
    if size <= args.naive_max:
        row["naive"] = rate(naive_rapidfuzz(queries), articles, args.budget)

    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000,1000000")
    parser.add_argument("--articles", type=int, default=181)
    parser.add_argument("--budget", type=float, default=20.0, help="seconds per measurement")
    parser.add_argument("--naive-max", type=int, default=10000, help="largest size for rapidfuzz")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    sizes = [int(s) for s in args.sizes.split(",")]
    articles = load_articles(args.articles, rng)
    words = sum(len(a.text.split()) for a in articles) / len(articles)
    texts = make_queries(max(sizes), vocabulary(articles, rng), rng)
    load_lexicon()
    print(f"{len(articles)} articles, {words:.0f} words on average; queries e.g. {texts[:6]}")
    header = (
        f"{'subs':>9} {'build s':>8} {'mem MB':>7} {'art/s cold':>10} {'art/s steady':>12} "
        f"{'exact/s':>8} {'naive/s':>8} {'×naive':>7} {'÷exact':>7} {'hits/art':>8}"
    )
    print(header)
    for size in sizes:
        r = bench_size(size, texts, articles, args)
        naive = r.get("naive")
        vs_naive = f"{r['cold'] / naive:7.0f}" if naive else f"{'-':>7}"
        print(
            f"{size:>9} {r['build_s']:8.1f} {r['memory_mb']:7.0f} {r['cold']:10.0f} "
            f"{r['warm']:12.0f} {r['exact']:8.0f} {naive or 0:8.1f} {vs_naive} "
            f"{r['exact'] / r['cold']:7.1f} {r['matches_per_article']:8.1f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
