"""Query terms compiled to the word forms that satisfy them (`TermSpec`), the fuzzy rule
that decides whether one article word satisfies a term, and one term matched in a document."""

from __future__ import annotations

from collections.abc import Container, Iterator, Sequence
from dataclasses import dataclass

from rapidfuzz.distance import OSA

from bot.matching.agencies import qaf_spelling
from bot.matching.arabic_places import arabic_article, generic_forms
from bot.matching.arabic_word import article_word_forms
from bot.matching.chinese import chinese_variants
from bot.matching.chinese_names import full_name_forms
from bot.matching.closed import open_forms
from bot.matching.construct import add_construct_forms, two_names
from bot.matching.document import Document
from bot.matching.families import name_spellings
from bot.matching.forms import inflections, normalise_word, phonetic, skeleton, spelling
from bot.matching.hebrew import other_shape
from bot.matching.indic import by_consonants as indian_names_table
from bot.matching.lexicon import ESTABLISHED_ZIPF, KNOWN_ZIPF, Lexicon
from bot.matching.long_typo import misspelt_long
from bot.matching.misspelt import misspelt_name, name_words, plural_place
from bot.matching.normalise import split_words
from bot.matching.places import sizes as place_sizes
from bot.matching.places import two_places
from bot.matching.query import ClosedName, NameWord, Phrase, Term
from bot.matching.romanisation import connector_forms, particle_forms
from bot.matching.schwa import gendered_pair
from bot.matching.siblings import SIBLING, add_adjective_forms, add_sibling_forms
from bot.matching.slips import SLIP_EDITS, likelihood, single_letters, slip_key, typing_slip
from bot.matching.spellings import irregular_spellings
from bot.matching.spelt import SPELT, readable
from bot.matching.variants import (
    british_american,
    compound_splits,
    demonyms,
    digraph_spellings,
    first_letters_agree,
    speller,
    transliterations,
    variant,
)

EXACT, INFLECTION, TYPO, ALIAS, PHRASE = "exact", "inflection", "typo", "alias", "phrase"
DEMONYM = "demonym"  # Syrian for Syria
ACRONYM = "acronym"  # IAEA for International Atomic Energy Agency: written in capitals
# A typist's slip in an article word (typing_slip): only a word the article writes in
# lower case, never one it capitalises (a name: blood is no misspelt "Blodi").
SLIP = "slip"
# A place name with its generic word in another spelling (Tell Abyad for Tal Abyad): found
# only where the article capitalises the generic word and the name (not "tell Afar").
GENERIC = "generic"
# A name typed as one word, printed as two or three capitalised ones (Danang: Da Nang).
SPLIT = "split"
# Which explanation wins when one term is satisfied by several article words.
RANK = {
    EXACT: 0, PHRASE: 0, INFLECTION: 1, ALIAS: 2, ACRONYM: 2, SPLIT: 2, DEMONYM: 3,
    SIBLING: 3, TYPO: 4, GENERIC: 4, SLIP: 5,
}  # fmt: skip
MIN_INITIALS = 3  # a name of three capitalised words or more also stands for its initials

MIN_FUZZY_LENGTH = 5  # shorter words are matched exactly: Iran ≠ Iraq, Mali ≠ Bali
# Longer words are matched exactly too: a word's neighbourhood of two deletions grows as
# the cube of its length (a 199-letter word: 20,000 strings, 0.4 s and 7 MB of index).
# The longest word of the lexicon and gazetteer has 25 letters.
MAX_FUZZY_LENGTH = 40
MAX_EDITS = 1  # typos; transliteration alternations (skeleton) come on top of that
LONG_TYPO = 8  # a word this long may be misspelt twice in an article (goverment, recieved)
LONG_EDITS = 2
MAX_ACRONYM_LENGTH = 5  # "US", "WHO", "NATO" typed in capitals: the article must capitalise


