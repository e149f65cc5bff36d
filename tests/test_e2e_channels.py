"""Channels end to end: an admin of a channel manages its subscriptions from a private chat
with the bot (chat picker or @name), and its alerts are posted in the channel."""

from __future__ import annotations

from pathlib import Path

from bot.chats.permissions import channel_refusal
from bot.models import Chat, ChatKind
from tests.e2e import BotUnderTest
from tests.fakes.feed_server import FeedServer
from tests.fakes.telegram_server import FakeTelegram
from tests.test_e2e_alerts import SENTINEL, alert_bot

CHANNEL, OTHER, GROUP = -100999, -100998, -100997
ADMIN = 42  # a private chat with the bot; the person is an admin of CHANNEL


def channels(fake: FakeTelegram) -> None:
    fake.register_chat(CHANNEL, "channel", "Wire", username="wire")
    fake.set_member(CHANNEL, ADMIN, "administrator")
    fake.set_member(CHANNEL, fake.bot_id, "administrator")
    fake.register_chat(OTHER, "channel", "Other", username="other_news")
    fake.set_member(OTHER, ADMIN, "creator")  # the bot is not an admin there
    fake.register_chat(GROUP, "supergroup", "Chat", username="some_group")


def queries(bot: BotUnderTest, chat_id: int) -> list[str]:
    return [s.query for s in bot.services.chats.subscriptions(chat_id)]


def test_who_may_manage_a_channel() -> None:
    assert channel_refusal("channel", "administrator", "administrator") is None
    assert channel_refusal("channel", "creator", "administrator") is None
    assert "not a channel" in (channel_refusal("supergroup", "creator", "administrator") or "")
    assert "I am not an admin" in (channel_refusal("channel", "creator", "member") or "")
    assert "I am not an admin" in (channel_refusal("channel", "creator", None) or "")
    assert "Only the channel's admins" in (
        channel_refusal("channel", "member", "administrator") or ""
    )
    assert "Only the channel's admins" in (channel_refusal("channel", None, "administrator") or "")


async def test_an_admin_subscribes_a_channel_from_a_private_chat_and_alerts_go_there(
    fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    channels(fake_telegram)
    with FeedServer() as feeds:
        async with alert_bot(fake_telegram, feeds, tmp_path) as ab:
            reply = await ab.bot.send(ADMIN, "/channel @wire")
            assert reply.text.startswith("Now managing the channel “Wire”")
            reply = await ab.bot.send(ADMIN, "/subscribe Tartus")
            assert reply.text.startswith("📢 Wire\nSubscribed to “Tartus”")
            assert queries(ab.bot, CHANNEL) == ["Tartus"]
            assert queries(ab.bot, ADMIN) == []
            reply = await ab.bot.send(ADMIN, "/list")
            assert "Tartus" in reply.text

            await ab.publish("/a.xml", [SENTINEL])
            alert = await fake_telegram.next_message_async(CHANNEL)
            assert alert.text.startswith("🔔 Tartus port reopens")
            await ab.drained()
            assert fake_telegram.unread(ADMIN) == []

            reply = await ab.bot.send(ADMIN, "/channel off")
            assert reply.text.startswith("Back to this chat")
            await ab.bot.send(ADMIN, "/subscribe Khmeimim")
            assert queries(ab.bot, ADMIN) == ["Khmeimim"]
            assert queries(ab.bot, CHANNEL) == ["Tartus"]


async def test_the_chat_picker_picks_the_channel(bot: BotUnderTest) -> None:
    channels(bot.fake)
    reply = await bot.send(ADMIN, "/channel")
    assert reply.text.startswith("Pick a channel")
    [[button]] = (reply.reply_markup or {})["keyboard"]
    request = button["request_chat"]
    assert request["chat_is_channel"] is True
    assert request["bot_administrator_rights"]["can_post_messages"] is True
    bot.fake.share_chat(ADMIN, request["request_id"], CHANNEL)
    reply = await bot.fake.next_message_async(ADMIN)
    assert reply.text.startswith("Now managing the channel “Wire”")
    chat = bot.services.chats.get_chat(ADMIN)
    assert chat is not None
    assert chat.manages == CHANNEL


async def test_refusals_name_what_is_missing(bot: BotUnderTest) -> None:
    channels(bot.fake)
    cases = [
        ("/channel @other_news", "I am not an admin of that channel"),
        ("/channel @some_group", "That is not a channel"),
        ("/channel @nobody_here", "I cannot see @nobody_here"),
        ("/channel two words", "Usage: /channel"),
    ]
    for command, expected in cases:
        reply = await bot.send(ADMIN, command)
        assert reply.text.startswith(expected), command
    reply = await bot.send(7, "/channel @wire")  # not an admin of the channel
    assert reply.text == "Only the channel's admins can manage its subscriptions."
    reply = await bot.send(GROUP, "/channel @wire")
    assert reply.text.startswith("Manage a channel from a private chat")
    for chat_id in (ADMIN, 7):
        chat = bot.services.chats.get_chat(chat_id)
        assert chat is None or chat.manages is None


async def test_an_admin_who_lost_the_rights_is_refused(bot: BotUnderTest) -> None:
    channels(bot.fake)
    await bot.send(ADMIN, "/channel @wire")
    await bot.send(ADMIN, "/subscribe Tartus")
    bot.fake.set_member(CHANNEL, ADMIN, "member")
    bot.services.members.forget_chat(CHANNEL)  # as the cached answer's expiry does
    reply = await bot.send(ADMIN, "/subscribe Khmeimim")
    assert reply.text.endswith(
        "Only this channel's admins can change its subscriptions and settings."
    )
    assert queries(bot, CHANNEL) == ["Tartus"]


async def test_stop_from_the_private_chat_forgets_the_channel(bot: BotUnderTest) -> None:
    channels(bot.fake)
    await bot.send(ADMIN, "/subscribe Khmeimim")
    await bot.send(ADMIN, "/channel @wire")
    await bot.send(ADMIN, "/subscribe Tartus")
    await bot.send(ADMIN, "/stop")
    await bot.press(ADMIN, "stop:yes")
    assert queries(bot, CHANNEL) == []
    assert queries(bot, ADMIN) == ["Khmeimim"]
    chat = bot.services.chats.get_chat(ADMIN)
    assert chat is not None
    assert chat.manages is None


async def test_help_and_the_menu_show_channel(bot: BotUnderTest) -> None:
    reply = await bot.send(ADMIN, "/help")
    assert "/channel" in reply.text
    assert "only admins change subscriptions and settings" in reply.text
    assert "channel" in {c["command"] for c in bot.fake.commands}


def test_a_channel_is_sent_to_at_a_groups_pace() -> None:
    assert Chat(CHANNEL, kind=ChatKind.CHANNEL).is_group
    assert Chat(GROUP, kind=ChatKind.SUPERGROUP).is_group
    assert not Chat(ADMIN).is_group
