"""Held-out matching evaluation: P/R/F1 per category on spellings the rules were not made on.

    python benchmarks/match_heldout.py [--half test|tune] [-v] [--only CATEGORY] [--all-scripts]
                                       [--wordnet DICT_DIR]

Cases come from lists written by people (scripts/heldout_sources.py: codespell's
misspellings and British/American list, GeoNames alternate names, ISO 3166-2 subdivision
names against GeoNames' spellings and WordNet's spellings of romanised names and terms
(two more sources of transliterations, planted after every other case with their own
draws, so that the others stay the cases they were; the table after the main one gives
the transliterations of each source), the gazetteer and
wordfreq's word list for look-alikes and compounds, acronyms the articles define
themselves), planted in real article text from ../shared/corpora (the scrapinghub article
bodies and the English entries of the real feeds). Every pair belongs to a *name* (the
word, place or organisation it is about); a stable hash of the name puts it in the tuning
half or the test half. Rules are tuned on `--half tune`; the figures to report are
`--half test` (the default).

Each pair gives two cases: the article with the `written` spelling (must match when the
pair is a variant, must not when it is a look-alike trap) and a control (the article
without the name: must not match; for a trap, the article with the query's own spelling:
must match). Ordinary keywords and operators are labelled by set logic over the article's
words, as in match_eval.py.

Two baselines run on the same cases: exact whole words (folded), and naive rapidfuzz (a
query word matches an article word with fuzz.ratio >= 85).
"""

from __future__ import annotations

import argparse
import dataclasses
import gzip
import html
import random
import re
import sys
from collections import defaultdict
from collections.abc import Callable, Collection, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import feedparser  # noqa: E402
from rapidfuzz import fuzz, process  # noqa: E402
from wordfreq import zipf_frequency  # noqa: E402

from benchmarks.matchcases import (  # noqa: E402
    GROUND_TRUTH,
    SHARED,
    Case,
    article_bodies,
    names_in,
    newsbot,
    outcome,
    score,
    set_logic_cases,
)
from bot.matching.normalise import clean_word, fold, split_words  # noqa: E402
from bot.matching.query import And, Node, Not, Or, Phrase, Term, parse_query  # noqa: E402
from scripts.heldout_sources import Pair, abbreviation_pairs, all_pairs, half  # noqa: E402
from scripts.heldout_wordnet import wordnet_dict, wordnet_pairs  # noqa: E402

CORPORA = SHARED / "corpora"
FEEDS = CORPORA / "feeds" / "real"
PAGES = CORPORA / "articles" / "trafilatura-eval" / "html"
PER_CATEGORY = 400  # pairs drawn per category and half (cases: twice that)
OVERALL = ("ordinary", "typo", "british/american", "transliteration", "trap", "compound",
           "operators")  # fmt: skip


def english(text: str) -> bool:
    words = re.findall(r"[a-z]+", text.lower())
    return len(words) >= 60 and sum(zipf_frequency(w, "en") >= 4 for w in words) > 0.6 * len(words)


def load_texts() -> list[str]:
    """Real English article bodies: scrapinghub's ground truth and the real feeds' entries."""
    texts = article_bodies()
    for path in sorted(FEEDS.rglob("*")):
        if not path.is_file() or path.suffix.lower() not in {".xml", ".rss", ".atom", ".json", ""}:
            continue
        try:
            parsed = feedparser.parse(path.read_bytes())
        except Exception:
            continue
        for entry in parsed.entries:
            body = " ".join(
                c.get("value", "") for c in entry.get("content", []) if isinstance(c, dict)
            ) or str(entry.get("summary", ""))
            body = re.sub(r"<[^>]+>", " ", body)
            body = re.sub(r"&[a-z#0-9]+;", " ", body)
            text = f"{entry.get('title', '')}. {body}"
            if english(text):
                texts.append(re.sub(r"\s+", " ", text).strip())
    return sorted(set(texts))


