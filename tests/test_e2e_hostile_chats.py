"""Hostile chat input through the real Application and the fake Bot API: one chat's
attack gets one answer, loses nothing stored, and leaves other chats served meanwhile."""

from __future__ import annotations

import asyncio
import random
import string
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from bot.chats import replies
from tests.e2e import running_bot
from tests.fakes.feed_server import FeedServer
from tests.fakes.telegram_server import FakeTelegram
from tests.test_workers import LoopProbe

ATTACKER, VICTIM, OTHER = 42, 77, 99
HELP = "/subscribe <query>"  # a line of /help's answer


def letters(rng: random.Random, n: int) -> str:
    return "".join(rng.choices(string.ascii_lowercase, k=n))


def max_ors(rng: random.Random) -> str:
    """A query at the length limit of as many ORs of 8-letter non-words as fit."""
    return " OR ".join(letters(rng, 8) for _ in range(17))


@pytest.mark.parametrize("query", [lambda rng: letters(rng, 199), max_ors], ids=["word", "ors"])
async def test_ten_thousand_subscribe_lines_get_one_answer_and_leave_the_loop_free(
    fake_telegram: FakeTelegram, tmp_path: Path, query: Callable[[random.Random], str]
) -> None:
    """One message of 10,000 lines, the first ones queries at the length limit. The index
    changes on the event loop: the typo tables of a 199-letter word took 0.06-0.3 s there,
    a query of 17 ORs 0.02 s, and the chat's 50 were added in one go: other chats waited."""
    fake = fake_telegram
    rng = random.Random(3)
    lines = [query(rng) for _ in range(100)] + [f"w{n}" for n in range(9_900)]
    async with running_bot(fake, db_path=tmp_path / "newsbot.json") as bot:
        kept = await bot.send(ATTACKER, "/subscribe Khmeimim")
        assert kept.text.startswith("Subscribed to “Khmeimim”")
        with LoopProbe(asyncio.get_running_loop(), cpu_bound=0.1, loop_only=True) as probe:
            fake.command(ATTACKER, "/subscribe " + "\n".join(lines))
            fake.command(OTHER, "/help")
            summary = await fake.next_message_async(ATTACKER, within=120)
            other = await fake.next_message_async(OTHER, within=60)
        stored = bot.services.subscriptions.subscriptions(ATTACKER)
        limit = bot.settings.max_subscriptions
    assert HELP in other.text
    assert len(summary.text) <= 4096
    assert f"Subscribed to {limit - 1}:" in summary.text
    assert "more not added" in summary.text
    assert [s.query for s in stored][:1] == ["Khmeimim"]  # nothing stored is lost
    assert len(stored) == limit
    assert fake.sent(ATTACKER)[2:] == []  # one answer
    assert probe.pings >= 2  # the probe ran (0.05 s apart; the work takes 3-5 on an idle core)
    assert probe.unanswered == 0, probe.report()


