"""Every chat command of DESIGN §2 in scope, through the real Application over HTTP."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import timedelta
from pathlib import Path

import pytest

from bot.chats.subscriptions import DryRun
from bot.matching.index import SubscriptionIndex
from bot.matching.query import Query
from bot.models import Article, Chat, Subscription, utcnow
from storage.memory import MemoryChatStore
from tests.e2e import BotUnderTest, running_bot
from tests.fakes.telegram_server import FakeTelegram

ME = "newsbot_test_bot"
GROUP = -100123


def stored_queries(bot: BotUnderTest, chat_id: int) -> list[str]:
    return [s.query for s in bot.services.chats.subscriptions(chat_id)]


async def test_start_greets_and_the_menu_is_registered(bot: BotUnderTest) -> None:
    reply = await bot.send(42, "/start")
    assert reply.text.startswith("Hello!")
    assert "/subscribe" in reply.text
    menu = {c["command"] for c in bot.fake.commands}
    assert {"subscribe", "unsubscribe", "list", "latest", "pause", "resume", "stop"} <= menu
    assert {"start", "help"} <= menu
    assert bot.services.chats.get_chat(42) is not None


async def test_help_shows_the_query_syntax(bot: BotUnderTest) -> None:
    reply = await bot.send(42, "/help")
    for piece in ('"air base"', "kyiv OR kiev", "-ukraine", "/subscribe <query>", "/stop"):
        assert piece in reply.text


@pytest.mark.parametrize("command", ["/subscribe", "/sub", "/add"])
async def test_subscribe_and_its_aliases(bot: BotUnderTest, command: str) -> None:
    reply = await bot.send(42, f"{command}   Syria   russia")
    assert reply.text == "Subscribed to “Syria russia”. No articles are stored yet to try it on."
    assert stored_queries(bot, 42) == ["Syria russia"]


async def test_any_command_works_first_and_registers_the_chat(bot: BotUnderTest) -> None:
    await bot.send(7, "/subscribe Tartus")
    chat = bot.services.chats.get_chat(7)
    assert chat is not None
    assert chat.kind == "private"


async def test_duplicates_are_recognised_by_normalised_query(bot: BotUnderTest) -> None:
    await bot.send(42, "/subscribe Kyiv OR Kiev")
    reply = await bot.send(42, "/sub kyiv   OR   KIEV")
    assert reply.text == "This chat already follows “Kyiv OR Kiev” (number 1 in /list)."
    assert stored_queries(bot, 42) == ["Kyiv OR Kiev"]


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ('"air base', "quote"),
        ("(syria OR iraq", "parenthes"),
        ("-ukraine", "only exclusions"),
    ],
    ids=["unbalanced-quote", "unbalanced-parenthesis", "only-exclusions"],
)
async def test_malformed_queries_get_a_one_line_reason(
    bot: BotUnderTest, query: str, reason: str
) -> None:
    reply = await bot.send(42, f"/subscribe {query}")
    assert reason in reply.text.lower()
    assert "\n" not in reply.text
    assert stored_queries(bot, 42) == []


async def test_subscribe_without_a_query_asks_for_it(bot: BotUnderTest) -> None:
    question = await bot.send(42, "/subscribe")
    assert question.text.startswith("What should I follow?")
    assert (question.reply_markup or {}).get("force_reply") is True


async def test_limits_are_settings_with_clear_refusals(
    fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    async with running_bot(
        fake_telegram, db_path=tmp_path / "db.json", max_subscriptions=2, max_query_length=20
    ) as bot:
        await bot.send(1, "/subscribe one")
        await bot.send(1, "/subscribe two")
        reply = await bot.send(1, "/subscribe three")
        assert "maximum of 2 subscriptions" in reply.text
        reply = await bot.send(2, "/subscribe " + "x" * 21)
        assert "too long" in reply.text
        assert "at most 20" in reply.text
        assert stored_queries(bot, 1) == ["one", "two"]
        assert stored_queries(bot, 2) == []


async def test_user_text_is_escaped_everywhere(bot: BotUnderTest) -> None:
    reply = await bot.send(42, "/subscribe <b>x</b> <i>")
    assert "<b>x</b>" in reply.text  # the user sees exactly what they typed
    assert "&lt;b&gt;x&lt;/b&gt;" in reply.html
    reply = await bot.send(42, "/list")
    assert "<b>x</b> <i>" in reply.text
    reply = await bot.send(43, "/subscribe <b>x</b> & <i>")
    assert reply.text.startswith("Subscribed to “<b>x</b> <i>”. Left out “&”: nothing to look")
    assert "“&amp;”" in reply.html
    reply = await bot.send(42, "/unsubscribe <script>")
    assert "<script>" in reply.text


@pytest.mark.parametrize("command", ["/list", "/subscriptions"])
async def test_list_numbers_subscriptions_with_remove_buttons(
    bot: BotUnderTest, command: str
) -> None:
    await bot.send(42, "/subscribe Khmeimim")
    await bot.send(42, '/subscribe "air base" -ukraine')
    reply = await bot.send(42, command)
    assert '1. Khmeimim\n2. "air base" -ukraine' in reply.text
    ids = [s.id for s in bot.services.chats.subscriptions(42)]
    assert [data for _, data in reply.buttons] == [f"rm:{i}" for i in ids]


async def test_list_without_subscriptions_says_how_to_add(bot: BotUnderTest) -> None:
    reply = await bot.send(42, "/list")
    assert "no subscriptions yet" in reply.text
    assert reply.buttons == []


async def test_remove_button_removes_and_refreshes_the_list(bot: BotUnderTest) -> None:
    await bot.send(42, "/subscribe one")
    await bot.send(42, "/subscribe two")
    listing = await bot.send(42, "/list")
    first = listing.buttons[0][1]
    answer = await bot.press(42, first)
    assert answer["text"] == "Unsubscribed from “one”."
    assert stored_queries(bot, 42) == ["two"]
    refreshed = bot.fake.sent(42)[-1]
    assert refreshed.message_id == listing.message_id
    assert "1. two" in refreshed.text
    assert len(refreshed.buttons) == 1
    # A stale copy of the button (another message) reports it is already gone.
    bot.fake.press(42, listing.message_id, first)
    await bot.fake.wait_until_async(
        lambda: any(
            a.get("text") == "That subscription was already removed."
            for a in bot.fake.answered_callbacks.values()
        ),
        what="the stale-button answer",
    )
    await bot.press(42, "✖ 1. two")
    assert stored_queries(bot, 42) == []
    assert "no subscriptions yet" in bot.fake.sent(42)[-1].text


@pytest.mark.parametrize("command", ["/unsubscribe", "/unsub", "/remove"])
async def test_unsubscribe_by_number_or_text(bot: BotUnderTest, command: str) -> None:
    for query in ("alpha", "beta", "Gamma delta"):
        await bot.send(42, f"/subscribe {query}")
    reply = await bot.send(42, f"{command} 2")
    assert reply.text == "Unsubscribed from “beta”."
    reply = await bot.send(42, f"{command} gamma   DELTA")
    assert reply.text == "Unsubscribed from “Gamma delta”."
    assert stored_queries(bot, 42) == ["alpha"]
    reply = await bot.send(42, f"{command} 5")
    assert reply.text == "There is no subscription number 5: this chat has only 1."
    reply = await bot.send(42, f"{command} omega")
    assert reply.text == "This chat does not follow “omega” (see /list)."


async def test_unsubscribe_without_argument_offers_buttons(bot: BotUnderTest) -> None:
    await bot.send(42, "/subscribe alpha")
    reply = await bot.send(42, "/unsubscribe")
    assert "Which one" in reply.text
    assert len(reply.buttons) == 1
    await bot.press(42, reply.buttons[0][1])
    assert stored_queries(bot, 42) == []


async def test_pause_and_resume_keep_subscriptions(bot: BotUnderTest) -> None:
    await bot.send(42, "/subscribe alpha")
    reply = await bot.send(42, "/pause")
    assert reply.text.startswith("Paused")
    chat = bot.services.chats.get_chat(42)
    assert chat is not None
    assert chat.paused
    assert "already paused" in (await bot.send(42, "/pause")).text
    assert (await bot.send(42, "/resume")).text.startswith("Resumed")
    chat = bot.services.chats.get_chat(42)
    assert chat is not None
    assert not chat.paused
    assert "already on" in (await bot.send(42, "/resume")).text
    assert stored_queries(bot, 42) == ["alpha"]


async def test_stop_asks_then_deletes_everything(bot: BotUnderTest) -> None:
    await bot.send(42, "/subscribe alpha")
    await bot.send(42, "/subscribe beta")
    await bot.send(43, "/subscribe other chat")
    confirm = await bot.send(42, "/stop")
    assert "2 subscriptions" in confirm.text
    assert [data for _, data in confirm.buttons] == ["stop:yes", "stop:no"]
    await bot.press(42, "stop:no")
    assert "nothing was deleted" in bot.fake.sent(42)[-1].text
    assert stored_queries(bot, 42) == ["alpha", "beta"]

    await bot.send(42, "/stop")
    await bot.press(42, "stop:yes")
    done = bot.fake.sent(42)[-1]
    assert "everything stored about this chat is deleted" in done.text
    assert done.buttons == []
    assert bot.services.chats.get_chat(42) is None
    assert stored_queries(bot, 42) == []
    assert stored_queries(bot, 43) == ["other chat"]


@pytest.mark.parametrize("command", ["/latest", "/news"])
async def test_latest_before_articles_exist(bot: BotUnderTest, command: str) -> None:
    reply = await bot.send(42, f"{command} Tartus")
    # The real bot always has its article store: an empty one matches nothing yet.
    assert reply.text.startswith("No stored article matches “Tartus” yet.")
    reply = await bot.send(42, command)
    assert "no subscriptions to look for" in reply.text
    reply = await bot.send(42, f'{command} "unclosed')
    assert "quote" in reply.text.lower()


class WordSearch:
    """A stand-in for the matching search: an article matches when its title contains
    every plain word of the query (enough to test the edge's formatting)."""

    def __init__(self, articles: Sequence[Article]) -> None:
        self.articles = list(articles)

    def _matches(self, query: Query, article: Article) -> bool:
        words = [w.strip('"').lower() for w in query.normalised.split() if w[0] != "-"]
        return all(w in article.title.lower() for w in words)

    def dry_run(self, query: Query) -> DryRun:
        hits = [a for a in self.articles if self._matches(query, a)]
        return DryRun(len(hits), len(self.articles), hits[0] if hits else None)

    def latest(
        self,
        queries: Sequence[Query],
        *,
        limit: int,
        sees: Callable[[str], bool] | None = None,
    ) -> list[Article]:
        found = [a for a in self.articles if any(self._matches(q, a) for q in queries)]
        return [a for a in found if sees is None or sees(a.feed)][:limit]


async def test_dry_run_and_latest_with_stored_articles(
    fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    now = utcnow()
    articles = [
        Article(
            id=str(n),
            url=f"https://news.example/{n}?a=1&b=2",
            title=title,
            source="Example <News>",
            published=now - timedelta(hours=n + 1),
        )
        for n, title in enumerate(["Tartus port <update> & more", "Tartus again", "Other"])
    ]
    async with running_bot(
        fake_telegram, db_path=tmp_path / "db.json", search=WordSearch(articles)
    ) as bot:
        reply = await bot.send(42, "/subscribe Tartus")
        assert reply.text == (
            "Subscribed to “Tartus”. 2 of the last 3 stored articles would have matched.\n"
            "Newest: Tartus port <update> & more · Example <News> · 1 h ago"
        )
        assert 'Newest: <a href="https://news.example/0?a=1&amp;b=2">' in reply.html
        reply = await bot.send(42, "/latest tartus port")
        assert "1. Tartus port <update> & more · Example <News> · 1 h ago" in reply.text
        assert 'href="https://news.example/0?a=1&amp;b=2"' in reply.html
        reply = await bot.send(42, "/latest")
        assert "this chat's subscriptions" in reply.text
        assert "2. Tartus again" in reply.text
        reply = await bot.send(42, "/latest nothing-like-it")
        assert "No stored article matches" in reply.text


def indexed(index: SubscriptionIndex) -> list[str]:
    """The queries the index holds, sorted."""
    return sorted(map(index.query_of, index.subscription_keys()))


async def test_the_matching_index_follows_every_change(
    fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    index = SubscriptionIndex()
    async with running_bot(fake_telegram, db_path=tmp_path / "db.json", index=index) as bot:
        await bot.send(1, "/subscribe alpha")
        await bot.send(1, "/subscribe beta")
        await bot.send(2, "/subscribe gamma")
        await bot.send(1, "/unsubscribe alpha")
        assert indexed(index) == ["beta", "gamma"]
        await bot.send(1, "/stop")
        await bot.press(1, "stop:yes")
        assert indexed(index) == ["gamma"]


async def test_group_commands_with_and_without_botname(bot: BotUnderTest) -> None:
    reply = await bot.send(GROUP, f"/subscribe@{ME} Syria", chat_type="group", title="Desk")
    assert reply.text == "Subscribed to “Syria”. No articles are stored yet to try it on."
    reply = await bot.send(GROUP, "/list", chat_type="group")
    assert "1. Syria" in reply.text
    reply = await bot.send(GROUP, f"/start@{ME}", chat_type="group")
    assert reply.text.startswith("Hello everyone!")
    chat = bot.services.chats.get_chat(GROUP)
    assert chat is not None
    assert chat.kind == "group"
    assert chat.title == "Desk"
    # Subscriptions belong to the chat, not to the person.
    assert stored_queries(bot, GROUP) == ["Syria"]
    assert stored_queries(bot, 4242) == []


async def test_commands_for_other_bots_are_ignored_in_groups(bot: BotUnderTest) -> None:
    await bot.silence(GROUP, "/subscribe@other_bot Syria", chat_type="group")
    await bot.silence(GROUP, "/frobnicate", chat_type="group")
    assert stored_queries(bot, GROUP) == []


async def test_unknown_commands_get_a_pointer_to_help(bot: BotUnderTest) -> None:
    reply = await bot.send(42, "/frobnicate now")
    assert reply.text == "I don't know /frobnicate. /help lists what I can do."
    reply = await bot.send(GROUP, f"/frobnicate@{ME}", chat_type="group")
    assert "I don't know /frobnicate" in reply.text


@pytest.mark.parametrize("command", ["/list extra", "/pause now", "/resume x", "/stop please"])
async def test_stray_arguments_get_the_usage_line(bot: BotUnderTest, command: str) -> None:
    reply = await bot.send(42, command)
    assert reply.text.startswith("Usage: /")
    assert "\n" not in reply.text


async def test_a_chat_marked_blocked_is_active_again_when_it_writes(bot: BotUnderTest) -> None:
    bot.services.chats.save_chat(Chat(id=42, active=False))
    await bot.send(42, "/list")
    chat = bot.services.chats.get_chat(42)
    assert chat is not None
    assert chat.active


class FailingStore(MemoryChatStore):
    """A store whose writes fail for one query: an unexpected error inside a handler."""

    def add_subscription(
        self, chat_id: int, query: str, thread_id: int | None = None
    ) -> Subscription:
        if query == "boom":
            raise RuntimeError("disk on fire")
        return super().add_subscription(chat_id, query, thread_id)


async def test_unexpected_errors_are_logged_answered_and_survived(
    fake_telegram: FakeTelegram, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    async with running_bot(
        fake_telegram, db_path=tmp_path / "db.json", chats=FailingStore()
    ) as bot:
        with caplog.at_level(logging.ERROR, logger="handlers.errors"):
            reply = await bot.send(42, "/subscribe boom")
        assert reply.text.startswith("Sorry, something went wrong")
        errors = [r for r in caplog.records if r.name == "handlers.errors"]
        assert errors
        assert "/subscribe boom" in errors[0].getMessage()  # logged with its update
        assert errors[0].exc_text is not None
        assert "disk on fire" in errors[0].exc_text
        reply = await bot.send(42, "/subscribe fine")  # the bot keeps running
        assert reply.text == "Subscribed to “fine”. No articles are stored yet to try it on."


async def test_the_token_never_reaches_a_log_line(
    fake_telegram: FakeTelegram, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG):
        async with running_bot(fake_telegram, db_path=tmp_path / "db.json") as bot:
            await bot.send(42, "/start")
    secret = fake_telegram.token.partition(":")[2]
    assert any("getUpdates" in r.getMessage() for r in caplog.records), "httpx logged URLs"
    assert secret not in caplog.text
    assert all(secret not in r.getMessage() for r in caplog.records)


async def test_a_reply_that_meets_a_429_is_retried(bot: BotUnderTest) -> None:
    bot.fake.fail_next("sendMessage", retry_after=1, chat_id=42)
    reply = await bot.send(42, "/help")
    assert "Commands" in reply.text
    statuses = [r.status for r in bot.fake.calls("sendMessage")]
    assert statuses == [429, 200]


async def test_a_long_list_still_fits_one_message(
    fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    async with running_bot(fake_telegram, db_path=tmp_path / "db.json") as bot:
        store = bot.services.chats
        for n in range(50):
            store.add_subscription(42, f"q{n:02d} " + "longword " * 21)
        reply = await bot.send(42, "/list")
        assert "50. q49" in reply.text
        assert len(reply.buttons) == 50
