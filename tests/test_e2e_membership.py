"""my_chat_member end to end: removed from a group or channel, the bot sends nothing more
there; added back, the chat is active again and alerts flow."""

from __future__ import annotations

from pathlib import Path

from bot.chats.permissions import bot_presence
from tests.fakes.feed_server import FeedServer
from tests.fakes.telegram_server import FakeTelegram
from tests.test_e2e_alerts import PLANE, SENTINEL, alert_bot

GROUP = -100888


def test_what_a_change_of_the_bots_status_means() -> None:
    assert bot_presence("member", "kicked") is False
    assert bot_presence("administrator", "left") is False
    assert bot_presence("left", "member") is True
    assert bot_presence("kicked", "administrator") is True
    assert bot_presence("member", "administrator") is None
    assert bot_presence("left", "kicked") is None


async def test_removed_then_added_back(fake_telegram: FakeTelegram, tmp_path: Path) -> None:
    with FeedServer() as feeds:
        async with alert_bot(fake_telegram, feeds, tmp_path) as ab:
            chats = ab.bot.services.chats
            await ab.bot.send(GROUP, "/subscribe Tartus")
            await ab.bot.send(GROUP, "/subscribe Khmeimim")
            fake_telegram.set_bot_status(GROUP, "kicked")
            await fake_telegram.wait_until_async(
                lambda: not getattr(chats.get_chat(GROUP), "active", True),
                what="the group marked inactive",
            )
            sends = len(fake_telegram.calls("sendMessage"))
            await ab.publish("/a.xml", [SENTINEL])
            await ab.drained()
            assert len(fake_telegram.calls("sendMessage")) == sends  # not even tried
            assert [s.query for s in chats.subscriptions(GROUP)] == ["Tartus", "Khmeimim"]

            fake_telegram.set_bot_status(GROUP, "member")
            await fake_telegram.wait_until_async(
                lambda: getattr(chats.get_chat(GROUP), "active", False),
                what="the group active again",
            )
            await ab.publish("/a.xml", [SENTINEL, PLANE])
            alert = await fake_telegram.next_message_async(GROUP)
            assert alert.text.startswith("🔔 Russian cargo plane")


async def test_a_channel_the_bot_is_added_to_becomes_known(
    fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    fake_telegram.register_chat(-100999, "channel", "Wire", username="wire")
    with FeedServer() as feeds:
        async with alert_bot(fake_telegram, feeds, tmp_path) as ab:
            fake_telegram.set_bot_status(-100999, "administrator")
            chats = ab.bot.services.chats
            await fake_telegram.wait_until_async(
                lambda: chats.get_chat(-100999) is not None, what="the channel stored"
            )
            channel = chats.get_chat(-100999)
            assert channel is not None
            assert (channel.kind, channel.title, channel.active) == ("channel", "Wire", True)
            fake_telegram.set_bot_status(-100999, "left")
            await fake_telegram.wait_until_async(
                lambda: not getattr(chats.get_chat(-100999), "active", True),
                what="the channel marked inactive",
            )


async def test_a_person_who_blocks_the_bot_is_inactive_at_once(
    fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    with FeedServer() as feeds:
        async with alert_bot(fake_telegram, feeds, tmp_path) as ab:
            chats = ab.bot.services.chats
            await ab.bot.send(42, "/subscribe Tartus")
            fake_telegram.set_bot_status(42, "kicked", by_user=42)  # Telegram's "blocked"
            await fake_telegram.wait_until_async(
                lambda: not getattr(chats.get_chat(42), "active", True),
                what="the private chat marked inactive",
            )
            await ab.publish("/a.xml", [SENTINEL])
            await ab.drained()
            tried = [c for c in fake_telegram.calls("sendMessage") if c.params["chat_id"] == 42]
            assert len(tried) == 1  # the /subscribe reply only: the alert was not even tried
            fake_telegram.set_bot_status(42, "member", by_user=42)  # unblocked
            await fake_telegram.wait_until_async(
                lambda: getattr(chats.get_chat(42), "active", False),
                what="the private chat active again",
            )
