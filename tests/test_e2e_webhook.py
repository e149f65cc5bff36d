"""Webhook mode end to end: updates posted over real HTTP to the bot's listener, with and
without the secret; each answered only after it was handled; a repeated update_id handled
once; the metrics count each outcome."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from telegram import Update
from telegram.ext import TypeHandler

from bot.app import build_application, build_bot, build_services, webhook_serving
from bot.services import Services
from handlers.notifier import BotNotifier
from handlers.webhook import SECRET_HEADER, WebhookListener
from storage.memory import MemoryChatStore
from tests.e2e import e2e_settings
from tests.fakes.telegram_server import FakeTelegram

SECRET = "webhook-secret_42"
URL = "https://bot.example.org/telegram/hook"


@dataclass
class WebhookBot:
    fake: FakeTelegram
    services: Services
    listener: WebhookListener
    client: httpx.AsyncClient

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.listener.port}/telegram/hook"

    def update(self, chat_id: int, text: str) -> dict[str, Any]:
        """An update as Telegram would post it (built by the fake, never polled)."""
        self.fake.command(chat_id, text)
        return self.fake.pending_updates()[-1]

    async def post(
        self, update: dict[str, Any] | bytes, *, secret: str | None = SECRET
    ) -> httpx.Response:
        headers = {"Content-Type": "application/json"}
        if secret is not None:
            headers[SECRET_HEADER] = secret
        body = update if isinstance(update, bytes) else json.dumps(update).encode()
        return await self.client.post(self.url, content=body, headers=headers)


@asynccontextmanager
async def webhook_bot(
    fake: FakeTelegram, tmp_path: Path, *, database_url: str | None = None
) -> AsyncIterator[WebhookBot]:
    """A bot in webhook mode: on its own in-memory chats, or (`database_url`) one instance
    of several on a PostgreSQL database."""
    settings = e2e_settings(
        fake,
        tmp_path / "newsbot.json",
        webhook_url=URL,
        webhook_secret=SECRET,
        webhook_listen=("127.0.0.1", 0),
        database_url=database_url,
    )
    bot = build_bot(settings)
    chats = MemoryChatStore() if database_url is None else None
    services = build_services(settings, BotNotifier(bot), chats=chats, feeds=())
    application = build_application(services, bot)
    async with (
        webhook_serving(application, settings) as listener,
        httpx.AsyncClient(trust_env=False, timeout=30) as client,
    ):
        yield WebhookBot(fake, services, listener, client)


def outcomes(services: Services) -> dict[str, float]:
    return {
        s.labels["outcome"]: s.value
        for family in services.metrics.registry.collect()
        if family.name == "newsbot_webhook_updates"
        for s in family.samples
        if s.name.endswith("_total")
    }


async def test_the_secret_is_checked_and_the_answer_comes_after_the_handling(
    fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    async with webhook_bot(fake_telegram, tmp_path) as wb:
        update = wb.update(42, "/help")
        assert (await wb.post(update, secret=None)).status_code == 403
        assert (await wb.post(update, secret="not-the-secret")).status_code == 403
        response = await wb.post(update)
        assert response.status_code == 200
        # No waiting: the reply was sent before the listener answered Telegram.
        (reply,) = fake_telegram.sent(42)
        assert "Commands" in reply.text

        # Telegram delivers it again (say, our answer was lost): not handled twice.
        assert (await wb.post(update)).status_code == 200
        assert len(fake_telegram.sent(42)) == 1

        assert (await wb.post(b"{not json")).status_code == 400
        assert (await wb.post({"message": {}})).status_code == 400
        elsewhere = await wb.client.post(
            wb.url.replace("/hook", "/other"), content=b"{}", headers={SECRET_HEADER: SECRET}
        )
        assert elsewhere.status_code == 404
        assert outcomes(wb.services) == {
            "refused": 2,
            "handled": 1,
            "duplicate": 1,
            "malformed": 2,
        }


async def test_telegram_gets_its_answer_only_once_the_update_was_handled(
    fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    async with webhook_bot(fake_telegram, tmp_path) as wb:
        entered, release = asyncio.Event(), asyncio.Event()

        async def hold(update: object, context: object) -> None:
            """Chat 42's handling waits for the test (before every other handler)."""
            chat = update.effective_chat if isinstance(update, Update) else None
            if chat is not None and chat.id == 42:
                entered.set()
                await release.wait()

        wb.listener.application.add_handler(TypeHandler(Update, hold), group=-10)
        held = asyncio.create_task(wb.post(wb.update(42, "/help")))
        try:
            await asyncio.wait_for(entered.wait(), 30)
            # Meanwhile another chat's update goes all the way through, answer included.
            assert (await wb.post(wb.update(43, "/help"))).status_code == 200
            assert "Commands" in fake_telegram.sent(43)[0].text
            assert not held.done(), "the listener answered before the update was handled"
            assert fake_telegram.sent(42) == []
        finally:
            release.set()  # or the bot's shutdown waits for the held handler forever
        assert (await held).status_code == 200
        assert "Commands" in fake_telegram.sent(42)[0].text


