"""Two established spellings of one Arabic or Persian given name (docs/matching.md,
"Agencies' spellings of one name"): Ahmed/Ahmad, Omar/Umar, Asad/Assad, Mahmoud/Mahmud.

Two established short names a vowel apart are usually two names (Karen/Karin, Jamal/
Jamil), so this is no rule of shape alone: both spellings must be given names used mainly
in Arabia and Persia (bot/data/arabic_names.txt, from Jörg Michael's first-name
dictionary: scripts/arabic_names.py), and differ only where the press writes Arabic's
vowels two ways: fatha a or e, damma o or u (and ou, oo), a long i as ee, a long a as aa,
a y for an i, a doubled consonant (shadda) written single, a final h after a vowel.

Not one name: e against i where the list also writes the i long, ee (Arabic's two
patterns Sāmir and Samīr are two names: Samer/Samir, Amer/Amir, Salem/Salim, and the list
has Sameer, Ameer, Saleem); where it never does, the i is the short kasra of fāʿil, which
the press writes e too, and the two are one name (Khaled/Khalid, Nader/Nadir,
Tareq/Tariq). An e that could be an i of another name of the list is no fatha either
(Hamed, the Hamid of Hāmid, is no Hamad); a final vowel changed (Salah/Saleh, Hana/Hani).
Hasan/Hassan (two names) stay apart because the source lists Hasan as common in Bosnia
and Turkey too, so not in the list.

A name made with ʿAbd al- ("servant of", ALA-LC's romanisation) is one name whatever vowel
the press gives the article: Abdel (Egypt, French usage), Abdul (English, South Asia),
Abdal, Abdoul (West Africa), Abdol (Persian): Abdelaziz/Abdulaziz, Abdullah/Abdellah. Any
word so made, listed or not: no English word starts with these letters.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from importlib import resources

_VOWELS = frozenset("aeiouy")
_LONG = {"ee": "I", "oo": "U", "ou": "U", "aa": "A"}
_CLASS = {"a": "A", "e": "A", "o": "U", "u": "U", "i": "I"}
# ʿAbd al-: the article's vowel as the press writes it, then the rest of the name.
_ABD_AL = re.compile(r"abd(?:ou|[aeuo])l(?P<rest>[a-z]*)")
_ARTICLE = ("al", "el", "ul", "oul", "ol")
_DOUBLED = re.compile(r"(.)\1")


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


def _short_kasra(name: str, names: Mapping[str, frozenset[int]]) -> tuple[str, frozenset[int]]:
    """The name with each e that is a short kasra written i (`khaled` → khalid), and the
    places of the e's left as they are. Such an e is one where the list has the name with
    i there and never with a long ī written ee (with a doubled letter before it single):
    the pattern fāʿil has a short i the press also writes e (Khālid: Khaled, Nāṣir:
    Nasser), the pattern faʿīl a long ī the list writes ee too (Samīr: Sameer, so Samer,
    Sāmir, stays apart from Samir, and Samera from Samira; Naṣīr: Naseer, so Nasser stays
    apart from it)."""
    kasra = names[name]
    for at in sorted(kasra):
        head, tail = name[:at], name[at + 1 :]
        if head.endswith("e") or tail.startswith("e"):
            continue  # ee: a long ī already (Jameel)
        ends = {tail, tail.removesuffix("h").removesuffix("a")}  # Samera: Sameer's feminine
        heads = {head, _DOUBLED.sub(r"\1", head)}
        long_i = {start + "ee" + end for start in heads for end in ends}
        if head + "i" + tail in names and not long_i & names.keys():
            name = head + "i" + tail
    return name, frozenset(at for at in kasra if name[at] == "e")


@lru_cache(maxsize=1)
def _groups() -> dict[str, tuple[str, ...]]:
    names = _names()
    by_key: dict[str, list[str]] = {}
    keys: dict[str, set[str]] = {}
    for name in sorted(names):  # each name under its key and its key with a short kasra
        keys[name] = {_key(name, names[name]), _key(*_short_kasra(name, names))}
        for key in sorted(keys[name]):
            by_key.setdefault(key, []).append(name)
    groups = {
        name: tuple(dict.fromkeys(other for key in sorted(own) for other in by_key[key]))
        for name, own in keys.items()
    }
    return {name: group for name, group in groups.items() if len(group) > 1}


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
