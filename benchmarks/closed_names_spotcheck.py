"""Spot check of names printed as one word or as two (Da Nang / Danang), with look-alikes
that must stay apart (Newman / New Man).

    python benchmarks/closed_names_spotcheck.py [-v] [--half tune|test|all]

Written by hand before the rule (issue 9, class 2: "one word, two words ... on either
side"), never from the matcher's output: names the press prints both ways, from how
agencies, papers and the countries' own usage write them (Vietnam News and the Vietnamese
government write places in syllables: Da Nang, Ha Noi, Viet Nam; Reuters, AP and the BBC
write Danang or Da Nang; Myanmar's government Nay Pyi Taw, the press Naypyitaw; Malaysia's
Putrajaya, older Putra Jaya; South Korea's 2018 Olympics PyeongChang, the press
Pyeongchang; older press Sam Sung, Dae Woo, Bangla Desh).

- SAME: (two words, one word, who writes which), tried both ways: the query typed open
  finds the closed word, the query typed closed finds the open words;
- APART: (two words, one word, what each is): a Title-Case run of English words (a
  headline's "New Man") against the one name those letters make (Newman), and a
  name or story against another one (Ali Baba, the tale; Alibaba, the company); tried
  both ways, they must not match.

Split by the pair's one-word name (`heldout_sources.half`, crc32, as the held-out
evaluation splits): tune on `--half tune` only; `-v` lists that half's errors. Two
baselines on the same cases (benchmarks/match_heldout.py's): exact whole words, and
naive rapidfuzz (fuzz.ratio >= 85 for a word, partial_ratio for a phrase).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.match_heldout import report  # noqa: E402
from benchmarks.matchcases import Case  # noqa: E402
from benchmarks.spotcheck import TEXT, arguments, in_half  # noqa: E402

# (written open, written closed, who writes which) — one name, printed both ways.
SAME = [
    # Vietnam: the government and Vietnamese press in syllables, foreign press closed.
    ("Da Nang", "Danang", "Vietnam News / Reuters, AP"),
    ("Hai Phong", "Haiphong", "Vietnam News / Reuters, AP"),
    ("Ha Noi", "Hanoi", "Vietnamese government / press"),
    ("Viet Nam", "Vietnam", "UN, Vietnamese government / press"),
    ("Ha Long", "Halong", "Vietnam News / older press"),
    ("Da Lat", "Dalat", "Vietnam News / older press"),
    ("Sai Gon", "Saigon", "Vietnamese usage / press"),
    ("Vung Tau", "Vungtau", "Vietnam News / older press"),
    ("Hai Duong", "Haiduong", "Vietnam News / older press"),
    ("Quang Ninh", "Quangninh", "Vietnam News / Xinhua"),
    # Myanmar.
    ("Nay Pyi Taw", "Naypyitaw", "Myanmar government / Reuters"),
    ("Kyauk Phyu", "Kyaukphyu", "older press / Reuters"),
    ("Taung Gyi", "Taunggyi", "older usage / press"),
    ("Myit Kyi Na", "Myitkyina", "older usage / press"),
    ("Ma Ba Tha", "Mabatha", "Myanmar press / some foreign press"),
    # Malaysia, Indonesia, Brunei.
    ("Putra Jaya", "Putrajaya", "older press / Malaysian government"),
    ("Petaling Jaya", "Petalingjaya", "press / some listings"),
    ("Kota Kinabalu", "Kotakinabalu", "press / some listings"),
    ("Kuala Lumpur", "Kualalumpur", "press / some listings"),
    ("Cyber Jaya", "Cyberjaya", "older press / Malaysian government"),
    # Korea.
    ("Pyeong Chang", "Pyeongchang", "2018 Olympics PyeongChang / press"),
    ("Gang Nam", "Gangnam", "older press / press"),
    ("Yeon Pyeong", "Yeonpyeong", "some press / Reuters"),
    ("Pan Mun Jom", "Panmunjom", "older press / press"),
    ("Dae Woo", "Daewoo", "older press / the company"),
    ("Sam Sung", "Samsung", "older press / the company"),
    ("Hyun Dai", "Hyundai", "older press / the company"),
    # China, Hong Kong, Taiwan.
    ("Hong Kong", "Hongkong", "press / older and Chinese usage"),
    ("Tian An Men", "Tiananmen", "older press / press"),
    ("Xin Jiang", "Xinjiang", "some press / press"),
    ("Shen Zhen", "Shenzhen", "some press / press"),
    ("Hua Wei", "Huawei", "some press / the company"),
    ("Kao Hsiung", "Kaohsiung", "older press / press"),
    # Thailand, Laos, Cambodia.
    ("Chiang Mai", "Chiangmai", "press / some press"),
    ("Chiang Rai", "Chiangrai", "press / some press"),
    ("Hat Yai", "Hatyai", "press / some press"),
    ("Phu Ket", "Phuket", "older press / press"),
    ("Hua Hin", "Huahin", "press / some press"),
    ("Krung Thep", "Krungthep", "Thai usage / some press"),
    ("Khon Kaen", "Khonkaen", "press / some press"),
    ("Luang Prabang", "Luangprabang", "press / some press"),
    ("Vien Tiane", "Vientiane", "older usage / press"),
    ("Phnom Penh", "Phnompenh", "press / some press"),
    ("Siem Reap", "Siemreap", "press / some press"),
    # South Asia.
    ("Sri Lanka", "Srilanka", "press / Indian press"),
    ("Bangla Desh", "Bangladesh", "1971 press / press"),
    # Organisations.
    ("Boko Haram", "Bokoharam", "press / Nigerian social media"),
    ("Hez Bollah", "Hezbollah", "some press / press"),
]

# (written open, written closed, what each is) — two things, must stay apart.
APART = [
    ("New Man", "Newman", "two English words / surname"),
    ("Good Man", "Goodman", "two English words / surname"),
    ("Sun Day", "Sunday", "two English words / day"),
    ("Gold Man", "Goldman", "two English words / surname, bank"),
    ("Black Stone", "Blackstone", "two English words / surname, firm"),
    ("Green Wood", "Greenwood", "two English words / surname, place"),
    ("Wood Ward", "Woodward", "two English words / surname"),
    ("Rock Well", "Rockwell", "two English words / surname"),
    ("Bridge Water", "Bridgewater", "two English words / place"),
    ("White Hall", "Whitehall", "two English words / London street"),
    ("Green Land", "Greenland", "two English words / island"),
    ("Ice Land", "Iceland", "two English words / country"),
    ("New Port", "Newport", "two English words / town"),
    ("Silver Man", "Silverman", "two English words / surname"),
    ("King Ston", "Kingston", "a word and a fragment / city"),
    ("Kings Ley", "Kingsley", "a word and a fragment / surname"),
    ("Ali Baba", "Alibaba", "the tale / the company"),
    ("Al Len", "Allen", "two names / surname"),
]


WAYS = ("typed open", "typed closed")


def cases(pairs: list[tuple[str, str, str]], expected: bool) -> list[Case]:
    """Each pair both ways: the open words typed (the article prints the closed word), and
    the closed word typed (the article prints the open words)."""
    found: list[Case] = []
    for open_, closed, _ in pairs:
        found.append(Case(WAYS[0], open_, TEXT.format(name=closed), expected, closed))
        found.append(Case(WAYS[1], closed, TEXT.format(name=open_), expected, open_))
    return found


def main() -> int:
    args = arguments(__doc__.split("\n")[0], "list the tune half's errors")
    for which in ("tune", "test"):
        if args.half not in ("all", which):
            continue
        same, apart = in_half(SAME, which, key=1), in_half(APART, which, key=1)
        print(f"\n{which} half: {len(same)} names printed both ways, {len(apart)} look-alikes")
        both = cases(same, True) + cases(apart, False)
        misses = report(both, "pairs", WAYS, "both ways")
        if args.v and which == "tune":
            print("\n".join(sorted(misses)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
