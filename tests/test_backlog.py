"""A backlog: when the queue outgrows what Telegram's pace drains within a minute, each
chat gets what waits for it combined in one message; /status shows the backlog and its
drain time; paid broadcasts raise the pace (and are asked for only when switched on)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from prometheus_client.parser import text_string_to_metric_families
from telegram import Bot
from telegram.request import HTTPXRequest

from bot.alerts.decide import BACKLOG_BURST, BACKLOG_SECONDS, BURST_SIZE, Backlog, plan_chat
from bot.alerts.limits import PAID_BROADCAST_PACE, Limits
from bot.app import sender_limits
from bot.chats.status import Figures, StatusService, format_status
from bot.config import load_settings
from bot.models import Chat
from bot.ops.metrics import Metrics
from handlers.notifier import BotNotifier
from storage.articles import TinyArticleStore
from storage.feedstate import TinyFeedStateStore
from storage.memory import MemoryChatStore
from storage.outbox_sqlite import SqliteOutbox
from tests.fakes.telegram_server import FakeTelegram
from tests.senders import T0, entry, make_rig

# -- deciding (pure) ---------------------------------------------------------------------------


def test_in_a_backlog_two_ready_alerts_already_go_as_one_message_oldest_first() -> None:
    chat = Chat(1)
    queued = [entry(1, 1, created=T0), entry(1, 2, created=T0 + timedelta(seconds=1))]
    assert plan_chat(chat, queued, T0 + timedelta(seconds=5)).kind == "single"
    plan = plan_chat(chat, queued, T0 + timedelta(seconds=5), burst=BACKLOG_BURST)
    assert plan.kind == "burst"
    assert [e.story.id for e in plan.entries] == ["s1", "s2"]
    assert plan_chat(chat, queued[:1], T0, burst=BACKLOG_BURST).kind == "single"


@pytest.mark.parametrize(
    ("entries", "chats", "pace", "combining", "drain"),
    [
        pytest.param(0, 0, 30, False, 0.0, id="empty"),
        pytest.param(1800, 900, 30, False, 60.0, id="a-minute-is-no-backlog"),
        pytest.param(1801, 900, 30, True, 30.0, id="beyond-a-minute-one-message-per-chat"),
        pytest.param(1_150_000, 1_000_000, 30, True, 1_000_000 / 30, id="1M-chats"),
        pytest.param(50_000, 40_000, 1000, False, 50.0, id="paid-broadcast-pace"),
    ],
)
def test_a_backlog_is_more_than_a_minute_of_sending(
    entries: int, chats: int, pace: float, combining: bool, drain: float
) -> None:
    backlog = Backlog(entries, chats, pace)
    assert backlog.combining is combining
    assert backlog.burst == (BACKLOG_BURST if combining else BURST_SIZE)
    assert backlog.drain_seconds == pytest.approx(drain)
    assert BACKLOG_SECONDS == 60


# -- the sender --------------------------------------------------------------------------------


async def combined_for_chat_1(limits: Limits) -> list[str]:
    """What chat 1 receives of its two alerts while 70 other chats wait for one each."""
    rig = make_rig(limits=limits)
    rig.outbox.enqueue([entry(1, 1), entry(1, 2)])  # queued in that order
    rig.outbox.enqueue([entry(chat, 1) for chat in range(2, 72)])
    await rig.sender.start()
    await rig.until(lambda: not rig.outbox.unsent(), steps=2_000_000)
    await rig.sender.stop()
    return [s.text for s in rig.notifier.to(1)]


async def test_the_sender_combines_each_chats_alerts_while_the_queue_is_a_backlog() -> None:
    # 72 alerts at 1 a second: more than a minute, a backlog.
    texts = await combined_for_chat_1(Limits(overall=1))
    assert len(texts) == 1
    assert "Story 1" in texts[0]
    assert "Story 2" in texts[0]  # (listed newest first, as every list of stories is)
    # At 30 a second the same queue is no backlog: one message per alert.
    texts = await combined_for_chat_1(Limits())
    assert len(texts) == 2


# -- /status -----------------------------------------------------------------------------------


def figures(unsent: int, chats: int, pace: float = 30) -> Figures:
    return Figures((), 0, (), 0, 0, unsent=unsent, waiting_chats=chats, pace=pace)


def test_status_shows_the_queue_and_its_drain_time() -> None:
    html = format_status(figures(900, 10), T0)
    assert "Alerts waiting to be sent: 900 for 10 chats" in html
    assert "Expected drain time: 30 s at 30 messages/s" in html
    assert "Backlog" not in html


def test_status_shows_a_backlog_drained_one_message_per_chat() -> None:
    html = format_status(figures(1_150_000, 1_000_000), T0)
    assert "Alerts waiting to be sent: 1150000 for 1000000 chats" in html
    assert "Expected drain time: 9 h 16 min at 30 messages/s" in html
    assert "Backlog: each chat gets its waiting alerts combined in one message" in html
    paid = format_status(figures(1_150_000, 1_000_000, PAID_BROADCAST_PACE), T0)
    assert "Expected drain time: 17 min at 1000 messages/s" in paid


def test_status_reads_the_counts_from_the_outbox(tmp_path: Path) -> None:
    outbox = SqliteOutbox(None, fsync=False)
    outbox.enqueue([entry(1, 1), entry(1, 2), entry(2, 1)])
    outbox.claim([(1, "s1")])  # in flight: not sent yet
    status = StatusService(
        chats=MemoryChatStore(),
        feed_states=TinyFeedStateStore(tmp_path / "feeds.json", fsync=False),
        articles=TinyArticleStore(tmp_path / "articles.json", fsync=False),
        outbox=outbox,
        feeds_configured=0,
        pace=PAID_BROADCAST_PACE,
    )
    found = status.figures()
    assert (found.unsent, found.waiting_chats, found.pace) == (3, 2, 1000)


# -- paid broadcasts ---------------------------------------------------------------------------


def test_paid_broadcasts_are_off_by_default_and_raise_the_pace_when_on(tmp_path: Path) -> None:
    off = load_settings(environ={}, env_file=None)
    on = load_settings(environ={"NEWSBOT_PAID_BROADCAST": "1"}, env_file=None)
    assert not off.paid_broadcast
    assert on.paid_broadcast
    assert sender_limits(off).overall == 30
    assert sender_limits(on).overall == PAID_BROADCAST_PACE == 1000


@pytest.mark.parametrize("paid", [False, True], ids=["off", "on"])
async def test_allow_paid_broadcast_is_sent_only_when_switched_on(paid: bool) -> None:
    with FakeTelegram() as fake:
        bot = Bot(fake.token, base_url=f"{fake.url}/bot", request=HTTPXRequest())
        await bot.initialize()
        try:
            await BotNotifier(bot, paid_broadcast=paid).send(
                42, "hello", buttons=[], preview_url=None
            )
        finally:
            await bot.shutdown()
        (sent,) = fake.sent(42)
    if paid:
        assert sent.params.get("allow_paid_broadcast") in (True, "true", "True")
    else:
        assert "allow_paid_broadcast" not in sent.params


# -- metrics ---------------------------------------------------------------------------------


def role_metric(metrics: Metrics) -> dict[tuple[str, str], float]:
    text = metrics.exposition().decode()
    return {
        (s.labels["role"], s.labels["mode"]): s.value
        for family in text_string_to_metric_families(text)
        if family.name == "newsbot_role_held"
        for s in family.samples
    }


def test_the_sender_role_metric_follows_the_pg_sender_role(pg_url: str) -> None:
    from bot.app import sending
    from bot.config import Settings
    from storage.postgres import open_stores

    pg = open_stores(pg_url)
    metrics = Metrics()
    assert role_metric(metrics)[("sender", "single")] == 1  # the embedded store's default
    found = sending(Settings(database_url=pg_url), pg.outbox, metrics)
    assert role_metric(metrics)[("sender", "lock")] == 0  # standing by until taken
    found["on_role"](True)
    assert role_metric(metrics)[("sender", "lock")] == 1
    found["role"].release()
    pg.close_unused()