async def test_forged_buttons_never_touch_another_chats_subscription(
    fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    """A client can send any callback data: another chat's subscription id under every
    button prefix, ids past any integer, garbage. Each press is answered; nothing of the
    other chat changes."""
    fake = fake_telegram
    async with running_bot(fake, db_path=tmp_path / "newsbot.json") as bot:
        await bot.send(VICTIM, "/subscribe Khmeimim")
        [victims] = bot.services.subscriptions.subscriptions(VICTIM)
        listing = await bot.send(ATTACKER, "/list")
        forged = [
            f"{prefix}{victims.id}"
            for prefix in (
                replies.REMOVE_PREFIX,
                replies.MUTE_PREFIX,
                replies.UNMUTE_PREFIX,
                replies.UNSUB_PREFIX,
            )
        ]
        forged += [
            f"{replies.REMOVE_PREFIX}{'9' * 400}",
            f"{replies.MUTE_PREFIX}-1",
            replies.STOP_YES,
            "x" * 64,
            "",
        ]
        ids = [fake.press(ATTACKER, listing.message_id, data) for data in forged]
        await fake.wait_until_async(
            lambda: all(i in fake.answered_callbacks for i in ids),
            within=30,
            what="an answer to every forged press",
        )
        help_reply = await bot.send(OTHER, "/help")
        after = bot.services.subscriptions.subscriptions(VICTIM)
        victim_chat = bot.services.subscriptions.chat(VICTIM)
    assert HELP in help_reply.text
    assert [(s.id, s.query, s.muted) for s in after] == [(victims.id, "Khmeimim", False)]
    assert not victim_chat.paused
    assert fake.sent(VICTIM)[1:] == []  # the victim heard nothing


async def test_an_import_of_feeds_on_private_addresses_is_refused_without_a_request(
    fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    """An OPML file of 500 feeds, every one on a private address (the bot's own host, the
    cloud metadata address, a LAN): one summary, no request sent, other chats served."""
    fake = fake_telegram
    with FeedServer() as inside:
        hosts = [
            f"127.0.0.1:{inside.port}",
            f"localhost:{inside.port}",
            "169.254.169.254",
            "10.0.0.1",
            "[::1]",
        ]
        urls = [f"http://{hosts[n % len(hosts)]}/feed{n}.xml" for n in range(500)]
        rows = "".join(f'<outline xmlUrl="{url}"/>' for url in urls)
        opml = f'<?xml version="1.0"?><opml><body>{rows}</body></opml>'.encode()
        async with running_bot(
            fake, db_path=tmp_path / "newsbot.json", client=httpx.AsyncClient(trust_env=False)
        ) as bot:
            await bot.send(ATTACKER, "/subscribe Khmeimim")
            fake.document(ATTACKER, "feeds.opml", opml, mime_type="text/x-opml")
            fake.command(OTHER, "/help")
            other = await fake.next_message_async(OTHER, within=30)
            summary = await fake.next_message_async(ATTACKER, within=60)
            chat = bot.services.subscriptions.chat(ATTACKER)
            stored = bot.services.subscriptions.subscriptions(ATTACKER)
        reached = list(inside.requests)
    assert HELP in other.text
    assert len(summary.text) <= 4096
    assert "private address" in summary.text
    assert fake.sent(ATTACKER)[2:] == []  # one answer
    assert chat.feeds == ()
    assert [s.query for s in stored] == ["Khmeimim"]
    assert reached == []


async def test_an_import_of_two_hundred_queries_of_max_ors_leaves_the_loop_free(
    fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    """A text file of queries at the length limit: each was stored (a durable write) and
    indexed (~20 ms) on the event loop, the chat's 50 in one go."""
    fake = fake_telegram
    rng = random.Random(5)
    text = "\n".join(max_ors(rng) for _ in range(200)).encode()
    async with running_bot(fake, db_path=tmp_path / "newsbot.json") as bot:
        await bot.send(ATTACKER, "/subscribe Khmeimim")
        with LoopProbe(asyncio.get_running_loop(), cpu_bound=0.1, loop_only=True) as probe:
            fake.document(ATTACKER, "queries.txt", text, mime_type="text/plain")
            fake.command(OTHER, "/help")
            summary = await fake.next_message_async(ATTACKER, within=60)
            other = await fake.next_message_async(OTHER, within=60)
        stored = bot.services.subscriptions.subscriptions(ATTACKER)
        limit = bot.settings.max_subscriptions
    assert HELP in other.text
    assert len(summary.text) <= 4096
    assert fake.sent(ATTACKER)[2:] == []  # one answer
    assert [s.query for s in stored][:1] == ["Khmeimim"]
    assert len(stored) == limit
    assert probe.pings >= 2  # the probe ran (0.05 s apart; the work takes 3-5 on an idle core)
    assert probe.unanswered == 0, probe.report()
