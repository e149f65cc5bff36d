"""Articles made from the real texts of ../shared/corpora, for tests that need many long ones."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.models import Article

LONG_TEXT = 20_000  # characters: the article store's cap on one text


def long_reports(shared_dir: Path, count: int = 300) -> list[Article]:
    """Real article texts (scrapinghub's ground truth) run together to LONG_TEXT characters,
    `count` of them a minute apart, newest first; every third is titled on Tartus."""
    truth = shared_dir / "corpora" / "articles" / "scrapinghub" / "ground-truth.json"
    bodies = [v["articleBody"] for v in json.loads(truth.read_text()).values()]
    now = datetime.now(UTC)
    articles = []
    for n in range(count):
        text = ""
        for body in bodies[n % len(bodies) :] + bodies:
            if len(text) >= LONG_TEXT:
                break
            text += body + "\n"
        title = f"Report {n} on Tartus harbour" if n % 3 == 0 else f"Report {n}"
        when = now - timedelta(minutes=n)
        articles.append(
            Article(
                id=f"a{n}",
                url=f"https://a.example/{n}",
                title=title,
                text=text[:LONG_TEXT],
                published=when,
                seen=when,
            )
        )
    return articles
