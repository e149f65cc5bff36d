"""`newsbot match` (DESIGN §5): dry-run queries against articles, for people and programs."""

from __future__ import annotations

import gc
import json
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import chain
from json.encoder import encode_basestring
from pathlib import Path
from typing import TextIO

from bot.cli.workers import chunks_of, parts_for, share
from bot.config import Settings
from bot.errors import NewsbotError, QueryError
from bot.matching.document import prepare
from bot.matching.entries import SPREAD_FROM
from bot.matching.index import SubscriptionIndex
from bot.models import Article
from bot.reading.sources import read_source

# The cyclic collector's first-generation threshold while the command runs: matching makes
# thousands of short-lived containers an article, and with the default (700) the collector
# runs over them dozens of times an article (measured: 5-8x slower at 100,000 queries).
COLLECT_EVERY = 100_000


def read_query_texts(queries: list[str], queries_file: str | None) -> list[str]:
    """The -q queries then the file's (one a line; blank lines and # comments skipped)."""
    texts = list(queries)
    if queries_file is not None:
        try:
            lines = Path(queries_file).read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            reason = exc.strerror or str(exc)
            raise NewsbotError(f"{queries_file}: cannot read the queries file ({reason})") from exc
        except UnicodeDecodeError:
            raise NewsbotError(f"{queries_file}: the queries file is not UTF-8 text") from None
        found = [line for line in lines if (bare := line.strip()) and not bare.startswith("#")]
        if not found:
            raise NewsbotError(f"{queries_file}: the queries file holds no query")
        texts.extend(found)
    return texts


def build_index(
    texts: list[str], *, max_length: int, spread_from: int = SPREAD_FROM
) -> tuple[SubscriptionIndex, list[int]]:
    """The index of the distinct query texts, and each query's key in it (a text given
    many times is matched once: the same answer for each); QueryError for the first query
    that does not parse. `spread_from`: see SubscriptionIndex."""
    keys = {text: key for key, text in enumerate(dict.fromkeys(texts))}
    index = SubscriptionIndex(spread_from=spread_from)
    index.prepare()  # as the bot does at start-up: no article builds a table
    with _collector_paused():
        stored = [(key, text) for text, key in keys.items()]
        refused = index.add_stored(stored, max_length=max_length)
    if refused:
        _, text, error = refused[0]
        raise QueryError(f"query {text.strip()!r}: {error}")
    return index, [keys[text] for text in texts]


def match_command(
    queries: list[str],
    queries_file: str | None,
    sources: list[str],
    *,
    fmt: str,
    settings: Settings,
    out: TextIO,
    jobs: int = 1,
) -> int:
    """Print every (article, query) match, or with `counts` each query's number of
    matching articles; 0 whether or not anything matched. The articles are shared by up
    to `jobs` processes (bot.cli.workers: only with enough articles; AUTO: as the cores and
    memory allow), with the same output."""
    texts = read_query_texts(queries, queries_file)
    count = 0
    with _collector_tuned():
        # Counting tallies OR queries by side (SubscriptionIndex.count): with their keys in
        # side arrays at any size, a step per present side instead of per key (~25% of the
        # time at 100,000 queries); explaining every match keeps the size's default.
        spread_from = 0 if fmt == "counts" else SPREAD_FROM
        index, keys = build_index(
            texts, max_length=settings.max_query_length, spread_from=spread_from
        )
        articles: list[Article] = []
        for source in sources:  # all read first: an unreadable source fails before any output
            articles.extend(read_source(source, settings=settings))
        parts = parts_for(jobs, len(articles))
        if parts > 1:
            gc.freeze()  # the articles too: no collection in a child touches their pages
        if fmt == "counts":
            _write_counts(index, keys, articles, out, parts=parts)
        else:
            count = _write_matches(index, keys, articles, fmt, out, parts=parts)
    if fmt == "text":
        out.write(
            f"{_count(count, 'match', 'matches')}: {_count(len(texts), 'query', 'queries')}"
            f" × {_count(len(articles), 'article', 'articles')}\n"
        )
    return 0


