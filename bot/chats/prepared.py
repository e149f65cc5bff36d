"""The stored articles as matcher Documents, prepared once and kept in step with the store.

`PreparedArticles` wraps an ArticleStore: the newest `window` articles (the most that
/latest and dry runs look at) are tokenised when they are stored or at start-up, never per
command, and dropped when they are pruned or fall out of the window. It also keeps the
vocabulary of those documents, so a query's typo-tolerant words are compared with each
distinct article word once instead of once per article (`needles`).
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections import Counter
from collections.abc import Iterable, Sequence, Set
from datetime import datetime, timedelta

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.matching.document import Document, prepare
from bot.matching.forms import skeleton
from bot.matching.lexicon import Lexicon, load_lexicon
from bot.matching.plan import read_together
from bot.matching.query import And, Node, Not, Or, Phrase, Query, Term
from bot.matching.terms import TermSpec, accepts, compile_term
from bot.models import Article
from storage.base import ArticleStore, NewArticles, Settle

log = logging.getLogger(__name__)

# The newest articles kept prepared: what /latest scans (bot.chats.latest.LATEST_SCAN).
DEFAULT_WINDOW = 2000
# Article words as written, shared by every document (most words recur across articles):
# halves a document's memory. Bounded like the matcher's own table of folded words.
MAX_SHARED_WORDS = 400_000


class PreparedArticles:
    """An ArticleStore whose newest `window` articles are kept as prepared Documents.

    Use it in place of the store (the poller adds and prunes through it). Thread-safe: the
    poller adds from a worker thread while searches read from another.
    """

    def __init__(
        self,
        store: ArticleStore,
        *,
        window: int = DEFAULT_WINDOW,
        lexicon: Lexicon | None = None,
    ) -> None:
        self.store = store
        self.window = window
        self.lexicon = lexicon or load_lexicon()
        self._lock = threading.Lock()
        self._docs: dict[str, tuple[Article, Document]] = {}
        # The typo-candidate words of the held documents: how many documents hold each,
        # grouped by length (for the edit-distance scan) and by consonant skeleton.
        self._vocab: Counter[str] = Counter()
        self._by_length: dict[int, set[str]] = {}
        self._by_skeleton: dict[str, set[str]] = {}
        self._near: dict[tuple[int, int], list[str]] = {}  # by (length, edits), until a change
        self._words: dict[str, str] = {}
        self.prepared = 0  # how many documents were built (a test checks "once per article")
        self._stopping = threading.Event()
        self._warming: asyncio.Task[int] | None = None

    # -- ArticleStore ------------------------------------------------------------------

    def add(self, articles: Sequence[Article]) -> None:
        self.store.add(articles)
        try:
            stored = (self.store.get(a.id) for a in articles)
            self._prepare([a for a in stored if a is not None])
            self._trim()
        except Exception:  # stored all the same: a search prepares what it needs itself
            log.exception("preparing %d new articles failed", len(articles))

    def mark(self) -> int:
        return self.store.mark()

    def add_new(
        self, *, after: int, settle: Settle, stories: Set[str] = frozenset()
    ) -> NewArticles:
        added = self.store.add_new(after=after, settle=settle, stories=stories)
        try:
            self._prepare(added.stored)
            self._trim()
        except Exception:  # stored all the same: a search prepares what it needs itself
            log.exception("preparing %d new articles failed", len(added.stored))
        return added

    def handed(self, article_ids: Sequence[str]) -> None:
        self.store.handed(article_ids)

    def unhanded(self, *, older_than: timedelta, limit: int) -> list[Article]:
        return self.store.unhanded(older_than=older_than, limit=limit)

    def get(self, article_id: str) -> Article | None:
        return self.store.get(article_id)

    def get_by_url(self, url: str) -> Article | None:
        return self.store.get_by_url(url)

    def recent(self, limit: int) -> list[Article]:
        return self.store.recent(limit)

    def since(self, when: datetime) -> list[Article]:
        return self.store.since(when)

    def prune(self, now: datetime) -> int:
        dropped = self.store.prune(now)
        if dropped:
            self._trim()
        return dropped

    def __len__(self) -> int:
        return len(self.store)

    def close(self) -> None:
        self.store.close()

    # -- start-up (a background item of the app) ---------------------------------------

    async def start(self) -> None:
        """Prepare the articles stored before start-up, in a worker thread, without
        delaying start-up (a search meanwhile prepares what it needs itself)."""
        self._stopping.clear()
        self._warming = asyncio.create_task(asyncio.to_thread(self._warm_logged))

    async def stop(self) -> None:
        self._stopping.set()  # the warm-up ends after the article it is preparing
        if self._warming is not None:
            await self._warming

    def _warm_logged(self) -> int:
        try:
            count = self.warm()
        except Exception:  # searches still prepare what they need: degraded, not down
            log.exception("preparing the stored articles failed")
            return 0
        log.info("prepared %d stored articles for /latest and dry runs", count)
        return count

    # -- documents ---------------------------------------------------------------------

    def warm(self) -> int:
        """Prepare every article of the window not prepared yet (at start-up); how many."""
        before = self.prepared
        recent = self.store.recent(self.window)
        with self._lock:
            missing = [a for a in recent if not _holds(self._docs.get(a.id), a)]
        self._prepare(missing, until=self._stopping)
        return self.prepared - before

    def documents(self, limit: int) -> list[tuple[Article, Document]]:
        """The newest `limit` stored articles (at most the window) with their Documents,
        newest first; an article not prepared yet (stored before start-up) is prepared now."""
        recent = self.store.recent(min(limit, self.window))
        with self._lock:
            cached = [self._docs.get(a.id) for a in recent]
        missing = [a for a, c in zip(recent, cached, strict=True) if not _holds(c, a)]
        if missing:
            self._prepare(missing)
            with self._lock:
                cached = [self._docs.get(a.id) for a in recent]
        return [(a, c[1]) for a, c in zip(recent, cached, strict=True) if c is not None]

    def document(self, article: Article) -> Document:
        """The article's Document: the held one when it was prepared as stored (the alert
        side matches new stories right after the poller stored them), else a new one."""
        with self._lock:
            held = self._docs.get(article.id)
        if held is not None and _holds(held, article):
            return held[1]
        return prepare(article, lexicon=self.lexicon)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._docs

    def cached(self) -> int:
        """How many documents are held (at most the window, plus one batch until trimmed)."""
        return len(self._docs)

    def needles(self, query: Query) -> dict[int, frozenset[str]]:
        """For each Term/Phrase node of the query (by id), the words an article must contain
        for that node to match: its exact forms, the first word of each multi-word form,
        and every prepared article word its typo rule accepts. A sound pre-filter: an
        article holding none of them cannot match the node."""
        found = {id(node): self._needles_of(node) for node in _leaves(query.root)}
        # Words the plan also reads as one term (`Tal Abyad`: "Tell Abyad"; `wild fire`:
        # wildfire; `Kurdistan Workers' Party`: PKK): that term's words are each one's too.
        for node in _ands(query.root):
            for run, together in read_together(node):
                more = self._needles_of(together)
                for child in run:
                    if found[id(child)] is not ANY_WORD:
                        found[id(child)] = ANY_WORD if more is ANY_WORD else found[id(child)] | more
        return found

    def _needles_of(self, node: Term | Phrase) -> frozenset[str]:
        spec = compile_term(node, self.lexicon)
        if spec.upper:  # an acronym may be spelled out (SNC: Sierra Nevada Corporation)
            return ANY_WORD
        words = set(spec.single)
        words.update(form[0] for form, _how in spec.multi)
        if spec.fuzzy:
            words.update(self._typos(spec))
        return frozenset(words)

    # -- inside ------------------------------------------------------------------------

    def _prepare(
        self, articles: Iterable[Article], *, until: threading.Event | None = None
    ) -> None:
        for article in articles:
            if until is not None and until.is_set():
                return
            doc = prepare(article, lexicon=self.lexicon)
            shared = self._words
            if len(shared) >= MAX_SHARED_WORDS:
                shared.clear()
            doc.surface = [shared.setdefault(w, w) for w in doc.surface]
            with self._lock:
                old = self._docs.get(article.id)
                if old is not None:
                    self._forget_words(old[1])
                self._docs[article.id] = (article, doc)
                self._count_words(doc)
                self.prepared += 1

    def _trim(self) -> None:
        """Drop the documents of articles pruned or pushed out of the window."""
        keep = {a.id for a in self.store.recent(self.window)}
        with self._lock:
            for article_id in [i for i in self._docs if i not in keep]:
                _, doc = self._docs.pop(article_id)
                self._forget_words(doc)

    def _typos(self, spec: TermSpec) -> set[str]:
        """The held words the term's typo rule accepts. The rule (bot.matching.index.accepts)
        takes a word only when its skeleton equals the term's or it is within `spec.reach`
        edits: those candidates are found by a look-up and one edit-distance scan in C,
        then each is judged by the rule itself."""
        key = (len(spec.word), spec.reach)
        with self._lock:
            near = self._near.get(key)
            if near is None:
                lengths = range(key[0] - key[1], key[0] + key[1] + 1)
                near = self._near[key] = [w for n in lengths for w in self._by_length.get(n, ())]
            candidates = set(self._by_skeleton.get(spec.skeleton, ()))
        close = process.extract(
            spec.word, near, scorer=OSA.distance, score_cutoff=spec.reach, limit=None
        )
        candidates.update(word for word, _distance, _at in close)
        return {w for w in candidates if accepts(spec, w, self.lexicon)}

    def _count_words(self, doc: Document) -> None:
        vocab = self._vocab
        for word in doc.fuzzy:
            vocab[word] += 1
            if vocab[word] == 1:
                self._by_length.setdefault(len(word), set()).add(word)
                self._by_skeleton.setdefault(skeleton(word), set()).add(word)
                self._near.clear()

    def _forget_words(self, doc: Document) -> None:
        vocab = self._vocab
        for word in doc.fuzzy:
            vocab[word] -= 1
            if vocab[word] <= 0:
                del vocab[word]
                self._by_length[len(word)].discard(word)
                shape = skeleton(word)
                self._by_skeleton[shape].discard(word)
                if not self._by_skeleton[shape]:
                    del self._by_skeleton[shape]
                self._near.clear()


def _holds(cached: tuple[Article, Document] | None, article: Article) -> bool:
    # The same id stored again with other content (a corrected article) is prepared again.
    return cached is not None and (cached[0] is article or cached[0] == article)


def _leaves(node: Node) -> Iterable[Term | Phrase]:
    if isinstance(node, Term | Phrase):
        yield node
    elif isinstance(node, Not):
        yield from _leaves(node.child)
    else:
        for child in node.children:
            yield from _leaves(child)


def _ands(node: Node) -> Iterable[And]:
    if isinstance(node, Not):
        yield from _ands(node.child)
    elif isinstance(node, And | Or):
        if isinstance(node, And):
            yield node
        for child in node.children:
            yield from _ands(child)


ANY_WORD: frozenset[str] = frozenset({""})  # needles of a node no word look-up can rule out


def may_match(node: Node, doc: Document, needles: dict[int, frozenset[str]]) -> bool:
    """False only when the document cannot satisfy the query (see `needles`)."""
    if isinstance(node, Term | Phrase):
        vocab = doc.vocab
        words = needles[id(node)]
        return words is ANY_WORD or any(w in vocab for w in words)
    if isinstance(node, Not):
        return True  # whether the excluded words are there is left to the matcher
    if isinstance(node, And):
        return all(may_match(c, doc, needles) for c in node.children)
    assert isinstance(node, Or)
    return any(may_match(c, doc, needles) for c in node.children)
