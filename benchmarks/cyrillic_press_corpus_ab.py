"""Which pairs of the corpora's own capitalised words the German and French press rule
joins (bot/matching/cyrillic_press.py): another commit's code against this checkout's, in
one process.

    taskset -c 0 python benchmarks/cyrillic_press_corpus_ab.py [--ref main] [-v]

Words: every capitalised word (a capital, then 3+ lower-case letters, any script) of the
English texts of ../shared/corpora (`match_heldout.load_texts`) and of the trafilatura-eval
pages (German, Polish, French... pages, where Russian names are printed in their press's
spelling), read as xks_corpus_ab.py reads them. Pairs: two of these words of one key of
this script's own, wider than the rule (lower case without accents and a final e, the
hushing and hissing consonants of the three systems one letter: sch, sh, ch, zh, tsch,
tch, kh, h x; z, ts, s s; w as v, a run of vowels and y one V, j either x or a vowel,
doubled letters single; at least three consonants, twelve words a key at most), and a
word with any of its unguarded spellings (`cyrillic_press.press_forms`, every system's
reading, before the frequency guards) that is a word of the corpora too. Each pair is tried both
ways by each side's matcher. Prints the counts; the pairs only one side joins are
always listed, -v lists every joined pair.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from collections import defaultdict
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.match_ab_bench import BASELINE, export_baseline  # noqa: E402
from benchmarks.match_heldout import load_texts  # noqa: E402
from benchmarks.xks_corpus_ab import CAPITALISED, matcher, page_texts, plain  # noqa: E402
from bot.matching.cyrillic_press import press_forms  # noqa: E402

_HUSHING = re.compile(r"schtsch|shch|chtch|tsch|tch|sch|sh|ch|zh|kh|h")
_HISSING = re.compile(r"ts|z")
_VOWELS = re.compile(r"[aeiouy]+")
_DOUBLED = re.compile(r"(.)\1")
MIN_CONSONANTS = 3
MAX_GROUP = 12  # (a key this many words share is no name's: not paired)


def keys(word: str) -> set[str]:
    """Lower case without accents and a final e, the hushing consonants x, the hissing s,
    w as v, a run of vowels (and y) one V, doubled letters single; j read both as a
    consonant (French ж) and as a vowel (German й): Chodorkowski, Khodorkovsky →
    xVdVrkVvskV; Poutine, Putin → pVtVn."""
    folded = plain(word)
    folded = folded[:-1] if folded.endswith("e") else folded
    folded = _HISSING.sub("s", _HUSHING.sub("x", folded)).replace("w", "v")
    both = {folded.replace("j", "x"), folded.replace("j", "a")}
    return {_DOUBLED.sub(r"\1", _VOWELS.sub("V", f)) for f in both}


def pairs(words: set[str]) -> list[tuple[str, str]]:
    """Two words of one of their `keys` whose folded spellings differ, each pair once."""
    groups: dict[str, set[str]] = defaultdict(set)
    for word in words:
        folded = plain(word)
        if folded.isascii() and folded.isalpha():
            for one in keys(word):
                if len(one.replace("V", "")) >= MIN_CONSONANTS:
                    groups[one].add(word)
    found: set[tuple[str, ...]] = set()
    by_plain: dict[str, set[str]] = defaultdict(set)
    for word in words:
        by_plain[plain(word)].add(word)
    for word in words:
        for form in press_forms(plain(word)):
            found |= {tuple(sorted((word, other))) for other in by_plain.get(form, ())}
    for group in groups.values():
        if len(group) <= MAX_GROUP:
            found |= {(a, b) for a, b in combinations(sorted(group), 2) if plain(a) != plain(b)}
    return sorted((a, b) for a, b in found if plain(a) != plain(b))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--ref", default="main", help="the other commit (default: main)")
    parser.add_argument("-v", action="store_true", help="list every pair either side joins")
    args = parser.parse_args()
    words = {w for text in load_texts() + page_texts() for w in CAPITALISED.findall(text)}
    words = {w for w in words if len(w) >= 4}
    tried = pairs(words)
    print(f"{len(words):,} capitalised words, {len(tried):,} pairs of one key")
    with tempfile.TemporaryDirectory() as tmp:
        export_baseline(args.ref, Path(tmp))
        sys.path.insert(0, tmp)
        sides = {args.ref: matcher(BASELINE), "this checkout": matcher("bot")}
        joined = {
            name: {(a, b) for a, b in tried if found(a, b) or found(b, a)}
            for name, found in sides.items()
        }
    for name, got in joined.items():
        print(f"{name}: {len(got)} pairs joined (either way)")
        if args.v:
            for a, b in sorted(got):
                print(f"  {a} / {b}")
    before, after = joined.values()
    for label, diff in (("only " + args.ref, before - after), ("only this", after - before)):
        print(f"{label}: {', '.join(f'{a}/{b}' for a, b in sorted(diff)) or 'none'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
