"""A Russian, Ukrainian or Central Asian name as the German and French press transcribe it
(docs/matching.md, "Cyrillic romanisation"): the whole name read back into Cyrillic
letters from one system and written out in the others, English (BGN/PCGN as the press
writes it), German (Duden) and French (Wikipedia's "Romanization of Russian" records the
two press transcriptions): `Khodorkovsky` → chodorkowski, khodorkovski; `Chostakovitch`
→ shostakovich, schostakowitsch; `Putin` → poutine. Pure functions of folded words; the
gazetteer's countries are read on first use.

The reading is letter by letter, each Latin letter or digraph read as the Cyrillic
letters it can stand for in that system (German s: з or с; sch: ш or ж), a few readings a
word; a letter no system writes (an English w, a German v, a French u outside ou and gu,
a c outside ch) leaves the word unread in that system."""

from __future__ import annotations

import re
from collections.abc import Container, Mapping
from functools import lru_cache
from importlib import resources
from itertools import product
from typing import NamedTuple

from bot.matching.forms import phonetic
from bot.matching.lexicon import COMMON_ZIPF, ESTABLISHED_ZIPF, KNOWN_ZIPF
from bot.matching.misspelt import name_words
from bot.matching.romanisation import slavic

# Inner letters: Cyrillic, with h for the Ukrainian Г the three systems all write h.
_VOWELS_CYR = "аеиоуыэюяії"
_SIBILANTS = "жчшщ"
_LATIN_VOWEL = "(?<=[aeiouy])"
_NOT_BEFORE_VOWEL = "(?![aeiouy])"

# One system's reading: the pattern at a position (its rules in order, one group each)
# and the Cyrillic letters each group may stand for; the first rule that matches wins.
# Readings that need the letters around them say so with look-behind and look-ahead.
Reading = tuple[re.Pattern[str], tuple[tuple[str, ...], ...]]


def _rules(*rules: tuple[str, tuple[str, ...]]) -> Reading:
    """One pattern of the rules' patterns in order, a group each (the first that matches
    at a position wins, as `re` tries alternatives), and each group's readings."""
    either = "|".join(f"({pattern})" for pattern, _ in rules)
    return re.compile(either), tuple(options for _, options in rules)


_COMMON = (
    ("a", ("а",)), ("b", ("б",)), ("d", ("д",)), ("f", ("ф",)), ("k", ("к",)),
    ("l", ("л",)), ("m", ("м",)), ("n", ("н",)), ("o", ("о",)), ("p", ("п",)),
    ("r", ("р",)), ("t", ("т",)),
)  # fmt: skip
# The Ukrainian Г, h in all three: first, after a vowel or after another h-letter.
_H = ("(?:^|(?<=[aeiouyh]))h", ("h",))

