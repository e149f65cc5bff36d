"""Spot check of Cyrillic romanisations: one Ukrainian, Russian or Belarusian name in two
systems, and look-alike names the same letter families could join.

    python benchmarks/cyrillic_spotcheck.py [-v] [--half tune|test|all]

Written by hand before the Cyrillic rules (docs/matching.md, "Cyrillic romanisation"), from
the published systems (Ukraine's national system of 2010, BGN/PCGN for Russian of 1947,
Belarus's national system of 2007, the German press's Duden transcription, the French
press's) and from how news agencies and papers print the names; never from the matcher's
output. Pattern as benchmarks/translit_spotcheck.py, counted by benchmarks/spotcheck.py:

- SAME: one name spelled two ways (query, the spelling an article prints), both ways;
- APART: two distinct real names or words that these letter families could join
  (h/g, kh/ch/h, ts/z, zh/j, ia/ie, y/j, o/i); they must not match, both ways.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.spotcheck import run  # noqa: E402

# (query, written, which systems) — one name, two spellings in print.
SAME = [
    ("Kharkiv", "Kharkov", "Ukrainian national / BGN-PCGN Russian"),
    ("Luhansk", "Lugansk", "Ukrainian / Russian"),
    ("Mykolaiv", "Nikolaev", "Ukrainian / Russian"),
    ("Zaporizhzhia", "Zaporozhye", "Ukrainian / Russian"),
    ("Dnipro", "Dnepr", "Ukrainian / Russian"),
    ("Chernihiv", "Chernigov", "Ukrainian / Russian"),
    ("Rivne", "Rovno", "Ukrainian / Russian"),
    ("Lviv", "Lvov", "Ukrainian / Russian"),
    ("Horlivka", "Gorlovka", "Ukrainian / Russian"),
    ("Kherson", "Cherson", "English / German press"),
    ("Zelensky", "Zelenskyy", "Reuters / Ukrainian national"),
    ("Zelensky", "Selenskyj", "English / German press"),
    ("Yanukovych", "Yanukovich", "Ukrainian / Russian"),
    ("Tsikhanouskaya", "Tikhanovskaya", "Belarusian / Russian"),
    ("Tikhanovskaya", "Tichanowskaja", "English / German press"),
    ("Navalny", "Nawalny", "English / German press"),
    ("Vinnytsia", "Vinnitsa", "Ukrainian / Russian"),
    ("Zhytomyr", "Zhitomir", "Ukrainian / Russian"),
    ("Chernivtsi", "Chernovtsy", "Ukrainian / Russian"),
    ("Ternopil", "Ternopol", "Ukrainian / Russian"),
    ("Uzhhorod", "Uzhgorod", "Ukrainian / Russian"),
    ("Khmelnytskyi", "Khmelnitsky", "Ukrainian / Russian"),
    ("Sloviansk", "Slavyansk", "Ukrainian / Russian"),
    ("Sievierodonetsk", "Severodonetsk", "Ukrainian / Russian"),
    ("Bakhmut", "Bachmut", "English / German press"),
    ("Donetsk", "Donezk", "English / German press"),
    ("Pokrovsk", "Pokrowsk", "English / German press"),
    ("Berdiansk", "Berdyansk", "Ukrainian / Russian"),
    ("Avdiivka", "Avdeyevka", "Ukrainian / Russian"),
    ("Tymoshenko", "Timoschenko", "Ukrainian / German press"),
    ("Khrushchev", "Chruschtschow", "English / German press"),
    ("Gorbachev", "Gorbatschow", "English / German press"),
    ("Yeltsin", "Jelzin", "English / German press"),
    ("Lukashenko", "Lukaschenko", "English / German press"),
    ("Shoigu", "Schoigu", "English / German press"),
    ("Zhukov", "Joukov", "English / French press"),
    ("Gomel", "Homel", "Russian / Belarusian"),
    ("Grodno", "Hrodna", "Russian / Belarusian"),
    ("Vitebsk", "Witebsk", "English / German press"),
    ("Medvedev", "Medwedew", "English / German press"),
    ("Prigozhin", "Prigoschin", "English / German press"),
    ("Kremenchuk", "Krementschuk", "English / German press"),
    ("Cherkasy", "Cherkassy", "Ukrainian / Russian"),
    ("Kadyrov", "Kadyrow", "English / German press"),
]

# (query, written, what each is) — two names or words that must stay apart.
APART = [
    ("Halle", "Galle", "German city / Sri Lankan city"),
    ("Hera", "Gera", "goddess / German city"),
    ("Hill", "Gill", "two surnames"),
    ("Hale", "Gale", "two surnames"),
    ("Hood", "Good", "surname / word"),
    ("Herman", "German", "given name / nationality"),
    ("Hoffman", "Goffman", "two surnames"),
    ("Holden", "Golden", "surname / word"),
    ("Hunter", "Gunter", "surname / German given name"),
    ("Hlinka", "Glinka", "Slovak politician / Russian composer"),
    ("Hrozny", "Grozny", "Czech orientalist / Chechen capital"),
    ("Khan", "Chan", "two surnames"),
    ("Khiva", "Chiva", "Uzbek city / Spanish town"),
    ("Chad", "Khad", "country / Afghan secret police"),
    ("Lutsk", "Luck", "Ukrainian city / word"),
    ("Metz", "Mets", "French city / baseball team"),
    ("Seitz", "Seits", "surname / not a name"),
    ("Zhang", "Jang", "Chinese surname / Korean surname"),
    ("York", "Jork", "English city / German town"),
    ("Maria", "Marie", "two given names"),
    ("Julia", "Julie", "two given names"),
    ("Sophia", "Sophie", "two given names"),
    ("Natalia", "Natalie", "two given names"),
    ("Lucia", "Lucie", "two given names"),
    ("Kirov", "Kiev", "Russian city / Ukrainian capital"),
    ("Tomsk", "Omsk", "two Russian cities"),
    ("Minsk", "Pinsk", "two Belarusian cities"),
    ("Kursk", "Kirsk", "Russian city / not a name"),
    ("Lida", "Lyda", "Belarusian city / given name"),
    ("Volga", "Olga", "river / given name"),
    ("Sochi", "Sochy", "Russian city / not a name"),
    ("Pavlov", "Pavlova", "surname / its feminine (another person)"),
]


def main() -> int:
    return run(__doc__.split("\n")[0], SAME, APART)


if __name__ == "__main__":
    raise SystemExit(main())
