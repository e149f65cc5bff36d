"""Spot check of organisations' other names as news writes them (benchmarks/org_spotcheck.tsv).

    python benchmarks/org_spotcheck.py [--root CHECKOUT] [-v]

Each row: a query, an article's text, whether the query must match it (an acronym and its
long name, an exonym and the organisation's own name) or must not (an acronym another body
or a common word shares, a person whose names spell an acronym). The expectations are
written from knowledge of the organisations, never from the matcher. `--root` runs the
matcher of another checkout (main exported to a directory) on the same rows.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROWS = HERE / "org_spotcheck.tsv"


def rows(path: Path) -> list[tuple[str, str, bool, str]]:
    out = []
    for line in path.read_text("utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        query, text, expected, why = line.split("\t")
        out.append((query, text, expected == "1", why))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--root", type=Path, default=HERE.parent, help="the checkout to run")
    parser.add_argument("-v", action="store_true", help="list the rows answered wrongly")
    args = parser.parse_args()
    sys.path.insert(0, str(args.root.resolve()))
    from bot.matching.document import prepare
    from bot.matching.plan import match_query
    from bot.matching.query import parse_query
    from bot.models import Article

    found = {True: 0, False: 0}
    total = {True: 0, False: 0}
    wrong = []
    for query, text, expected, why in rows(ROWS):
        doc = prepare(Article(id="x", url="u", title="", text=text))
        got = match_query(parse_query(query), doc) is not None
        total[expected] += 1
        found[expected] += got
        if got != expected:
            wrong.append(f"{'missed' if expected else 'false match'}: {query!r} / {text!r} ({why})")
    print(f"{args.root}: must match {found[True]}/{total[True]} matched; "
          f"must not {found[False]}/{total[False]} matched")  # fmt: skip
    if args.v:
        print("\n".join(wrong))
    return 0


if __name__ == "__main__":
    sys.exit(main())
