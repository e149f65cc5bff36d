"""The subscription rules (bot/subscriptions.py) and the reply texts (bot/replies.py)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from html import escape

import pytest

from bot.alerts.schedule import DIGEST_USAGE, QUIET_USAGE, TIMEZONE_USAGE, describe
from bot.chats import replies, settings_replies
from bot.chats.subscriptions import (
    AlreadySubscribed,
    ArticleSearch,
    ChatEvents,
    DryRun,
    InvalidQuery,
    Latest,
    LimitReached,
    NoEvents,
    NothingToFollow,
    NotSubscribed,
    Subscribed,
    SubscriptionService,
    Unsubscribed,
)
from bot.i18n import Translator, languages, translator
from bot.matching.index import SubscriptionIndex
from bot.matching.query import Query
from bot.models import Article, Chat, ChatKind, Subscription
from bot.text import ago
from storage.base import ChatStore
from storage.follow import apply_current
from storage.memory import MemoryChatStore
from tests.fakes.telegram_server import MAX_TEXT_LENGTH, parse_html, utf16_length

NOT_A_TIME = "“{value}” is not a time of day."
HOSTILE = '<b>x</b> & <i> "q" &amp; </a>'


class CountingStore(MemoryChatStore):
    """Counts chat writes, to show that a command from a known chat writes nothing."""

    def __init__(self) -> None:
        super().__init__()
        self.chat_writes = 0

    def save_chat(self, chat: Chat) -> None:
        self.chat_writes += 1
        super().save_chat(chat)


def indexed(index: SubscriptionIndex) -> list[str]:
    """The queries the index holds, sorted."""
    return sorted(map(index.query_of, index.subscription_keys()))


class Events(NoEvents):
    """Records what the alert side would hear."""

    def __init__(self) -> None:
        self.forgotten: list[int] = []
        self.wrote: list[int] = []

    def forget_chat(self, chat_id: int) -> None:
        self.forgotten.append(chat_id)

    def chat_wrote(self, chat_id: int) -> None:
        self.wrote.append(chat_id)


def service(
    *,
    store: ChatStore | None = None,
    index: SubscriptionIndex | None = None,
    search: ArticleSearch | None = None,
    events: ChatEvents | None = None,
    max_subscriptions: int = 3,
) -> SubscriptionService:
    return SubscriptionService(
        MemoryChatStore() if store is None else store,
        max_subscriptions=max_subscriptions,
        max_query_length=40,
        index=index,
        search=search,
        events=events,
    )


def test_subscribe_stores_the_normalised_query() -> None:
    subs = service()
    result = subs.subscribe(1, "  syria    russia ")
    assert isinstance(result, Subscribed)
    assert result.subscription.query == "syria russia"
    assert result.number == 1
    assert result.dry_run is None
    assert [s.query for s in subs.subscriptions(1)] == ["syria russia"]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Kyiv OR Kiev", "kyiv   OR KIEV"),
        ("syria russia", "SYRIA   Russia"),
        ('"air base"', "“air base”"),
        ("Türkiye", "turkiye"),
    ],
    ids=["or", "case-and-space", "quotes", "accents"],
)
def test_duplicates_by_normalised_query(first: str, second: str) -> None:
    subs = service()
    subs.subscribe(1, first)
    result = subs.subscribe(1, second)
    assert isinstance(result, AlreadySubscribed)
    assert result.number == 1
    assert len(subs.subscriptions(1)) == 1
    assert isinstance(subs.subscribe(2, second), Subscribed)  # another chat is separate


@pytest.mark.parametrize(
    "text",
    ["", "   ", '"air base', "(syria", "-ukraine", "x" * 41],
    ids=["empty", "blank", "quote", "paren", "only-exclusion", "too-long"],
)
def test_malformed_queries_are_refused_with_a_reason(text: str) -> None:
    subs = service()
    result = subs.subscribe(1, text)
    assert isinstance(result, InvalidQuery)
    assert result.reason
    assert "\n" not in result.reason
    assert subs.subscriptions(1) == []


def test_the_limit_is_a_clear_refusal_and_duplicates_still_recognised() -> None:
    subs = service()
    for word in ("a1", "b2", "c3"):
        assert isinstance(subs.subscribe(1, word), Subscribed)
    assert subs.subscribe(1, "d4") == LimitReached(3)
    assert isinstance(subs.subscribe(1, "A1"), AlreadySubscribed)


def test_unsubscribe_by_number_hash_number_or_text() -> None:
    subs = service(max_subscriptions=10)
    for query in ("alpha", "beta", "gamma", "kyiv OR kiev"):
        subs.subscribe(1, query)
    removed = subs.unsubscribe(1, "2")
    assert isinstance(removed, Unsubscribed)
    assert removed.subscription.query == "beta"
    removed = subs.unsubscribe(1, "#1")
    assert isinstance(removed, Unsubscribed)
    assert removed.subscription.query == "alpha"
    removed = subs.unsubscribe(1, "KYIV OR kiev")
    assert isinstance(removed, Unsubscribed)
    assert [s.query for s in subs.subscriptions(1)] == ["gamma"]
    assert subs.unsubscribe(1, "7") == NotSubscribed("7", 1)
    assert subs.unsubscribe(1, "0") == NotSubscribed("0", 1)
    assert subs.unsubscribe(1, "delta") == NotSubscribed("delta", 1)
    assert isinstance(subs.unsubscribe(1, '"open'), InvalidQuery)


def test_a_button_cannot_remove_another_chats_subscription() -> None:
    subs = service()
    theirs = subs.subscribe(2, "secret")
    assert isinstance(theirs, Subscribed)
    assert subs.remove(1, theirs.subscription.id) is None
    assert [s.query for s in subs.subscriptions(2)] == ["secret"]


def test_the_index_follows_subscribe_unsubscribe_and_forget() -> None:
    index = SubscriptionIndex()
    events = Events()
    forgotten = events.forgotten
    subs = service(index=index, events=events, max_subscriptions=10)
    subs.subscribe(1, "alpha")
    subs.subscribe(1, "beta")
    subs.subscribe(2, "gamma")
    subs.subscribe(1, "ALPHA")  # a duplicate adds nothing
    subs.unsubscribe(1, "beta")
    assert indexed(index) == ["alpha", "gamma"]
    assert subs.forget_chat(1) == 1
    assert indexed(index) == ["gamma"]
    assert forgotten == [1]
    assert subs.store.get_chat(1) is None


def test_touch_chat_registers_once_and_reactivates_a_blocked_chat() -> None:
    store, events = CountingStore(), Events()
    subs = service(store=store, events=events)
    subs.touch_chat(5, ChatKind.GROUP, "Desk")
    subs.touch_chat(5, ChatKind.GROUP, "Desk")
    assert store.chat_writes == 1
    assert events.wrote == []
    store.save_chat(Chat(id=5, kind=ChatKind.GROUP, title="Desk", active=False))
    chat = subs.touch_chat(5, ChatKind.GROUP, "Desk")
    assert chat.active
    assert events.wrote == [5]  # the sender looks at the chat's waiting alerts again
    assert subs.reactivate(5) is False  # already active: nothing to do
    stored = store.get_chat(5)
    assert stored is not None
    assert stored.active
    # A renamed, upgraded group is kept up to date.
    subs.touch_chat(5, ChatKind.SUPERGROUP, "Desk 2")
    stored = store.get_chat(5)
    assert stored is not None
    assert (stored.kind, stored.title) == ("supergroup", "Desk 2")


def test_pause_and_resume_report_whether_anything_changed() -> None:
    subs = service()
    assert subs.set_paused(1, True) is True
    assert subs.set_paused(1, True) is False
    assert subs.set_paused(1, False) is True
    assert subs.set_paused(1, False) is False
    assert subs.set_paused(2, False) is True  # an unknown chat is stored, not paused
    chat = subs.store.get_chat(2)
    assert chat is not None
    assert not chat.paused


class Search:
    def __init__(self) -> None:
        self.asked: list[list[str]] = []

    def dry_run(self, query: Query) -> DryRun:
        return DryRun(1, 10)

    def latest(
        self,
        queries: Sequence[Query],
        *,
        limit: int,
        sees: Callable[[str], bool] | None = None,
    ) -> list[Article]:
        self.asked.append([q.normalised for q in queries])
        return []


def test_latest_searches_the_topic_or_the_chats_subscriptions() -> None:
    assert service().latest(1, "") == NothingToFollow()
    assert service().latest(1, "tartus") == Latest((), "tartus", searchable=False)
    unsearchable = replies.latest(EN, Latest((), "tartus", searchable=False), now=NOW)
    assert unsearchable.html.startswith("No articles yet")
    search = Search()
    subs = service(search=search)
    result = subs.subscribe(1, "alpha")
    assert isinstance(result, Subscribed)
    assert result.dry_run == DryRun(1, 10)
    subs.subscribe(1, "beta -gamma")
    assert subs.latest(1, "") == Latest((), None, searchable=True)
    assert subs.latest(1, "Tartus  port") == Latest((), "Tartus port", searchable=True)
    assert search.asked == [["alpha", "beta -gamma"], ["Tartus port"]]
    assert isinstance(subs.latest(1, "(open"), InvalidQuery)


class CountingSearch(Search):
    def __init__(self) -> None:
        super().__init__()
        self.dry_runs: list[str] = []

    def dry_run(self, query: Query) -> DryRun:
        self.dry_runs.append(query.normalised)
        return DryRun(len(self.dry_runs), 10)


def test_the_dry_run_can_be_left_for_later_off_the_event_loop() -> None:
    search = CountingSearch()
    subs = service(search=search)
    stored = subs.subscribe(1, "Tartus   OR  Khmeimim", dry_run=False)
    assert isinstance(stored, Subscribed)
    assert stored.dry_run is None
    assert search.dry_runs == []  # stored without searching
    assert [s.query for s in subs.subscriptions(1)] == ["Tartus OR Khmeimim"]
    later = subs.with_dry_run(stored)  # searches with the stored, normalised query
    assert later.dry_run == DryRun(1, 10)
    assert search.dry_runs == ["Tartus OR Khmeimim"]
    assert (later.subscription, later.number) == (stored.subscription, stored.number)


# -- replies ----------------------------------------------------------------------------

NOW = datetime(2024, 12, 14, 15, 20, tzinfo=UTC)
EN = translator("en")


def hostile_subscription(n: int = 1, query: str = HOSTILE) -> Subscription:
    return Subscription(id=n, chat_id=1, query=query)


def every_reply(t: Translator) -> list[replies.Reply]:
    sub = hostile_subscription()
    article = Article(
        id="a",
        url='https://e.example/?a=1&b="2"<x>',
        title=HOSTILE,
        source=HOSTILE,
        published=NOW - timedelta(hours=2),
    )
    return [
        replies.start(t, group=False),
        replies.start(t, group=True),
        replies.help_text(t),
        *(replies.usage(t, c) for c in [*replies.USAGE, "<odd>"]),
        replies.unknown_command(t, "<script>&"),
        replies.slow_down(t, "latest", 1.6),
        replies.slow_down(t, "<b>&", 0.0),
        replies.subscribed(t, Subscribed(sub, 1, DryRun(2, 500)), now=NOW),
        replies.subscribed(t, Subscribed(sub, 1, DryRun(2, 500, article)), now=NOW),
        replies.subscribed(t, Subscribed(sub, 1, DryRun(0, 0)), now=NOW),
        replies.subscribed(t, Subscribed(sub, 1, None), now=NOW),
        replies.subscribed(t, AlreadySubscribed(sub, 3), now=NOW),
        replies.subscribed(t, LimitReached(50), now=NOW),
        replies.subscribed(t, InvalidQuery(f"“{HOSTILE}” is wrong"), now=NOW),
        replies.unsubscribed(t, Unsubscribed(sub)),
        replies.unsubscribed(t, NotSubscribed(HOSTILE, 0)),
        replies.unsubscribed(t, NotSubscribed("9", 2)),
        replies.subscription_list(t, [sub, hostile_subscription(2, "plain")]),
        replies.choose_removal(t, [sub]),
        replies.no_subscriptions(t),
        replies.paused(t, True),
        replies.paused(t, False),
        replies.resumed(t, True),
        replies.resumed(t, False),
        replies.stop_confirmation(t, 0),
        replies.stop_confirmation(t, 1),
        replies.stopped(t),
        replies.stop_cancelled(t),
        replies.latest(t, Latest((article,), HOSTILE, True), now=NOW),
        replies.latest(t, Latest((), None, True), now=NOW),
        replies.latest(t, Latest((), HOSTILE, False), now=NOW),
        replies.latest(t, NothingToFollow(), now=NOW),
        replies.latest(t, InvalidQuery(HOSTILE), now=NOW),
        replies.Reply(replies.apology(t)),
        settings_replies.language_shown(
            t, chosen="", current="ru", names=[("en", "English"), ("ru", "Русский")]
        ),
        settings_replies.language_shown(t, chosen="en", current="en", names=[("en", "English")]),
        settings_replies.language_set(t, name="Русский", automatic=False),
        settings_replies.language_set(t, name="", automatic=True),
        settings_replies.language_unknown(t, HOSTILE, ["en", "ru"]),
        settings_replies.setting_shown(
            t, describe(Chat(id=1, quiet="22:00-07:00"), t), QUIET_USAGE
        ),
        settings_replies.setting_refused(t, DIGEST_USAGE, NOT_A_TIME, HOSTILE),
        settings_replies.setting_refused(t, TIMEZONE_USAGE),
    ]


@pytest.mark.parametrize("language", languages())
def test_every_reply_is_valid_telegram_html_with_user_text_literal(language: str) -> None:
    for reply in every_reply(translator(language)):
        plain = parse_html(reply.html)  # raises as Telegram would on invalid HTML
        assert 0 < utf16_length(plain) <= MAX_TEXT_LENGTH
        assert HOSTILE not in reply.html, f"unescaped user text in {reply.html!r}"
        assert "<script>" not in reply.html
        for _, data in reply.buttons:
            assert len(data.encode()) <= 64


def test_every_reply_reads_russian_in_russian() -> None:
    """Catches a text the replies forgot to translate; only a parser's reason that is not
    one of its message ids (here: made-up ones quoting the query) comes back as it is."""
    english, russian = every_reply(EN), every_reply(translator("ru"))
    same = [en.html for en, ru in zip(english, russian, strict=True) if en.html == ru.html]
    assert same == [f"⚠️ {escape(f'“{HOSTILE}” is wrong')}", f"⚠️ {escape(HOSTILE)}"]
    for en, ru in zip(english, russian, strict=True):
        for (en_label, en_data), (ru_label, ru_data) in zip(en.buttons, ru.buttons, strict=True):
            assert en_data == ru_data  # callback data never depends on the language
            if not en_data.startswith(("rm:", "lang:")):  # queries and language names
                assert en_label != ru_label, en_label


def test_hostile_text_comes_back_literally() -> None:
    sub = hostile_subscription()
    assert HOSTILE in parse_html(replies.subscribed(EN, Subscribed(sub, 1, None), now=NOW).html)
    assert HOSTILE in parse_html(replies.subscription_list(EN, [sub]).html)


def test_the_list_of_fifty_long_queries_fits_one_message() -> None:
    long = "&<>" * 66 + "xy"  # 200 characters that all need escaping
    subs = [hostile_subscription(n, f"{n} {long}"[:200]) for n in range(1, 51)]
    reply = replies.subscription_list(EN, subs)
    plain = parse_html(reply.html)
    assert utf16_length(plain) <= MAX_TEXT_LENGTH
    assert "\n50. 50 " in plain
    assert [data for _, data in reply.buttons] == [f"rm:{n}" for n in range(1, 51)]


def test_latest_lists_links_with_relative_times() -> None:
    article = Article(
        id="a",
        url="https://e.example/a",
        title="Tartus",
        source="TRT",
        published=NOW - timedelta(minutes=90),
    )
    reply = replies.latest(EN, Latest((article,), "Tartus", True), now=NOW)
    assert parse_html(reply.html) == "Latest for “Tartus”:\n1. Tartus · TRT · 1 h ago"
    assert '<a href="https://e.example/a">Tartus</a>' in reply.html


@pytest.mark.parametrize(
    ("delta", "text"),
    [
        (timedelta(seconds=5), "just now"),
        (timedelta(minutes=5), "5 min ago"),
        (timedelta(hours=3), "3 h ago"),
        (timedelta(days=3), "3 d ago"),
        (-timedelta(minutes=5), "just now"),
    ],
)
def test_ago(delta: timedelta, text: str) -> None:
    assert ago(NOW - delta, NOW) == text


def test_latest_never_links_what_is_not_http() -> None:
    article = Article(id="a", url="javascript:alert(1)", title="Tartus", published=NOW)
    reply = replies.latest(EN, Latest((article,), "Tartus", True), now=NOW)
    assert "<a " not in reply.html
    assert "javascript" not in reply.html
    assert "1. Tartus" in parse_html(reply.html)


def test_stop_confirmation_counts_what_it_deletes() -> None:
    assert "its 1 subscription and its settings?" in replies.stop_confirmation(EN, 1).html
    assert "its 3 subscriptions and its settings?" in replies.stop_confirmation(EN, 3).html
    none = replies.stop_confirmation(EN, 0).html
    assert "0 subscriptions" not in none
    assert "it has no subscriptions" in none


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("syria or iraq", "capital OR"),
        ("the", "almost every article"),
        ("a", "almost every article"),
        ("said OR syria", "almost every article"),
    ],
    ids=["lower-or", "the", "a", "common-side-of-or"],
)
def test_subscribe_warns_about_a_query_that_probably_is_not_meant(text: str, hint: str) -> None:
    result = service().subscribe(1, text)
    assert isinstance(result, Subscribed)
    assert any(hint in h for h in result.hints)
    assert hint in replies.subscribed(EN, result, now=NOW).html
    russian = replies.subscribed(translator("ru"), result, now=NOW).html
    assert "💡" in russian
    assert hint not in russian  # the hint is translated too


@pytest.mark.parametrize("text", ["syria OR iraq", "Khmeimim", "said syria", "syria -the"])
def test_ordinary_queries_get_no_hint(text: str) -> None:
    result = service().subscribe(1, text)
    assert isinstance(result, Subscribed)
    assert result.hints == ()


@pytest.mark.parametrize("text", ["Kyiv -Kyiv", "kyiv -KYIV", "x -(x OR y)", "a b -b"])
def test_a_query_that_can_never_match_is_refused(text: str) -> None:
    subs = service()
    result = subs.subscribe(1, text)
    assert isinstance(result, InvalidQuery)
    assert "never match" in result.reason
    assert subs.subscriptions(1) == []


def test_a_subscription_removed_before_the_edge_indexed_it_is_never_indexed() -> None:
    """The edge stores a subscription in a thread and indexes it on the event loop after;
    another chat (a second admin of the same channel) may remove it in between. Its late
    indexing must not bring it back: the index would match a query nobody follows."""
    index = SubscriptionIndex()
    svc = service(index=index)
    added = svc.subscribe(1, "Khmeimim", dry_run=False, index=False)
    assert isinstance(added, Subscribed)
    assert isinstance(svc.unsubscribe(1, "Khmeimim"), Unsubscribed)
    svc.add_to_index(added.subscription)
    assert indexed(index) == []
    again = svc.subscribe(1, "Khmeimim", dry_run=False, index=False)
    assert isinstance(again, Subscribed)
    svc.add_to_index(again.subscription)
    assert indexed(index) == ["Khmeimim"]


def test_the_edge_indexes_a_subscription_compiled_in_its_thread(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`subscribe(..., index=False)` (in the edge's thread) compiles the query's terms,
    most of the indexing's CPU; `add_to_index` (on the event loop) only files them."""
    from bot.matching import index as index_module

    index = SubscriptionIndex()
    svc = service(index=index)
    added = svc.subscribe(1, "qwhzkrtp OR xvbnmlkj OR Kyiv", dry_run=False, index=False)
    assert isinstance(added, Subscribed)
    assert added.compiled is not None
    assert set(added.compiled.specs) == {"t:qwhzkrtp", "t:xvbnmlkj", "t:Kyiv"}
    at_once = svc.subscribe(1, "Tartus")
    assert isinstance(at_once, Subscribed)
    assert at_once.compiled is None  # indexed at once: nothing to carry

    def compiling(*_: object) -> None:
        raise AssertionError("a term compiled on the event loop")

    monkeypatch.setattr(index_module, "compile_term", compiling)
    svc.add_to_index(added.subscription, added.compiled)
    assert indexed(index) == ["Tartus", "qwhzkrtp OR xvbnmlkj OR Kyiv"]


