"""The sender against a fake Notifier and a virtual clock: limits, errors, exactly once."""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from telegram import Bot
from telegram.request import HTTPXRequest

from bot.alerts.decide import Delivery
from bot.alerts.format import Message, format_plan
from bot.alerts.limits import Limits, RateLimiter
from bot.alerts.sender import Sender
from bot.errors import Blocked, ChatMoved, Rejected, RetryLater, TransientError, Uncertain
from bot.models import Chat, ChatKind, DigestMode, Hit
from handlers.notifier import SEND_ANSWER_TIMEOUT, BotNotifier
from storage.memory import MemoryChatStore
from storage.outbox_sqlite import SqliteOutbox
from tests.fakes.telegram_server import FakeTelegram, parse_html, utf16_length
from tests.senders import T0, Rig, entry, make_rig


@pytest.fixture
async def rig() -> AsyncIterator[Rig]:
    r = make_rig()
    await r.sender.start()
    yield r
    await r.sender.stop(grace=0.1)


def max_in_window(times: list[float], period: float) -> int:
    times = sorted(times)
    best = 0
    for i, start in enumerate(times):
        best = max(best, sum(1 for t in times[i:] if t < start + period - 1e-9))
    return best


# --- the limiter alone -----------------------------------------------------------------------


def test_private_chat_gets_a_short_burst_then_one_a_second() -> None:
    limiter = RateLimiter(Limits())
    starts: list[float] = []
    now = 0.0
    while len(starts) < 6:
        delay = limiter.delay(5, False, now)
        if delay == 0:
            limiter.finish(limiter.start(5, False, now), now)
            starts.append(now)
        else:
            now += delay
    assert starts == pytest.approx([0.0, 0.0, 1.0, 2.0, 3.0, 4.0])


def test_group_gets_twenty_a_minute() -> None:
    limiter = RateLimiter(Limits())
    starts: list[float] = []
    now = 0.0
    while len(starts) < 41:
        delay = limiter.delay(-5, True, now)
        if delay == 0:
            limiter.finish(limiter.start(-5, True, now), now)
            starts.append(now)
        else:
            now += delay
    assert max_in_window(starts, 60.0) == 20
    assert starts[20] == pytest.approx(60.0)
    assert starts[40] == pytest.approx(120.0)


def test_overall_window_counts_a_send_until_its_answer() -> None:
    limiter = RateLimiter(Limits(overall=2, overall_period=1.0))
    first = limiter.start(1, False, 0.0)
    limiter.start(2, False, 0.0)
    assert limiter.overall_delay(0.5) > 0
    limiter.finish(first, 0.4)  # answered late: counted from its answer
    assert limiter.overall_delay(1.2) == pytest.approx(0.2)
    assert limiter.overall_delay(1.5) == 0


# --- the sender ------------------------------------------------------------------------------


async def test_overall_limit_is_kept_and_not_undercut(rig: Rig) -> None:
    rig.outbox.enqueue([entry(chat, 1) for chat in range(1, 91)])
    rig.sender.wake()
    await rig.until(lambda: len(rig.notifier.sent) == 90)
    times = [s.at for s in rig.notifier.sent]
    assert max_in_window(times, 1.0) <= 30
    assert max(times) <= 2.0 + 0.01  # 90 messages at 30/s: three seconds' worth, no slower
    await rig.until(lambda: not rig.outbox.unsent())


async def test_one_alert_is_sent_with_its_buttons_and_preview(rig: Rig) -> None:
    rig.outbox.enqueue([entry(42, 1)])
    rig.sender.wake()
    await rig.until(lambda: rig.outbox.status(42, "s1") == "sent")
    (sent,) = rig.notifier.sent
    assert "<b>Story 1</b>" in sent.text
    assert sent.buttons == [("Mute “khmeimim”", "mute:7"), ("Unsubscribe", "unsub:7")]
    assert sent.preview_url == "https://news.example/1"


async def test_a_burst_for_one_chat_is_one_combined_message(rig: Rig) -> None:
    rig.outbox.enqueue([entry(42, n) for n in range(1, 8)])
    rig.sender.wake()
    await rig.until(lambda: not rig.outbox.unsent())
    (sent,) = rig.notifier.sent
    titles = [line.split(">")[1].split("<")[0] for line in sent.text.split("\n") if "<a " in line]
    assert titles == [f"Story {n}" for n in range(7, 0, -1)]


