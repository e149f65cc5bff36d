"""Names printed as one word or as two or three (Da Nang / Danang, Putra Jaya / Putrajaya,
Nay Pyi Taw / Naypyitaw): issue 9, class 2.

Vietnamese, Burmese, Korean, Chinese and Thai names are syllables that their countries
often write apart (Ha Noi, Hai Phong, Nay Pyi Taw) and the foreign press closed (Hanoi,
Haiphong, Naypyitaw), and the other way round (PyeongChang, Kuala Lumpur / Kualalumpur).
Both ways the words are capitalised and the pieces are not English words: a run of
English words in a Title-Case headline ("A New Man", "Good Man") is not the name those
letters make (Newman, Goodman). An English word is one English uses often (wordfreq
Zipf >= 4) that a dictionary writes in lower case (Princeton WordNet 3.1:
bot/data/names.txt holds the established words it does not, `name_words`): Sri, Ha and Da
are English words, Lanka, Haram and Kong names, Nang and Wei neither. The pieces are
short (syllables), one of them rare, and the one word no word or name English uses often
(`CLOSED_ZIPF`): an AND of two names is two names (Russia Nigeria, Su Dan: not Sudan).

- `closed_name`: capitalised query words in a row also stand for the one word they make
  (`Da Nang` finds "Danang"), found exactly and capitalised (bot/matching/plan.py);
- `open_forms`: a capitalised query word that English rarely uses also stands for its
  letters cut into two or three capitalised words (`Danang` finds "Da Nang"), found
  exactly (bot/matching/terms.py).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from bot.matching.misspelt import name_words
from bot.matching.normalise import fold

# A piece English uses this much (and writes in lower case) is a word: wordfreq's 3.0
# would count syllables that English borrows as words (Hua 3.2, Wei 3.5, Sai 3.3, Gon 3.3,
# Nay 3.4, Chi 4.0 is at it); the words of Title-Case runs are commoner (Sun 5.0, Man 5.8,
# Ward 4.4, Ice 5.0, Brook 3.7 is not).
ENGLISH_ZIPF = 4.0
# A name English prints this often is printed closed; its letters in pieces are others'
# names (Sudan 3.9: Su Dan; Florida 4.8: the rapper Flo Rida), and a word this frequent
# is a word (Wanting 4.5: Wan Ting; Devil: Cruella De Vil). Hanoi 3.4, Saigon 3.2 are under.
CLOSED_ZIPF = 3.5
MIN_HEAD = 2  # Da Nang, Ha Noi: the first piece may have two letters
MIN_PIECE = 3  # the others three (Ha Noi, Nay Pyi Taw; not Ma Ba Tha)
MAX_PIECES = 3  # Nay Pyi Taw, Pan Mun Jom
# The pieces are syllables (Pyeong, Chiang, Nguyen) or short words (Putra, Lumpur,
# Prabang): an AND of two longer names is two names (Stephen Cooke, Arizona Hilare).
MAX_PIECE = 7
VOWELS = frozenset("aeiouy")


def english(word: str, zipf: Mapping[str, float]) -> bool:
    """A word English uses that a dictionary writes in lower case (not Lanka, Haram)."""
    return zipf.get(word, 0.0) >= ENGLISH_ZIPF and word not in name_words()


def all_english(pieces: Sequence[str], zipf: Mapping[str, float]) -> bool:
    return all(english(p, zipf) for p in pieces)


def _piece(word: str, first: bool) -> bool:
    shortest = MIN_HEAD if first else MIN_PIECE
    return shortest <= len(word) <= MAX_PIECE and not VOWELS.isdisjoint(word)


def _pieces(pieces: Sequence[str], zipf: Mapping[str, float], known: bool = False) -> bool:
    """Not all English words (New Man), and one of them no word or name English uses
    often, but for a name the alias files list (Sri Lanka): an AND of two names is two
    names (Russia Nigeria, Laos Jamaica)."""
    if all_english(pieces, zipf):
        return False
    return known or any(zipf.get(p, 0.0) < CLOSED_ZIPF for p in pieces)


def closed_name(
    written: Sequence[str], zipf: Mapping[str, float], *, known: bool = False
) -> str | None:
    """The one folded word that 2-3 query words typed with a capital make, or None: each
    alphabetic, capitalised, not all in capitals (an acronym: AS Roma), pieces as
    `_pieces` wants them (Sun Day is no Sunday; `known`: a name of the alias files), and
    the word they make no word or name English uses often (`CLOSED_ZIPF`)."""
    if not 2 <= len(written) <= MAX_PIECES:
        return None
    pieces = []
    for i, word in enumerate(written):
        if not (word.isalpha() and word[:1].isupper()) or word.isupper():
            return None
        piece = fold(word)
        if not _piece(piece, i == 0):
            return None
        pieces.append(piece)
    closed = "".join(pieces)
    if not _pieces(pieces, zipf, known) or zipf.get(closed, 0.0) >= CLOSED_ZIPF:
        return None
    return closed


def open_forms(word: str, display: str, zipf: Mapping[str, float]) -> Iterator[tuple[str, ...]]:
    """A capitalised query word English rarely uses (`CLOSED_ZIPF`), cut into 2 or 3
    pieces of which not all are English words: `Danang` → (da, nang), (dan, ang); the
    article must write each piece with a capital (bot/matching/terms.py `multi_hits`)."""
    if not (display[:1].isupper() and display.isalpha()) or display.isupper():
        return
    if zipf.get(word, 0.0) >= CLOSED_ZIPF or len(word) < MIN_HEAD + MIN_PIECE:
        return
    size = len(word)
    for i in range(MIN_HEAD, size - MIN_PIECE + 1):
        head = word[:i]
        if not _piece(head, True):
            continue
        tail = word[i:]
        if _piece(tail, False) and _pieces((head, tail), zipf):
            yield head, tail
        for j in range(i + MIN_PIECE, size - MIN_PIECE + 1):
            middle, last = word[i:j], word[j:]
            pieces = (head, middle, last)
            if _piece(middle, False) and _piece(last, False) and _pieces(pieces, zipf):
                yield pieces
