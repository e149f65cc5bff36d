"""Alerts show the article's link preview: the bot-wide "no preview" default (for replies)
must not reach them."""

from __future__ import annotations

from pathlib import Path

from tests.fakes.feed_server import FeedServer
from tests.fakes.telegram_server import FakeTelegram
from tests.test_e2e_alerts import PLANE, alert_bot


async def test_an_alert_goes_out_with_the_articles_preview(
    fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    with FeedServer() as feeds:
        async with alert_bot(fake_telegram, feeds, tmp_path) as ab:
            await ab.bot.send(42, "/subscribe Khmeimim")
            reply_options = fake_telegram.sent(42)[-1].params.get("link_preview_options")
            await ab.publish("/a.xml", [PLANE])
            alert = await fake_telegram.next_message_async(42)
    options = alert.params["link_preview_options"]
    assert options.get("is_disabled") is not True
    assert options["url"] == "https://news.example/story-1"
    # Replies to commands keep the bot-wide default: no preview.
    assert reply_options == {"is_disabled": True}