@dataclass(frozen=True, slots=True)
class MatchedTerm:
    """One query term and the article words that satisfied it, and how."""

    query_term: str  # the term as the user wrote it ("Khmeimim", '"air base"')
    article_word: str  # the article's word(s) as written ("Hmeimim")
    how: str  # exact, inflection, typo, alias or phrase

    @property
    def label(self) -> str:
        """For the alert's "matched:" line: `Khmeimim ≈ Hmeimim`, `Kiev → Kyiv`, `Tartus`."""
        if self.how in (TYPO, SLIP, GENERIC):
            return f"{self.query_term} ≈ {self.article_word}"
        if self.how in (ALIAS, INFLECTION, SPLIT, SIBLING):  # Nepalese → Nepali
            return f"{self.article_word} → {self.query_term}"
        if self.how == ACRONYM:  # IAEA (International Atomic Energy Agency)
            return f"{self.article_word} ({self.query_term.strip(chr(34))})"
        if self.how == DEMONYM:  # Syrian (of Syria), Saudi (of Saudi Arabia)
            return f"{self.article_word} (of {self.query_term.strip(chr(34))})"
        return self.query_term


@dataclass(frozen=True, slots=True, eq=False)
class TermSpec:
    """One Term or Phrase of a query, compiled to the word forms that satisfy it.

    Compared by identity: an index keeps one TermSpec per distinct signature.
    """

    display: str  # as the user wrote it, for explanations
    signature: str
    word: str  # the folded word ("" for phrases and multi-word terms)
    single: dict[str, str]  # one-word form → how
    multi: tuple[tuple[tuple[str, ...], str], ...]  # multi-word forms → how
    fuzzy: int  # edits tolerated (0: none)
    skeleton: str
    upper: bool  # an acronym: never matches the same letters written all in lower case
    rarity: float  # English Zipf of the rarest form word (lower is rarer)
    # How a hit may be made only by an article word written with a capital: aliases always
    # (Türkiye, not the bird), typos of a capitalised query (Macron, not macaron), any hit
    # of an acronym ("US", not "us"); and SLIP, the other way round (never capitalised).
    capital: frozenset[str] = frozenset()
    # Edits (OSA) an accepted typo may be from `word` at most: `fuzzy`, or SLIP_EDITS for
    # a word typed in lower case (`typing_slip`). The index's deletion table goes as deep.
    reach: int = 0
    # `slip_key` of a lower-case word under LONG_TYPO letters ("" otherwise): the index
    # files the term under it for the vowel slips of `typing_slip` (leagel: legal).
    slip_key: str = ""


def signature(node: Term | Phrase) -> str:
    """Terms with equal signatures compile to equal specs."""
    if isinstance(node, Phrase):
        return 'p:"' + " ".join(node.words) + '"'
    if isinstance(node, ClosedName):
        return "c:" + node.word
    return ("n:" if isinstance(node, NameWord) else "t:") + node.word


