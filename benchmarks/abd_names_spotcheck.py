"""Spot check of names made with ʿAbd al- ("servant of the ...") in their written forms:
closed (Abdulaziz), hyphenated (Abdul-Aziz, Abd-al-Aziz), open (Abdul Aziz, Abd al-Aziz),
any article vowel the press writes and the article said as a sun letter (Abdur Rahman).

    python benchmarks/abd_names_spotcheck.py [-v] [--half tune|test|all]

Written by hand before the rule it measures (issue 9, classes 4 and 2), never from the
matcher's output, from:

- the ALA-LC romanisation table for Arabic (the article always al-, joined by a hyphen:
  ʻAbd al-ʻAzīz, ʻAbd al-Raḥmān, ʻAbd Allāh);
- BGN/PCGN 1956 for Arabic (the article said as the sun letter that follows it: ʻAbd
  ar-Raḥmān, ʻAbd as-Salām, ʻAbd an-Nāṣir; DIN 31635 writes it so too);
- press usage for names of real people: Egyptian and French usage Abdel (Gamal Abdel
  Nasser, Abdel Fattah el-Sisi, Abdelaziz Bouteflika, Abd el-Kader), English and South
  Asian Abdul and Abdur/Abdus (Abdul Rashid Dostum, Abdur Rahman Khan, Abdus Salam,
  Abdus Sattar), Gulf and Saudi closed forms (King Abdulaziz, Abdulmalik al-Houthi),
  Indonesian closed assimilated forms (Abdurrahman Wahid), Maghreb closed forms
  (Abdelilah Benkirane, Abdellatif, Abderrahim, Abdennabi), Malaysian Abd for Abdul
  (Abd Rahman, Abd Razak), West African Abdoul, Persian Abdol.

- SAME: one name, its forms as printed; every form typed as a query against every other
  printed in the article. The category is how the article writes it: "closed",
  "hyphenated" (Abdul-Aziz, Abd-al-Aziz) or "open" (Abdul Aziz, Abd al-Aziz, Abd al Aziz);
- APART: two names made with ʿAbd al- and two different second names (ʿAzīz / ʿAẓīm,
  Raḥmān / Raḥīm, Ḥakīm / Ḥalīm, Mahdī / Hādī, Wāḥid / Wahhāb), and a name against its
  second part alone (Aziz, Rahman are names and surnames of their own: Tariq Aziz), and
  "Abdul" alone against an ʿAbd al- name: the article is part of the name (ʿAbd al-ʿAzīz is
  "servant of the Mighty"); the South Asian given name Abdul is a name of its own, and a
  query word finds that word, not every name it starts. Tried both ways; ONE_WAY: the
  name typed against its second part alone printed (typed alone, the part finds the name
  printed open, rightly: the word is there).

Split by the name (its second part, `heldout_sources.half`, crc32, as the held-out
evaluation splits): tune on `--half tune` only; `-v` lists that half's errors. Two
baselines on the same cases (benchmarks/match_heldout.py's): exact whole words, and naive
rapidfuzz (fuzz.ratio >= 85 for a word, partial_ratio for a phrase).
"""

from __future__ import annotations

import sys
from itertools import permutations
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.match_heldout import report  # noqa: E402
from benchmarks.matchcases import Case  # noqa: E402
from benchmarks.spotcheck import TEXT, arguments  # noqa: E402
from scripts.heldout_sources import half  # noqa: E402

