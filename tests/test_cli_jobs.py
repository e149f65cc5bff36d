"""`newsbot match --jobs`: the articles shared by forked processes, the output unchanged."""

from __future__ import annotations

import argparse
import io
import os
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.__main__ import main
from bot.cli import workers
from bot.cli.match import match_command
from bot.cli.workers import WorkerError, chunks_of, parse_jobs, parts_for, run_parts, share
from bot.config import Settings
from bot.errors import NewsbotError
from bot.matching.index import SubscriptionIndex

FEED = "corpora/feeds/real/arminreiter-FeedReader/FeedReader.Tests/Feeds/Rss20IndianExpress.xml"
QUERIES = [
    "Trump",
    "trump",
    "Pakistan OR Afghanistan",
    "police -Delhi",
    '"prime minister"',
    "Modi (China OR Pakistan)",
    "Kiev",
    "cricket",
    "India",
    "Trump",
]


@pytest.fixture
def sources(shared_dir: Path, seed_path: Path) -> list[str]:
    return [str(shared_dir / FEED), str(seed_path)]  # 201 articles


@pytest.fixture
def forks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Small parts (20 articles), and the children this process forks."""
    monkeypatch.setattr(workers, "MIN_PER_WORKER", 20)
    forked: list[int] = []
    fork = os.fork

    def counted() -> int:
        pid = fork()
        if pid:
            forked.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", counted)
    return forked


def run(sources: list[str], fmt: str, jobs: int, queries: list[str] = QUERIES) -> str:
    out = io.StringIO()
    code = match_command(queries, None, sources, fmt=fmt, settings=Settings(), out=out, jobs=jobs)
    assert code == 0
    return out.getvalue()


@pytest.mark.parametrize("fmt", ["text", "jsonl", "counts"])
def test_every_format_writes_the_same_bytes_with_more_processes(
    sources: list[str], forks: list[int], fmt: str
) -> None:
    alone = run(sources, fmt, jobs=1)
    assert not forks
    assert alone.count("\n") >= len(QUERIES)  # output enough for its order to matter
    assert run(sources, fmt, jobs=2) == alone
    assert len(forks) == 1
    assert run(sources, fmt, jobs=3) == alone  # chunks of 25 articles, in article order
    assert len(forks) == 3


def test_the_text_summary_counts_the_matches_of_every_process(
    sources: list[str], forks: list[int]
) -> None:
    summary = run(sources, "text", jobs=2).splitlines()[-1]
    assert summary.endswith(" matches: 10 queries × 201 articles")
    assert forks
    assert summary == run(sources, "text", jobs=1).splitlines()[-1]


def test_a_small_run_stays_in_one_process(sources: list[str], forks: list[int]) -> None:
    run(sources[1:], "counts", jobs=8)  # one article
    assert not forks


def test_each_process_gets_enough_articles() -> None:
    assert parts_for(8, 399) == 1  # the real threshold: 200 articles a process
    assert parts_for(8, 400) == 2
    assert parts_for(2, 10_000) == 2
    assert parts_for(1, 10_000) == 1


def test_a_worker_that_fails_fails_the_command_with_nothing_written(
    sources: list[str], forks: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    parent = os.getpid()
    count = SubscriptionIndex.count

    def failing(self: SubscriptionIndex, docs: object) -> dict[int, int]:
        if os.getpid() != parent:
            raise RuntimeError("boom\non two lines")
        return count(self, docs)  # type: ignore[arg-type]

    monkeypatch.setattr(SubscriptionIndex, "count", failing)
    out = io.StringIO()
    with pytest.raises(NewsbotError) as caught:
        match_command(QUERIES, None, sources, fmt="counts", settings=Settings(), out=out, jobs=2)
    assert str(caught.value) == "worker process 1 failed: RuntimeError: boom on two lines"
    assert out.getvalue() == ""
    assert forks


def _part(fail: Callable[[], object]) -> Callable[[int, int], int]:
    def work(part: int, parts: int) -> int:
        if part == 1:
            fail()
        return part * 10 + parts

    return work


def test_parts_come_back_in_order() -> None:
    assert run_parts(_part(lambda: None), 3) == [3, 13, 23]
    assert run_parts(_part(lambda: None), 1) == [1]


def test_every_chunk_is_taken_by_one_process() -> None:
    taken = share(list, 200, 3)
    assert len(taken) == 3
    assert sorted(c for chunks in taken for c in chunks) == list(range(200))
    assert all(chunks == sorted(chunks) for chunks in taken)
    assert share(list, 5, 1) == [[0, 1, 2, 3, 4]]


@pytest.mark.parametrize(("items", "parts"), [(1057, 2), (400, 2), (10_000, 3), (10**6, 500)])
def test_chunks_cover_the_articles_once(items: int, parts: int) -> None:
    chunks = chunks_of(items, parts)
    assert [at for chunk in chunks for at in chunk] == list(range(items))
    assert min(map(len, chunks[:-1])) >= workers.MIN_CHUNK
    assert parts < len(chunks) <= workers.MAX_CHUNKS
    assert chunks_of(items, 1) == [range(items)]


def test_a_worker_killed_is_reported_in_one_line() -> None:
    with pytest.raises(
        WorkerError, match=r"^worker process 1 ended without a result \(signal 9\)$"
    ):
        run_parts(_part(lambda: os.kill(os.getpid(), signal.SIGKILL)), 3)


def test_a_failing_parent_stops_and_reaps_its_workers() -> None:
    def work(part: int, parts: int) -> int:
        if part == 0:
            raise ValueError("parent")
        signal.pause()  # until stopped
        return part

    before = _children()  # (earlier tests may have left servers of their own running)
    with pytest.raises(ValueError, match="parent"):
        run_parts(work, 3)
    assert _children() == before  # no worker left, not even a zombie


def _children() -> set[int]:
    """This process's child processes, zombies included (Linux's /proc)."""
    found: set[int] = set()
    for task in Path("/proc/self/task").iterdir():
        found.update(int(pid) for pid in (task / "children").read_text().split())
    return found


@pytest.mark.parametrize(("value", "jobs"), [("1", 1), ("4", 4), ("auto", workers.AUTO)])
def test_jobs_values(value: str, jobs: int) -> None:
    assert parse_jobs(value) == jobs


@pytest.mark.parametrize(
    ("resident_mb", "parts"),
    [
        (0.0, 8),  # unknown: the cores
        (388.0, 8),  # 100k queries: 388 MB, room for 8 processes under 2 GB
        (1084.0, 2),  # 1M queries: 1,084 MB, 3 processes measured 2,153 MB
        (1400.0, 1),
        (2100.0, 1),
    ],
)
def test_auto_takes_the_cores_as_memory_allows(
    monkeypatch: pytest.MonkeyPatch, resident_mb: float, parts: int
) -> None:
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(8)))
    monkeypatch.setattr(workers, "resident_mb", lambda: resident_mb)
    assert parts_for(workers.AUTO, 100_000) == parts
    assert parts_for(workers.AUTO, 300) == 1  # and never below 200 articles a process
    assert parts_for(12, 100_000) == 12  # a number is taken as given


def test_auto_is_one_process_under_taskset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0})
    assert parts_for(workers.AUTO, 100_000) == 1
    assert workers.resident_mb() > 0  # this process's, from /proc


@pytest.mark.parametrize("value", ["0", "-1", "two", "1.5", ""])
def test_bad_jobs_are_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], value: str, sources: list[str]
) -> None:
    with pytest.raises(argparse.ArgumentTypeError):
        parse_jobs(value)
    with pytest.raises(SystemExit) as done:
        main(["match", "-q", "Trump", "--jobs", value, *sources])
    assert done.value.code == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1, err
    assert err[0].startswith("newsbot match: argument --jobs: expected a number of processes")


def test_the_command_line_forks_and_writes_the_same_bytes(shared_dir: Path) -> None:
    feed = str(shared_dir / FEED)
    outputs = []
    for jobs in ("1", "2"):
        command = [sys.executable, "-m", "bot", "match", "--jobs", jobs, "--format", "text"]
        command += [arg for query in QUERIES for arg in ("-q", query)]
        done = subprocess.run(
            [*command, feed, feed],  # 400 articles: two processes
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]
    assert outputs[0].endswith(" × 400 articles\n")