def compile_term(node: Term | Phrase, lexicon: Lexicon) -> TermSpec:
    """The forms a Term or Phrase accepts (see docs/matching.md)."""
    if isinstance(node, ClosedName):  # Da Nang: Danang, as written and capitalised
        closed = "".join(normalise_word(w) for w in split_words(node.word))
        rarity = lexicon.zipf.get(closed, 0.0)
        return TermSpec(
            node.word, signature(node), "", {closed: ALIAS}, (), 0, "", False, rarity, _CAPITAL
        )
    if isinstance(node, Phrase):
        display = '"' + " ".join(node.words) + '"'
        found = (normalise_word(w) for text in node.words for w in split_words(text))
        pwords = tuple(w for w in found if w)
        psingle = {pwords[0]: PHRASE} if len(pwords) == 1 else {}
        pmulti = ((pwords, PHRASE),) if len(pwords) > 1 else ()
        rarity = _rarity(pwords, lexicon)
        # "International Atomic Energy Agency": also its other names (IAEA), capitalised.
        pforms: list[tuple[tuple[str, ...], str]] = list(pmulti)
        _alias_forms(pwords, lexicon, psingle, pforms)
        written = [w for text in node.words for w in split_words(text)]
        pforms += [(form, GENERIC) for form in generic_forms(pwords, written)]  # "Tal Abyad"
        if len(pwords) > 1:  # "Saudi Arabia": Saudi, Saudis (a quoted word: that word)
            _demonym_forms(pwords, psingle, pforms)
        add_sibling_forms(pwords, node.words[0], psingle, pforms)  # "Sri Lankan": Sinhalese
        _initials(node.words, psingle)
        return TermSpec(
            display, signature(node), "", psingle, tuple(pforms), 0, "", False, rarity, _CAPITAL
        )
    display = node.word
    words = tuple(w for w in (normalise_word(x) for x in split_words(display)) if w)
    single: dict[str, str] = {}
    multi_forms: list[tuple[tuple[str, ...], str]] = []
    verbs = display == display.lower()  # a capitalised word is a name: no -ed/-ing forms
    word = words[0] if len(words) == 1 else ""
    if word:
        single[word] = EXACT
        for form in own_inflections(word, verbs, lexicon):
            single.setdefault(form, INFLECTION)
    else:
        # "al-Assad": the words adjacent ("al Assad", "al-Assad") or written as one.
        multi_forms.append((words, EXACT))
        single["".join(words)] = EXACT
        for form in inflections(words[-1], verbs=False):
            multi_forms.append(((*words[:-1], form), INFLECTION))
    _alias_forms(words, lexicon, single, multi_forms, acronym=display.isupper())
    _variant_forms(word, words, display, lexicon, single, multi_forms)
    if not isinstance(node, NameWord):
        _demonym_forms(words, single, multi_forms)
        add_sibling_forms(words, display, single, multi_forms)  # Nepali: Nepalese
        if display.isupper() and word:  # US: American, UK: British (the acronym's country)
            for name in lexicon.aliases.get(display, ()):
                if not name.isupper():
                    _demonym_forms(tuple(name.split()), single, multi_forms)
    # "al-Qaeda": its name is as fuzzy as "Qaeda" typed alone (al-Qaida, Qaida).
    bare = "" if word else arabic_article(words, capital=_last_capital(display)) or ""
    if bare:
        word = bare
    fuzzy = MAX_EDITS if MIN_FUZZY_LENGTH <= len(word) <= MAX_FUZZY_LENGTH and word.isalpha() else 0
    if fuzzy and len(word) >= LONG_TYPO:
        fuzzy = LONG_EDITS
    # "US", "WHO", "AI": the acronym, not "us", "who" or "ai" in running text.
    upper = len(words) == 1 and display.isupper() and len(word) <= MAX_ACRONYM_LENGTH
    named = display[:1].isupper() or bool(
        (bare or particle_forms(words)) and split_words(display)[-1][:1].isupper()
    )
    capital = frozenset(RANK) if upper else _NAME_CAPITAL if named else _WORD_CAPITAL
    slips = bool(fuzzy) and TYPO not in capital
    reach = max(fuzzy, SLIP_EDITS) if slips else fuzzy
    return TermSpec(
        display=display,
        signature=signature(node),
        word=word,
        single=single,
        multi=tuple(multi_forms),
        fuzzy=fuzzy,
        skeleton=skeleton(word) if fuzzy else "",
        upper=upper,
        rarity=_rarity(words, lexicon),
        capital=capital,
        reach=reach,
        slip_key=slip_key(word) if slips and fuzzy < SLIP_EDITS else "",
    )


def _alias_forms(
    words: tuple[str, ...],
    lexicon: Lexicon,
    single: dict[str, str],
    multi: list[tuple[tuple[str, ...], str]],
    *,
    acronym: bool = False,
) -> None:
    """The other names of the place or organisation `words` name (bot/data/*aliases.tsv).

    An acronym of the list (in capitals there: IAEA) is looked up only for a query typed
    in capitals (`WHO`, not `who`) and found only written in capitals (ACRONYM)."""
    own = " ".join(words)
    found = lexicon.aliases.get(own.upper(), ()) if acronym else ()
    for name in found or lexicon.aliases.get(own, ()):
        alias = tuple(name.split())
        if name.isupper():
            single.setdefault(name.lower(), ACRONYM)
        elif len(alias) == 1:
            single.setdefault(alias[0], ALIAS)
            for form in inflections(alias[0], verbs=False):
                single.setdefault(form, ALIAS)
        else:
            multi.append((alias, ALIAS))
            # World Health Organisation, Israel Defence Forces: the other spelling too.
            other = tuple(min(british_american(w), default=w) for w in alias)
            if other != alias:
                multi.append((other, ALIAS))