async def test_retry_after_waits_as_told_and_stalls_nobody_longer(rig: Rig) -> None:
    rig.notifier.script[1] = [RetryLater(3)]
    rig.outbox.enqueue([entry(chat, 1) for chat in range(1, 6)])
    rig.sender.wake()
    await rig.until(lambda: not rig.outbox.unsent())
    assert len(rig.notifier.to(1)) == 1
    assert rig.notifier.to(1)[0].at >= 3.0
    assert all(len(rig.notifier.to(c)) == 1 for c in range(1, 6))
    assert max(s.at for s in rig.notifier.sent) <= 3.0 + 0.01
    assert rig.sender.stats.retried_after == 1


async def test_a_429_storm_delivers_everything_once(rig: Rig) -> None:
    for chat in range(1, 41):
        rig.notifier.script[chat] = [RetryLater(1 + chat % 3), RetryLater(1)]
    rig.outbox.enqueue([entry(chat, 1) for chat in range(1, 41)])
    rig.sender.wake()
    await rig.until(lambda: not rig.outbox.unsent())
    assert sorted(s.chat_id for s in rig.notifier.sent) == list(range(1, 41))


async def test_blocked_chat_goes_inactive_after_two_attempts(rig: Rig) -> None:
    rig.chats.save_chat(Chat(1))
    sub = rig.chats.add_subscription(1, "khmeimim")
    rig.notifier.script[1] = [Blocked(), Blocked(), Blocked(), Blocked()]
    rig.outbox.enqueue([entry(1, 1), entry(2, 1)])
    rig.sender.wake()
    await rig.until(lambda: not (rig.chats.get_chat(1) or Chat(1)).active)
    await rig.until(lambda: rig.outbox.status(2, "s1") == "sent")
    rig.clock.t += 600  # much later: still nothing tried
    rig.sender.wake()
    await rig.idle()
    assert [c for _, c in rig.notifier.attempts].count(1) == 2
    assert rig.chats.subscriptions(1) == [sub]
    assert rig.outbox.status(1, "s1") == "pending"  # kept: sent if the chat comes back


async def test_reactivated_chat_gets_what_waited(rig: Rig) -> None:
    rig.chats.save_chat(Chat(1, active=False))
    rig.outbox.enqueue([entry(1, 1)])
    rig.sender.wake()
    await rig.idle()
    assert rig.notifier.sent == []
    chat = rig.chats.get_chat(1)
    assert chat is not None
    rig.chats.save_chat(Chat(1, active=True))
    rig.sender.reactivate(1)
    await rig.until(lambda: rig.outbox.status(1, "s1") == "sent")


async def test_migrated_chat_moves_and_gets_the_alert(rig: Rig) -> None:
    rig.chats.save_chat(Chat(-1, kind=ChatKind.GROUP))
    rig.chats.add_subscription(-1, "khmeimim")
    rig.notifier.script[-1] = [ChatMoved(-1001)]
    rig.outbox.enqueue([entry(-1, 1)])
    rig.sender.wake()
    await rig.until(lambda: rig.outbox.status(-1001, "s1") == "sent")
    assert [s.chat_id for s in rig.notifier.sent] == [-1001]
    assert rig.chats.get_chat(-1) is None
    assert [s.query for s in rig.chats.subscriptions(-1001)] == ["khmeimim"]


async def test_network_errors_retry_with_backoff(rig: Rig) -> None:
    rig.notifier.script[1] = [TransientError("reset"), TransientError("reset"), None]
    rig.outbox.enqueue([entry(1, 1)])
    rig.sender.wake()
    await rig.until(lambda: rig.outbox.status(1, "s1") == "sent")
    times = [t for t, c in rig.notifier.attempts if c == 1]
    assert len(times) == 3
    assert times[1] - times[0] >= 1.0
    assert times[2] - times[1] >= 2.0
    assert len(rig.notifier.sent) == 1


