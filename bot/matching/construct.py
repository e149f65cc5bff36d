"""Arabic names of two nouns joined by the article (the construct, iḍāfa) in every form the
press prints them: a noun + al-Dīn ("... of the faith": Ṣalāḥ al-Dīn = Salah ad-Din,
Salah-ud-Din, Salahuddin, Salaheddine, Salah Eddine, Turkish Selahattin), and the South
Asian u-article before other second nouns (Mujib ur-Rahman = Mujib al-Rahman = Mujibur
Rahman; Zia-ul-Haq = Ziaul Haq; Hizb ut-Tahrir = Hizb al-Tahrir); with ʿAbd al- names
(bot/matching/abd.py, whose article reading this shares) the one entry point of `terms`
and `plan` (issue 9, classes 4 and 2; docs/matching.md, "Construct names").

Sources: the ALA-LC romanisation table for Arabic writes al- before every letter (Ṣalāḥ
al-Dīn, Mujīb al-Raḥmān); BGN/PCGN 1956 the sun letter it is said as (ad-Dīn, ar-Raḥmān);
the press gives the article the vowel e (Maghreb and French: Salaheddine, Nour Eddine;
Egyptian: Gamal el-Din, Hossam Eldin), u (South Asia, the first noun's nominative u:
Salahuddin, Nizamuddin, Mujibur Rahman, Ziaul Haq) or i (Central Asia: Nuriddin,
Jaloliddin); Dīn is printed din, dine (French) or deen (South Asian); Turkish
orthography writes the name as one word, the article's l said as the d and the doubled
d devoiced or not (Nureddin, Nurettin, Selahattin, Alaattin, Necmettin, Fahrettin).

A Dīn name is known by its first noun, one of the laqabs below (each line the spellings
of one noun: ALA-LC, the press's, Turkish folded, Central Asian); a word is never cut
at an unknown noun (Geraldine, Nadine, Sardine, Paladin are no such names), the noun
alone is no Dīn name (`Salah` ≠ Salahuddin, `Badreddine` ≠ Badr), and two nouns are
two names however alike (Naṣr / Nāṣir, Jamāl / Kamāl / Jalāl, Niẓām / Nāẓim). The
u-article of other names only before a second noun of `SECOND` (the names of God of
abd.py and the nouns the press prints so), said as its sun letter or as l.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from bot.matching.abd import (
    abd_name,
    add_abd_forms,
    after_article,
    file_forms,
    god_key,
    sun_letter,
)
from bot.matching.abd import two_names as abd_two_names

_NOUNS = """
salah selah saloh
nur nour noor
badr bedr badar
izz ezz
jamal gamal djamal cemal jamol
nasr
nasir naser nasser naseer nassir
khayr khair kheir hayr
sayf saif seif seyf
shams chams sems
ala alaa
fakhr fahr
sharaf charaf seraf seref sharof
husam hussam hossam houssam
burhan borhan
siraj seraj
najm nejm necm
nizam nezam
nazim
qutb kutb qutub
zayn zain zein zin zeyn
muhyi muhy mohy mohi muhi muh
taj tadj tac
saad sad
shihab shahab shehab
imad emad
diya dia zia ziya
baha bahaa
asad
kamal kemal kamol
jalal djalal celal jalol galal
muin moin moeen mueen
ghiyath ghiyas ghias
qamar
"""
_GROUPS = [line.split() for line in _NOUNS.strip().splitlines()]
NOUN = {spelling: group[0] for group in _GROUPS for spelling in group}
_SPELLINGS = {group[0]: tuple(group) for group in _GROUPS}
# A query word that starts such a name as typed (Salah ad-Din, Nour Eddine): `plan` asks.
STARTS = frozenset(spelling.capitalize() for spelling in NOUN)
_DIN = ("din", "dine", "deen")  # Dīn printed: ALA-LC, French, South Asian
_VOWELS = ("a", "e", "u", "i", "o")  # the article's vowel joined to the noun
_JOINED = re.compile(r"[aeiuo](?:dd|ld|d)(?:in|ine|een)")  # eddine, uddin, eldin
_SPACED = re.compile(r"[aeu][ld]")  # al, el, ad, ed, ud, ul
# The second nouns the press prints after the u-article of the construct (Mujibur
# Rahman, Ziaul Haq, Nurul Islam, Shamsul Alam, Ahlus Sunnah, Hizbut Tahrir, Jamaat-ud-
# Dawa), with the names of God (abd.py's list).
SECOND = frozenset(
    {"din", "deen", "islam", "alam", "huda", "amin", "ameen", "sunnah", "sunna", "tahrir"}
    | {"dawa", "dawah", "haq", "haque", "mulk", "zaman"}
)
_CLOSED_U = re.compile(r"(?P<first>[a-z]{3,}?)u(?P<sound>th|dh|sh|[tdrzsnl])")


def _din_tail(rest: str) -> bool:
    """Whether `rest` (after the noun) is the article's vowel and Dīn: eddine, uddin,
    eldin, iddin, ettin (Turkish; with no vowel too, Bahattin), a single d (Salahedin)."""
    if rest.endswith("ttin"):
        return rest in ("ttin", "attin", "ettin", "ittin", "uttin")
    if rest[:1] not in _VOWELS:
        return False
    return after_article(rest[1:]) in _DIN


@lru_cache(maxsize=4096)
def din_noun(word: str) -> str | None:
    """The first noun (its ALA-LC spelling) of a Dīn name printed as one folded word:
    `salahuddin`, `selahattin`, `noureddine` → salah, nur; else None."""
    if not word.endswith(("din", "dine", "deen", "ttin")):
        return None
    for cut in range(2, len(word) - 3):  # (Dīn and its article: 4 letters at least)
        noun = NOUN.get(word[:cut])
        if noun is not None and _din_tail(word[cut:]):
            return noun
    return None


def din_name(words: Sequence[str]) -> str | None:
    """The first noun of a Dīn name in folded words as printed: `salahuddin`, `salah
    eddine`, `salah ad din`, `nour el din`; else None."""
    if len(words) == 1:
        return din_noun(words[0])
    noun = NOUN.get(words[0])
    if noun is None:
        return None
    if len(words) == 2:
        return noun if _JOINED.fullmatch(words[1]) else None
    if len(words) == 3 and _SPACED.fullmatch(words[1]) and words[2] in _DIN:
        return noun
    return None


def din_forms(noun: str) -> list[tuple[str, ...]]:
    """Every printed form of the Dīn name of first noun `noun` (ALA-LC spelling), each a
    tuple of folded words: closed, the article joined to Dīn, the article apart."""
    forms: list[tuple[str, ...]] = []
    for spelling in _SPELLINGS[noun]:
        for vowel in ("a", "e", "u", "i"):
            for din in _DIN:
                forms.append((f"{spelling}{vowel}d{din}",))  # Salahuddin, Salaheddine
                forms.append((f"{spelling}{vowel}{din}",))  # Salahedin
                forms.append((f"{spelling}{vowel}l{din}",))  # Mohyeldin
        for vowel in ("", "a", "e", "i"):
            forms.append((f"{spelling}{vowel}ttin",))  # Nurettin, Selahattin, Bahattin
        for joined in ("eddine", "eddin", "uddin", "uddeen", "eldin", "eldine"):
            forms.append((spelling, joined))  # Salah Eddine, Salah Uddin, Hossam Eldin
        for article in ("al", "el", "ad", "ed", "ud", "ul"):
            for din in ("din", "deen"):
                forms.append((spelling, article, din))  # Salah al-Din, Salah-ud-Din
    return forms


def u_name(words: Sequence[str]) -> tuple[str, str, str] | None:
    """A construct name of a second noun of `SECOND` in folded words, as (first noun, the
    article's sound, second noun): `mujib ur rahman`, `mujibur rahman`, `zia al haq`,
    `ahlus sunnah` → (mujib, r, rahman) ...; the article said as the second noun's sun
    letter or as l; else None."""
    if not 2 <= len(words) <= 3:
        return None
    second = words[-1]
    if second not in SECOND and god_key(second) is None:
        return None
    if not all(w.isalpha() and w.isascii() for w in words):
        return None
    if len(words) == 3:
        first, article = words[0], words[1]
        if len(first) < 3 or len(article) != 2 or article[0] not in "aeu":
            return None
        sound = article[1:]
    else:
        closed = _CLOSED_U.fullmatch(words[0])
        if closed is None:
            return None
        first, sound = closed["first"], closed["sound"]
    if sound != "l" and sound != sun_letter(second):
        return None
    return first, sound, second


def u_forms(first: str, sound: str, second: str) -> list[tuple[str, ...]]:
    """The printed forms of a construct name: the article apart with any vowel, as l or
    its sun letter (Mujib al-Rahman, Mujib ur-Rahman), joined to the first noun (Mujibur
    Rahman, Ziaul Haq) and the whole name closed (Mujiburrahman, Ziaulhaq); a first noun
    of the Dīn names' table in each of its spellings (Saif, Seif al-Islam)."""
    own = sun_letter(second)
    sounds = ("l", own) if own and own != "l" else ("l",)
    joined = own if own and own != "l" else "l"  # Mujibur (r), Ziaul (l): as it is said
    forms: list[tuple[str, ...]] = []
    for noun in _SPELLINGS[NOUN[first]] if first in NOUN else (first,):  # Saif: Seif
        forms += [(noun, f"{v}{s}", second) for v in "aeu" for s in sounds]
        forms.append((f"{noun}u{joined}", second))
        forms.append((f"{noun}u{joined}{second}",))
    return forms


def one_name(written: Sequence[str]) -> bool:
    """Whether query words as typed (2 or 3, hyphens split) are one construct name printed
    open: an ʿAbd al- name (abd.py), a Dīn name (`Salah ad Din`, `Nour Eddine`) or a
    u-article name (`Mujib ur Rahman`, `Ziaul Haq`); the first and last capitalised, none
    in capitals."""
    if abd_name(written):
        return True
    if not 2 <= len(written) <= 3 or any(w.isupper() for w in written):
        return False
    if not (written[0][:1].isupper() and written[-1][:1].isupper()):
        return False
    words = [w.lower() for w in written]
    return din_name(words) is not None or u_name(words) is not None


def starts_name(first: str, second: str) -> bool:
    """Whether two query words as typed may start a construct name (cheap: `plan` asks
    it of every word of an AND): Abd..., a Dīn name's noun, a u-article after a noun
    (`Mujib ur-Rahman`, `Zia al-Haq`, `Zia al Haq`) or joined to it (`Mujibur Rahman`)
    before a second noun of `SECOND` or a name of God."""
    if first[:3] == "Abd" or first in STARTS:
        return True
    spaced = len(second) == 2  # (Zia al Haq: the third word is the noun)
    if not (first[-2:-1] == "u" or ((spaced or second[2:3] == "-") and second[:1] in "aeu")):
        return False
    noun = second.rpartition("-")[2].lower()
    return spaced or noun in SECOND or god_key(noun) is not None


def add_construct_forms(
    words: Sequence[str], single: dict[str, str], multi: list[tuple[tuple[str, ...], str]], how: str
) -> None:
    """A capitalised query term that is a construct name: its other printed forms, one word
    in `single`, several in `multi`, each found `how` (as typed: not)."""
    add_abd_forms(words, single, multi, how)
    noun = din_name(words)
    if noun is not None:
        forms = din_forms(noun)
    else:
        named = u_name(words)
        if named is None:
            return
        forms = u_forms(*named)
    file_forms(words, forms, single, multi, how)


def two_names(word: str, other: str) -> bool:
    """Whether two folded words are two names no typo rule may join: abd.py's (two names
    of God, alone or with ʿAbd al-), two first nouns of Dīn names (nasr / nasir) or two
    Dīn names of two first nouns (nasreddine / nasereddine, jamaluddin / kamaluddin)."""
    if abd_two_names(word, other):
        return True
    noun = NOUN.get(word)
    if noun is not None:  # (the nouns themselves: Nasr / Nasir, Nizam / Nazim)
        theirs = NOUN.get(other)
        return theirs is not None and theirs != noun
    if word[-3:] not in ("din", "ine", "een", "tin") or other[-3:] not in (
        "din",
        "ine",
        "een",
        "tin",
    ):
        return False
    mine = din_noun(word)
    if mine is None:
        return False
    theirs = din_noun(other)
    return theirs is not None and theirs != mine
