"""Every feed of ../shared/corpora/feeds/ through the real polling path, from a local server.

Real feeds must give the entry count and title feedparser 6.0.14 reports (INVENTORY.tsv).
Documented differences: JSON Feeds, which feedparser does not read (0 entries there),
are read by us and checked against their own `items`; INVENTORY cuts titles at 60
characters. Malformed feeds give what can be read, and a logged warning.
"""

from __future__ import annotations

import csv
import json
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.reading.articles import clean_text
from bot.reading.pollsteps import PollResult
from bot.text import one_line
from tests.fakes.feed_server import FeedServer, poller_for

pytestmark = [pytest.mark.corpus, pytest.mark.slow]


@pytest.fixture(scope="module")
def server() -> Iterator[FeedServer]:
    with FeedServer() as s:
        yield s


def _serve_all(server: FeedServer, root: Path) -> dict[str, Path]:
    urls = {}
    for number, file in enumerate(sorted(p for p in root.rglob("*") if p.is_file())):
        urls[server.serve_file(f"/{root.name}/{number}/{file.name}", file)] = file
    return urls


async def _poll_all(server: FeedServer, root: Path, tmp_path: Path) -> dict[Path, PollResult]:
    urls = _serve_all(server, root)
    async with poller_for(tmp_path, list(urls)) as h:
        results = await h.poller.poll_all()
    return {urls[r.url]: r for r in results}


def _no_unhandled_error(results: dict[Path, PollResult]) -> None:
    crashed = {str(p): r.error for p, r in results.items() if "internal error" in r.error}
    assert crashed == {}


async def test_real_feeds_match_the_inventory(
    shared_dir: Path, server: FeedServer, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    root = shared_dir / "corpora" / "feeds" / "real"
    with caplog.at_level(logging.WARNING, logger="bot.reading"):
        results = await _poll_all(server, root, tmp_path)
    _no_unhandled_error(results)
    with (root / "INVENTORY.tsv").open(encoding="utf-8") as handle:
        inventory = list(csv.DictReader(handle, delimiter="\t"))
    assert len(inventory) > 300
    mismatches = []
    warned = {r.getMessage().split()[1] for r in caplog.records if "malformed" in r.getMessage()}
    for row in inventory:
        path = root / row["path"]
        result = results[path]
        if path.suffix == ".json":  # JSON Feed: feedparser reads none; we read its items
            try:
                document = json.loads(path.read_text(encoding="utf-8-sig"), strict=False)
            except ValueError:  # truncated JSON: nothing can be read, a recorded failure
                document = {}
            if not isinstance(document.get("items"), list):
                assert result.outcome == "failed", row["path"]  # JSON, but not a feed
                continue
            want_entries = len(document["items"])
            want_title = one_line(clean_text(document.get("title") or ""))
        else:
            want_entries = int(row["entries"])
            want_title = one_line(clean_text(row["title"]))
        if not row["version"] and want_entries == 0 and path.suffix != ".json":
            # Not a feed at all for feedparser either: a recorded failure, not a crash.
            assert result.outcome in ("ok", "failed")
            continue
        got = (result.outcome, result.entries, result.title[:60].rstrip())
        if got != ("ok", want_entries, want_title[:60].rstrip()):
            mismatches.append((row["path"], got, want_entries, want_title))
        if row["bozo"] == "1" and result.read and path.suffix != ".json":
            # A malformed feed that still yields entries is read, with a warning logged.
            assert result.warning, row["path"]
            assert result.url in warned, row["path"]
    assert mismatches == []


async def test_feedparser_suite_never_crashes_the_poller(
    shared_dir: Path, server: FeedServer, tmp_path: Path
) -> None:
    root = shared_dir / "corpora" / "feeds" / "feedparser-tests"
    results = await _poll_all(server, root, tmp_path)
    _no_unhandled_error(results)
    read = [r for r in results.values() if r.outcome == "ok"]
    assert len(read) >= 0.8 * len([p for p in results if p.suffix == ".xml"])
    # Files served with a charset in their Header: lines decode to real text, not mojibake.
    titles = " ".join(r.title for r in read) + " ".join(a.title for r in read for a in r.new)
    assert "\ufffd" not in titles or titles.count("\ufffd") < 5
