"""Crash safety, proved: kill -9 a writing process at random moments, many times.

After every kill the file must load and hold exactly the acknowledged changes, plus at
most the one change that was in flight (written or not, never half-written).
"""

from __future__ import annotations

import json
import os
import queue
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from storage.chats import TinyChatStore

ROOT = Path(__file__).resolve().parents[1]
WRITER = ROOT / "tests" / "crash_writer.py"
TRIALS = 100
BUDGET_SECONDS = 40.0  # stop early on a crowded machine, but only after MIN_TRIALS
MIN_TRIALS = 20
LINE_WAIT = 30.0  # bounded wait for the writer's next line

State = dict[int, tuple[int, str, bool]]  # subscription id -> (chat id, query, muted)


def _state(path: Path) -> State:
    store = TinyChatStore(path)
    try:
        return {s.id: (s.chat_id, s.query, s.muted) for s in store.all_subscriptions()}
    finally:
        store.close()


def _applied(state: State, op: dict[str, Any]) -> State:
    after = dict(state)
    if op["do"] == "add":
        after[op["id"]] = (op["chat"], op["query"], False)
    elif op["do"] == "rm":
        after.pop(op["id"], None)
    else:
        chat_id, query, _ = after[op["id"]]
        after[op["id"]] = (chat_id, query, op["muted"])
    return after


class Writer:
    """The writer subprocess with its stdout read by a thread, line by line."""

    def __init__(self, path: Path, seed: int) -> None:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        self.proc = subprocess.Popen(
            [sys.executable, str(WRITER), str(path), str(seed)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            cwd=ROOT,
        )
        self.lines: queue.Queue[str | None] = queue.Queue()
        self.seen: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for raw in self.proc.stdout:
            if raw.endswith(b"\n"):  # a line cut by the kill was never acknowledged
                self.lines.put(raw.decode().rstrip("\n"))
        self.lines.put(None)

    def wait_for(self, prefix: str, count: int) -> None:
        """Read until `count` lines starting with `prefix` arrived (bounded wait)."""
        while count > 0:
            line = self.lines.get(timeout=LINE_WAIT)
            if line is None:
                pytest.fail(f"writer ended early: {self._stderr()}")
            self.seen.append(line)
            count -= line.startswith(prefix)

    def kill(self) -> list[str]:
        """SIGKILL, then every line it had printed."""
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=LINE_WAIT)
        while (line := self.lines.get(timeout=LINE_WAIT)) is not None:
            self.seen.append(line)
        assert self.proc.returncode == -signal.SIGKILL, self._stderr()
        self._reader.join(timeout=LINE_WAIT)
        for pipe in (self.proc.stdout, self.proc.stderr):
            assert pipe is not None
            pipe.close()
        return self.seen

    def _stderr(self) -> str:
        assert self.proc.stderr is not None
        self.proc.kill()
        self.proc.wait(timeout=LINE_WAIT)
        return self.proc.stderr.read().decode(errors="replace")[-2000:]


@pytest.mark.slow
def test_kill_9_at_random_moments_loses_nothing_acknowledged(tmp_path: Path) -> None:
    path = tmp_path / "newsbot.json"
    rng = random.Random(20241214)
    state: State = {}
    used_ids: set[int] = set()
    survived = mid_write = in_flight_landed = acknowledged = 0
    started = time.monotonic()
    for trial in range(TRIALS):
        if trial >= MIN_TRIALS and time.monotonic() - started > BUDGET_SECONDS:
            break
        writer = Writer(path, seed=trial)
        writer.wait_for("ready", 1)
        writer.wait_for("ok ", rng.randrange(0, 40))
        time.sleep(rng.uniform(0, 0.005))  # land the kill anywhere in the next write
        lines = writer.kill()
        torn = any(path.parent.glob(f".{path.name}.*.tmp"))  # killed between write and rename
        mid_write += torn

        ops = [json.loads(line[3:]) for line in lines if line.startswith(("op ", "ok "))]
        acked = [json.loads(line[3:]) for line in lines if line.startswith("ok ")]
        pending = ops[-1] if ops and lines[-1].startswith("op ") else None
        for op in acked:
            if op["do"] == "add":
                assert op["id"] not in used_ids, f"trial {trial}: id {op['id']} reused"
                used_ids.add(op["id"])
            state = _applied(state, op)
        acknowledged += len(acked)

        actual = _state(path)  # must load: a torn file would raise StorageError here
        if actual != state:
            assert pending is not None, f"trial {trial}: lost acknowledged changes"
            if pending["do"] == "add":
                [new_id] = actual.keys() - state.keys()
                assert new_id not in used_ids
                pending["id"] = new_id
                used_ids.add(new_id)
            assert actual == _applied(state, pending), f"trial {trial}: not {pending}"
            assert not torn, f"trial {trial}: a half-written change reached the file"
            in_flight_landed += 1
        assert not any(path.parent.glob(f".{path.name}.*.tmp")), "leftover not cleaned"
        state = actual
        survived += 1

    trials = survived
    summary = (
        f"kill -9 trials survived: {survived}/{trials} ({acknowledged} acknowledged changes, "
        f"{mid_write} kills before the rename of a write, {in_flight_landed} after it and "
        "before the acknowledgement, "
        f"{len(state)} subscriptions at the end)"
    )
    print(summary)
    assert survived >= MIN_TRIALS
