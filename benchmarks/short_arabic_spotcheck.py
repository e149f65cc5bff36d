"""Spot check of short names (3-6 letters) of places and people of countries writing an
abjad (Arabic, Persian, Urdu, Hebrew) that the press romanises two ways, and the short
look-alikes that must stay apart.

    python benchmarks/short_arabic_spotcheck.py [-v] [--half tune|test|all]

Written by hand before the rule it measures (docs/matching.md, "Transliteration": short
names), never from the matcher's output nor from GeoNames' alternate names (the held-out
evaluation's source), from:

- the BGN/PCGN romanization of Arabic (1956, the US Board on Geographic Names' and the
  UK's Permanent Committee's: ʿAdan, al-Yaman, ʿUmān, ad-Dawḩah, al-Madīnah, Ghazzah,
  Ḩimş, Ḩamāh, Ibb, Şaʿdah, Jīzah, Ṭubruq...) and of Persian (Qom, Rasht, Yazd), as
  printed without the diacritics; the Arabic vowels the press writes two ways (fatha a
  or e, kasra i or e, damma u or o, the diphthong aw as o, au or aw, ay as ai, ay, ei),
  a doubled consonant (shadda) written once, a final ta marbuta as a or ah;
- agencies' and papers' spellings (Reuters, AP, AFP, BBC, Al Jazeera, UN OCHA): Sisi
  (Reuters, AP) and Sissi (AFP, Le Monde), Morsi and Mursi, Haftar and Hifter;
- SAME: one place or person, the press's usual spelling first;
- APART: two things: a place or name against an English word (Oman/Omen, Aden/Eden,
  Homs/Hums, Sisi/Sissy), another place of the gazetteer (Iran/Iraq, Oman/Uman, the
  Ukrainian city; Doha/Doma, Nigeria; Hama/Hamm, Germany; Douma/Duma, Russia's
  parliament), another person or name (Gaza/Gazza, Paul Gascoigne; Saleh/Salah), or a
  vowel that is no Arabic alternation (Gaza/Giza).

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

# (the press's usual spelling, another in print, what and whose) — one name.
SAME = [
    # Yemen
    ("Aden", "Adan", "city: press / BGN ʿAdan"),
    ("Yemen", "Yaman", "country: English / BGN al-Yaman"),
    ("Sanaa", "Sana'a", "city: Reuters / AP, BGN Şanʿāʾ"),
    ("Marib", "Mareb", "city: Reuters / local usage (Ma'rib)"),
    ("Saada", "Sadah", "city: Reuters / BGN Şaʿdah"),
    ("Hajjah", "Hajja", "city: BGN / Reuters"),
    ("Mocha", "Mokha", "port: English / Reuters"),
    ("Mokha", "Mukha", "port: Reuters / BGN al-Mukhā"),
    ("Lahj", "Lahij", "city: press / BGN Laḩij"),
    # Oman, Qatar, the Gulf
    ("Doha", "Dawha", "city: English / BGN ad-Dawḩah"),
    ("Doha", "Dauha", "city: English / older, German usage"),
    ("Sohar", "Suhar", "city: press / BGN Şuḩār"),
    ("Nizwa", "Nazwa", "town: press / local usage"),
    ("Manama", "Manamah", "city: press / BGN al-Manāmah"),
    ("Ajman", "Ujman", "emirate: press / BGN ʿUjmān"),
    # Saudi Arabia
    ("Medina", "Madinah", "city: English / BGN al-Madīnah"),
    ("Medina", "Madina", "city: English / press"),
    ("Jeddah", "Jiddah", "city: press / BGN"),
    ("Taif", "Taef", "city: press / some papers"),
    ("Tabuk", "Tabouk", "city: BGN / French usage"),
    ("Jazan", "Jizan", "city: Saudi usage / BGN Jīzān"),
    ("Najran", "Nejran", "city: BGN / older press"),
    ("Abha", "Abhah", "city: press / a final ta marbuta"),
    # Syria, Lebanon, Jordan, Palestine
    ("Homs", "Hims", "city: press / BGN Ḩimş"),
    ("Hama", "Hamah", "city: press / BGN Ḩamāh"),
    ("Gaza", "Ghazza", "Gaza: English / Arabic Ghazza (ghayn, shadda)"),
    ("Gaza", "Ghazzah", "Gaza: English / BGN Ghazzah"),
    ("Idlib", "Idleb", "city: Reuters / AFP, UN OCHA"),
    ("Deraa", "Daraa", "city: Reuters / AFP, UN OCHA"),
    ("Afrin", "Efrin", "town: press / Kurdish usage"),
    ("Azaz", "Aazaz", "town: press / some agencies"),
    ("Jableh", "Jabla", "city: press / BGN Jablah"),
    ("Saida", "Sayda", "Sidon: Lebanese usage / BGN Şaydā"),
    ("Zahle", "Zahleh", "city: press / Lebanese usage"),
    ("Jenin", "Janin", "city: press / BGN Janīn"),
    ("Rafah", "Rafa", "city: press / some papers"),
    ("Aqaba", "Aqabah", "city: press / BGN al-ʿAqabah"),
    # Iraq
    ("Kut", "Kout", "city: press / French usage"),
    ("Hilla", "Hillah", "city: press / BGN al-Ḩillah"),
    ("Amara", "Amarah", "city: press / BGN al-ʿAmārah"),
    ("Erbil", "Irbil", "city: press / BGN Irbīl"),
    ("Duhok", "Dohuk", "city: press / Kurdish usage"),
    # Egypt, Libya, the Maghreb
    ("Giza", "Gizeh", "city: press / older usage"),
    ("Qena", "Qina", "city: press / BGN Qinā"),
    ("Minya", "Minia", "city: press / Egyptian usage"),
    ("Sohag", "Suhag", "city: press / Egyptian usage"),
    ("Arish", "Areesh", "city: press / Egyptian usage"),
    ("Sirte", "Sirt", "city: press / BGN Surt's other spelling"),
    ("Sabha", "Sebha", "city: BGN / Libyan usage"),
    ("Derna", "Darnah", "city: press / BGN Darnah"),
    ("Tobruk", "Tubruq", "city: English / BGN Ţubruq"),
    ("Gabes", "Qabis", "city: French usage / BGN Qābis"),
    # Iran, Afghanistan, Pakistan
    ("Qom", "Qum", "city: press / older press"),
    ("Rasht", "Resht", "city: press / older usage"),
    ("Yazd", "Yezd", "city: press / older usage"),
    ("Kerman", "Kirman", "city: press / older usage"),
    ("Ahvaz", "Ahwaz", "city: Persian / Arabic usage"),
    ("Herat", "Harat", "city: press / some papers"),
    ("Kabul", "Kabol", "city: English / Dari usage"),
    ("Khost", "Khowst", "city: press / BGN"),
    ("Kunduz", "Qunduz", "city: press / BGN"),
    # Israel
    ("Haifa", "Hefa", "city: English / Hebrew Ḥefa"),
    ("Akko", "Akka", "Acre: Hebrew / Arabic ʿAkkā"),
    ("Eilat", "Elat", "city: press / Academy 2006"),
    ("Ramla", "Ramle", "city: press / Hebrew usage"),
    ("Ramla", "Ramleh", "city: press / older usage"),
    ("Afula", "Afulah", "city: press / a final h"),
    # People
    ("Sisi", "Sissi", "Abdel Fattah el-Sisi: Reuters, AP / AFP, Le Monde"),
    ("Morsi", "Mursi", "Mohamed Morsi: AP / Reuters"),
    ("Haftar", "Hifter", "Khalifa Haftar: Reuters / some papers"),
    ("Haftar", "Hafter", "Khalifa Haftar: Reuters / some papers"),
    ("Berri", "Birri", "Nabih Berri: press / BGN"),
    ("Aoun", "Awn", "Michel Aoun: French usage / BGN ʿAwn"),
    ("Deif", "Daif", "Mohammed Deif: press / some papers"),
    ("Saied", "Sayed", "Kais Saied: Reuters / some papers"),
    ("Kais", "Qais", "Kais Saied: press / Qays in English papers"),
    ("Raisi", "Raeisi", "Ebrahim Raisi: press / Persian usage"),
    ("Sarraj", "Serraj", "Fayez al-Sarraj: Reuters / AFP"),
    ("Dbeibah", "Dbeiba", "Abdul Hamid Dbeibah: Reuters / AFP"),
    ("Houthi", "Huthi", "the Houthis: press / BGN"),
    ("Mikati", "Miqati", "Najib Mikati: press / Arabic Q"),
    ("Salam", "Salaam", "Nawaf Salam: press / some papers"),
]

# (query, written, what) — two things, however alike.
APART = [
    ("Iran", "Iraq", "two countries"),
    ("Oman", "Omen", "country / English word"),
    ("Oman", "Uman", "country / Ukrainian city (pilgrimage, 80,000)"),
    ("Oman", "Omar", "country / given name"),
    ("Aden", "Eden", "city / English word and places"),
    ("Aden", "Adin", "city / given name"),
    ("Homs", "Hums", "city / English word"),
    ("Homs", "Homes", "city / English word"),
    ("Doha", "Doma", "city / Nigerian town"),
    ("Doha", "Dora", "city / given name, places"),
    ("Gaza", "Gazza", "Gaza / Paul Gascoigne's name in the press"),
    ("Gaza", "Gaze", "Gaza / English word"),
    ("Gaza", "Giza", "Gaza / Egyptian city"),
    ("Hama", "Hamm", "Syrian city / German city"),
    ("Hama", "Hamas", "Syrian city / the movement"),
    ("Sanaa", "Sana", "city / given name, Peruvian town"),
    ("Sana", "Sena", "given name / places, river"),
    ("Douma", "Duma", "Syrian town / Russia's parliament, as English prints it"),
    ("Douma", "Dumas", "Syrian town / surname"),
    ("Duma", "Dumas", "parliament / surname"),
    ("Sisi", "Sissy", "surname / English word"),
    ("Sisi", "Susi", "surname / given name"),
    ("Yemen", "Yeomen", "country / English word"),
    ("Yemen", "Women", "country / English word"),
    ("Medina", "Median", "city / English word"),
    ("Medina", "Medino", "city / surname"),
    ("Amman", "Ammon", "city / biblical people, given name"),
    ("Amman", "Oman", "city / country"),
    ("Ibb", "Ebb", "city / English word"),
    ("Qom", "Com", "city / English word"),
    ("Kut", "Cut", "city / English word"),
    ("Kut", "Kit", "city / English word"),
    ("Sur", "Sir", "Omani city / English word"),
    ("Sur", "Sure", "Omani city / English word"),
    ("Taif", "Taft", "city / surname"),
    ("Abha", "Abba", "city / band, name"),
    ("Arak", "Arab", "Iranian city / English word"),
    ("Bam", "Bum", "Iranian city / English word"),
    ("Yazd", "Yard", "city / English word"),
    ("Ilam", "Islam", "city / religion"),
    ("Herat", "Heart", "city / English word"),
    ("Kabul", "Kabel", "city / German word, surname"),
    ("Farah", "Sarah", "city, name / given name"),
    ("Haifa", "Hafia", "city / no such spelling (letters swapped)"),
    ("Akko", "Akron", "city / US city"),
    ("Saleh", "Salah", "two given names"),
    ("Samir", "Samer", "two given names (Samīr / Sāmir)"),
    ("Deif", "Deaf", "surname / English word"),
    ("Raisi", "Raise", "surname / English word"),
    ("Morsi", "Morse", "surname / English word, surname"),
    ("Aoun", "Amun", "surname / Egyptian god"),
    ("Kais", "Keys", "given name / English word"),
    ("Salam", "Salem", "surname / city, given name"),
    ("Mali", "Bali", "two places"),
    ("Peru", "Perm", "two places"),
    ("Cuba", "Cube", "country / English word"),
    ("Niger", "Nigeria", "two countries"),
]


def main() -> int:
    return run(__doc__.split("\n")[0], SAME, APART, baselines=True)


if __name__ == "__main__":
    raise SystemExit(main())
