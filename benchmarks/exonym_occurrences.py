"""Where bot/data/exonyms.tsv's names occur in the corpora, to read whether they name the place.

    python benchmarks/exonym_occurrences.py [-v] [--sample N] [--names a,b,...]

Every name of bot/data/exonyms.tsv that no other alias file already joins to its group's
other names (the names the file adds), counted written with a capital as a whole word over
every text of ../shared/corpora: the scrapinghub article bodies, every feed entry whatever
its language (Spiegel, Le Monde, ...) and the trafilatura-eval pages (German, French,
Polish, Spanish, English ...), as benchmarks/match_heldout.py reads them. With -v, up to
`--sample` occurrences of each name in context (columns: occurrences, texts), to be read by
a person: does it name the
city or country of its group? `--names` counts other names instead (the ones the
generator dropped, from `scripts/cldr_exonyms.py --explain`).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from wordfreq import zipf_frequency  # noqa: E402

from benchmarks.match_heldout import definition_texts, load_texts  # noqa: E402
from bot.matching.normalise import fold  # noqa: E402

DATA = ROOT / "bot" / "data"
WORD = re.compile(r"[^\W\d_]+")
OTHER = ("aliases.tsv", "org_aliases.tsv", "country_aliases.tsv")


def _groups(file: str) -> list[list[str]]:
    lines = (DATA / file).read_text("utf-8").splitlines()
    return [line.split("\t") for line in lines if line and not line.startswith("#")]


def added_names() -> dict[str, str]:
    """Each other language's name that exonyms.tsv joins to a group no other file joins it
    to → its group. The group's English name (English's most frequent) is left out: it
    occurs all over, as it did before."""
    joined: dict[str, set[str]] = {}
    for file in OTHER:
        for group in _groups(file):
            for name in group:
                joined.setdefault(name, set()).update(group)
    out = {}
    for group in _groups("exonyms.tsv"):
        english = max(group, key=lambda n: zipf_frequency(n, "en"))  # the group's own name
        for name in group:
            if name != english and set(group) - joined.get(name, {name}):
                out[name] = ", ".join(group)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-v", action="store_true", help="show occurrences in context")
    parser.add_argument("--sample", type=int, default=3)
    parser.add_argument("--names", help="comma-separated folded names to count instead")
    args = parser.parse_args()
    names = {n: "" for n in args.names.split(",")} if args.names else added_names()
    texts = definition_texts(load_texts())
    counts: Counter[str] = Counter()
    documents: Counter[str] = Counter()  # texts: an alert is one per article
    seen: dict[str, list[str]] = {}
    wanted = {tuple(n.split()): n for n in names}
    for text in texts:
        before = dict(counts)
        words = [(m.start(), m.end(), fold(m.group())) for m in WORD.finditer(text)]
        for i, (start, _, _) in enumerate(words):
            if not text[start].isupper():
                continue
            for size in range(1, 5):
                name = wanted.get(tuple(w for _, _, w in words[i : i + size]))
                if name is None or len(words) < i + size:
                    continue
                counts[name] += 1
                shown = seen.setdefault(name, [])
                if len(shown) < args.sample:
                    end = words[i + size - 1][1]
                    shown.append(" ".join(text[max(0, start - 70) : end + 70].split()))
        documents.update(n for n, c in counts.items() if c != before.get(n, 0))
    total = sum(counts.values())
    print(
        f"{len(names)} names, {len(texts)} texts; {len(counts)} names found, {total} times"
        f" in {sum(documents.values())} (name, text) pairs"
    )
    for name, count in counts.most_common():
        print(f"{count:5d} {documents[name]:4d}  {name}  [{names[name]}]")
        if args.v:
            for line in seen[name]:
                print(f"         … {line} …")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