def _write_counts(
    index: SubscriptionIndex,
    keys: list[int],
    articles: list[Article],
    out: TextIO,
    *,
    parts: int = 1,
) -> None:
    """One line per query, in order: how many articles it matches (no explanation)."""

    # Tallied by what holds the keys in the index, not key by key (SubscriptionIndex.count);
    # each process tallies the chunks of articles it takes, and the tallies are added up.
    chunks = chunks_of(len(articles), parts)

    def tally(taken: Iterator[int]) -> dict[int, int]:
        return index.count(map(prepare, (articles[at] for c in taken for at in chunks[c])))

    tallies = share(tally, len(chunks), parts)
    counts = tallies[0]
    for more in tallies[1:]:
        for key, n in more.items():
            counts[key] = counts.get(key, 0) + n
    # Each distinct query as a JSON string once (what json.dumps(text, ensure_ascii=False)
    # gives, without a new encoder a call: ~2 s of the start-up at 1,000,000 queries).
    dumped = {key: encode_basestring(index.query_of(key)) for key in dict.fromkeys(keys)}
    out.writelines(f'{{"query": {dumped[key]}, "matches": {counts.get(key, 0)}}}\n' for key in keys)


def _write_matches(
    index: SubscriptionIndex,
    keys: list[int],
    articles: list[Article],
    fmt: str,
    out: TextIO,
    *,
    parts: int = 1,
) -> int:
    """Every (article, query) match explained, queries in order within an article; the
    number of matches."""
    lines: dict[int, list[int]] = {}  # key → the positions of the queries it stands for
    for line, key in enumerate(keys):
        lines.setdefault(key, []).append(line)
    if parts == 1:  # written as found
        count = 0
        for article in articles:
            text, n = _explained(index, keys, lines, article, fmt)
            out.write(text)
            count += n
        return count

    # Each process explains the chunks of articles it takes; written in article order.
    chunks = chunks_of(len(articles), parts)

    def explain(taken: Iterator[int]) -> tuple[dict[int, str], int]:
        texts: dict[int, str] = {}
        count = 0
        for c in taken:
            found = [_explained(index, keys, lines, articles[at], fmt) for at in chunks[c]]
            texts[c] = "".join(text for text, _ in found)
            count += sum(n for _, n in found)
        return texts, count

    results = share(explain, len(chunks), parts)
    texts = {c: text for got, _ in results for c, text in got.items()}
    out.writelines(texts[c] for c in range(len(chunks)))
    return sum(n for _, n in results)


def _explained(
    index: SubscriptionIndex,
    keys: list[int],
    lines: dict[int, list[int]],
    article: Article,
    fmt: str,
) -> tuple[str, int]:
    """The output of one article's matches, and how many there are."""
    found = index.find(prepare(article))
    written: list[str] = []
    count = 0
    for line in sorted(chain.from_iterable(map(lines.__getitem__, found.keys))):
        key = keys[line]
        query = index.query_of(key)
        terms = found.explain(key)
        count += 1
        if fmt == "jsonl":
            record = {
                "article_id": article.id,
                "query": query,
                "terms": [t.article_word for t in terms],
                "matched": [
                    {"query_term": t.query_term, "article_word": t.article_word, "how": t.how}
                    for t in terms
                ],
                "title": article.title,
                "url": article.url,
            }
            written.append(json.dumps(record, ensure_ascii=False) + "\n")
        else:
            labels = ", ".join(t.label for t in terms)
            written.append(f"{query}\t{article.title or article.id}\n")
            written.append(f"    matched: {labels}\n")
            if article.url:
                written.append(f"    {article.url}\n")
    return "".join(written), count


@contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic collection while the index is built (millions of objects, none garbage),
    then those objects moved out of the collector's way for the rest of the command."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


@contextmanager
def _collector_tuned() -> Iterator[None]:
    """This command is its process's composition root, so it tunes the collector (the
    matcher leaves it alone): first-generation collections only every COLLECT_EVERY
    allocations. Everything is put back afterwards (tests call the command in-process)."""
    threshold = gc.get_threshold()
    gc.set_threshold(COLLECT_EVERY, *threshold[1:])
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"
