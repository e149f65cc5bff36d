"""The Hindi final schwa (docs/matching.md, "Romanisation families": the final a).

Hindi does not speak the inherent a of a word's last consonant (Ohala 1983, "Aspects of
Hindi Phonology": schwa deletion), and the spellings based on Hindi (the Hunterian system
of Indian maps, the Indian press) leave it out where IAST, ISO 15919 and the English
spellings based on Sanskrit keep it: one name is printed Ganesh and Ganesha, Ashok and
Ashoka, Arjun and Arjuna, Ramayan and Ramayana. After two consonants the a is spoken and
written in both (Krishna, Indra, mantra), and a final a that is a long ā is a vowel of
its own (Kamal, Kamala: a man's name and a woman's).

`schwa_spellings` gives a capitalised query word its other spelling, with or without the
final a, when the pair has the shape (a name of 5+ letters before the a, ending in one
consonant after a vowel: an aspirate's h, as in Ganesh or Madhav, is part of it) and no
list says the two are different words: never a given name of the US Census 1990 male
and female lists (Albert/Alberta, Paul/Paula, Roman/Romana, Kamala) nor a man's name
whose form with an a is a woman's in Jörg Michael's nam_dict.txt (Sushil/Sushila,
Nirmal/Nirmala: bot/data/gendered_a.txt), never two established words (Indian/Indiana),
never a common English word (Asian/Asiana, Harsh) or an established word a dictionary
writes in lower case (Heroic/Heroica; bot/data/names.txt lists the others), never a
country's adjective (Cuban/Cubana), and never a place or established word less its a
when that is no word (Havana/Havan, Panama/Panam: a truncation, not Hindi).
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from bot.matching.lexicon import COMMON_ZIPF, ESTABLISHED_ZIPF, KNOWN_ZIPF
from bot.matching.misspelt import name_words
from bot.matching.persons import given_name
from bot.matching.variants import Speller, demonyms

MIN_STEM = 5  # letters before the final a (Arjun, Ashok); Shiv, Ram, Bhim are too short
VOWELS = frozenset("aeiou")
# Consonants a Hindi name ends in, and the aspirates' h (Ganesh, Madhav, Mahabharat).
CONSONANTS = frozenset("bcdfgjklmnprstvz")
ASPIRATES = frozenset({"sh", "th", "dh", "bh", "kh", "gh", "ch", "jh", "ph"})


def _one_consonant(stem: str) -> bool:
    """Whether `stem` ends in one consonant after a vowel (Ganesh, Arjun, Ramayan; not
    Albert, Siddharth, Chandragupt: after two the a is spoken in both)."""
    last = stem[-2:] if stem[-2:] in ASPIRATES else stem[-1:]
    before = stem[-len(last) - 1 : -len(last)]
    return (last in ASPIRATES or last in CONSONANTS) and before in VOWELS


@lru_cache(maxsize=1)
def gendered_a() -> frozenset[str]:
    """bot/data/gendered_a.txt (scripts/gendered_a.py): men's given names whose form with
    a final a is a woman's (kamal: Kamala, sushil: Sushila), read on first use."""
    text = (resources.files("bot") / "data" / "gendered_a.txt").read_text("utf-8")
    return frozenset(line for line in text.splitlines() if not line.startswith("#"))


@lru_cache(maxsize=1)
def _adjectives() -> frozenset[str]:
    """The countries' adjectives of bot/data/demonyms.tsv (cuban, korean, south korean)."""
    return frozenset(a for found in demonyms().values() for a in found)


def schwa_spellings(word: str, speller: Speller) -> tuple[str, ...]:
    """The other spelling of a name with or without the final schwa (`ganesh` → ganesha,
    `ashoka` → ashok), or () when the pair has not the shape or a list tells them apart."""
    if not word.isascii() or not word.isalpha():
        return ()
    stem, full = (word[:-1], word) if word.endswith("a") else (word, word + "a")
    if len(stem) < MIN_STEM or not _one_consonant(stem):
        return ()
    if given_name(stem) or given_name(full) or stem in gendered_a():  # Albert, Kamal
        return ()
    zipf, places = speller.zipf, speller.places
    stem_zipf, full_zipf = zipf.get(stem, 0.0), zipf.get(full, 0.0)
    if stem_zipf >= COMMON_ZIPF or stem in _adjectives():  # Asian, Cuban: English words
        return ()
    if any(zipf.get(w, 0.0) >= ESTABLISHED_ZIPF and w not in name_words() for w in (stem, full)):
        return ()  # a word a dictionary writes in lower case (heroic/Heroica), no name
    stem_set = stem_zipf >= ESTABLISHED_ZIPF or stem in places
    full_set = full_zipf >= ESTABLISHED_ZIPF or full in places
    if stem_set and full_set:  # two words of their own (Indian/Indiana, Samar/Samara)
        return ()
    if full_set and stem_zipf < KNOWN_ZIPF:  # Havana/Havan: the place cut short
        return ()
    return (full if word == stem else stem,)


def gendered_pair(word: str, token: str) -> bool:
    """Whether two folded words are a man's given name and the woman's name it makes with
    a final a (`gendered_a`: sushil/sushila, bernard/bernarda): two names, which the typo
    rule's one letter added would otherwise join."""
    if abs(len(word) - len(token)) != 1:
        return False
    stem, full = sorted((word, token), key=len)
    return full == stem + "a" and stem in gendered_a()
