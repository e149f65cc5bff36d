"""What an alert looks like to its chat: the "matched:" line, times in the chat's zone,
link previews as the chat chose, and a button for every subscription that fired."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.alerts.decide import Delivery, DeliveryKind
from bot.alerts.format import (
    MAX_BUTTONS,
    MAX_CALLBACK_DATA,
    PICK_PREFIX,
    format_alert,
    format_list,
    format_plan,
    format_time,
    matched_text,
    parse_picker,
)
from bot.models import Chat, Hit, OutboxEntry, Story

T0 = datetime(2024, 12, 14, 13, 20, tzinfo=UTC)


def entry(n: int = 1, *hits: Hit, when: datetime = T0, title: str = "") -> OutboxEntry:
    story = Story(
        id=f"s{n}",
        article_id=f"a{n}",
        title=title or f"Story {n}",
        url=f"https://news.example/{n}",
        source="TRT World",
        published=when,
        seen=when,
    )
    return OutboxEntry(10, story, hits or (Hit(7, "Khmeimim", ("Khmeimim ≈ Hmeimim",)),), T0)


@pytest.mark.parametrize(
    ("hits", "expected"),
    [
        pytest.param(
            [Hit(1, "Tartus", ("Tartus ≈ Tartous",)), Hit(2, "Tartous", ("Tartous",))],
            "Tartus ≈ “Tartous”, Tartous",
            id="typo-beside-exact",
        ),
        pytest.param(
            [Hit(1, "#syria", ("#syria",)), Hit(2, "syria", ("syria",))],
            "#syria",
            id="same-words-once",
        ),
        pytest.param(
            [Hit(1, "Tartus", ("Tartus ≈ Tartous", "Tartous ≈ Tartous"))],
            "Tartus ≈ “Tartous”",
            id="one-subscription-once",
        ),
        pytest.param(
            [Hit(1, "Khmeimim", ("Khmeimim ≈ Hmeimim",))],
            "Khmeimim ≈ “Hmeimim”",
            id="typo",
        ),
        pytest.param([Hit(1, "Kiev", ("Kyiv → Kiev",))], "Kiev ≈ “Kyiv”", id="alias"),
        pytest.param(
            [Hit(1, "syria Tartus", ("syria", "Tartus ≈ Tartous"))],
            "syria Tartus (Tartus ≈ “Tartous”)",
            id="and-query",
        ),
        pytest.param(
            [Hit(1, "russia (kyiv OR kiev)", ("russia", "kyiv"))],
            "russia (kyiv OR kiev)",
            id="exact-words-add-nothing",
        ),
    ],
)
def test_matched_line_shows_each_subscription_once(hits: list[Hit], expected: str) -> None:
    assert matched_text(hits) == expected


def test_the_alert_says_which_subscriptions_matched_once_each() -> None:
    hits = (Hit(1, "Tartus", ("Tartus ≈ Tartous",)), Hit(2, "Tartous", ("Tartous",)))
    assert "matched: Tartus ≈ “Tartous”, Tartous</i>" in format_alert(entry(1, *hits)).html


@pytest.mark.parametrize(
    ("zone", "expected"),
    [
        ("UTC", "14 Dec 2024 13:20 UTC"),
        ("Europe/Berlin", "14 Dec 2024 14:20 CET"),
        ("America/New_York", "14 Dec 2024 08:20 EST"),
        ("Asia/Dubai", "14 Dec 2024 17:20 UTC+04"),  # a zone without an abbreviation
        ("Asia/Kolkata", "14 Dec 2024 18:50 IST"),
    ],
)
def test_alerts_and_digests_show_times_in_the_chats_zone(zone: str, expected: str) -> None:
    chat = Chat(10, timezone=zone)
    (alert,) = format_plan(Delivery(DeliveryKind.SINGLE, (entry(),)), chat)
    assert f"TRT World · {expected}" in alert.html
    digest = format_plan(Delivery(DeliveryKind.DIGEST, (entry(1), entry(2))), chat)
    assert digest[0].html.count(expected) == 2


def test_a_date_changes_with_the_zone() -> None:
    late = datetime(2024, 12, 14, 23, 30, tzinfo=UTC)
    assert format_time(late, ZoneInfo("Asia/Tokyo")) == "15 Dec 2024 08:30 JST"


@pytest.mark.parametrize("previews", [True, False], ids=["previews-on", "previews-off"])
def test_the_chat_chooses_link_previews(previews: bool) -> None:
    (alert,) = format_plan(Delivery(DeliveryKind.SINGLE, (entry(),)), Chat(10, previews=previews))
    assert alert.preview_url == ("https://news.example/1" if previews else None)
    assert "https://news.example/1" in alert.html  # the link itself is always there


def test_every_subscription_that_fired_gets_a_button() -> None:
    hits = tuple(Hit(i, f"topic {i}", (f"topic{i}",)) for i in range(1, 7))
    alert = format_alert(entry(1, *hits))
    mutes = [data for _, data in alert.buttons if data.startswith("mute:")]
    assert mutes == [f"mute:{i}" for i in range(1, 7)]
    label, data = alert.buttons[-1]
    assert label == "Unsubscribe…"
    assert parse_picker(data) == tuple(range(1, 7))


def test_three_subscriptions_get_a_mute_and_an_unsubscribe_each() -> None:
    hits = tuple(Hit(i, f"t{i}", ()) for i in (4, 5, 6))
    datas = [data for _, data in format_alert(entry(1, *hits)).buttons]
    assert datas == ["mute:4", "unsub:4", "mute:5", "unsub:5", "mute:6", "unsub:6"]


def test_many_subscriptions_stay_within_telegrams_keyboard_limits() -> None:
    hits = tuple(Hit(10**12 + i, "🚀" * 100, ()) for i in range(150))
    alert = format_alert(entry(1, *hits))
    assert len(alert.buttons) <= MAX_BUTTONS
    assert all(len(data.encode()) <= MAX_CALLBACK_DATA for _, data in alert.buttons)
    assert alert.buttons[-1][1] == PICK_PREFIX  # too many ids: the picker offers the chat's


def test_a_combined_message_offers_a_picker_of_the_subscriptions_that_fired() -> None:
    one = entry(1, Hit(3, "syria", ("syria",)))
    two = entry(2, Hit(40, "Tartus", ("Tartus",)), Hit(3, "syria", ("syria",)))
    (message,) = format_list("🔔 <b>New</b>", [one, two])
    ((label, data),) = message.buttons
    assert label == "Mute or unsubscribe…"
    assert sorted(parse_picker(data) or ()) == [3, 40]


def test_each_part_of_a_long_digest_picks_from_its_own_stories() -> None:
    entries = [
        entry(n, Hit(n, f"q{n}", ()), when=T0 + timedelta(seconds=n), title="T" * 240)
        for n in range(1, 41)
    ]
    messages = format_list("🗞 <b>Digest</b>", entries)
    assert len(messages) > 1
    picked = [set(parse_picker(m.buttons[0][1]) or ()) for m in messages]
    assert set().union(*picked) == set(range(1, 41))
    assert sum(len(p) for p in picked) == 40  # no subscription offered under another part


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("pick:", ()),
        ("pick:1.a.zz", (1, 10, 36 * 35 + 35)),
        ("pick:x!", None),
        ("pick:1..2", None),
        ("rm:1", None),
    ],
)
def test_picker_data_reads_back_or_is_refused(data: str, expected: tuple[int, ...] | None) -> None:
    assert parse_picker(data) == expected