# (the name, its forms as printed, who prints which): one name, every form the same name.
SAME: list[tuple[str, tuple[str, ...], str]] = [
    ("Aziz", ("Abdulaziz", "Abdelaziz", "Abdul Aziz", "Abdel Aziz", "Abdul-Aziz",
              "Abdel-Aziz", "Abd al-Aziz", "Abd el-Aziz"),
     "Saudi kings (Gulf press) / Bouteflika / English press / Egyptian / ALA-LC / French"),
    ("Rahman", ("Abdulrahman", "Abdul Rahman", "Abdelrahman", "Abdel Rahman", "Abd al-Rahman",
                "Abd ar-Rahman", "Abdur Rahman", "Abdur-Rahman", "Abdurrahman",
                "Abd-ur-Rahman", "Abdel-Rahman", "Abd Rahman"),
     "press / Egyptian / ALA-LC / BGN / Abdur Rahman Khan / Abdurrahman Wahid / Malaysian"),
    ("Salam", ("Abdul Salam", "Abdus Salam", "Abdussalam", "Abd al-Salam", "Abd as-Salam",
               "Abdel Salam", "Abdulsalam"),
     "press / the physicist Abdus Salam / Gulf / ALA-LC / BGN / Egyptian"),
    ("Nasser", ("Abdel Nasser", "Abdul Nasser", "Abd al-Nasser", "Abd an-Nasser",
                "Abdun Nasser", "Abdelnasser", "Abdulnasser"),
     "Gamal Abdel Nasser in the press / English / ALA-LC article / BGN / closed forms"),
    ("Karim", ("Abdulkarim", "Abdul Karim", "Abdelkarim", "Abdel Karim", "Abd al-Karim",
               "Abdul-Karim"),
     "Gulf / English press / Maghreb / Egyptian / ALA-LC"),
    ("Malik", ("Abdulmalik", "Abdul Malik", "Abd al-Malik", "Abdul-Malik", "Abdelmalik"),
     "Abdulmalik al-Houthi / press / the Umayyad caliph (ALA-LC)"),
    ("Malek", ("Abdelmalek", "Abdel Malek", "Abdul Malek", "Abd el-Malek"),
     "Abdelmalek Droukdel (Algerian press) / Egyptian / French"),
    ("Allah", ("Abdullah", "Abdallah", "Abdellah", "Abd Allah", "Abd-Allah"),
     "English press / Levant / Morocco / ALA-LC ʻAbd Allāh"),
    ("Fattah", ("Abdel Fattah", "Abdul Fattah", "Abd al-Fattah", "Abdelfattah",
                "Abdulfattah", "Abd el-Fattah", "Abdel-Fattah"),
     "Abdel Fattah el-Sisi (press) / English / ALA-LC / closed / French"),
    ("Latif", ("Abdul Latif", "Abdullatif", "Abdellatif", "Abd al-Latif", "Abdel Latif",
               "Abd el-Latif"),
     "English press / Gulf / Abdellatif Kechiche / ALA-LC / Egyptian / French"),
    ("Hamid", ("Abdul Hamid", "Abdulhamid", "Abdelhamid", "Abd al-Hamid", "Abdel Hamid",
               "Abdul-Hamid", "Abd el-Hamid"),
     "Sultan Abdul Hamid II / Turkish Abdulhamid / Maghreb / ALA-LC / Egyptian"),
    ("Qadir", ("Abdul Qadir", "Abdulqadir", "Abd al-Qadir", "Abdel Qadir", "Abdul-Qadir"),
     "South Asian press / Gulf / ALA-LC / Egyptian"),
    ("Kader", ("Abdelkader", "Abdel Kader", "Abd el-Kader", "Abdul Kader", "Abdel-Kader"),
     "Emir Abdelkader (Algerian usage) / Egyptian / French Abd el-Kader / English"),
    ("Razzaq", ("Abdul Razzaq", "Abdulrazzaq", "Abd al-Razzaq", "Abd ar-Razzaq",
                "Abdur Razzaq", "Abdel Razzaq"),
     "press / Gulf / ALA-LC / BGN / South Asian / Egyptian"),
    ("Rashid", ("Abdul Rashid", "Abdulrashid", "Abd al-Rashid", "Abdur Rashid",
                "Abd ar-Rashid", "Abdel Rashid"),
     "Abdul Rashid Dostum / closed / ALA-LC / South Asian / BGN / Egyptian"),
    ("Wahab", ("Abdul Wahab", "Abdulwahab", "Abdel Wahab", "Abdelwahab", "Abd al-Wahab"),
     "press / Gulf / Egyptian / Maghreb / ALA-LC article"),
    ("Majid", ("Abdul Majid", "Abdulmajid", "Abdelmajid", "Abd al-Majid", "Abdel Majid"),
     "press / Gulf / Maghreb / ALA-LC / Egyptian"),
    ("Ilah", ("Abdelilah", "Abd al-Ilah", "Abdul Ilah", "Abdulilah", "Abdel Ilah"),
     "Abdelilah Benkirane / the Iraqi regent (ALA-LC) / English / Gulf / Egyptian"),
    ("Jalil", ("Abdul Jalil", "Abdeljalil", "Abdel Jalil", "Abd al-Jalil", "Abduljalil"),
     "Mustafa Abdul Jalil (press) / Maghreb / Egyptian / ALA-LC / Gulf"),
    ("Halim", ("Abdul Halim", "Abdelhalim", "Abd al-Halim", "Abdel-Halim", "Abdulhalim",
               "Abdel Halim"),
     "press / Maghreb / ALA-LC / Abdel Halim Hafez / Gulf"),
    ("Hadi", ("Abdul Hadi", "Abdelhadi", "Abd al-Hadi", "Abdel Hadi", "Abdulhadi"),
     "press / Maghreb / ALA-LC / Egyptian / Gulf"),
    ("Mahdi", ("Abdul Mahdi", "Abd al-Mahdi", "Abdel Mahdi", "Abdulmahdi"),
     "Adel Abdul Mahdi (press) / ALA-LC / Egyptian / closed"),
    ("Jabbar", ("Abdul Jabbar", "Abduljabbar", "Abd al-Jabbar", "Abdel Jabbar"),
     "press / Gulf / ALA-LC / Egyptian"),
    ("Ghani", ("Abdul Ghani", "Abdulghani", "Abd al-Ghani", "Abdel Ghani", "Abdul-Ghani"),
     "Abdul Ghani Baradar (press) / Gulf / ALA-LC / Egyptian"),
    ("Samad", ("Abdul Samad", "Abdus Samad", "Abd al-Samad", "Abd as-Samad", "Abdussamad",
               "Abdel Samad"),
     "press / South Asian / ALA-LC / BGN / closed / Egyptian"),
    ("Sattar", ("Abdul Sattar", "Abdus Sattar", "Abd al-Sattar", "Abd as-Sattar",
                "Abdussattar", "Abdel Sattar"),
     "press / President Abdus Sattar (Bangladesh) / ALA-LC / BGN / closed / Egyptian"),
    ("Shakur", ("Abdul Shakur", "Abd al-Shakur", "Abd ash-Shakur", "Abdel Shakur"),
     "press / ALA-LC / BGN / Egyptian"),
    ("Zahir", ("Abdul Zahir", "Abd al-Zahir", "Abd az-Zahir", "Abdel Zahir"),
     "press / ALA-LC / BGN / Egyptian"),
    ("Rauf", ("Abdul Rauf", "Abdur Rauf", "Abd al-Rauf", "Abd ar-Rauf", "Abdurrauf"),
     "press / Bangladeshi usage / ALA-LC / BGN / closed"),
    ("Hakim", ("Abdul Hakim", "Abdelhakim", "Abd al-Hakim", "Abdel Hakim", "Abdulhakim"),
     "press / Maghreb / ALA-LC / Egyptian / Gulf"),
    ("Basit", ("Abdul Basit", "Abd al-Basit", "Abdulbasit", "Abdel Basit"),
     "press / ALA-LC / Gulf / Egyptian"),
    ("Wahid", ("Abdul Wahid", "Abdulwahid", "Abd al-Wahid", "Abdelwahid", "Abdel Wahid"),
     "press / Gulf / ALA-LC / Maghreb / Egyptian"),
    ("Moneim", ("Abdel Moneim", "Abdul Moneim", "Abdelmoneim", "Abd el-Moneim"),
     "Egyptian press / English / closed / French"),
    ("Muttalib", ("Abdul Muttalib", "Abd al-Muttalib", "Abdulmuttalib", "Abdel Muttalib"),
     "press / ALA-LC / closed / Egyptian"),
    ("Quddus", ("Abdul Quddus", "Abdulquddus", "Abd al-Quddus", "Abdel Quddus"),
     "press / closed / ALA-LC / Egyptian"),
    ("Bari", ("Abdel Bari", "Abdul Bari", "Abd al-Bari", "Abdelbari"),
     "Abdel Bari Atwan (press) / English / ALA-LC / closed"),
    ("Haq", ("Abdul Haq", "Abd al-Haq", "Abdel Haq", "Abdulhaq"),
     "Abdul Haq, the Afghan commander (press) / ALA-LC / Egyptian / closed"),
    ("Nabi", ("Abdul Nabi", "Abd al-Nabi", "Abd an-Nabi", "Abdennabi", "Abdulnabi"),
     "press / ALA-LC / BGN / Maghreb (assimilated) / Gulf"),
    ("Rahim", ("Abdul Rahim", "Abdur Rahim", "Abd al-Rahim", "Abd ar-Rahim", "Abderrahim",
               "Abdelrahim", "Abdurrahim"),
     "press / South Asian / ALA-LC / BGN / Moroccan / Egyptian / Indonesian"),
    ("Razak", ("Abdul Razak", "Abd Razak", "Abdulrazak", "Abdel Razak"),
     "Malaysian prime minister Abdul Razak / Malaysian Abd / closed / Egyptian"),
]  # fmt: skip

