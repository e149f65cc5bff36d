"""CPU-heavy reading work (parsing feeds, extracting pages) in worker processes, with a
time limit, so that no document can hold the event loop or the CPU for long.

The limit is CPU time, so that a busy machine does not fail honest documents: the worker
stops a job past it (RLIMIT_CPU, then SIGXCPU). A job that does not stop (stuck in C code)
is killed with its worker past a wall-clock backstop, and the next job starts a fresh
one; a thread could not be stopped at all. Workers start on first use (spawned: the bot's
process has threads, and forking it could copy a held lock).

Memory is bounded too: each worker's data segment (RLIMIT_DATA: heap and private
mappings, which is where a parser's tree grows) is capped, so that a hostile document
fails its own job with a MemoryError instead of taking the bot over its memory bar. A job
that ran out of memory (even one whose library turned the MemoryError into an error of its
own) raises WorkOverMemory, and its worker is replaced by a fresh process; when that worker
had run other jobs before, the job is tried once more in the fresh one (so is a job whose
used worker died) (leftovers of
earlier jobs, caches and a fragmented heap, may have been what filled it). Workers are
also replaced every JOBS_PER_WORKER jobs. After every job
the worker hands freed heap back to the system (malloc_trim), so that an idle worker holds
its baseline, not its largest job.

Workers end with the bot's process, even when it is killed with -9 (PR_SET_PDEATHSIG on
Linux, a thread watching the parent id elsewhere): an orphan would hold its memory, and
the bot's stderr, for good.

Jobs wait for a worker in order of priority, then of arrival, and suspect jobs never hold
every worker at once: the poller marks as suspect the documents of feeds that failed at
their last poll and documents over 1 MB, so that a good feed's parse never waits behind a
hostile feed's jobs, only (at worst) behind one ordinary job.
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import ctypes.util
import importlib
import itertools
import logging
import math
import multiprocessing
import os
import resource
import signal
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import partial
from typing import TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")

WORKER_PROCESSES = 2
# Bytes of data segment (RLIMIT_DATA) per worker; its RSS can pass it by the ~16 MB of code
# and read-only data it maps. A worker with feedparser and trafilatura imported holds ~32-42
# MB of data (~45-58 MB RSS). Measured needs: real feeds (the largest, 1.6 MB) and all 1,130
# real article pages of ../shared/corpora/articles under 85 MB in a fresh worker; feeds of
# 20,000-30,000 entries, 4.3-4.8 MB, under 112 MB (their first entries pickled back; a
# 6.5 MB one needs 128); a 4.7 MB page of filler 130-160 MB (it fails: its entry keeps the
# feed's text); 1,000,000 nested elements (7 MB) ~480 MB: it fails at the cap after ~2 s of
# CPU instead of 14 s. The bot's own process takes up to ~190 MB under every attack at once.
MEMORY_LIMIT = 112 * 1024 * 1024
# A worker's memory creeps up over many jobs (the libraries' caches, a fragmented heap):
# after ~1,000 real pages in one worker, 14 pages that extract in under 75 MB in a fresh
# worker failed at the cap. So a worker is replaced after this many jobs (a fresh one
# costs ~1 s of CPU to import its libraries).
JOBS_PER_WORKER = 50
# Priorities of CpuWorkers.run: lower runs first.
URGENT, NORMAL, SUSPECT = 0, 1, 2
STARTUP_SECONDS = 60.0
# prctl's option giving a process a signal for its parent's death (linux/prctl.h), and how
# often a worker looks for its parent where that option does not exist.
PR_SET_PDEATHSIG = 1
PARENT_CHECK_SECONDS = 1.0
# Wall-clock backstop, as a multiple of the CPU limit: a loaded machine gives a worker a
# fraction of a core, and only a job that ignores its CPU limit should ever reach this.
WALL_FACTOR = 4.0


class CpuLimitExceeded(BaseException):
    """Raised inside a worker at its CPU limit; a BaseException, so that the libraries'
    own `except Exception` (feedparser keeps going after most errors) cannot swallow it."""


def _over_cpu_limit(signum: int, frame: object) -> None:
    raise CpuLimitExceeded


def _limited(job: Callable[[], T], cpu_seconds: float) -> T:
    """Run the job (in a worker) with at most `cpu_seconds` more CPU time; WorkOverMemory
    when it ran out of memory (the worker's data limit)."""
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    used = time.process_time()
    soft = math.ceil(used + cpu_seconds)
    if hard != resource.RLIM_INFINITY:
        soft = min(soft, hard)
    signal.signal(signal.SIGXCPU, _over_cpu_limit)
    resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))
    try:
        return job()
    except CpuLimitExceeded:
        raise WorkTimeout(f"over {cpu_seconds:g} s of CPU") from None
    except BaseException as exc:
        if not _out_of_memory(exc):
            raise
    finally:
        resource.setrlimit(resource.RLIMIT_CPU, (hard, hard))
        _trim()
    # Raised out of the handler, once the failed job's frames (and the tree they hold) are
    # freed: the exception must still be pickled to cross back, which takes memory.
    limit, hard = resource.getrlimit(resource.RLIMIT_DATA)
    # The worker is replaced after this job: lift its cap so that the exception and its
    # traceback can be pickled at all (the job's leftovers may still fill the heap).
    resource.setrlimit(resource.RLIMIT_DATA, (hard, hard))
    raise WorkOverMemory(f"over {_megabytes(limit)} of memory")


