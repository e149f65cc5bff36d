"""Spot check of Japanese long vowels in romanised names: one name with its long ō/ū
written o/u, oh, ou, oo or uu, and look-alikes that the same letters could join.

    python benchmarks/japanese_spotcheck.py [-v] [--half tune|test|all]

Written by hand before the rule it measures (docs/matching.md, "Japanese long vowels"),
never from the matcher's output, from:

- Revised Hepburn (ANSI Z39.11-1972; the 1954 Cabinet notice's Table 2), which writes a
  long vowel with a macron (Tōkyō, Satō, Kōno, Yūko, Ōsaka), and the English press, which
  mostly leaves the macron out (Tokyo, Sato, Taro Kono, Yuko, Osaka, Otani);
- the Japanese passport rules (MOFA: Hepburn without macrons, and on request "oh" for ō:
  Ohtani, Satoh, Itoh, Kohno, Gotoh, Ohno as in Apolo Ohno);
- Kunrei-shiki / Nihon-shiki (ISO 3602) written without the circumflex, doubling the
  vowel (Oosaka, Yuuko, Tookyoo, Kyuusyuu; the doubled form is also the wāpuro one for ū);
- wāpuro romaji, which types ō as "ou" where the kana is おう/こう (Toukyou, Shinzou,
  Kouno, Satou, Itou).

- SAME: one name in two spellings (first the press's, then the other), tried both ways;
- APART: two names or words the same letters could join: English words with a written
  oh/oo/ou that the gazetteer or the word list knows (Noh, Doh, Pooh, Boo, soon, house,
  Rouse), two-letter words (Do, No, Po, Bo), Portuguese, Spanish, French and West African
  names whose ou is a u, not a long o (Sousa/Sosa, Souto/Soto, Moura/Mora, Touré/Tore,
  Amadou/Amado, Nouri/Nori: separate names of their own languages), and an h that begins a
  syllable (Ohio is o-hi-o, no long vowel: not "Oio", not "Io").

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

# (the press's spelling, the other in print, which systems) — one name, two spellings.
SAME = [
    ("Kono", "Kohno", "press (Taro Kono) / passport oh (河野 Kōno)"),
    ("Kono", "Kouno", "press / wāpuro"),
    ("Sato", "Satoh", "press / passport oh (佐藤 Satō)"),
    ("Sato", "Satou", "press / wāpuro"),
    ("Goto", "Gotoh", "press / passport oh (後藤 Gotō)"),
    ("Ito", "Itoh", "press / passport oh (伊藤 Itō)"),
    ("Ito", "Itou", "press / wāpuro"),
    ("Ono", "Ohno", "press / passport oh (大野 Ōno, Apolo Ohno)"),
    ("Ono", "Oono", "press / Kunrei doubled"),
    ("Tokyo", "Toukyou", "press / wāpuro (東京 Tōkyō)"),
    ("Tokyo", "Tookyoo", "press / Kunrei doubled"),
    ("Tokyo", "Tohkyoh", "press / passport oh"),
    ("Yuko", "Yuuko", "press / Kunrei doubled (優子 Yūko)"),
    ("Yuki", "Yuuki", "press / Kunrei doubled (祐樹 Yūki)"),
    ("Otani", "Ohtani", "press / passport oh (大谷 Ōtani)"),
    ("Ota", "Ohta", "press / passport oh (太田 Ōta)"),
    ("Oshima", "Ohshima", "press / passport oh (大島 Ōshima)"),
    ("Osaka", "Oosaka", "press / Kunrei doubled (大阪 Ōsaka)"),
    ("Kyoto", "Kyouto", "press / wāpuro (京都 Kyōto)"),
    ("Shinzo", "Shinzou", "press / wāpuro (晋三 Shinzō)"),
    ("Kato", "Katoh", "press / passport oh (加藤 Katō)"),
    ("Saito", "Saitoh", "press / passport oh (斎藤 Saitō)"),
    ("Endo", "Endoh", "press / passport oh (遠藤 Endō)"),
    ("Ando", "Andoh", "press / passport oh (安藤 Andō)"),
    ("Kondo", "Kondoh", "press / passport oh (近藤 Kondō)"),
    ("Shindo", "Shindoh", "press / passport oh (進藤 Shindō)"),
    ("Yusuke", "Yuusuke", "press / Kunrei doubled (雄介 Yūsuke)"),
    ("Kosuke", "Kousuke", "press / wāpuro (康介 Kōsuke)"),
    ("Ryota", "Ryouta", "press / wāpuro (亮太 Ryōta)"),
    ("Shohei", "Shouhei", "press / wāpuro (翔平 Shōhei)"),
    ("Yoko", "Youko", "press / wāpuro (洋子 Yōko)"),
    ("Koichi", "Kouichi", "press / wāpuro (浩一 Kōichi)"),
    ("Taro", "Tarou", "press / wāpuro (太郎 Tarō)"),
    ("Ichiro", "Ichiroh", "press / passport oh (一郎 Ichirō)"),
    ("Yuji", "Yuuji", "press / Kunrei doubled (裕二 Yūji)"),
    ("Hokkaido", "Hokkaidou", "press / wāpuro (北海道 Hokkaidō)"),
    ("Kochi", "Kouchi", "press / wāpuro (高知 Kōchi)"),
    ("Hyogo", "Hyougo", "press / wāpuro (兵庫 Hyōgo)"),
    ("Tohoku", "Touhoku", "press / wāpuro (東北 Tōhoku)"),
    ("Kyushu", "Kyuushuu", "press / Kunrei doubled (九州 Kyūshū)"),
    ("Oita", "Ooita", "press / Kunrei doubled (大分 Ōita)"),
    ("Omura", "Ohmura", "press / passport oh (大村 Ōmura)"),
    ("Shintaro", "Shintaroh", "press / passport oh (慎太郎 Shintarō)"),
    ("Yuichi", "Yuuichi", "press / Kunrei doubled (裕一 Yūichi)"),
    ("Kohno", "Kouno", "passport oh / wāpuro"),
    ("Satoh", "Satou", "passport oh / wāpuro"),
    ("Toukyou", "Tohkyoh", "wāpuro / passport oh"),
]

# (one, the other, what each is) — two names or words that must stay apart.
APART = [
    ("Do", "Doh", "English word / a word of its own (Homer's d'oh; a place)"),
    ("No", "Noh", "English word / Noh theatre, an English word of its own"),
    ("Po", "Pooh", "river / Winnie-the-Pooh"),
    ("Poo", "Pooh", "English word / Winnie-the-Pooh"),
    ("Bo", "Boo", "given name / English word"),
    ("Son", "Soon", "English word, Korean surname / English word"),
    ("Mon", "Moon", "place, Korean Mon / English word, Korean surname"),
    ("Non", "Noon", "English word / English word"),
    ("Hose", "House", "English word / English word"),
    ("Rose", "Rouse", "two English surnames (US Census 1990)"),
    ("Mose", "Moose", "given name / English word"),
    ("Bayo", "Bayou", "Yoruba given name / English word"),
    ("Yo", "You", "two English words"),
    ("Sosa", "Sousa", "Spanish surname / Portuguese surname"),
    ("Soto", "Souto", "Spanish surname / Galician, Portuguese surname"),
    ("Mora", "Moura", "Spanish surname / Portuguese surname"),
    ("Soza", "Souza", "Spanish surname / Portuguese surname"),
    ("Tore", "Toure", "Norwegian given name / Malian, Guinean surname (Touré)"),
    ("Amado", "Amadou", "Spanish, Portuguese surname (Jorge Amado) / West African given name"),
    ("Nori", "Nouri", "Japanese given name / Arabic given name (Nouri al-Maliki)"),
    ("Ohio", "Oio", "US state (o-hi-o) / no word: the h begins a syllable"),
    ("Io", "Ohio", "moon of Jupiter / US state"),
]


def main() -> int:
    return run(__doc__.split("\n")[0], SAME, APART, baselines=True)


if __name__ == "__main__":
    raise SystemExit(main())
