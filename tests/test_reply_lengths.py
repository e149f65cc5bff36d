"""Replies that echo user text stay within Telegram's limit however long the text was."""

from __future__ import annotations

import pytest

from bot.alerts.schedule import SettingError, parse_digest
from bot.chats import replies
from bot.chats.subscriptions import InvalidQuery, NotSubscribed
from tests.e2e import BotUnderTest
from tests.fakes.telegram_server import MAX_TEXT_LENGTH, parse_html, utf16_length

# A command as long as Telegram lets a user send, astral characters counting twice.
LONG = "𝐤𝐡𝐦𝐞𝐢𝐦𝐢𝐦" * 512
LONG_BMP = "x" * 4090


def fits(markup: str) -> bool:
    return utf16_length(parse_html(markup).strip()) <= MAX_TEXT_LENGTH


@pytest.mark.parametrize("text", [LONG, LONG_BMP], ids=["astral", "ascii"])
def test_echoing_replies_are_shortened_to_fit(text: str) -> None:
    built = [
        replies.unknown_command(text),
        replies.usage(text),
        replies.unsubscribed(NotSubscribed(what=text, count=3)),
        replies.unsubscribed(NotSubscribed(what="#" + "9" * 4000, count=3)),
        replies.invalid_query(InvalidQuery(reason=f"“{text}” is not a query")),
    ]
    for reply in built:
        assert fits(reply.html), reply.html[:80]
        assert "…" in parse_html(reply.html)  # shortened, visibly


def test_the_digest_setting_error_does_not_echo_a_long_argument() -> None:
    with pytest.raises(SettingError) as caught:
        parse_digest("daily " + LONG_BMP)
    assert len(str(caught.value)) < 400


def test_short_user_text_is_echoed_whole() -> None:
    reply = replies.unsubscribed(NotSubscribed(what="syria 𝐤", count=1))
    assert "“syria 𝐤”" in parse_html(reply.html)


# --- end to end: the real bot answers every long command within Telegram's limit -------------

LONG_ARG = "𝐤" * 2040  # with the command: a message at Telegram's 4,096-unit limit


@pytest.mark.parametrize(
    "text",
    [
        f"/unsubscribe {LONG_ARG}",
        f"/digest daily {LONG_ARG}",
        "/" + "x" * 4000,
        f"/subscribe {LONG_ARG}",
    ],
    ids=["unsubscribe", "digest", "unknown command", "subscribe"],
)
async def test_a_long_command_gets_an_answer_not_an_apology(bot: BotUnderTest, text: str) -> None:
    reply = await bot.send(42, text)
    assert reply.text != replies.APOLOGY
    assert utf16_length(reply.text) <= MAX_TEXT_LENGTH
    refused = [r for r in bot.fake.requests if r.method == "sendMessage" and r.status != 200]
    assert refused == []
