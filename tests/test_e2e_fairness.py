"""Fair service through the real Application: one chat flooding /latest over a store of long
articles does not delay another chat's /help; one chat's commands still run in order; the
flood is limited to a burst and one "slow down" line."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.chats.latest import StoredArticleSearch
from bot.chats.limits import BURST, CommandLimiter
from storage.articles import TinyArticleStore
from tests.corpus import long_reports
from tests.e2e import running_bot
from tests.fakes.telegram_server import FakeTelegram

FLOODER, OTHER = 42, 77
HELP = "/subscribe <query>"  # a line of /help's answer


@pytest.fixture
def long_articles(shared_dir: Path, tmp_path: Path) -> Iterator[TinyArticleStore]:
    """An article store holding the 300 long reports of tests.corpus (every third on Tartus)."""
    store = TinyArticleStore(tmp_path / "newsbot.articles.json", fsync=False)
    store.add(long_reports(shared_dir))
    yield store
    store.close()


async def test_a_flood_of_latest_does_not_delay_another_chats_help(
    fake_telegram: FakeTelegram, long_articles: TinyArticleStore, tmp_path: Path
) -> None:
    fake = fake_telegram
    # Its own search, not warmed at start: the flood's first /latest prepares 300 long
    # articles itself.
    search = StoredArticleSearch(long_articles)
    # The usual burst, and no refill during the test however slow the machine is.
    limits = CommandLimiter(burst=BURST, rate=1e-6)
    async with running_bot(fake, db_path=tmp_path / "newsbot.json", search=search, limits=limits):
        for _ in range(20):
            fake.command(FLOODER, "/latest Tartus")
        fake.command(OTHER, "/help")
        help_reply = await fake.next_message_async(OTHER, within=20)
        assert HELP in help_reply.text
        # A /help of the flooder queues behind its twenty /latest: once it is answered,
        # every one of them was handled.
        fake.command(FLOODER, "/help")
        await fake.wait_until_async(
            lambda: any(HELP in m.text for m in fake.sent(FLOODER)),
            within=60,
            what="the flooder's /help after its flood",
        )
        answers = fake.sent(FLOODER)[:-1]
        sent = [m.chat_id for m in fake.all_sent()]
    # The flood: its burst answered with articles, then one "slow down", nothing more.
    found = [m for m in answers if "Tartus" in m.text]
    warned = [m for m in answers if "Too many /latest" in m.text]
    assert (len(found), len(warned), len(answers)) == (BURST, 1, BURST + 1)
    # The other chat's /help was answered before the flood's first answer, even: the first
    # /latest was still preparing 300 long articles, in a worker thread.
    assert sent.index(OTHER) < sent.index(FLOODER)


async def test_one_chats_commands_still_run_in_the_order_sent(
    fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    fake = fake_telegram
    async with running_bot(fake, db_path=tmp_path / "newsbot.json"):
        for text in ("/subscribe Tartus", "/subscribe Khmeimim", "/list", "/unsubscribe 1"):
            fake.command(FLOODER, text)
        replies = [(await fake.next_message_async(FLOODER)).text for _ in range(4)]
    assert replies[0].startswith("Subscribed to “Tartus”")
    assert replies[1].startswith("Subscribed to “Khmeimim”")
    assert "1. Tartus" in replies[2]
    assert "2. Khmeimim" in replies[2]
    assert "Tartus" in replies[3]
    assert "Khmeimim" not in replies[3]
