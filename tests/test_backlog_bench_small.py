"""The long-backlog benchmark (benchmarks/backlog_bench.py) kept working, at a small size:
its fake notifier and its re-planning baseline subclass the real Sender, and both had
fallen behind it (the `thread_id` argument, the read-ahead dispatch) unnoticed."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_both_rows_send_every_message_of_a_small_backlog() -> None:
    run = subprocess.run(
        [sys.executable, "benchmarks/backlog_bench.py", "--alerts", "200"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert "Traceback" not in run.stderr, run.stderr[-2000:]
    rows = re.findall(
        r"^(planned once|re-planned \(before\)) *: .* (\d+) messages", run.stdout, re.M
    )
    assert [name for name, _ in rows] == ["planned once", "re-planned (before)"]
    assert rows[0][1] == rows[1][1] != "0"  # the same messages, none lost to a failing send
