"""Word forms: a word as the matcher compares it, its transliteration keys (spelling,
phonetic, skeleton) and its regular English inflections. Pure functions of the word."""

from __future__ import annotations

import re
from functools import lru_cache

from bot.matching.normalise import clean_word, fold_word


@lru_cache(maxsize=262144)
def normalise_word(word: str) -> str:
    """An article or query word as the matcher compares it: folded, no possessive."""
    return clean_word(fold_word(word))


# Spelling alternations of transliteration (Arabic, Russian, Ukrainian names in English):
# Khmeimim/Hmeimim, Tartus/Tartous, Zelensky/Zelenskyy/Zelenskiy, Qaddafi/Kadhafi.
_SKELETON_STEPS = (
    ("kh", "h"),
    ("ck", "k"),
    ("q", "k"),
    ("ph", "f"),
    ("dh", "d"),
    ("ou", "u"),
    ("oo", "u"),
    ("ee", "i"),
    ("y", "i"),
    ("w", "v"),
)


@lru_cache(maxsize=262144)
def spelling(word: str) -> str:
    """A folded word with transliteration alternations undone and doubled letters single."""
    return _spelling(word)


def _spelling(word: str) -> str:
    # Each substitution only where it can change something: an article word never seen
    # goes through the four keys once, and most words have no doubled letter, no final h,
    # no th/bh, no c and no w (a search or `in` costs a fraction of a substitution).
    for old, new in _SKELETON_STEPS:
        if old in word:
            word = word.replace(old, new)
    return _DOUBLED.sub(r"\1", word) if _DOUBLED.search(word) else word


# Further alternations of names romanised from Russian, Arabic or Persian
# (Tchaikovsky/Chaikovsky, Ahmadinejad/Ahmadinezhad, Baghdad/Bagdad), and the final
# -eh/-ah/-a of Arabic and Persian names (Haniyeh/Haniya, Hodeidah/Hudaydah).
_PHONETIC_STEPS = (("tch", "ch"), ("zh", "j"), ("dj", "j"), ("gh", "g"))
_FINAL_H = re.compile(r"[ae]h$")
_INNER_VOWELS = re.compile(r"(?<=.)[aeiou]+(?=.)")
# The first letter by romanisation family, K/Q/G/C (Qaddafi/Gaddafi/Kadhafi, Kabul/Cabul),
# J/Y (Yemen/Jemen, Yalta/Jalta; `spelling` has made y an i), and the unaspirated stops
# that Wade-Giles and McCune-Reischauer write P/T and pinyin and Revised Romanisation B/D
# (Pusan/Busan, Taegu/Daegu, Tairen/Dalian), and pinyin X for Wade-Giles Hs and the
# postal S (Xining/Sining, Xiamen/Hsiamen): Kh/H, Ph/F, W/V, Zh/J and Dj/J are
# alternations of `spelling` and the steps above.
# Arabic dhal (ذ) and zah (ظ) are written Dh in English and Z in Gulf, Persian, Urdu and
# Turkish usage (Abu Dhabi/Abu Zabi, Dhofar/Zufar): an initial Z as D, which `spelling`
# made of Dh (`first_letter_change` keeps it to a Dh).
_FIRST_FAMILY = {
    "c": "k", "g": "k", "q": "k", "i": "j", "p": "b", "t": "d", "x": "s", "z": "d",
}  # fmt: skip
# The same families inside a name (Sebastopol/Sevastopol: Greek beta, Russian v;
# Kaohsiung/Gaoxiong, Taipei/Taibei: Wade-Giles k/p and pinyin g/b; Mecca/Mekka: a hard c),
# applied after `phonetic`: p/b, t/d, k/g, v/b, z/s (German Kasan for Kazan, Spanish
# Cuzco/Cusco), and c before a, o, u or a consonant as k.
# `romanised` also drops the h of the aspirated th/bh of Indian names (Mathura/Matura,
# Bhopal/Bopal).
_INNER_FAMILY = str.maketrans({"p": "b", "t": "d", "k": "g", "v": "b", "q": "g", "z": "s"})
_HARD_C = re.compile(r"c(?![eihy]|$)")
_ASPIRATED = re.compile(r"(?<=[tb])h")


def families(text: str) -> str:
    """Consonants of one romanisation family written alike: `sevastopol` → `sebasdobol`."""
    if "c" in text:
        text = _HARD_C.sub("g", text)
    return text.translate(_INNER_FAMILY)


# Cyrillic к+с and Greek ξ: the romanisation tables write ks (BGN/PCGN Russian Aleksandr,
# Maksim; Ukraine's 2010 system Oleksandr; ELOT 743's x for ξ read as ks: Ksanthi), English
# and much of the press x (Alexander, Maxim, Olexander, Xanthi): one spelling, x. Not an
# English cks (Dickson/Dixon, Hicks/Hix: the tables write к k, never ck), which `spelling`
# makes a ks: so on the word as written, before it.
_KS = re.compile(r"(?<!c)ks+")


def ks_as_x(word: str) -> str:
    """A written ks (not cks) as x: `aleksandr` → `alexandr`, `ksenia` → `xenia`."""
    return _KS.sub("x", word) if "ks" in word else word


@lru_cache(maxsize=262144)
def phonetic(word: str) -> str:
    """`spelling` with the alternations above: variants differ from it in vowels only."""
    return _phonetic(_spelling(ks_as_x(word)))


