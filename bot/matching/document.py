"""An article tokenised and folded once (`Document`), ready for any number of queries."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import suppress
from itertools import filterfalse

from bot.matching.lexicon import Lexicon, load_lexicon
from bot.matching.normalise import clean_word, fold, split_words
from bot.matching.persons import is_person
from bot.models import Article

# The longest article word that may be a typo or variant of a query word: terms have typos
# up to terms.MAX_FUZZY_LENGTH letters, and `accepts` refuses a word 3 letters longer.
MAX_FUZZY_TOKEN = 42
# Longer words (a hostile feed's 20,000-letter "word") are folded afresh each time, never
# kept: the memos are bounded in words, not in characters.
MAX_MEMO_WORD = 64


class _WordFolds(dict[str, str]):
    """Article word as written → matcher token, filled on demand and bounded."""

    def __missing__(self, word: str) -> str:
        if len(word) > MAX_MEMO_WORD:
            return clean_word(fold(word))
        if len(self) >= 400_000:  # news vocabulary is large but finite; start afresh
            self.clear()
        # (`normalise_word` without its two caches: this memo is the only one asked)
        token = self[word] = clean_word(fold(word))
        return token


_FOLDS = _WordFolds()


class _AcronymFolds(dict[str, str]):
    """Article word as written (not all in lower case) → its matcher token when it is
    written as an acronym (see `Document.acronyms`), else "": filled on demand, bounded."""

    def __missing__(self, word: str) -> str:
        bare = word[:-2] if word[-2:] in ("'s", "’s") else word
        acronym = (bare.isupper() and len(bare) > 1) or (len(bare) > 3 and bare.istitle())
        token = _FOLDS[bare] if acronym else ""
        if len(word) > MAX_MEMO_WORD:  # judged afresh each time, never kept (see above)
            return token
        if len(self) >= 400_000:
            self.clear()
        self[word] = token
        return token


_ACRONYM_FOLDS = _AcronymFolds()


# Capitalised words in a row, small words allowed between them (`Bureau of Ocean Energy`).
# Possessive quantifiers: a small word never starts with a capital and a word's rest runs
# to the next space, so nothing given back could match (same runs, ~20% faster).
# (The small words after a space: `spelled.could_spell` looks for an acronym's capitals
# with the same.)
SMALL_WORDS = r"(?:(?:of|the|and|for|on|de|in|at|to|&|al|el) )*+"  # al-Sham: Arabic's article
# A run may start with a short acronym that names a body (UN Relief and Works Agency:
# UNRWA; US Agency for International Development: USAID), all its letters in the initials.
_CAPITALISED = r"[A-Z][a-z]\S*+"
_NAME_RUN = re.compile(
    r"(?<![^ ])[A-Z]{2,3} " + SMALL_WORDS + _CAPITALISED + r"(?: " + SMALL_WORDS + _CAPITALISED
    + r")++|" + _CAPITALISED + r"(?: " + SMALL_WORDS + _CAPITALISED + r"){2,}+"
)  # fmt: skip
MIN_RUN, MAX_RUN = 3, 8  # acronyms of three to eight letters


def whole_words(names: list[int], start: int, end: int) -> bool:
    """Whether a run's initials from `start` to `end` begin and end with whole words: not
    inside the acronym that starts it (the N of UN alone spells nothing)."""
    inside_start = start > 0 and names[start - 1] == names[start]
    inside_end = end < len(names) and names[end] == names[end - 1]
    return not (inside_start or inside_end)


def fuzzy_candidate(token: str, common: frozenset[str]) -> bool:
    """True when an article word may be matched as a typo or a variant of a query word."""
    return 4 <= len(token) <= MAX_FUZZY_TOKEN and token.isalpha() and token not in common


class Document:
    """An article tokenised and folded once, ready to be matched by any number of queries.

    Not a frozen dataclass: positions and capitalisation are worked out lazily, only for
    the words a query asks about.
    """

    __slots__ = (
        "_acronyms",
        "_capitalised",
        "_cased",
        "_common",
        "_first",
        "_fuzzy",
        "_joined",
        "_run_text",
        "_runs",
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
            if not all(found):  # a word of accents only folds to nothing (rare)
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
        # The distinct words, in order (C); their first positions when first asked for.
        vocab = dict.fromkeys(tokens)
        vocab.pop("", None)
        self.vocab = vocab
        self._first: dict[str, int] | None = None
        self._common = lexicon.common
        self._fuzzy: frozenset[str] | None = None
        self._cased: list[str] | None = None
        self._capitalised: frozenset[str] | None = None
        self._acronyms: frozenset[str] | None = None
        self._runs: list[tuple[str, list[int]]] | None = None
        self._run_text: str | None = None
        self._joined: str | None = None

    @property
    def fuzzy(self) -> frozenset[str]:
        """Words a fuzzy match may land on: long enough, letters only, not a common word
        (those are only reached exactly, through inflections or aliases)."""
        if self._fuzzy is None:
            common = self._common
            self._fuzzy = frozenset(t for t in self.vocab if fuzzy_candidate(t, common))
        return self._fuzzy

    def _cased_words(self) -> list[str]:
        """The distinct words as written that are not all in lower case (in C): the only
        ones that can be capitalised or an acronym ("" and numbers may come along)."""
        if self._cased is None:  # (tested as written, then made distinct: a fifth to hash)
            self._cased = list(set(filterfalse(str.islower, self.surface)))
        return self._cased

    @property
    def capitalised(self) -> frozenset[str]:
        """Words written with a capital letter at least once."""
        if self._capitalised is None:
            self._capitalised = frozenset(map(_FOLDS.__getitem__, self._cased_words()))
        return self._capitalised

    @property
    def acronyms(self) -> frozenset[str]:
        """Words written as an acronym at least once: in capitals (WHO, IAEA's), or from four
        letters on with a capital initial, as British papers write them (Nato, Unesco)."""
        if self._acronyms is None:
            # Only words not all in lower case can be either (a possessive taken off a word
            # in lower case leaves one with no capital): a fifth of an article's words,
            # each judged once across articles (a memo; "" for the others).
            found = set(map(_ACRONYM_FOLDS.__getitem__, self._cased_words()))
            found.discard("")
            self._acronyms = frozenset(found)
        return self._acronyms

    @property
    def name_runs(self) -> list[tuple[str, list[int]]]:
        """Runs of capitalised words in the text (not the title, whose words are all
        capitalised in many feeds), small words inside skipped: each as its initials and
        the positions of its capitalised words ("Bureau of Ocean Energy Management":
        boem). Acronyms spelled out are found in them (`initials_at`); the words carry no
        sentence ends, so a name may sit inside a run ("Paris The Sierra Nevada Corp")."""
        if self._runs is None:
            runs: list[tuple[str, list[int]]] = []
            text = self.run_text
            at, offset = self.title_end, 0  # word position of character `offset`
            for run in _NAME_RUN.finditer(text):
                at += text.count(" ", offset, run.start())
                offset = run.start()
                words = run.group().split(" ")
                letters, names = [], []
                for i, w in enumerate(words):
                    if w[0].isupper():
                        initial = w if i == 0 and w.isupper() else w[0]  # UN: u, n
                        letters.append(initial)
                        names += [at + i] * len(initial)
                runs.append(("".join(letters).lower(), names))
            self._runs = runs
        return self._runs

    @property
    def run_text(self) -> str:
        """The text's words (not the title's) joined by spaces: where name runs are found."""
        if self._run_text is None:
            self._run_text = " ".join(self.surface[self.title_end :])
        return self._run_text

    def initials_at(self, letters: str) -> tuple[int, int] | None:
        """(position, words) of the first capitalised words whose initials are `letters`,
        and that are not one person's names (Clara Ingrid Adams is no CIA)."""
        for initials, names in self.name_runs:
            i = initials.find(letters)
            while i >= 0:
                if self.spells(names, i, i + len(letters)):
                    return names[i], names[i + len(letters) - 1] - names[i] + 1
                i = initials.find(letters, i + 1)
        return None

    @property
    def first(self) -> dict[str, int]:
        """Each distinct word → its first position, built in C when first asked for (later
        items win, so backwards: the words come in order of their last position, last
        first); counting matches never asks."""
        if self._first is None:
            tokens = self.tokens
            first = dict(zip(reversed(tokens), range(len(tokens) - 1, -1, -1), strict=True))
            first.pop("", None)
            self._first = first
        return self._first

    def spells(self, names: list[int], start: int, end: int) -> bool:
        """Whether a name run's initials from `start` to `end` (`names`: the run's word
        places, one a letter) spell an acronym: whole words, not one person's names."""
        return whole_words(names, start, end) and not self.names_a_person(names[start:end])

    def names_a_person(self, names: list[int]) -> bool:
        """Whether the capitalised words at these positions are one person's names."""
        return is_person([self.surface[at] for at in names])

    def position(self, token: str) -> int:
        """The first position of a token of the document."""
        return self.first[token]

    def has_run(self, words: tuple[str, ...]) -> bool:
        """False when the words never stand in a row in the document: one C substring
        search of its words joined by spaces, made once when first asked for (true does
        not prove they do: a folded word may hold a space)."""
        joined = self._joined
        if joined is None:
            joined = self._joined = " " + " ".join(self.tokens) + " "
        return " " + " ".join(words) + " " in joined

    def starts(self, token: str) -> Iterator[int]:
        """Every position of a token, in order, each found when asked for: a multi-word
        form is most often at its first word's first position (`first`), so the rest of
        the article is scanned only when it is not (C scans of the word list, list.index:
        a Python pass over every word cost ~5x more)."""
        if token not in self.vocab:
            return
        at = self.tokens.index(token) if self._first is None else self._first[token]
        yield at
        index = self.tokens.index
        with suppress(ValueError):  # raised past the last one
            while True:
                at = index(token, at + 1)
                yield at


def prepare(article: Article, *, lexicon: Lexicon | None = None) -> Document:
    """Tokenise and fold an article's title, summary and text once."""
    fields = [article.title]
    # The summary is usually the text's first sentence: read it only when it says more.
    if article.summary and article.summary not in article.text:
        fields.append(article.summary)
    fields.append(article.text)
    return Document(article.id, fields, lexicon or load_lexicon())