ENGLISH = _rules(
    ("sk(?:y|iy|ii|yi|yy|i)$", ("ский",)),
    ("shch", ("щ",)), ("tch", ("ч",)), ("kh", ("х",)), ("zh", ("ж",)), ("ch", ("ч",)),
    ("sh", ("ш",)), ("ts", ("ц",)),
    ("(?<=[^aeiouy])(?:iy|yy|yi)$", ("ий", "ый")),
    ("(?<=[^aeiouy])y$", ("ы", "ий")),
    ("^y(?=[aeiou])", ("й",)), (_LATIN_VOWEL + "y", ("й",)),
    ("y(?=[aeiou])", ("й", "ы")), ("y", ("ы",)),
    ("^e", ("е", "йе")), ("(?<=[aeiou])e", ("е", "йе")), ("e", ("е",)),
    (_LATIN_VOWEL + "i", ("й", "ї")), ("i(?=[aeou])", ("и", "й")), ("i", ("и",)),
    ("g", ("г",)), ("s", ("с",)), ("u", ("у",)), ("v", ("в",)), ("z", ("з",)),
    _H, *_COMMON,
)  # fmt: skip
GERMAN = _rules(
    ("schtsch", ("щ",)), ("tsch", ("ч",)), ("sch", ("ш", "ж")), ("ch", ("х",)),
    ("z", ("ц",)), ("w", ("в",)), ("ss", ("с",)), ("s", ("с", "з")),
    (_LATIN_VOWEL + "ji", ("ї", "йи")), ("j", ("й",)),
    ("(?<=[^aeiouy])i$", ("и", "ий")), ("y$", ("ы", "ый")), ("y", ("ы",)),
    (_LATIN_VOWEL + "i", ("й", "и")), ("i", ("и",)),
    ("e", ("е",)), ("g", ("г",)), ("u", ("у",)),
    _H, *_COMMON,
)  # fmt: skip
FRENCH = _rules(
    ("chtch", ("щ",)), ("tch", ("ч",)), ("ch", ("ш",)), ("kh", ("х",)), ("j", ("ж",)),
    ("ts", ("ц",)), ("ou", ("у",)), ("gu(?=[eiy])", ("г",)),
    ("(?<=[^aeiouy])ine$", ("ин",)), ("(?<=[^aeiouy])yne$", ("ын",)),
    (_LATIN_VOWEL + "ss" + "(?=[aeiouy])", ("с",)), ("s", ("с",)), ("z", ("з",)),
    ("(?<=[^aeiouy])i$", ("и", "ий")), ("y$", ("ы", "ый")), ("y", ("ы",)),
    (_LATIN_VOWEL + "i", ("й", "ї")), ("(?:^|(?<=[^aeiouy]))i(?=[aeo])", ("й", "и")),
    ("i", ("и",)), ("^e", ("е", "йе")), ("e", ("е",)), ("g", ("г",)), ("v", ("в",)),
    _H, *_COMMON,
)  # fmt: skip
SYSTEMS = {"en": ENGLISH, "de": GERMAN, "fr": FRENCH}
# Letters each system never writes alone (a quick test before reading letter by letter).
_UNWRITTEN = {
    "en": re.compile(r"[jqwx]|c(?!h)"),
    "de": re.compile(r"[qvx]|c(?!h)"),
    "fr": re.compile(r"[qwx]|c(?!h)|(?<![og])u"),
}
MAX_READINGS = 16  # (a German word of four s and two sch has 64: not read)


def readings(word: str, system: Reading) -> list[tuple[str, ...]]:
    """The Cyrillic letters `word` may stand for in `system`, each reading a tuple of
    pieces (one a Latin letter or digraph); [] when a letter has no reading or the word
    has more than MAX_READINGS."""
    pattern, cyrillic = system
    options: list[tuple[str, ...]] = []
    at = 0
    while at < len(word):
        found = pattern.match(word, at)
        if found is None or found.lastindex is None:
            return []
        options.append(cyrillic[found.lastindex - 1])
        at = found.end()
    count = 1
    for choice in options:
        count *= len(choice)
    return list(product(*options)) if count <= MAX_READINGS else []


def _vowel(letter: str) -> bool:
    return letter != "" and letter[-1] in _VOWELS_CYR


@lru_cache(maxsize=65536)
def write(letters: str, system: str) -> tuple[str, ...]:
    """Cyrillic letters (a reading of `readings`, joined) written in `system` ("en", "de",
    "fr"), one spelling a letter (a letter may be written as nothing: ь; й of -ий)."""
    written: list[str] = []
    for i, letter in enumerate(letters):
        before = letters[i - 1] if i else ""
        after = letters[i + 1] if i + 1 < len(letters) else ""
        written.append(_letter(letter, before, after, letters[i + 2 :], system))
    return tuple(written)


_PLAIN = {"а": "a", "б": "b", "д": "d", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
          "п": "p", "р": "r", "т": "t", "ф": "f", "h": "h"}  # fmt: skip
_EN = {"в": "v", "г": "g", "е": "e", "ж": "zh", "з": "z", "и": "i", "с": "s", "у": "u",
       "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ы": "y", "ь": "",
       "ї": "i"}  # fmt: skip
_DE = {"в": "w", "г": "g", "е": "e", "ж": "sch", "з": "s", "и": "i", "у": "u", "х": "ch",
       "ц": "z", "ч": "tsch", "ш": "sch", "щ": "schtsch", "ы": "y", "ь": "", "ї": "ji"}  # fmt: skip