def definition_texts(texts: list[str]) -> list[str]:
    """Every text of the corpora where an article may define an acronym: the English texts
    above, and also every feed entry whatever its language and the trafilatura-eval pages
    (HTML without its tags): the names only, never planted (see abbreviation_pairs)."""
    found = list(texts)
    for path in sorted(FEEDS.rglob("*")):
        if path.is_file():
            found.append(_plain(path.read_bytes().decode("utf-8", "replace")))
    for path in sorted(PAGES.glob("*.html.gz")):
        found.append(_plain(gzip.decompress(path.read_bytes()).decode("utf-8", "replace")))
    return found


def _plain(markup: str) -> str:
    markup = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", markup)
    markup = re.sub(r"<[^>]+>|&lt;[^&]*&gt;", " ", markup)
    return re.sub(r"\s+", " ", html.unescape(markup))


def words_of(text: str) -> list[str]:
    return [clean_word(fold(w)) for w in split_words(text)]


def free_of(vocabulary: set[str], query: str) -> bool:
    """No word of the query, nor anything within two letters of it, in the vocabulary."""
    for part in words_of(query):
        if part in vocabulary:
            return False
        stem = part[:4]
        if any(w.startswith(stem) for w in vocabulary):
            return False
        hits = process.extractOne(part, vocabulary, scorer=fuzz.ratio, score_cutoff=70)
        if hits is not None:
            return False
    return True


def replace_word(text: str, old: str, new: str) -> str:
    return re.sub(rf"(?<![\w-]){re.escape(old)}(?![\w-])", new.replace("\\", ""), text)


class Corpus:
    def __init__(self, texts: list[str]) -> None:
        self.texts = texts
        self.vocab = [set(words_of(t)) for t in texts]
        self.by_word: dict[str, list[int]] = defaultdict(list)
        for i, words in enumerate(self.vocab):
            for w in words:
                self.by_word[w].append(i)
        self.names = [names_in(t) for t in texts]

    def until_enough(self, rng: random.Random, cases: list[Case]) -> Iterator[int]:
        """The texts' indexes in a random order, until `cases` holds a category's worth."""
        order = list(range(len(self.texts)))
        rng.shuffle(order)
        for i in order:
            if len(cases) >= 2 * PER_CATEGORY:
                return
            yield i

    def without(self, rng: random.Random, *queries: str) -> int | None:
        for _ in range(40):
            i = rng.randrange(len(self.texts))
            if all(free_of(self.vocab[i], q) for q in queries):
                return i
        return None


def plant(corpus: Corpus, pair: Pair, rng: random.Random) -> list[Case]:
    """The pair's two cases: the article with `written`, and its control."""
    i = corpus.without(rng, pair.query, pair.written)
    if i is None:
        return []
    text = corpus.texts[i]
    if pair.capital:
        if not corpus.names[i]:
            return []
        slot = rng.choice(corpus.names[i])
    else:  # an ordinary word: put it where a lower-case word of the article is
        lower = [
            w for w in re.findall(r"(?<= )([a-z]{5,})(?= )", text) if zipf_frequency(w, "en") < 5
        ]
        if not lower:
            return []
        slot = rng.choice(lower)
    with_written = replace_word(text, slot, pair.written)
    if pair.same:
        return [
            Case(pair.category, pair.query, with_written, True, pair.written),
            Case(pair.category, pair.query, text, False, "control"),
        ]
    return [
        Case(pair.category, pair.query, with_written, False, pair.written),
        Case(pair.category, pair.query, replace_word(text, slot, pair.query), True, "control"),
    ]


