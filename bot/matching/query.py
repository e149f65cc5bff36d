"""The subscription query language of DESIGN §3, parsed into a frozen syntax tree.

`syria russia` (AND), `"air base"` (phrase), `kyiv OR kiev` (OR binds tighter than
the implicit AND), `-ukraine` / `-"air base"` (exclusion), `( … )` (grouping).
Upper-case `AND` and `NOT` are accepted as spellings of the implicit AND and `-`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from bot.errors import QueryError
from bot.i18n import N_
from bot.matching.normalise import fold, has_word

DEFAULT_MAX_LENGTH = 200
MAX_DEPTH = 12  # nesting of parentheses; deeper is a typing accident, not a query

# Straight and typographic double quotes: phones turn " into “ ” or „ “ as people type.
QUOTES = frozenset('"“”„‟«»')


@dataclass(frozen=True, slots=True)
class Term:
    """One word, matched with folding, inflections, aliases and typo tolerance."""

    word: str


@dataclass(frozen=True, slots=True)
class NameWord(Term):
    """A word of a name of several words (`Sudan` of `South Sudan`), as its run's plan
    matches the words one by one (bot/matching/plan.py): a Term without the demonyms of
    its own (South Sudan is no Sudanese). Never parsed: made for the plan only."""


@dataclass(frozen=True, slots=True)
class ClosedName(Term):
    """Capitalised words in a row as the one word they make (`Da Nang`: Danang,
    bot/matching/closed.py), found only so written, capitalised; `word` is the words as
    typed, for explanations. Never parsed: made for the plan only."""


@dataclass(frozen=True, slots=True)
class Phrase:
    """Words that must appear adjacent and in order, spelled exactly (after folding)."""

    words: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class And:
    children: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Or:
    children: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Not:
    child: Node


Node = Term | Phrase | And | Or | Not


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed query.

    `normalised` is the canonical text shown to users: whitespace collapsed, operators
    spelled `OR` and `-`, redundant parentheses and repeated items dropped, the user's
    own capitals and accents kept. `key` is the same text with every word folded
    (case, accents, width), for duplicate detection: `Kyiv OR Kiev` and
    `kyiv OR KIEV` share one key. Equality compares the trees.
    """

    root: Node
    # Words with nothing to look for ("&", "+"), left out of the tree; said in replies.
    ignored: tuple[str, ...] = field(default=(), compare=False)
    normalised: str = field(init=False, compare=False)
    key: str = field(init=False, compare=False)

    def __post_init__(self) -> None:
        normalised, key = _render_both(self.root)  # one walk for both (start-up: 450k)
        object.__setattr__(self, "normalised", normalised)
        object.__setattr__(self, "key", key)

    def __str__(self) -> str:
        return self.normalised

    def leaves(self) -> Iterator[tuple[Term | Phrase, bool]]:
        """Every Term and Phrase with True when it sits under an exclusion."""
        yield from _leaves(self.root, False)


def _leaves(node: Node, negated: bool) -> Iterator[tuple[Term | Phrase, bool]]:
    if isinstance(node, Term | Phrase):
        yield node, negated
    elif isinstance(node, Not):
        yield from _leaves(node.child, not negated)
    else:
        for child in node.children:
            yield from _leaves(child, negated)


# ---------------------------------------------------------------- rendering


def render(node: Node, *, folded: bool = False) -> str:
    """Canonical text of a node; re-parsing it gives the same tree."""
    if isinstance(node, Term):
        return fold(node.word) if folded else node.word
    if isinstance(node, Phrase):
        words = [fold(w) for w in node.words] if folded else list(node.words)
        return '"' + " ".join(words) + '"'
    if isinstance(node, Not):
        inner = render(node.child, folded=folded)
        if isinstance(node.child, And | Or):
            inner = f"({inner})"
        return "-" + inner
    if isinstance(node, Or):
        parts = []
        for child in node.children:
            text = render(child, folded=folded)
            parts.append(f"({text})" if isinstance(child, And) else text)
        return " OR ".join(parts)
    # OR binds tighter than the implicit AND, so an OR inside an AND needs no parentheses.
    return " ".join(render(child, folded=folded) for child in node.children)


