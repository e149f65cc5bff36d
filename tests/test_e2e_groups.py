"""Groups are run by their admins: through the real Application against the fake Bot API,
whose getChatMember says who administers a group (bot/chats/permissions.py decides)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.e2e import BotUnderTest, running_bot
from tests.fakes.telegram_server import FakeTelegram

GROUP = -100777
ADMIN, MEMBER, OPERATOR = 501, 502, 503
REFUSAL = "Only this group's admins can change its subscriptions and settings."


def queries(bot: BotUnderTest, chat_id: int = GROUP) -> list[str]:
    return [s.query for s in bot.services.chats.subscriptions(chat_id)]


def group(fake: FakeTelegram) -> None:
    fake.register_chat(GROUP, "supergroup", "Newsroom")
    fake.set_member(GROUP, ADMIN, "administrator")
    fake.set_member(GROUP, MEMBER, "member")
    fake.set_member(GROUP, OPERATOR, "member")


async def press_as(bot: BotUnderTest, user_id: int, match: str) -> dict[str, Any]:
    """Press the newest button `match` in the group as `user_id`; the callback's answer."""
    return await answer_to(bot, bot.fake.press_button(GROUP, match, user_id=user_id))


async def answer_to(bot: BotUnderTest, query_id: str) -> dict[str, Any]:
    """The bot's answer to the callback query `query_id`, once it came."""
    await bot.fake.wait_until_async(
        lambda: query_id in bot.fake.answered_callbacks, what=f"an answer to {query_id!r}"
    )
    return bot.fake.answered_callbacks[query_id]


async def test_a_member_cannot_subscribe_but_an_admin_can(bot: BotUnderTest) -> None:
    group(bot.fake)
    reply = await bot.send(GROUP, "/subscribe Tartus", user_id=MEMBER)
    assert reply.text == REFUSAL
    assert queries(bot) == []
    reply = await bot.send(GROUP, "/subscribe@newsbot_test_bot Tartus", user_id=ADMIN)
    assert reply.text.startswith("Subscribed to “Tartus”")
    assert queries(bot) == ["Tartus"]


async def test_every_change_is_refused_to_a_member_and_reading_is_not(bot: BotUnderTest) -> None:
    group(bot.fake)
    await bot.send(GROUP, "/subscribe Tartus", user_id=ADMIN)
    for command in (
        "/unsubscribe 1",
        "/unsubscribe",
        "/pause",
        "/resume",
        "/stop",
        "/digest hourly",
        "/timezone Europe/Berlin",
        "/quiet 22:00-07:00",
    ):
        reply = await bot.send(GROUP, command, user_id=MEMBER)
        assert reply.text == REFUSAL, command
    chat = bot.services.chats.get_chat(GROUP)
    assert chat is not None
    assert (chat.paused, chat.digest, chat.timezone, chat.quiet) == (False, "off", "UTC", "")
    assert queries(bot) == ["Tartus"]
    # Reading stays open to everyone: /list, /latest, a setting shown without an argument.
    assert "Tartus" in (await bot.send(GROUP, "/list", user_id=MEMBER)).text
    assert (await bot.send(GROUP, "/latest", user_id=MEMBER)).text != REFUSAL
    assert (await bot.send(GROUP, "/digest", user_id=MEMBER)).text != REFUSAL
    assert "Commands" in (await bot.send(GROUP, "/help", user_id=MEMBER)).text


async def test_a_member_cannot_confirm_an_admins_stop(bot: BotUnderTest) -> None:
    group(bot.fake)
    await bot.send(GROUP, "/subscribe Tartus", user_id=ADMIN)
    await bot.send(GROUP, "/stop", user_id=ADMIN)
    answer = await press_as(bot, MEMBER, "stop:yes")
    assert answer["text"] == REFUSAL
    assert answer.get("show_alert") is True
    assert queries(bot) == ["Tartus"]
    answer = await press_as(bot, ADMIN, "stop:yes")
    assert answer.get("text") != REFUSAL
    assert queries(bot) == []


