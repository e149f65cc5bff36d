"""`newsbot parse [--format text|jsonl] SOURCE`: print the articles the bot reads (DESIGN §5)."""

from __future__ import annotations

import json
import sys
from typing import TextIO

from bot.config import Settings
from bot.errors import NewsbotError
from bot.models import Article
from bot.reading.articles import article_to_json
from bot.reading.sources import read_source

FORMATS = ("text", "jsonl")


def parse_command(
    source: str, *, fmt: str, settings: Settings, out: TextIO, err: TextIO | None = None
) -> int:
    """Print every article of `source`; 0 on success, NewsbotError when unreadable.

    A readable source without articles (an empty feed) is no error, but says so on `err`
    (stderr by default), so that an empty output is never a puzzle.
    """
    if fmt not in FORMATS:
        raise NewsbotError(f"unknown format {fmt!r}: use text or jsonl")
    articles = read_source(source, settings=settings)
    if not articles:
        print(f"newsbot: {source}: no articles in it", file=err or sys.stderr)
    for number, article in enumerate(articles, 1):
        if fmt == "jsonl":
            out.write(json.dumps(article_to_json(article), ensure_ascii=False) + "\n")
        else:
            out.write(format_article(article, number) + "\n")
    return 0


def format_article(a: Article, number: int = 1) -> str:
    """An article for people: title, date, link, source, summary and the text matched."""
    when = a.published.strftime("%d %b %Y %H:%M UTC") if a.published else "date unknown"
    lines = [
        f"[{number}] {a.title}",
        f"date:    {when}",
        f"link:    {a.url or '(none)'}",
    ]
    if a.source:
        lines.append(f"source:  {a.source}")
    lines.append(f"summary: {a.summary or '(none)'}")
    lines.append("text:")
    lines.extend(f"    {paragraph}" for paragraph in a.text.split("\n\n") if paragraph)
    return "\n".join(lines) + "\n"