def initials(written: Sequence[str]) -> str:
    """The initials of a name of three capitalised words or more, as typed (`Sierra Nevada
    Corporation`: snc, `Bureau of Ocean Energy Management`: boem), or "". Small words (of,
    the, and, for) are skipped, as acronyms skip them."""
    words = [w for text in written for w in split_words(text)]
    if any(not w[:1].isupper() and w not in _SMALL_WORDS for w in words):
        return ""  # not a name: every word but the small ones has a capital
    # A short acronym first gives all its letters (UN Relief and Works Agency: unrwa).
    first = words[0] if words and 2 <= len(words[0]) <= 3 and words[0].isupper() else ""
    rest = words[1:] if first else words
    letters = first + "".join(w[0] for w in rest if w not in _SMALL_WORDS)
    if len(letters) >= MIN_INITIALS and letters.isascii() and letters.isalpha():
        return letters.lower()
    return ""


def _initials(written: tuple[str, ...], single: dict[str, str]) -> None:
    """A name's initials written in capitals stand for it (SNC: Sierra Nevada Corporation)."""
    letters = initials(written)
    if letters:
        single.setdefault(letters, ACRONYM)


_SMALL_WORDS = frozenset({"of", "the", "and", "for", "on", "de", "in", "at", "to", "&", "al", "el"})


def alias_name_length(words: list[str], lexicon: Lexicon) -> int:
    """How many of `words` (query words in a row) from the first on make a name of several
    words with other names (`International Atomic Energy Agency`: 4) or with demonyms
    (`Saudi Arabia`: 2), or 0."""
    heads = _alias_heads(lexicon)
    # A word's hyphenated parts are words of the name (Jund al-Khilafah: 3 of the file's).
    parts = [[normalise_word(p) for p in split_words(w)] for w in words]
    longest = heads.get(parts[0][0], 0) if parts and parts[0] else 0
    if not longest:
        return 0
    countries = demonyms()
    for size in range(len(parts), 1, -1):
        folded = [p for word in parts[:size] for p in word]
        name = " ".join(folded)
        if len(folded) <= longest and (name in lexicon.aliases or name in countries):
            return size
    return 0


def names_country(words: list[str]) -> bool:
    """Whether query words name a country with demonyms (bot/data/demonyms.tsv)."""
    return " ".join(normalise_word(w) for w in words) in demonyms()


_HEADS: dict[int, dict[str, int]] = {}


def _alias_heads(lexicon: Lexicon) -> dict[str, int]:
    """First word of each several-word alias or country name → the most words such a name
    has."""
    heads = _HEADS.get(id(lexicon))
    if heads is None:
        heads = {}
        for name in [*lexicon.aliases, *demonyms()]:
            parts = name.split()
            if len(parts) > 1:
                heads[parts[0]] = max(heads.get(parts[0], 0), len(parts))
        _HEADS.clear()
        _HEADS[id(lexicon)] = heads
    return heads


_CAPITAL = frozenset({ALIAS, ACRONYM, DEMONYM, SIBLING, GENERIC})
_NAME_CAPITAL = frozenset({ALIAS, ACRONYM, DEMONYM, SIBLING, TYPO, GENERIC})
# A word typed in lower case: a typist's slip is checked against capitals too (the other
# way round: found only where the article never capitalises the word).
_WORD_CAPITAL = frozenset({ALIAS, ACRONYM, DEMONYM, SIBLING, SLIP, GENERIC})


def _last_capital(display: str) -> bool:
    """Whether the last word of a term is typed with a capital (al-Qaeda, not en-route)."""
    written = split_words(display)
    return bool(written) and written[-1][:1].isupper()


PLURAL_MARGIN = 1.5  # a singular 30x rarer than its plural is another word (specie)