_FR = {"в": "v", "е": "e", "ж": "j", "з": "z", "и": "i", "у": "ou", "х": "kh", "ц": "ts",
       "ч": "tch", "ш": "ch", "щ": "chtch", "ы": "y", "ь": "", "ї": "i"}  # fmt: skip


def _letter(letter: str, before: str, after: str, rest: str, system: str) -> str:
    """One Cyrillic letter in `system`, by the letters around it."""
    if letter in _PLAIN:
        return _PLAIN[letter]
    if letter == "й":
        if before in ("и", "ы") and after == "":
            return ""  # (-ий -i, -ый -y; English -y for both: Dostoevsky, Navalny)
        if _vowel(after):
            return {"en": "y", "de": "j", "fr": "i"}[system]
        return "i"  # (Tchaikovsky, Tschaikowski, Tchaïkovski)
    if letter == "и" and after == "й" and rest == "" and system == "en":
        return "y"
    if letter == "с":
        between = _vowel(before) and _vowel(after)
        return "ss" if between and system != "en" else "s"
    if system == "fr":
        if letter == "г":
            return "gu" if after in ("е", "и", "ы") else "g"
        return _FR[letter]
    return (_EN if system == "en" else _DE)[letter]


def spell(letters: str, system: str) -> set[str]:
    """The spellings of Cyrillic letters in `system`: the letters written (`write`), with
    the French final -ine/-yne for -ин/-ын (Poutine, Soljenitsyne) and the German -ow for
    a final -ев after ж ч ш щ, Duden's ё (Gorbatschow; the press writes the English -ev)."""
    word = "".join(write(letters, system))
    if system == "fr" and _FRENCH_INE.search(letters):
        word += "e"  # (Poutine, not Poutin: the French press's usual form)
    found = {word}
    if system == "fr" and letters.startswith("йе"):
        found.add(word[1:])  # (Eltsine, and Ieltsine)
    if system in ("de", "en") and _SIBILANT_EV.search(letters):
        found.add(word[:-2] + ("ow" if system == "de" else "ov"))
    return found


_FRENCH_INE = re.compile(f"[^{_VOWELS_CYR}][иы]н$")
_SIBILANT_EV = re.compile(f"[{_SIBILANTS}]ев$")


# The countries whose places' names are Cyrillic names (GeoNames' country codes): Russia,
# Ukraine, Belarus and the Central Asian states, which wrote Russian's alphabet.
_CYRILLIC_COUNTRIES = frozenset({"RU", "UA", "BY", "KZ", "KG", "TJ", "UZ", "TM"})


@lru_cache(maxsize=1)
def cyrillic_places() -> frozenset[str]:
    """The main names of the gazetteer's places in `_CYRILLIC_COUNTRIES`
    (bot/data/place_sizes.tsv, scripts/place_sizes.py)."""
    text = (resources.files("bot") / "data" / "place_sizes.tsv").read_text("utf-8")
    rows = (line.split("\t") for line in text.splitlines() if not line.startswith("#"))
    return frozenset(row[0] for row in rows if row[2] in _CYRILLIC_COUNTRIES)


def _cyrillic_shape(english: str) -> bool:
    return slavic(english) or english in cyrillic_places()


MIN_FOREIGN = 5  # a shorter word is read as English only (Maje, Jojo)
MIN_CHANGES = 2  # letters a system writes apart, for a name of no Cyrillic shape
MAX_PRESS_FORMS = 24


def _changes(letters: str, one: str, other: str) -> int:
    """How many Cyrillic letters two systems write differently (the French -ine for -ин
    one more: Putin/Poutine 2, Martin/Martine 1, Signets/Signez 1)."""
    apart = sum(a != b for a, b in zip(write(letters, one), write(letters, other), strict=True))
    return apart + (_FRENCH_INE.search(letters) is not None and "fr" in (one, other))


class Written(NamedTuple):
    """A spelling of `transcriptions`: how many letters changed (`_changes`), whether the
    name is of Cyrillic shape (`slavic`, or a place of Russia, Ukraine, Belarus or
    Central Asia: the word, or its English spelling) and whether it is a name of
    names.txt (the word, or its English spelling)."""

    changes: int
    shaped: bool
    named: bool


