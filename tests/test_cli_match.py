"""`newsbot match` (DESIGN §5): text and JSONL output, query files, unreadable input."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli.match import match_command
from bot.config import Settings
from bot.errors import NewsbotError
from bot.matching.query import parse_query

ARTICLES = [
    {
        "id": "a1",
        "title": "Russian cargo plane leaves Syria",
        "summary": "",
        "text": "Planes left the Hmeimim air base. A naval base in Tartous stays.",
        "url": "https://example.org/a1",
    },
    {
        "id": "a2",
        "title": "Shelling of Kiev",
        "summary": "",
        "text": "Explosions were heard overnight.",
        "url": "https://example.org/a2",
    },
]


@pytest.fixture
def articles_file(tmp_path: Path) -> Path:
    path = tmp_path / "articles.jsonl"
    path.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    return path


def run(queries: list[str], sources: list[str], fmt: str, queries_file: str | None = None) -> str:
    out = io.StringIO()
    code = match_command(queries, queries_file, sources, fmt=fmt, settings=Settings(), out=out)
    assert code == 0
    return out.getvalue()


def test_jsonl_lists_one_line_per_match_with_the_article_words(articles_file: Path) -> None:
    output = run(["Khmeimim", "Kyiv", "Tartus  syria", "Iraq"], [str(articles_file)], "jsonl")
    records = [json.loads(line) for line in output.splitlines()]
    assert [(r["article_id"], r["query"], r["terms"]) for r in records] == [
        ("a1", "Khmeimim", ["Hmeimim"]),
        ("a1", "Tartus syria", ["Tartous", "Syria"]),
        ("a2", "Kyiv", ["Kiev"]),
    ]
    assert records[0]["matched"] == [
        {"query_term": "Khmeimim", "article_word": "Hmeimim", "how": "typo"}
    ]


def test_text_output_explains_matches_and_counts(articles_file: Path, tmp_path: Path) -> None:
    queries = tmp_path / "queries.txt"
    queries.write_text('# my queries\nKyiv OR kiev\n\n"air base"\n', encoding="utf-8")
    output = run([], [str(articles_file)], "text", str(queries))
    assert 'matched: "air base"' in output
    assert "matched: Kiev → Kyiv" in output
    assert output.endswith("2 matches: 2 queries × 2 articles\n")


def test_no_match_is_still_success(articles_file: Path) -> None:
    assert run(["Bolsonaro"], [str(articles_file)], "jsonl") == ""


@pytest.mark.parametrize(
    ("queries", "queries_file", "source", "message"),
    [
        (["syria"], None, "missing.jsonl", "missing.jsonl"),
        (['"air base'], None, None, "query '\"air base': A quotation mark is not closed"),
        ([], "no-such-queries.txt", None, "no-such-queries.txt: cannot read the queries file"),
    ],
)
def test_unreadable_input_raises_one_line_error(
    articles_file: Path,
    queries: list[str],
    queries_file: str | None,
    source: str | None,
    message: str,
) -> None:
    with pytest.raises(NewsbotError) as caught:
        run(queries, [source or str(articles_file)], "text", queries_file)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_command_line_end_to_end(articles_file: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "bot",
            "match",
            "-q",
            "Tartus",
            "--format",
            "jsonl",
            str(articles_file),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["terms"] == ["Tartous"]
    bad = subprocess.run(
        [sys.executable, "-m", "bot", "match", "-q", "(x", str(articles_file)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert bad.returncode == 2
    assert "parenthesis" in bad.stderr
    assert len(bad.stderr.strip().splitlines()) == 1


def expected_counts(queries: list[str], sources: list[str]) -> list[tuple[str, int]]:
    """Each query's number of matching articles, read from the explained JSONL output:
    the articles with a line for that query (a query given twice has two lines an article)."""
    records = [json.loads(line) for line in run(queries, sources, "jsonl").splitlines()]
    articles: dict[str, set[str]] = {}
    for record in records:
        articles.setdefault(record["query"], set()).add(record["article_id"])
    normalised = [parse_query(q).normalised for q in queries]
    return [(query, len(articles.get(query, ()))) for query in normalised]


def counts(queries: list[str], sources: list[str]) -> list[tuple[str, int]]:
    lines = run(queries, sources, "counts").splitlines()
    return [(r["query"], r["matches"]) for r in map(json.loads, lines)]


def test_counts_gives_one_line_per_query_in_order_with_its_number_of_articles(
    articles_file: Path,
) -> None:
    queries = ["Khmeimim", "Kyiv", "Tartus  syria", "Iraq", "Kyiv", "base OR Kiev", "base -Kiev"]
    assert counts(queries, [str(articles_file)]) == [
        ("Khmeimim", 1),
        ("Kyiv", 1),
        ("Tartus syria", 1),  # normalised as in the JSONL output
        ("Iraq", 0),  # a query that matches nothing still has its line
        ("Kyiv", 1),  # a query given twice: a line each
        ("base OR Kiev", 2),
        ("base -Kiev", 1),
    ]


def test_counts_agree_with_the_explained_jsonl_output_on_real_news(
    shared_dir: Path, seed_path: Path
) -> None:
    feed = "feeds/real/arminreiter-FeedReader/FeedReader.Tests/Feeds/Rss20IndianExpress.xml"
    sources = [str(shared_dir / "corpora" / feed), str(seed_path)]
    queries = ["Trump", "trump", "Pakistan OR Afghanistan", "police -Delhi", '"prime minister"']
    queries += ["Khmeimim", "Syria Russia", "Modi (China OR Pakistan)", "Kiev", "Trump"]
    found = counts(queries, sources)
    assert found == expected_counts(queries, sources)
    assert any(n for _, n in found)  # both kinds present: some match, some do not
    assert not all(n for _, n in found)


def test_counts_reports_a_bad_query_like_the_other_formats(articles_file: Path) -> None:
    with pytest.raises(NewsbotError, match=r"query '\(x': .*parenthesis"):
        run(["Kyiv", "(x"], [str(articles_file)], "counts")


def test_counts_from_the_command_line(articles_file: Path) -> None:
    command = ["match", "-q", "Tartus", "-q", "Lviv", "--format", "counts", str(articles_file)]
    done = subprocess.run(
        [sys.executable, "-m", "bot", *command],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert [json.loads(line) for line in done.stdout.splitlines()] == [
        {"query": "Tartus", "matches": 1},
        {"query": "Lviv", "matches": 0},
    ]


def test_a_query_given_twice_is_reported_twice_in_query_order(articles_file: Path) -> None:
    output = run(["Kiev", "Tartus", "Syria OR Kyiv", "Kiev"], [str(articles_file)], "jsonl")
    records = [json.loads(line) for line in output.splitlines()]
    assert [(r["article_id"], r["query"]) for r in records] == [
        ("a1", "Tartus"),
        ("a1", "Syria OR Kyiv"),
        ("a2", "Kiev"),
        ("a2", "Syria OR Kyiv"),
        ("a2", "Kiev"),
    ]
