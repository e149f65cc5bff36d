"""The soak harness (benchmarks/soak.py) kept working, at a small size: it drives the real
sender and outbox through 429 storms, 5xx, timeouts, late acceptances and restarts on a
virtual clock. A harness that fell behind the sender's interface (a new `send` argument)
once failed every send while the suite stayed green."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_a_small_soak_delivers_every_alert_with_repeats_only_at_kills() -> None:
    run = subprocess.run(
        [sys.executable, "benchmarks/soak.py", "--chats", "300", "--minutes", "4", "--no-trace"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    assert "missing 0   still unsent 0" in run.stdout
    assert "Traceback" not in run.stderr
    assert run.stdout.rstrip().endswith("PASS")
