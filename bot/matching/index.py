"""Fuzzy keyword matching of parsed queries against articles, one query or a whole index.

Pure: no I/O at match time. The word lists of bot/data/ (see docs/matching.md and
benchmarks/match_data.py) are read once, the first time a matcher needs them.
"""

from __future__ import annotations

import gc
import re
from array import array
from collections.abc import Callable, Collection, Iterable, Iterator, Sized
from contextlib import suppress
from dataclasses import dataclass
from functools import lru_cache, partial
from importlib import resources
from itertools import accumulate, chain, filterfalse, repeat
from operator import attrgetter
from typing import TypeVar

from rapidfuzz.distance import OSA

from bot.errors import QueryError
from bot.matching.normalise import clean_word, fold_word, split_words
from bot.matching.query import And, Node, Not, Phrase, Query, Term, parse_query
from bot.models import Article

EXACT, INFLECTION, TYPO, ALIAS, PHRASE = "exact", "inflection", "typo", "alias", "phrase"
# Which explanation wins when one term is satisfied by several article words.
_RANK = {EXACT: 0, PHRASE: 0, INFLECTION: 1, ALIAS: 2, TYPO: 3}

MIN_FUZZY_LENGTH = 5  # shorter words are matched exactly: Iran ≠ Iraq, Mali ≠ Bali
MAX_EDITS = 1  # typos; transliteration alternations (skeleton) come on top of that
COMMON_ZIPF = 4.0  # wordfreq Zipf from which a word is too common to be anyone's variant
KNOWN_ZIPF = 2.5  # an English word this frequent is a word of its own, never a typo
MAX_ACRONYM_LENGTH = 5  # "US", "WHO", "NATO" typed in capitals: the article must capitalise


# ---------------------------------------------------------------- results


@dataclass(frozen=True, slots=True)
class MatchedTerm:
    """One query term and the article words that satisfied it, and how."""

    query_term: str  # the term as the user wrote it ("Khmeimim", '"air base"')
    article_word: str  # the article's word(s) as written ("Hmeimim")
    how: str  # exact, inflection, typo, alias or phrase

    @property
    def label(self) -> str:
        """For the alert's "matched:" line: `Khmeimim ≈ Hmeimim`, `Kiev → Kyiv`, `Tartus`."""
        if self.how == TYPO:
            return f"{self.query_term} ≈ {self.article_word}"
        if self.how in (ALIAS, INFLECTION):
            return f"{self.article_word} → {self.query_term}"
        return self.query_term


# ---------------------------------------------------------------- word lists


