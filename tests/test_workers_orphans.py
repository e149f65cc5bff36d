"""Worker processes end with the process that started them, even when it is killed with -9
(no cleanup of its own runs then): an orphaned worker would keep its memory, and the
bot's stderr pipe open, for good."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import bot_env

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="reads /proc")

# A process with running workers: prints their ids once they have run a job, then waits.
OWNER = """
import asyncio, os
from bot.reading.workers import CpuWorkers

async def main() -> None:
    workers = CpuWorkers(processes=2)
    pids = await asyncio.gather(*(workers.run(os.getpid, limit=60) for _ in range(2)))
    print(*sorted(set(pids)), flush=True)
    await asyncio.sleep(600)

asyncio.run(main())
"""


def alive(pid: int) -> bool:
    """Whether the process runs (a zombie waiting for a reaper counts as ended)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rpartition(")")[2].split()[0] not in ("Z", "X")


def test_workers_end_when_their_process_is_killed_with_9(tmp_path: Path) -> None:
    log = tmp_path / "stderr.txt"  # multiprocessing's helper writes there after the kill
    with log.open("w") as stderr:
        owner = subprocess.Popen(
            [sys.executable, "-c", OWNER],
            env=bot_env(),
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
        )
    workers: list[int] = []
    try:
        assert owner.stdout is not None
        workers = [int(pid) for pid in owner.stdout.readline().split()]
        assert workers, f"the workers did not start: {log.read_text()[-2000:]}"
        assert owner.pid not in workers
        assert all(alive(pid) for pid in workers)
        owner.kill()
        owner.wait(timeout=15)
        deadline = time.monotonic() + 30
        while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not [pid for pid in workers if alive(pid)], "workers outlived their process"
    finally:
        if owner.poll() is None:
            owner.kill()
            owner.wait()
        if owner.stdout is not None:
            owner.stdout.close()
        for pid in workers:  # never leave one behind, even when the test fails
            if alive(pid):
                os.kill(pid, signal.SIGKILL)
