"""Which pairs of the corpora's own capitalised words the x/ks rule joins (bot/matching/ks_x.py,
forms.ks_as_x, romanisation.ks_apart): another commit's code against this checkout's, in
one process.

    taskset -c 0 python benchmarks/xks_corpus_ab.py [--ref main] [-v]

Words: every capitalised word (a capital, then 2+ lower-case letters, any script) of the
English texts of ../shared/corpora (`match_heldout.load_texts`: the scrapinghub bodies and
the real feeds' entries) and of the trafilatura-eval pages (their text less scripts and
tags: German, Polish, French... pages, where Slavic names are printed in their own
spelling). Pairs: two of these words, one written with an x, the other with a ks (not an
English cks), that are one word with the ks written x, the vowels left out and doubled
letters made single (a key of this script's own, no rule's: wider than any rule joins).
Each pair is tried both ways (one typed as a query, the other printed in a sentence) by
each side's matcher. Prints the words and pairs counted and how many pairs each side
joins (either way); -v lists them, and the pairs only one side joins are always listed.
"""

from __future__ import annotations

import argparse
import gzip
import importlib
import re
import sys
import tempfile
import unicodedata
from collections import defaultdict
from collections.abc import Callable
from itertools import product
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.match_ab_bench import BASELINE, export_baseline  # noqa: E402
from benchmarks.match_heldout import CORPORA, load_texts  # noqa: E402
from benchmarks.spotcheck import TEXT  # noqa: E402

PAGES = CORPORA / "articles" / "trafilatura-eval" / "html"
CAPITALISED = re.compile(r"\b[^\W\d_a-z][^\W\d_A-Z]{2,}\b")
_KS = re.compile(r"(?<!c)ks")
_VOWELS = re.compile(r"[aeiouy]")
_DOUBLED = re.compile(r"(.)\1")
_MARKUP = re.compile(r"(?s)<(script|style)[^>]*>.*?</\1>|<[^>]+>")

Matcher = Callable[[str, str], bool]


def page_texts() -> list[str]:
    """The trafilatura-eval pages' text: the HTML less scripts, styles and tags."""
    texts = []
    for path in sorted(PAGES.iterdir()):
        raw = path.read_bytes()
        if path.suffix == ".gz":
            raw = gzip.decompress(raw)
        texts.append(_MARKUP.sub(" ", raw.decode("utf-8", "replace")))
    return texts


def plain(word: str) -> str:
    """Lower case, the accents left out (Aleksandr, Aleksándr: aleksandr)."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def key(word: str) -> str:
    """A ks written x, the vowels left out, doubled letters single: maksim, maxim → mxm."""
    return _DOUBLED.sub(r"\1", _VOWELS.sub("", _KS.sub("x", plain(word))))


def pairs(words: set[str]) -> list[tuple[str, str]]:
    """(written with an x, written with a ks) of one `key`, each pair once."""
    groups: dict[str, tuple[set[str], set[str]]] = defaultdict(lambda: (set(), set()))
    for word in words:
        folded = plain(word)
        if not folded.isascii() or not folded.isalpha():
            continue
        if "x" in folded and "ks" not in folded:
            groups[key(word)][0].add(word)
        elif _KS.search(folded) and "x" not in folded:
            groups[key(word)][1].add(word)
    return sorted(p for xs, ks in groups.values() for p in product(sorted(xs), sorted(ks)))


def matcher(package: str) -> Matcher:
    """`package`'s matcher: does the query find the word printed in the spot checks' TEXT?"""
    query: Any = importlib.import_module(f"{package}.matching.query")
    document: Any = importlib.import_module(f"{package}.matching.document")
    plan: Any = importlib.import_module(f"{package}.matching.plan")
    models: Any = importlib.import_module(f"{package}.models")

    def found(typed: str, printed: str) -> bool:
        text = TEXT.format(name=printed)
        doc = document.prepare(models.Article(id="x", url="u", title="", text=text))
        return plan.match_query(query.parse_query(typed), doc) is not None

    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--ref", default="main", help="the other commit (default: main)")
    parser.add_argument("-v", action="store_true", help="list every pair either side joins")
    args = parser.parse_args()
    words = {w for text in load_texts() + page_texts() for w in CAPITALISED.findall(text)}
    tried = pairs(words)
    print(f"{len(words):,} capitalised words, {len(tried):,} x/ks pairs of one key")
    with tempfile.TemporaryDirectory() as tmp:
        export_baseline(args.ref, Path(tmp))
        sys.path.insert(0, tmp)
        sides = {args.ref: matcher(BASELINE), "this checkout": matcher("bot")}
        joined = {
            name: {(x, ks) for x, ks in tried if found(x, ks) or found(ks, x)}
            for name, found in sides.items()
        }
    for name, got in joined.items():
        print(f"{name}: {len(got)} pairs joined (either way)")
        if args.v:
            for x, ks in sorted(got):
                print(f"  {x} / {ks}")
    before, after = joined.values()
    for label, diff in (("only " + args.ref, before - after), ("only this", after - before)):
        print(f"{label}: {', '.join(f'{x}/{ks}' for x, ks in sorted(diff)) or 'none'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
