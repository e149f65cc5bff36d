"""Spot check of Arabic names made of a noun, the article and Dīn ("... of the faith":
Ṣalāḥ al-Dīn, Nūr al-Dīn) and of the construct article's South Asian u-forms (Mujib
ur-Rahman, Hizb ut-Tahrir) in their printed forms: open, hyphenated and closed.

    python benchmarks/din_names_spotcheck.py [-v] [--half tune|test|all]

Written by hand before the rule it measures (issue 9, classes 4 and 2), never from the
matcher's output, from:

- the ALA-LC romanisation table for Arabic (the article al- before every letter,
  hyphenated: Ṣalāḥ al-Dīn, Nūr al-Dīn, ʻIzz al-Dīn);
- BGN/PCGN 1956 for Arabic (the article said as the sun letter after it: Ṣalāḥ ad-Dīn);
- Turkish orthography (the article's l said as the d after it and the doubled d
  written, and devoiced, in one word: Nureddin/Nurettin, Selahattin, Alaattin, Necmettin,
  Fahrettin, Hayreddin);
- press usage: the Maghreb and French Eddine (Salaheddine, Noureddine, Badreddine,
  Nasreddine, Kheireddine, Chamseddine), Egyptian el-Din/Eldin (Gamal el-Din, Hossam
  Eldin), South Asian ud-Din/uddin (Salahuddin, Nizamuddin, Sirajuddin Haqqani,
  Burhanuddin Rabbani, Asaduddin Owaisi), Central Asian iddin (Nuriddin, Jaloliddin),
  Iraq's Salahuddin province, Hezbollah's Mustafa Badreddine; and the u-article of the
  construct in South Asian names (Mujibur Rahman, Ziaul Haq, Nurul Islam).

- SAME: (the name, its forms as printed): every form typed against every other printed;
- APART: (the name, a, b): two names that must stay apart, tried both ways (Nasr al-Dīn /
  Nāṣir al-Dīn, Jamāl / Kamāl / Jalāl, Niẓām / Nāẓim);
- ONE_WAY: (the name, query, written): the name typed against its first noun alone
  printed, or the noun typed against the closed name (a query "Salah" does not find
  "Salahuddin": a query word finds that word, not every name it starts; typed alone, the
  noun finds the name printed open, rightly: the word is there).

Split by the name (the first element, `heldout_sources.half`, crc32, as the held-out
evaluation splits): tune on the tune half only; `-v` lists the tune half's errors, whatever
`--half` says. Two
baselines on the same cases: exact whole words and naive rapidfuzz (match_heldout.py's).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from itertools import permutations
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.spotcheck import Tried, arguments, in_half, planted, print_errors  # noqa: E402

# (the name, its forms as printed): one name, every form the same name.
SAME: list[tuple[str, ...]] = [
    ("Salah", "Salah al-Din", "Salah ad-Din", "Salah el-Din", "Salah ed-Din", "Salah ud-Din",
     "Salah-ud-Din", "Salahuddin", "Salaheddine", "Salahedin", "Selahattin", "Salah Eddine"),
    ("Nur", "Nur al-Din", "Nur ad-Din", "Nour el-Din", "Nour Eddine", "Nuruddin", "Nooruddin",
     "Nureddin", "Nurettin", "Nuriddin", "Noureddine"),
    ("Badr", "Badr al-Din", "Badr ad-Din", "Badreddine", "Badruddin", "Badr el-Din",
     "Bedreddin", "Badr Eddine"),
    ("Izz", "Izz al-Din", "Izz ad-Din", "Izzuddin", "Ezzeddine", "Ezz el-Din", "Izzeddin",
     "Izzettin", "Ezz Eldin"),
    ("Jamal", "Jamal al-Din", "Jamal ad-Din", "Jamaluddin", "Gamal el-Din", "Djamaleddine",
     "Jamaleddine", "Cemalettin"),
    ("Nasr", "Nasr al-Din", "Nasreddine", "Nasruddin", "Nasreddin", "Nasrettin",
     "Nasr ad-Din", "Nasr Eddine"),
    ("Khayr", "Khayr al-Din", "Khair ad-Din", "Kheireddine", "Khairuddin", "Hayreddin",
     "Hayrettin", "Khayreddin", "Kheir Eddine"),
    ("Sayf", "Sayf al-Din", "Saif al-Din", "Seifeddine", "Saifuddin", "Seyfettin",
     "Saif ud-Din", "Seif el-Din"),
    ("Shams", "Shams al-Din", "Shams ad-Din", "Shamsuddin", "Chamseddine", "Shamseddine",
     "Semsettin", "Shams ud-Din"),
    ("Ala", "Ala al-Din", "Alaa al-Din", "Alaeddine", "Alauddin", "Alaattin", "Ala ad-Din",
     "Alaa Eddine", "Alaeddin"),
    ("Fakhr", "Fakhr al-Din", "Fakhreddine", "Fakhruddin", "Fahrettin", "Fakhr ad-Din",
     "Fakhriddin"),
    ("Sharaf", "Sharaf al-Din", "Sharafeddine", "Charafeddine", "Sharafuddin",
     "Serafettin", "Sharaf ad-Din"),
    ("Nasir", "Nasir al-Din", "Nasser al-Din", "Naser al-Din", "Nasiruddin", "Naseeruddin",
     "Nasereddine", "Nasir ad-Din", "Nasser Eddine"),
    ("Husam", "Husam al-Din", "Hussam el-Din", "Hossam Eldin", "Husameddine", "Husamuddin",
     "Husamettin", "Houssameddine"),
    ("Burhan", "Burhanuddin", "Burhan al-Din", "Burhan ud-Din", "Burhanettin",
     "Burhaneddine"),
    ("Siraj", "Sirajuddin", "Siraj al-Din", "Siraj ud-Din", "Sirajeddine", "Siraj ad-Din"),
    ("Najm", "Najm al-Din", "Najmuddin", "Najmeddine", "Necmettin", "Najm ad-Din"),
    ("Nizam", "Nizamuddin", "Nizam al-Din", "Nizam ud-Din", "Nizameddine", "Nizamettin"),
    ("Qutb", "Qutb al-Din", "Qutbuddin", "Qutb ud-Din", "Qutb ad-Din"),
    ("Zayn", "Zayn al-Din", "Zain al-Din", "Zainuddin", "Zeineddine", "Zinedine",
     "Zayn ad-Din"),
    ("Muhyi", "Muhyi al-Din", "Muhyiddin", "Mohieddine", "Mohyeldin", "Muhittin",
     "Muhyi ad-Din"),
    ("Taj", "Taj al-Din", "Tajuddin", "Tajeddine", "Tacettin", "Taj ad-Din"),
    ("Saad", "Saad al-Din", "Saadeddine", "Saaduddin", "Sadettin", "Saad Eddine"),
    ("Shihab", "Shihab al-Din", "Shahabuddin", "Shihabuddin", "Shehab el-Din",
     "Shihab ud-Din"),
    ("Imad", "Imad al-Din", "Imad ad-Din", "Imadeddine", "Emad Eldin", "Imaduddin",
     "Imadettin"),
    ("Diya", "Diya al-Din", "Ziauddin", "Zia ud-Din", "Diaeddine", "Ziyaeddin"),
    ("Bahaa", "Baha al-Din", "Bahaa el-Din", "Bahauddin", "Bahaeddine", "Baha ud-Din",
     "Bahaa Eldin", "Bahattin"),
    ("Asad", "Asaduddin", "Asad al-Din", "Asad ud-Din"),
    ("Kamal", "Kamal al-Din", "Kamaluddin", "Kemalettin", "Kamaleddine", "Kamoliddin",
     "Kamal ud-Din"),
    ("Jalal", "Jalal al-Din", "Jalaluddin", "Celalettin", "Jaloliddin", "Jalal ud-Din",
     "Djalaleddine"),
    ("Muin", "Muin al-Din", "Moinuddin", "Moin-ud-Din", "Muin ad-Din"),
    ("Ghiyath", "Ghiyath al-Din", "Ghiyasuddin", "Ghiyas ud-Din", "Ghiyath ad-Din"),
    ("Qamar", "Qamaruddin", "Qamar al-Din", "Qamar ud-Din"),
    # The construct's u-article before other nouns (South Asian usage; ALA-LC al-).
    ("Mujib", "Mujib ur-Rahman", "Mujib al-Rahman", "Mujibur Rahman", "Mujib-ur-Rahman",
     "Mujib ar-Rahman"),
    ("Ziaur", "Zia ur-Rahman", "Ziaur Rahman", "Zia al-Rahman", "Zia-ur-Rahman"),
    ("Zia", "Zia ul-Haq", "Zia-ul-Haq", "Zia al-Haq", "Ziaul Haq"),
    ("Ahl", "Ahl us-Sunnah", "Ahl al-Sunnah", "Ahl as-Sunnah", "Ahlus Sunnah"),
    ("Hizb", "Hizb ut-Tahrir", "Hizb al-Tahrir", "Hizb-ut-Tahrir", "Hizbut Tahrir",
     "Hizb at-Tahrir"),
    ("Nurul", "Nur ul-Islam", "Nurul Islam", "Nur al-Islam", "Nur-ul-Islam"),
    ("Saiful", "Saif ul-Islam", "Saiful Islam", "Saif al-Islam", "Seif al-Islam"),
    ("Shamsul", "Shams ul-Alam", "Shamsul Alam", "Shams al-Alam"),
    ("Fazlur", "Fazl ur-Rahman", "Fazlur Rahman", "Fazl al-Rahman"),
]  # fmt: skip

# (the name, a, b): two names that must stay apart; tried both ways.
APART: list[tuple[str, str, str]] = [
    ("Nasr", "Nasreddine", "Nasereddine"),  # Naṣr al-Dīn / Nāṣir al-Dīn
    ("Nasr", "Nasr al-Din", "Nasir al-Din"),
    ("Nasir", "Nasruddin", "Nasiruddin"),
    ("Nasir", "Nasrettin", "Nasser Eddine"),
    ("Jamal", "Jamaluddin", "Kamaluddin"),  # Jamāl / Kamāl / Jalāl
    ("Jamal", "Jamal al-Din", "Jalal al-Din"),
    ("Jalal", "Jalaluddin", "Kamaluddin"),
    ("Kamal", "Kemalettin", "Cemalettin"),
    ("Nizam", "Nizamuddin", "Nazimuddin"),  # Niẓām / Nāẓim (Khawaja Nazimuddin)
    ("Shams", "Shamsuddin", "Shahabuddin"),
    ("Zayn", "Zeineddine", "Ezzeddine"),
    ("Saad", "Saadeddine", "Saifeddine"),
    ("Husam", "Husameddine", "Hishameddine"),
    ("Badr", "Badreddine", "Bahaeddine"),
    ("Mujib", "Mujibur Rahman", "Mujibur Rahim"),  # Raḥmān / Raḥīm
    ("Zia", "Zia ul-Haq", "Zia ul-Huda"),
]

# (the name, query, written): must not match, tried that way only.
ONE_WAY: list[tuple[str, str, str]] = [
    ("Salah", "Salah", "Salahuddin"),  # the noun alone, the closed name
    ("Salah", "Salah", "Salaheddine"),
    ("Salah", "Salahuddin", "Salah"),
    ("Salah", "Salah al-Din", "Salah"),
    ("Nur", "Nur ad-Din", "Nur"),
    ("Nur", "Nur", "Nuruddin"),
    ("Nur", "Nour", "Noureddine"),
    ("Badr", "Badr", "Badreddine"),
    ("Badr", "Badreddine", "Badr"),
    ("Nasir", "Nasser", "Nasreddine"),
    ("Burhan", "Burhan", "Burhanuddin"),
    ("Zia", "Zia", "Ziauddin"),
    ("Kamal", "Kemal", "Kemalettin"),
    ("Mujib", "Mujibur Rahman", "Rahman"),
    ("Ahl", "Ahl us-Sunnah", "Sunnah"),
    # Words and names that end so and are no such name (English, surnames, given names).
    ("Nur", "Nur ad-Din", "Nadine"),
    ("Salah", "Salah al-Din", "Sardine"),
    ("Salah", "Salahuddin", "Saladin"),
    ("Badr", "Badr al-Din", "Bardin"),
    ("Nur", "Nureddin", "Reddin"),
    ("Izz", "Izz ad-Din", "Izzard"),
    ("Jamal", "Jamal ad-Din", "Geraldine"),
    ("Ala", "Ala ad-Din", "Paladin"),
]


def ways(pairs: Sequence[tuple[str, ...]]) -> list[Tried]:
    """Every form of each name (a tuple's forms after its name) typed against every other."""
    return [pair for _, *forms in pairs for pair in permutations(forms, 2)]


def main() -> int:
    args = arguments(__doc__.split("\n")[0], "list the tune half's errors")
    matchers = planted()
    tried = ways(SAME) + ways(APART) + [(q, w) for _, q, w in ONE_WAY]
    answers = {name: {qw: matcher(*qw) for qw in tried} for name, matcher in matchers.items()}
    print("| half | matcher | same found | look-alikes joined |")
    print("|---|---|---|---|")
    for which in ("tune", "test", "all"):
        wanted = ways(in_half(SAME, which))
        unwanted = ways(in_half(APART, which)) + [(q, w) for _, q, w in in_half(ONE_WAY, which)]
        for name, got in answers.items():
            miss = [qw for qw in wanted if not got[qw]]
            join = [qw for qw in unwanted if got[qw]]
            print(
                f"| {which} | {name} | {len(wanted) - len(miss)} of {len(wanted)} "
                f"| {len(join)} of {len(unwanted)} |"
            )
            if args.v and which == "tune" and name == "newsbot":  # (never the test half's)
                print_errors(miss, join)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