def _render_both(node: Node) -> tuple[str, str]:
    """`render(node)` and `render(node, folded=True)` in one walk."""
    kind = type(node)
    if kind is Term:
        word = node.word  # type: ignore[union-attr]
        return word, fold(word)
    if kind is Phrase:
        words = node.words  # type: ignore[union-attr]
        return '"' + " ".join(words) + '"', '"' + " ".join(map(fold, words)) + '"'
    if kind is Not:
        child = node.child  # type: ignore[union-attr]
        text, key = _render_both(child)
        if type(child) is And or type(child) is Or:
            return f"-({text})", f"-({key})"
        return "-" + text, "-" + key
    texts: list[str] = []
    keys: list[str] = []
    if kind is Or:
        for child in node.children:  # type: ignore[union-attr]
            text, key = _render_both(child)
            if type(child) is And:
                text, key = f"({text})", f"({key})"
            texts.append(text)
            keys.append(key)
        return " OR ".join(texts), " OR ".join(keys)
    for child in node.children:  # type: ignore[union-attr]
        text, key = _render_both(child)
        texts.append(text)
        keys.append(key)
    return " ".join(texts), " ".join(keys)


# ---------------------------------------------------------------- tokens

_WORD, _PHRASE, _LPAREN, _RPAREN, _OR, _AND, _NOT, _END = (
    "word",
    "phrase",
    "(",
    ")",
    "OR",
    "AND",
    "NOT",
    "end",
)


_Token = tuple[str, str]  # (kind, text): plain tuples, built ~1M times at start-up
_LPAREN_TOKEN, _RPAREN_TOKEN, _NOT_TOKEN, _END_TOKEN = (
    (_LPAREN, ""),
    (_RPAREN, ""),
    (_NOT, ""),
    (_END, ""),
)
_OPERATORS = {word: (word, "") for word in (_OR, _AND, _NOT)}

# One token a match, every character in one: white space, a parenthesis, a quoted phrase
# (group 3 empty when its quote is not closed), a minus sign, or a word (up to white
# space, a parenthesis or a quote; inner minus signs belong to it: al-Assad). Regex `\s`
# and `str.isspace` agree on every code point, as do `[^\W_]` and `str.isalnum`.
_Q = "".join(sorted(QUOTES))
_TOKENS = re.compile(rf"\s+|([()])|[{_Q}]([^{_Q}]*)([{_Q}]?)|(-)|([^\s(){_Q}]+)")
_ALNUM = re.compile(r"[^\W_]")


def _tokenise(text: str) -> tuple[list[_Token], list[str]]:
    tokens: list[_Token] = []
    dropped: list[str] = []
    found = False  # a word or phrase among the tokens
    for match in _TOKENS.finditer(text):
        kind = match.lastindex
        if kind is None:  # white space
            continue
        if kind == 5:
            word = match.group(5)
            if word in _OPERATORS:
                tokens.append(_OPERATORS[word])
            elif word.isalnum() or _ALNUM.search(word):
                tokens.append((_WORD, word))
                found = True
            else:  # "&", "+", "—": nothing to look for, as in web search (Marks & Spencer)
                dropped.append(word)
        elif kind == 3:
            if not match.group(3):
                raise QueryError(
                    N_("A quotation mark is not closed: phrases go between two quotes.")
                )
            tokens.append((_PHRASE, match.group(2)))
            found = True
        elif kind == 1:
            tokens.append(_LPAREN_TOKEN if match.group(1) == "(" else _RPAREN_TOKEN)
        else:  # a minus sign
            end = match.end()
            if end >= len(text) or text[end].isspace():
                raise QueryError(
                    N_(
                        "A minus sign must be followed directly by a word, a phrase or a "
                        "group (write -ukraine)."
                    )
                )
            tokens.append(_NOT_TOKEN)
    if dropped and not found:
        raise QueryError(f"“{dropped[0]}” has no letters or digits to look for.")
    tokens.append(_END_TOKEN)
    return tokens, dropped


# ---------------------------------------------------------------- parser


