"""`newsbot match` (DESIGN §5): dry-run queries against articles, for people and programs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TextIO

from bot.config import Settings
from bot.errors import NewsbotError, QueryError
from bot.matching.document import prepare
from bot.matching.index import SubscriptionIndex
from bot.matching.query import Query, parse_query
from bot.models import Article
from bot.reading.sources import read_source


def read_queries(queries: list[str], queries_file: str | None, *, max_length: int) -> list[Query]:
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
        if not any(line.strip() and not line.lstrip().startswith("#") for line in lines):
            raise NewsbotError(f"{queries_file}: the queries file holds no query")
        texts.extend(line for line in lines if line.strip() and not line.lstrip().startswith("#"))
    parsed = []
    for text in texts:
        try:
            parsed.append(parse_query(text, max_length=max_length))
        except QueryError as exc:
            raise QueryError(f"query {text.strip()!r}: {exc}") from exc
    return parsed


def match_command(
    queries: list[str],
    queries_file: str | None,
    sources: list[str],
    *,
    fmt: str,
    settings: Settings,
    out: TextIO,
) -> int:
    """Print every (article, query) match; 0 whether or not anything matched."""
    parsed = read_queries(queries, queries_file, max_length=settings.max_query_length)
    articles: list[Article] = []
    for source in sources:  # all read first: an unreadable source fails before any output
        articles.extend(read_source(source, settings=settings))
    index = SubscriptionIndex()
    for number, query in enumerate(parsed):
        index.add(number, query)
    count = 0
    for article in articles:
        for match in sorted(index.match(prepare(article)), key=lambda m: m.key):
            query = parsed[match.key]
            count += 1
            if fmt == "jsonl":
                record = {
                    "article_id": article.id,
                    "query": query.normalised,
                    "terms": [t.article_word for t in match.terms],
                    "matched": [
                        {"query_term": t.query_term, "article_word": t.article_word, "how": t.how}
                        for t in match.terms
                    ],
                    "title": article.title,
                    "url": article.url,
                }
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
            else:
                labels = ", ".join(t.label for t in match.terms)
                out.write(f"{query.normalised}\t{article.title or article.id}\n")
                out.write(f"    matched: {labels}\n")
                if article.url:
                    out.write(f"    {article.url}\n")
    if fmt != "jsonl":
        out.write(
            f"{_count(count, 'match', 'matches')}: {_count(len(parsed), 'query', 'queries')}"
            f" × {_count(len(articles), 'article', 'articles')}\n"
        )
    return 0


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"