@dataclass(frozen=True, slots=True)
class Lexicon:
    """What the matcher knows about words: which are real, which are places, which alias."""

    known: frozenset[str]  # real words (wordfreq) and place names: never a typo of another word
    common: frozenset[str]  # very frequent words: never a transliteration variant either
    places: frozenset[str]  # GeoNames place names (folded, single words and phrases)
    aliases: dict[str, tuple[str, ...]]  # folded name → other names of the same place
    zipf: dict[str, float]  # English frequency of known words, to pick rare anchor terms


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The word lists shipped in bot/data/, read once."""
    data = resources.files("bot") / "data"
    zipf: dict[str, float] = {}
    for line in (data / "words.tsv").read_text("utf-8").splitlines():
        word, _, value = line.partition("\t")
        zipf[word] = float(value)
    places = frozenset((data / "places.txt").read_text("utf-8").splitlines())
    aliases: dict[str, tuple[str, ...]] = {}
    for line in (data / "aliases.tsv").read_text("utf-8").splitlines():
        names = line.split("\t")
        for name in names:
            aliases[name] = tuple(n for n in names if n != name)
    # English words (Zipf >= 2.5) and places; other languages' words only block typos when
    # English uses them too: German "Teheran" (English 2.3) is still a variant of Tehran.
    english = frozenset(w for w, z in zipf.items() if z >= KNOWN_ZIPF)
    known = english | frozenset(p for p in places if " " not in p)
    common = frozenset(w for w, z in zipf.items() if z >= COMMON_ZIPF)
    return Lexicon(known=known, common=common, places=places, aliases=aliases, zipf=zipf)


# ---------------------------------------------------------------- words


@lru_cache(maxsize=262144)
def normalise_word(word: str) -> str:
    """An article or query word as the matcher compares it: folded, no possessive."""
    return clean_word(fold_word(word))


# Spelling alternations of transliteration (Arabic, Russian, Ukrainian names in English):
# Khmeimim/Hmeimim, Tartus/Tartous, Zelensky/Zelenskyy/Zelenskiy, Qaddafi/Kadhafi.
_SKELETON_STEPS = (
    ("kh", "h"),
    ("ck", "k"),
    ("q", "k"),
    ("ph", "f"),
    ("dh", "d"),
    ("ou", "u"),
    ("oo", "u"),
    ("ee", "i"),
    ("y", "i"),
    ("w", "v"),
)


@lru_cache(maxsize=262144)
def spelling(word: str) -> str:
    """A folded word with transliteration alternations undone and doubled letters single."""
    for old, new in _SKELETON_STEPS:
        if old in word:
            word = word.replace(old, new)
    return _DOUBLED.sub(r"\1", word)


# Further alternations of names romanised from Russian, Arabic or Persian
# (Tchaikovsky/Chaikovsky, Ahmadinejad/Ahmadinezhad), and the final -eh/-ah/-a of Arabic
# and Persian names (Haniyeh/Haniya, Hodeidah/Hudaydah).
_PHONETIC_STEPS = (("tch", "ch"), ("zh", "j"), ("dj", "j"))
_FINAL_H = re.compile(r"[ae]h$")
_INNER_VOWELS = re.compile(r"(?<=.)[aeiou]+(?=.)")


@lru_cache(maxsize=262144)
def phonetic(word: str) -> str:
    """`spelling` with the alternations above: variants differ from it in vowels only."""
    word = spelling(word)
    for old, new in _PHONETIC_STEPS:
        if old in word:
            word = word.replace(old, new)
    return _DOUBLED.sub(r"\1", _FINAL_H.sub("a", word))  # "haniyeh" → "hania"


@lru_cache(maxsize=262144)
def skeleton(word: str) -> str:
    """`phonetic` with each inner run of vowels a slot: the key romanisation variants share
    (Muhammad/Mohammed `m*h*m*d`, Hezbollah/Hizballah `h*zb*l*h`, Haniyeh/Haniya `h*n*a`)."""
    return _INNER_VOWELS.sub("*", phonetic(word))


_VOWELS = frozenset("aeiou")
_DOUBLED = re.compile(r"(.)\1+")


def inflections(word: str, *, verbs: bool) -> set[str]:
    """Regular English inflections of a folded word (plural, and with `verbs` -ed/-ing).

    A plural query word also gives its singular. Words of three letters or fewer get no
    inflections: "new"/"news", "aid"/"aids" are different words.
    """
    if len(word) <= 3 or not word.isalpha():
        return set()
    stems = {word}
    if verbs and len(word) >= 5 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        if word.endswith("ies"):
            stems.add(word[:-3] + "y")
        else:
            stems.add(word[:-1])
            if word.endswith("es"):  # boxes → box, churches → church (and a harmless "boxe")
                stems.add(word[:-2])
    forms: set[str] = set()
    for stem in stems:
        forms.add(stem + "s")
        if stem.endswith(("s", "x", "z", "ch", "sh")):
            forms.add(stem + "es")
        consonant_y = stem.endswith("y") and stem[-2] not in _VOWELS
        if consonant_y:
            forms.add(stem[:-1] + "ies")
        if not verbs:
            continue
        if stem.endswith("e"):
            forms.update((stem + "d", stem[:-1] + "ing"))
        elif consonant_y:
            forms.update((stem[:-1] + "ied", stem + "ing"))
        else:
            forms.update((stem + "ed", stem + "ing"))
            cvc = stem[-1] not in _VOWELS and stem[-2] in _VOWELS and stem[-3] not in _VOWELS
            if cvc and stem[-1] not in "wxy":
                forms.update((stem + stem[-1] + "ed", stem + stem[-1] + "ing"))
        forms.add(stem)
    forms.discard(word)
    return forms


# ---------------------------------------------------------------- documents


class _WordFolds(dict[str, str]):
    """Article word as written → matcher token, filled on demand and bounded."""

    def __missing__(self, word: str) -> str:
        if len(self) >= 400_000:  # news vocabulary is large but finite; start afresh
            self.clear()
        token = self[word] = normalise_word(word)
        return token


_FOLDS = _WordFolds()


_NOWHERE: list[int] = []  # positions of a word the document lacks (never changed)


def fuzzy_candidate(token: str, common: frozenset[str]) -> bool:
    """True when an article word may be matched as a typo or a variant of a query word."""
    return len(token) >= 4 and token.isalpha() and token not in common


class Document:
    """An article tokenised and folded once, ready to be matched by any number of queries.

    Not a frozen dataclass: positions and capitalisation are worked out lazily, only for
    the words a query asks about.
    """

    __slots__ = (
        "_capitalised",
        "_common",
        "_fuzzy",
        "_positions",
        "id",
        "surface",
        "title_end",
        "tokens",
        "vocab",
    )

    def __init__(self, article_id: str, fields: Iterable[str], lexicon: Lexicon) -> None:
        self.id = article_id
        tokens: list[str] = []
        surface: list[str] = []
        self.title_end = 0
        fold_known = _FOLDS.__getitem__
        for number, text in enumerate(fields):
            words = split_words(text)
            # One regex pass, then each distinct word folded once across articles (memo).
            found = list(map(fold_known, words))
            if "" in found:  # a word of accents only folds to nothing (rare)
                pairs = [(t, w) for t, w in zip(found, words, strict=True) if t]
                found, words = [t for t, _ in pairs], [w for _, w in pairs]
            tokens += found
            surface += words
            tokens.append("")  # fields are not adjacent: no phrase runs from title into text
            surface.append("")
            if number == 0:
                self.title_end = len(tokens)
        self.tokens = tokens
        self.surface = surface
        # Distinct words → first position, built in C (later items win, so go backwards).
        vocab = dict(zip(reversed(tokens), range(len(tokens) - 1, -1, -1), strict=True))
        vocab.pop("", None)
        self.vocab = vocab
        self._common = lexicon.common
        self._fuzzy: frozenset[str] | None = None
        self._positions: dict[str, list[int]] | None = None
        self._capitalised: frozenset[str] | None = None

    @property
    def fuzzy(self) -> frozenset[str]:
        """Words a fuzzy match may land on: long enough, letters only, not a common word
        (those are only reached exactly, through inflections or aliases)."""
        if self._fuzzy is None:
            common = self._common
            self._fuzzy = frozenset(t for t in self.vocab if fuzzy_candidate(t, common))
        return self._fuzzy

    @property
    def capitalised(self) -> frozenset[str]:
        """Words written with a capital letter at least once."""
        if self._capitalised is None:
            # In C: the distinct words not all in lower case, folded ("" may come along).
            capitals = filterfalse(str.islower, set(self.surface))
            self._capitalised = frozenset(map(_FOLDS.__getitem__, capitals))
        return self._capitalised

    def position(self, token: str) -> int:
        """The first position of a token of the document."""
        return self.vocab[token]

    def positions(self, token: str) -> list[int]:
        """Every position of a token, in order."""
        positions = self._positions
        if positions is None:
            positions = self._positions = {}
        found = positions.get(token)
        if found is None:
            # Only the few words phrases and multi-word names ask about, each found by
            # C scans of the word list from its first position on (list.index): a Python
            # pass over every word of the article, for all words at once, cost ~5x more.
            at = self.vocab.get(token)
            if at is None:
                return _NOWHERE
            found = positions[token] = [at]
            index = self.tokens.index
            with suppress(ValueError):  # raised past the last one
                while True:
                    at = index(token, at + 1)
                    found.append(at)
        return found


def prepare(article: Article, *, lexicon: Lexicon | None = None) -> Document:
    """Tokenise and fold an article's title, summary and text once."""
    fields = [article.title]
    # The summary is usually the text's first sentence: read it only when it says more.
    if article.summary and article.summary not in article.text:
        fields.append(article.summary)
    fields.append(article.text)
    return Document(article.id, fields, lexicon or load_lexicon())


# ---------------------------------------------------------------- terms


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
    # of an acronym ("US", not "us").
    capital: frozenset[str] = frozenset()


def signature(node: Term | Phrase) -> str:
    """Terms with equal signatures compile to equal specs."""
    if isinstance(node, Phrase):
        return 'p:"' + " ".join(node.words) + '"'
    return "t:" + node.word


def compile_term(node: Term | Phrase, lexicon: Lexicon) -> TermSpec:
    """The forms a Term or Phrase accepts (see docs/matching.md)."""
    if isinstance(node, Phrase):
        display = '"' + " ".join(node.words) + '"'
        found = (normalise_word(w) for text in node.words for w in split_words(text))
        pwords = tuple(w for w in found if w)
        psingle = {pwords[0]: PHRASE} if len(pwords) == 1 else {}
        pmulti = ((pwords, PHRASE),) if len(pwords) > 1 else ()
        rarity = _rarity(pwords, lexicon)
        return TermSpec(display, signature(node), "", psingle, pmulti, 0, "", False, rarity)
    display = node.word
    words = tuple(w for w in (normalise_word(x) for x in split_words(display)) if w)
    single: dict[str, str] = {}
    multi_forms: list[tuple[tuple[str, ...], str]] = []
    verbs = display == display.lower()  # a capitalised word is a name: no -ed/-ing forms
    word = words[0] if len(words) == 1 else ""
    if word:
        single[word] = EXACT
        for form in inflections(word, verbs=verbs):
            single.setdefault(form, INFLECTION)
    else:
        # "al-Assad": the words adjacent ("al Assad", "al-Assad") or written as one.
        multi_forms.append((words, EXACT))
        single["".join(words)] = EXACT
        for form in inflections(words[-1], verbs=False):
            multi_forms.append(((*words[:-1], form), INFLECTION))
    for name in lexicon.aliases.get(" ".join(words), ()):
        alias = tuple(name.split())
        if len(alias) == 1:
            single.setdefault(alias[0], ALIAS)
            for form in inflections(alias[0], verbs=False):
                single.setdefault(form, ALIAS)
        else:
            multi_forms.append((alias, ALIAS))
    fuzzy = MAX_EDITS if len(word) >= MIN_FUZZY_LENGTH and word.isalpha() else 0
    # "US", "WHO", "AI": the acronym, not "us", "who" or "ai" in running text.
    upper = len(words) == 1 and display.isupper() and len(word) <= MAX_ACRONYM_LENGTH
    capital = frozenset(_RANK) if upper else _NAME_CAPITAL if display[:1].isupper() else _CAPITAL
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
    )


