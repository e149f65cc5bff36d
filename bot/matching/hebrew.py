"""Hebrew ḥet written Ch, H or Kh at the start of a word (docs/matching.md, "Romanisation
families": Hebrew ḥet).

The Academy of the Hebrew Language's rules of 2006 write ח h (Hanukka, Haim, Hevron),
ISO 259 and ALA-LC ḥ (h in the press), the SBL Handbook of Style's general-purpose style
h; the older Ashkenazi convention, still the usual one of Orthodox and Chabad writing,
ch (Chanukah, Chaim, Chabad); Russian and Ukrainian writing, through Cyrillic Х, kh
(Khaim). Inside a word the keys already read ch, kh and h alike (Mordechai/Mordekhai);
`spelling` makes kh an h everywhere. This module gives a capitalised query word its
other first letters, Ch for H or Kh and H and Kh for Ch (`hebrew_spellings`), and lets an
article word that starts the other way be the query word with its doubled letters
written single (`hebrew_onset`: Chanukah finds "Hanukkah" and Hanukkah "Chanukah").

English has both Ch and H words by the thousand (Chill/Hill, Chart/Hart, Chester/
Hester), so the rule holds only where no list says the two are words or names of their
own (`hebrew_apart`): never when either spelling is an established word (Zipf ≥ 3:
Chevron, the English word and company, is not Hevron, Hebron in Hebrew), when both are
names of the US Census 1990 lists (Chaney/Haney), when either is one Chinese syllable
(Chung/Hung, Chuang/Huang, Cheng/Heng: Wade-Giles ch is pinyin zh, q or j, never h), or
when less than three letters follow the first (Chen/Hen, Chad/Had).
"""

from __future__ import annotations

from collections.abc import Container, Mapping

from bot.matching.chinese import one_syllable, pinyin_word
from bot.matching.forms import spelling
from bot.matching.ks_x import ks_vowel
from bot.matching.lexicon import ESTABLISHED_ZIPF, KNOWN_ZIPF
from bot.matching.persons import known_name
from bot.matching.slips import single_letters
from bot.matching.variants import LONG_NAME, Speller, consonants, vowel_edit

MIN_REST = 3  # letters after the first sound (Haim, Chaya); Chen/Hen, Chad/Had are words
ONSETS = ("ch", "kh", "h")


def _rest(word: str) -> tuple[str, str]:
    """(the first sound, the rest) of a word starting with ch, kh or h; ("", word) else."""
    for onset in ONSETS:
        if word.startswith(onset):
            return onset, word[len(onset) :]
    return "", word


def hebrew_apart(word: str, other: str, zipf: Mapping[str, float], places: Container[str]) -> bool:
    """Whether two spellings that differ in a first Ch/H/Kh are two words or names."""
    if len(_rest(word)[1]) < MIN_REST or len(_rest(other)[1]) < MIN_REST:
        return True
    if max(zipf.get(word, 0.0), zipf.get(other, 0.0)) >= ESTABLISHED_ZIPF:
        return True
    # A misspelt established word (Hiltton: Hilton, not Chilton), or a Chinese place
    # (Handan, pinyin han-dan: not the Indian name Chandan).
    for one in (word, other):
        plain = single_letters(one)
        if plain != one and zipf.get(plain, 0.0) >= ESTABLISHED_ZIPF:
            return True
        if one in places and pinyin_word(one):
            return True
    if known_name(word) and known_name(other):  # Chaney/Haney, Chester/Hester
        return True
    # A name of the lists against a word English knows: Hiller/Chiller, Hatty/Chatty.
    if (known_name(word) and zipf.get(other, 0.0) >= KNOWN_ZIPF) or (
        known_name(other) and zipf.get(word, 0.0) >= KNOWN_ZIPF
    ):
        return True
    return one_syllable(word) or one_syllable(other)


def _swapped(word: str) -> tuple[str, ...]:
    """The word with its first ch written h and kh, its h or kh written ch (and h)."""
    onset, rest = _rest(word)
    if onset == "ch":
        return ("h" + rest, "kh" + rest)
    if onset == "kh":
        return ("ch" + rest,)
    if onset == "h":
        return ("ch" + rest, "kh" + rest)
    return ()


def hebrew_spellings(word: str, speller: Speller) -> tuple[str, ...]:
    """The other spellings of a name's first ḥet (`chabad` → habad, khabad; `haim` →
    chaim, khaim), and the established words that are one of them with doubled letters
    single (`chanukah` → hanukkah); () when the two are words of their own."""
    swapped = _swapped(word)
    if not swapped or not word.isascii() or not word.isalpha():
        return ()
    zipf, places = speller.zipf, speller.places
    found = [o for o in swapped if not hebrew_apart(word, o, zipf, places)]
    if not found:
        return ()
    keys = {spelling(o) for o in found}
    listed = [
        other
        for o in found[:1]
        for other in speller.by_consonants().get(consonants(o), ())
        if other not in found
        and spelling(other) in keys
        and not hebrew_apart(word, other, zipf, places)
    ]
    return (*found, *listed)


def hebrew_onset(word: str, token: str, zipf: Mapping[str, float], places: Container[str]) -> bool:
    """Whether the article word `token` is the name `word` with its first ḥet written the
    other way and doubled letters single (`hanukkah` / "Chanukah") or, in a name of 7+
    letters, one vowel written differently, added or left out (`chareidi` / "Haredi"),
    no word of its own."""
    onset, rest = _rest(word)
    other, other_rest = _rest(token)
    if not onset or not other or spelling(onset) == spelling(other):
        return False
    ours, theirs = spelling(rest), spelling(other_rest)
    alike = ours == theirs or (len(word) >= LONG_NAME and vowel_edit(ours, theirs))
    return alike and not hebrew_apart(word, token, zipf, places)


def other_shape(word: str, token: str, zipf: Mapping[str, float], places: Container[str]) -> bool:
    """The article side of the rules whose pairs the typo rule's one edit does not reach:
    x for ks with a vowel on top (`ks_x.ks_vowel`: Oleksandr/"Olexander") and a first ḥet
    written the other way (`hebrew_onset`: Hanukkah/"Chanukah"); `terms.accepts` asks it
    for a capitalised query word."""
    return ks_vowel(word, token, zipf, places) or hebrew_onset(word, token, zipf, places)
