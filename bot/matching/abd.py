"""A name made with ʿAbd al- ("servant of the ...") in every form the press prints it:
closed (Abdulaziz), hyphenated (Abdul-Aziz, Abd-al-Aziz) or open (Abdul Aziz, Abd al-Aziz,
Abd al Aziz), with any vowel the press gives the article, and the article said as the sun
letter that follows it (issue 9, classes 4 and 2; docs/matching.md, "ʿAbd al- names").

Sources: the ALA-LC romanisation table for Arabic writes the article al- before every
letter, joined by a hyphen (ʻAbd al-ʻAzīz, ʻAbd al-Raḥmān, ʻAbd Allāh); BGN/PCGN 1956
writes it as the sun letter it is said as (t, th, d, dh, r, z, s, sh, l, n: ʻAbd
ar-Raḥmān, ʻAbd as-Salām, ʻAbd an-Nāṣir); the press gives the article the vowel a, e
(Egyptian and French usage: Abdel Nasser, Abd el-Kader), u (English and South Asian:
Abdul, Abdur Rahman, Abdus Salam), ou (West African French: Abdoul) or o (Persian:
Abdolreza), prints the name closed (Gulf usage: Abdulaziz; Indonesian: Abdurrahman; the
Maghreb: Abderrahim, Abdennabi, with the doubled letter once too: Abderahmane) and in
Malaysia shortens Abdul to Abd (Abd Rahman, Abd Razak).

So a name is read as its second part (aziz, rahman) and the article's sound (l, or the sun
letter the second part starts with), and written every way those make. Never from an
article vowel alone ("Abdul" is a given name of its own; a query word finds that word,
not every name it starts), nor a second part under three letters (Abdulla is no ʻAbd
al-La); the second part's own other spellings where the names list gives them (Karim:
Kareem; bot/matching/arabic_names.py), never another second part (Aziz is no Azim).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from bot.matching.arabic_names import arabic_spellings

# The sun letters as romanised, digraphs first (ALA-LC and BGN/PCGN: th, dh, sh; ṣ ḍ ṭ ẓ
# are written s, d, t, z).
_SUN = ("th", "dh", "sh", "t", "d", "r", "z", "s", "n", "l")
# The article's vowel joined to abd (Abdel, Abdul, Abdal, Abdoul, Abdol) and in an article
# written as its own word (Abd al-, Abd el-, Abd-ur-).
_JOINED = ("a", "e", "u", "ou", "o")
_SPACED = ("a", "e", "u")
_CLOSED = re.compile(r"abd(?P<vowel>ou|[aeuo])(?P<tail>[a-z]+)")
_HEAD = re.compile(r"abd(?:ou|[aeuo])(?P<sound>th|dh|sh|[tdrzsnl])")
_ARTICLE = re.compile(r"[aeu](?P<sound>th|dh|sh|[tdrzsnl])")
_ATTACHED = re.compile(r"[aeu](?P<sound>th|dh|sh|[tdrzsnl])(?P<rest>[a-z]+)")
# The second parts of ʿAbd al- names: the ninety-nine names of God (al-asmāʾ al-ḥusnā, the
# traditional list of al-Tirmidhi's hadith), in a plain romanisation. Two names made with
# two of them are two names however alike (ʿAbd al-ʿAzīz / ʿAbd al-ʿAẓīm, ʿAbd al-Ḥakīm /
# ʿAbd al-Ḥalīm): `two_names`.
_NAMES_OF_GOD = """
rahman rahim malik quddus salam mumin muhaymin aziz jabbar mutakabbir khaliq bari musawwir
ghaffar qahhar wahhab razzaq fattah alim qabid basit khafid rafi muizz mudhill sami basir
hakam adl latif khabir halim azim ghafur shakur ali kabir hafiz muqit hasib jalil karim
raqib mujib wasi hakim wadud majid baith shahid haqq wakil qawi matin wali hamid muhsi
mubdi muid muhyi mumit hayy qayyum wajid wahid ahad samad qadir muqtadir muqaddim muakhkhir
awwal akhir zahir batin mutaali barr tawwab muntaqim afuw rauf muqsit jami ghani mughni
mani darr nafi nur hadi badi baqi warith rashid sabur
"""
MIN_REST = 3  # Abdul Haq, Abd Allah (ʿAbd al-Lāh): the shortest second part
MAX_SECOND = 3  # the second part's own spellings taken (Karim: Kareem)


def sun_letter(rest: str) -> str:
    """The sun letter (or digraph) a second part starts with, or ""."""
    return next((s for s in _SUN if rest.startswith(s)), "")


def after_article(tail: str) -> str | None:
    """The second part after the article's consonant(s): `laziz` → aziz (al-), `rrahman` →
    rahman (ar-Raḥmān), `rahman` → rahman (the doubled letter written once), `llah` → lah."""
    if tail.startswith("l") and len(tail) > MIN_REST:
        return tail[1:]
    sound = sun_letter(tail)
    if not sound or sound == "l":
        return None
    if tail.startswith(sound * 2, 0) and len(tail) - len(sound) >= MIN_REST:
        return tail[len(sound) :]  # abdurrahman, abdussalam
    return tail if len(tail) >= MIN_REST else None  # abdurahman, abderahmane


def second_part(words: Sequence[str]) -> str | None:
    """The second part of an ʿAbd al- name in folded words as printed, or None: `abdulaziz`,
    `abdul aziz`, `abd al aziz`, `abd allah` (→ lah), `abdur rahman`, `abd rahman`."""
    if not all(w.isalpha() and w.isascii() for w in words):
        return None
    if len(words) == 1:
        closed = _CLOSED.fullmatch(words[0])
        return None if closed is None else after_article(closed["tail"])
    if len(words) == 3:
        article = _ARTICLE.fullmatch(words[1])
        if words[0] != "abd" or article is None:
            return None
        return _spaced(article["sound"], words[2])
    if len(words) != 2:
        return None
    head, rest = words
    if head == "abd":  # Abd Allah (the article joined to the name), Abd Rahman (Malaysia)
        joined = _ATTACHED.fullmatch(rest)
        if joined is not None and len(joined["rest"]) >= MIN_REST:
            sound = joined["sound"]
            if sound == "l" or joined["rest"].startswith(sound):  # Allah, Errahmane; not Aziz
                return joined["rest"]
        return rest if len(rest) >= MIN_REST else None
    article = _HEAD.fullmatch(head)
    return None if article is None else _spaced(article["sound"], rest)


def _spaced(sound: str, rest: str) -> str | None:
    """The name after an article written apart: al- before any, ar- only before an r."""
    if len(rest) < MIN_REST or (sound != "l" and not rest.startswith(sound)):
        return None
    return rest


def _consonants(rest: str) -> str:
    """A second part's consonants, q as k, a doubled one once: the same for the press's
    spellings of one name (Karim, Kareem; Qadir, Kader; Wahab, Wahhab; Rauf, Raouf)."""
    out = ""
    for char in rest.replace("q", "k"):
        if char not in "aeiouy" and not out.endswith(char):
            out += char
    return out


_GOD = frozenset(_consonants(name) for name in _NAMES_OF_GOD.split())


def two_names(word: str, other: str) -> bool:
    """Whether two folded words are two names of God (hakim, halim) or two ʿAbd al- names
    made with two of them (abdelaziz, abdelazim: aziz, azim), which no typo rule may join;
    a misspelt one (abdelazis, hakin) is no other name."""
    if word[:3] == "abd" and other[:3] == "abd":
        mine, theirs = second_part((word,)), second_part((other,))
        if mine is None or theirs is None:
            return False
        word, other = mine, theirs
    mine_key = god_key(word)  # (the query word's, remembered: most are no name of God)
    if mine_key is None:
        return False
    key = god_key(other)
    return key is not None and key != mine_key


@lru_cache(maxsize=65536)
def god_key(rest: str) -> str | None:
    key = _consonants(rest)
    return key if key in _GOD else None


def abd_forms(rest: str) -> list[tuple[str, ...]]:
    """Every printed form of the ʿAbd al- name with second part `rest` (and its own other
    spellings): closed, abd and the article joined, and the article apart; each a tuple of
    folded words (one word: closed)."""
    forms: list[tuple[str, ...]] = []
    for second in (rest, *arabic_spellings(rest)[:MAX_SECOND]):
        sound = sun_letter(second)
        sounds = ("l", sound) if sound and sound != "l" else ("l",)
        for vowel in _JOINED:
            for s in sounds:
                forms.append((f"abd{vowel}{s}{second}",))  # Abdulaziz, Abdurrahman
                forms.append((f"abd{vowel}{s}", second))  # Abdul Aziz, Abdur Rahman
            if len(sounds) > 1:
                forms.append((f"abd{vowel}{second}",))  # Abdurahman, Abderahmane
        for vowel in _SPACED:
            for s in sounds:
                forms.append(("abd", f"{vowel}{s}", second))  # Abd al-Aziz, Abd-ur-Rahman
                forms.append(("abd", f"{vowel}{s}{second}"))  # Abd Allah, Abd Errahmane
        forms.append(("abd", second))  # Abd Rahman (Malaysia)
    return list(dict.fromkeys(forms))


def abd_name(written: Sequence[str]) -> bool:
    """Whether query words as typed (2 or 3, hyphens split) are an ʿAbd al- name printed
    open: `Abd al Aziz`, `Abd al-Aziz`, `Abdur Rahman`, `Abd Allah`; the first and last
    capitalised, none in capitals (ABD is an acronym)."""
    if not 2 <= len(written) <= 3 or any(w.isupper() for w in written):
        return False
    if not (written[0][:1].isupper() and written[-1][:1].isupper()):
        return False
    return second_part([w.lower() for w in written]) is not None


def add_abd_forms(
    words: Sequence[str], single: dict[str, str], multi: list[tuple[tuple[str, ...], str]], how: str
) -> None:
    """A capitalised query term that is an ʿAbd al- name (`second_part`): its other printed
    forms, one word in `single`, several in `multi`, each found `how` (as typed: not)."""
    rest = second_part(words)
    if rest is not None:
        file_forms(words, abd_forms(rest), single, multi, how)


def file_forms(
    words: Sequence[str],
    forms: Iterable[tuple[str, ...]],
    single: dict[str, str],
    multi: list[tuple[tuple[str, ...], str]],
    how: str,
) -> None:
    """Each printed form of a name typed as `words`, other than itself and those filed
    already: one word in `single`, several in `multi`, found `how`."""
    own = tuple(words)
    known = {form for form, _ in multi}
    for form in forms:
        if form == own or form in known:
            continue
        if len(form) == 1:
            single.setdefault(form[0], how)
        else:
            multi.append((form, how))
            known.add(form)
