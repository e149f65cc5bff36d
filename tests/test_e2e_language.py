"""Replies in the person's language, /language and the menus per language, end to end."""

from __future__ import annotations

from tests.e2e import BotUnderTest

GROUP = -100777


async def test_a_russian_speaker_gets_russian(bot: BotUnderTest) -> None:
    bot.fake.language_codes[42] = "ru"
    hello = await bot.send(42, "/start")
    assert hello.text.startswith("Привет! Я присылаю уведомления")
    subscribed = await bot.send(42, "/subscribe Tartus")
    assert subscribed.text.startswith("Подписка на “Tartus” оформлена.")
    usage = await bot.send(42, "/list now")
    assert usage.text == "Использование: /list (без аргументов)"
    listed = await bot.send(42, "/list")
    assert listed.text.startswith("Этот чат следит за:\n1. Tartus")
    assert bot.services.chats.get_chat(42) is not None


async def test_the_setting_commands_answer_in_russian(bot: BotUnderTest) -> None:
    bot.fake.language_codes[42] = "ru"
    refused = await bot.send(42, "/digest daily 25:00")
    assert refused.text.startswith("«25:00» — это не время суток. Использование: /digest")
    await bot.send(42, "/quiet 22:00-07:00")
    shown = await bot.send(42, "/quiet")
    assert shown.text.startswith(
        "Доставка: уведомления сразу, тихие часы 22:00-07:00 (часовой пояс UTC).\n"
        "Использование: /quiet"
    )


async def test_the_parsers_reasons_come_in_russian(bot: BotUnderTest) -> None:
    bot.fake.language_codes[42] = "ru"
    unclosed = await bot.send(42, '/subscribe "air base')
    assert unclosed.text == "⚠️ Кавычка не закрыта: фраза пишется между двумя кавычками."
    bot.fake.language_codes[43] = "en"
    english = await bot.send(43, '/subscribe "air base')
    assert english.text == "⚠️ A quotation mark is not closed: phrases go between two quotes."


async def test_a_regional_code_and_an_unknown_language(bot: BotUnderTest) -> None:
    bot.fake.language_codes[42] = "ru-RU"
    assert (await bot.send(42, "/pause")).text.startswith("Пауза")
    bot.fake.language_codes[43] = "de"  # no German catalogue: English
    assert (await bot.send(43, "/pause")).text.startswith("Paused")
    assert (await bot.send(44, "/pause")).text.startswith("Paused")  # no language_code


async def test_language_en_switches_and_auto_goes_back(bot: BotUnderTest) -> None:
    bot.fake.language_codes[42] = "ru"
    switched = await bot.send(42, "/language en")
    assert switched.text == "Replies in this chat are now in English."
    chat = bot.services.chats.get_chat(42)
    assert chat is not None
    assert chat.language == "en"
    assert "Commands" in (await bot.send(42, "/help")).text
    back = await bot.send(42, "/language auto")
    assert back.text.startswith("Теперь я отвечаю на языке Telegram")
    assert "Команды" in (await bot.send(42, "/help")).text


async def test_the_picker_shows_the_language_and_its_buttons_set_it(bot: BotUnderTest) -> None:
    shown = await bot.send(42, "/language")
    assert shown.text.startswith("Replies in this chat are in English, from your Telegram")
    labels = [label for label, _ in shown.buttons]
    assert labels[:2] == ["English", "Русский"]
    assert len(labels) == 3  # and "Automatic"
    await bot.press(42, "Русский")
    edited = bot.fake.sent(42)[-1]
    assert edited.text == "Теперь язык ответов в этом чате: Русский."
    chat = bot.services.chats.get_chat(42)
    assert chat is not None
    assert chat.language == "ru"
    again = await bot.send(42, "/language")
    assert again.text.startswith("Язык ответов в этом чате: Русский.")


async def test_an_unknown_language_gets_a_one_line_answer(bot: BotUnderTest) -> None:
    for argument in ("xx", "<b>ru</b>", "ru en"):
        reply = await bot.send(42, f"/language {argument}")
        assert reply.text.startswith("I have no language “")
        assert "I speak: en, ru, or auto." in reply.text
        assert "\n" not in reply.text
    chat = bot.services.chats.get_chat(42)
    assert chat is None or chat.language == ""


async def test_a_group_language_is_set_by_its_admins_for_every_member(
    bot: BotUnderTest,
) -> None:
    bot.fake.language_codes[501] = "ru"  # a member
    bot.fake.language_codes[502] = "en"  # an admin
    bot.fake.set_member(GROUP, 501, "member")
    bot.fake.set_member(GROUP, 502, "administrator")
    english = await bot.send(GROUP, "/pause", chat_type="supergroup", user_id=502)
    assert english.text.startswith("Paused")
    refused = await bot.send(GROUP, "/language en", chat_type="supergroup", user_id=501)
    assert refused.text.startswith("Изменять подписки и настройки этой группы")
    chosen = await bot.send(GROUP, "/language ru", chat_type="supergroup", user_id=502)
    assert chosen.text == "Теперь язык ответов в этом чате: Русский."
    russian = await bot.send(GROUP, "/resume", chat_type="supergroup", user_id=502)
    assert russian.text == "Возобновлено: уведомления снова включены."
    shown = await bot.send(GROUP, "/language", chat_type="supergroup", user_id=501)
    assert shown.text.startswith("Язык ответов в этом чате: Русский.")


async def test_the_menus_are_registered_per_language_and_scope(bot: BotUnderTest) -> None:
    menus = bot.fake.menus
    for scope in ("default", "all_private_chats", "all_group_chats", "all_chat_administrators"):
        assert (scope, "") in menus
        assert (scope, "ru") in menus
    private = {c["command"]: c["description"] for c in menus[("all_private_chats", "ru")]}
    assert private["subscribe"] == "Следить за темой: /subscribe syria -ukraine"
    assert "language" in private
    english = {c["command"]: c["description"] for c in menus[("all_private_chats", "")]}
    assert english["subscribe"] == "Follow a topic: /subscribe syria -ukraine"
    assert set(private) == set(english)
    admins = {c["command"] for c in menus[("all_chat_administrators", "ru")]}
    assert "channel" in english  # managed from a private chat only
    assert admins == set(english) - {"channel"}
    members = {c["command"] for c in menus[("all_group_chats", "")]}
    assert members == {"list", "latest", "help"}
    # The default English menu comes last: a client seeing it knows every menu is set.
    last = bot.fake.calls("setMyCommands")[-1].params
    assert last["scope"] == {"type": "default"}
    assert "language_code" not in last


async def test_channel_management_answers_in_russian(bot: BotUnderTest) -> None:
    bot.fake.language_codes[42] = "ru"
    usage = await bot.send(42, "/channel !!")
    assert usage.text == "Использование: /channel (выбрать), /channel @имяканала или /channel off."
    pick = await bot.send(42, "/channel")
    assert pick.text.startswith("Выберите ваш канал кнопкой ниже")
    assert pick.reply_markup is not None
    assert pick.reply_markup["keyboard"][0][0]["text"] == "Выбрать канал"


async def test_feeds_and_export_answer_in_russian(bot: BotUnderTest) -> None:
    bot.fake.language_codes[42] = "ru"
    feeds = await bot.send(42, "/feeds")
    assert feeds.text.startswith("Ленты бота (")
    usage = await bot.send(42, "/feeds sideways")
    assert usage.text.startswith("Использование: /feeds")
    nothing = await bot.send(42, "/export")
    assert nothing.text == "У этого чата нет ни своих лент, ни подписок для экспорта."