def ordinary_cases(corpus: Corpus, rng: random.Random, want: str) -> list[Case]:
    """Words the article has (as written, plural/singular, possessive) and words it has not."""
    cases: list[Case] = []
    for i in corpus.until_enough(rng, cases):
        text = corpus.texts[i]
        plain = [w for w in re.findall(r"(?<= )([a-z]{4,})(?=[ ,.])", text)
                 if 3.0 <= zipf_frequency(w, "en") < 5 and half(w) == want]  # fmt: skip
        if not plain:
            continue
        word = rng.choice(plain)
        cases.append(Case("ordinary", word, text, True))
        if word.endswith("s") and not word.endswith("ss"):
            cases.append(Case("ordinary", word[:-1], text, True))
        elif not word.endswith("s"):
            cases.append(Case("ordinary", word + "s", text, True))
        names = [n for n in corpus.names[i] if half(n) == want]
        if names:
            name = rng.choice(names)
            cases.append(Case("ordinary", name, replace_word(text, name, name + "'s"), True))
        j = corpus.without(rng, word)
        if j is not None:
            cases.append(Case("ordinary", word, corpus.texts[j], False))
    return cases


def operator_cases(corpus: Corpus, rng: random.Random, want: str) -> list[Case]:
    cases: list[Case] = []
    for i in corpus.until_enough(rng, cases):
        text = corpus.texts[i]
        words = sorted({w for w in re.findall(r"\b[a-z]{6,}\b", text) if half(w) == want})
        if len(words) < 4:
            continue
        a, b = rng.sample(words, 2)
        j = rng.randrange(len(corpus.texts))
        absent = next(
            (w for w in re.findall(r"\b[a-z]{7,}\b", corpus.texts[j])
             if free_of(corpus.vocab[i], w)), None)  # fmt: skip
        if absent is None:
            continue
        cases += set_logic_cases(text, a, b, absent, "operators")
    return cases


def build_cases(
    want: str,
    seed: int = 9,
    *,
    romanised_only: bool = True,
    relabel: Callable[[Pair], str] | None = None,
    by_source: bool = False,
    wordnet: Path | None = None,
) -> list[Case]:
    """The cases of one half; `relabel` names a pair's category instead of its own (to
        split one: benchmarks/british_american_split.py); `by_source` labels the cases of a
        category's other sources "category (source)" (transliteration (ISO 3166-2)); `wordnet`
    is WordNet's dict/ directory (scripts/heldout_wordnet.py fetches it when None)."""
    rng = random.Random(seed)
    corpus = Corpus(load_texts())
    pairs = all_pairs("\n".join(corpus.texts))
    pairs += abbreviation_pairs(definition_texts(corpus.texts))
    made = {frozenset((p.query.lower(), p.written.lower())) for p in pairs}
    pairs += [
        p
        for p in wordnet_pairs(wordnet_dict(wordnet))
        if frozenset((p.query.lower(), p.written.lower())) not in made
    ]
    by_category: dict[str, list[Pair]] = defaultdict(list)
    second: list[Pair] = []  # a category's other sources: planted last, with their own draws
    for pair in pairs:
        if half(pair.name) == want:
            (second if pair.source else by_category[pair.category]).append(pair)
    cases: list[Case] = []
    for category in sorted(by_category):
        chosen = by_category[category]
        if len(chosen) > PER_CATEGORY:
            chosen = rng.sample(chosen, PER_CATEGORY)
        for pair in chosen:
            planted = plant(corpus, pair, rng)  # (always: the other cases stay the same)
            if relabel is not None:
                planted = [dataclasses.replace(c, category=relabel(pair)) for c in planted]
            if pair.romanisation or not romanised_only:
                cases += planted
    cases += ordinary_cases(corpus, rng, want)
    cases += operator_cases(corpus, rng, want)
    rng = random.Random(seed)  # the cases above stay the ones they were without `second`
    for pair in second:
        planted = plant(corpus, pair, rng)
        label = f"{pair.category} ({pair.source})" if by_source else pair.category
        cases += [dataclasses.replace(c, category=label) for c in planted]
    return cases


# ---------------------------------------------------------------- baselines


def evaluate(node: Node, term: Callable[[str], bool], phrase: Callable[[list[str]], bool]) -> bool:
    if isinstance(node, Term):
        parts = words_of(node.word)
        return term(parts[0]) if len(parts) == 1 else phrase(parts)
    if isinstance(node, Phrase):
        return phrase([w for p in node.words for w in words_of(p)])
    if isinstance(node, And):
        return all(evaluate(c, term, phrase) for c in node.children)
    if isinstance(node, Or):
        return any(evaluate(c, term, phrase) for c in node.children)
    assert isinstance(node, Not)
    return not evaluate(node.child, term, phrase)


