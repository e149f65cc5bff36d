"""Japanese long vowels in romanised names (docs/matching.md, "Japanese long vowels").
Pure functions of folded words; `terms` files their output as forms of a query's term.

Revised Hepburn (ANSI Z39.11-1972; the 1954 Cabinet notice) writes a long ō and ū with a
macron (Tōkyō, Satō, Yūko), which the English press leaves out (Tokyo, Sato, Yuko) and
folding makes o and u. Other conventions print the long vowel with two letters: the
Japanese passport's "oh" (MOFA, on request: Ohtani, Satoh, Itoh, Kohno), Kunrei-shiki and
Nihon-shiki (ISO 3602) written without the circumflex, doubling it (Oosaka, Yuuko), and
wāpuro romaji's "ou" (Toukyou, Shinzou). A name in any of them is one name: its `long_key`
writes each long vowel as one letter, and `long_vowel_spellings` gives the spellings of
a query's name in the other conventions.

Only for a word that can be a Hepburn syllable string (`hepburn`, a closed check written
from the Hepburn table: (C)(y)V syllables, a syllabic n, m before b/m/p, doubled
consonants, shi/chi/tsu/fu/ji) and a Japanese name with a long vowel there: JMnedict's
surnames, given names and places, read from their kana (bot/data/japanese_long.tsv,
`long_names`: Kōno, Satō, Ōno, Tōkyō; not Soto's short o). Its key has two syllables or
more (a name of one syllable with oo or oh is Korean's oo for ㅜ or Hokkien's oh: Choo,
Yoon, Moon, Goh, Koh; Do/Doh, No/Noh, Bo/Boo, Po/Pooh). A spelling with two letters for a
long vowel is never a word or a name of its own (`marked_ok`): an English word or a
gazetteer place (wordfreq Zipf >= 2.5, GeoNames: soon, house, Rouse, Noh, Pooh), a US
Census 1990 name (Sousa, Souza), a word of another language in Latin letters
(bot/data/long_vowel_words.txt: German ohne, Portuguese Moura, Souto, French itou). A
query name that is a common English word (Zipf >= 4) and no place gets none (Rose, Home).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Container, Mapping
from functools import lru_cache
from importlib import resources

from bot.matching.lexicon import COMMON_ZIPF, KNOWN_ZIPF
from bot.matching.persons import known_name

# One syllable of the Hepburn table (the 1954 Cabinet notice's Table 1 in Hepburn's
# letters and its Table 2's shi, chi, tsu, fu, ji, sha, cha, ja): a vowel alone; k, g, n,
# b, p, m, r with any vowel; h with any but u (fu); s and z with any but i (shi, ji); t and
# d with a, e, o (chi, tsu; ji, zu); the y-sounds (kya, sha, cha, ja ...) with a, u, o;
# shi, chi, ji; tsu; fu; wa and wo; ya, yu, yo. A doubled consonant (kk, ss, tt, pp, and
# tch) comes before a syllable that starts with it.
_SYLLABLE = (
    r"[aiueo]"
    r"|[kgnbpmr][aiueo]"
    r"|h[aieo]"
    r"|[sz][aueo]"
    r"|[td][aeo]"
    r"|(?:[kgnhbpmr]y|sh|ch|j)[auo]"
    r"|(?:sh|ch|j)i"
    r"|tsu|fu|w[ao]|y[auo]"
)
# A mora: a syllable (a doubled consonant before it), the passport's h after a long o
# (not before a vowel or y, where it begins a syllable: Ohio is o-hi-o), a syllabic n
# (not before a vowel or y: Kono is ko-no), or the m Hepburn writes for it before b, m, p
# (traditional Hepburn: Shimbun, Namba).
_HEPBURN = re.compile(
    r"(?:(?:([kstp])(?=\1)|t(?=ch))?(?:" + _SYLLABLE + r")(?:(?<=o)h(?![aiueoy]))?"
    r"|n(?![aiueoy])|m(?=[bmp]))+"
)
# Two letters for one long vowel: the passport's oh (the h no syllable's), Kunrei's oo and
# uu, wāpuro's ou (not before a vowel: Inoue is i-no-u-e).
_LONG = re.compile(r"o(?:h(?![aiueoy])|u(?![aiueo])|o)|uu")
MIN_SYLLABLES = 2  # vowels of the key (a syllabic n aside): Ito, Ono, Sato; not Cho, Do
# At most this many long vowels in one reading: 3 · (2^5 - 1) spellings of it at most.
MAX_LONG = 5
_MARKS = ("oh", "ou", "oo")  # one convention a name: passport, wāpuro, Kunrei


@lru_cache(maxsize=1)
def long_names() -> dict[str, str]:
    """Japanese names with a long ō or ū (bot/data/japanese_long.tsv, from JMnedict): the
    name as the press spells it → its readings' long vowels as the file writes them
    (`kono` → "1;1,3;3", `tokyo` → "1,4"; `readings` reads them). Read the first time a
    query name can be a Hepburn string: start-up pays for it only then. (The column is
    kept as text, one shared string a distinct value: 78,848 names in ~7 MB, not the 14
    of tuples.)"""
    text = (resources.files("bot") / "data" / "japanese_long.tsv").read_text("utf-8")
    found: dict[str, str] = {}
    shared: dict[str, str] = {}
    for line in text.splitlines():
        if line.startswith("#"):  # the source and its version
            continue
        name, _, spots = line.partition("\t")
        found[name] = shared.setdefault(spots, spots)
    return found


def readings(name: str) -> tuple[tuple[int, ...], ...]:
    """The positions of the long vowels of each reading of a name of `long_names`
    (`kono` → ((1,), (1, 3), (3,))), () for a name it does not list."""
    spots = long_names().get(name)
    if spots is None:
        return ()
    return tuple(tuple(int(at) for at in one.split(",")) for one in spots.split(";"))


@lru_cache(maxsize=1)
def other_words() -> frozenset[str]:
    """Words of other languages in Latin letters (wordfreq Zipf >= 2.5) that can be a
    Hepburn string with two letters for a long vowel (bot/data/long_vowel_words.txt):
    German ohne, Boote, Portuguese Moura, Souto, French toute, Finnish Joona."""
    text = (resources.files("bot") / "data" / "long_vowel_words.txt").read_text("utf-8")
    return frozenset(line for line in text.splitlines() if not line.startswith("#"))


def hepburn(word: str) -> bool:
    """Whether a folded word can be a Hepburn syllable string (a long vowel written oh,
    ou, oo or uu among them): `kohno`, `toukyou`, `ohtani`, `shimbun`, `hokkaido`; not
    `bolton` (no l), `sarah` (a final h after a), `tsunami` yes, `house` yes (ho-u-se:
    `marked_ok` keeps English words out)."""
    return _HEPBURN.fullmatch(word) is not None


def long_key(word: str) -> str:
    """The word with each long vowel written one letter: `satoh` → `sato`, `toukyou` →
    `tokyo`, `yuuko` → `yuko`, `oosaka` → `osaka`; `inoue`, `ohio` unchanged."""
    return _LONG.sub(lambda m: m.group()[0], word)


def marked_ok(word: str, zipf: Mapping[str, float], places: Container[str]) -> bool:
    """Whether a spelling with two letters for a long vowel may be a Japanese name's: no
    English word (wordfreq Zipf >= 2.5), no gazetteer place, no US Census name, no word of
    another language in Latin letters (`other_words`)."""
    if zipf.get(word, 0.0) >= KNOWN_ZIPF or word in places or known_name(word):
        return False
    return word not in other_words()


def long_vowel_spellings(
    word: str, zipf: Mapping[str, float], places: Container[str]
) -> tuple[str, ...]:
    """The spellings of a name (folded) with its long vowels written the other ways:
    `kono` → kohno, kouno, koono, konoh …; `kohno` → kono and those; () for a word that
    is no Hepburn string, whose key has one syllable, or a common English word that is
    no place."""
    if not hepburn(word) or _common(word, zipf, places):
        return ()
    key = long_key(word)
    if key != word and (not marked_ok(word, zipf, places) or _common(key, zipf, places)):
        return ()  # Rouse, House: words of their own; Ohne (German) is no "One"
    if sum(c in "aiueo" for c in key) < MIN_SYLLABLES or not hepburn(key):
        return ()
    found: set[str] = set()
    for spots in readings(key):  # each reading's long vowels, all or some of them marked
        if len(spots) > MAX_LONG:
            continue
        for mark in _MARKS:
            for size in range(1, len(spots) + 1):
                for chosen in itertools.combinations(spots, size):
                    spelled = _written(key, chosen, mark)
                    if spelled:
                        found.add(spelled)
    if word != key and word not in found:
        return ()  # its long vowels where no reading of the name has one
    found.add(key)
    found.discard(word)
    return tuple(
        sorted(f for f in found if f == key or (hepburn(f) and marked_ok(f, zipf, places)))
    )


def _common(word: str, zipf: Mapping[str, float], places: Container[str]) -> bool:
    """A common English word (Zipf >= 4) that is no place: Rose, Home, One; not Tokyo."""
    return zipf.get(word, 0.0) >= COMMON_ZIPF and word not in places


def _written(key: str, chosen: tuple[int, ...], mark: str) -> str:
    """`key` with the vowels at `chosen` long in convention `mark` (a long u is uu in
    Kunrei and wāpuro, u in the passport's), or "" where the mark cannot stand."""
    out: list[str] = []
    last = 0
    for i in chosen:
        out.append(key[last:i])
        after = key[i + 1 : i + 2]
        if key[i] == "u":
            out.append("u" if mark == "oh" else "uu")
        elif mark != "oo" and after and after in "aiueoy":
            return ""  # (oha is o-ha, oue is o-u-e: no long o)
        else:
            out.append(mark)
        last = i + 1
    out.append(key[last:])
    return "".join(out)