def _out_of_memory(exc: BaseException) -> bool:
    """Whether a MemoryError caused `exc`: feedparser and trafilatura catch it and raise
    their own errors (`raise ... from None` still keeps it as the context)."""
    seen: set[int] = set()
    cause: BaseException | None = exc
    while cause is not None and id(cause) not in seen:
        if isinstance(cause, MemoryError):
            return True
        seen.add(id(cause))
        cause = cause.__cause__ or cause.__context__
    return False


def _megabytes(limit: int | None) -> str:
    if limit is None or limit == resource.RLIM_INFINITY:
        return "no limit"
    return f"{limit / 2**20:.0f} MB"


_libc: ctypes.CDLL | None = None


def _trim() -> None:
    """Give freed heap back to the system (glibc keeps it otherwise): an idle worker then
    holds its baseline, not the peak of its largest job."""
    global _libc
    try:
        if _libc is None:
            _libc = ctypes.CDLL(ctypes.util.find_library("c"))
        _libc.malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: nothing to trim
        pass


class WorkTimeout(TimeoutError):
    """A job ran past its time limit; its worker was killed."""


class WorkerCrash(RuntimeError):
    """A worker died during a job (killed by the system, out of memory)."""


class WorkOverMemory(RuntimeError):
    """A job ran out of its worker's memory limit; the worker is replaced."""


def _ready() -> None:
    """A first job that waits for the worker to have started."""


def _start(module: str, memory_limit: int | None, parent: int | None = None) -> None:
    """A worker's start: tie its life to the `parent` process, import the job's module,
    then cap the data segment (the imports are not the job's memory)."""
    if parent is not None:
        _die_with_parent(parent)
    importlib.import_module(module)
    if memory_limit is not None:
        _, hard = resource.getrlimit(resource.RLIMIT_DATA)
        if hard != resource.RLIM_INFINITY:
            memory_limit = min(memory_limit, hard)
        resource.setrlimit(resource.RLIMIT_DATA, (memory_limit, hard))
    _trim()


def _die_with_parent(parent: int) -> None:
    """End this worker when the process that started it ends, even by kill -9 (nothing
    of the bot's runs then, and an orphan would keep its memory, and the bot's stderr
    open, for good): on Linux the kernel kills it (PR_SET_PDEATHSIG; the "parent" is the
    thread that spawned it: the event loop's, or the pool's manager thread replacing a
    worker, which both live as long as the pool); elsewhere a thread watches getppid()."""
    armed = False
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        armed = libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    if os.getppid() != parent:  # the parent died before the signal was armed
        os._exit(1)
    if not armed:
        threading.Thread(
            target=_watch_parent, args=(parent,), name="parent-watch", daemon=True
        ).start()


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(1)