async def test_a_member_cannot_press_remove_or_mute(bot: BotUnderTest) -> None:
    group(bot.fake)
    await bot.send(GROUP, "/subscribe Tartus", user_id=ADMIN)
    subscription = bot.services.chats.subscriptions(GROUP)[0]
    await bot.send(GROUP, "/list", user_id=MEMBER)
    assert (await press_as(bot, MEMBER, f"rm:{subscription.id}"))["text"] == REFUSAL
    assert queries(bot) == ["Tartus"]
    # The alert buttons too (pressed on the /list message: the data is what counts).
    for data in (f"mute:{subscription.id}", f"unsub:{subscription.id}"):
        message = bot.fake.sent(GROUP)[-1]
        query_id = bot.fake.press(GROUP, message.message_id, data, user_id=MEMBER)
        assert (await answer_to(bot, query_id))["text"] == REFUSAL
    stored = bot.services.chats.subscriptions(GROUP)
    assert [(s.query, s.muted) for s in stored] == [("Tartus", False)]
    await press_as(bot, ADMIN, f"rm:{subscription.id}")
    assert queries(bot) == []


async def test_operators_and_anonymous_admins_may_change_a_group(
    fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    group(fake_telegram)
    async with running_bot(
        fake_telegram, db_path=tmp_path / "db.json", admins=frozenset({OPERATOR})
    ) as bot:
        reply = await bot.send(GROUP, "/subscribe Tartus", user_id=OPERATOR)
        assert reply.text.startswith("Subscribed")
        fake_telegram.message(
            GROUP,
            "/subscribe Khmeimim",
            as_chat=True,
            entities=[{"type": "bot_command", "offset": 0, "length": 10}],
        )
        reply = await fake_telegram.next_message_async(GROUP)
        assert reply.text.startswith("Subscribed to “Khmeimim”")
        assert queries(bot) == ["Tartus", "Khmeimim"]
        # Neither needed Telegram's word.
        assert fake_telegram.calls("getChatMember") == []


async def test_telegrams_answer_is_kept_a_while(bot: BotUnderTest) -> None:
    group(bot.fake)
    await bot.send(GROUP, "/subscribe Tartus", user_id=ADMIN)
    await bot.send(GROUP, "/subscribe Khmeimim", user_id=ADMIN)
    await bot.send(GROUP, "/pause", user_id=ADMIN)
    asked = [c.params for c in bot.fake.calls("getChatMember")]
    assert asked == [{"chat_id": GROUP, "user_id": ADMIN}]
    # A demoted admin keeps the rights until the cached answer expires (60 s): forgetting
    # it (as its expiry does) makes the bot ask again and refuse.
    bot.fake.set_member(GROUP, ADMIN, "member")
    bot.services.members.forget_chat(GROUP)
    assert (await bot.send(GROUP, "/resume", user_id=ADMIN)).text == REFUSAL
    assert len(bot.fake.calls("getChatMember")) == 2


async def test_when_telegram_cannot_say_nothing_changes(bot: BotUnderTest) -> None:
    group(bot.fake)
    bot.fake.fail_next("getChatMember", status=400, description="Bad Request: chat not found")
    reply = await bot.send(GROUP, "/subscribe Tartus", user_id=ADMIN)
    assert reply.text.startswith("I could not check your admin rights")
    assert queries(bot) == []
    reply = await bot.send(GROUP, "/subscribe Tartus", user_id=ADMIN)
    assert reply.text.startswith("Subscribed")


async def test_private_chats_never_ask_telegram(bot: BotUnderTest) -> None:
    reply = await bot.send(42, "/subscribe Tartus")
    assert reply.text.startswith("Subscribed")
    await bot.send(42, "/stop")
    await bot.press(42, "stop:yes")
    assert bot.services.chats.subscriptions(42) == []
    assert bot.fake.calls("getChatMember") == []
