"""The rules of the romanisation systems that decide a variant's shape (docs/matching.md,
"Romanisation families" and "Arabic romanisation"): which first letters a system changes,
Arabic's vowels written by the press, an Arabic Q written K, and the particles of Arabic
names. Pure functions of folded words; `variants` and `plan` use them."""

from __future__ import annotations

import re
from collections.abc import Container, Mapping

from bot.matching.forms import families, phonetic, romanised
from bot.matching.lexicon import COMMON_ZIPF, ESTABLISHED_ZIPF
from bot.matching.persons import given_name

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
    if word.startswith("ks") or other.startswith("ks"):  # Ksenia/Xenia; not Senia, Kenia
        return "x" in (word[0], other[0])
    pair = frozenset((word[0], other[0]))
    if "z" in pair:
        return word.startswith("dh") or other.startswith("dh")
    if pair not in _ASIAN_FIRST:
        return True
    rests = [w[2:] if w.startswith("hs") else w[1:] for w in (word, other)]
    return families(rests[0]) == families(rests[1])


def same_romanisation(word: str, other: str) -> bool:
    """`romanised` keys equal, the first letter changed as `first_letter_change` allows,
    not a final x against a final ks (`final_ks`: Minx/Minks)."""
    return (
        romanised(word) == romanised(other)
        and first_letter_change(word, other)
        and not final_ks(word, other)
    )


LONG_KS = 7  # from this length an x/ks name may have a vowel written differently too


def final_ks(word: str, other: str) -> bool:
    """One ends in an x, the other in a ks (`forms.ks_as_x`), and the x is no given name's
    of the US Census 1990 lists. A final к+с or ξ is a given name's (Feliks, Maks, Aleks:
    Felix, Max, Alex); an English word, surname or brand ends in ks or x of its own
    (Saks/Sax, Dix/Diks, Jinks/Jinx, Minks/Minx: a plural, a store, a surname)."""
    if ("x" in word) == ("x" in other) or not phonetic(word).endswith("x"):
        return False
    return phonetic(other).endswith("x") and not given_name(word if "x" in word else other)


def ks_apart(word: str, other: str, zipf: Mapping[str, float], places: Container[str]) -> bool:
    """One writes an x where the other writes a ks (`forms.ks_as_x`) and they are two
    words: a final x that is no given name's (`final_ks`: Saks/Sax; Feliks is Felix),
    both established (Zipf >= 3 or places: Marx/Marks), or one a common English word
    (Zipf >= 4) that is no place and no given name (Taxes/Takses, Boxing/Boksing;
    Alexander is a name: Aleksandr), or with a vowel written differently on top, a final
    ks (mostly the English plural: Chromebooks/Chromebox) or a short name (Banksy/Benxi, a
    pinyin x; Maksim is Maxim)."""
    if ("x" in word) == ("x" in other):
        return False
    if final_ks(word, other):
        return True
    keys = (phonetic(word), phonetic(other))
    if keys[0] != keys[1] and (
        keys[0].endswith("x") or keys[1].endswith("x") or min(map(len, keys)) < LONG_KS
    ):
        return True

    def established(form: str) -> bool:
        return zipf.get(form, 0.0) >= ESTABLISHED_ZIPF or form in places

    def common(form: str) -> bool:
        return zipf.get(form, 0.0) >= COMMON_ZIPF and form not in places and not given_name(form)

    return (established(word) and established(other)) or common(word) or common(other)


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


# The words that join the parts of a Persian, Urdu or Arabic name of several words, each
# written in more than one way: the Persian ezafe as -i- or -e- (Mazar-i-Sharif,
# Mazar-e-Sharif; Tehrik-i-Taliban, Tehrik-e-Taliban; Lashkar-e-Taiba, Lashkar-i-Taiba),
# and the Arabic article inside a name with the vowel a, e or u, its l written or the sun
# letter it is said as (Jamaat-ud-Dawa, Jamaat-al-Dawa; Harkat-ul-Mujahideen,
# Harkat-al-Mujahideen): the Library of Congress writes -i- and al-, the press of Pakistan
# and Iran -e- and ud-/ul-.
_EZAFE = ("e", "i")
_INNER_ARTICLE = re.compile(r"[aeu](?P<sound>l|d|dh|n|r|s|sh|t|th|z)")
MAX_CONNECTORS = 2  # (a name with more is no such name: few forms, not 6 x 6 x 6)


