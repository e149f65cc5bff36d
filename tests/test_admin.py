"""/status: the operators' report, refused to everyone else."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.chats.status import Figures, format_status
from bot.models import Article, Chat, ChatKind, FeedState
from storage.articles import TinyArticleStore
from storage.feedstate import TinyFeedStateStore
from tests.e2e import DEAD_FEED, running_bot
from tests.fakes.telegram_server import FakeTelegram

NOW = datetime(2024, 12, 14, 13, 20, tzinfo=UTC)
OPERATOR = 1001


def test_report_counts_and_names_failing_feeds_escaped() -> None:
    feeds = [
        FeedState(url="https://ok.example/rss", last_success=NOW, title="OK News"),
        FeedState(
            url="https://bad.example/rss",
            title="Bad <News>",
            failures=3,
            last_error="HTTP 500",
            last_success=NOW - timedelta(hours=5),
        ),
    ]
    chats = [Chat(id=1), Chat(id=2, paused=True), Chat(id=-3, kind=ChatKind.GROUP, active=False)]
    html = format_status(
        Figures(chats, subscriptions=7, feeds=feeds, feeds_configured=3, articles=12, unsent=2),
        NOW,
    )
    assert "Chats: 3 (1 paused, 1 blocked the bot)" in html
    assert "Subscriptions: 7" in html
    assert "Stored articles: 12" in html
    assert "Alerts waiting to be sent: 2" in html
    assert "Feeds: 3, 1 failing, 1 not read yet" in html
    assert "Bad &lt;News&gt;: 3 failures (last success 5 h ago): HTTP 500" in html


async def test_status_for_operators_only(fake_telegram: FakeTelegram, tmp_path: Path) -> None:
    states = TinyFeedStateStore(tmp_path / "feeds.json", fsync=False)
    states.save(FeedState(url=DEAD_FEED, failures=2, last_error="connection refused"))
    articles = TinyArticleStore(tmp_path / "articles.json", fsync=False)
    articles.add([Article(id="a1", url="https://news.example/1", title="One")])

    async with running_bot(
        fake_telegram,
        db_path=tmp_path / "newsbot.json",
        feed_states=states,
        articles=articles,
        admins=frozenset({OPERATOR}),
    ) as bot:
        await bot.send(OPERATOR, "/subscribe Tartus")
        report = await bot.send(OPERATOR, "/status")
        assert "Subscriptions: 1" in report.text
        assert "Stored articles: 1" in report.text
        assert "Feeds: 1, 1 failing" in report.text
        assert "2 failures (last success never read): connection refused" in report.text

        refused = await bot.send(42, "/status")
        assert refused.text == "/status is for the bot's operators only."
        group = await bot.send(-100, "/status@newsbot_test_bot", chat_type="group", user_id=7)
        assert "operators only" in group.text
