"""Forum topics end to end: a subscription made in a topic gets its confirmation and its
alerts there; every reply goes to the topic its command came from."""

from __future__ import annotations

from pathlib import Path

from bot.chats.replies import APOLOGY
from tests.e2e import BotUnderTest, running_bot
from tests.fakes.feed_server import FeedServer
from tests.fakes.telegram_server import FakeTelegram
from tests.test_e2e_alerts import PLANE, SENTINEL, alert_bot
from tests.test_e2e_commands import FailingStore

FORUM = -100555
NEWS, CHATTER = 7, 9  # two topics


async def test_a_subscription_made_in_a_topic_alerts_into_that_topic(
    fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    fake_telegram.register_chat(FORUM, title="Forum", forum=True)
    with FeedServer() as feeds:
        async with alert_bot(fake_telegram, feeds, tmp_path) as ab:
            reply = await ab.bot.send(FORUM, "/subscribe Khmeimim", thread_id=NEWS)
            assert reply.text.startswith("Subscribed to “Khmeimim”")
            assert reply.thread_id == NEWS
            stored = ab.bot.services.chats.subscriptions(FORUM)
            assert [(s.query, s.thread_id) for s in stored] == [("Khmeimim", NEWS)]

            reply = await ab.bot.send(FORUM, "/list", thread_id=CHATTER)
            assert "Khmeimim" in reply.text
            assert reply.thread_id == CHATTER

            await ab.publish("/a.xml", [PLANE])
            alert = await fake_telegram.next_message_async(FORUM)
            assert alert.text.startswith("🔔 Russian cargo plane")
            assert alert.thread_id == NEWS
            assert alert.params["link_preview_options"]["url"] == "https://news.example/story-1"

            # The alert's buttons answer in the topic too.
            await ab.bot.press(FORUM, "Mute “Khmeimim”")
            muted = await fake_telegram.next_message_async(FORUM)
            assert muted.text.startswith("Muted")
            assert muted.thread_id == NEWS


async def test_outside_a_topic_nothing_names_one(
    fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    with FeedServer() as feeds:
        async with alert_bot(fake_telegram, feeds, tmp_path) as ab:
            reply = await ab.bot.send(-100666, "/subscribe Tartus")
            assert reply.thread_id is None
            await ab.publish("/a.xml", [SENTINEL])
            alert = await fake_telegram.next_message_async(-100666)
            assert alert.thread_id is None
            assert "message_thread_id" not in alert.params


async def test_alerts_of_a_deleted_topic_go_to_the_chat(
    fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    fake_telegram.register_chat(FORUM, title="Forum", forum=True)
    with FeedServer() as feeds:
        async with alert_bot(fake_telegram, feeds, tmp_path) as ab:
            await ab.bot.send(FORUM, "/subscribe Tartus", thread_id=NEWS)
            fake_telegram.delete_topic(FORUM, NEWS)
            await ab.publish("/a.xml", [SENTINEL])
            alert = await fake_telegram.next_message_async(FORUM)
            assert alert.text.startswith("🔔 Tartus port reopens")
            assert alert.thread_id is None


async def test_the_apology_for_an_unexpected_error_goes_to_the_topic(
    fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    fake_telegram.register_chat(FORUM, title="Forum", forum=True)
    async with running_bot(
        fake_telegram, db_path=tmp_path / "db.json", chats=FailingStore()
    ) as bot:
        reply = await bot.send(FORUM, "/subscribe boom", thread_id=CHATTER)
        assert reply.text == APOLOGY
        assert reply.thread_id == CHATTER


async def test_a_refusal_goes_to_the_topic_too(bot: BotUnderTest) -> None:
    bot.fake.register_chat(FORUM, title="Forum", forum=True)
    bot.fake.set_member(FORUM, 77, "member")
    reply = await bot.send(FORUM, "/subscribe Tartus", thread_id=CHATTER, user_id=77)
    assert reply.text == "Only this group's admins can change its subscriptions and settings."
    assert reply.thread_id == CHATTER
    assert bot.services.chats.subscriptions(FORUM) == []
