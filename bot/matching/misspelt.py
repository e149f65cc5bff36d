"""A misspelt name on the query side (docs/matching.md, "A misspelt name no list knows").

`Speller.corrections` reads a capitalised query word as another word only by a typist's
slip (a swap, a doubling, an h) or as a well-known place, because a rarer real name is
often one other edit from a word (Babis/babies, Orban/organ). A word that no list knows
at all (no English word of the word list, no place, no name of the Census lists) is no
such real name as far as the matcher can tell: when exactly one established word is one
edit from it (a letter left out or added, a key mistyped, two neighbours swapped) and
keeps its first letter, it is read as that word (Netanyhu: Netanyahu, Erdogran: Erdogan,
Canadaq: Canada). Two established words one edit away (Babis: babies, basis) leave it
alone; a letter added at the end that makes an ending (s, n, i: Kenyan, Iraqi) is no
slip. Nor is it read as a given name that is no place (Boric is another name than
Boris: given names come in many spellings), and a four-letter word only as a well-known
place of five letters.
Source: wordfreq frequencies (bot/data/words.tsv), GeoNames places, the US Census 1990
name lists (bot/data/person_names.tsv).
"""

from __future__ import annotations

from bot.matching.persons import given_name, known_name
from bot.matching.slips import single_letters
from bot.matching.variants import ESTABLISHED_ZIPF, Speller, edits1

MIN_TYPED = 5  # a misspelt name this long; shorter ones only as a place (MIN_PLACE_TYPED)
MIN_PLACE_TYPED = 4
MAX_TYPED = 25  # the longest word of the lexicon and gazetteer
WELL_KNOWN_ZIPF = ESTABLISHED_ZIPF  # the name read is one English uses this much
ENDINGS = frozenset("sni")  # a letter added at the end that makes another word (Kenyan)


def misspelt_name(word: str, spell: Speller) -> str:
    """The one well-known word the capitalised query word `word` (folded) misspells, or
    "" (the rule in the module's docstring)."""
    if not MIN_PLACE_TYPED <= len(word) <= MAX_TYPED or not word.isalpha():
        return ""
    if word in spell.zipf or word in spell.places or known_name(word):
        return ""  # a word or a name of its own
    near = edits1(word)
    near.add(single_letters(word))
    found = [c for c in near & spell.targets if spell.established(c)]
    if len(found) != 1:
        return ""
    meant = found[0]
    if meant[0] != word[0] or spell.zipf.get(meant, 0.0) < WELL_KNOWN_ZIPF:
        return ""
    if len(word) == len(meant) + 1 and word.startswith(meant) and word[-1] in ENDINGS:
        return ""
    if meant not in spell.places and (len(word) < MIN_TYPED or given_name(meant)):
        return ""  # (Boric is no misspelt Boris: given names come in many spellings)
    return meant
