"""`newsbot match --jobs`: the articles split over processes forked after the index is built.

The children are forked (os.fork, whatever the default start method of a later Python), so
each one shares the index the parent built, page by page, copy-on-write: nothing is rebuilt
or pickled but the children's results. The parent works too: every process takes chunks of
articles from a queue they share until none is left, then the parent collects the
children's results; a child that fails makes the whole command fail with one line, before
anything is written.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import pickle
import signal
import struct
import sys
from collections.abc import Callable, Iterator
from typing import NoReturn, TypeVar, cast

from bot.errors import NewsbotError

T = TypeVar("T")

# Fewest articles a process is given: below that the command stays in one process. Each
# process beyond the first costs CPU of its own: the copies of the index pages it or the
# parent then write (reference counts; ~150 MB of the 100k index, ~500 MB of the 1M one) and
# the words its caches meet anew (measured at 100k on articles never seen: +80 ms with 50
# articles, +180-270 ms with 200-1,057; benchmarks/match_jobs_breakeven.py). With a core
# free for it, two processes pay from a few dozen articles; with no core free, that CPU is
# lost (~20 % more at 400). 200 articles a process (~0.4 s of work at 100k) keeps the cost
# to a fraction of each part's work.
MIN_PER_WORKER = 200

AUTO = 0  # `--jobs auto`: the usable cores, as many as the memory budget allows
# `auto` keeps the command's estimated peak (this process's resident set once the index is
# built, and half of it again for each further process) under issue 9's 2 GB bar: each
# process beyond the first made the tree's proportional set size grow by 0.40 of the index
# process's resident set at 100k queries (388 → 544 MB) and 0.47 at 1M (1,072 → 1,579 MB;
# 2,153 MB with three processes). So at 1M `auto` runs two processes at most; `--jobs N`
# is taken as given.
MEMORY_BUDGET_MB = 2048.0
GROWTH = 0.5


class WorkerError(NewsbotError):
    """A worker process failed: the command fails, nothing is written."""


def parse_jobs(value: str) -> int:
    """`--jobs N`, or `auto`: AUTO (see parts_for)."""
    if value == "auto":
        return AUTO
    try:
        jobs = int(value)
    except ValueError:
        jobs = 0
    if jobs < 1:
        raise argparse.ArgumentTypeError(f"expected a number of processes ≥ 1 or auto: {value!r}")
    return jobs


def parts_for(jobs: int, items: int) -> int:
    """How many processes share `items` articles: at most `jobs`, each with at least
    MIN_PER_WORKER articles (so one for a small run: no fork at all). With AUTO, at most
    the cores this process may run on (1 under `taskset -c 0`) and what the memory budget
    allows with the index this process holds now."""
    if jobs == AUTO:
        jobs = min(len(os.sched_getaffinity(0)), _memory_allows(resident_mb()))
    return max(1, min(jobs, items // MIN_PER_WORKER))


def _memory_allows(resident: float) -> int:
    if resident <= 0:  # not known here
        return sys.maxsize
    return 1 + max(0, int((MEMORY_BUDGET_MB - resident) / (GROWTH * resident)))


def resident_mb() -> float:
    """This process's resident set in MB (Linux's /proc/self/statm), 0 if unknown."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            pages = int(statm.read().split()[1])
    except (OSError, ValueError, IndexError):
        return 0.0
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


# Chunks a process takes at a time from the queue: about 16 a process, of at least
# MIN_CHUNK articles. A process on a busy core takes fewer of them (a fixed share each made
# the command wait for the slowest: slower with two processes than with one, measured with
# the other core busy), and at the end the processes wait at most a chunk for each other.
CHUNKS_A_PROCESS = 16
MIN_CHUNK = 25


