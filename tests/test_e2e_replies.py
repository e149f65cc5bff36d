"""Replies people like to read, end to end against the fake Bot API: /settings and its
buttons, /list with pauses and mutes, the hint under a plain message, a bare /subscribe's
question and several subscriptions at once."""

from __future__ import annotations

from collections.abc import Callable

from bot.models import Chat, DigestMode
from tests.e2e import BotUnderTest


def queries(bot: BotUnderTest, chat_id: int) -> list[str]:
    return [s.query for s in bot.services.subscriptions.subscriptions(chat_id)]


async def test_settings_shows_everything_about_the_chat(bot: BotUnderTest) -> None:
    await bot.send(42, "/subscribe Khmeimim")
    await bot.send(42, "/timezone Europe/Berlin")
    await bot.send(42, "/quiet 22:00-07:00")
    screen = await bot.send(42, "/settings")
    lines = screen.text.splitlines()
    assert lines[0] == "Settings of this chat"
    for expected in (
        "Alerts: on (/pause)",
        "Delivery: instant alerts (/digest)",
        "Quiet hours: 22:00-07:00 (/quiet)",
        "Time zone: Europe/Berlin (/timezone)",
        "Link previews: shown",
        "Subscriptions: 1 (/list)",
        "Language: English (/language)",
    ):
        assert expected in lines
    (sources,) = [line for line in lines if line.startswith("Sources:")]
    operator = len(bot.services.feeds.operator_feeds)
    assert sources == f"Sources: {operator} feed{'' if operator == 1 else 's'} (/feeds)"
    datas = {data for _, data in screen.buttons}
    assert {"set:paused:on", "set:previews:off", "set:digest:hourly", "set:quiet:off"} <= datas


async def test_settings_buttons_change_the_chat_and_redraw_the_screen(bot: BotUnderTest) -> None:
    await bot.send(42, "/quiet 22:00-07:00")
    await bot.send(42, "/settings")
    chats = bot.services.chats

    def chat() -> Chat:
        found = chats.get_chat(42)
        assert found is not None
        return found

    checks: list[tuple[str, Callable[[], bool]]] = [
        ("set:paused:on", lambda: chat().paused),
        ("set:previews:off", lambda: not chat().previews),
        ("set:digest:daily", lambda: chat().digest == DigestMode.DAILY),
        ("set:quiet:off", lambda: chat().quiet == ""),
    ]
    for data, check in checks:
        answer = await bot.press(42, data)
        assert answer.get("text"), data
        assert check(), data
    screen = bot.fake.sent(42)[-1]
    assert screen.edits == 4
    assert "Alerts: ⏸ paused (/resume)" in screen.text
    assert "Link previews: hidden" in screen.text
    assert "Delivery: a daily digest at 08:00 (/digest)" in screen.text
    assert "Quiet hours: off (/quiet)" in screen.text
    assert ("✓ Daily digest", "set:digest:daily") in screen.buttons
    await bot.press(42, "set:paused:off")
    assert not chat().paused


async def test_settings_takes_no_arguments(bot: BotUnderTest) -> None:
    reply = await bot.send(42, "/settings now")
    assert reply.text == "Usage: /settings (no arguments)"


async def test_list_says_alerts_are_paused_and_offers_unmute(bot: BotUnderTest) -> None:
    await bot.send(42, "/subscribe Khmeimim")
    await bot.send(42, "/subscribe Tartus")
    (tartus,) = [s for s in bot.services.subscriptions.subscriptions(42) if s.query == "Tartus"]
    bot.services.subscriptions.set_muted(42, tartus.id, True)
    await bot.send(42, "/pause")
    listed = await bot.send(42, "/list")
    assert listed.text.startswith("⏸ Alerts are paused for this chat: /resume turns them on.")
    assert "2. Tartus 🔕 (muted)" in listed.text
    assert "1. Khmeimim\n" in listed.text
    assert ("🔔 Unmute 2. Tartus", f"unmute:{tartus.id}") in listed.buttons
    assert [d for _, d in listed.buttons if d.startswith("unmute:")] == [f"unmute:{tartus.id}"]
    await bot.press(42, f"unmute:{tartus.id}")
    assert not [s for s in bot.services.subscriptions.subscriptions(42) if s.muted]
    await bot.send(42, "/resume")
    listed = await bot.send(42, "/list")
    assert "paused" not in listed.text
    assert "muted" not in listed.text


async def test_a_plain_message_in_a_private_chat_gets_a_hint_with_a_button(
    bot: BotUnderTest,
) -> None:
    hint = await bot.send(42, "Khmeimim")
    assert hint.text.startswith("Send /subscribe Khmeimim to follow it")
    assert hint.buttons == [("➕ Follow “Khmeimim”", "sub:Khmeimim")]
    assert queries(bot, 42) == []
    await bot.press(42, "sub:Khmeimim")
    done = await bot.fake.next_message_async(42)
    assert done.text.startswith("Subscribed to “Khmeimim”")
    assert queries(bot, 42) == ["Khmeimim"]


async def test_a_long_plain_message_gets_the_hint_without_a_button(bot: BotUnderTest) -> None:
    text = "What is happening at the Russian air base near Latakia this week?"
    hint = await bot.send(42, text)
    assert "/subscribe What is happening" in hint.text
    assert hint.buttons == []


async def test_plain_messages_in_groups_get_no_hint(bot: BotUnderTest) -> None:
    await bot.silence(-100, "good morning everyone", chat_type="group")


