"""The operator's server on its own: /healthz answers 503 when the database does not
answer, and the registry is the bot's own, not prometheus-client's global one."""

from __future__ import annotations

import httpx
from prometheus_client import REGISTRY

from bot.ops.health import check_health
from bot.ops.metrics import Metrics
from bot.ops.server import OperatorServer
from storage.memory import MemoryChatStore


async def test_healthz_is_503_when_the_database_does_not_answer() -> None:
    chats = MemoryChatStore()
    server = OperatorServer(("127.0.0.1", 0), metrics=Metrics(), health=lambda: check_health(chats))
    await server.start()
    try:
        async with httpx.AsyncClient(trust_env=False, timeout=10) as client:
            url = f"http://127.0.0.1:{server.port}/healthz"
            assert (await client.get(url)).status_code == 200
            chats.close()  # what a lost database looks like to the bot: a read raises
            failing = await client.get(url)
            assert failing.status_code == 503
            body = failing.json()
            assert body["status"] == "failing"
            assert body["database"].startswith("failing: ")
    finally:
        await server.stop()


def test_each_bot_counts_on_a_registry_of_its_own() -> None:
    first, second = Metrics(), Metrics()
    first.alerts_sent.inc()
    assert first.registry.get_sample_value("newsbot_alerts_sent_total") == 1
    assert second.registry.get_sample_value("newsbot_alerts_sent_total") == 0
    assert REGISTRY.get_sample_value("newsbot_alerts_sent_total") is None