def chunks_of(items: int, parts: int) -> list[range]:
    """`range(items)` cut into the chunks `parts` processes share (one for one process)."""
    if parts <= 1:
        return [range(items)]
    size = max(MIN_CHUNK, -(-items // min(parts * CHUNKS_A_PROCESS, MAX_CHUNKS)))
    return [range(start, min(start + size, items)) for start in range(0, items, size)]


def share(work: Callable[[Iterator[int]], T], chunks: int, parts: int) -> list[T]:
    """work(taken) once in each of `parts` processes (this one, and children forked now),
    where `taken` yields the numbers of the chunks that process takes, in increasing order,
    from a queue of 0 … chunks - 1 they all share: each chunk is taken by exactly one
    process, whichever is free first. The results, this process's first."""
    if parts <= 1:
        return [work(iter(range(chunks)))]
    if chunks * _TOKEN.size > _PIPE_HOLDS:
        raise ValueError(f"{chunks} chunks: at most {MAX_CHUNKS}")
    # The queue: every chunk number written now into a pipe no process writes to again;
    # a read of one number is atomic (a pipe is read under its lock, and every read asks
    # for exactly one whole number), and the pipe's end reads as empty.
    read, write = os.pipe()
    try:
        os.write(write, b"".join(map(_TOKEN.pack, range(chunks))))
    finally:
        os.close(write)

    def taken() -> Iterator[int]:
        while token := os.read(read, _TOKEN.size):
            yield _TOKEN.unpack(token)[0]

    try:
        return run_parts(lambda part, parts: work(taken()), parts)
    finally:
        os.close(read)


_TOKEN = struct.Struct("<I")
_PIPE_HOLDS = 4096  # bytes: a pipe holds at least a page (Linux: 64 KiB), so no wait
MAX_CHUNKS = _PIPE_HOLDS // _TOKEN.size


def run_parts(work: Callable[[int, int], T], parts: int) -> list[T]:
    """[work(0, parts), …, work(parts - 1, parts)]: part 0 in this process, each other part
    in a child forked now; WorkerError (after every child is gone) if any of them fails."""
    if parts <= 1:
        return [work(0, 1)]
    sys.stdout.flush()  # nothing buffered may be written twice (a child never flushes)
    sys.stderr.flush()
    children: dict[int, tuple[int, int]] = {}  # part → (pid, read end of its pipe)
    try:
        for part in range(1, parts):
            read, write = os.pipe()
            pid = os.fork()
            if pid == 0:  # the child: its part, its result down the pipe, and out
                os.close(read)
                for _, other in children.values():
                    os.close(other)
                _child(work, part, parts, write)
            os.close(write)
            children[part] = (pid, read)
        results = [work(0, parts)]
        for part in range(1, parts):
            pid, read = children.pop(part)
            results.append(cast("T", _collect(part, pid, read)))
        return results
    finally:  # this process failed or was interrupted: the children are stopped and reaped
        for pid, read in children.values():
            os.close(read)
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)
            os.waitpid(pid, 0)


def _child(work: Callable[[int, int], T], part: int, parts: int, write: int) -> NoReturn:
    code = 0
    try:
        try:
            payload = pickle.dumps((True, work(part, parts)), pickle.HIGHEST_PROTOCOL)
        except BaseException as exc:
            reason = " ".join(f"{type(exc).__name__}: {exc}".split())  # one line
            payload = pickle.dumps((False, reason))
            code = 1
        with os.fdopen(write, "wb") as pipe:
            pipe.write(payload)
    finally:
        os._exit(code)  # no atexit handler, no buffer of the parent's flushed again


def _collect(part: int, pid: int, read: int) -> object:
    with os.fdopen(read, "rb") as pipe:
        payload = pipe.read()
    _, status = os.waitpid(pid, 0)
    if payload:
        ok, result = pickle.loads(payload)
        if ok:
            return result
        raise WorkerError(f"worker process {part} failed: {result}")
    code = os.waitstatus_to_exitcode(status)
    how = f"signal {-code}" if code < 0 else f"exit code {code}"
    raise WorkerError(f"worker process {part} ended without a result ({how})")