def transcriptions(word: str, systems: tuple[str, ...] = ("en", "de", "fr")) -> dict[str, Written]:
    """`word` (folded) read in each of `systems` and written in the others: each spelling
    other than `word`, the usual reading's spellings first (each letter's first reading)."""
    found: dict[str, tuple[int, Written]] = {}
    names = name_words()
    own_shape, own_name = _cyrillic_shape(word), word in names
    for name in systems:
        if _UNWRITTEN[name].search(word) or (name == "en" and not (own_shape or own_name)):
            continue  # (a letter the system never writes; an English reading kept nothing)
        for rank, pieces in enumerate(readings(word, SYSTEMS[name])):
            letters = "".join(pieces)
            # (a word read in English: its own shape; read in German or French: its
            # English spelling's too, after a first j, ch or sch, which the French and
            # German write for an English zh, kh: Jones is no "Zhones", Schein no
            # "Zhein"; Eltsine is Yeltsin)
            english = spell(letters, "en") if name != "en" else set()
            skip = 1 if word.startswith(("j", "c", "s")) else 0
            shaped = own_shape or any(e in cyrillic_places() or slavic(e[skip:]) for e in english)
            named = own_name or not english.isdisjoint(names)
            if not shaped and not named:
                continue  # (no spelling of this reading could be kept)
            if phonetic(word) not in {phonetic(f) for f in spell(letters, name)}:
                continue  # (no reading of the word in this system: Khrouchtchev in English)
            for other in ("en", "de", "fr"):
                changes = _changes(letters, name, other)
                for form in sorted(spell(letters, other)) if other != name else ():
                    if form == word:
                        continue
                    first, seen = found.get(form, (rank, Written(0, False, False)))
                    found[form] = (
                        first,
                        Written(
                            max(changes, seen.changes), shaped or seen.shaped, named or seen.named
                        ),
                    )
    ordered = sorted(found.items(), key=lambda item: item[1][0])
    return {form: written for form, (_, written) in ordered}


def press_forms(word: str) -> list[str]:
    """The spellings of `transcriptions`, unguarded (`press_spellings` guards them)."""
    return list(transcriptions(word))


def press_spellings(word: str, zipf: Mapping[str, float], places: Container[str]) -> list[str]:
    """The spellings of `transcriptions` a name's query accepts. None for a common
    English word (Zipf >= 4, no place, no name of names.txt: `Putin` is a name); a word
    English knows (Zipf >= 2.5) that is no such name is read as English only (`Chad` is
    no German "Khad", `Pouches` no French "Pushes"). A spelling is kept for a name of
    Cyrillic shape, or for a name of names.txt with two letters changed (`Putin`:
    Poutine; `Martin` ≠ "Martine"); with one letter changed, only when English has
    neither spelling (Zipf < 2.5) or the word is a place (`Klin` ≠ "Kline"); never a
    common word; never a spelling English has (Zipf >= 3, or a place) when the name is
    one too or the spelling is of no Cyrillic shape (`Poutine`, the dish, finds no
    "Putin"; the dish is at Zipf 2.50 in English, under 3: `Putin` finds Poutine)."""

    def established(form: str) -> bool:
        return zipf.get(form, 0.0) >= ESTABLISHED_ZIPF or form in places

    def common(form: str) -> bool:
        return zipf.get(form, 0.0) >= COMMON_ZIPF and form not in places

    names = name_words()
    if len(word) < 4 or not word.isalpha() or (common(word) and word not in names):
        return []
    own = established(word)
    english = len(word) < MIN_FOREIGN or (zipf.get(word, 0.0) >= KNOWN_ZIPF and word not in names)
    if english and word not in names and not _cyrillic_shape(word):
        return []  # (read as English, no spelling could be kept: none is read)
    kept = []
    for form, (changes, shaped, named) in transcriptions(
        word, ("en",) if english else ("en", "de", "fr")
    ).items():
        if not shaped and not (named and changes >= MIN_CHANGES):
            continue
        if changes < MIN_CHANGES and (
            zipf.get(form, 0.0) >= KNOWN_ZIPF or (english and word not in places)
        ):
            continue
        if common(form) or (established(form) and (own or not _cyrillic_shape(form))):
            continue
        kept.append(form)
        if len(kept) == MAX_PRESS_FORMS:
            break
    return kept
