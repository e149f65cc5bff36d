"""The operator's server end to end: /metrics and /healthz scraped over HTTP from the real
bot after real work (a subscription, feeds polled, an alert sent, one refused)."""

from __future__ import annotations

from pathlib import Path

import httpx
from prometheus_client.parser import text_string_to_metric_families

from tests.fakes.feed_server import FeedServer
from tests.fakes.telegram_server import FakeTelegram
from tests.test_e2e_alerts import PLANE, alert_bot, story

Samples = dict[tuple[str, tuple[tuple[str, str], ...]], float]


async def scrape(client: httpx.AsyncClient, port: int) -> Samples:
    """Every sample of /metrics, by name and labels."""
    response = await client.get(f"http://127.0.0.1:{port}/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain; version=0.0.4")
    return {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(response.text)
        for s in family.samples
    }


async def test_metrics_and_health_after_real_work(
    fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    with FeedServer() as feeds:
        async with (
            alert_bot(fake_telegram, feeds, tmp_path, ops_listen=("127.0.0.1", 0)) as ab,
            httpx.AsyncClient(trust_env=False, timeout=10) as client,
        ):
            operator = ab.bot.services.operator
            assert operator is not None
            before = await scrape(client, operator.port)
            assert before[("newsbot_alerts_sent_total", ())] == 0
            assert before[("newsbot_index_subscriptions", ())] == 0

            await ab.bot.send(42, "/subscribe Khmeimim")
            await ab.publish("/a.xml", [PLANE])
            await fake_telegram.next_message_async(42)
            await ab.drained()
            feeds.route("/broken.xml", status=500)
            await ab.poller.poll_once(feeds.url("/broken.xml"))

            after = await scrape(client, operator.port)
            assert after[("newsbot_alerts_sent_total", ())] == 1
            assert after[("newsbot_index_subscriptions", ())] == 1
            assert after[("newsbot_stories", ())] == 1
            assert after[("newsbot_feeds", (("state", "polled"),))] == 2
            assert after[("newsbot_feeds", (("state", "failing"),))] == 1
            assert after[("newsbot_alerts_queued", (("status", "pending"),))] == 0
            assert after[("newsbot_send_lag_seconds", ())] == 0
            assert after[("newsbot_role_held", (("mode", "single"), ("role", "sender")))] == 1

            # A chat that blocked the bot: the refused send is counted by its error.
            fake_telegram.block_chat(42)
            await ab.publish("/a.xml", [PLANE, story(2, "Khmeimim air base on alert")])
            chats = ab.bot.services.chats
            await fake_telegram.wait_until_async(
                lambda: not getattr(chats.get_chat(42), "active", True),
                what="the sender to give up on the blocked chat",
            )
            await ab.drained()
            final = await scrape(client, operator.port)
            # Every attempt the fake refused is counted, under the error it raised (the
            # sender tries a blocked chat a few times before marking it inactive).
            refused = [
                r
                for r in fake_telegram.calls("sendMessage")
                if int(r.params["chat_id"]) == 42 and r.status == 403
            ]
            assert refused
            failed = {k: v for k, v in final.items() if k[0] == "newsbot_alerts_failed_total"}
            assert failed == {
                ("newsbot_alerts_failed_total", (("error", "Blocked"),)): len(refused)
            }
            assert final[("newsbot_alerts_sent_total", ())] == 1
            assert final[("newsbot_stories", ())] == 2

            health = await client.get(f"http://127.0.0.1:{operator.port}/healthz")
            assert health.status_code == 200
            assert health.json() == {
                "status": "ok",
                "database": "ok",
                "updates": "single",
                "sender": "single",
            }
            missing = await client.get(f"http://127.0.0.1:{operator.port}/nothing")
            assert missing.status_code == 404


async def test_no_operator_server_unless_asked(fake_telegram: FakeTelegram, tmp_path: Path) -> None:
    with FeedServer() as feeds:
        async with alert_bot(fake_telegram, feeds, tmp_path) as ab:
            assert ab.bot.services.operator is None
            assert ab.bot.services.operator not in ab.bot.services.background
