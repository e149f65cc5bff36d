"""The pure replies of the chat screens: the hint, /settings, the picker and the summary of
several subscriptions (escaping, Telegram's limits on buttons)."""

from __future__ import annotations

import pytest

from bot.chats import replies, settings_replies
from bot.chats.settings_replies import ChatSettings
from bot.chats.subscriptions import (
    AlreadySubscribed,
    InvalidQuery,
    LimitReached,
    Subscribed,
    SubscribeResult,
)
from bot.i18n import translator
from bot.models import Subscription
from tests.fakes.telegram_server import MAX_TEXT_LENGTH, parse_html, utf16_length

EN = translator("en")

MAX_CALLBACK_DATA = 64


@pytest.mark.parametrize(
    ("text", "button"),
    [
        pytest.param("Khmeimim", True, id="word"),
        pytest.param("Хмеймим " * 3, True, id="cyrillic-fits"),
        pytest.param("Х" * 31, False, id="cyrillic-too-long-for-64-bytes"),
        pytest.param("a" * 60, True, id="ascii-at-the-limit"),
        pytest.param("a" * 61, False, id="ascii-over-the-limit"),
    ],
)
def test_the_hint_button_carries_the_text_within_64_bytes(text: str, button: bool) -> None:
    hint = replies.hint(EN, text)
    assert "/subscribe" in hint.html
    assert bool(hint.buttons) == button
    for _, data in hint.buttons:
        assert len(data.encode()) <= MAX_CALLBACK_DATA
        assert data == replies.SUBSCRIBE_PREFIX + " ".join(text.split())


def test_the_hint_escapes_what_it_echoes() -> None:
    hint = replies.hint(EN, "<b>Tartus</b> & co")
    assert "&lt;b&gt;Tartus&lt;/b&gt; &amp; co" in hint.html
    assert "<b>Tartus" not in hint.html


def screen(**changes: object) -> ChatSettings:
    values: dict[str, object] = {
        "paused": False,
        "digest": "off",
        "digest_time": "08:00",
        "quiet": "",
        "timezone": "UTC",
        "previews": True,
        "feeds": 12,
        "subscriptions": 3,
        "muted": 0,
    }
    values.update(changes)
    return ChatSettings(**values)  # type: ignore[arg-type]  # the dict's values: object


@pytest.mark.parametrize(
    ("changes", "line", "button"),
    [
        ({}, "Alerts: on (/pause)", "set:paused:on"),
        ({"paused": True}, "Alerts: ⏸ paused (/resume)", "set:paused:off"),
        ({"previews": False}, "Link previews: hidden", "set:previews:on"),
        ({"quiet": "22:00-07:00"}, "Quiet hours: 22:00-07:00 (/quiet)", "set:quiet:off"),
        ({"digest": "daily"}, "Delivery: a daily digest at 08:00 (/digest)", "set:digest:off"),
        ({"muted": 2}, "Subscriptions: 3, 2 muted (/list)", "set:digest:hourly"),
    ],
)
def test_settings_screen_lines_and_buttons(
    changes: dict[str, object], line: str, button: str
) -> None:
    reply = settings_replies.settings(EN, screen(**changes))
    assert line in reply.html.split("\n")
    assert button in [data for _, data in reply.buttons]
    assert all(len(data.encode()) <= MAX_CALLBACK_DATA for _, data in reply.buttons)
    assert reply.per_row == 2


def test_settings_escape_the_time_zone() -> None:
    assert "&lt;x&gt;" in settings_replies.settings(EN, screen(timezone="<x>")).html


def test_the_picker_offers_unmute_for_a_muted_subscription() -> None:
    subs = [Subscription(1, 42, "syria"), Subscription(2, 42, "Tartus", muted=True)]
    picker = replies.pick_subscription(EN, subs)
    assert [data for _, data in picker.buttons] == ["mute:1", "unsub:1", "unmute:2", "unsub:2"]
    assert replies.pick_subscription(EN, []).buttons == ()


def test_the_summary_of_several_lines_names_each_and_escapes() -> None:
    results: list[tuple[str, SubscribeResult]] = [
        ("a", Subscribed(Subscription(1, 42, "<a>"), 1, None)),
        ("b", AlreadySubscribed(Subscription(2, 42, "b"), 2)),
        ("(c", InvalidQuery("unbalanced <parenthesis>")),
        ("d", LimitReached(3)),
    ]
    text = replies.subscribed_many(EN, results).html
    assert text.split("\n") == [
        "Subscribed to 1: “&lt;a&gt;”.",
        "Already followed: “b”.",
        "⚠️ Not added “(c”: unbalanced &lt;parenthesis&gt;",
        "Not added “d”: this chat has the maximum of 3 subscriptions.",
    ]


def test_the_summary_of_thousands_of_lines_fits_one_message() -> None:
    long = "𝐤" * 300
    results: list[tuple[str, SubscribeResult]] = [
        *(
            (f"{long}{n}", Subscribed(Subscription(n, 42, f"{long}{n}"), n, None))
            for n in range(500)
        ),
        *(("same", AlreadySubscribed(Subscription(9999, 42, "same"), 1)) for _ in range(900)),
        *((f"({n}", InvalidQuery(f"unbalanced {long}")) for n in range(900)),
    ]
    text = parse_html(replies.subscribed_many(EN, results).html)
    assert utf16_length(text) <= MAX_TEXT_LENGTH
    assert text.startswith("Subscribed to 500: ")
    assert " more," in text or " more." in text  # the rest counted, not dropped silently
    assert text.count("“same”") == 1
    assert text.endswith("more not added.")


@pytest.mark.parametrize(
    ("feeds", "own", "only", "line"),
    [
        (1, 0, False, "Sources: 1 feed (/feeds)"),
        (14, 2, False, "Sources: 14 feeds, 2 of them this chat's own (/feeds)"),
        (2, 2, True, "Sources: 2 feeds, only this chat's own (/feeds)"),
    ],
)
def test_settings_say_which_sources_the_chat_reads(
    feeds: int, own: int, only: bool, line: str
) -> None:
    reply = settings_replies.settings(EN, screen(feeds=feeds, own_feeds=own, own_only=only))
    assert line in reply.html.split("\n")