def _phonetic(word: str) -> str:
    """`phonetic` of a word already through `_spelling`."""
    for old, new in _PHONETIC_STEPS:
        if old in word:
            word = word.replace(old, new)
    if "h" in word[-2:]:  # (`$` matches before a final newline too)
        word = _FINAL_H.sub("a", word)  # "haniyeh" → "hania"
    return _DOUBLED.sub(r"\1", word) if _DOUBLED.search(word) else word


def first_by_family(key: str) -> str:
    """A `phonetic` key with its first letter by family: `gadafi` → `kadafi`."""
    first = _FIRST_FAMILY.get(key[:1])
    return key if first is None else first + key[1:]


@lru_cache(maxsize=262144)
def romanised(word: str) -> str:
    """`phonetic` with the first letter by family and the inner consonants by family:
    spellings of one name in two romanisations share it (Pusan/Busan `busan`,
    Sebastopol/Sevastopol `sebasdobol`, Gaddafi/Qadhafi)."""
    return _romanised(_phonetic(_spelling(ks_as_x(word))))


def written_romanised(word: str) -> str:
    """`romanised` with a written ks kept (`ks_as_x` not applied): the key of the
    consonant table (`variants.consonants`), where a ks is as often a vowel left out
    (Praksh for Prakash) as a к+с (`ks_x.ks_spellings` looks the other way up)."""
    return _romanised(_phonetic(_spelling(word)))


def _romanised(key: str) -> str:
    """`romanised` of a word already through `_phonetic`."""
    if "th" in key or "bh" in key:
        key = _ASPIRATED.sub("", key)
    if key.startswith("hs"):  # Wade-Giles hs: pinyin x
        key = key[1:]
    key = first_by_family(key)
    if key.startswith("e"):  # Russian Е: Yekaterinburg/Ekaterinburg, Yevgeny/Evgeny
        key = "j" + key
    return key[:1] + families(key[1:])


@lru_cache(maxsize=262144)
def skeleton(word: str) -> str:
    """`romanised` with each inner run of vowels a slot: the key romanisation variants
    share (Muhammad/Mohammed `m*h*m*d`, Hezbollah/Hizballah `h*zb*l*h`, Haniyeh/Haniya
    `h*n*a`, Gaddafi/Qadhafi `g*d*fi`, Busan/Pusan `b*s*n`). An inner aw or ow before a
    consonant is a vowel too (Mawsil/Mosul `m*s*l`, Shawkat/Showkat): `diphthongs`."""
    if "w" in word:
        word = _AW_OW.sub("o", word)
    # (uncached steps: the four keys of a new word are each worked out once, not cached
    # four times over)
    return _INNER_VOWELS.sub("*", _romanised(_phonetic(_spelling(ks_as_x(word)))))


# The Arabic diphthongs as scholarly and older transliterations write them and as English
# news does (the Library of Congress and EI2 systems write aw and ay; the press o, ou, ei,
# ai): Mawsil/Mosul, Shawkat/Shoukat, Husayn/Hussein/Hussain, Shaykh/Sheikh/Shaikh,
# Zayd/Zeid/Zaid. An inner aw before a consonant or at the end is an o, and ey/ay/ei/ai
# (y made i by `spelling`) one diphthong.
_AW = re.compile(r"(?<=.)aw(?![aeiouy])")
_AW_OW = re.compile(r"(?<=.)[ao]w(?![aeiouy])")  # (the skeleton: Shawkat, Showkat one key)
_EI = re.compile(r"(?<=.)ei")


@lru_cache(maxsize=65536)
def diphthongs(word: str, *, aw: bool, ei: bool) -> str:
    """`phonetic` with the Arabic diphthongs written one way: with `ei`, `husayn`,
    `hussein` → `husain`; with `aw`, `mawsil` → `mosil`. Two established names may differ
    there (Reid/Raid, Stein/Stain): the caller keeps it to a pair of which one is no
    established word, and the aw to that one (Mawsil for Mosul; Lawson is no "Loson")."""
    key = phonetic(_AW.sub("o", word) if aw else word)
    return _EI.sub("ai", key) if ei else key


VOWELS = frozenset("aeiou")
_DOUBLED = re.compile(r"(.)\1+")


def inflections(word: str, *, verbs: bool) -> set[str]:
    """Regular English inflections of a folded word (plural, and with `verbs` -ed/-ing).

    A plural query word also gives its singular. Words of three letters or fewer get no
    inflections: "new"/"news", "aid"/"aids" are different words.
    """
    if len(word) <= 3 or not word.isalpha():
        return set()
    stems = {word}
    if verbs and len(word) >= 5 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        if word.endswith("ies"):
            stems.add(word[:-3] + "y")
        else:
            stems.add(word[:-1])
            if word.endswith("es"):  # boxes → box, churches → church (and a harmless "boxe")
                stems.add(word[:-2])
    forms: set[str] = set()
    for stem in stems:
        forms.add(stem + "s")
        if stem.endswith(("s", "x", "z", "ch", "sh")):
            forms.add(stem + "es")
        consonant_y = stem.endswith("y") and stem[-2] not in VOWELS
        if consonant_y:
            forms.add(stem[:-1] + "ies")
        if not verbs:
            continue
        if stem.endswith("e"):
            forms.update((stem + "d", stem[:-1] + "ing"))
        elif consonant_y:
            forms.update((stem[:-1] + "ied", stem + "ing"))
        else:
            forms.update((stem + "ed", stem + "ing"))
            cvc = stem[-1] not in VOWELS and stem[-2] in VOWELS and stem[-3] not in VOWELS
            if cvc and stem[-1] not in "wxy":
                forms.update((stem + stem[-1] + "ed", stem + stem[-1] + "ing"))
        forms.add(stem)
    forms.discard(word)
    return forms