def connector_forms(words: tuple[str, ...]) -> list[tuple[str, ...]]:
    """A name of three words or more with the other spellings of its inner ezafe or
    article: `("mazar", "i", "sharif")` → mazar e sharif; `("jamaat", "ud", "dawa")` →
    jamaat al dawa, jamaat ad dawa, jamaat el dawa …; [] for any other words."""
    if len(words) < 3:
        return []
    options: list[tuple[str, ...]] = [(words[0],)]
    for word in words[1:-1]:
        article = _INNER_ARTICLE.fullmatch(word)
        if word in _EZAFE:
            options.append(_EZAFE)
        elif article:
            sounds = sorted({"l", article["sound"]})
            options.append(tuple(vowel + sound for vowel in "aeu" for sound in sounds))
        else:
            options.append((word,))
    options.append((words[-1],))
    if not 0 < sum(len(o) > 1 for o in options) <= MAX_CONNECTORS:
        return []
    forms: list[tuple[str, ...]] = [()]
    for choice in options:
        forms = [(*form, word) for form in forms for word in choice]
    return [form for form in forms if form != words]


# ---------------------------------------------------------------- Cyrillic names

# The shape of a name romanised from Ukrainian, Russian or Belarusian: its digraphs (kh
# after a vowel or first, zh, shch, tsch, a first ts), the endings of its places (-sk
# after a consonant, -ivka/-ovka, -iv/-ov/-ev, -opol/-opil, -horod/-gorod, -tsia/-tsi)
# and of its surnames (-enko, -chuk, -vich/-ych, -sky/-skyi, -skaya). English has these
# letters too, so each in the place a Cyrillic name has it: not Blackhawks, Lockheed,
# desk, Munich, outside.
_SLAVIC = re.compile(
    r"(?:^|[aeiou])kh|zh|shch|tsch|^ts[aeiouy]|^ye|ts(?:ia|ya|yna?|i|y)$|[eiou]vka$"
    r"|[^aeiou]sk$|sk(?:yi|iy|yy|yj|y|i|aya|aja)$|[^aeiou][oei]v$|opo?[il]$|[hg]oro?d$"
    r"|enko$|chuk$|(?:vi|y)ch$|[^aeiou][oe]ff$"
)


def slavic(word: str) -> bool:
    """Whether a folded name has the shape of a Ukrainian, Russian or Belarusian name (a
    pinyin -ng or -ou is Chinese: Zhejiang, Guangzhou)."""
    return _SLAVIC.search(word) is not None and not word.endswith(("ng", "ou"))


