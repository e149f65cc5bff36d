"""The fake Bot API server keeps Telegram's rules, as PTB's own Bot sees them over HTTP."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Iterator
from datetime import timedelta

import httpx
import pytest
from telegram import Bot, BotCommand, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest, ChatMigrated, Forbidden, InvalidToken, RetryAfter

from tests.fakes.telegram_server import (
    ApiError,
    FakeTelegram,
    FloodLimits,
    parse_html,
)


class ManualClock:
    """A clock the test moves by hand, so flood limits are deterministic."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def fake() -> Iterator[FakeTelegram]:
    with FakeTelegram() as server:
        yield server


@pytest.fixture
async def api(fake: FakeTelegram) -> AsyncIterator[Bot]:
    """PTB's plain Bot pointed at the fake: the same HTTP requests the app sends."""
    async with Bot(fake.token, base_url=f"{fake.url}/bot") as ptb_bot:
        yield ptb_bot


@pytest.mark.parametrize(
    ("html", "plain"),
    [
        ("plain text", "plain text"),
        ("<b>bold</b> and <i>it</i>", "bold and it"),
        ("<b><i>nested</i></b>", "nested"),
        ('<a href="https://e.x/?a=1&amp;b=2">link</a>', "link"),
        ("&lt;b&gt;x&lt;/b&gt; &amp; &quot;q&quot;", '<b>x</b> & "q"'),
        ("&#8364; &#x20AC;", "€ €"),
        ('<span class="tg-spoiler">s</span><tg-spoiler>t</tg-spoiler>', "st"),
        ("a > b", "a > b"),
        ("<pre><code>x</code></pre><blockquote>q</blockquote>", "xq"),
    ],
    ids=["plain", "tags", "nested", "link", "escaped", "numeric", "spoiler", "gt", "code"],
)
def test_valid_html_parses_to_its_plain_text(html: str, plain: str) -> None:
    assert parse_html(html) == plain


@pytest.mark.parametrize(
    "html",
    [
        "<foo>x</foo>",
        "<b>never closed",
        "<b><i>x</b></i>",
        "a < b",
        "a & b",
        "&nbsp;",
        "x</b>",
        "<span>not a spoiler</span>",
        "<br/>",
    ],
    ids=[
        "unknown-tag",
        "unclosed",
        "misnested",
        "bare-lt",
        "bare-amp",
        "unknown-entity",
        "stray-end",
        "span",
        "self-closing",
    ],
)
def test_invalid_html_is_refused(html: str) -> None:
    with pytest.raises(ApiError) as caught:
        parse_html(html)
    assert caught.value.status == 400
    assert caught.value.description.startswith("Bad Request: can't parse entities: ")


async def test_send_checks_html_and_length_like_telegram(api: Bot, fake: FakeTelegram) -> None:
    with pytest.raises(BadRequest, match=r"(?i)can't parse entities"):
        await api.send_message(1, "<b>x", parse_mode="HTML")
    with pytest.raises(BadRequest, match=r"(?i)message is too long"):
        await api.send_message(1, "x" * 4097)
    # The limit counts the text after entity parsing: 4096 escaped ampersands fit.
    await api.send_message(1, "&amp;" * 4096, parse_mode="HTML")
    await api.send_message(1, "<b>&lt;ok&gt;</b>", parse_mode="HTML")
    with pytest.raises(BadRequest, match=r"(?i)message text is empty"):
        await api.send_message(1, "<b></b>", parse_mode="HTML")
    sent = fake.sent(1)
    assert [m.text for m in sent] == ["&" * 4096, "<ok>"]
    assert sent[1].html == "<b>&lt;ok&gt;</b>"
    assert [r.status for r in fake.calls("sendMessage")] == [400, 400, 200, 200, 400]


async def test_requests_are_decoded_as_ptb_encodes_them(api: Bot, fake: FakeTelegram) -> None:
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("Remove", callback_data="rm:7")]])
    message = await api.send_message(-5, "hi", reply_markup=markup)
    call = fake.calls("sendMessage")[-1]
    assert call.params["chat_id"] == -5
    assert call.params["text"] == "hi"
    assert call.params["reply_markup"] == {
        "inline_keyboard": [[{"text": "Remove", "callback_data": "rm:7"}]]
    }
    assert fake.sent(-5)[0].buttons == [("Remove", "rm:7")]
    assert message.reply_markup == markup
    assert fake.calls("getMe"), "Bot.initialize calls getMe with an empty body"


async def test_button_data_over_64_bytes_is_refused(api: Bot) -> None:
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("x", callback_data="é" * 33)]])
    with pytest.raises(BadRequest, match=r"(?i)button_data_invalid"):
        await api.send_message(1, "hi", reply_markup=markup)


async def test_edits_deletes_and_callback_answers(api: Bot, fake: FakeTelegram) -> None:
    message = await api.send_message(3, "one")
    await api.edit_message_text("two", chat_id=3, message_id=message.message_id)
    with pytest.raises(BadRequest, match=r"(?i)not modified"):
        await api.edit_message_text("two", chat_id=3, message_id=message.message_id)
    assert fake.sent(3)[0].text == "two"
    assert fake.sent(3)[0].edits == 1
    await api.delete_message(3, message.message_id)
    assert fake.sent(3)[0].deleted
    with pytest.raises(BadRequest, match=r"(?i)not found"):
        await api.delete_message(3, message.message_id)
    with pytest.raises(BadRequest, match=r"(?i)query is too old"):
        await api.answer_callback_query("999")


