"""One pacer for everything the bot sends: command replies count in the alert sender's
limits (handlers/notifier.SharedPacer), so that alerts leave room for them under
Telegram's 30 messages a second instead of reaching it by themselves."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from telegram.ext import ExtBot
from telegram.request import HTTPXRequest

from bot.alerts.limits import Limits, LocalPacer, RateLimiter
from handlers.notifier import BotNotifier, SharedPacer, share_pacing
from tests.e2e import running_bot
from tests.fakes.telegram_server import FakeTelegram
from tests.senders import entry, make_rig


@asynccontextmanager
async def paced_bot(fake: FakeTelegram) -> AsyncIterator[ExtBot[int]]:
    """A PTB Bot against the fake whose rate limiter is a SharedPacer, as bot/app.py builds it."""
    bot: ExtBot[int] = ExtBot(
        fake.token,
        base_url=f"{fake.url}/bot",
        request=HTTPXRequest(connection_pool_size=8),
        rate_limiter=SharedPacer(),
    )
    await bot.initialize()
    try:
        yield bot
    finally:
        await bot.shutdown()


async def test_a_reply_counts_in_the_senders_limits_and_an_alert_only_once() -> None:
    limiter = RateLimiter(Limits(overall=1))
    with FakeTelegram() as fake:
        async with paced_bot(fake) as bot:
            share_pacing(bot, LocalPacer(limiter, lambda: 0.0))  # time stands still
            # An alert: the sender counts it itself (Sender.dispatch), the pacer does not.
            await BotNotifier(bot).send(42, "alert", buttons=[], preview_url=None)
            assert limiter.overall_delay(0.0) == 0.0
            await bot.send_message(43, "a reply")  # a command's reply
            assert limiter.overall_delay(0.0) > 0.0  # the second's one message is taken
        assert len(fake.sent(42)) == 1
        assert len(fake.sent(43)) == 1


async def test_alerts_leave_room_for_the_replies_sent_in_the_same_second() -> None:
    rig = make_rig()
    rig.outbox.enqueue([entry(chat, 1) for chat in range(1, 31)])  # thirty chats, one alert each
    sender = rig.sender
    with FakeTelegram() as fake:
        async with paced_bot(fake) as bot:
            share_pacing(bot, sender.pacer)
            for chat in range(101, 111):  # ten replies go out first
                await bot.send_message(chat, "a reply")
            sender.dispatch()
            started = len(sender._tasks)
            await asyncio.gather(*sender._tasks)
    assert started == 20  # 30 a second in all: the ten replies took their share


async def test_the_running_bot_counts_its_replies_in_its_senders_limits(
    fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    async with running_bot(fake_telegram, db_path=tmp_path / "newsbot.json") as harness:
        limiter = harness.services.sender.limiter
        assert len(limiter) == 0  # no chat sent to yet
        fake_telegram.command(42, "/help")
        await fake_telegram.next_message_async(42, within=30)
        assert len(limiter) == 1  # the reply to chat 42 was counted