async def test_a_repeat_arriving_while_the_first_runs_is_handled_once(
    fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    async with webhook_bot(fake_telegram, tmp_path) as wb:
        update = wb.update(42, "/subscribe Khmeimim")
        first, second = await asyncio.gather(wb.post(update), wb.post(update))
        assert (first.status_code, second.status_code) == (200, 200)
        (reply,) = fake_telegram.sent(42)
        assert reply.text.startswith("Subscribed to “Khmeimim”.")
        assert [s.query for s in wb.services.chats.subscriptions(42)] == ["Khmeimim"]
        assert outcomes(wb.services) == {"handled": 1, "duplicate": 1}

        # Another update of the same chat is handled as usual.
        assert (await wb.post(wb.update(42, "/list"))).status_code == 200
        assert "1. Khmeimim" in fake_telegram.sent(42)[-1].text


async def test_two_instances_on_one_database_handle_a_repeated_update_once(
    fake_telegram: FakeTelegram, tmp_path: Path, pg_url: str
) -> None:
    """Behind a load balancer, Telegram's repeat of an update may reach another instance:
    the claim in the shared database makes it answer without handling it again."""
    async with (
        webhook_bot(fake_telegram, tmp_path / "a", database_url=pg_url) as a,
        webhook_bot(fake_telegram, tmp_path / "b", database_url=pg_url) as b,
    ):
        update = a.update(42, "/subscribe Khmeimim")
        first, second = await asyncio.gather(a.post(update), b.post(update))
        assert (first.status_code, second.status_code) == (200, 200)
        (reply,) = fake_telegram.sent(42)
        assert reply.text.startswith("Subscribed to “Khmeimim”.")
        assert [s.query for s in a.services.chats.subscriptions(42)] == ["Khmeimim"]
        both = [outcomes(a.services), outcomes(b.services)]
        assert sorted(both, key=lambda o: "handled" in o) == [{"duplicate": 1}, {"handled": 1}]

        # Delivered again later, to either instance: answered at once, not handled.
        assert (await a.post(update)).status_code == 200
        assert (await b.post(update)).status_code == 200
        assert len(fake_telegram.sent(42)) == 1


async def test_stopping_lets_an_update_being_handled_finish_and_be_answered(
    fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    async with webhook_bot(fake_telegram, tmp_path) as wb:
        entered, release = asyncio.Event(), asyncio.Event()

        async def hold(update: object, context: object) -> None:
            entered.set()
            await release.wait()

        wb.listener.application.add_handler(TypeHandler(Update, hold), group=-10)
        url = wb.url
        held = asyncio.create_task(wb.post(wb.update(42, "/help")))
        stopping = None
        try:
            await asyncio.wait_for(entered.wait(), 30)
            stopping = asyncio.create_task(wb.listener.stop())
            await asyncio.sleep(0)
            assert not stopping.done()  # it waits for the update being handled
        finally:
            release.set()
        assert (await held).status_code == 200
        assert stopping is not None
        await stopping
        assert "Commands" in fake_telegram.sent(42)[0].text
        with pytest.raises(httpx.ConnectError):  # no new request once stopped
            await wb.client.post(url, json=wb.update(42, "/help"), headers={SECRET_HEADER: SECRET})


async def test_a_repeat_reaching_another_instance_while_the_first_handles_it_is_503(
    fake_telegram: FakeTelegram, tmp_path: Path, pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Instance B cannot answer "done" for an update A is still handling: after a short
    wait it answers 503, so that Telegram delivers it again later; by then A finished and
    B answers 200 at once, without handling it."""
    monkeypatch.setattr("bot.ops.updates.REPEAT_WAIT", 0.2)
    async with (
        webhook_bot(fake_telegram, tmp_path / "a", database_url=pg_url) as a,
        webhook_bot(fake_telegram, tmp_path / "b", database_url=pg_url) as b,
    ):
        entered, release = asyncio.Event(), asyncio.Event()

        async def hold(update: object, context: object) -> None:
            """A's handling of chat 42 waits for the test."""
            entered.set()
            await release.wait()

        a.listener.application.add_handler(TypeHandler(Update, hold), group=-10)
        update = a.update(42, "/help")
        held = asyncio.create_task(a.post(update))
        try:
            await asyncio.wait_for(entered.wait(), 30)
            assert (await b.post(update)).status_code == 503
            assert outcomes(b.services) == {"busy": 1}
        finally:
            release.set()
        assert (await held).status_code == 200
        assert (await b.post(update)).status_code == 200
        assert len(fake_telegram.sent(42)) == 1
        assert outcomes(b.services) == {"busy": 1, "duplicate": 1}