async def test_bare_subscribe_asks_and_the_answer_subscribes(bot: BotUnderTest) -> None:
    question = await bot.send(42, "/subscribe")
    assert (question.reply_markup or {}).get("force_reply") is True
    bot.fake.message(42, "Tartus", reply_to=question.message_id)
    done = await bot.fake.next_message_async(42)
    assert done.text.startswith("Subscribed to “Tartus”")
    assert queries(bot, 42) == ["Tartus"]
    # Answering the same question twice is a plain message again: a hint, no subscription.
    bot.fake.message(42, "Latakia", reply_to=question.message_id)
    again = await bot.fake.next_message_async(42)
    assert again.text.startswith("Send /subscribe Latakia")
    assert queries(bot, 42) == ["Tartus"]


async def test_bare_subscribe_in_a_group_asks_and_only_the_askers_answer_subscribes(
    bot: BotUnderTest,
) -> None:
    question = await bot.send(-100, "/subscribe", chat_type="group")  # by the group's creator
    assert question.params["reply_parameters"]["message_id"] > 0
    # Someone else answering: a plain group message, no subscription and no reply.
    bot.fake.message(-100, "Epstein", chat_type="group", user_id=8, reply_to=question.message_id)
    after = await bot.send(-100, "/help", chat_type="group", user_id=8)  # handled in order
    assert "Commands" in after.text
    assert queries(bot, -100) == []
    bot.fake.message(-100, "Khmeimim\nTartus", chat_type="group", reply_to=question.message_id)
    done = await bot.fake.next_message_async(-100)
    assert done.text == "Subscribed to 2: “Khmeimim”, “Tartus”."
    assert queries(bot, -100) == ["Khmeimim", "Tartus"]


async def test_several_lines_make_one_subscription_each_with_one_summary(
    bot: BotUnderTest,
) -> None:
    await bot.send(42, "/subscribe Khmeimim")
    summary = await bot.send(42, "/subscribe Tartus\n\nKhmeimim\n  syria -ukraine  \n(broken")
    lines = summary.text.splitlines()
    assert lines[0] == "Subscribed to 2: “Tartus”, “syria -ukraine”."
    assert lines[1] == "Already followed: “Khmeimim”."
    assert lines[2].startswith("⚠️ Not added “(broken”: ")
    assert len(lines) == 3
    assert queries(bot, 42) == ["Khmeimim", "Tartus", "syria -ukraine"]
    assert len(bot.fake.unread(42)) == 0  # one reply for all the lines


async def test_help_and_menu_name_settings(bot: BotUnderTest) -> None:
    help_text = await bot.send(42, "/help")
    assert "/settings" in help_text.text
    menu = bot.fake.calls("setMyCommands")[-1].params["commands"]
    assert "settings" in [c["command"] for c in menu]


async def test_in_a_group_settings_show_to_everyone_and_change_only_for_admins(
    bot: BotUnderTest,
) -> None:
    group, admin, member = -100777, 501, 502
    bot.fake.register_chat(group, "supergroup", "Newsroom")
    bot.fake.set_member(group, admin, "administrator")
    bot.fake.set_member(group, member, "member")
    screen = await bot.send(group, "/settings", user_id=member)  # reading is for everyone
    assert screen.text.startswith("Settings of this chat")
    refused = bot.fake.press_button(group, "set:previews:off", user_id=member)
    await bot.fake.wait_until_async(lambda: refused in bot.fake.answered_callbacks)
    assert "admins" in bot.fake.answered_callbacks[refused].get("text", "")
    assert bot.services.subscriptions.chat(group).previews is True
    allowed = bot.fake.press_button(group, "set:previews:off", user_id=admin)
    await bot.fake.wait_until_async(lambda: allowed in bot.fake.answered_callbacks)
    assert bot.services.subscriptions.chat(group).previews is False


async def test_a_question_asked_in_a_forum_topic_is_answered_there(bot: BotUnderTest) -> None:
    forum, topic = -100900, 17
    bot.fake.command(forum, "/subscribe", thread_id=topic)
    question = await bot.fake.next_message_async(forum)
    assert question.params["message_thread_id"] == topic
    bot.fake.message(forum, "Tartus", thread_id=topic, reply_to=question.message_id)
    done = await bot.fake.next_message_async(forum)
    assert done.text.startswith("Subscribed to “Tartus”")
    assert done.params["message_thread_id"] == topic
    (sub,) = bot.services.subscriptions.subscriptions(forum)
    assert sub.thread_id == topic  # its alerts go to the topic too


async def test_a_managed_channels_settings_change_from_the_private_chat(
    bot: BotUnderTest,
) -> None:
    channel, admin = -100999, 42
    bot.fake.register_chat(channel, "channel", "Wire", username="wire")
    bot.fake.set_member(channel, admin, "administrator")
    bot.fake.set_member(channel, bot.fake.bot_id, "administrator")
    await bot.send(admin, "/channel @wire")
    screen = await bot.send(admin, "/settings")
    assert screen.text.startswith("📢 Wire\nSettings of this chat")
    await bot.press(admin, "set:previews:off")
    assert bot.services.subscriptions.chat(channel).previews is False
    assert bot.services.subscriptions.chat(admin).previews is True
    edited = bot.fake.sent(admin)[-1]
    assert edited.text.startswith("📢 Wire\nSettings of this chat")  # still says which chat
    assert "Link previews: hidden" in edited.text
