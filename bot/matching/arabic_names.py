"""Two established spellings of one Arabic or Persian given name (docs/matching.md,
"Agencies' spellings of one name"): Ahmed/Ahmad, Omar/Umar, Asad/Assad, Mahmoud/Mahmud.

Two established short names a vowel apart are usually two names (Karen/Karin, Jamal/
Jamil), so this is no rule of shape alone: both spellings must be given names used mainly
in Arabia and Persia (bot/data/arabic_names.txt, from Jörg Michael's first-name
dictionary: scripts/arabic_names.py), and differ only where the press writes Arabic's
vowels two ways: fatha a or e, damma o or u (and ou, oo), a long i as ee, a long a as aa,
a y for an i, a doubled consonant (shadda) written single, a final h after a vowel.

Not one name: e against i (an e is also a kasra, and Arabic's two patterns Sāmir and
Samīr are two names: Samer/Samir, Amer/Amir, Salem/Salim); an e that could be an i of
another name of the list is no fatha either (Hamed, the Hamid of Hāmid, is no Hamad);
a final vowel changed (Salah/Saleh, Hana/Hani). Hasan/Hassan (two names) stay apart
because the source lists Hasan as common in Bosnia and Turkey too, so not in the list.

A name made with ʿAbd al- ("servant of", ALA-LC's romanisation) is one name whatever vowel
the press gives the article: Abdel (Egypt, French usage), Abdul (English, South Asia),
Abdal, Abdoul (West Africa), Abdol (Persian): Abdelaziz/Abdulaziz, Abdullah/Abdellah. Any
word so made, listed or not: no English word starts with these letters.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

_VOWELS = frozenset("aeiouy")
_LONG = {"ee": "I", "oo": "U", "ou": "U", "aa": "A"}
_CLASS = {"a": "A", "e": "A", "o": "U", "u": "U", "i": "I"}
# ʿAbd al-: the article's vowel as the press writes it, then the rest of the name.
_ABD_AL = re.compile(r"abd(?:ou|[aeuo])l(?P<rest>[a-z]*)")
_ARTICLE = ("al", "el", "ul", "oul", "ol")


@lru_cache(maxsize=1)
def _names() -> dict[str, frozenset[int]]:
    """Each name, and the places of an e that is an i in another name (Kamel: Kamil)."""
    text = (resources.files("bot") / "data" / "arabic_names.txt").read_text("utf-8")
    names: dict[str, frozenset[int]] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            name, _, places = line.partition("\t")
            names[name] = frozenset(int(p) for p in places.split(",") if p)
    return names


def _key(name: str, kasra: frozenset[int]) -> str:
    """The name with each vowel by the sound it may write, doubled letters single and a
    final vowel's h dropped; the last vowel of the word kept as written."""
    out: list[str] = []
    size = len(name)
    i = 0
    while i < size:
        pair = name[i : i + 2]
        char = name[i]
        if pair in _LONG and (pair != "aa" or i + 2 == size):  # Asaad (As'ad) is no Asad
            out.append(_LONG[pair])
            i += 2
            continue
        if char == "e" and i in kasra:
            out.append("E")  # maybe a kasra: Hamed (Hamid) is no Hamad
        elif char in _CLASS:
            out.append(_CLASS[char])
        elif (
            char == "y"
            and i > 0
            and name[i - 1] not in _VOWELS
            and name[i + 1 : i + 2] not in _VOWELS
        ):
            out.append("I")  # Samy, Zakyria
        elif not out or out[-1] != char or char != "s":  # Jabbar/Jaber: a shadda; Bassem
            out.append(char)
        i += 1
    if len(out) > 1 and out[-1] == "h" and name[-2:] in ("ah", "eh"):  # Samih is no Sami
        out.pop()
    end = name.rstrip("h")[-1:]
    if out and out[-1] in "AEIU":
        out[-1] = "i" if end == "y" else end
    return "".join(out)


@lru_cache(maxsize=1)
def _groups() -> dict[str, tuple[str, ...]]:
    names = _names()
    by_key: dict[str, list[str]] = {}
    for name in sorted(names):
        by_key.setdefault(_key(name, names[name]), []).append(name)
    return {name: tuple(group) for group in by_key.values() if len(group) > 1 for name in group}


def arabic_spellings(word: str) -> tuple[str, ...]:
    """The other spellings of a folded given name of the list (ahmed: ahmad), and of a name
    made with ʿAbd al- (abdelaziz: abdulaziz, abdalaziz...), or ()."""
    found = dict.fromkeys(_groups().get(word, ()))
    made = _ABD_AL.fullmatch(word)
    if made is not None:
        for article in _ARTICLE:
            found.update(dict.fromkeys(_groups().get(f"abd{article}{made['rest']}", ())))
            found[f"abd{article}{made['rest']}"] = None
    found.pop(word, None)
    return tuple(found)