class _Parser:
    def __init__(self, tokens: list[_Token]) -> None:
        self.tokens = tokens
        self.pos = 0
        self.depth = 0

    def peek(self) -> str:
        return self.tokens[self.pos][0]

    def take(self) -> _Token:
        token = self.tokens[self.pos]
        self.pos += 1
        return token

    def parse(self) -> Node:
        node = self.sequence()
        if self.peek() == _RPAREN:
            raise QueryError(N_("A closing parenthesis has no opening one."))
        return node

    def sequence(self) -> Node:
        """Items joined by the implicit AND, up to `)` or the end."""
        items: list[Node] = []
        while self.peek() not in (_END, _RPAREN):
            kind = self.peek()
            if kind == _OR:
                raise QueryError(N_("OR needs something to look for on both sides (a OR b)."))
            if kind == _AND:
                self.take()
                if not items or self.peek() in (_END, _RPAREN, _OR, _AND):
                    raise QueryError(N_("AND needs something to look for on both sides (a AND b)."))
                continue
            items.append(self.either())
        return _make(And, items)

    def either(self) -> Node:
        """Items joined by OR."""
        items = [self.unary()]
        while self.peek() == _OR:
            self.take()
            if self.peek() in (_END, _RPAREN, _OR, _AND):
                raise QueryError(N_("OR needs something to look for on both sides (a OR b)."))
            items.append(self.unary())
        return _make(Or, items)

    def unary(self) -> Node:
        if self.peek() == _NOT:
            self.take()
            if self.peek() == _NOT:
                raise QueryError(N_("Two exclusions in a row: use one minus sign."))
            if self.peek() in (_END, _RPAREN, _OR, _AND):
                raise QueryError(
                    N_("A minus sign (or NOT) must be followed by a word, a phrase or a group.")
                )
            return Not(self.primary())
        return self.primary()

    def primary(self) -> Node:
        kind, text = self.take()
        if kind == _WORD:  # (the tokeniser keeps only words with a letter or digit)
            return Term(text)
        if kind == _PHRASE:
            if not has_word(text):
                raise QueryError(N_("The quotation marks hold no words."))
            return Phrase(tuple(text.split()))
        if kind == _LPAREN:
            if self.peek() == _RPAREN:
                raise QueryError(N_("The parentheses hold nothing."))
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise QueryError(f"Too many nested parentheses (at most {MAX_DEPTH}).")
            inner = self.sequence()
            if self.peek() != _RPAREN:
                raise QueryError(N_("A parenthesis is not closed."))
            self.take()
            self.depth -= 1
            return inner
        raise QueryError(N_("A closing parenthesis has no opening one."))  # pragma: no cover


def _flat(tokens: list[_Token]) -> Node | None:
    """The tree `_Parser` builds for a query of words, phrases, OR and exclusions of a word
    or a phrase (no parentheses, no AND): most stored queries, parsed without its calls.
    None for any other query, or a mistake in one (the parser then says which)."""
    items: list[list[Node]] = []  # the ANDed items, each the sides of an OR (or one)
    after_or = False
    i, end = 0, len(tokens) - 1  # (the last token is _END)
    while i < end:
        kind, text = tokens[i]
        i += 1
        if kind == _OR:
            if not items or after_or:
                return None
            after_or = True
            continue
        negated = kind == _NOT
        if negated:
            kind, text = tokens[i]
            i += 1
        node: Node
        if kind == _WORD:
            node = Term(text)
        elif kind == _PHRASE and has_word(text):
            node = Phrase(tuple(text.split()))
        else:
            return None
        if negated:
            node = Not(node)
        if after_or:
            items[-1].append(node)
        else:
            items.append([node])
        after_or = False
    if after_or or not items:
        return None
    # (a side is never an Or, an item never an And: groups of one need no _make)
    ands = [sides[0] if len(sides) == 1 else _make(Or, sides) for sides in items]
    return ands[0] if len(ands) == 1 else _make(And, ands)


def _make(kind: type[And] | type[Or], items: list[Node]) -> Node:
    """An And/Or with nested same-kind nodes flattened and repeated items dropped."""
    if len(items) == 1 and type(items[0]) is not kind:
        return items[0]  # (most sequences and OR sides: one item, nothing to compare)
    flat: list[Node] = []
    seen: set[str] = set()
    for item in items:
        for child in item.children if isinstance(item, kind) else (item,):
            key = fold(child.word) if type(child) is Term else render(child, folded=True)
            if key not in seen:
                seen.add(key)
                flat.append(child)
    return flat[0] if len(flat) == 1 else kind(tuple(flat))


def _positive(node: Node) -> bool:
    """True when the node can only hold for an article that contains some word."""
    if isinstance(node, Term | Phrase):
        return True
    if isinstance(node, Not):
        return False
    if isinstance(node, And):
        return any(_positive(c) for c in node.children)
    return all(_positive(c) for c in node.children)