def own_inflections(word: str, verbs: bool, lexicon: Lexicon) -> list[str]:
    """`inflections`, less those that are another word: a form far commoner than the word
    (wale: not Wales, 4.6 against 2.7), a singular far rarer than the plural typed
    (species: not specie, politics: not politic), and for a name (no `verbs`) that is a
    place, a plural that is another place of the gazetteer (Hama: not Hamas, Tour: not
    Tours; places are not counted in the plural)."""
    kept = []
    zipf, places = lexicon.zipf, lexicon.places
    own = zipf.get(word, 0.0)
    place = not verbs and word in places
    for form in inflections(word, verbs=verbs):
        other = zipf.get(form, 0.0)
        if len(form) > len(word):  # a plural (or -ed, -ing)
            if other > own + PLURAL_MARGIN or (place and form in places):
                continue
        elif other + PLURAL_MARGIN < own:  # a singular stripped
            continue
        kept.append(form)
    return kept


def _variant_forms(
    word: str,
    words: tuple[str, ...],
    display: str,
    lexicon: Lexicon,
    single: dict[str, str],
    multi: list[tuple[tuple[str, ...], str]],
) -> None:
    """Add the forms of bot/matching/variants.py's rules (docs/matching.md, "Variants")."""
    name = display[:1].isupper()
    if name:  # Abdulaziz: Abd al-Aziz; Salah ad-Din: Salahuddin (bot/matching/construct.py)
        add_construct_forms(words, single, multi, TYPO)
    if not word:
        for particle in particle_forms(words):  # bin Salman: also ben Salman, ibn Salman
            multi.append((particle, TYPO))
        if name:  # Mazar-i-Sharif: also Mazar-e-Sharif; Jamaat-ud-Dawa: also Jamaat-al-Dawa
            for joined in connector_forms(words):
                multi.append((joined, TYPO))
        multi.extend((inner, TYPO) for inner in _inner_spellings(words, display, lexicon))
        # Tal Abyad: also Tell Abyad; Deir ez-Zor: also Dayr al-Zor, Deir Zor
        multi.extend((form, GENERIC) for form in generic_forms(words, split_words(display)))
        bare = arabic_article(words, capital=_last_capital(display))  # al-Maliki: Maliki
        if bare is not None:
            single.setdefault(bare, ALIAS)
            for form in inflections(bare, verbs=False):
                single.setdefault(form, ALIAS)
            if split_words(display)[-1][:1].isupper():  # al-Qaeda: also Qaida, Qa'ida
                spell = speller(lexicon.zipf, lexicon.places)
                for other in transliterations(bare, spell, spelling, phonetic):
                    single.setdefault(other, TYPO)
                multi.extend((form, TYPO) for form in article_word_forms(words))  # al-Qods
        if 1 < len(words) <= 3 and split_words(display)[0][:1].isupper():  # Tse-tung: Zedong
            for chinese in chinese_variants("".join(words), lexicon.zipf, lexicon.places):
                if len(chinese) == 1:
                    single.setdefault(chinese[0], TYPO)
            multi.extend((f, TYPO) for f in full_name_forms(words, lexicon.zipf))  # Deng Xiaoping
        return
    verbs = not name
    # British and American spellings of the word and of its inflections (colours, colored).
    inflected = () if name else (f for f, how in single.items() if how == INFLECTION)
    for form in [word, *inflected]:  # (a name's plural: rarely spelled two ways)
        for other in british_american(form):
            single.setdefault(other, TYPO)
        # hemorrhage: haemorrhage (an English word), not hemorrhoage.
        if not name:
            for other in digraph_spellings(form):
                if lexicon.zipf.get(other, 0.0) >= KNOWN_ZIPF:
                    single.setdefault(other, TYPO)
    # A query word that is no word: the established words it is a misspelling of (an
    # acronym is no misspelling: NASAA is not NASA).
    spell = speller(lexicon.zipf, lexicon.places)
    # No established word (25 letters at most) is an edit or two from a far longer one: the
    # edits of a hostile 199-letter word cost 0.2 s on the event loop for nothing.
    near = len(word) <= MAX_FUZZY_LENGTH
    meanings = spell.corrections(word, name=name) if near and not display.isupper() else ()
    if name and near and not meanings and not display.isupper():  # Netanyhu: Netanyahu
        found = misspelt_name(word, spell) or plural_place(word, spell)
        meanings = tuple(filter(None, [found or misspelt_long(word, spell)]))
    for meant in meanings:
        single.setdefault(meant, TYPO)
        for form in inflections(meant, verbs=verbs):
            single.setdefault(form, TYPO)
    # A name romanised another way, when the other spelling is an established one too.
    if name and near:
        for spelt in name_spellings(word, spell, lexicon):
            if len(spelt) == 1:
                single.setdefault(spelt[0], TYPO)
            else:
                multi.append((spelt, TYPO))
        for other in [o for o, how in single.items() if how == TYPO and two_places(word, o)]:
            del single[other]  # two places of the gazetteer: Samara is no Samarra
    # A closed compound written open or hyphenated (wildfire: wild fire, wild-fire); not a
    # name of English words (Goodman: no "Good Man"), which is a name's alone.
    if not (name and word in name_words()):
        for head, tail in compound_splits(word, lexicon.zipf):
            multi.append(((head, tail), INFLECTION))
    # A name printed in capitalised pieces (Danang: Da Nang; bot/matching/closed.py).
    multi.extend((pieces, SPLIT) for pieces in open_forms(word, display, lexicon.zipf))


