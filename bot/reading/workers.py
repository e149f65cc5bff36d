"""CPU-heavy reading work (parsing feeds, extracting pages) in worker processes, with a
time limit, so that no document can hold the event loop or the CPU for long.

The limit is CPU time, so that a busy machine does not fail honest documents: the worker
stops a job past it (RLIMIT_CPU, then SIGXCPU). A job that does not stop (stuck in C code)
is killed with its worker past a wall-clock backstop, and the next job starts a fresh
one; a thread could not be stopped at all. Workers start on first use (spawned: the bot's
process has threads, and forking it could copy a held lock).
"""

from __future__ import annotations

import asyncio
import importlib
import logging
import math
import multiprocessing
import resource
import signal
import time
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import partial
from typing import TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")

WORKER_PROCESSES = 2
STARTUP_SECONDS = 60.0
# Wall-clock backstop, as a multiple of the CPU limit: a loaded machine gives a worker a
# fraction of a core, and only a job that ignores its CPU limit should ever reach this.
WALL_FACTOR = 4.0


class CpuLimitExceeded(BaseException):
    """Raised inside a worker at its CPU limit; a BaseException, so that the libraries'
    own `except Exception` (feedparser keeps going after most errors) cannot swallow it."""


def _over_cpu_limit(signum: int, frame: object) -> None:
    raise CpuLimitExceeded


def _limited(job: Callable[[], T], cpu_seconds: float) -> T:
    """Run the job (in a worker) with at most `cpu_seconds` more CPU time."""
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
    finally:
        resource.setrlimit(resource.RLIMIT_CPU, (hard, hard))


class WorkTimeout(TimeoutError):
    """A job ran past its time limit; its worker was killed."""


class WorkerCrash(RuntimeError):
    """A worker died during a job (killed by the system, out of memory)."""


def _import(module: str) -> None:
    importlib.import_module(module)


class _Slot:
    """One worker process, started when first needed, killed when a job overruns."""

    def __init__(self) -> None:
        self._pool: ProcessPoolExecutor | None = None

    async def submit(self, job: Callable[[], T]) -> Future[T]:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                max_workers=1, mp_context=multiprocessing.get_context("spawn")
            )
            # Starting Python and importing the job's module (feedparser, trafilatura) is
            # not the job's time: done first, under a limit of its own.
            module = getattr(job, "func", job).__module__
            ready = self._pool.submit(_import, module)
            try:
                await asyncio.wait_for(asyncio.wrap_future(ready), STARTUP_SECONDS)
            except TimeoutError:
                self.kill()
                raise WorkerCrash(f"the worker did not start in {STARTUP_SECONDS:g} s") from None
        return self._pool.submit(job)

    def kill(self) -> None:
        pool, self._pool = self._pool, None
        if pool is None:
            return
        # ProcessPoolExecutor cannot stop a running job (terminate_workers() is Python 3.14):
        # its one process is killed, and the executor's own thread then reaps it.
        for process in list(pool._processes.values()):
            process.kill()
        pool.shutdown(wait=False, cancel_futures=True)

    def close(self) -> None:
        self.kill()


class CpuWorkers:
    """Runs jobs (picklable callables without arguments, e.g. functools.partial of a
    module-level function) in up to `processes` worker processes, one job each at a time.

    `limit` is CPU seconds, counted from when a worker takes the job (not while it waits
    for one); `limit * wall_factor` seconds of wall-clock time kill the worker.
    """

    def __init__(
        self, *, processes: int = WORKER_PROCESSES, wall_factor: float = WALL_FACTOR
    ) -> None:
        self.wall_factor = wall_factor
        self._idle = [_Slot() for _ in range(max(1, processes))]
        self._free = asyncio.Semaphore(len(self._idle))
        self._all = list(self._idle)

    async def run(self, job: Callable[[], T], *, limit: float) -> T:
        """The job's result; WorkTimeout past `limit` CPU seconds, WorkerCrash if the worker
        died; the job's own exception as it raised it."""
        async with self._free:
            slot = self._idle.pop()
            try:
                try:
                    future = await slot.submit(partial(_limited, job, limit))
                    return await asyncio.wait_for(
                        asyncio.wrap_future(future), limit * self.wall_factor
                    )
                except WorkTimeout:  # the job stopped at its CPU limit: the worker goes on
                    raise
                except TimeoutError:
                    slot.kill()
                    raise WorkTimeout(f"over {limit * self.wall_factor:g} s") from None
                except asyncio.CancelledError:
                    slot.kill()  # nobody waits for the result: free the CPU now
                    raise
                except BrokenProcessPool:
                    slot.kill()
                    raise WorkerCrash("the worker process died") from None
            finally:
                self._idle.append(slot)

    def close(self) -> None:
        """Stop every worker (a job still running is killed)."""
        for slot in self._all:
            slot.close()