def test_a_subscription_the_follower_indexed_and_removed_before_the_edge_did_stays_out() -> None:
    """On PostgreSQL the follower (storage/postgres/follow.py) indexes every change it
    reads, this instance's own too: it may read the new subscription after the edge's
    thread stored it and before the edge indexes it on the event loop; the other admin's
    /unsubscribe then runs, and the follower reads that removal (nothing left to remove).
    The edge's late indexing must not bring it back: nothing would ever take it out."""
    index = SubscriptionIndex()
    svc = service(index=index)
    added = svc.subscribe(1, "Khmeimim", dry_run=False, index=False)
    assert isinstance(added, Subscribed)
    key = added.subscription.id
    apply_current(index, {key: added.subscription.query})  # the follower reads the add
    assert isinstance(svc.unsubscribe(1, "Khmeimim"), Unsubscribed)
    apply_current(index, {key: None})  # ... and the removal
    svc.add_to_index(added.subscription)
    assert indexed(index) == []
    again = svc.subscribe(1, "Khmeimim", dry_run=False, index=False)
    assert isinstance(again, Subscribed)
    apply_current(index, {again.subscription.id: again.subscription.query})
    svc.add_to_index(again.subscription)  # read by the follower first: indexed once
    assert indexed(index) == ["Khmeimim"]
