"""A parsed query compiled to a tree of compiled terms (`QueryPlan`), evaluated against an
article; `match_query` matches one query without an index."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from bot.matching.arabic_places import GENERICS, SPACED_ARTICLES
from bot.matching.chinese_names import full_name
from bot.matching.closed import all_english, closed_name
from bot.matching.construct import one_name, starts_name
from bot.matching.document import Document
from bot.matching.forms import normalise_word
from bot.matching.lexicon import KNOWN_ZIPF, load_lexicon
from bot.matching.misspelt import name_words
from bot.matching.normalise import fold, split_words
from bot.matching.query import And, ClosedName, NameWord, Node, Not, Phrase, Query, Term
from bot.matching.romanisation import NAME_PARTICLES
from bot.matching.terms import (
    MIN_INITIALS,
    MatchedTerm,
    TermSpec,
    alias_name_length,
    compile_term,
    initials,
    match_term,
    names_country,
)


@dataclass(frozen=True, slots=True)
class PTerm:
    spec: TermSpec


@dataclass(frozen=True, slots=True)
class PAnd:
    children: tuple[QueryPlan, ...]


@dataclass(frozen=True, slots=True)
class POr:
    children: tuple[QueryPlan, ...]


@dataclass(frozen=True, slots=True)
class PNot:
    child: QueryPlan


QueryPlan = PTerm | PAnd | POr | PNot  # a query tree whose leaves are compiled terms
MAX_NAME_WORDS = 12  # the longest name of several words looked up among the aliases


def compile_plan(node: Node, intern: Callable[[Term | Phrase], TermSpec]) -> QueryPlan:
    kind = type(node)  # (dispatch on the exact type: start-up compiles ~1.4M nodes)
    if kind is Term or kind is Phrase:
        return PTerm(intern(node))  # type: ignore[arg-type]
    if kind is Not:
        return PNot(compile_plan(node.child, intern))  # type: ignore[union-attr]
    if kind is And:
        return _compile_and(node.children, intern)  # type: ignore[union-attr]
    return POr(tuple([compile_plan(c, intern) for c in node.children]))  # type: ignore[union-attr]


def _compile_and(nodes: tuple[Node, ...], intern: Callable[[Term | Phrase], TermSpec]) -> QueryPlan:
    """An AND; two adjacent words that are also one word written together (`wild fire`:
    wildfire) or an Arabic article and a name (`El Callao`: el-Callao, Callao) may also be
    found as that one word: `(wild fire) OR wildfire`."""
    children: list[QueryPlan] = []
    for run, together in _runs(nodes):
        if together is None:
            children.append(compile_plan(run[0], intern))
        elif isinstance(together, ClosedName):  # Da Nang: (Da Nang) OR Danang
            children += _either(run, together, intern)
        elif isinstance(together, Phrase):  # `Kurdistan Workers' Party`: (…) OR PKK
            # A country's words one by one: not their own demonyms (South Sudan: no Sudanese).
            country = names_country(list(together.words))
            words = PAnd(
                tuple(
                    PTerm(intern(NameWord(n.word))) if country else compile_plan(n, intern)
                    for n in run
                    if isinstance(n, Term)
                )
            )
            # Sri Lanka: also Srilanka (Hong Kong: Hongkong, an alias already).
            closed = _closed_alias(run, together)
            extra = (PTerm(intern(closed)),) if closed is not None else ()
            children.append(POr((words, PTerm(intern(together)), *extra)))
        else:
            both = PAnd(tuple(compile_plan(n, intern) for n in run))
            children.append(POr((both, PTerm(intern(together)))))
    return children[0] if len(children) == 1 else PAnd(tuple(children))


def _runs(
    nodes: tuple[Node, ...],
) -> Iterator[tuple[tuple[Node, ...], Term | Phrase | None]]:
    """An AND's children as `_compile_and` reads them: each run of them with the one term
    it also stands for (a name with other names of several words: its Phrase; two words
    `_joined`: their Term), or a single child with None."""
    i = 0
    while i < len(nodes):
        # (a construct name first: its Term has the alias file's names too, Hizb ut-Tahrir)
        size, abd = _abd_run(nodes, i)
        if abd is not None:  # Abd al Aziz, Abdur Rahman, Abd Allah: one name written open
            yield nodes[i : i + size], abd
            i += size
            continue
        named = _alias_run(nodes, i)
        if named:
            run = nodes[i : i + named]
            yield run, Phrase(tuple(n.word for n in run if isinstance(n, Term)))
            i += named
            continue
        three = _closed_run(nodes[i : i + 3]) if i + 2 < len(nodes) else None
        if three is not None:  # Nay Pyi Taw: (Nay Pyi Taw) OR Naypyitaw
            yield nodes[i : i + 3], three
            i += 3
            continue
        second = nodes[i + 1] if i + 1 < len(nodes) else None
        chinese = full_name(nodes[i], second)  # Deng Xiaoping: (…) OR Teng Hsiao-ping
        if chinese is not None:
            yield nodes[i : i + 2], chinese
            i += 2
            continue
        joined = _joined(nodes[i], second) if second is not None else None
        if joined is not None:
            yield nodes[i : i + 2], joined
            i += 2
            continue
        yield nodes[i : i + 1], None
        i += 1


def read_together(node: And) -> list[tuple[tuple[Node, ...], Term | Phrase]]:
    """The runs of an AND's children the plan also reads as one term, with that term
    (`Tal Abyad`: the Term "Tal Abyad", which finds "Tell Abyad"; `wild fire`: wildfire).
    A pre-filter on the query's words (bot/chats/prepared.py) adds that term's words to
    each child of the run."""
    found: list[tuple[tuple[Node, ...], Term | Phrase]] = []
    for run, together in _runs(node.children):
        if together is not None:
            found.append((run, together))
        if isinstance(together, Phrase):  # Sri Lanka: Srilanka too
            closed = _closed_alias(run, together)
            if closed is not None:
                found.append((run, closed))
    return found


def _either(
    words: tuple[Node, ...], closed: ClosedName, intern: Callable[[Term | Phrase], TermSpec]
) -> list[QueryPlan]:
    """`(a b) OR ab` as the AND of `a OR ab` and `b OR ab` (the same truth): an AND of
    two terms or ORs of terms, which the index decides by its pairs of terms at once
    (bot/matching/entries.py) instead of verifying the query for each article."""
    return [POr((compile_plan(word, intern), PTerm(intern(closed)))) for word in words]


def _closed_alias(run: tuple[Node, ...], phrase: Phrase) -> ClosedName | None:
    """The one word a name of the alias files makes (Sri Lanka: Srilanka), unless the
    alias files give it already (Hong Kong: Hongkong) or `closed_name` refuses it."""
    closed = _closed_run(run, known=True)
    if closed is None:
        return None
    aliases = load_lexicon().aliases.get(" ".join(fold(w) for w in phrase.words), ())
    return None if fold(closed.word.replace(" ", "")) in map(fold, aliases) else closed


def _alias_run(nodes: tuple[Node, ...], start: int) -> int:
    """How many Terms from `start` on name a place or organisation with other names of
    several words (bot/data/*aliases.tsv), or 0."""
    words: list[str] = []
    for node in nodes[start : start + MAX_NAME_WORDS]:
        if not isinstance(node, Term):
            break
        words.append(node.word)
    if len(words) < 2:
        return 0
    known = alias_name_length(words, load_lexicon())
    if known:
        return known
    # A name of capitalised words (Sierra Nevada Corporation) also stands for its initials
    # (SNC): the whole run of them, when it is the start of one.
    before = nodes[start - 1] if start else None
    if isinstance(before, Term) and before.word[:1].isupper():
        return 0
    size = len(words)
    while size >= MIN_INITIALS and not initials(words[:size]):
        size -= 1
    return size if size >= MIN_INITIALS else 0


def _abd_run(nodes: tuple[Node, ...], start: int) -> tuple[int, Term | None]:
    """How many query words from `start` (3 or 2) make a construct name printed open
    (`Abd al Aziz`, `Abdur Rahman`, `Salah ad-Din`, `Nour Eddine`, `Mujib ur-Rahman`;
    bot/matching/construct.py), and the one Term they also stand for (Abd-al-Aziz: finds
    Abdulaziz, Abdel Aziz ...; Salah-ad-Din: Salahuddin ...); else (0, None)."""
    first = nodes[start]
    if type(first) is not Term or start + 1 == len(nodes):  # (a name: two words at least)
        return 0, None
    after = nodes[start + 1]
    if type(after) is not Term or not starts_name(first.word, after.word):  # (most: none)
        return 0, None
    for size in (3, 2):
        run = nodes[start : start + size]
        if len(run) < size or not all(type(n) is Term for n in run):
            continue
        typed = [n.word for n in run]  # type: ignore[union-attr]
        if one_name([w for text in typed for w in split_words(text)]):
            return size, Term("-".join(typed))
    return 0, None


def _joined(first: Node, second: Node) -> Term | None:
    """The one Term two adjacent query words also stand for, or None."""
    if not (isinstance(first, Term) and isinstance(second, Term)):
        return None
    a, b = first.word, second.word
    # A place's generic word and its name (Tal Abyad, Deir ez-Zor): the name whose generic
    # word may be spelled otherwise (Tell Abyad, Dayr al-Zor; arabic_places.generic_forms).
    if a[:1].isupper() and not a.isupper() and normalise_word(a) in GENERICS:  # (Ra's: ra)
        written = split_words(b)
        if written and written[-1][:1].isupper():
            return Term(f"{a} {b}")
    if not (a.isalpha() and b.isalpha()):
        return None
    head, tail = fold(a), fold(b)
    # (bin Salman: also ben Salman, ibn Salman; variants.particle_forms). Typed in capitals
    # the first word is an acronym, no article (AS Roma, AL Central, AT Kearney).
    if (
        (head in SPACED_ARTICLES or head in NAME_PARTICLES)
        and not a.isupper()
        and len(tail) >= 3
        and b[:1].isupper()
    ):
        return Term(f"{a}-{b}")
    # Two capitalised words: a name printed as one word too (Da Nang: Danang), as written.
    one = _closed_run((first, second))
    if one is not None:
        return one
    closed = head + tail
    zipf = load_lexicon().zipf
    # Two capitalised words that are not both English words are a name, no compound: Good
    # Man is no Goodman (a name), Wan Ting no "Wanting".
    name = a[:1].isupper() and b[:1].isupper()
    if name and (closed in name_words() or not all_english((head, tail), zipf)):
        return None
    if len(head) >= 3 and len(tail) >= 3 and zipf.get(closed, 0.0) >= KNOWN_ZIPF:
        return Term(a + b)
    return None


def _closed_run(nodes: tuple[Node, ...], *, known: bool = False) -> ClosedName | None:
    """Capitalised query words that also stand for the one word they make, or None."""
    if not all(isinstance(n, Term) for n in nodes):
        return None
    written = [n.word for n in nodes]  # type: ignore[union-attr]
    if closed_name(written, load_lexicon().zipf, known=known) is None:
        return None
    return ClosedName(" ".join(written))


def evaluate(
    plan: QueryPlan, lookup: Callable[[TermSpec], MatchedTerm | None]
) -> list[MatchedTerm] | None:
    """The matched terms that make the plan true, or None when it is false."""
    if isinstance(plan, PTerm):
        hit = lookup(plan.spec)
        return None if hit is None else [hit]
    if isinstance(plan, PNot):
        return [] if evaluate(plan.child, lookup) is None else None
    found: list[MatchedTerm] = []
    if isinstance(plan, PAnd):
        for child in plan.children:
            result = evaluate(child, lookup)
            if result is None:
                return None
            found.extend(result)
        return found
    satisfied = False
    for child in plan.children:  # OR: every satisfied side is part of the explanation
        result = evaluate(child, lookup)
        if result is not None:
            satisfied = True
            found.extend(result)
    return found if satisfied else None


def plan_anchors(plan: QueryPlan) -> tuple[TermSpec, ...] | None:
    """Terms of which an article must contain at least one for the plan to hold.

    For AND the child with the rarest terms is chosen (fewest candidates to verify).
    """
    kind = type(plan)
    if kind is PTerm:
        return (plan.spec,)  # type: ignore[union-attr]
    if kind is PNot:
        return None
    options = [plan_anchors(c) for c in plan.children]  # type: ignore[union-attr]
    if kind is POr:
        if any(o is None for o in options):
            return None
        return tuple(s for o in options if o for s in o)
    usable = [o for o in options if o]
    if not usable:
        return None
    return min(usable, key=lambda o: (max(s.rarity for s in o), len(o)))


def plan_specs(plan: QueryPlan) -> Iterator[TermSpec]:
    if isinstance(plan, PTerm):
        yield plan.spec
    elif isinstance(plan, PNot):
        yield from plan_specs(plan.child)
    else:
        for child in plan.children:
            yield from plan_specs(child)


def dedupe(terms: list[MatchedTerm]) -> tuple[MatchedTerm, ...]:
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

    result = evaluate(compile_plan(query.root, _compile_standalone), lookup)
    return None if result is None else dedupe(result)


def plan_holds(plan: QueryPlan, present: Callable[[TermSpec], bool]) -> bool:
    """`evaluate` without the explanation: only whether the plan is true. Plain loops,
    no generator a node (the index verifies a dozen trees an article this way)."""
    if type(plan) is PTerm:
        return present(plan.spec)
    if type(plan) is PAnd:
        for child in plan.children:  # noqa: SIM110 (all() of a generator: slower)
            if not plan_holds(child, present):
                return False
        return True
    if type(plan) is POr:
        for child in plan.children:  # noqa: SIM110
            if plan_holds(child, present):
                return True
        return False
    assert isinstance(plan, PNot)
    return not plan_holds(plan.child, present)