_CAPITAL = frozenset({ALIAS})
_NAME_CAPITAL = frozenset({ALIAS, TYPO})


def _rarity(words: tuple[str, ...], lexicon: Lexicon) -> float:
    return min((lexicon.zipf.get(w, 0.0) for w in words), default=0.0)


def accepts(spec: TermSpec, token: str, lexicon: Lexicon) -> str | None:
    """How one article word satisfies a term on its own, or None.

    The fuzzy part is the rule of docs/matching.md: an article word that is itself a real
    word or a place's name is never taken for a misspelling of a different query word
    (Tartus ≠ Tarsus, Paris ≠ parish); a transliteration variant (same spelling) may be a
    rare word or a place (Tartous = Tartus), but not a common word; a capitalised query
    (a name) also accepts words with its consonants and nearly its vowels (`variant`).
    """
    how = spec.single.get(token)
    if how is not None or not spec.fuzzy:
        return how
    word = spec.word
    if len(token) < 4 or abs(len(token) - len(word)) > 2 or not token.isalpha():
        return None
    if token in lexicon.common:
        return None
    if skeleton(token) == spec.skeleton:
        if spelling(token) == spelling(word):
            return TYPO
        if TYPO in spec.capital and variant(word, token, lexicon):
            return TYPO
    # `known` holds the place names too: Tartus ≠ Tarsus.
    if token in lexicon.known or abs(len(token) - len(word)) > spec.fuzzy:
        return None
    if OSA.distance(word, token, score_cutoff=spec.fuzzy) <= spec.fuzzy:
        return TYPO
    return None


VARIANT_ZIPF = 3.0  # a real word this common is a word of its own (Sedan), not a variant
RARE_ZIPF = 2.5  # below this English hardly uses a word (Teheran 2.3, Michel 3.7)
LONG_NAME = 7  # from this length a name may differ in two vowels, even from a real word


def variant(word: str, token: str, lexicon: Lexicon) -> bool:
    """True when `token` is a romanisation variant of the name `word` (same skeleton).

    Variants differ in vowels: a name may have one vowel written differently, two from 7
    letters (Muhammad/Mohammed, Hezbollah/Hizballah), and the variant may then be a real
    word when the name is long or the word rare (Qaeda/Qaida, but not Sudan/Sedan,
    Putin/potion); or one vowel more or fewer when that is no real word (Tehran/Teheran,
    Misrata/Misurata, but not Michael/Michel, Boulder/builder). Never a place, never
    another ending (Niger/Nigeria, Congo/conga, Korea/Korean).
    """
    spelled, other = phonetic(word), phonetic(token)
    if spelled[-1] != other[-1]:
        return False
    long = len(word) >= LONG_NAME
    if len(spelled) != len(other):
        # A word English itself uses is another word (German "Teheran" is still a variant).
        rare = lexicon.zipf.get(token, 0.0) < RARE_ZIPF and token not in lexicon.places
        return rare and OSA.distance(spelled, other) <= 1
    changed = [(a, b) for a, b in zip(spelled, other, strict=True) if a != b]
    if len(changed) > (2 if long else 1) or token in lexicon.places:
        return False
    if not all(a in _VOWELS and b in _VOWELS for a, b in changed):
        return False
    return long or lexicon.zipf.get(token, 0.0) < VARIANT_ZIPF


def _better(a: tuple[int, int, MatchedTerm] | None, b: tuple[int, int, MatchedTerm]) -> bool:
    return a is None or b[:2] < a[:2]


def _multi_hits(spec: TermSpec, doc: Document) -> Iterator[tuple[int, int, str, int]]:
    """(rank, start, how, length) of the first occurrence of each multi-word form."""
    vocab = doc.vocab
    for form, how in spec.multi:
        if not all(map(vocab.__contains__, form)):  # most forms: a word is missing
            continue
        size = len(form)
        for start in doc.positions(form[0]):
            if tuple(doc.tokens[start : start + size]) == form:
                yield _RANK[how], start, how, size
                break


def _token_hit(
    spec: TermSpec, token: str, how: str, doc: Document
) -> tuple[int, int, MatchedTerm] | None:
    if how in spec.capital and token not in doc.capitalised:
        return None
    position = doc.position(token)
    return _RANK[how], position, MatchedTerm(spec.display, doc.surface[position], how)


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
    for rank, start, how, size in _multi_hits(spec, doc):
        words = " ".join(doc.surface[start : start + size])
        hit = (rank, start, MatchedTerm(spec.display, words, how))
        if _better(best, hit):
            best = hit
    return best[2] if best else None


# ---------------------------------------------------------------- compiled queries


@dataclass(frozen=True, slots=True)
class PTerm:
    spec: TermSpec


@dataclass(frozen=True, slots=True)
class PAnd:
    children: tuple[Plan, ...]


@dataclass(frozen=True, slots=True)
class POr:
    children: tuple[Plan, ...]


@dataclass(frozen=True, slots=True)
class PNot:
    child: Plan


Plan = PTerm | PAnd | POr | PNot  # a query tree whose leaves are compiled terms


def _plan(node: Node, intern: Callable[[Term | Phrase], TermSpec]) -> Plan:
    if isinstance(node, Term | Phrase):
        return PTerm(intern(node))
    if isinstance(node, Not):
        return PNot(_plan(node.child, intern))
    children = tuple(_plan(c, intern) for c in node.children)
    return PAnd(children) if isinstance(node, And) else POr(children)


def _evaluate(
    plan: Plan, lookup: Callable[[TermSpec], MatchedTerm | None]
) -> list[MatchedTerm] | None:
    """The matched terms that make the plan true, or None when it is false."""
    if isinstance(plan, PTerm):
        hit = lookup(plan.spec)
        return None if hit is None else [hit]
    if isinstance(plan, PNot):
        return [] if _evaluate(plan.child, lookup) is None else None
    found: list[MatchedTerm] = []
    if isinstance(plan, PAnd):
        for child in plan.children:
            result = _evaluate(child, lookup)
            if result is None:
                return None
            found.extend(result)
        return found
    satisfied = False
    for child in plan.children:  # OR: every satisfied side is part of the explanation
        result = _evaluate(child, lookup)
        if result is not None:
            satisfied = True
            found.extend(result)
    return found if satisfied else None


def _anchors(plan: Plan) -> tuple[TermSpec, ...] | None:
    """Terms of which an article must contain at least one for the plan to hold.

    For AND the child with the rarest terms is chosen (fewest candidates to verify).
    """
    if isinstance(plan, PTerm):
        return (plan.spec,)
    if isinstance(plan, PNot):
        return None
    options = [_anchors(c) for c in plan.children]
    if isinstance(plan, POr):
        if any(o is None for o in options):
            return None
        return tuple(s for o in options if o for s in o)
    usable = [o for o in options if o]
    if not usable:
        return None
    return min(usable, key=lambda o: (max(s.rarity for s in o), len(o)))


