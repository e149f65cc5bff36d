"""Spot check of Hebrew ḥet written Ch, H or Kh at the start of a word: one Hebrew name
or word spelled both ways, and the English, Chinese and Arabic pairs Ch-/H- that the
same letters could join.

    python benchmarks/hebrew_spotcheck.py [-v] [--half tune|test|all]

Written by hand before the rule it measures (docs/matching.md, "Romanisation families":
Hebrew ḥet), never from the matcher's output, from:

- the romanisation tables for ח (ḥet): the Academy of the Hebrew Language's rules of 2006
  write it h (Hanukka, Haim, Hevron, Hadera, Holon), ISO 259 ḥ, the SBL Handbook of
  Style's general-purpose style h (ḥ in the academic one), ALA-LC ḥ (h without the dot
  in the press); the older and Ashkenazi convention, Yiddish-based and still the usual
  one of Orthodox and Chabad writing, ch (Chanukah, Chaim, Chabad, Chaya, Chassidim);
  Russian and Ukrainian writing, through Cyrillic Х, kh (Khaim, Khabad);
- press usage: Chanukah and Hanukkah, Chaim and Haim (Chaim Weizmann, Haim Saban),
  Chabad and Habad, Cholon and Holon, Chadera and Hadera in older English papers.

Inside a word the matcher already reads ch, kh and h alike (Mordechai/Mordekhai); this
check is the first letter.

- SAME: one name in two spellings (the ch spelling first), both ways;
- APART: English words and names that differ by Ch- and H- (Chill/Hill, Chart/Hart,
  Chair/Hair, Chess/Hess, Chester/Hester, Chaney/Haney, Chandler/Handler: both words of
  wordfreq's English list or names of the US Census 1990 lists), Chinese surnames whose
  Ch and H are two initials of Wade-Giles and pinyin (Chung/Hung, Chuang/Huang,
  Cheung/Heung), Arabic names whose ch is no ḥ (Chalabi, from Turkish çelebi, and Halabi,
  "of Aleppo"), and Chevron, the English word and company, against Hevron (Hebron).

Split by the first name of each pair (`heldout_sources.half`, crc32, as the held-out
evaluation splits): tune on `--half tune` only; `-v` lists that half's errors. The two
baselines of benchmarks/match_heldout.py on the same cases: exact whole words and naive
rapidfuzz (fuzz.ratio >= 85).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.spotcheck import run  # noqa: E402

# (the ch spelling, the other in print, what) — one name, two spellings.
SAME = [
    ("Chanukah", "Hanukkah", "the festival: Ashkenazi / English press"),
    ("Chanukah", "Hanukah", "the festival: Ashkenazi / press"),
    ("Chanukkah", "Hanukkah", "the festival: press / press"),
    ("Chanuka", "Hanuka", "the festival: press / Academy 2006 (Hanukka)"),
    ("Chabad", "Habad", "the movement: its own spelling / Academy 2006"),
    ("Chabad", "Khabad", "the movement / Russian press"),
    ("Chaim", "Haim", "given name (Chaim Weizmann / Haim Saban)"),
    ("Chaim", "Khaim", "given name / Russian press"),
    ("Chaya", "Haya", "given name (חיה)"),
    ("Chadera", "Hadera", "city: older English / Academy 2006"),
    ("Cholon", "Holon", "city: older English / Academy 2006"),
    ("Chana", "Hana", "given name (חנה)"),
    ("Chava", "Hava", "given name (חוה, Eve)"),
    ("Chanoch", "Hanoch", "given name (Enoch)"),
    ("Chizkiyahu", "Hizkiyahu", "given name (Hezekiah)"),
    ("Chagai", "Hagai", "given name (Haggai)"),
    ("Chesed", "Hesed", "word, names of charities"),
    ("Chumash", "Humash", "the printed Pentateuch"),
    ("Cheshvan", "Heshvan", "month"),
    ("Chalutz", "Halutz", "surname (Dan Halutz)"),
    ("Cherut", "Herut", "party"),
    ("Chadash", "Hadash", "party"),
    ("Chasidim", "Hasidim", "the movement's followers"),
    ("Chassidim", "Hasidim", "the movement's followers: press"),
    ("Chasidic", "Hasidic", "adjective"),
    ("Charedi", "Haredi", "ultra-Orthodox"),
    ("Chareidi", "Haredi", "ultra-Orthodox: press"),
    ("Chevra", "Hevra", "society (Chevra Kadisha)"),
    ("Cheder", "Heder", "religious school"),
    ("Chanan", "Hanan", "given name"),
    ("Chorev", "Horev", "surname, Mount Horeb"),
    ("Chermon", "Hermon", "Mount Hermon"),
    ("Chatzor", "Hatzor", "Tel Hazor, the town"),
    ("Chanita", "Hanita", "kibbutz"),
    ("Chulda", "Hulda", "kibbutz, the prophetess"),
    ("Chatzerim", "Hatzerim", "kibbutz, air base"),
    ("Chagit", "Hagit", "given name"),
    ("Chutzpah", "Hutzpah", "the word"),
    ("Chaver", "Haver", "word (friend), name"),
]

# (one, the other, what each is) — two names or words that must stay apart.
APART = [
    ("Chill", "Hill", "English words, surnames"),
    ("Chart", "Hart", "English words, surname"),
    ("Chase", "Hase", "given name, word / surname"),
    ("Chad", "Had", "country, given name / word"),
    ("Chair", "Hair", "English words"),
    ("Chess", "Hess", "word / surname"),
    ("Chen", "Hen", "Chinese surname / word"),
    ("Charm", "Harm", "English words"),
    ("Cheap", "Heap", "English words"),
    ("Chunk", "Hunk", "English words"),
    ("Chose", "Hose", "English words"),
    ("Chain", "Hain", "word / surname"),
    ("Cheat", "Heat", "English words"),
    ("Chide", "Hide", "English words"),
    ("Chester", "Hester", "two given names of the US Census 1990 lists"),
    ("Chaney", "Haney", "two surnames of the US Census 1990 lists"),
    ("Chandler", "Handler", "surname / word, surname"),
    ("Chopper", "Hopper", "word / surname"),
    ("Chatter", "Hatter", "English words"),
    ("Chanson", "Hanson", "French word / surname"),
    ("Chaste", "Haste", "English words"),
    ("Chasten", "Hasten", "English words"),
    ("Cheater", "Heater", "English words"),
    ("Chilly", "Hilly", "English words"),
    ("Chiller", "Hiller", "word / surname"),
    ("Chunky", "Hunky", "English words"),
    ("Chatty", "Hatty", "word / given name"),
    ("Chung", "Hung", "two Chinese and Korean surnames"),
    ("Chuang", "Huang", "two Chinese surnames (Wade-Giles ch is pinyin zh, q or j)"),
    ("Cheung", "Heung", "two Cantonese surnames"),
    ("Cheng", "Heng", "two Chinese surnames"),
    ("Chang", "Hang", "Chinese surname / word"),
    ("Chong", "Hong", "two Chinese surnames"),
    ("Chiang", "Hiang", "Chinese surname / no word"),
    ("Chalabi", "Halabi", "two Arabic surnames (çelebi / of Aleppo)"),
    ("Chevron", "Hevron", "English word, the company / Hebron in Hebrew"),
    ("Charlie", "Harlie", "given name / no word"),
    ("Chelsea", "Helsea", "place, given name / no word"),
]


def main() -> int:
    return run(__doc__.split("\n")[0], SAME, APART, baselines=True)


if __name__ == "__main__":
    raise SystemExit(main())