# Ukrainian (national system of 2010) against Russian (BGN/PCGN 1947) for one Cyrillic
# name: Ukrainian h for Russian g (Г: Luhansk/Lugansk, Horlivka/Gorlovka), i for o or e
# in a closed final syllable (Lviv/Lvov, Kharkiv/Kharkov, Ternopil/Ternopol,
# Chernivtsi/Chernovtsy), a final -ia or -ie for -ye, the consonant before it doubled
# and an o or e before that an i (Zaporizhzhia/Zaporozhye, Podillia/Podolye), and
# Russian -ev for -ёв written -ov (Gorbachev/Gorbachov), Ukrainian y for Russian i (И:
# Tymoshenko/Timoshenko), and the final -ov/-ev the French transcription and older
# English write -off/-eff (Romanov/Romanoff, Rachmaninov/Rachmaninoff). Each a rewrite
# both ways.
_UKRAINIAN = (
    (re.compile(r"(?<![kcszgh])h"), "g"),
    (re.compile(r"(?<!n)g(?!h)"), "h"),
    (re.compile(r"i(?=(?:v|vka|l|vts[iy])$)"), "o"),
    (re.compile(r"[oe](?=(?:v|vka|l|vts[iy])$)"), "i"),
    (re.compile(r"(?<=[^aeiou])(?:ia|ie|iia)$"), "ye"),
    (re.compile(r"(zh|[bdlnstv])\1(?=ia$)"), r"\1"),
    (re.compile(r"(?<!zh)zh(?=ye$)"), "zhzh"),
    (re.compile(r"(?<=[aeiou])([bdlnstv])(?=ye$)"), r"\1\1"),
    (re.compile(r"i(?=(zh|[bdlnstv])\1?(?:ia|ye)$)"), "o"),
    (re.compile(r"o(?=(zh|[bdlnstv])\1?(?:ia|ye)$)"), "i"),
    (re.compile(r"(?<=[^aeiou])ye$"), "ia"),
    (re.compile(r"ts[iy]$"), "tsi"),
    (re.compile(r"tsi$"), "tsy"),
    (re.compile(r"ev$"), "ov"),
    (re.compile(r"(?<=[cs]h|zh)ov$"), "ev"),
    (re.compile(r"(?<=[^aeiou])y(?=[^aeiouy])"), "i"),
    (re.compile(r"(?<=[^aeiou][oe])v$"), "ff"),
    (re.compile(r"(?<=[^aeiou][oe])ff$"), "v"),
)
# The German press (Duden's transcription) against English (BGN/PCGN): Х ch for kh
# (Kherson/Cherson, Bakhmut/Bachmut), Ч tsch, Ш sch, Щ schtsch, Ж sch, Ц z, В w, Й and
# the iotated vowels j (Yeltsin/Jelzin, Tikhanovskaya/Tichanowskaja), З s before a vowel
# at the start (Zelensky/Selenskyj), a Ukrainian adjective's -yi as -yj.
_TO_GERMAN = (
    ("shch", "\x01"), ("kh", "\x02"), ("ch", "\x03"), ("zh", "sch"), ("sh", "sch"),
    ("ts", "z"), ("v", "w"), ("\x01", "schtsch"), ("\x02", "ch"), ("\x03", "tsch"),
)  # fmt: skip
_FROM_GERMAN = (
    ("schtsch", "\x01"), ("tsch", "\x03"), ("sch", "sh"), ("ch", "kh"), ("z", "ts"),
    ("w", "v"), ("\x01", "shch"), ("\x03", "ch"),
)  # fmt: skip
_GERMAN_Y = (
    (re.compile(r"^y(?=[aeiou])"), "j"),
    (re.compile(r"(?<=[aeiou])y(?=[aeiou])"), "j"),
    (re.compile(r"(?<=sk)(?:yi|iy|yy|y)$"), "yj"),
)
_FROM_GERMAN_Y = (
    (re.compile(r"^j(?=[aeiou])"), "y"),
    (re.compile(r"(?<=[aeiou])j(?=[aeiou])"), "y"),
    (re.compile(r"yj$"), "y"),
)
MAX_CYRILLIC_FORMS = 48


def _replace_all(word: str, steps: tuple[tuple[str, str], ...]) -> str:
    for old, new in steps:
        word = word.replace(old, new)
    return word


def _german(word: str, *, back: bool) -> str:
    """`word` (English) as the German press writes it, or back (`back`)."""
    if back:
        word = _apply(_replace_all(word, _FROM_GERMAN), _FROM_GERMAN_Y)
        return "z" + word[1:] if word[:1] == "s" and word[1:2] in "aeiouy" else word
    german = _apply(_replace_all(word, _TO_GERMAN), _GERMAN_Y)
    return "s" + german[1:] if german[:1] == "z" and german[1:2] in "aeiouy" else german