# (query, written, what each is): two names, must stay apart; tried both ways.
APART: list[tuple[str, str, str]] = [
    ("Abdelaziz", "Abdelazim", "ʿAzīz / ʿAẓīm: two names"),
    ("Abdul Aziz", "Abdul Azim", "ʿAzīz / ʿAẓīm"),
    ("Abd al-Aziz", "Abdulazim", "ʿAzīz / ʿAẓīm"),
    ("Abdulrahman", "Abdulrahim", "Raḥmān / Raḥīm"),
    ("Abdur Rahman", "Abdur Rahim", "Raḥmān / Raḥīm"),
    ("Abd ar-Rahman", "Abderrahim", "Raḥmān / Raḥīm"),
    ("Abdul Hakim", "Abdul Halim", "Ḥakīm / Ḥalīm"),
    ("Abdelhakim", "Abdel-Halim", "Ḥakīm / Ḥalīm"),
    ("Abdul Mahdi", "Abdul Hadi", "Mahdī / Hādī"),
    ("Abdulmahdi", "Abd al-Hadi", "Mahdī / Hādī"),
    ("Abdul Wahid", "Abdul Wahab", "Wāḥid / Wahhāb"),
    ("Abdelhamid", "Abdelmajid", "Ḥamīd / Majīd"),
    ("Abdul Salam", "Abdul Samad", "Salām / Ṣamad"),
    ("Abdus Salam", "Abdus Sattar", "Salām / Sattār"),
    ("Abdul Karim", "Abdul Rahim", "Karīm / Raḥīm"),
    ("Abdelkader", "Abdelkarim", "Qādir / Karīm"),
    ("Abdul Basit", "Abdul Basir", "Bāsiṭ / Baṣīr"),
    ("Abdulaziz", "Aziz", "the name / its second part alone (Tariq Aziz)"),
    ("Abdul", "Abdulaziz", "the given name Abdul / a name made with ʿAbd al-"),
    ("Abdul", "Abd al-Rahman", "the given name Abdul / a name made with ʿAbd al-"),
    ("Abdel", "Abdelfattah", "Abdel alone / a name made with ʿAbd al-"),
]