def _plan_specs(plan: Plan) -> Iterator[TermSpec]:
    if isinstance(plan, PTerm):
        yield plan.spec
    elif isinstance(plan, PNot):
        yield from _plan_specs(plan.child)
    else:
        for child in plan.children:
            yield from _plan_specs(child)


def _dedupe(terms: list[MatchedTerm]) -> tuple[MatchedTerm, ...]:
    return tuple(dict.fromkeys(terms))


@lru_cache(maxsize=4096)
def _compile_standalone(node: Term | Phrase) -> TermSpec:
    return compile_term(node, load_lexicon())


def match_query(query: Query, doc: Document) -> tuple[MatchedTerm, ...] | None:
    """The matched terms when the article satisfies the query, else None."""
    lexicon = load_lexicon()
    memo: dict[int, MatchedTerm | None] = {}

    def lookup(spec: TermSpec) -> MatchedTerm | None:
        if id(spec) not in memo:
            memo[id(spec)] = match_term(spec, doc, lexicon)
        return memo[id(spec)]

    result = _evaluate(_plan(query.root, _compile_standalone), lookup)
    return None if result is None else _dedupe(result)


# ---------------------------------------------------------------- the index


Clause = tuple["TermSpec", ...]  # at least one of these terms (one term: that term)


def _flatten(plan: Plan) -> tuple[tuple[Clause, ...], Clause] | None:
    """The plan as clauses that must all hold and terms that must not, in tree order;
    None for deeper trees (a NOT of a group, an OR of ANDs), which are walked instead."""

    def clause(node: Plan) -> Clause | None:
        if isinstance(node, PTerm):
            return (node.spec,)
        if isinstance(node, POr) and all(isinstance(c, PTerm) for c in node.children):
            return tuple(c.spec for c in node.children if isinstance(c, PTerm))
        return None

    top = clause(plan)
    if top is not None:
        return (top,), ()
    if not isinstance(plan, PAnd):
        return None
    clauses: list[Clause] = []
    excluded: list[TermSpec] = []
    for child in plan.children:
        if isinstance(child, PNot) and isinstance(child.child, PTerm):
            excluded.append(child.child.spec)
            continue
        found = clause(child)
        if found is None:
            return None
        clauses.append(found)
    return tuple(clauses), tuple(excluded)


class _Entry:
    """A distinct query in the index, compiled for evaluation, and the subscriptions
    that hold it."""

    __slots__ = (
        "anchors",
        "clauses",
        "exact_pair",
        "exclude_sets",
        "excluded",
        "fire_sets",
        "held",
        "ids",
        "links",
        "plan",
        "qkey",
        "repeats",
        "sides",
        "solo",
        "spread",
        "triggered",
    )

    def __init__(self, qkey: str, plan: Plan, anchors: tuple[TermSpec, ...]) -> None:
        self.qkey = qkey  # Query.normalised
        self.anchors = anchors
        # Most queries are flat (terms, OR groups of terms, excluded terms): evaluated by
        # a few lookups in the article's term hits, no tree walk.
        flat = _flatten(plan)
        self.plan: Plan | None = None if flat else plan
        self.clauses, self.excluded = flat or ((), ())
        listed = [s for c in self.clauses for s in c]
        self.repeats = len(set(listed)) < len(listed)  # a term twice: drop repeated hits
        # One clause (a term, or an OR of terms) and maybe exclusions: true exactly when
        # one of its terms is present and none of its exclusions, so the index decides it
        # for all such queries at once by set operations (no verification one by one).
        self.triggered = self.plan is None and len(self.clauses) == 1
        # One term alone: its keys share an array with every other one-term query on that
        # term (`Kyiv`, `kyiv`), copied out whole (a memcpy) when the term is present;
        # a set would touch every key's int object instead (measured: ~80 ns a key at 1M).
        self.solo = self.triggered and not self.excluded and len(set(anchors)) == 1
        # An OR of terms, or a term or OR with exclusions: its keys sit in each side's
        # `_Side` array (copied whole when the side hits); when several of its sides hit,
        # the extra copies are dropped by position, and all of them when an excluded term
        # hits too. Very long ORs (many pairs of sides) use the key dicts.
        sides = len(set(anchors))
        # With exclusions (`x -y`, `a OR b -y`) too, one side or more: their keys are
        # dropped by position, like the extra copies, only when an excluded term is present.
        self.spread = (
            self.triggered and not self.solo and (sides >= 2 or bool(self.excluded))
        ) and sides <= _MAX_SPREAD
        if self.spread:  # each side once: `a OR a OR b` has two
            self.anchors = tuple(dict.fromkeys(anchors))
        # Terms AND-ed (and maybe exclusions): the anchor and the rarest other term must
        # both be present, found by intersecting the anchor's partners with the article's
        # terms in C; with exactly two terms that decides it (`exact_pair`), with more
        # the other terms are verified.
        pair: TermSpec | None = None
        singles = [c[0] for c in self.clauses if len(c) == 1 and c != anchors]
        if self.plan is None and len(anchors) == 1 and anchors in self.clauses and singles:
            pair = min(singles, key=lambda spec: spec.rarity)
        # (term, term) links under which it is filed: every pair of a two-clause AND
        # (`a b`, `a (b OR c)`), each pair deciding it (`exact_pair`); for longer ANDs the
        # anchor and its rarest partner, candidates to verify.
        self.links: tuple[tuple[TermSpec, TermSpec], ...] = ()
        two = self.plan is None and len(self.clauses) == 2 and not self.repeats
        if two and len(self.clauses[0]) * len(self.clauses[1]) <= 9:
            self.links = tuple(
                (x, y) if x.rarity <= y.rarity else (y, x)  # the rarer one outside
                for x in self.clauses[0]
                for y in self.clauses[1]
            )
        elif pair is not None:
            self.links = ((anchors[0], pair),)
        self.exact_pair = two and bool(self.links)
        # Other triggered queries' subscription keys are in the index's per-term key sets
        # (`fires`, `excludes`): these are those sets, fetched once. The others keep their
        # keys in `ids`, 64-bit integers (removal O(1): the last key takes the slot); a
        # one-term query's `ids` is its term's shared array.
        self.fire_sets: tuple[dict[int, _Entry], ...] = ()
        self.sides: tuple[_Side, ...] = ()  # a spread query's sides' arrays (anchors' order)
        self.exclude_sets: tuple[set[int], ...] = ()
        self.ids = array("q")
        self.held = 0  # how many subscriptions hold it

    def specs(self) -> Iterator[TermSpec]:
        if self.plan is not None:
            return _plan_specs(self.plan)
        return iter([*(s for c in self.clauses for s in c), *self.excluded])

    def holds(self, present: Callable[[TermSpec], bool]) -> bool:
        """True when the article whose hit terms `present` tells satisfies the query."""
        if self.plan is not None:
            return _holds(self.plan, present)
        return all(any(map(present, clause)) for clause in self.clauses)

    def explain(self, term: Callable[[TermSpec], MatchedTerm | None]) -> tuple[MatchedTerm, ...]:
        """The matched terms of a query the article satisfies; for OR every side found."""
        if self.plan is not None:
            return _dedupe(_evaluate(self.plan, term) or [])
        found = [hit for clause in self.clauses for hit in map(term, clause) if hit is not None]
        return _dedupe(found) if self.repeats else tuple(found)


