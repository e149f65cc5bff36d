"""Spot check of names news agencies spell differently, both spellings in print, against
look-alike names a vowel, a final h or a doubled letter apart.

    python benchmarks/agency_spotcheck.py [-v] [--half tune|test|all]

Written by hand before the rule it measures (bot/matching/agencies.py), never from the
matcher's output: SAME from the spellings AP, Reuters, AFP, the BBC, the New York Times,
the UN and US government usage print for one person, place or group (AP "Gadhafi",
Reuters "Gaddafi", NYT "Qaddafi"; Reuters "Deraa", AP "Daraa"); APART from two distinct
established names or words (two given names, two places, a place and a word). Counted by
benchmarks/spotcheck.py (both ways), split into a tuning and a test half
by the first name's stable hash (`heldout_sources.half`): tune on `--half tune` only.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.spotcheck import run  # noqa: E402

# (query, written, who writes which) — one name, two spellings in print.
SAME = [
    ("Gadhafi", "Gaddafi", "AP / Reuters"),
    ("Qaddafi", "Gadhafi", "NYT / AP"),
    ("Hizballah", "Hizbollah", "US government / Guardian"),
    ("Houthis", "Huthis", "Reuters / AFP"),
    ("Assad", "Asad", "press / scholarly"),
    ("Ahmed", "Ahmad", "Egyptian / Gulf usage"),
    ("Omar", "Umar", "press / scholarly"),
    ("Abdullah", "Abdallah", "Jordanian / Palestinian usage"),
    ("Hodeida", "Hodeidah", "AP / Reuters"),
    ("Daraa", "Deraa", "AP / Reuters"),
    ("Latakia", "Lattakia", "Reuters / Syrian usage"),
    ("Ajdabiya", "Ajdabiyah", "Reuters / AP"),
    ("Zawiya", "Zawiyah", "Reuters / AP"),
    ("Sharjah", "Sharja", "press / older usage"),
    ("Fujairah", "Fujaira", "press / older usage"),
    ("Taiz", "Taizz", "Reuters / UN"),
    ("Marib", "Mareb", "Reuters / AFP"),
    ("Saada", "Saadah", "Reuters / UN"),
    ("Ayatollah", "Ayatullah", "press / scholarly"),
    ("Mashaal", "Meshaal", "Reuters / AP"),
    ("Hosni", "Husni", "press / older usage"),
    ("Faisal", "Feisal", "press / older British usage"),
    ("Shabab", "Shebab", "Reuters / AFP"),
    ("Kismayo", "Kismayu", "press / older usage"),
    ("Muqtada", "Moqtada", "AP / Reuters"),
    ("Hafez", "Hafiz", "Syrian usage / Reuters"),
    ("Jumblatt", "Jumblat", "press / press"),
    ("Mojtaba", "Mujtaba", "press / scholarly"),
    ("Kerman", "Kirman", "press / older usage"),
    ("Helmand", "Hilmand", "press / scholarly"),
    ("Qom", "Qum", "press / older usage"),
    ("Jeddah", "Jedda", "press / older usage"),
    ("Hama", "Hamah", "press / US government"),
    ("Sanaa", "Sana'a", "Reuters / BBC"),
    ("Ghannouchi", "Ghannushi", "press / scholarly"),
    ("Tikrit", "Takrit", "press / older British usage"),
    # Given names (Arabic spelling as Egyptian, Gulf, Persian and South Asian usage write it).
    ("Mahmoud", "Mahmud", "Egyptian / Gulf usage"),
    ("Mustafa", "Mostafa", "press / Egyptian usage"),
    ("Osman", "Usman", "Turkish / South Asian usage"),
    ("Mahdi", "Mehdi", "Arabic / Persian usage"),
    ("Hamed", "Hamid", "Persian / Arabic usage (Hamid)"),
    ("Rashid", "Rasheed", "press / Gulf usage"),
    ("Karim", "Kareem", "press / Gulf usage"),
    ("Naser", "Nasser", "Persian / Egyptian usage"),
    ("Yusuf", "Yousuf", "press / South Asian usage"),
    ("Saeed", "Said", "Gulf / press usage"),
]

# (query, written, what each is) — two names or words that must stay apart.
APART = [
    ("Karen", "Karin", "two given names"),
    ("Omar", "Amar", "two given names"),
    ("Medan", "Median", "Indonesian city / word"),
    ("Dina", "Dena", "two given names"),
    ("Mali", "Male", "country / Maldives' capital, word"),
    ("Oman", "Omen", "country / word"),
    ("Salem", "Salim", "US city / Arabic given name"),
    ("Ella", "Elle", "two given names"),
    ("Anna", "Anne", "two given names"),
    ("Jana", "Jane", "two given names"),
    ("Maria", "Marie", "two given names"),
    ("Allen", "Allan", "two given names"),
    ("Colombia", "Columbia", "country / river, university"),
    ("Colombo", "Columbo", "Sri Lankan city / TV detective"),
    ("Austin", "Austen", "US city / novelist"),
    ("Tunis", "Tunes", "city / word"),
    ("Cuba", "Cube", "country / word"),
    ("Basel", "Basil", "Swiss city / given name"),
    ("Lyon", "Lion", "French city / animal"),
    ("Tyre", "Tire", "Lebanese city / word"),
    ("Myers", "Miers", "two surnames"),
    ("Smyth", "Smith", "two surnames"),
    ("Hudson", "Hodson", "river, surname / surname"),
    ("Ames", "Amis", "US city / surname"),
    ("Lewis", "Lewes", "surname / English town"),
    ("Hamm", "Ham", "German city / word"),
    ("Jena", "Jenna", "German city / given name"),
    ("Mina", "Minna", "two given names"),
    ("Uta", "Utah", "German given name / US state"),
    ("Noa", "Noah", "two given names"),
    ("Derby", "Darby", "English city / surname"),
    # Two Arabic given names (Arabic spelling in brackets), each written in the press.
    ("Hasan", "Hassan", "two given names (Hasan / Hassan)"),
    ("Jamal", "Jamil", "two given names (Jamal / Jamil)"),
    ("Samir", "Samer", "two given names (Samir / Samer)"),
    ("Amir", "Amer", "two given names (Amir / Amer)"),
    ("Hamad", "Hamed", "two given names (Hamad / Hamid)"),
    ("Saleh", "Salah", "two given names (Salih / Salah)"),
    ("Bashar", "Bashir", "two given names (Bashar / Bashir)"),
    ("Omar", "Ammar", "two given names (Umar / Ammar)"),
]


def main() -> int:
    return run(__doc__.split("\n")[0], SAME, APART)


if __name__ == "__main__":
    raise SystemExit(main())
