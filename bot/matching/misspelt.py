"""A misspelt name on the query side (docs/matching.md, "A misspelt name no list knows").

`Speller.corrections` reads a capitalised query word as another word only by a typist's
slip (a swap, a doubling, an h) or as a well-known place, because a rarer real name is
often one other edit from a word (Babis/babies, Orban/organ). A word that no list knows
at all (no English word of the word list, no place, no name of the Census lists) is no
such real name as far as the matcher can tell: when exactly one established word is one
edit from it (a letter left out or added, a key mistyped, two neighbours swapped), with
its first letter, and that word is a well-known name (Zipf >= 3, and a place, a Census
surname or a word no dictionary writes in lower case: bot/data/names.txt, or a named
entity that is mostly what the word means: bot/data/entity_names.txt, Kremlin, Pentagon),
the query word is read as that name (Netanyhu: Netanyahu, Erdogran: Erdogan, Canadaq:
Canada, Kremlim: Kremlin).
Not as a dictionary's word (Starmer is no "starter", Safadi no "safari"), nor as a given
name that is no place (Boric is not Boris: given names come in many spellings); two
established words one edit away leave it alone (Babis: babies, basis); a letter added at
the end that makes an ending (s, n, i: Kenyan, Iraqi) is no slip; a four-letter word is
read only as a well-known place of five letters.

A place whose name ends in s typed without it (Netherland, Athen, Naple) is that place
(`plural_place`), when the word typed is no established word, place or Census name
(Hasting is a surname, Lago a word): a rare word (Netherland, Zipf 2.5) is otherwise no
misspelling of one only 60 times commoner.

Source: wordfreq frequencies (bot/data/words.tsv), GeoNames places, the US Census 1990
name lists (bot/data/person_names.tsv), Princeton WordNet 3.1 (bot/data/names.txt and
entity_names.txt: scripts/name_words.py).
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from bot.matching.lexicon import ESTABLISHED_ZIPF
from bot.matching.persons import given_name, known_name, surname
from bot.matching.slips import single_letters
from bot.matching.variants import Speller

MIN_TYPED = 5  # a misspelt name this long; shorter ones only as a place (MIN_PLACE_TYPED)
MIN_PLACE_TYPED = 4
MAX_TYPED = 25  # the longest word of the lexicon and gazetteer
WELL_KNOWN_ZIPF = ESTABLISHED_ZIPF  # the name read is one English uses this much
ENDINGS = frozenset("sni")  # a letter added at the end that makes another word (Kenyan)


@lru_cache(maxsize=1)
def name_words() -> frozenset[str]:
    """bot/data/names.txt (scripts/name_words.py): established words no dictionary writes
    in lower case, read the first time a query word no list knows is compiled."""
    text = (resources.files("bot") / "data" / "names.txt").read_text("utf-8")
    return frozenset(line for line in text.splitlines() if not line.startswith("#"))


@lru_cache(maxsize=1)
def entity_names() -> frozenset[str]:
    """bot/data/entity_names.txt (scripts/name_words.py): WordNet's named entities that
    are also lower-case words, the entity first (Kremlin, Pentagon)."""
    text = (resources.files("bot") / "data" / "entity_names.txt").read_text("utf-8")
    return frozenset(line for line in text.splitlines() if not line.startswith("#"))


def listed_name(word: str, spell: Speller) -> bool:
    """A place, a word of names.txt or entity_names.txt, or a Census surname."""
    if word in spell.places or word in name_words() or word in entity_names():
        return True
    return surname(word)


def unknown_word_neighbours(word: str, spell: Speller, shortest: int) -> set[str]:
    """The listed words one edit from `word` (folded), doubled letters single too, when it
    has `shortest` to MAX_TYPED letters and is no word, place or name of its own; else
    none. The start of `misspelt_name` and of `long_typo.misspelt_long`."""
    if not shortest <= len(word) <= MAX_TYPED or not word.isalpha():
        return set()
    if word in spell.zipf or word in spell.places or known_name(word):
        return set()  # a word or a name of its own
    near = spell.one_edit.near(word)
    near.add(single_letters(word))
    return near & spell.targets


def misspelt_name(word: str, spell: Speller) -> str:
    """The one well-known word the capitalised query word `word` (folded) misspells, or
    "" (the rule in the module's docstring)."""
    near = unknown_word_neighbours(word, spell, MIN_PLACE_TYPED)
    found = [c for c in near if spell.established(c)]
    if len(found) != 1:
        return ""
    meant = found[0]
    if meant[0] != word[0] or spell.zipf.get(meant, 0.0) < WELL_KNOWN_ZIPF:
        return ""
    if not listed_name(meant, spell):
        return ""  # a dictionary's word (Starmer is no misspelt "starter")
    if len(word) == len(meant) + 1 and word.startswith(meant) and word[-1] in ENDINGS:
        return ""
    if meant not in spell.places and (len(word) < MIN_TYPED or given_name(meant)):
        return ""  # (Boric is no misspelt Boris: given names come in many spellings)
    return meant


def plural_place(word: str, spell: Speller) -> str:
    """The well-known place the capitalised query word `word` names without its final s
    (Netherland: Netherlands), or "" (the rule in the module's docstring)."""
    place = word + "s"
    if len(word) < MIN_PLACE_TYPED or place not in spell.places or word in spell.places:
        return ""
    if spell.zipf.get(place, 0.0) < WELL_KNOWN_ZIPF or spell.established(word):
        return ""
    return "" if known_name(word) else place
