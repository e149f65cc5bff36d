"""A connection reset instead of Telegram's answer: the request was thrown away unread, so
the alert goes again (it was lost before: counted as delivered, never sent).

The SIGTERM end-to-end test (tests/test_run_inflight.py) failed one run in three this way:
thirty sends opened new connections at once, the fake's listen queue (socketserver's
default of 5) overflowed, the kernel reset the connections it had not accepted after
httpx wrote the requests, and the notifier took each httpx.ReadError for "maybe delivered".
Here the reset is injected, so it happens every time.
"""

from __future__ import annotations

import errno
from collections.abc import Callable

import httpx
import pytest
from telegram import Bot
from telegram.request import HTTPXRequest

from bot.errors import TransientError, Uncertain
from handlers.notifier import BotNotifier
from storage.memory import MemoryChatStore
from storage.outbox_sqlite import SqliteOutbox
from tests.fakes.telegram_server import FakeTelegram
from tests.senders import entry
from tests.test_delivery import api_sender


async def test_a_send_reset_before_its_answer_goes_again_and_arrives_once() -> None:
    outbox = SqliteOutbox(None)
    outbox.enqueue([entry(42, 1), entry(43, 1)])
    with FakeTelegram() as fake:
        fake.reset_next("sendMessage", chat_id=42)
        async with api_sender(fake, outbox, MemoryChatStore()) as sender:
            await sender.drain(limit=20)  # chat 42 waits its backoff (1 s), then goes again
            assert fake.resets == 1
            assert sender.stats.uncertain == 0  # not taken for "maybe delivered"
        assert len(fake.sent(42)) == 1  # delivered, once
        assert len(fake.sent(43)) == 1
        assert outbox.status(42, "s1") == "sent"
        assert outbox.unsent() == []


async def test_the_notifier_calls_a_reset_from_the_fake_a_failure_to_retry() -> None:
    with FakeTelegram() as fake:
        fake.reset_next("sendMessage")
        bot = Bot(fake.token, base_url=f"{fake.url}/bot", request=HTTPXRequest())
        await bot.initialize()
        try:
            with pytest.raises(TransientError) as caught:
                await BotNotifier(bot).send(42, "hello", buttons=[], preview_url=None)
            assert not isinstance(caught.value, Uncertain)
            assert fake.sent(42) == []  # really not carried out
        finally:
            await bot.shutdown()


def _reset() -> Exception:
    """httpx's ReadError as httpcore raises it over anyio when the peer resets."""
    try:
        try:
            raise ConnectionResetError(errno.ECONNRESET, "Connection reset by peer")
        except ConnectionResetError as exc:
            raise httpx.ReadError("") from exc
    except httpx.ReadError as exc:
        return exc


# What each httpx failure of a sendMessage means, through PTB's HTTPXRequest as in the bot.
CASES = [
    # RST instead of an answer: the server's side discarded the request unread.
    pytest.param(_reset, TransientError, id="reset"),
    # The request never got out whole.
    pytest.param(lambda: httpx.WriteError("broken pipe"), TransientError, id="write-error"),
    pytest.param(lambda: httpx.ConnectError("refused"), TransientError, id="connect-error"),
    # After the request went out: maybe delivered.
    pytest.param(lambda: httpx.ReadError("no reset under it"), Uncertain, id="read-error"),
    pytest.param(
        lambda: httpx.RemoteProtocolError("Server disconnected without sending a response"),
        Uncertain,
        id="closed-unanswered",
    ),
    pytest.param(lambda: httpx.ReadTimeout("no answer in time"), Uncertain, id="read-timeout"),
]


@pytest.mark.parametrize(("failure", "meaning"), CASES)
async def test_what_a_network_failure_means_for_the_alert(
    failure: Callable[[], Exception], meaning: type[Exception]
) -> None:
    def transport(request: httpx.Request) -> httpx.Response:
        raise failure()

    request = HTTPXRequest(httpx_kwargs={"transport": httpx.MockTransport(transport)})
    bot = Bot("123:abc", base_url="http://127.0.0.1:9/bot", request=request)
    with pytest.raises((TransientError, Uncertain)) as caught:
        await BotNotifier(bot).send(42, "hello", buttons=[], preview_url=None)
    assert type(caught.value) is meaning