async def test_commands_are_validated_and_kept(api: Bot, fake: FakeTelegram) -> None:
    await api.set_my_commands([BotCommand("list", "Your subscriptions")])
    assert fake.commands == [{"command": "list", "description": "Your subscriptions"}]
    with pytest.raises(BadRequest, match=r"(?i)bot_command_invalid"):
        await api.set_my_commands([BotCommand("Bad-Name", "x")])


async def test_wrong_token_is_unauthorized(fake: FakeTelegram) -> None:
    with pytest.raises(InvalidToken):
        async with Bot("1:wrongwrongwrongwrongwrong", base_url=f"{fake.url}/bot"):
            pass


async def test_injected_faults(api: Bot, fake: FakeTelegram) -> None:
    fake.fail_next("sendMessage", retry_after=3)
    with pytest.raises(RetryAfter) as retry:
        await api.send_message(1, "x")
    assert retry.value.retry_after in (3, timedelta(seconds=3))
    await api.send_message(1, "x")  # only the next call failed

    fake.block_chat(2)
    with pytest.raises(Forbidden, match=r"(?i)blocked by the user"):
        await api.send_message(2, "x")
    await api.send_message(1, "other chats still work")

    fake.migrate_chat(-10, -10010)
    with pytest.raises(ChatMigrated) as moved:
        await api.send_message(-10, "x")
    assert moved.value.new_chat_id == -10010
    await api.send_message(-10010, "the new id works")

    fake.fail_next("sendMessage", status=400, description="Bad Request: boom", chat_id=5)
    await api.send_message(6, "another chat is not affected")
    with pytest.raises(BadRequest, match=r"(?i)boom"):
        await api.send_message(5, "x")
    assert fake.rate_limited == 1


def _send(fake: FakeTelegram, client: httpx.Client, chat_id: int) -> int:
    response = client.post(
        f"{fake.url}/bot{fake.token}/sendMessage", data={"chat_id": str(chat_id), "text": "x"}
    )
    if response.status_code == 429:
        assert response.json()["parameters"]["retry_after"] >= 1
    return response.status_code


def test_flood_limits_per_private_chat_per_group_and_overall() -> None:
    clock = ManualClock()
    limits = FloodLimits(overall_per_second=30, private_per_second=1, private_burst=3)
    with FakeTelegram(limits=limits, clock=clock) as fake, httpx.Client() as client:
        # One private chat: a burst of 3, then one a second.
        assert [_send(fake, client, 1) for _ in range(4)] == [200, 200, 200, 429]
        clock.now += 1.0
        assert [_send(fake, client, 1) for _ in range(2)] == [200, 429]
        # One group: 20 a minute.
        clock.now += 10
        statuses = [_send(fake, client, -100) for _ in range(21)]
        assert statuses.count(200) == 20
        assert statuses[-1] == 429
        clock.now += 61
        assert _send(fake, client, -100) == 200
        # Overall: 30 a second across chats.
        clock.now += 10
        statuses = [_send(fake, client, chat) for chat in range(1000, 1031)]
        assert statuses.count(200) == 30
        assert statuses[-1] == 429
        assert fake.rate_limited == 4
        assert fake.rate_limited_by_chat[1] == 2


async def test_long_poll_honours_timeout_and_offsets(api: Bot, fake: FakeTelegram) -> None:
    started = time.monotonic()
    assert await api.get_updates(timeout=1) == ()
    assert time.monotonic() - started >= 0.9  # it waited for the timeout
    fake.command(42, "/start")
    fake.command(-7, "/list@newsbot_test_bot", chat_type="group")
    updates = await api.get_updates(timeout=5)
    assert [u.message.text for u in updates if u.message] == ["/start", "/list@newsbot_test_bot"]
    first = updates[0].message
    assert first is not None
    assert first.entities[0].type == "bot_command"
    assert first.entities[0].length == len("/start")
    assert updates[1].effective_chat is not None
    assert updates[1].effective_chat.type == "group"
    assert len(fake.pending_updates()) == 2  # fetched but not confirmed yet
    assert await api.get_updates(offset=updates[-1].update_id + 1, timeout=0) == ()
    assert fake.pending_updates() == []


async def test_a_waiting_long_poll_returns_as_soon_as_an_update_arrives(
    api: Bot, fake: FakeTelegram
) -> None:
    poll = asyncio.create_task(api.get_updates(timeout=30))
    await fake.wait_until_async(lambda: fake.polls_waiting == 1, within=10, what="a long poll")
    fake.command(1, "/help")
    updates = await asyncio.wait_for(poll, 10)
    assert len(updates) == 1


async def test_button_press_is_a_callback_query(api: Bot, fake: FakeTelegram) -> None:
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("Yes", callback_data="stop:yes")]])
    await api.send_message(9, "sure?", reply_markup=markup)
    query_id = fake.press_button(9, "Yes")
    (update,) = await api.get_updates(timeout=5)
    assert update.callback_query is not None
    assert update.callback_query.data == "stop:yes"
    assert update.callback_query.id == query_id
    await api.answer_callback_query(query_id, text="done")
    assert fake.answered_callbacks[query_id]["text"] == "done"
