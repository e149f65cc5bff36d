"""Spot check of Indonesian names in the Dutch-era spellings (Van Ophuijsen 1901,
Soewandi 1947) and in the 1972 one (Ejaan yang Disempurnakan, EYD): one Indonesian
person or place spelled both ways, and the English, Dutch, German, Serbo-Croatian,
Chinese and other pairs that the same letters could join.

    python benchmarks/indonesian_spotcheck.py [-v] [--half tune|test|all]

Written by hand before the rule it measures (docs/matching.md, "Romanisation families":
Indonesian spelling), never from the matcher's output, from:

- the spelling reforms: Van Ophuijsen (1901) wrote oe for u, tj for c, dj for j, j for y,
  nj for ny, sj for sy, ch for kh; the Soewandi spelling (1947) wrote u for oe and kept
  the consonants; the EYD (1972, Indonesia's Ministry of Education and Culture, jointly
  with Malaysia's new spelling) wrote c, j, y, ny, sy, kh. Persons keep the spelling of
  their birth certificate, often partly old (Soeharto, Soesilo, Boediono; Sumitro
  Djojohadikusumo, Soewandi's u with the old consonants; Pramoedya, oe with EYD's y);
- names as printed: the Jakarta Post and Antara write Soeharto, Soekarno, Boediono,
  Megawati Soekarnoputri; Reuters, AP and the BBC write Suharto and Sukarno; Dutch and
  older English texts write the places the Dutch-era way (Soerabaja, Atjeh, Bandoeng,
  Tjirebon, Djakarta, Makassar's Oedjoeng Pandang).

- SAME: one name in two spellings (the older spelling first), both ways;
- APART: names of other languages that differ by the same letters: Serbo-Croatian Dj
  and J (Djokovic is no Jokovic; Djuric and Juric are two surnames), English and Hebrew
  J/Y names (Joel/Yoel, Julia/Yulia, Juan/Yuan, Joe/Yu, Jung/Yung, York/Jork: the German
  town), Dutch and German oe (Moeller/Muller, Koen/Kun, Moen/Mun, Hoek/Huk, Boer/Bur,
  Doerr/Durr, Boeck/Buck), Dutch and Frisian tj (Tjaden/Caden, Tjalling/Calling), ch
  and kh of other languages (Chad/Khad, Chan/Khan, Chao/Khao, Chin/Khin), and two
  Indonesian words the j/y change could confuse (Jaya, old Djaja, is no Jaja).

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

# (the older spelling, the EYD or other printed one, what) — one name, two spellings.
SAME = [
    ("Soeharto", "Suharto", "president 1967-98 (Jakarta Post / Reuters)"),
    ("Soekarno", "Sukarno", "president 1945-67"),
    ("Soekarnoputri", "Sukarnoputri", "Megawati's surname"),
    ("Soesilo", "Susilo", "Susilo Bambang Yudhoyono's given name"),
    ("Boediono", "Budiono", "vice-president 2009-14"),
    ("Djoko", "Joko", "given name (Joko Widodo)"),
    ("Tjahjo", "Cahyo", "given name (Tjahjo Kumolo)"),
    ("Sjahrir", "Syahrir", "Sutan Sjahrir, prime minister 1945-47"),
    ("Soedirman", "Sudirman", "general, 1916-50"),
    ("Soebandrio", "Subandrio", "foreign minister"),
    ("Soetomo", "Sutomo", "Bung Tomo; Dr Soetomo"),
    ("Djuanda", "Juanda", "prime minister 1957-59; Surabaya's airport"),
    ("Kartawidjaja", "Kartawijaya", "Djuanda's surname"),
    ("Moerdani", "Murdani", "Benny Moerdani"),
    ("Tjokroaminoto", "Cokroaminoto", "Sarekat Islam's leader"),
    ("Djojohadikusumo", "Joyohadikusumo", "Sumitro's and Prabowo's surname (1947 form)"),
    ("Pramoedya", "Pramudya", "Pramoedya Ananta Toer (oe with EYD y)"),
    ("Chairil", "Khairil", "Chairil Anwar, poet"),
    ("Mochtar", "Mokhtar", "Mochtar Kusumaatmadja"),
    ("Kusumaatmadja", "Kusumaatmaja", "his surname (1947 form / EYD)"),
    ("Sjafruddin", "Syafruddin", "Sjafruddin Prawiranegara"),
    ("Soetijoso", "Sutiyoso", "governor of Jakarta 1997-2007"),
    ("Tjipto", "Cipto", "Tjipto Mangoenkoesoemo"),
    ("Mangoenkoesoemo", "Mangunkusumo", "his surname; Jakarta's hospital"),
    ("Soedharmono", "Sudharmono", "vice-president 1988-93"),
    ("Soetrisno", "Sutrisno", "Try Sutrisno, vice-president 1993-98"),
    ("Jusuf", "Yusuf", "Jusuf Kalla (1947 form / EYD)"),
    ("Soedjatmoko", "Sujatmoko", "diplomat, rector of the UN University"),
    ("Tjoet", "Cut", "Tjoet Nja' Dhien, the Acehnese heroine"),
    ("Njoman", "Nyoman", "Balinese given name"),
    ("Soerabaja", "Surabaya", "city"),
    ("Atjeh", "Aceh", "province"),
    ("Djakarta", "Jakarta", "capital"),
    ("Jogjakarta", "Yogyakarta", "city (1947 form / EYD)"),
    ("Tjirebon", "Cirebon", "city"),
    ("Tjilatjap", "Cilacap", "city"),
    ("Bandoeng", "Bandung", "city"),
    ("Bandjarmasin", "Banjarmasin", "city"),
    ("Soekaboemi", "Sukabumi", "city"),
    ("Soerakarta", "Surakarta", "city (Solo)"),
    ("Djember", "Jember", "city"),
    ("Djepara", "Jepara", "city"),
    ("Koedoes", "Kudus", "city"),
    ("Pekanbaroe", "Pekanbaru", "city"),
    ("Tjimahi", "Cimahi", "city"),
    ("Boekittinggi", "Bukittinggi", "city"),
    ("Toeloengagoeng", "Tulungagung", "city"),
    ("Loemadjang", "Lumajang", "city"),
    ("Poerwokerto", "Purwokerto", "city"),
    ("Pasoeroean", "Pasuruan", "city"),
    ("Soematra", "Sumatra", "island"),
    ("Soelawesi", "Sulawesi", "island"),
    ("Maloekoe", "Maluku", "islands"),
    ("Madjapahit", "Majapahit", "the empire"),
    ("Gadjah", "Gajah", "Gadjah Mada University / Gajah Mada"),
    ("Banjoewangi", "Banyuwangi", "city"),
    ("Singaradja", "Singaraja", "city"),
    ("Tasikmalaja", "Tasikmalaya", "city"),
    ("Tandjoengpinang", "Tanjungpinang", "city"),
    ("Oedjoeng", "Ujung", "Oedjoeng Pandang, Makassar"),
]

# (one, the other, what each is) — two names or words that must stay apart.
APART = [
    ("Djokovic", "Jokovic", "Serbian surname (Đoković) / no name"),
    ("Djuric", "Juric", "Serbian Đurić / Croatian Jurić"),
    ("Djukic", "Jukic", "Serbian Đukić / Croatian Jukić"),
    ("Joel", "Yoel", "English given name / Hebrew given name"),
    ("Joel", "Yul", "given names (Yul Brynner)"),
    ("Julia", "Yulia", "English / Russian given names"),
    ("Juan", "Yuan", "Spanish given name / Chinese surname, currency"),
    ("Joe", "Yu", "English given name / Chinese surname"),
    ("Jung", "Yung", "Korean, German surname / Chinese surname"),
    ("York", "Jork", "English city / German town"),
    ("Yuma", "Juma", "Arizona city / Swahili given name"),
    ("Moeller", "Muller", "German surname (Möller) / German surname (Müller)"),
    ("Koen", "Kun", "Dutch given name / Hungarian, Chinese surname"),
    ("Moen", "Mun", "Norwegian surname, company / Korean surname, river"),
    ("Hoek", "Huk", "Dutch place / Philippine movement"),
    ("Boer", "Bur", "Afrikaner / word"),
    ("Moe", "Mu", "given name / Greek letter"),
    ("Doerr", "Durr", "German surnames"),
    ("Boeck", "Buck", "Dutch surname / English word, surname"),
    ("Tjaden", "Caden", "Frisian surname / US given name"),
    ("Tjalling", "Calling", "Frisian given name / English word"),
    ("Chad", "Khad", "country, given name / Afghan secret police"),
    ("Chan", "Khan", "Chinese surname / South Asian surname"),
    ("Chao", "Khao", "Chinese surname / Thai word (Khao Lak)"),
    ("Chin", "Khin", "Chinese surname / Burmese name"),
    ("Jaya", "Jaja", "Indonesian words: victory (old Djaja) / to peddle"),
]


def main() -> int:
    return run(__doc__.split("\n")[0], SAME, APART, baselines=True)


if __name__ == "__main__":
    raise SystemExit(main())