MAX_INNER_FORMS = 24  # other spellings of a name of several words, one word changed


def _inner_spellings(
    words: tuple[str, ...], display: str, lexicon: Lexicon
) -> list[tuple[str, ...]]:
    """A hyphenated name with one capitalised word of it in another spelling the variant
    rules give that word alone: `Jaish-e-Mohammed` → jaish e muhammad, jaish e mohamed …"""
    written = split_words(display)
    if len(written) != len(words):
        return []
    found: list[tuple[str, ...]] = []
    for i, (part, shown) in enumerate(zip(words, written, strict=True)):
        if not shown[:1].isupper() or len(part) < MIN_FUZZY_LENGTH or not part.isalpha():
            continue
        alone: dict[str, str] = {part: EXACT}
        _variant_forms(part, (part,), shown, lexicon, alone, [])
        found += [(*words[:i], o, *words[i + 1 :]) for o, how in alone.items() if how == TYPO]
        if len(found) >= MAX_INNER_FORMS:  # (the words after: never looked up)
            break
    return found[:MAX_INNER_FORMS]


def _demonym_forms(
    words: tuple[str, ...], single: dict[str, str], multi: list[tuple[tuple[str, ...], str]]
) -> None:
    """A country: its adjective and people (Syria: Syrian, Syrians; Saudi Arabia: Saudi,
    Saudis; South Korea: South Korean, South Koreans), bot/data/demonyms.tsv."""
    for adjective in demonyms().get(" ".join(words), ()):
        add_adjective_forms(adjective, DEMONYM, single, multi)


def prepare_tables(lexicon: Lexicon) -> None:
    """Build now what compiling a term would otherwise build on first use: the spelling
    tables of the variant rules (~1-2 s) and the demonyms. Start-up calls it (through
    `SubscriptionIndex.prepare`), so that no user's first /subscribe waits for them."""
    speller(lexicon.zipf, lexicon.places).prepare()
    demonyms()
    irregular_spellings()  # (british_american reads it for the first query word)
    place_sizes()  # (two_places reads it for the first article)
    indian_names_table()  # (indic_spellings reads it for the first capitalised word)


def _rarity(words: tuple[str, ...], lexicon: Lexicon) -> float:
    return min((lexicon.zipf.get(w, 0.0) for w in words), default=0.0)


