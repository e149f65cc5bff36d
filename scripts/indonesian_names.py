"""Build bot/data/indonesian_names.txt: folded words that are Indonesian before they are
anything else, the evidence bot/matching/indonesian.py asks for before it gives a name
its spellings of the other Indonesian system (Soeharto/Suharto, Atjeh/Aceh).

Two sources, each a line of the file's header:

- wordfreq's Indonesian list (`id`; wordfreq's version recorded): a word of four letters
  or more, in ASCII letters, with Zipf >= 3.0 in Indonesian and more frequent there than
  in every other language wordfreq knows (Malay aside, which shares Indonesian's names)
  by ten times at least (1.0 on the Zipf scale): soeharto 4.24 (Dutch 1.88), djoko 3.68
  (French 2.32), cahyo 3.20 (no other); not joel (Indonesian 3.46, Tagalog 4.36),
  djokovic (3.23, Vietnamese 3.42), joko (Finnish's word, 5.33: its old spelling djoko
  is on the list), yusuf (Turkish 4.86), nor the names and loanwords Indonesian writes
  about as much as others do (manchester 4.80, English 4.53; youtube, tokyo, jessica,
  yulia 3.53, English 2.61); suharto (Tagalog 3.15) and sukarno are not on it either,
  their old spellings are;
- the gazetteer's Indonesian places (bot/data/place_sizes.tsv, country ID: GeoNames'
  cities of 15,000 people or more, scripts/place_sizes.py), whatever other languages
  make of their names (surabaya, cirebon, jember).

bot/data/indonesian_apart.txt: the words of wordfreq's other languages (Zipf >= 3.0 in
one of them; Indonesian, Malay and Dutch aside) that one of the reforms' readings makes
a word of the first file's when read as an old spelling (German Katja: kaca, glass;
Finnish raja: raya; Lake Tahoe: tahu): words of their own, never a spelling of the
Indonesian one. Not Dutch words (the names and loans the old spelling took from Dutch:
Atjeh, Soerabaja, Oranje), not a word EYD could write (Finnish joko, "either", is also
Joko Widodo's given name, Djoko), not a reading that is a gazetteer place (Djakarta).

Only words with a letter the spelling reforms changed are kept (u, c, j, y, or oe: kh,
ny and sy have their y or k-h, tj, dj, nj and sj their j, ch its c). Malaysian places
and wordfreq's Malay list are not used: Malaya's spelling before 1972 (Za'ba's) wrote u,
ch, j, y and sh, not the Dutch-era letters.

    python scripts/indonesian_names.py          # rewrites bot/data/indonesian_names.txt
"""

from __future__ import annotations

import argparse
import importlib.metadata
import math
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.matching.indonesian import readings_of, spellings  # noqa: E402

OUT = ROOT / "bot" / "data" / "indonesian_names.txt"
APART = ROOT / "bot" / "data" / "indonesian_apart.txt"
PLACES = ROOT / "bot" / "data" / "place_sizes.tsv"
MIN_ZIPF = 3.0  # ESTABLISHED_ZIPF: a word Indonesian uses this much is one of its words
MIN_LENGTH = 4  # letters: mu, tur, bur are words of many languages
MARGIN = 1.0  # Zipf over every other language: ten times as frequent in Indonesian
OURS = ("id", "ms")  # Indonesian, and Malay, which shares its names
DUTCH = "nl"  # the old spelling's own language (Atjeh, Oranje): not apart
CHANGED = re.compile(r"[ucjy]|oe")  # a letter of the reforms' changes (module docstring)


def zipf(frequency: float) -> float:
    """wordfreq's Zipf scale of a frequency (0 for a word the list lacks)."""
    return round(math.log10(frequency) + 9, 2) if frequency > 0 else 0.0


def wordfreq_words() -> list[str]:
    """Words of wordfreq's Indonesian list more frequent there than anywhere else."""
    import wordfreq

    indonesian = wordfreq.get_frequency_dict("id")
    others = [
        wordfreq.get_frequency_dict(language)
        for language in sorted(wordfreq.available_languages())
        if language not in OURS
    ]
    found = []
    for word, frequency in indonesian.items():
        score = zipf(frequency)
        if score < MIN_ZIPF or len(word) < MIN_LENGTH:
            continue
        if not (word.isascii() and word.isalpha() and CHANGED.search(word)):
            continue
        if all(zipf(other.get(word, 0.0)) + MARGIN <= score for other in others):
            found.append(word)
    return found


def other_words(listed: set[str], places: set[str]) -> list[str]:
    """Words of the other languages (Zipf >= MIN_ZIPF, Dutch aside), not listed, whose
    reading as an old spelling is another word, a listed one's (katja: kaca, raja: raya),
    and no Indonesian place of the gazetteer (djakarta, Icelandic's: Jakarta)."""
    import wordfreq

    found: set[str] = set()
    for language in sorted(wordfreq.available_languages()):
        if language in (*OURS, DUTCH):
            continue
        for word, frequency in wordfreq.get_frequency_dict(language).items():
            if zipf(frequency) < MIN_ZIPF:
                break  # (the lists are in order of frequency)
            if word in listed or word in found or len(word) < MIN_LENGTH:
                continue
            if not (word.isascii() and word.isalpha() and CHANGED.search(word)):
                continue
            for eyd in readings_of(word):
                if eyd == word or eyd in places:
                    continue  # (EYD's spelling: Finnish joko is Jokowi's Joko too)
                if any(w in listed for w in spellings(eyd) if w != word):
                    found.add(word)
    return sorted(found)


def gazetteer_places() -> list[str]:
    """The one-word names of Indonesian places in bot/data/place_sizes.tsv."""
    found = []
    for line in PLACES.read_text("utf-8").splitlines():
        if line.startswith("#"):
            continue
        name, _population, country, _flag = line.split("\t")
        if len(name) < MIN_LENGTH or not (name.isascii() and name.isalpha()):
            continue
        if country == "ID" and CHANGED.search(name):
            found.append(name)
    return found


def build(out: Path) -> int:
    places = set(gazetteer_places())
    words = sorted(set(wordfreq_words()) | places)
    version = importlib.metadata.version("wordfreq")
    header = (
        f"# wordfreq {version} `id`: Zipf >= {MIN_ZIPF}, {MIN_LENGTH}+ letters, {MARGIN} above"
        " every other language but `ms`; generated by scripts/indonesian_names.py\n"
        "# GeoNames' Indonesian cities of 15,000+ (bot/data/place_sizes.tsv, country ID)\n"
    )
    out.write_text(header + "".join(w + "\n" for w in words), "utf-8")
    apart = other_words(set(words), places)
    header = (
        f"# wordfreq {version}: words of Zipf >= {MIN_ZIPF} in a language but id, ms, nl that a"
        " reading makes an Indonesian word of; generated by scripts/indonesian_names.py\n"
    )
    (out.parent / APART.name).write_text(header + "".join(w + "\n" for w in apart), "utf-8")
    return len(words)


def main() -> None:
    parser = argparse.ArgumentParser(description="Rebuild bot/data/indonesian_names.txt.")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    count = build(args.out)
    print(f"{count} Indonesian words and places written to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