def adjacent(words: list[str], parts: list[str]) -> bool:
    n = len(parts)
    return any(words[k : k + n] == parts for k in range(len(words) - n + 1))


def exact(query: str, text: str) -> bool:
    words = words_of(text)
    present = set(words)
    return evaluate(parse_query(query).root, present.__contains__, lambda p: adjacent(words, p))


def naive(query: str, text: str) -> bool:
    words = words_of(text)
    present = sorted(set(words))

    def term(w: str) -> bool:
        return process.extractOne(w, present, scorer=fuzz.ratio, score_cutoff=85) is not None

    joined = " ".join(words)
    return evaluate(
        parse_query(query).root, term, lambda p: fuzz.partial_ratio(" ".join(p), joined) >= 85
    )


def report(
    cases: list[Case], column: str, overall: Collection[str] = (), total: str = ""
) -> list[str]:
    """Print the P/R/F1 table of the newsbot matcher and the two baselines on `cases`, one
    row a category (and `total`: the categories of `overall` together); the newsbot
    matcher's misses, one line each."""
    matchers = {"newsbot": newsbot, "exact": exact, "rapidfuzz": naive}
    counts: dict[str, dict[str, list[int]]] = {
        m: defaultdict(lambda: [0, 0, 0, 0]) for m in matchers
    }
    misses: list[str] = []
    for case in cases:
        for name, matcher in matchers.items():
            got = matcher(case.query, case.text)
            slot = outcome(got, case.expected)
            counts[name][case.category][slot] += 1
            if case.category in overall:
                counts[name][total][slot] += 1
            if name == "newsbot" and got != case.expected:
                misses.append(
                    f"{case.category}: {case.query!r} / {case.note!r} expected {case.expected}"
                )
    print(f"| {column} | cases | newsbot P | R | F1 | exact P | R | F1 | rapidfuzz P | R | F1 |")
    print("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
    rows = sorted(counts["newsbot"], key=lambda c: (c == total, c))
    for category in rows:
        row = [category, str(sum(counts["newsbot"][category]))]
        for name in matchers:
            row += [f"{x:.3f}" for x in score(counts[name][category])]
        print("| " + " | ".join(row) + " |")
    return misses


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--half", choices=("test", "tune"), default="test")
    parser.add_argument("-v", action="store_true", help="list the newsbot matcher's misses")
    parser.add_argument("--only", help="one category")
    parser.add_argument(
        "--all-scripts",
        action="store_true",
        help="the older case set: transliterations of places of Latin-script countries too",
    )
    parser.add_argument("--wordnet", type=Path, help="WordNet 3.1's dict/ directory")
    args = parser.parse_args()
    if not GROUND_TRUTH.is_file():
        print(f"needs the shared corpora at {SHARED} (set NEWSBOT_SHARED)", file=sys.stderr)
        return 2
    labelled = build_cases(
        args.half, romanised_only=not args.all_scripts, by_source=True, wordnet=args.wordnet
    )
    cases = [dataclasses.replace(c, category=c.category.split(" (")[0]) for c in labelled]
    if args.only:
        cases = [c for c in cases if c.category == args.only]
    print(f"held-out matching evaluation, {args.half} half: {len(cases)} cases\n")
    misses = report(cases, "category", OVERALL, "overall (all but alias)")
    sources = [
        c if " (" in c.category else dataclasses.replace(c, category=f"{c.category} (GeoNames)")
        for c in labelled
        if c.category.startswith("transliteration") and args.only in (None, "transliteration")
    ]
    if sources:
        print("\ntransliteration by source (GeoNames alone: the figure before the others)\n")
        report(sources, "source")
    if args.v:
        print("\n" + "\n".join(sorted(misses)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