async def test_rejected_html_goes_once_as_plain_text(rig: Rig) -> None:
    rig.notifier.script[1] = [Rejected("Can't parse entities")]
    rig.outbox.enqueue([entry(1, 1)])
    rig.sender.wake()
    await rig.until(lambda: rig.outbox.status(1, "s1") == "sent")
    (sent,) = rig.notifier.sent
    assert "<b>" not in sent.text
    assert sent.text.startswith("🔔 Story 1")


async def test_rejected_twice_gives_up_with_a_log_line(
    rig: Rig, caplog: pytest.LogCaptureFixture
) -> None:
    rig.notifier.script[1] = [Rejected("bad"), Rejected("bad"), None]
    rig.outbox.enqueue([entry(1, 1), entry(2, 1)])
    with caplog.at_level(logging.WARNING, logger="bot.alerts.sender"):
        rig.sender.wake()
        await rig.until(lambda: rig.outbox.status(1, "s1") == "failed")
    assert [c for _, c in rig.notifier.attempts].count(1) == 2
    assert "giving up" in caplog.text
    await rig.until(lambda: rig.outbox.status(2, "s1") == "sent")


async def test_hourly_digest_waits_then_goes_as_one_message(rig: Rig) -> None:
    rig.chats.save_chat(Chat(1, digest=DigestMode.HOURLY))
    rig.outbox.enqueue([entry(1, n) for n in (1, 2)])
    rig.sender.wake()
    await rig.until(lambda: not rig.outbox.unsent())
    (sent,) = rig.notifier.sent
    assert rig.clock.now() >= datetime(2024, 12, 14, 14, 0, tzinfo=UTC)
    assert sent.at == pytest.approx(40 * 60, abs=1)
    assert "Your news digest" in sent.text


async def test_restart_repeats_nothing(tmp_path: Path) -> None:
    path = tmp_path / "newsbot.outbox.sqlite3"
    first = make_rig(path)
    first.outbox.enqueue([entry(chat, 1) for chat in range(1, 6)])
    await first.sender.drain()
    assert len(first.notifier.sent) == 5
    first.outbox.close()

    second = make_rig(path)
    second.outbox.enqueue([entry(chat, 1) for chat in range(1, 6)])  # the same stories again
    await second.sender.drain()
    assert second.notifier.sent == []


async def test_crash_between_send_and_mark_repeats_at_most_that_message(tmp_path: Path) -> None:
    path = tmp_path / "newsbot.outbox.sqlite3"
    first = make_rig(path)
    first.notifier.hang_on = lambda chat, text: chat == 3
    first.outbox.enqueue([entry(chat, 1) for chat in range(1, 6)])
    await first.sender.start()
    await first.until(lambda: len(first.notifier.sent) == 5 and len(first.outbox.unsent()) == 1)
    await first.sender.stop(grace=0.05)  # "crash": chat 3's send never reported back
    first.outbox.close()

    second = make_rig(path)
    await second.sender.drain()
    assert [s.chat_id for s in second.notifier.sent] == [3]


# --- withdrawn alerts --------------------------------------------------------------------------


def hit(sub: int, word: str) -> Hit:
    return Hit(sub, word, (word.title(),))


async def test_withdrawn_alerts_leave_the_digest(rig: Rig) -> None:
    rig.chats.save_chat(Chat(1, digest=DigestMode.HOURLY))
    only7, both = entry(1, 1), replace(entry(1, 2), hits=(hit(7, "khmeimim"), hit(8, "tartus")))
    only8 = replace(entry(1, 3), hits=(hit(8, "tartus"),))
    rig.outbox.enqueue([only7, both, only8])
    rig.sender.wake()
    await rig.idle()
    assert rig.notifier.sent == []  # held for the digest at 14:00

    changed = rig.sender.withdraw(1, 7)
    assert sorted(e.story.id for e in changed) == ["s1", "s2"]
    await rig.until(lambda: not rig.outbox.unsent())
    (digest,) = rig.notifier.sent
    assert "Story 1" not in digest.text
    assert "Story 2" in digest.text
    assert "Story 3" in digest.text
    assert "Khmeimim" not in digest.text  # the muted term is listed nowhere
    assert rig.outbox.status(1, "s1") == "withdrawn"


