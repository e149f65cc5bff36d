"""Spot check of Arabic and Persian given names in their Turkish (and Azerbaijani and
Bosnian) spelling against the Arabic press spelling: one name both ways, and look-alikes
the same letters could join.

    python benchmarks/turkish_names_spotcheck.py [-v] [--half tune|test|all]

Written by hand before the rule it measures (docs/matching.md, "Agencies' spellings of
one name"), never from the matcher's output, from the published correspondences of
modern Turkish orthography (the 1928 alphabet) with Arabic, as the Turkish Language
Association's dictionary gives the etymon of each loan name (Ahmet < Ar. aḥmad):

- a final voiced stop written voiceless (Ahmet, Mahmut, Murat, Recep, Tayyip, Habip);
- Arabic j (ج) written c (Cemal, Cevat, Celal, Cafer);
- Arabic w (و) written v (Vahit, Tevfik, Fevzi, Enver);
- the fatha of a front-vowel word written e (Kemal, Kerim, Selim, Zeynep, Meryem);
- Arabic th and dh (ث ذ) written s and z (Osman, Fazıl);
- public figures' names as the Turkish press and the Arabic-world English press print
  them: Ahmet Davutoğlu, Recep Tayyip Erdoğan, Cemal Paşa, Mesut Özil, Ekrem İmamoğlu,
  İsmet İnönü, Celal Bayar, Cevdet Yılmaz, Tevfik Fikret, Enver Paşa, Emine Erdoğan,
  against Ahmed, Rajab, Tayyib, Jamal, Masoud, Akram, Ismat, Jalal, Jawdat, Tawfik, Anwar,
  Amina of the Arabic press.

- SAME: one name in two spellings (the Turkish first), both ways;
- APART: a Turkish name and an Arabic, Persian or European name that the same letters
  would join but that are two names: Melek (malak, angel) / Malek (Mālik, owner), Cemil
  (Jamīl) / Jamal (Jamāl), Kemal (Kamāl) / Kamel (Kāmil), Selim (Salīm) / Salem (Sālim),
  Hamit (Ḥāmid) / Hamad (Ḥamad), Erkan (Turkish erk) / Arkan, Can (Turkish, soul) / Jan
  (Slavic John), and European names of the same letters as an Arabic one: Ines / Inas,
  Elia / Alia, Rena / Rana, Esme / Asma, Selma (Lagerlöf; Selma, Alabama) / Salma.

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

# (the Turkish spelling, the Arabic press's, what) — one name, two spellings.
SAME = [
    ("Ahmet", "Ahmed", "final d: Ahmet Davutoglu / Ahmed"),
    ("Ahmet", "Ahmad", "final d, and the Arabic press's other vowel"),
    ("Mehmet", "Mehmed", "final d: Turkish / Ottoman and Bosnian"),
    ("Mahmut", "Mahmud", "final d"),
    ("Mahmut", "Mahmoud", "final d: the Egyptian press's ou"),
    ("Muhammet", "Muhammad", "final d"),
    ("Muhammet", "Muhammed", "final d"),
    ("Davut", "Dawud", "final d, w as v (Davutoglu)"),
    ("Davut", "Daoud", "final d, w as v: the press's ao"),
    ("Murat", "Murad", "final d"),
    ("Mesut", "Masoud", "final d, fatha e (Mesut Ozil)"),
    ("Mesut", "Masud", "final d, fatha e"),
    ("Hamit", "Hamid", "final d"),
    ("Ferit", "Farid", "final d, fatha e"),
    ("Fuat", "Fuad", "final d"),
    ("Ferhat", "Farhad", "final d, fatha e"),
    ("Behzat", "Behzad", "Persian, final d"),
    ("Vahit", "Wahid", "w as v, final d"),
    ("Vedat", "Wadad", "w as v, final d, fatha e"),
    ("Esat", "Asad", "final d, fatha e"),
    ("Recep", "Rajab", "final b, j as c, fatha e (Recep Tayyip Erdogan)"),
    ("Tayyip", "Tayyib", "final b"),
    ("Habip", "Habib", "final b"),
    ("Necip", "Najib", "final b, j as c"),
    ("Talip", "Talib", "final b"),
    ("Zeynep", "Zaynab", "final b, fatha e"),
    ("Zeynep", "Zainab", "final b, fatha e: the press's ai"),
    ("Cemal", "Jamal", "j as c, fatha e (Cemal Pasa / Jamal)"),
    ("Cevat", "Jawad", "j as c, w as v, final d"),
    ("Celal", "Jalal", "j as c (Celal Bayar)"),
    ("Cafer", "Jafar", "j as c"),
    ("Cevdet", "Jawdat", "j as c, w as v, final t kept (Cevdet Yilmaz)"),
    ("Cemil", "Jamil", "j as c"),
    ("Cihan", "Jihan", "j as c (Persian jahan)"),
    ("Naci", "Naji", "j as c"),
    ("Macit", "Majid", "j as c, final d"),
    ("Tevfik", "Tawfik", "w as v, fatha e (Tevfik Fikret)"),
    ("Tevfik", "Tawfiq", "w as v: the press's q"),
    ("Fevzi", "Fawzi", "w as v, fatha e"),
    ("Enver", "Anwar", "w as v, fatha e (Enver Pasa)"),
    ("Kemal", "Kamal", "fatha e"),
    ("Kerim", "Karim", "fatha e"),
    ("Selim", "Salim", "fatha e"),
    ("Selman", "Salman", "fatha e"),
    ("Ekrem", "Akram", "fatha e (Ekrem Imamoglu)"),
    ("Ismet", "Ismat", "fatha e (Ismet Inonu)"),
    ("Hikmet", "Hikmat", "fatha e"),
    ("Remzi", "Ramzi", "fatha e"),
    ("Refik", "Rafik", "fatha e"),
    ("Nedim", "Nadim", "fatha e"),
    ("Semih", "Samih", "fatha e"),
    ("Meryem", "Maryam", "fatha e"),
    ("Zehra", "Zahra", "fatha e"),
    ("Emine", "Amina", "fatha e (Emine Erdogan)"),
    ("Emin", "Amin", "fatha e"),
    ("Necmettin", "Najmuddin", "j as c, fatha e, the article (Necmettin Erbakan)"),
    ("Osman", "Uthman", "th as s (beyond one change: o for u too)"),
    ("Fazil", "Fadhil", "dh as z"),
]

# (the Turkish or European name, the other, what each is) — two names that stay apart.
APART = [
    ("Melek", "Malek", "malak, angel / Malik, owner"),
    ("Melek", "Malik", "malak, angel / Malik, owner"),
    ("Cemil", "Jamal", "Jamil / Jamal: two names"),
    ("Cemile", "Jamal", "Jamila / Jamal"),
    ("Kemal", "Kamel", "Kamal / Kamil: two names"),
    ("Selim", "Salem", "Salim / Salim of the other pattern: two names"),
    ("Hamit", "Hamad", "Hamid / Hamad: two names"),
    ("Erkan", "Arkan", "Turkish erk / Arabic Arkan"),
    ("Can", "Jan", "Turkish can, soul / Slavic Jan"),
    ("Kenan", "Kanan", "Canaan / Kanan"),
    ("Ines", "Inas", "Spanish and Portuguese Ines / Arabic Inas"),
    ("Elia", "Alia", "Italian Elia / Arabic Alia"),
    ("Rena", "Rana", "European Rena / Arabic Rana"),
    ("Esme", "Asma", "English Esme / Arabic Asma"),
    ("Selma", "Salma", "Selma Lagerlof, Selma (Alabama) / Salma"),
    ("Vera", "Wara", "Russian Vera / no name"),
    ("Deniz", "Daniz", "Turkish deniz, sea / no name"),
    ("Ceren", "Jaran", "Turkish Ceren / no name"),
    ("Ezel", "Azal", "Turkish Ezel / Arabic azal"),
    ("Mert", "Mard", "Turkish Mert / Persian mard, man"),
]


def main() -> int:
    return run(__doc__.split("\n")[0], SAME, APART, baselines=True)


if __name__ == "__main__":
    raise SystemExit(main())
