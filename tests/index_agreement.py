"""The check many matching test files make: the index finds exactly what the rules find.

`assert_index_agrees(queries, texts)` indexes the queries in one `SubscriptionIndex`
(each under its place in the list, or its key in the mapping) and, for each text, asks
`match_query` (the rules, one query at a time) which of them the text matches; the keys
`SubscriptionIndex.match` gives must be those, and so must `find`'s and `count`'s (once
each). A failure names the text and the way through the index that disagreed, and lists
the keys expected and not found, and found and not expected, with their queries.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence

from bot.matching.document import Document, prepare
from bot.matching.index import SubscriptionIndex
from bot.matching.plan import match_query
from bot.matching.query import parse_query
from bot.models import Article


def article(text: str) -> Document:
    """An article of that text (no title), ready for matching."""
    return prepare(Article(id="a", url="u", title="", text=text))


def assert_index_agrees(
    queries: Sequence[str] | Mapping[int, str],
    texts: Iterable[str],
    *,
    removed: Collection[int] = (),
) -> None:
    """Index the queries (then remove the keys in `removed`) and check each text against
    them: AssertionError at the first text on which the index and `match_query` differ."""
    held = dict(queries) if isinstance(queries, Mapping) else dict(enumerate(queries))
    parsed = {key: parse_query(query) for key, query in held.items()}
    index = SubscriptionIndex()
    for key, query in parsed.items():
        index.add(key, query)
    for key in removed:
        index.remove(key)
    live = {key: query for key, query in parsed.items() if key not in removed}
    for text in texts:
        doc = article(text)
        expected = {key for key, query in live.items() if match_query(query, doc) is not None}
        counted = index.count([doc])
        ways = {
            "match": [m.key for m in index.match(doc)],
            "find": list(index.find(doc).keys),
            "count": [key for key, n in counted.items() for _ in range(n)],
        }
        for way, keys in ways.items():
            if len(keys) != len(expected) or set(keys) != expected:
                raise AssertionError(_disagreement(way, text, held, expected, keys))


def _disagreement(
    way: str, text: str, queries: Mapping[int, str], expected: set[int], found: list[int]
) -> str:
    def listed(keys: Iterable[int]) -> str:
        return "".join(f"\n    {key}: {queries.get(key)!r}" for key in sorted(keys)) or " none"

    twice = sorted({key for key in found if found.count(key) > 1})
    lines = [
        f"index.{way} disagrees with match_query on {text!r}",
        f"  expected (match_query): {sorted(expected)}; found (index.{way}): {sorted(found)}",
        f"  expected, not found:{listed(expected - set(found))}",
        f"  found, not expected:{listed(set(found) - expected)}",
    ]
    if twice:
        lines.append(f"  found more than once:{listed(twice)}")
    return "\n".join(lines)


def assert_row(query: str, text: str, expected: bool, why: str) -> None:
    """A rule's table row: `match_query` matches the query in the text exactly when
    `expected` (`why` names the rule on failure), and the index agrees."""
    found = match_query(parse_query(query), article(text))
    assert (found is not None) is expected, why
    assert_index_agrees([query], [text])