def accepts(spec: TermSpec, token: str, lexicon: Lexicon, *, spelt: bool = True) -> str | None:
    """How one article word satisfies a term on its own, or None.

    The fuzzy part is the rule of docs/matching.md: an article word that is itself a real
    word or a place's name is never taken for a misspelling of a different query word
    (Tartus ≠ Tarsus, Paris ≠ parish); a transliteration variant (same spelling) may be a
    rare word or a place (Tartous = Tartus), but not a common word; a capitalised query
    (a name) also accepts words with its consonants and nearly its vowels (`variant`).

    `spelt=False`: the caller knows that `corrected` is False for this word whatever the
    term (the index's `Spelt.may_read` said no form of a lower-case term can be what the
    spell checker reads it as), so it is not worked out.
    """
    how = spec.single.get(token)
    if how is not None or not spec.fuzzy:
        return how
    word = spec.word
    if len(token) < 4 or abs(len(token) - len(word)) > 2 or not token.isalpha():
        return None
    if token in lexicon.common or two_names(word, token) or gendered_pair(word, token):
        return None  # Abdelaziz ≠ Abdelazim, Sushil ≠ Sushila
    # A word typed in lower case ending in y is no other word ending in i, which the
    # names' y/i makes equal (sunny/Sunni, chilly/chili); a plain typo may still be one.
    ending = TYPO not in spec.capital and {word[-1], token[-1]} == {"y", "i"}
    if skeleton(token) == spec.skeleton and not ending and not two_places(word, token):
        if spelling(token) == spelling(word):
            # Two established names that start differently are two names, however alike
            # the rest (Wigan/Vigan, Khanna/Hanna, Pharrell/Farrell, Walls/Valls).
            if token[0] == word[0] or not (
                _established(word, lexicon) and _established(token, lexicon)
            ):
                return TYPO
            return None
        if TYPO in spec.capital and (variant(word, token, lexicon) or qaf_spelling(word, token)):
            return TYPO
    # `known` holds the place names too: Tartus ≠ Tarsus.
    if token in lexicon.known:
        return None
    if word in (token + "s", token + "es"):  # plurals are the inflection rule's (specie)
        return None
    if abs(len(token) - len(word)) > spec.reach:
        return SLIP if spelt and corrected(spec, token, lexicon) else None
    if (
        abs(len(token) - len(word)) <= spec.fuzzy
        # Putin ≠ Rutin: only romanisation families (P/B and T/D in names only).
        and first_letters_agree(word, token, name=TYPO in spec.capital)
        and OSA.distance(word, token, score_cutoff=spec.fuzzy) <= spec.fuzzy
    ) or (TYPO in spec.capital and other_shape(word, token, lexicon.zipf, lexicon.places)):
        return TYPO
    # A word typed in lower case: also a typist's slips, when the article word is no
    # nearer to another established word (nottion: notion, not nation).
    if (
        TYPO not in spec.capital
        and typing_slip(word, token, spec.fuzzy)
        and not speller(lexicon.zipf, lexicon.places).nearer(token, word, spec.single)
    ):
        return SLIP
    return SLIP if spelt and corrected(spec, token, lexicon) else None


def corrected(spec: TermSpec, token: str, lexicon: Lexicon) -> bool:
    """True when the article word `token` (no known word) is what the spell checker of a
    misspelt query (`Speller.corrections`) corrects to the lower-case query word (or one
    of its inflections), and to it alone, with the same first letter: the query side's
    rule read the other way (excetute: execute, acadamys: academies; not expers, which is
    express or expert). Only where the article writes the word in lower case (SLIP)."""
    if TYPO in spec.capital or not spec.word:
        return False
    if OSA.distance(single_letters(token), single_letters(spec.word), score_cutoff=SPELT) > SPELT:
        return False  # (what the index looks at: a sound-alike further away is left out)
    # The spell check (~0.3 ms) only when one of the forms is near enough to be its answer.
    if not any(readable(token, form, lexicon.zipf, lexicon.places) for form in spelt_forms(spec)):
        return False
    word = meant(token, lexicon)
    if word[:1] != token[:1]:  # (pynamic is no misspelt dynamic)
        return False
    return spec.single.get(word) in (EXACT, INFLECTION)


def spelt_forms(spec: TermSpec) -> list[str]:
    """The forms a misspelt article word may be read as (`corrected`): a lower-case fuzzy
    term's word and inflections; none for another term."""
    if TYPO in spec.capital or not spec.fuzzy:
        return []
    return [form for form, how in spec.single.items() if how in (EXACT, INFLECTION)]


