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
