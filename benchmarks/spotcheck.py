"""What the hand-written spot checks of matching share (benchmarks/*_spotcheck.py): the
sentence a spelling is planted in, the tune/test split, the matcher and its two baselines
on the planted sentence, the counting and the report.

A spot check is a table of pairs (query, written, why): SAME, one name spelled two ways
(must match), and APART, two names or words (must not). A pair belongs to the tuning or
the test half by the stable hash of one of its names (`heldout_sources.half`, crc32, as
the held-out evaluation splits); -v lists the misses and false joins of `--half` only
(the tuning half unless told: the test half's are not to be looked at).

The scripts put the repository on sys.path before importing this module.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from typing import TypeVar

from benchmarks.match_heldout import exact, naive
from benchmarks.matchcases import newsbot
from scripts.heldout_sources import half

TEXT = (
    "Officials said on Tuesday that {name} had been discussed at length during the talks, "
    "which ran late into the night according to people briefed on them."
)

Tried = tuple[str, str]  # (query, written): one way of a pair
Matcher = Callable[[str, str], bool]  # (query, written) -> does the query find it?
Ways = Callable[[Sequence[tuple[str, ...]]], list[Tried]]
HALVES = ("tune", "test", "all")
P = TypeVar("P", bound=tuple[str, ...])


def found(query: str, written: str) -> bool:
    """The bot's matcher: does `query` find an article that prints `written` in TEXT?"""
    return newsbot(query, TEXT.format(name=written))


def planted(template: str = TEXT) -> dict[str, Matcher]:
    """The bot's matcher and the held-out evaluation's two baselines (exact whole words;
    naive rapidfuzz, fuzz.ratio >= 85) on `template` with the written spelling as {name}."""

    def on(matcher: Matcher) -> Matcher:
        return lambda query, written: matcher(query, template.format(name=written))

    return {"newsbot": on(newsbot), "exact": on(exact), "rapidfuzz": on(naive)}


def arguments(
    description: str, errors: str = "list the misses and false joins"
) -> argparse.Namespace:
    """The command line every spot check takes: -v (what it lists: `errors`) and --half."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("-v", action="store_true", help=errors)
    parser.add_argument("--half", choices=HALVES, default="tune")
    return parser.parse_args()


def in_half(pairs: Sequence[P], which: str, key: int = 0) -> list[P]:
    """The pairs of half `which` ("all": every pair), each by the hash of its name `key`."""
    return [p for p in pairs if which in ("all", half(p[key]))]


def both_ways(pairs: Sequence[tuple[str, ...]]) -> list[Tried]:
    """Each pair tried twice: the first name typed, then the second."""
    return [(q, w) for a, b, *_ in pairs for q, w in ((a, b), (b, a))]


def one_way(pairs: Sequence[tuple[str, ...]]) -> list[Tried]:
    """Each pair tried once: the first name typed, the second written."""
    return [(a, b) for a, b, *_ in pairs]


def run(
    description: str,
    same: Sequence[tuple[str, ...]],
    apart: Sequence[tuple[str, ...]],
    *,
    ways: Ways = both_ways,
    apart_one_way: Sequence[tuple[str, ...]] = (),
    template: str = TEXT,
    labels: tuple[str, str] = ("same name", "look-alikes"),
    baselines: bool = False,
    key: int = 0,
) -> int:
    """Count `same` found and `apart` (and `apart_one_way`, tried one way) wrongly joined,
    each tried `ways`, for each half and in all: a line each (`labels` name the two
    lists), or with `baselines` a table row each for the bot's matcher and the two
    baselines. Each pair's half is that of its name `key`. With -v, the bot's misses and
    false joins of `--half`."""
    args = arguments(description)
    matchers = planted(template)
    if not baselines:
        matchers = {"newsbot": matchers["newsbot"]}
    else:
        print("| half | matcher | same found | look-alikes joined |")
        print("|---|---|---|---|")
    tried = ways(same) + ways(apart) + one_way(apart_one_way)
    answers = {name: {qw: matcher(*qw) for qw in tried} for name, matcher in matchers.items()}
    for which in HALVES:
        wanted = ways(in_half(same, which, key))
        unwanted = ways(in_half(apart, which, key)) + one_way(in_half(apart_one_way, which, key))
        for name, got in answers.items():
            miss = [qw for qw in wanted if not got[qw]]
            join = [qw for qw in unwanted if got[qw]]
            hits = f"{len(wanted) - len(miss)} of {len(wanted)}"
            joins = f"{len(join)} of {len(unwanted)}"
            if baselines:
                print(f"| {which} | {name} | {hits} | {joins} |")
            else:
                print(f"{which:>4}: {labels[0]} {hits} found; {labels[1]} {joins} wrongly joined")
            if args.v and which == args.half and name == "newsbot":
                print_errors(miss, join)
    return 0


def print_errors(miss: Sequence[Tried], join: Sequence[Tried]) -> None:
    """One line a pair missed (must match) or wrongly joined (must not), as typed."""
    for q, w in miss:
        print(f"  missed: {q!r} / {w!r}")
    for q, w in join:
        print(f"  joined: {q!r} / {w!r}")