async def test_the_only_held_alert_withdrawn_sends_nothing(rig: Rig) -> None:
    rig.chats.save_chat(Chat(1, digest=DigestMode.HOURLY))
    rig.outbox.enqueue([entry(1, 1)])
    rig.sender.wake()
    await rig.idle()
    rig.sender.withdraw(1, 7)
    rig.clock.t += 2 * 3600  # well past the digest
    rig.sender.wake()
    await rig.idle()
    assert rig.notifier.sent == []
    assert rig.outbox.status(1, "s1") == "withdrawn"


async def test_a_message_planned_before_a_withdrawal_is_not_sent() -> None:
    r = make_rig()
    r.outbox.enqueue([entry(1, n) for n in range(1, 4)])  # a burst: one combined message
    r.outbox.enqueue([replace(entry(1, 9), hits=(hit(8, "tartus"),))])
    r.outbox.enqueue([entry(2, 1)])
    r.sender.dispatch()  # planned and handed to a task, not yet sent
    assert len(r.sender._tasks) == 2
    r.sender.withdraw(1, 7)  # e.g. the Unsubscribe button, handled before the task ran
    await r.sender.drain()
    assert sorted(s.chat_id for s in r.notifier.sent) == [1, 2]  # chat 1 once, replanned
    (to1,) = r.notifier.to(1)
    assert "Story 9" in to1.text
    assert "Story 1" not in to1.text
    assert "Story 3" not in to1.text
    assert [r.outbox.status(1, f"s{n}") for n in (1, 2, 3, 9)] == [
        "withdrawn",
        "withdrawn",
        "withdrawn",
        "sent",
    ]
    assert r.outbox.status(2, "s1") == "sent"  # another chat's alert for subscription 7


# --- against the fake Bot API over HTTP ----------------------------------------------------------


@asynccontextmanager
async def api_sender(
    fake: FakeTelegram,
    outbox: SqliteOutbox,
    chats: MemoryChatStore,
    *,
    answer_timeout: float = SEND_ANSWER_TIMEOUT,
) -> AsyncIterator[Sender]:
    """The real sender and PTB Bot (through BotNotifier) against the fake, on the real clock."""
    request = HTTPXRequest(connection_pool_size=8)
    bot = Bot(fake.token, base_url=f"{fake.url}/bot", request=request)
    await bot.initialize()
    notifier = BotNotifier(bot, answer_timeout=answer_timeout)
    sender = Sender(outbox=outbox, chats=chats, notifier=notifier)
    try:
        yield sender
    finally:
        await sender.stop(grace=1.0)
        await bot.shutdown()


ASTRAL = "𝐑𝐮𝐬𝐬𝐢𝐚𝐧 𝐜𝐚𝐫𝐠𝐨 𝐩𝐥𝐚𝐧𝐞 🚀🛰🇸🇾 " * 10  # about 240 characters, most of them astral


async def test_twelve_long_astral_titles_are_all_delivered() -> None:
    assert utf16_length(ASTRAL) > 1.8 * len(ASTRAL)
    outbox = SqliteOutbox(None)
    chats = MemoryChatStore()
    stories = [entry(42, n) for n in range(12)]
    stories = [
        replace(e, story=replace(e.story, title=f"Story {n}: {ASTRAL}"))
        for n, e in enumerate(stories)
    ]
    outbox.enqueue(stories)
    with FakeTelegram() as fake:
        fake.register_chat(42, "private")
        async with api_sender(fake, outbox, chats) as sender:
            await sender.drain(limit=30)
        refused = [r for r in fake.requests if r.method == "sendMessage" and r.status != 200]
        assert refused == []
        assert outbox.unsent() == []
        assert {outbox.status(42, f"s{n}") for n in range(12)} == {"sent"}
        received = "\n".join(m.text for m in fake.sent(42))
        for n in range(12):
            assert f"Story {n}: 𝐑𝐮𝐬𝐬𝐢𝐚𝐧" in received
        assert all(utf16_length(parse_html(m.html)) <= 4096 for m in fake.sent(42))


# --- what the sender remembers, and planning a backlog once -----------------------------------


