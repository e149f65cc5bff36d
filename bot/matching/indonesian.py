"""Indonesian names in the Dutch-era spellings and in the 1972 one (docs/matching.md,
"Romanisation families": Indonesian spelling). Pure functions of folded words; `families`
files their output as forms of a query's term.

Van Ophuijsen's spelling (1901) wrote oe for u, tj for c, dj for j, j for y, nj for ny,
sj for sy and ch for kh; Soewandi's (1947) wrote u for oe and kept the consonants; the
Ejaan yang Disempurnakan (EYD, 1972) wrote c, j, y, ny, sy and kh. Persons keep the
spelling of their papers, often part old (Soeharto, Boediono: oe with EYD's consonants;
Sumitro Djojohadikusumo: Soewandi's), places are printed the old way in Dutch and older
English texts (Soerabaja, Atjeh). A name is one name in the four: `eyd_form` reads a
spelling as the old one, `spellings` writes an EYD form in each (a u after a or e is a
diphthong's, au or eu, in every system: Pulau, Poelau).

Only for an Indonesian name: one of the name's spellings other than the query's own is
on bot/data/indonesian_names.txt (scripts/indonesian_names.py: words of four letters or
more ten times as frequent in wordfreq's Indonesian list as in any other language's but
Malay, and GeoNames' Indonesian cities: soeharto, djoko, cahyo, surabaya; not joel,
djokovic, yusuf, suharto, manchester), or, when none is, the query word is on it and
read as the spelling it is (Jakarta as EYD's). The EYD form has two syllables or more
(yang, jing, yoon are Chinese and Korean names); a pair apart only by j and y is of six
letters or more (German, Scandinavian and Slavic j is English y: Maja/Maya, Tanja/Tanya).
A spelling that is a word or a name of its own and not on the list is never one
(`apart`): an English word (Zipf >= 3), a US Census 1990 name, a gazetteer place, a word
of another language that reads as an Indonesian one (bot/data/indonesian_apart.txt:
Katja/kaca, Raja/raya, Tahoe/tahu): Joel, Julia, Juan, York stay themselves.
"""

from __future__ import annotations

import re
from collections.abc import Container, Mapping
from functools import lru_cache
from importlib import resources

from bot.matching.lexicon import ESTABLISHED_ZIPF
from bot.matching.persons import known_name

# Van Ophuijsen's letters → EYD's, longest first: j alone is y (nj → ny, sj → sy).
_OLD = (("oe", "u"), ("tj", "c"), ("dj", "j"), ("ch", "kh"), ("j", "y"))
_NEVER_EYD = ("oe", "tj", "dj", "ch")  # letters EYD does not write (nj: Banjar is n-j)
_VOWELS = re.compile(r"[aeiou]+")
MIN_SYLLABLES = 2  # vowel groups of the EYD form: yang, jing, yoon are no name's here
JY_LENGTH = 6  # letters of a pair apart only by j and y (Nyoman; not Naya, Tanja, Yuni)


@lru_cache(maxsize=1)
def indonesian_names() -> frozenset[str]:
    """Indonesian words and places (bot/data/indonesian_names.txt), read the first time
    a query word can be a spelling of one."""
    text = (resources.files("bot") / "data" / "indonesian_names.txt").read_text("utf-8")
    return frozenset(line for line in text.splitlines() if not line.startswith("#"))


@lru_cache(maxsize=1)
def other_words() -> frozenset[str]:
    """Words of other languages whose reading as an old spelling is an Indonesian word
    (bot/data/indonesian_apart.txt: German Katja, kaca; Finnish raja, raya; Tahoe, tahu)."""
    text = (resources.files("bot") / "data" / "indonesian_apart.txt").read_text("utf-8")
    return frozenset(line for line in text.splitlines() if not line.startswith("#"))


def eyd_form(word: str, *, consonants: bool = True) -> str:
    """A spelling read as Van Ophuijsen's: `soeharto` → suharto, `tjahjo` → cahyo,
    `bandjarmasin` → banjarmasin; with `consonants` False, only oe as u (`pramoedya` →
    pramudya: the old vowel with EYD's consonants)."""
    out: list[str] = []
    at = 0
    while at < len(word):
        for old, new in _OLD if consonants else _OLD[:1]:
            if word.startswith(old, at):
                out.append(new)
                at += len(old)
                break
        else:
            out.append(word[at])
            at += 1
    return "".join(out)