def meant(token: str, lexicon: Lexicon, wanted: Container[str] | None = None) -> str:
    """The one word an unknown lower-case article word is a misspelling of, or "": the
    first of its `Speller.corrections` when it is the only one or a likelier slip than
    each of the others (`likelihood`: nottion is notion, not nation), and no other
    established word is one edit from it (`Speller.nearer`: expers is express or expert).
    With `wanted`, also "" when that first correction is not in it, without the tests
    (the index asks only for its terms' forms)."""
    spell = speller(lexicon.zipf, lexicon.places)
    found = spell.corrections(token)
    if not found or (wanted is not None and found[0] not in wanted):
        return ""
    first = likelihood(token, found[0])
    if any(likelihood(token, other) <= first for other in found[1:]):
        return ""
    # Nor when another established word is a plain edit away (expers: expert).
    if spell.nearer(token, found[0], inflections(found[0], verbs=True)):
        return ""
    return found[0]


def _established(word: str, lexicon: Lexicon) -> bool:
    return lexicon.zipf.get(word, 0.0) >= ESTABLISHED_ZIPF or word in lexicon.places


def _better(a: tuple[int, int, MatchedTerm] | None, b: tuple[int, int, MatchedTerm]) -> bool:
    return a is None or b[:2] < a[:2]


def multi_hits(spec: TermSpec, doc: Document) -> Iterator[tuple[int, int, str, int]]:
    """(rank, start, how, length) of the first occurrence of each multi-word form."""
    vocab = doc.vocab
    for form, how in spec.multi:
        if not all(map(vocab.__contains__, form)):  # most forms: a word is missing
            continue
        if not doc.has_run(form):  # most of the others: the words are not in a row
            continue
        size = len(form)
        # Another name of several words ends in a capital: Party of God, not "party of god";
        # a name's spelling may start with one (Tse-tung).
        named = how in spec.capital
        for start in doc.starts(form[0]):
            if tuple(doc.tokens[start : start + size]) == form:
                ends = (start + size - 1, start) if how == TYPO else (start + size - 1,)
                if named and not any(doc.surface[end][:1].isupper() for end in ends):
                    continue
                if how == SPLIT and not _capitalised(doc.surface[start : start + size]):
                    continue  # Danang: "Da Nang", not "da nang"
                if how == GENERIC and not doc.surface[start][:1].isupper():
                    continue  # (both ends: the name's, above, and the generic word's)
                yield RANK[how], start, how, size
                break


def _capitalised(words: list[str]) -> bool:
    return all(w[:1].isupper() for w in words)


def _token_hit(
    spec: TermSpec, token: str, how: str, doc: Document
) -> tuple[int, int, MatchedTerm] | None:
    # An acronym (typed in capitals, or another name's initials) is found only written as
    # one (WHO, Nato), not as a word that starts a sentence (Who).
    if how == SLIP:  # (in `capital` too) only where the article never capitalises it
        if token in doc.capitalised:
            return None
    elif how in spec.capital:
        written = doc.acronyms if how == ACRONYM or spec.upper else doc.capitalised
        if token not in written:
            return None
    position = doc.position(token)
    return RANK[how], position, MatchedTerm(spec.display, doc.surface[position], how)


def match_term(spec: TermSpec, doc: Document, lexicon: Lexicon) -> MatchedTerm | None:
    """The best article word for one term, found by looking at the document (no index)."""
    best: tuple[int, int, MatchedTerm] | None = None
    for token, how in spec.single.items():
        if token in doc.vocab:
            hit = _token_hit(spec, token, how, doc)
            if hit and _better(best, hit):
                best = hit
    if spec.fuzzy:
        for token in doc.fuzzy:
            if token not in spec.single:
                fuzzy_how = accepts(spec, token, lexicon)
                if fuzzy_how:
                    hit = _token_hit(spec, token, fuzzy_how, doc)
                    if hit and _better(best, hit):
                        best = hit
    for rank, start, how, size in multi_hits(spec, doc):
        words = " ".join(doc.surface[start : start + size])
        hit = (rank, start, MatchedTerm(spec.display, words, how))
        if _better(best, hit):
            best = hit
    spelled = doc.initials_at(spec.word) if spec.upper and len(spec.word) >= 3 else None
    if spelled:  # SNC: "Sierra Nevada Corporation"
        start, size = spelled
        words = " ".join(doc.surface[start : start + size])
        hit = (RANK[ACRONYM], start, MatchedTerm(spec.display, words, ACRONYM))
        if _better(best, hit):
            best = hit
    return best[2] if best else None