def _german_shaped(word: str) -> bool:
    """Written as the German press writes (sch, w, z, j), no English digraph (kh, zh, sh)."""
    english = "kh" in word or "zh" in word or "sh" in word.replace("sch", "")
    return not english and any(mark in word for mark in ("sch", "w", "z", "j", "ch"))


def _apply(word: str, rules: tuple[tuple[re.Pattern[str], str], ...]) -> str:
    for pattern, new in rules:
        word = pattern.sub(new, word)
    return word


def cyrillic_forms(word: str) -> tuple[str, ...]:
    """A Ukrainian, Russian or Belarusian name (`slavic`) as the other systems write it:
    the Ukrainian/Russian rewrites of `_UKRAINIAN`, one at a time and together (up to
    three), each also as the German press writes it and back (`luhansk` → lugansk,
    `kharkov` → kharkiv, `zaporizhzhia` → zaporozhye, `donetsk` → donezk, `gorbachev` →
    gorbatschow). At most `MAX_CYRILLIC_FORMS`; () for a name of another shape. The
    caller keeps the forms that are no other established name. A name the German press
    writes is read back to English first (`gorbatschow` → gorbachov → gorbachev)."""
    if not slavic(word):
        return ()
    seen = {word}
    if _german_shaped(word):  # (an English ch is Ч, a German one Х: both readings)
        seen.add(_german(word, back=True))
    frontier = list(seen)
    for _depth in range(3):
        nxt = []
        for form in frontier:
            for pattern, new in _UKRAINIAN:
                other = pattern.sub(new, form)
                if other not in seen:
                    seen.add(other)
                    nxt.append(other)
        frontier = nxt
    for form in list(seen):
        if not any(mark in form for mark in ("sch", "w", "j", "tz")):
            seen.add(_german(form, back=False))
    seen.discard(word)
    return tuple(sorted(seen, key=lambda f: (abs(len(f) - len(word)), f))[:MAX_CYRILLIC_FORMS])


def cyrillic_variants(word: str, zipf: Mapping[str, float], places: Container[str]) -> list[str]:
    """The spellings of `cyrillic_forms` a name's query accepts: none for a common
    English word (Zipf >= 4) that is no place; never such a word, never when both are
    established names (Zipf >= 3 or places: Halle/Galle, two cities), never an
    established name of another shape (Khad is no "Chad"). A name of another shape that
    the German press writes (`cherson`, `bachmut`) finds its English spelling when that
    is a place of Cyrillic shape (Kherson, Bakhmut)."""

    def established(form: str) -> bool:
        return zipf.get(form, 0.0) >= 3.0 or form in places

    def common(form: str) -> bool:
        return zipf.get(form, 0.0) >= 4.0 and form not in places

    if common(word):
        return []  # (a common English word is no Cyrillic name: Yellow, Year)
    own = established(word)
    forms = list(cyrillic_forms(word))
    if not forms and _german_shaped(word):
        english = _german(word, back=True)
        forms = [english] if english in places and slavic(english) else []
    # (an established spelling is of Cyrillic shape too: Khad is no "Chad")
    return [f for f in forms if not common(f) and not (established(f) and (own or not slavic(f)))]


class OtherSystem:
    """The guards a name's spellings in another romanisation system share (chinese.py,
    korean.py): the name is at least 5 letters and no common English word (Zipf >= 4)
    that is no place; a form is never such a word, and never a spelling English has
    (Zipf >= 2.5 or a place) when the name is one too (`diana` is no "Tiana")."""

    def __init__(self, word: str, zipf: Mapping[str, float], places: Container[str]) -> None:
        self._zipf, self._places = zipf, places
        self.applies = len(word) >= 5 and word.isalpha() and not self._common(word)
        self.own = self.established(word)

    def established(self, form: str) -> bool:
        return self._zipf.get(form, 0.0) >= 2.5 or form in self._places

    def _common(self, form: str) -> bool:
        return self._zipf.get(form, 0.0) >= 4.0 and form not in self._places

    def kept(self, form: str) -> bool:
        return not self._common(form) and not (self.own and self.established(form))
