"""Indian names in popular romanisation and in Hunterian or IAST-like spelling
(docs/matching.md, "Romanisation families": Indian names).

One Indian name is printed in several spellings, each of a published or settled
convention: ISO 15919 and IAST write श ś and ष ṣ, the Hunterian system (the Government of
India's romanisation of names) and the press sh, South Indian and Bengali usage often s
(Shiva/Siva, Shri/Sri, Subhash/Subhas); क्ष kṣ is ksh in Hunterian spelling and x in
popular, Gujarati and Marathi spelling (Lakshmi/Laxmi, Dikshit/Dixit); the Bengali
surnames in -ji are -jee, -ji or -jea in Anglo-Indian spelling, their kh often k
(Mukherjee/Mukherji/Mukerji, Banerjee/Banerjea); औ au is au, ou or ow (Chaudhary/
Choudhury/Chowdhury, Gauri/Gowri), ई ī and ऊ ū ee and oo or i and u (Anil/Aneel,
Suraj/Sooraj); and Bengali keeps the final a of Sanskrit -tta that Hindi usage drops
(দত্ত Datta, Dutta/Dutt; Bhatta/Bhatt). `indic_key` writes each of these one way.

`indic_spellings` gives a capitalised query word the other spellings with its key in
bot/data/indian_names.txt, the given names and surnames in use in India (nam_dict.txt's
Indian given names and the US Census 2010's Asian surnames, less the English words in use:
scripts/indian_names.py), and in a
name of the list of 7+ letters also one vowel written differently, added or left out on
top of such an alternation (Chaudhary/Chowdhury, Chaudhry/Chowdhury; not a vowel alone:
Nasruddin/Nasiruddin, two Arabic names, Nasr and Nasir). The query word is itself a name
of the list, or a spelling of 5+ letters that English does not have and that only an
Indian name writes (a ksh, an inner kh, a final -jee, -jea or -ji: Mukerji; not Harees or
Shandy, no Harish or Sandee). So an English word or a name of the US Census 1990 lists
that India does not use finds nothing (Shell/Sell, Shane/Sane, Sharon, Neil/Nil, Keen,
Max), and the list has no English word in use (Saw is no Shaw, Deep no Dip). A short
given name of the Census lists keeps its spelling against an Indian name's (Jay/Jai,
Vina/Veena), and an sh is never an s in an Arabic or Persian name (more common there than
in India in nam_dict.txt, marked in the list, or of bot/data/arabic_names.txt), which
Arabic and Urdu write with two letters (ش Shabir, ص Sabir; Shakir, Sakir: two names).
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from bot.matching.lexicon import KNOWN_ZIPF
from bot.matching.persons import given_name, known_name
from bot.matching.variants import LONG_NAME, Speller, vowel_edit

MIN_UNLISTED = 5  # letters of a spelling no list has (Mukerji; not Ooma, Rosi, Isan)
# What only an Indian name writes: a ksh, an inner kh, a final -jee, -jea or -ji.
_INDIAN_SHAPE = re.compile(r"ksh|.kh|j(?:ee|ea|i)$")
# Bengali দত্ত Datta, ভট্ট Bhatta: the final a of Sanskrit -tta, which Hindi usage leaves
# out (Dutt, Bhatt); not another doubled consonant's (Khanna, Anna: names of their own).
_TTA = re.compile(r"tta$")
_JI = re.compile(r"j(?:ee|ea)$")  # -jee, -jea: -ji (Banerjee, Banerjea, Banerji)
_INNER_KH = re.compile(r"(?<=.)kh")  # Mukherjee/Mukerji (not at the start: Khanna/Kanna)
_AU = re.compile(r"ow|ou")  # औ: Chowdhury, Choudhury, Chaudhury
_VOWELS = re.compile(r"[aeiou]")


def indic_key(word: str) -> str:
    """A folded name with the alternations of Indian romanisation written one way:
    `lakshmi`, `laxmi` → laxmi; `mukherjee`, `mukerji` → mukerji; `dutta` → dut."""
    if _TTA.search(word):
        word = word[:-1]
    word = word.replace("ksh", "x")
    word = _JI.sub("ji", word)
    word = _INNER_KH.sub("k", word)
    word = word.replace("ee", "i").replace("oo", "u").replace("aa", "a")
    word = _AU.sub("au", word).replace("sh", "s").replace("ck", "k")
    return word[:-1] + "i" if word.endswith("y") else word


def _consonants(key: str) -> str:
    return key[:1] + _VOWELS.sub("", key[1:])


@lru_cache(maxsize=1)
def _listed() -> tuple[frozenset[str], frozenset[str]]:
    """bot/data/indian_names.txt (scripts/indian_names.py), read on first use: (the names,
    those marked Arabic or Persian and those of bot/data/arabic_names.txt)."""
    data = resources.files("bot") / "data"
    names: set[str] = set()
    arabic: set[str] = set()
    for line in (data / "indian_names.txt").read_text("utf-8").splitlines():
        if line and not line.startswith("#"):
            name, _, mark = line.partition("\t")
            names.add(name)
            if mark == "a":
                arabic.add(name)
    for line in (data / "arabic_names.txt").read_text("utf-8").splitlines():
        if line and not line.startswith("#"):
            arabic.add(line.partition("\t")[0])
    return frozenset(names), frozenset(arabic)


def indian_names() -> frozenset[str]:
    """The given names and surnames in use in India of bot/data/indian_names.txt."""
    return _listed()[0]


@lru_cache(maxsize=1)
def by_consonants() -> dict[str, tuple[tuple[str, str], ...]]:
    """The names of the list by the consonants of their key: (key, name) each (~0.2 s:
    built at start-up, `terms.prepare_tables`)."""
    table: dict[str, list[tuple[str, str]]] = {}
    for name in sorted(indian_names()):
        key = indic_key(name)
        table.setdefault(_consonants(key), []).append((key, name))
    return {k: tuple(v) for k, v in table.items()}


def _arabic_sh(word: str, other: str) -> bool:
    """Whether one writes an sh where the other writes an s and either is an Arabic name
    (ش Shabir, ص Sabir: two letters, two names)."""
    if word.count("sh") == other.count("sh"):
        return False
    arabic = _listed()[1]
    return word in arabic or other in arabic


def indic_spellings(word: str, speller: Speller) -> tuple[str, ...]:
    """The other spellings of an Indian name in the list (`lakshmi` → laxmi, `chowdhury` →
    chaudhary, chaudhry …), or () for a word that is no Indian name or has none."""
    if not word.isascii() or not word.isalpha() or len(word) < 3:
        return ()
    listed = word in indian_names()
    if not listed and (
        len(word) < MIN_UNLISTED
        or not _INDIAN_SHAPE.search(word)
        or speller.zipf.get(word, 0.0) >= KNOWN_ZIPF
        or word in speller.places
        or known_name(word)
    ):
        return ()  # an English word or name no Indian list has (Shane, Max, Neil)
    key = indic_key(word)
    long = listed and len(key) >= LONG_NAME
    found = []
    for other_key, other in by_consonants().get(_consonants(key), ()):
        if other == word or not (other_key == key or (long and vowel_edit(key, other_key))):
            continue
        if other_key != key and vowel_edit(word, other):
            continue  # a vowel apart and nothing else: the older rules' (Nasruddin/Nasiruddin)
        if _arabic_sh(word, other):
            continue
        if len(key) < MIN_UNLISTED and given_name(word) != given_name(other):
            continue  # a short English given name and an Indian one: Jay/Jai, Vina/Veena
        found.append(other)
    return tuple(found)
