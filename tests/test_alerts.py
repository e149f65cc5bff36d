"""The pure alert core: who gets which story, what the message says, when it may go out."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from bot.alerts.decide import BURST_SIZE, decide_alerts, plan_chat
from bot.alerts.format import format_alert, format_list, format_plan, to_plain
from bot.alerts.schedule import (
    SettingError,
    next_digest,
    parse_digest,
    parse_quiet,
    parse_timezone,
    quiet_end,
    release,
)
from bot.models import Article, Chat, DigestMode, Hit, OutboxEntry, Sources, Story, Subscription
from bot.telegram_text import MAX_MESSAGE, shorten, visible_len
from tests.fakes.matches import FakeMatch, Term
from tests.fakes.telegram_server import parse_html
from tests.fakes.telegram_server import utf16_length as utf16_len

T0 = datetime(2024, 12, 14, 13, 20, tzinfo=UTC)


def article(n: int = 1, *, seen: datetime = T0, story_id: str = "", **kw: object) -> Article:
    fields: dict[str, object] = {
        "id": f"a{n}",
        "url": f"https://news.example/{n}",
        "title": f"Story {n}",
        "summary": f"Summary of story {n}.",
        "source": "TRT World",
        "seen": seen,
        "story_id": story_id,
    }
    fields.update(kw)
    return Article(**fields)  # type: ignore[arg-type]  # the dict's values: object


def sub(
    sid: int,
    chat: int,
    query: str = "khmeimim",
    *,
    muted: bool = False,
    thread_id: int | None = None,
) -> Subscription:
    created = T0 - timedelta(hours=1)
    return Subscription(sid, chat, query, created, muted=muted, thread_id=thread_id)


def m(key: int, *labels: str) -> FakeMatch:
    return FakeMatch(key, tuple(Term(x) for x in labels))


# --- deciding --------------------------------------------------------------------------------


def test_one_entry_per_chat_and_story_lists_every_matched_term() -> None:
    subs = {1: sub(1, 10, "khmeimim"), 2: sub(2, 10, "tartus"), 3: sub(3, 20, "tartus")}
    matches = {
        "a1": [m(1, "Khmeimim ≈ Hmeimim"), m(2, "Tartus ≈ Tartous"), m(3, "Tartus ≈ Tartous")]
    }
    entries = decide_alerts([article()], matches, subs, {}, now=T0)
    by_chat = {e.chat_id: e for e in entries}
    assert sorted(by_chat) == [10, 20]
    assert by_chat[10].terms == ("Khmeimim ≈ Hmeimim", "Tartus ≈ Tartous")
    assert [h.subscription_id for h in by_chat[10].hits] == [1, 2]
    assert by_chat[20].terms == ("Tartus ≈ Tartous",)
    assert by_chat[10].story.title == "Story 1"


def test_two_articles_of_one_story_make_one_entry() -> None:
    subs = {1: sub(1, 10)}
    arts = [article(1), article(2, story_id="a1")]
    matches = {"a1": [m(1, "Khmeimim")], "a2": [m(1, "Khmeimim")]}
    entries = decide_alerts(arts, matches, subs, {}, now=T0)
    assert [e.key for e in entries] == [(10, "a1")]


@pytest.mark.parametrize(
    ("subscription", "chat", "seen", "alerts"),
    [
        pytest.param(sub(1, 10), Chat(10), T0, True, id="plain"),
        pytest.param(sub(1, 10, muted=True), Chat(10), T0, False, id="muted-subscription"),
        pytest.param(sub(1, 10), Chat(10, paused=True), T0, False, id="paused-chat"),
        pytest.param(sub(1, 10), Chat(10, active=False), T0, False, id="inactive-chat"),
        pytest.param(sub(1, 10), Chat(10), T0 - timedelta(hours=2), False, id="seen-before-sub"),
        pytest.param(sub(1, 10), None, T0, True, id="chat-not-stored"),
    ],
)
def test_who_is_alerted(
    subscription: Subscription, chat: Chat | None, seen: datetime, alerts: bool
) -> None:
    chats = {10: chat} if chat else {}
    entries = decide_alerts(
        [article(seen=seen)], {"a1": [m(1, "Khmeimim")]}, {1: subscription}, chats, now=T0
    )
    assert bool(entries) is alerts


OPERATOR = "https://operator.example/rss"
OWN = "https://own.example/rss"
OTHERS = "https://someone-else.example/rss"


@pytest.mark.parametrize(
    ("chat", "feed", "alerts"),
    [
        pytest.param(Chat(10), OPERATOR, True, id="operator-feed"),
        pytest.param(Chat(10), "", True, id="no-feed-counts-as-operator"),
        pytest.param(Chat(10), OTHERS, False, id="another-chats-feed"),
        pytest.param(Chat(10, feeds=(OWN,)), OWN, True, id="own-feed"),
        pytest.param(Chat(10, feeds=(OWN,)), OPERATOR, True, id="own-and-operator"),
        pytest.param(Chat(10, feeds=(OWN,), own_feeds_only=True), OWN, True, id="only-own"),
        pytest.param(
            Chat(10, feeds=(OWN,), own_feeds_only=True), OPERATOR, False, id="only-not-operator"
        ),
        pytest.param(
            Chat(10, feeds=(OWN,), own_feeds_only=True), "", False, id="only-not-single-pages"
        ),
    ],
)
def test_a_chat_is_alerted_only_from_the_feeds_it_sees(chat: Chat, feed: str, alerts: bool) -> None:
    sources = {10: Sources.of(chat, frozenset({OWN, OTHERS}))}
    entries = decide_alerts(
        [article(feed=feed)],
        {"a1": [m(1, "Khmeimim")]},
        {1: sub(1, 10)},
        {10: chat},
        now=T0,
        sources=sources,
    )
    assert bool(entries) is alerts


def test_with_chat_feeds_switched_off_a_chat_sees_the_operators_feeds() -> None:
    chat = Chat(10, feeds=(OWN,), own_feeds_only=True)
    sources = Sources.of(chat, frozenset({OWN}), chat_feeds=False)
    assert sources.sees(OPERATOR)
    assert not sources.sees(OWN)


def test_a_story_first_read_elsewhere_still_alerts_the_chat_of_the_feed_that_carried_it() -> None:
    # The story was first read from the operator's feed (it owns the story id); the copy
    # from the chat's own feed is a second source with that story id.
    first = article(1, feed=OPERATOR)
    second = article(2, feed=OWN, story_id="a1", url="https://own.example/story")
    mine = Chat(10, feeds=(OWN,), own_feeds_only=True)
    everyone = Chat(20)
    both = Chat(30, feeds=(OWN,))
    chats = {10: mine, 20: everyone, 30: both}
    subs = {1: sub(1, 10), 2: sub(2, 20), 3: sub(3, 30)}
    sources = {c: Sources.of(chat, frozenset({OWN})) for c, chat in chats.items()}
    everything = [m(1, "Khmeimim"), m(2, "Khmeimim"), m(3, "Khmeimim")]
    from_operator = decide_alerts([first], {"a1": everything}, subs, chats, now=T0, sources=sources)
    assert sorted(e.chat_id for e in from_operator) == [20, 30]
    from_own = decide_alerts([second], {"a2": everything}, subs, chats, now=T0, sources=sources)
    # Chat 30 saw both feeds: same key as its first entry, which the outbox keeps once.
    assert sorted(e.key for e in from_own) == [(10, "a1"), (30, "a1")]
    assert {e.story.url for e in from_own} == {"https://own.example/story"}


@pytest.mark.parametrize(
    ("published", "alerts"),
    [
        pytest.param(T0 - timedelta(days=6), True, id="within-retention"),
        pytest.param(T0 - timedelta(days=8), False, id="older-than-the-outbox-remembers"),
        pytest.param(None, True, id="undated"),
    ],
)
def test_stories_older_than_the_outbox_remembers_alert_nobody(
    published: datetime | None, alerts: bool
) -> None:
    entries = decide_alerts(
        [article(published=published)],
        {"a1": [m(1, "Khmeimim")]},
        {1: sub(1, 10)},
        {10: Chat(10)},
        now=T0,
        max_age=timedelta(days=7),
    )
    assert bool(entries) is alerts


def test_removed_subscription_and_unmatched_article_alert_nobody() -> None:
    entries = decide_alerts([article(1), article(2)], {"a1": [m(99, "x")]}, {}, {}, now=T0)
    assert entries == []


@pytest.mark.parametrize(
    ("chat", "status", "hold"),
    [
        pytest.param(Chat(10), "pending", "", id="instant"),
        pytest.param(Chat(10, digest=DigestMode.HOURLY), "held", "digest", id="digest"),
        pytest.param(Chat(10, quiet="13:00-14:00"), "held", "quiet", id="quiet-now"),
        pytest.param(Chat(10, quiet="14:00-13:00"), "pending", "", id="outside-quiet"),
    ],
)
def test_entries_say_when_they_are_held(chat: Chat, status: str, hold: str) -> None:
    (entry,) = decide_alerts([article()], {"a1": [m(1, "k")]}, {1: sub(1, 10)}, {10: chat}, now=T0)
    assert (entry.status, entry.hold) == (status, hold)


# --- formatting ------------------------------------------------------------------------------


def entry(n: int = 1, chat: int = 10, *, when: datetime = T0, **story: object) -> OutboxEntry:
    fields: dict[str, object] = {
        "id": f"s{n}",
        "article_id": f"a{n}",
        "title": f"Story {n}",
        "url": f"https://news.example/{n}",
        "summary": f"Summary {n}.",
        "source": "TRT World",
        "published": when,
        "seen": when,
    }
    fields.update(story)
    return OutboxEntry(
        chat_id=chat,
        story=Story(**fields),  # type: ignore[arg-type]  # the dict's values: object
        hits=(Hit(7, "khmeimim", ("Khmeimim ≈ Hmeimim",)),),
        created=when,
    )


def test_alert_has_title_summary_source_time_link_and_matched_terms() -> None:
    msg = format_alert(entry(title="Russian cargo plane leaves Syria"))
    lines = msg.html.split("\n")
    assert lines[0] == "🔔 <b>Russian cargo plane leaves Syria</b>"
    assert lines[1] == "Summary 1."
    assert lines[2] == "TRT World · 14 Dec 2024 13:20 UTC"
    assert lines[3] == "https://news.example/1"
    assert lines[4] == "<i>matched: Khmeimim ≈ “Hmeimim”</i>"
    assert msg.buttons == (("Mute “khmeimim”", "mute:7"), ("Unsubscribe", "unsub:7"))
    assert msg.preview_url == "https://news.example/1"
    assert msg.keys == ((10, "s1"),)


def test_outside_strings_are_escaped() -> None:
    hostile = entry(
        title="<b>x</b> & <script>",
        summary='a < b > "c"',
        source="Evil & Co <i>",
        url="https://x.example/?a=1&b=<2>",
    )
    msg = format_alert(replace(hostile, hits=(Hit(1, "<q>", ("<q> ≈ <t> & u",)),)))
    text_only = re.sub(r"</?(b|i)>", "", msg.html)
    assert "<" not in text_only
    assert ">" not in text_only
    assert "&lt;b&gt;x&lt;/b&gt; &amp; &lt;script&gt;" in msg.html
    assert "matched: &lt;q&gt; ≈ “&lt;t&gt; &amp; u”" in msg.html
    assert to_plain(msg.html).startswith("🔔 <b>x</b> & <script>")


def test_javascript_links_never_reach_a_chat() -> None:
    msg = format_alert(entry(url="javascript:alert(1)"))
    assert "javascript" not in msg.html
    assert msg.preview_url is None


def test_summary_is_cut_near_300_characters_at_a_word() -> None:
    msg = format_alert(entry(summary="word " * 200))
    summary = msg.html.split("\n")[1]
    assert 250 <= len(summary) <= 300
    assert summary.endswith("word…")


def test_several_subscriptions_get_named_buttons() -> None:
    e = replace(entry(), hits=(Hit(1, "syria", ("Syria",)), Hit(2, "tartus", ("Tartus",))))
    assert format_alert(e).buttons == (
        ("Mute “syria”", "mute:1"),
        ("Unsubscribe “syria”", "unsub:1"),
        ("Mute “tartus”", "mute:2"),
        ("Unsubscribe “tartus”", "unsub:2"),
    )


def test_list_is_newest_first_with_links() -> None:
    entries = [entry(n, when=T0 + timedelta(minutes=n)) for n in (1, 3, 2)]
    (msg,) = format_list("🔔 <b>New</b>", entries)
    titles = re.findall(r'<a href="[^"]+">(Story \d)</a>', msg.html)
    assert titles == ["Story 3", "Story 2", "Story 1"]
    assert set(msg.keys) == {(10, "s1"), (10, "s2"), (10, "s3")}


def test_a_list_sent_as_plain_text_keeps_its_links() -> None:
    entries = [entry(n, url=f"https://news.example/{n}?a=1&b=2") for n in (1, 2)]
    (msg,) = format_list("🔔 <b>New</b>", entries)
    plain = msg.plain
    assert "<" not in plain
    for n in (1, 2):
        assert f"Story {n} https://news.example/{n}?a=1&b=2" in plain


def test_long_lists_split_under_the_telegram_limit_and_lose_nothing() -> None:
    entries = [
        entry(n, title="T" * 240 + f" {n}", when=T0 + timedelta(seconds=n)) for n in range(60)
    ]
    messages = format_list("🗞 <b>Digest</b>", entries)
    assert len(messages) > 1
    assert all(visible_len(msg.html) <= MAX_MESSAGE for msg in messages)
    keys = [k for msg in messages for k in msg.keys]
    assert sorted(keys) == sorted(e.key for e in entries)


# Astral characters (outside the BMP) count twice in Telegram's limits.
ASTRAL_TITLE = "𝐑𝐮𝐬𝐬𝐢𝐚𝐧 𝐜𝐚𝐫𝐠𝐨 🚀🛰 " * 17


def test_lists_of_astral_titles_split_as_telegram_counts_and_lose_nothing() -> None:
    assert utf16_len(ASTRAL_TITLE) > 1.8 * len(ASTRAL_TITLE)
    entries = [
        entry(n, title=ASTRAL_TITLE + str(n), when=T0 + timedelta(seconds=n)) for n in range(12)
    ]
    messages = format_list("🔔 <b>New stories for you</b>", entries)
    assert len(messages) > 1
    for msg in messages:
        assert utf16_len(parse_html(msg.html)) <= MAX_MESSAGE  # as Telegram parses it
        assert utf16_len(msg.plain) <= MAX_MESSAGE  # the fallback fits as well
    keys = [k for msg in messages for k in msg.keys]
    assert sorted(keys) == sorted(e.key for e in entries)


def test_an_alert_with_every_field_at_its_longest_fits_as_html_and_as_text() -> None:
    long = entry(
        title="🛰" * 3000,
        summary="𝐱 " * 3000,
        source="𝐒" * 3000,
        url="https://news.example/" + "p" * 5000,
    )
    many = tuple(Hit(i, "🚀" * 200, tuple(f"𝐓{j}" * 50 for j in range(20))) for i in range(5))
    msg = format_alert(replace(long, hits=many))
    assert utf16_len(parse_html(msg.html)) <= MAX_MESSAGE
    assert utf16_len(msg.plain) <= MAX_MESSAGE
    assert all(utf16_len(label) <= 64 for label, _ in msg.buttons)


def test_shorten_counts_utf16_units_and_never_splits_a_character() -> None:
    cut = shorten("𝐀" * 300, 250)
    assert utf16_len(cut) <= 250
    assert cut.endswith("…")
    assert all(ch == "𝐀" for ch in cut[:-1])


# --- plans -----------------------------------------------------------------------------------


def test_single_then_burst() -> None:
    chat = Chat(10)
    assert plan_chat(chat, [entry(1)], T0).kind == "single"
    many = [entry(n) for n in range(BURST_SIZE)]
    plan = plan_chat(chat, many, T0)
    assert plan.kind == "burst"
    assert len(plan.entries) == BURST_SIZE
    assert len(format_plan(plan)) == 1


@pytest.mark.parametrize(
    "chat", [Chat(10, paused=True), Chat(10, active=False)], ids=["paused", "inactive"]
)
def test_paused_and_inactive_chats_wait_keeping_their_entries(chat: Chat) -> None:
    assert plan_chat(chat, [entry()], T0).kind == "wait"


def test_hourly_digest_waits_for_the_top_of_the_hour() -> None:
    chat = Chat(10, digest=DigestMode.HOURLY)
    queued = [entry(1, when=T0), entry(2, when=T0 + timedelta(minutes=5))]
    plan = plan_chat(chat, queued, T0 + timedelta(minutes=10))
    assert plan.kind == "wait"
    assert plan.wait == datetime(2024, 12, 14, 14, 0, tzinfo=UTC)
    plan = plan_chat(chat, queued, datetime(2024, 12, 14, 14, 0, tzinfo=UTC))
    assert plan.kind == "digest"
    assert len(plan.entries) == 2
    assert "Your news digest (2)" in format_plan(plan)[0].plain


def test_quiet_hours_hold_then_release_as_one_digest() -> None:
    chat = Chat(10, quiet="22:00-07:00", timezone="Europe/Berlin")
    night = datetime(2024, 12, 14, 23, 30, tzinfo=UTC)  # 00:30 in Berlin
    queued = [entry(1, when=night), entry(2, when=night + timedelta(minutes=1))]
    plan = plan_chat(chat, queued, night + timedelta(minutes=2))
    assert plan.kind == "wait"
    assert plan.wait == datetime(2024, 12, 15, 6, 0, tzinfo=UTC)
    plan = plan_chat(chat, queued, datetime(2024, 12, 15, 6, 0, tzinfo=UTC))
    assert plan.kind == "quiet"
    assert len(plan.entries) == 2


# --- schedules -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("quiet", "tz", "when", "end"),
    [
        pytest.param("22:00-07:00", "UTC", "2024-12-14T23:00", "2024-12-15T07:00", id="night"),
        pytest.param("22:00-07:00", "UTC", "2024-12-15T06:59", "2024-12-15T07:00", id="morning"),
        pytest.param("22:00-07:00", "UTC", "2024-12-15T07:00", None, id="ended"),
        pytest.param("22:00-07:00", "UTC", "2024-12-14T21:59", None, id="before"),
        pytest.param("13:00-15:00", "UTC", "2024-12-14T14:00", "2024-12-14T15:00", id="daytime"),
        pytest.param(
            "22:00-07:00", "Asia/Tokyo", "2024-12-14T14:00", "2024-12-14T22:00", id="tokyo"
        ),
        pytest.param("", "UTC", "2024-12-14T23:00", None, id="none"),
    ],
)
def test_quiet_end(quiet: str, tz: str, when: str, end: str | None) -> None:
    chat = Chat(1, quiet=quiet, timezone=tz)
    got = quiet_end(chat, datetime.fromisoformat(when).replace(tzinfo=UTC))
    assert got == (datetime.fromisoformat(end).replace(tzinfo=UTC) if end else None)


@pytest.mark.parametrize(
    ("digest", "at", "tz", "after", "due"),
    [
        pytest.param("hourly", "", "UTC", "2024-12-14T13:20", "2024-12-14T14:00", id="hourly"),
        pytest.param(
            "hourly",
            "",
            "Asia/Kolkata",
            "2024-12-14T13:20",
            "2024-12-14T13:30",
            id="half-hour-zone",
        ),
        pytest.param("daily", "08:00", "UTC", "2024-12-14T07:00", "2024-12-14T08:00", id="today"),
        pytest.param(
            "daily", "08:00", "UTC", "2024-12-14T08:00", "2024-12-15T08:00", id="tomorrow"
        ),
        pytest.param(
            "daily",
            "08:00",
            "Europe/Berlin",
            "2024-12-14T06:00",
            "2024-12-14T07:00",
            id="berlin-winter",
        ),
        pytest.param(
            "daily",
            "08:00",
            "Europe/Berlin",
            "2024-07-14T05:00",
            "2024-07-14T06:00",
            id="berlin-summer",
        ),
        pytest.param(
            "daily", "02:30", "Europe/Berlin", "2024-03-30T12:00", "2024-03-31T01:30", id="dst-gap"
        ),
    ],
)
def test_next_digest(digest: str, at: str, tz: str, after: str, due: str) -> None:
    chat = Chat(1, digest=DigestMode(digest), digest_time=at or "08:00", timezone=tz)
    got = next_digest(chat, datetime.fromisoformat(after).replace(tzinfo=UTC))
    assert got == datetime.fromisoformat(due).replace(tzinfo=UTC)


def test_digest_due_in_quiet_hours_waits_for_their_end() -> None:
    chat = Chat(1, digest=DigestMode.DAILY, digest_time="06:00", quiet="22:00-07:00")
    got = release(chat, datetime(2024, 12, 14, 12, 0, tzinfo=UTC), T0)
    assert (got.at, got.kind) == (datetime(2024, 12, 15, 7, 0, tzinfo=UTC), "digest")


def test_digest_missed_while_down_goes_out_at_once() -> None:
    chat = Chat(1, digest=DigestMode.DAILY, digest_time="08:00")
    queued_at = datetime(2024, 12, 14, 7, 0, tzinfo=UTC)
    got = release(chat, queued_at, datetime(2024, 12, 14, 9, 0, tzinfo=UTC))
    assert got.at == datetime(2024, 12, 14, 8, 0, tzinfo=UTC)


# --- command arguments -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "mode", "at"),
    [
        ("off", "off", ""),
        ("hourly", "hourly", ""),
        ("daily 8:05", "daily", "08:05"),
        ("DAILY 21.30", "daily", "21:30"),
    ],
)
def test_parse_digest(args: str, mode: str, at: str) -> None:
    got = parse_digest(args)
    assert (got.mode, got.at) == (mode, at)


@pytest.mark.parametrize(
    "args", ["", "weekly", "daily", "daily 25:00", "daily 8", "hourly 3", "off now"]
)
def test_parse_digest_rejects_with_usage(args: str) -> None:
    with pytest.raises(SettingError, match="/digest off"):
        parse_digest(args)


@pytest.mark.parametrize(
    ("args", "zone"),
    [
        ("Europe/Berlin", "Europe/Berlin"),
        ("utc", "UTC"),
        (" America/Argentina/Buenos_Aires ", "America/Argentina/Buenos_Aires"),
    ],
)
def test_parse_timezone(args: str, zone: str) -> None:
    assert parse_timezone(args) == zone


@pytest.mark.parametrize(
    "args",
    ["", "Mars/Olympus", "Europe/Berlin extra", "../../etc/passwd", "/etc/localtime", "x" * 300],
)
def test_parse_timezone_rejects_with_usage(args: str) -> None:
    with pytest.raises(SettingError, match="/timezone"):
        parse_timezone(args)


@pytest.mark.parametrize(
    ("args", "quiet"),
    [("22:00-07:00", "22:00-07:00"), ("off", ""), ("9:00 - 17:30", "09:00-17:30")],
)
def test_parse_quiet(args: str, quiet: str) -> None:
    assert parse_quiet(args) == quiet


@pytest.mark.parametrize("args", ["", "22:00", "22:00-22:00", "10pm-7am", "24:00-07:00"])
def test_parse_quiet_rejects_with_usage(args: str) -> None:
    with pytest.raises(SettingError, match="/quiet"):
        parse_quiet(args)


@pytest.mark.parametrize(
    ("args", "culprit"), [("25:00-01:00", "25:00"), ("22:00-7h", "7h"), ("10pm-07:00", "10pm")]
)
def test_parse_quiet_names_the_time_it_cannot_read(args: str, culprit: str) -> None:
    with pytest.raises(SettingError, match=f"^“{culprit}” is not a time of day"):
        parse_quiet(args)