def _check(node: Node) -> None:
    """Exclusions must narrow a search, never stand for "everything but"."""
    if isinstance(node, Not):
        if not _positive(node.child):
            raise QueryError(N_("Two exclusions in a row: use one minus sign."))
        _check(node.child)
    elif isinstance(node, Or):
        for child in node.children:
            if not _positive(child):
                raise QueryError(
                    N_("Each side of OR must be something to look for, not only an exclusion.")
                )
            _check(child)
    elif isinstance(node, And):
        for child in node.children:
            _check(child)


def parse_query(text: str, *, max_length: int = DEFAULT_MAX_LENGTH) -> Query:
    """Parse a user's query, or raise QueryError with a one-line reason."""
    return _parse(text, max_length)


@lru_cache(maxsize=65536)  # start-up re-parses every stored query; popular ones repeat
def _parse(text: str, max_length: int) -> Query:
    text = unicodedata.normalize("NFKC", text).strip()
    if not text:
        raise QueryError(N_("The query is empty: give at least one word to look for."))
    if len(text) > max_length:
        raise QueryError(
            f"The query is too long: {len(text)} characters, at most {max_length} allowed."
        )
    tokens, ignored = _tokenise(text)
    root = _flat(tokens)
    if root is None:
        root = _Parser(tokens).parse()
    elif not any(kind == _NOT for kind, _ in tokens):  # nothing the checks below refuse
        return Query(root, ignored=tuple(dict.fromkeys(ignored)))
    _check(root)  # first: "a OR -b" deserves the OR message, not "only exclusions"
    if not _positive(root):
        raise QueryError(
            "The query has only exclusions: add a word to look for (e.g. syria -ukraine)."
        )
    _never(root)
    return Query(root, ignored=tuple(dict.fromkeys(ignored)))


def _required(node: Node) -> set[str]:
    """Folded renderings of the terms every article matching the node must contain."""
    if isinstance(node, Term | Phrase):
        return {render(node, folded=True)}
    if isinstance(node, And):
        return set().union(*(_required(c) for c in node.children))
    if isinstance(node, Or):
        return set.intersection(*(_required(c) for c in node.children))
    return set()


def _never(node: Node) -> None:
    """Refuse a query no article can match: a term both required and excluded (Kyiv -Kyiv)."""
    if not isinstance(node, And) or not any(isinstance(c, Not) for c in node.children):
        return  # (most queries: nothing excluded, nothing to compare)
    required = _required(node)
    for child in node.children:
        if isinstance(child, Not):
            excluded = child.child
            sides = excluded.children if isinstance(excluded, Or) else (excluded,)
            for side in sides:
                if isinstance(side, Term | Phrase) and render(side, folded=True) in required:
                    raise QueryError(
                        f"The query can never match: {render(side)} is both looked for "
                        "and excluded."
                    )


# ---------------------------------------------------------------- hints

EVERYWHERE_ZIPF = 6.0  # words in nearly every article: the, a, of, said, new


def hints(query: Query, zipf: Mapping[str, float]) -> tuple[str, ...]:
    """Warnings for a valid query that probably does not do what its writer meant (message
    ids of bot/i18n.py: the reply translates them).

    `zipf` gives English word frequencies (wordfreq's Zipf scale) of folded words.
    """
    found: list[str] = []
    if any(isinstance(t, Term) and t.word == "or" and not neg for t, neg in query.leaves()):
        found.append(
            N_(
                'Only a capital OR means "either": with a lower-case "or" every word '
                "must be in the article (write a OR b)."
            )
        )
    if _everywhere(query.root, zipf):
        found.append(
            N_(
                "This query matches almost every article: its words are in nearly every "
                "text. Add a rarer word."
            )
        )
    return tuple(found)


def _everywhere(node: Node, zipf: Mapping[str, float]) -> bool:
    """True when an article with only the commonest words of English satisfies the node."""
    if isinstance(node, Term | Phrase):
        words = (node.word,) if isinstance(node, Term) else node.words
        return all(zipf.get(fold(w), 0.0) >= EVERYWHERE_ZIPF for w in words)
    if isinstance(node, Not):
        return True
    if isinstance(node, And):
        return all(_everywhere(c, zipf) for c in node.children)
    return any(_everywhere(c, zipf) for c in node.children)