def _peak_rss(pid: int) -> int:
    """A process's peak resident set (VmHWM) in bytes, 0 when it is gone."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


class _Slot:
    """One worker process, started when first needed, killed when a job overruns."""

    def __init__(self, memory_limit: int | None) -> None:
        self._pool: ProcessPoolExecutor | None = None
        self._memory_limit = memory_limit
        self.peak_rss = 0  # bytes: the largest peak of the workers this slot has killed
        self.reused = False

    async def submit(self, job: Callable[[], T]) -> Future[T]:
        # Whether this job runs in a worker that ran jobs before it.
        self.reused = self._pool is not None
        if self._pool is None:
            # Starting Python and importing the job's module (feedparser, trafilatura) is
            # not the job's time: done first, under a limit of its own, in every process
            # the pool starts (it replaces its worker every JOBS_PER_WORKER jobs).
            module = getattr(job, "func", job).__module__
            self._pool = ProcessPoolExecutor(
                max_workers=1,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_start,
                initargs=(module, self._memory_limit, os.getpid()),
                max_tasks_per_child=JOBS_PER_WORKER,
            )
            ready = self._pool.submit(_ready)
            try:
                await asyncio.wait_for(asyncio.wrap_future(ready), STARTUP_SECONDS)
            except TimeoutError:
                self.kill()
                raise WorkerCrash(f"the worker did not start in {STARTUP_SECONDS:g} s") from None
        return self._pool.submit(job)

    def pids(self) -> list[int]:
        pool = self._pool
        if pool is None:
            return []
        return [p.pid for p in list(pool._processes.values()) if p.pid is not None]

    def kill(self) -> None:
        pool, self._pool = self._pool, None
        if pool is None:
            return
        # ProcessPoolExecutor cannot stop a running job (terminate_workers() is Python 3.14):
        # its one process is killed, and the executor's own thread then reaps it.
        for process in list(pool._processes.values()):
            if process.pid is not None:
                self.peak_rss = max(self.peak_rss, _peak_rss(process.pid))
            process.kill()
        pool.shutdown(wait=False, cancel_futures=True)

    def close(self) -> None:
        self.kill()


class CpuWorkers:
    """Runs jobs (picklable callables without arguments, e.g. functools.partial of a
    module-level function) in up to `processes` worker processes, one job each at a time.

    `limit` is CPU seconds, counted from when a worker takes the job (not while it waits
    for one); `limit * wall_factor` seconds of wall-clock time kill the worker.
    `memory_limit` is bytes of data segment per worker (None: no limit). Waiting jobs
    start in order of `priority` (lower first), then of arrival; jobs of priority SUSPECT
    or worse hold at most `processes - 1` workers at once (all of them when there is one).
    """

    def __init__(
        self,
        *,
        processes: int = WORKER_PROCESSES,
        wall_factor: float = WALL_FACTOR,
        memory_limit: int | None = MEMORY_LIMIT,
    ) -> None:
        self.wall_factor = wall_factor
        self.memory_limit = memory_limit
        self._idle = [_Slot(memory_limit) for _ in range(max(1, processes))]
        self._all = list(self._idle)
        self._waiting: list[tuple[int, int, asyncio.Future[_Slot]]] = []
        self._arrival = itertools.count()
        self._suspects = 0  # suspect jobs holding a worker
        self._max_suspects = max(1, len(self._all) - 1)

    async def run(self, job: Callable[[], T], *, limit: float, priority: int = NORMAL) -> T:
        """The job's result; WorkTimeout past `limit` CPU seconds, WorkOverMemory past the
        memory limit, WorkerCrash if the worker died; the job's own exception as it
        raised it."""
        slot = await self._take(priority)
        try:
            try:
                return await self._run_on(slot, job, limit)
            except (WorkOverMemory, WorkerCrash):
                if not slot.reused:
                    raise
            # Run out of memory (or died: out of memory even to take the job) in a worker
            # that had run other jobs, whose leftovers count: once more in a fresh one,
            # where an honest document fits.
            return await self._run_on(slot, job, limit)
        finally:
            self._give(slot, priority)

    async def _run_on(self, slot: _Slot, job: Callable[[], T], limit: float) -> T:
        try:
            future = await slot.submit(partial(_limited, job, limit))
            return await asyncio.wait_for(asyncio.wrap_future(future), limit * self.wall_factor)
        except WorkTimeout:  # the job stopped at its CPU limit: the worker goes on
            raise
        except WorkOverMemory:  # a fresh worker rather than a fragmented heap
            slot.kill()
            raise
        except MemoryError:  # out of memory outside the job: pickling its result
            slot.kill()
            raise WorkOverMemory(f"over {_megabytes(self.memory_limit)} of memory") from None
        except TimeoutError:
            slot.kill()
            raise WorkTimeout(f"over {limit * self.wall_factor:g} s") from None
        except asyncio.CancelledError:
            slot.kill()  # nobody waits for the result: free the CPU now
            raise
        except BrokenProcessPool:
            slot.kill()
            raise WorkerCrash("the worker process died") from None

    async def _take(self, priority: int) -> _Slot:
        turn: asyncio.Future[_Slot] = asyncio.get_running_loop().create_future()
        self._waiting.append((priority, next(self._arrival), turn))
        self._dispatch()
        try:
            return await turn
        except asyncio.CancelledError:
            if turn.done() and not turn.cancelled():  # given a worker as it was cancelled
                self._give(turn.result(), priority)
            raise

    def _give(self, slot: _Slot, priority: int) -> None:
        if priority >= SUSPECT:
            self._suspects -= 1
        self._idle.append(slot)
        self._dispatch()

    def _dispatch(self) -> None:
        """Give idle workers to the waiting jobs, best priority first, then arrival; suspect
        jobs never hold every worker at once (one stays for the others)."""
        self._waiting = [w for w in self._waiting if not w[2].done()]  # cancelled waiters
        while self._idle and self._waiting:
            eligible = [
                w for w in self._waiting if w[0] < SUSPECT or self._suspects < self._max_suspects
            ]
            if not eligible:
                return
            chosen = min(eligible, key=lambda w: (w[0], w[1]))
            self._waiting.remove(chosen)
            priority, _, turn = chosen
            if priority >= SUSPECT:
                self._suspects += 1
            turn.set_result(self._idle.pop())

    def peak_rss(self) -> int:
        """The largest peak resident set (bytes) of any worker, live or killed: what one
        worker process has cost at most."""
        peaks = [slot.peak_rss for slot in self._all]
        peaks += [_peak_rss(pid) for slot in self._all for pid in slot.pids()]
        return max(peaks, default=0)

    def close(self) -> None:
        """Stop every worker (a job still running is killed)."""
        for slot in self._all:
            slot.close()
