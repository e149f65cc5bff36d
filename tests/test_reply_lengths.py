"""Replies that echo user text stay within Telegram's limit however long the text was."""

from __future__ import annotations

import pytest

from bot.alerts.schedule import SettingError, parse_digest
from bot.chats import replies
from bot.chats.subscriptions import InvalidQuery, NotSubscribed
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