def spellings(eyd: str) -> tuple[str, ...]:
    """An EYD form in the four systems: EYD itself, Soewandi's (1947: the old consonants),
    Van Ophuijsen's (1901: and oe) and the old vowel with EYD's consonants (`suharto` →
    suharto, soeharto; `cahyo` → cahyo, tjahjo; `yogyakarta` → jogjakarta, jogjakarta)."""
    consonants: list[str] = []
    vowels: list[str] = []
    both: list[str] = []
    for at, letter in enumerate(eyd):
        old = letter
        if letter == "k" and eyd.startswith("kh", at):
            old = "c"
        elif letter == "c":
            old = "tj"
        elif letter == "j":
            old = "dj"
        elif letter == "y":
            old = "j"
        vowel = "oe" if letter == "u" and eyd[at - 1 : at] not in ("a", "e") else letter
        consonants.append(old)
        vowels.append(vowel)
        both.append(old if vowel == letter else vowel)
    found = dict.fromkeys((eyd, "".join(consonants), "".join(both), "".join(vowels)))
    return tuple(found)


def apart(word: str, zipf: Mapping[str, float], places: Container[str]) -> bool:
    """Whether a spelling is a word or a name of its own (no Indonesian name's): an English
    word (Zipf >= 3), a US Census name, a gazetteer place or a word of another language
    that reads as an Indonesian one (`other_words`), and not on the Indonesian list."""
    if word in indonesian_names():
        return False
    if zipf.get(word, 0.0) >= ESTABLISHED_ZIPF or known_name(word) or word in places:
        return True
    return word in other_words()


def indonesian_spellings(
    word: str, zipf: Mapping[str, float], places: Container[str]
) -> tuple[str, ...]:
    """The other spellings of an Indonesian name (folded), old and EYD: `soeharto` →
    suharto; `surabaya` → surabaja, soerabaja, soerabaya; `djoko` → joko, djoko's
    others; () for a name of no Indonesian list or a word of its own."""
    if not word.isascii() or not word.isalpha() or apart(word, zipf, places):
        return ()
    listed = indonesian_names()
    # An EYD form of two syllables or more (yang, jing, yoon: Chinese and Korean names)
    # another of whose spellings is listed; else a listed word's first reading (the
    # spelling it is: Jakarta is EYD's, Djoko Van Ophuijsen's).
    readings = [eyd for eyd in readings_of(word) if len(_VOWELS.findall(eyd)) >= MIN_SYLLABLES]
    others = [[w for w in spellings(eyd) if w != word] for eyd in readings]
    chosen = [one for one in others if any(w in listed for w in one)]
    if not chosen and word in listed:
        chosen = others[:1]
    found = dict.fromkeys(w for one in chosen for w in one)
    return tuple(w for w in found if not apart(w, zipf, places) and not _short_jy(word, w))


def _short_jy(word: str, other: str) -> bool:
    """Whether two spellings of fewer than six letters differ only by j and y: German,
    Dutch, Scandinavian and Slavic j is English y, so short names differ so in many
    languages (Maja/Maya, Anja/Anya, Tanja/Tanya, Jana/Yana, Juni/Yuni)."""
    if len(word) != len(other) or len(word) >= JY_LENGTH:
        return False
    return all(a == b or {a, b} == {"j", "y"} for a, b in zip(word, other, strict=True))


def readings_of(word: str) -> tuple[str, ...]:
    """The EYD forms a spelling can be of, in order: itself when EYD could write it (no
    oe, tj, dj or ch), Van Ophuijsen's or Soewandi's read (`jogjakarta` → yogyakarta),
    and with only oe old, the old vowel with EYD's consonants (`pramoedya` → pramudya)."""
    if not any(old in word for old in _NEVER_EYD):
        return tuple(dict.fromkeys((word, eyd_form(word))))
    if any(old in word for old in _NEVER_EYD[1:]):
        return (eyd_form(word),)
    return tuple(dict.fromkeys((eyd_form(word), eyd_form(word, consonants=False))))
