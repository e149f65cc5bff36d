"""The per-chat limit of CPU-heavy commands: a burst, a steady rate, one warning a window."""

from __future__ import annotations

import pytest

from bot.chats.limits import CommandLimiter, Verdict

RUN, SLOW, QUIET = Verdict.RUN, Verdict.SLOW_DOWN, Verdict.IGNORE


def verdicts(limiter: CommandLimiter, chat_id: int, times: list[float]) -> list[Verdict]:
    return [limiter.check(chat_id, t) for t in times]


def test_a_burst_runs_then_one_warning_then_silence() -> None:
    limiter = CommandLimiter(burst=3, rate=0.5, warn_every=30)
    assert verdicts(limiter, 1, [0.0] * 7) == [RUN, RUN, RUN, SLOW, QUIET, QUIET, QUIET]


def test_one_chat_flooding_leaves_another_chat_its_whole_allowance() -> None:
    limiter = CommandLimiter(burst=2, rate=0.5)
    verdicts(limiter, 1, [0.0] * 20)
    assert verdicts(limiter, 2, [0.0, 0.0, 0.0]) == [RUN, RUN, SLOW]


def test_the_allowance_refills_at_the_rate() -> None:
    limiter = CommandLimiter(burst=2, rate=0.5)  # one command every 2 s
    assert verdicts(limiter, 1, [0.0, 0.0, 0.0]) == [RUN, RUN, SLOW]
    assert limiter.wait(1, 0.5) == pytest.approx(1.5)
    assert verdicts(limiter, 1, [1.9, 2.0, 2.1, 4.0]) == [QUIET, RUN, QUIET, RUN]


def test_refilling_stops_at_the_burst() -> None:
    limiter = CommandLimiter(burst=2, rate=1.0)
    limiter.check(1, 0.0)
    assert verdicts(limiter, 1, [1000.0, 1000.0, 1000.0]) == [RUN, RUN, SLOW]


def test_the_warning_comes_again_after_its_window() -> None:
    limiter = CommandLimiter(burst=1, rate=0.01, warn_every=30)
    assert verdicts(limiter, 1, [0.0, 1.0, 29.0, 31.5]) == [RUN, SLOW, QUIET, SLOW]


def test_idle_chats_are_forgotten_beyond_the_cap_and_busy_ones_kept() -> None:
    limiter = CommandLimiter(burst=2, rate=1.0, max_chats=3)
    for chat_id in (1, 2, 3):
        limiter.check(chat_id, 0.0)
    limiter.check(3, 0.0)
    limiter.check(3, 0.0)  # chat 3 is out of commands and was warned
    limiter.check(4, 1.5)  # chats 1 and 2 are full again by now
    assert len(limiter) == 2
    # Chat 3 kept its state: 1.5 commands refilled, and its warning still runs.
    assert verdicts(limiter, 3, [1.5, 1.5]) == [RUN, QUIET]


def test_a_limit_must_allow_something() -> None:
    with pytest.raises(ValueError, match="burst"):
        CommandLimiter(burst=0)