def _holds(plan: Plan, present: Callable[[TermSpec], bool]) -> bool:
    """`_evaluate` without the explanation: only whether the plan is true."""
    if isinstance(plan, PTerm):
        return present(plan.spec)
    if isinstance(plan, PNot):
        return not _holds(plan.child, present)
    if isinstance(plan, PAnd):
        return all(_holds(child, present) for child in plan.children)
    return any(_holds(child, present) for child in plan.children)


def _deletes(word: str, depth: int) -> set[str]:
    """Every string made by deleting up to `depth` letters (SymSpell's neighbourhood)."""
    out = {word}
    frontier = {word}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1 :] for w in frontier for i in range(len(w))}
        out |= frontier
    return out


_MAX_SPREAD = 12  # sides of an OR filed in side arrays (its pairs of sides are filed too)
# Side arrays pay a fixed cost per present side and per query with two sides present; key
# dicts a cost per key, which grows with the index (cache misses). Measured on
# benchmarks/match_bench.py: the arrays are 30% faster at 1M subscriptions, 5-10% slower
# at 100k; so an index spreads its ORs only from this many subscriptions.
SPREAD_FROM = 300_000


class _Side:
    """The keys of every spread OR query with one term among its sides, each key's query
    alongside (same order): copied whole when the term is present. A key's slot is kept
    for O(1) removal (the last key takes its place)."""

    __slots__ = ("ids", "owners", "slot")

    def __init__(self) -> None:
        self.ids = array("q")
        self.owners: list[_Entry] = []
        self.slot: dict[int, int] = {}

    def __len__(self) -> int:
        return len(self.ids)

    def add(self, key: int, entry: _Entry) -> None:
        self.slot[key] = len(self.ids)
        self.ids.append(key)
        self.owners.append(entry)

    def remove(self, key: int) -> None:
        at = self.slot.pop(key)
        last, owner = self.ids.pop(), self.owners.pop()
        if at < len(self.ids):
            self.ids[at], self.owners[at] = last, owner
            self.slot[last] = at


class _Solo:
    """The subscriptions of every one-term query on one term (`Kyiv` and `kyiv` alike):
    all matched, and explained the same way, when the term is."""

    __slots__ = ("ids", "spec")

    def __init__(self, spec: TermSpec) -> None:
        self.spec = spec
        self.ids = array("q")

    @property
    def qkey(self) -> str:
        return self.spec.display

    def explain(self, term: Callable[[TermSpec], MatchedTerm | None]) -> tuple[MatchedTerm, ...]:
        found = term(self.spec)
        return () if found is None else (found,)


Holder = _Entry | _Solo  # what keeps keys in an array, and explains them

Group = tuple[tuple[MatchedTerm, ...], Collection[int]]
_K = TypeVar("_K", set[int], dict[int, "_Entry"], "_Side")  # (matched terms, subscription keys)
Best = tuple[int, int, str, int]  # (rank, position, how, length) of a term's best article word
_IDS = attrgetter("ids")
_OWNERS = attrgetter("owners")


class Match(tuple[int, "Holder", "Found"]):
    """A subscription (by Subscription.id) that an article satisfies; `terms`, the
    evidence, is worked out when first asked for (most matches never turn into alerts).

    A tuple (key, query, result) so that the index makes thousands an article in C.
    """

    __slots__ = ()

    @property
    def key(self) -> int:
        return self[0]

    @property
    def terms(self) -> tuple[MatchedTerm, ...]:
        return self[2].terms_of(self[1])

    def __repr__(self) -> str:
        return f"Match(key={self[0]!r}, query={self[1].qkey!r})"


_new_match = partial(tuple.__new__, Match)


class Found:
    """What an article matched in an index: every subscription key (`keys`), the
    explanation of any of them on demand (`explain`), or both at once (`matches`,
    `groups`). A snapshot: later adds and removes do not change it."""

    __slots__ = (
        "_best",
        "_counts",
        "_explained",
        "_holders",
        "_index",
        "_owned",
        "_split",
        "_spread",
        "_terms",
        "_triggered",
        "doc",
        "keys",
    )

    def __init__(
        self,
        doc: Document,
        best: dict[TermSpec, Best],
        pools: list[_Solo],
        spread: tuple[array[int], list[_Entry]],
        triggered: dict[int, _Entry],
        entries: set[_Entry],
        index: SubscriptionIndex,
    ) -> None:
        self.doc = doc
        self._best = best
        self._index = index
        self._terms: dict[TermSpec, MatchedTerm | None] = {}
        self._explained: dict[Holder, tuple[MatchedTerm, ...]] = {}
        # All keys in one array, copied now (the index's arrays change later): the
        # one-term pools' and the verified queries' (memcpy each, their holder known),
        # then the triggered union's (a fresh key → query dict: kept, not copied).
        holders: list[Holder] = [*pools, *entries]
        self._holders = holders
        self._counts = list(map(len, map(_IDS, holders)))
        keys = self.keys = array("q")
        for ids in map(_IDS, holders):
            keys.extend(ids)
        self._spread = spread[1]  # the spread ORs' keys' queries, in their keys' order
        keys.extend(spread[0])
        self._split = len(keys)
        keys.extend(array("q", triggered))
        self._triggered = triggered
        self._owned: dict[int, Holder] | None = None  # key → holder, worked out when needed

    def __len__(self) -> int:
        return len(self.keys)

    def term(self, spec: TermSpec) -> MatchedTerm | None:
        """The article word(s) that satisfy a term, or None."""
        try:
            return self._terms[spec]
        except KeyError:
            pass
        found = self._best.get(spec)
        hit = None
        if found is not None:
            _, at, how, n = found
            surface = self.doc.surface
            words = surface[at] if n == 1 else " ".join(surface[at : at + n])
            hit = MatchedTerm(spec.display, words, how)
        self._terms[spec] = hit
        return hit

    def terms_of(self, entry: Holder) -> tuple[MatchedTerm, ...]:
        explained = self._explained.get(entry)
        if explained is None:
            explained = self._explained[entry] = entry.explain(self.term)
        return explained

    def explain(self, key: int) -> tuple[MatchedTerm, ...]:
        """The matched terms of one matched subscription; KeyError for a key not matched."""
        return self.terms_of(self._owner(key))

    def _owner(self, key: int) -> Holder:
        """The query a matched key held when the article was matched."""
        triggered = self._triggered.get(key)
        if triggered is not None:
            return triggered
        if self._owned is None:
            self._owned = dict(zip(self.keys, self._held(), strict=False))
        return self._owned[key]

    def _held(self) -> Iterator[Holder]:
        """The holder of each key of the arrays copied whole, in order."""
        return chain(chain.from_iterable(map(repeat, self._holders, self._counts)), self._spread)

    def _owners(self) -> Iterator[Holder]:
        """The query of each of `keys`, in the same order."""
        return chain(self._held(), self._triggered.values())

    def matches(self) -> list[Match]:
        """One Match per key (built in C; the terms worked out when asked for)."""
        # Tens of thousands of tuples, none garbage: the cyclic collector would run
        # dozens of times over them (measured: two thirds of the time at 1M), so it
        # waits until the list is built.
        enabled = gc.isenabled()
        gc.disable()
        try:
            return list(map(_new_match, zip(self.keys, self._owners(), repeat(self), strict=False)))
        finally:
            if enabled:
                gc.enable()

    def groups(self) -> list[Group]:
        """(matched terms, keys) for every distinct query matched, terms worked out."""
        by_entry: dict[Holder, list[int]] = {}
        for key, entry in zip(self.keys, self._owners(), strict=True):
            keys = by_entry.get(entry)
            if keys is None:
                by_entry[entry] = [key]
            else:
                keys.append(key)
        return [(self.terms_of(entry), keys) for entry, keys in by_entry.items()]


