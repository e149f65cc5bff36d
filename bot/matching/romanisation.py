"""The rules of the romanisation systems that decide a variant's shape (docs/matching.md,
"Romanisation families" and "Arabic romanisation"): which first letters a system changes,
Arabic's vowels written by the press, an Arabic Q written K, and the particles of Arabic
names. Pure functions of folded words; `variants` and `plan` use them."""

from __future__ import annotations

import re

from bot.matching.forms import families, romanised

# The first letters the Wade-Giles, McCune-Reischauer and postal systems write apart from
# pinyin and Revised Romanisation (Pusan/Busan, Taegu/Daegu, Hsiamen/Xiamen).
_ASIAN_FIRST = frozenset({frozenset("pb"), frozenset("td"), frozenset("xs"), frozenset("xh")})


def first_letter_change(word: str, other: str) -> bool:
    """Whether two spellings whose `romanised` keys agree may start with different
    letters: an initial Z is a D only for an Arabic Dh (Dhabi/Zabi; not Zara/Dara), and
    the systems of `_ASIAN_FIRST` change that letter only, the rest written alike once
    consonants of one family are (Pusan/Busan, Taipei/Taibei; not Bryce/Preece, which
    `spelling`'s y/i and ee/i make equal)."""
    if word[:1] == other[:1]:
        return True
    pair = frozenset((word[0], other[0]))
    if "z" in pair:
        return word.startswith("dh") or other.startswith("dh")
    if pair not in _ASIAN_FIRST:
        return True
    rests = [w[2:] if w.startswith("hs") else w[1:] for w in (word, other)]
    return families(rests[0]) == families(rests[1])


def same_romanisation(word: str, other: str) -> bool:
    """`romanised` keys equal, the first letter changed as `first_letter_change` allows."""
    return romanised(word) == romanised(other) and first_letter_change(word, other)


def final_vowels_apart(word: str, other: str) -> bool:
    """Both end in -ah or -eh, not the same (Saleh/Salah: two Arabic names)."""
    ends = (word[-2:], other[-2:])
    return ends[0] != ends[1] and all(end in ("ah", "eh") for end in ends)


# The vowels romanisations write one sound with: Arabic's three short vowels as the
# press writes them (fatha a or e, kasra i or e, damma u or o: Mohamed/Mohamad, Qaeda/
# Qaida, Morsi/Mursi, Idlib/Idleb), and the y that `spelling` makes an i. Another pair
# is another vowel, so in a short name another name (Jamal/Jamil, Bashir/Bashar,
# Mosul/Mosel, Gaza/Giza).
_ONE_SOUND = frozenset({frozenset("ae"), frozenset("ei"), frozenset("ou"), frozenset("iy")})


def one_sound(a: str, b: str) -> bool:
    """Whether two vowels are one vowel written two ways (a/e, e/i, o/u, i/y)."""
    return a == b or frozenset((a, b)) in _ONE_SOUND


# A diphthong as each side writes it (`forms.diphthongs`): an aw against an o (Mawsil/
# Mosul; Fawkes is no "Fakes"), ay/ai/ei/ey on both sides (Husayn/Hussein; Heisler is no
# "Hassler").
_AW = re.compile(r"(?<=.)aw(?![aeiouy])")
_AY = re.compile(r"(?<=.)[ae][iy]")


def same_diphthong(word: str, other: str) -> tuple[bool, bool]:
    """Whether both spell one Arabic diphthong: (an aw against an o, ay/ai/ei/ey on both)."""
    aw = any(_AW.search(a) is not None and "o" in b for a, b in ((word, other), (other, word)))
    return aw, bool(_AY.search(word) and _AY.search(other))


def arabic_q(word: str, other: str) -> bool:
    """One spelling starts with K, the other with a Q that is no English qu (Quran/Koran,
    Qom/Kum; not Queen/Keen): the Arabic qaf, written both ways by English papers."""
    if frozenset((word[:1], other[:1])) != frozenset("kq"):
        return False
    q_word = word if word[0] == "q" else other
    return re.match(r"qu[aeiouy]", q_word) is None


# The particles of Arabic names (son of, father of, servant of) as the systems write them:
# the Library of Congress (ALA-LC) ibn, Abū, ʻAbd al-; French-based usage Ben, Abou, Abdel;
# the English press bin, Abu, Abdul (bin Salman/ben Salman, Abu Bakr/Abou Bakr, Abdel
# Fattah/Abdul Fattah/Abd al-Fattah). Each line: the spellings of one particle.
_PARTICLES = (
    (("bin",), ("ibn",), ("ben",)),
    (("abu",), ("abou",)),
    (("abdel",), ("abdul",), ("abdal",), ("abd", "al"), ("abd", "el")),
)
NAME_PARTICLES = frozenset(p[0] for group in _PARTICLES for p in group if len(p) == 1)


def particle_forms(words: tuple[str, ...]) -> list[tuple[str, ...]]:
    """A name after an Arabic particle with the particle's other spellings:
    `("bin", "salman")` → ben salman, ibn salman; `("abdel", "fattah")` → abdul fattah,
    abd al fattah …; [] when `words` are no particle and one name."""
    if len(words) != 2 or not words[1].isalpha() or len(words[1]) < 3:
        return []
    for group in _PARTICLES:
        if (words[0],) in group:
            return [(*other, words[1]) for other in group if other != (words[0],)]
    return []