async def test_what_the_sender_remembers_does_not_grow_with_what_it_sent(rig: Rig) -> None:
    rig.outbox.enqueue([entry(chat, 1) for chat in range(1, 301)])
    rig.sender.wake()
    await rig.until(lambda: not rig.outbox.unsent() and not rig.sender._tasks)
    assert len(rig.notifier.sent) == 300
    rig.sender.limiter.tidy(rig.clock.t + 120)  # (done by itself every 1,000 sends)
    assert rig.sender.remembered == 0  # the outbox, not the sender, knows what went


def test_the_limiter_forgets_chats_whose_limits_recovered() -> None:
    limiter = RateLimiter(Limits())
    for n in range(2500):  # one send each to 2,500 chats, 30 a second
        chat = -n if n % 10 == 0 else n
        slots = limiter.start(chat, chat < 0, n / 30)
        limiter.finish(slots, n / 30 + 0.1)
    assert len(limiter) < 1000  # tidied as it went: only the last minute's groups and so on
    limiter.tidy(2500 / 30 + 61)
    assert len(limiter) == 0


async def test_a_key_whose_mark_failed_is_not_resent_and_is_marked_later(
    rig: Rig, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_mark = rig.outbox.mark
    failing = [True]

    def flaky_mark(keys: Sequence[tuple[int, str]], *, status: str, at: datetime) -> None:
        if failing[0]:
            failing[0] = False
            raise OSError("disk full")
        real_mark(keys, status=status, at=at)

    monkeypatch.setattr(rig.outbox, "mark", flaky_mark)
    rig.outbox.enqueue([entry(1, 1)])
    rig.sender.wake()
    await rig.until(lambda: len(rig.notifier.sent) == 1 and not rig.sender._tasks)
    assert rig.outbox.status(1, "s1") == "sending"  # the write failed: still in flight ...
    await rig.clock.sleep(5)
    rig.outbox.enqueue([entry(2, 1)])  # ... and goes with the next one
    rig.sender.wake()
    await rig.until(lambda: rig.outbox.status(1, "s1") == "sent")
    assert [s.chat_id for s in rig.notifier.sent] == [1, 2]
    rig.sender.limiter.tidy(rig.clock.t + 120)
    assert rig.sender.remembered == 0


async def test_a_long_backlog_is_formatted_once(rig: Rig, monkeypatch: pytest.MonkeyPatch) -> None:
    import bot.alerts.sender as sender_module

    formatted: list[int] = []

    def counting(plan: Delivery, chat: Chat | None = None) -> list[Message]:
        formatted.append(len(plan.entries))
        return format_plan(plan, chat)

    monkeypatch.setattr(sender_module, "format_plan", counting)
    rig.outbox.enqueue([entry(42, n) for n in range(400)])
    rig.sender.wake()
    await rig.until(lambda: not rig.outbox.unsent() and not rig.sender._tasks)
    keys = [k for s in rig.notifier.sent for k in re.findall(r"news\.example/(\d+)", s.text)]
    assert sorted(map(int, keys)) == list(range(400))  # each once
    assert len(rig.notifier.sent) > 10
    assert sum(formatted) == 400  # every entry formatted once, not once per message


async def test_a_backlog_is_formatted_again_when_settings_change_its_look(rig: Rig) -> None:
    rig.chats.save_chat(Chat(42, created=T0))
    rig.outbox.enqueue([entry(42, n) for n in range(400)])
    rig.sender.wake()
    await rig.until(lambda: len(rig.notifier.sent) >= 1)
    first = rig.notifier.sent[0]
    assert "UTC" in first.text
    assert first.preview_url is None  # a list message has no single article to preview
    rig.chats.save_chat(Chat(42, created=T0, timezone="Asia/Tokyo"))  # /timezone meanwhile
    await rig.until(lambda: not rig.outbox.unsent() and not rig.sender._tasks)
    assert "JST" in rig.notifier.sent[-1].text
    assert "UTC" not in rig.notifier.sent[-1].text
    keys = [k for s in rig.notifier.sent for k in re.findall(r"news\.example/(\d+)", s.text)]
    assert sorted(map(int, keys)) == list(range(400))  # each still once


# --- 429s: one chat's, or everyone's ---------------------------------------------------------


async def test_a_429_for_one_chat_delays_only_that_chat(rig: Rig) -> None:
    rig.notifier.script[1] = [RetryLater(30)]
    rig.outbox.enqueue([entry(chat, 1) for chat in range(1, 61)])
    rig.sender.wake()
    await rig.until(lambda: len(rig.notifier.sent) == 59)
    others = [s.at for s in rig.notifier.sent if s.chat_id != 1]
    assert max(others) <= 2.0 + 0.01  # sixty chats at 30/s: nobody waited for chat 1
    await rig.until(lambda: not rig.outbox.unsent())
    assert rig.notifier.to(1)[0].at >= 30.0  # chat 1 waited as it was told


async def test_429s_for_several_chats_pause_everyone_for_their_retry_after(rig: Rig) -> None:
    for chat in (1, 2, 3):
        rig.notifier.script[chat] = [RetryLater(5)]
    rig.outbox.enqueue([entry(chat, 1) for chat in range(1, 41)])
    rig.sender.wake()
    await rig.until(lambda: not rig.outbox.unsent())
    later = [s.at for s in rig.notifier.sent if s.at > 0]
    assert later  # the ten beyond the first second's thirty, and chats 1-3
    assert min(later) >= 5.0  # everyone waited as Telegram said ...
    assert max(later) <= 5.0 + 1.0  # ... and no longer
    assert sorted(s.chat_id for s in rig.notifier.sent) == list(range(1, 41))


# --- a slow "ok": no repeat ------------------------------------------------------------------


async def test_an_ok_that_comes_after_the_timeout_does_not_repeat_the_alert() -> None:
    outbox = SqliteOutbox(None)
    outbox.enqueue([entry(42, 1), entry(43, 1)])
    with FakeTelegram() as fake:
        fake.answer_late(seconds=3.0, chat_id=42)  # accepted at once, answered too late
        async with api_sender(fake, outbox, MemoryChatStore(), answer_timeout=1.0) as sender:
            sender.wake()
            await sender.drain(limit=20)
            await asyncio.sleep(2.5)  # the late answer arrives; nothing may follow it
            await sender.drain(limit=5)
            assert sender.stats.uncertain >= 1  # (chat 43 too, on a very slow machine)
        assert len(fake.sent(42)) == 1  # delivered once, not resent
        assert len(fake.sent(43)) == 1
        assert outbox.status(42, "s1") == "sent"


async def test_a_slow_ok_within_the_answer_timeout_is_an_ok() -> None:
    outbox = SqliteOutbox(None)
    outbox.enqueue([entry(42, 1)])
    with FakeTelegram() as fake:
        fake.answer_late(seconds=0.5, chat_id=42)
        async with api_sender(fake, outbox, MemoryChatStore(), answer_timeout=5.0) as sender:
            await sender.drain(limit=20)
            assert sender.stats.uncertain == 0
        assert len(fake.sent(42)) == 1
        assert outbox.status(42, "s1") == "sent"


async def test_a_request_that_never_left_is_safe_to_resend() -> None:
    with FakeTelegram() as fake:
        url = fake.url
    bot = Bot(fake.token, base_url=f"{url}/bot", request=HTTPXRequest())  # nobody listens
    with pytest.raises(TransientError) as caught:
        await BotNotifier(bot).send(42, "hello", buttons=[], preview_url=None)
    assert not isinstance(caught.value, Uncertain)
    await bot.shutdown()


async def test_over_http_a_429_for_one_chat_lets_the_others_through() -> None:
    outbox = SqliteOutbox(None)
    outbox.enqueue([entry(chat, 1) for chat in range(1, 41)])
    with FakeTelegram() as fake:
        fake.fail_next(chat_id=1, retry_after=30)
        async with api_sender(fake, outbox, MemoryChatStore()) as sender:
            await sender.start()
            await fake.wait_until_async(
                lambda: all(fake.sent(chat) for chat in range(2, 41)), what="the other chats"
            )
            assert fake.sent(1) == []  # chat 1 still waits its 30 s; nobody else did
            assert outbox.status(1, "s1") == "pending"