class SubscriptionIndex:
    """All active subscriptions, matched against an article at once.

    A presearcher in the manner of Lucene Monitor: an article's words look up the terms
    they satisfy (exact forms in a dict, transliterations by skeleton, typos through a
    SymSpell deletion index). Queries that are one term or an OR of terms, with or without
    exclusions (most of them), are "triggered": each term has the set of subscription
    keys it fires and the set it excludes, and an article's matches are the union of
    the first minus the second, in C, with no step per query or per key in Python. The
    others (ANDs, nested groups) are distinct queries filed under their rarest clause and
    verified one by one. Explanations are worked out only when asked for. Adding and
    removing is incremental. One subscription key holds one query.
    """

    def __init__(self, *, lexicon: Lexicon | None = None, spread_from: int = SPREAD_FROM) -> None:
        self._lexicon = lexicon or load_lexicon()
        # Size from which new OR queries are spread over side arrays (see `_Entry.spread`).
        self._spread_from = spread_from
        self._expected = 0  # the size a bulk build under way will reach
        self._specs: dict[str, TermSpec] = {}  # signature → spec
        self._spec_users: dict[TermSpec, int] = {}  # how many distinct queries use it
        self._exact: dict[str, list[TermSpec]] = {}  # one-word form → specs
        # Multi-word forms by their rarest word, then their next rarest: an article word
        # looks only at the forms whose second word the article has too.
        self._multi: dict[str, dict[str, list[TermSpec]]] = {}
        self._skeletons: dict[str, list[TermSpec]] = {}
        self._deletes: dict[str, list[TermSpec]] = {}
        self._queries: dict[str, _Entry] = {}  # query key → entry
        # Triggered queries' subscription keys by the terms that fire them, and by the
        # terms that exclude them.
        self._fires: dict[TermSpec, dict[int, _Entry]] = {}  # key → its query
        self._solo: dict[TermSpec, _Solo] = {}  # one-term queries' keys, by term
        self._sides: dict[TermSpec, _Side] = {}  # spread OR queries' keys, by side
        # Spread ORs by each pair of their sides (earlier side, then later): the ones
        # with two sides present in an article.
        self._side_pairs: dict[TermSpec, dict[TermSpec, dict[_Entry, None]]] = {}
        self._key_excludes: dict[TermSpec, set[int]] = {}
        # Spread queries with exclusions, by each excluded term, then each side: dropped
        # when both are present (only the queries whose keys were copied are looked at).
        self._side_excludes: dict[TermSpec, dict[TermSpec, dict[_Entry, None]]] = {}
        # Other flat queries with exclusions, by the excluded terms.
        self._excludes: dict[TermSpec, dict[_Entry, None]] = {}
        # ANDs by their anchor, then by their rarest other term: two-term ones (decided by
        # the pair) and longer ones (candidates, verified).
        self._pairs: dict[TermSpec, dict[TermSpec, dict[_Entry, None]]] = {}
        self._loose_pairs: dict[TermSpec, dict[TermSpec, dict[_Entry, None]]] = {}
        self._by_anchor: dict[TermSpec, dict[_Entry, None]] = {}  # the others, by anchor
        self._sub: dict[int, _Entry] = {}  # subscription key → its query
        self._slot: dict[int, int] = {}  # key of a verified query → its place in its ids
        # word → (term, rank, how) for every term the word satisfies on its own.
        self._token_cache: dict[str, tuple[tuple[TermSpec, int, str], ...]] = {}
        # Words known to satisfy no term and to start no multi-word form: most of an
        # article's words, skipped in C before the per-word loop. Valid until the terms
        # change (cleared with the cache above).
        self._dead: set[str] = set()

    def __len__(self) -> int:
        return len(self._sub)

    def __contains__(self, key: object) -> bool:
        return key in self._sub

    def add(self, key: int, query: Query) -> None:
        """Index a subscription; a key already present is replaced."""
        if key in self._sub:
            self.remove(key)
        entry = self._queries.get(query.normalised) or self._new_entry(query)
        self._hold(key, entry)

    def _hold(self, key: int, entry: _Entry) -> None:
        if entry.spread:
            for side in entry.sides:
                side.add(key, entry)
        if entry.triggered and not entry.solo and not entry.spread:
            for keys in entry.fire_sets:
                keys[key] = entry
            for excluded in entry.exclude_sets:
                excluded.add(key)
        else:
            ids = entry.ids
            self._slot[key] = len(ids)
            ids.append(key)
        entry.held += 1
        self._sub[key] = entry

    def add_stored(
        self, stored: Iterable[tuple[int, str]], *, max_length: int = 10_000
    ) -> list[tuple[int, str, QueryError]]:
        """Index stored subscriptions (key, query text) in bulk, as at start-up.

        Each distinct text is parsed once. Returns the ones whose text no longer parses
        (left out), with the reason.
        """
        # The build makes millions of objects and frees none: the cyclic collector would
        # walk them again and again for nothing. Afterwards they are moved out of its
        # way for good (gc.freeze): the index lives as long as the bot.
        enabled = gc.isenabled()
        gc.disable()
        # The size decides how OR queries are held (SPREAD_FROM): known before the first.
        stored = stored if isinstance(stored, Sized) else list(stored)
        self._expected = len(self._sub) + len(stored)
        try:
            return self._add_stored(stored, max_length)
        finally:
            self._expected = 0
            gc.freeze()
            if enabled:
                gc.enable()

    def _add_stored(
        self, stored: Iterable[tuple[int, str]], max_length: int
    ) -> list[tuple[int, str, QueryError]]:
        by_text: dict[str, _Entry] = {}
        refused: list[tuple[int, str, QueryError]] = []
        queries, subs, hold = self._queries, self._sub, self._hold
        for key, text in stored:
            entry = by_text.get(text)
            if entry is None:
                try:
                    query = parse_query(text, max_length=max_length)
                except QueryError as error:
                    refused.append((key, text, error))
                    continue
                entry = by_text[text] = queries.get(query.normalised) or self._new_entry(query)
            if key in subs:
                self.remove(key)
                if queries.get(entry.qkey) is not entry:  # its last key was just removed
                    query = parse_query(text, max_length=max_length)
                    entry = by_text[text] = self._new_entry(query)
            hold(key, entry)
        return refused

    def _new_entry(self, query: Query) -> _Entry:
        plan = _plan(query.root, self._intern)
        anchors = _anchors(plan)
        if anchors is None:  # the parser refuses such queries; be safe anyway
            raise ValueError(f"query has nothing to look for: {query.normalised}")
        entry = _Entry(query.normalised, plan, anchors)
        if entry.spread and max(len(self._sub), self._expected) < self._spread_from:
            entry.spread = False  # a small index: in the key dicts (see SPREAD_FROM)
        self._queries[entry.qkey] = entry
        if entry.solo:
            solo = self._solo.get(anchors[0]) or self._solo.setdefault(
                anchors[0], _Solo(anchors[0])
            )
            entry.ids = solo.ids
        elif entry.spread:
            entry.sides = tuple(self._sides.setdefault(s, _Side()) for s in entry.anchors)
            for x, y in _side_links(entry.anchors):
                self._side_pairs.setdefault(x, {}).setdefault(y, {})[entry] = None
            for spec in dict.fromkeys(entry.excluded):
                by_side = self._side_excludes.setdefault(spec, {})
                for anchor in entry.anchors:
                    by_side.setdefault(anchor, {})[entry] = None
        elif entry.triggered:
            fires, excludes = self._fires, self._key_excludes
            entry.fire_sets = tuple(fires.setdefault(s, {}) for s in dict.fromkeys(anchors))
            unique = dict.fromkeys(entry.excluded)
            entry.exclude_sets = tuple(excludes.setdefault(s, set()) for s in unique)
        for table, specs in self._tables(entry):
            for spec in specs:
                table.setdefault(spec, {})[entry] = None
        pairs = self._pairs if entry.exact_pair else self._loose_pairs
        for anchor, partner in entry.links:
            pairs.setdefault(anchor, {}).setdefault(partner, {})[entry] = None
        return entry

    def _tables(
        self, entry: _Entry
    ) -> list[tuple[dict[TermSpec, dict[_Entry, None]], Iterable[TermSpec]]]:
        """Where a verified query is filed: (table, the terms it is filed under); two-term
        ANDs are filed in `_pairs` too. Triggered queries file their keys instead."""
        filed: list[tuple[dict[TermSpec, dict[_Entry, None]], Iterable[TermSpec]]] = []
        if entry.triggered:
            return filed
        if entry.plan is None:
            filed.append((self._excludes, entry.excluded))
        if not entry.links:
            filed.append((self._by_anchor, entry.anchors))
        return filed

    def remove(self, key: int) -> None:
        """Forget a subscription; unknown keys are ignored."""
        entry = self._sub.pop(key, None)
        if entry is None:
            return
        if entry.spread:
            for side in entry.sides:
                side.remove(key)
        if entry.triggered and not entry.solo and not entry.spread:
            for keys in entry.fire_sets:
                del keys[key]
            for excluded in entry.exclude_sets:
                excluded.discard(key)
        else:
            ids, slot = entry.ids, self._slot.pop(key)
            last = ids.pop()
            if slot < len(ids):  # the last key fills the gap
                ids[slot] = last
                self._slot[last] = slot
        entry.held -= 1
        if entry.held:
            return
        del self._queries[entry.qkey]
        solo = self._solo.get(entry.anchors[0]) if entry.solo else None
        if solo is not None and not solo.ids and solo.ids is entry.ids:
            del self._solo[entry.anchors[0]]
        if entry.spread:
            _drop_empty(self._sides, entry.anchors)
            for x, y in _side_links(entry.anchors):
                partners = self._side_pairs[x]
                users = partners[y]
                del users[entry]
                if not users:
                    del partners[y]
                    if not partners:
                        del self._side_pairs[x]
            for spec in dict.fromkeys(entry.excluded):
                by_side = self._side_excludes[spec]
                for anchor in entry.anchors:
                    excluders = by_side[anchor]
                    del excluders[entry]
                    if not excluders:
                        del by_side[anchor]
                if not by_side:
                    del self._side_excludes[spec]
        if entry.triggered:  # a term's key set goes when its last key does
            _drop_empty(self._fires, entry.anchors)
            _drop_empty(self._key_excludes, entry.excluded)
        pairs = self._pairs if entry.exact_pair else self._loose_pairs
        for anchor, partner in entry.links:
            partners = pairs[anchor]
            users = partners[partner]
            del users[entry]
            if not users:
                del partners[partner]
                if not partners:
                    del pairs[anchor]
        for table, specs in self._tables(entry):
            for spec in set(specs):
                users = table[spec]
                del users[entry]
                if not users:
                    del table[spec]
        for spec in entry.specs():
            self._release(spec)

    def _intern(self, node: Term | Phrase) -> TermSpec:
        existing = self._specs.get(signature(node))
        if existing is not None:
            self._spec_users[existing] += 1
            return existing
        spec = compile_term(node, self._lexicon)
        self._specs[spec.signature] = spec
        self._spec_users[spec] = 1
        for form in spec.single:
            self._exact.setdefault(form, []).append(spec)
        for words, _how in spec.multi:
            rarest, second = self._multi_key(words)
            self._multi.setdefault(rarest, {}).setdefault(second, []).append(spec)
        if spec.fuzzy:
            self._skeletons.setdefault(spec.skeleton, []).append(spec)
            for variant in _deletes(spec.word, spec.fuzzy):
                self._deletes.setdefault(variant, []).append(spec)
        self._token_cache.clear()  # cached word → terms answers do not know the new term
        self._dead.clear()
        return spec

    def _multi_key(self, words: tuple[str, ...]) -> tuple[str, str]:
        """The two rarest words of a multi-word form (the same one twice for a word
        repeated): the article must contain both."""
        zipf = self._lexicon.zipf
        rarest = sorted(set(words), key=lambda w: (zipf.get(w, 0.0), w))
        return rarest[0], rarest[-1] if len(rarest) == 1 else rarest[1]

    def _release(self, spec: TermSpec) -> None:
        self._spec_users[spec] -= 1
        if self._spec_users[spec]:
            return
        del self._spec_users[spec]
        del self._specs[spec.signature]
        _unlist(self._exact, spec.single, spec)
        for rarest, second in {self._multi_key(words) for words, _ in spec.multi}:
            seconds = self._multi[rarest]
            _unlist(seconds, (second,), spec)
            if not seconds:
                del self._multi[rarest]
        if spec.fuzzy:
            _unlist(self._skeletons, (spec.skeleton,), spec)
            _unlist(self._deletes, _deletes(spec.word, spec.fuzzy), spec)
        self._token_cache.clear()
        self._dead.clear()

    def _terms_of(self, token: str, fuzzy: bool) -> tuple[tuple[TermSpec, int, str], ...]:
        """Every (term, rank, how) that one article word satisfies on its own."""
        cached = self._token_cache.get(token)
        if cached is not None:
            return cached
        found: dict[TermSpec, str] = {}
        for spec in self._exact.get(token, ()):
            found[spec] = spec.single[token]
        if fuzzy:
            lexicon = self._lexicon
            candidates: set[TermSpec] = set(self._skeletons.get(skeleton(token), ()))
            # A real word can only be a transliteration variant (same skeleton), never a typo.
            if token not in lexicon.known:
                deletes = self._deletes
                for variant in _deletes(token, MAX_EDITS):
                    specs = deletes.get(variant)
                    if specs:
                        candidates.update(specs)
            for spec in candidates:
                if spec not in found:
                    how = accepts(spec, token, lexicon)
                    if how:
                        found[spec] = how
        result = tuple((spec, _RANK[how], how) for spec, how in found.items())
        if len(self._token_cache) > 500_000:  # bounded: news vocabulary is large but finite
            self._token_cache.clear()
            self._dead.clear()
        self._token_cache[token] = result
        if not result and token not in self._multi:
            self._dead.add(token)
        return result

    def _best(self, doc: Document) -> dict[TermSpec, Best]:
        """Every indexed term the document satisfies, with where and how (best first:
        exact before inflection, alias, typo; then the earliest)."""
        best: dict[TermSpec, Best] = {}
        common = self._lexicon.common
        cached = self._token_cache.get
        multi = self._multi
        positions = doc.vocab
        vocab = positions.keys()
        # In the document's order (ties between equal hits go to the first seen).
        for token in filterfalse(self._dead.__contains__, positions):
            position = positions[token]
            found = cached(token)
            if found is None:
                found = self._terms_of(token, fuzzy_candidate(token, common))
            for spec, rank, how in found:
                if how in spec.capital and token not in doc.capitalised:
                    continue
                hit = (rank, position, how, 1)
                old = best.get(spec)
                if old is None or hit < old:
                    best[spec] = hit
            if token in multi:
                seconds = multi[token]
                for spec in chain.from_iterable(map(seconds.__getitem__, seconds.keys() & vocab)):
                    for rank, start, how, length in _multi_hits(spec, doc):
                        old = best.get(spec)
                        if old is None or (rank, start) < old[:2]:
                            best[spec] = (rank, start, how, length)
        return best

    def hits(self, doc: Document) -> dict[TermSpec, MatchedTerm]:
        """The best article word for every indexed term the document satisfies."""
        found = Found(doc, self._best(doc), [], (array("q"), []), {}, set(), self)
        return {spec: term for spec in found._best if (term := found.term(spec)) is not None}

    def find(self, doc: Document) -> Found:
        """Everything the document matches: `Found.keys` (every subscription key) at
        once, explanations on demand. The fastest way through the index."""
        best = self._best(doc)
        # One-term queries: their term's keys copied whole (memcpy), a step per term.
        pools = [solo for solo in map(self._solo.get, best) if solo]
        # Other triggered queries (OR, exclusions): the union of the key → query dicts
        # each present term fires, minus the keys each present term excludes; merged in
        # C, a step per present term here and one per key actually excluded.
        fired = sorted(filter(None, map(self._fires.get, best)), key=len, reverse=True)
        keys: dict[int, _Entry] = dict(fired[0]) if fired else {}
        for more in fired[1:]:
            keys.update(more)
        if keys:
            for excluded in filter(None, map(self._key_excludes.get, best)):
                for key in keys.keys() & excluded:
                    del keys[key]
        # Two-term ANDs: the anchor's partners that the article has too (C intersection).
        matched: set[_Entry] = set()
        present = best.keys()
        for partners in filter(None, map(self._pairs.get, best)):
            for other in partners.keys() & present:
                matched.update(partners[other])
        # The others: candidates by their anchors (and a partner), each verified once.
        candidates: set[_Entry] = set()
        for partners in filter(None, map(self._loose_pairs.get, best)):
            for other in partners.keys() & present:
                candidates.update(partners[other])
        for entries in filter(None, map(self._by_anchor.get, best)):
            candidates.update(entries)
        if candidates:
            contains = best.__contains__
            matched.update(entry for entry in candidates if entry.holds(contains))
        if matched:  # exclusions of the flat ones among them
            for entries in filter(None, map(self._excludes.get, best)):
                matched.difference_update(entries)
        return Found(doc, best, pools, self._spread(best), keys, matched, self)

    def _spread(self, best: dict[TermSpec, Best]) -> tuple[array[int], list[_Entry]]:
        """The keys of the spread OR queries the document satisfies, with their queries:
        every present side's array copied whole (C), then the extra copies of the keys of
        queries with two or more sides present (found through their filed pairs of sides),
        and every copy of those with an excluded term and a side present, dropped by
        position: a step per dropped key, none per kept key."""
        if not self._sides:
            return array("q"), []
        present = dict.fromkeys(filter(self._sides.__contains__, best)).keys()
        held = list(map(self._sides.__getitem__, present))
        keys: array[int] = array("q")
        keys.frombytes(b"".join(map(_IDS, held)))  # each side's keys, memcpy'd (C)
        owners: list[_Entry] = list(chain.from_iterable(map(_OWNERS, held)))
        twice: set[_Entry] = set()
        for partners in filter(None, map(self._side_pairs.get, present)):
            if not present.isdisjoint(partners.keys()):  # rare: no set built otherwise
                for other in partners.keys() & present:
                    twice.update(partners[other])
        # Queries an excluded term of the article rules out: every copy of their keys goes.
        gone: set[_Entry] = set()
        for by_side in filter(None, map(self._side_excludes.get, best)):
            if not present.isdisjoint(by_side.keys()):
                for anchor in by_side.keys() & present:
                    gone.update(by_side[anchor])
        if not twice and not gone:
            return keys, owners
        starts = dict(zip(present, accumulate(map(len, held), initial=0), strict=False))
        drop: list[int] = []
        for entry in twice | gone:
            first = entry not in gone  # an excluded query keeps no copy
            for spec, side in zip(entry.anchors, entry.sides, strict=True):
                start = starts.get(spec)
                if start is None:
                    continue
                if first:  # the first present side keeps the keys
                    first = False
                    continue
                slot = side.slot
                for key in entry.ids:
                    drop.append(start + slot[key])
        drop.sort(reverse=True)
        for at in drop:  # the last key fills the gap (all later drops are done)
            last, owner = keys.pop(), owners.pop()
            if at < len(keys):
                keys[at], owners[at] = last, owner
        return keys, owners

    def match_grouped(self, doc: Document) -> list[Group]:
        """Every distinct query the document satisfies: (matched terms, its subscription
        keys). Less to produce than `match` when many chats hold the same query."""
        return self.find(doc).groups()

    def match(self, doc: Document) -> list[Match]:
        """Every subscription the document satisfies, in no particular order; each
        Match's terms are worked out when first read."""
        return self.find(doc).matches()


def _side_links(sides: tuple[TermSpec, ...]) -> Iterator[tuple[TermSpec, TermSpec]]:
    """Every pair of a spread OR's sides, in their order."""
    return ((x, y) for i, x in enumerate(sides) for y in sides[i + 1 :])


def _drop_empty(table: dict[TermSpec, _K], specs: Iterable[TermSpec]) -> None:
    for spec in specs:
        if spec in table and not table[spec]:
            del table[spec]


def _unlist(table: dict[str, list[TermSpec]], keys: Iterable[str], spec: TermSpec) -> None:
    for key in set(keys):
        specs = table.get(key)
        if specs and spec in specs:
            specs.remove(spec)
            if not specs:
                del table[key]