# (query, written, what each is): the name typed, its second part alone printed; one way
# only (the second part typed finds the name printed open: the word is there).
ONE_WAY: list[tuple[str, str, str]] = [
    ("Abdel Rahman", "Rahman", "the name / a surname (Sheikh Mujibur Rahman)"),
    ("Abd al-Karim", "Karim", "the name / a given name of its own"),
    ("Abdul-Malik", "Malik", "the name / a given name and surname of its own"),
]

WAYS = ("closed", "hyphenated", "open")


def shape(written: str) -> str:
    """How a form is printed: one word, words joined by hyphens, or words apart."""
    if " " in written:
        return "open"
    return "hyphenated" if "-" in written else "closed"


def cases(which: str) -> list[Case]:
    """Every form of a name of the half typed against every other printed (SAME), and the
    look-alikes of the half both ways (APART, split by the written name)."""
    found: list[Case] = []
    for name, forms, _ in SAME:
        if half(name) != which:
            continue
        for query, written in permutations(forms, 2):
            found.append(Case(shape(written), query, TEXT.format(name=written), True, written))
    for query, written, _ in APART:
        if half(written) != which:
            continue
        found.append(Case("apart", query, TEXT.format(name=written), False, written))
        found.append(Case("apart", written, TEXT.format(name=query), False, query))
    for query, written, _ in ONE_WAY:
        if half(written) == which:
            found.append(Case("apart", query, TEXT.format(name=written), False, written))
    return found


def main() -> int:
    args = arguments(__doc__.split("\n")[0], "list the tune half's errors")
    for which in ("tune", "test"):
        if args.half not in ("all", which):
            continue
        names = sum(half(name) == which for name, _, _ in SAME)
        apart = sum(half(w) == which for _, w, _ in APART + ONE_WAY)
        print(f"\n{which} half: {names} names in their printed forms, {apart} look-alikes")
        tried = cases(which)
        misses = report(tried, "printed", WAYS, "same name")
        joined = sum(m.startswith("apart:") for m in misses)
        unwanted = sum(not c.expected for c in tried)
        print(f"look-alikes wrongly joined: {joined} of {unwanted}")
        if args.v and which == "tune":
            print("\n".join(sorted(misses)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
