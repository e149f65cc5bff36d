"""The system test's tools: the fakes' options for several processes, the process lookup,
the planned world and the readings of the records (tests/system.py)."""

from __future__ import annotations

import os
import threading
from collections import Counter
from datetime import UTC, datetime

import httpx
import pytest
from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from bot.reading.stories import STORY_TITLE_SCORE, story_title
from tests.fakes.feed_server import FeedServer, Fetch
from tests.fakes.owners import UNKNOWN, Owners
from tests.fakes.telegram_server import ApiRequest, FakeTelegram
from tests.system import (
    FILLER,
    deliveries,
    double_fetches,
    expectation,
    plan_world,
    repeats,
    story_markers,
    worst_second,
)

WHEN = datetime(2026, 1, 1, tzinfo=UTC)


def _poll(fake: FakeTelegram, timeout: float, out: list[httpx.Response]) -> None:
    with httpx.Client(trust_env=False, timeout=10) as client:
        out.append(client.post(f"{fake.url}/bot{fake.token}/getUpdates", json={"timeout": timeout}))


@pytest.mark.parametrize("exclusive", [False, True], ids=["default", "exclusive"])
def test_a_second_getupdates_ends_the_first_with_409_only_when_exclusive(
    exclusive: bool,
) -> None:
    with FakeTelegram(exclusive_updates=exclusive) as fake:
        first: list[httpx.Response] = []
        waiting = threading.Thread(target=_poll, args=(fake, 5.0, first))
        waiting.start()
        fake.wait_until(lambda: fake.polls_waiting == 1, what="the first long poll")
        second: list[httpx.Response] = []
        _poll(fake, 0.0, second)
        if not exclusive:
            fake.command(42, "/start")  # lets the first poll return
        waiting.join(timeout=10)
    assert second[0].status_code == 200
    if exclusive:
        assert first[0].status_code == 409
        assert first[0].json()["description"].startswith("Conflict: terminated by other")
        assert fake.conflicts == 1
    else:
        assert first[0].status_code == 200
        assert fake.conflicts == 0


def test_owners_name_the_process_behind_a_connection() -> None:
    owners = Owners()
    with FeedServer(identify=owners.of) as server:
        url = server.route("/feed.xml", body=b"<rss/>")
        with httpx.Client(trust_env=False) as client:
            client.get(url)  # before this process is known
        owners.add(os.getpid(), "me")
        with httpx.Client(trust_env=False) as client:
            client.get(url)
            client.get(url)  # the same connection: named once
    assert [f.client for f in server.fetches] == [UNKNOWN, "me", "me"]
    assert all(f.started <= f.finished and f.status == 200 for f in server.fetches)


def test_the_fake_records_who_called() -> None:
    owners = Owners()
    owners.add(os.getpid(), "me")
    with FakeTelegram(identify=owners.of) as fake, httpx.Client(trust_env=False) as client:
        client.post(f"{fake.url}/bot{fake.token}/getMe")
    assert [r.client for r in fake.calls("getMe")] == ["me"]


def test_without_identify_nothing_is_logged() -> None:
    with FeedServer() as server, httpx.Client(trust_env=False) as client:
        client.get(server.route("/a", body=b"x"))
    assert server.fetches == []
    assert len(server.requests) == 1


def test_the_world_keeps_keywords_apart_and_copies_of_a_story_together() -> None:
    world = plan_world(feeds=200, keywords=60, chats=20, late_chats=5, stories=20, old_feeds=10)
    words = world.keywords
    assert len(set(words)) == 60
    assert min(Levenshtein.distance(a, b) for a in words for b in words if a < b) >= 4
    assert min(Levenshtein.distance(a, f) for a in words for f in FILLER) >= 4
    titles = [story_title(s.title) for s in world.stories]
    for story in world.stories:
        same = [story.item(c, WHEN).title for c in range(len(story.feeds))]
        near = fuzz.ratio(story_title(same[0]), story_title(same[1]))
        assert STORY_TITLE_SCORE <= near < 100, "copy 1 is near-identical, not identical"
        assert len(set(story.feeds)) == len(story.feeds)
    worst = max(fuzz.ratio(a, b) for a in titles for b in titles if a < b)
    assert worst < STORY_TITLE_SCORE - 20, "two stories must never look like one"
    assert world.sent_subscriptions() >= {(c, k) for c, ks in world.chats.items() for k in ks}


def test_expectation_requires_what_was_asked_before_the_story() -> None:
    world = plan_world(feeds=50, keywords=30, chats=10, late_chats=10, stories=10, old_feeds=5)
    expected = expectation(world, grace=5.0)
    for chat, story in expected.required:
        number = {s.number: s for s in world.stories}[story]
        if chat in world.chats:
            assert number.keyword in world.chats[chat]
        else:
            late = next(c for c in world.late if c.chat_id == chat)
            assert number.keyword in late.keywords
            assert late.at + 5.0 <= number.appear
    assert expected.required <= expected.allowed
    asked = world.sent_subscriptions()
    keyword = {s.number: s.keyword for s in world.stories}
    assert all((chat, keyword[story]) in asked for chat, story in expected.allowed)


def _sent(chat: int, text: str, at: float, status: int = 200, client: str = "A1") -> ApiRequest:
    return ApiRequest("sendMessage", {"chat_id": chat, "text": text}, at, status, client)


def test_deliveries_count_every_story_of_every_accepted_message() -> None:
    link = "http://news.example/news/{}/a"
    requests = [
        _sent(1, f'<a href="{link.format(7)}">x</a> {link.format(7)}', 0.0),
        _sent(1, f"{link.format(7)}\n{link.format(8)}?utm_source=x", 1.0),  # combined
        _sent(2, link.format(7), 2.0, status=429),
        _sent(2, "Subscribed to 15: …", 3.0),
    ]
    assert story_markers(requests[0].params["text"]) == [7]
    delivered = deliveries(requests)
    assert delivered == Counter({(1, 7): 2, (1, 8): 1})
    assert repeats(delivered) == 1


@pytest.mark.parametrize(
    ("times", "worst"),
    [
        ([], 0),
        ([0.0, 0.5, 0.99], 3),
        ([0.0, 1.0, 2.0], 1),
        ([0.0, 0.6, 1.2, 1.5, 1.59], 4),
    ],
)
def test_worst_second(times: list[float], worst: int) -> None:
    assert worst_second(times) == worst


def _fetch(client: str, started: float, finished: float, path: str = "/f") -> Fetch:
    return Fetch(path, client, started, finished, 200)


def test_double_fetches_are_overlaps_or_two_live_processes_within_an_interval() -> None:
    fetches = [
        _fetch("A1", 0.0, 0.2),
        _fetch("B1", 0.1, 0.3),  # overlaps A1
        _fetch("B1", 20.0, 20.1),
        _fetch("C1", 25.0, 25.1),  # B1 fetched 5 s before and is alive: too soon
        _fetch("C1", 45.0, 45.1),
        _fetch("A2", 50.0, 50.1),  # C1 was killed at 47: a takeover
        _fetch("A2", 1.0, 1.1, path="/g"),
        _fetch("A2", 3.0, 3.1, path="/g"),  # the same process twice: its own schedule
    ]
    found = double_fetches(fetches, min_gap=10.0, ended={"C1": 47.0, "A1": None})
    assert [(d.first.client, d.second.client, d.why) for d in found] == [
        ("A1", "B1", "overlap"),
        ("B1", "C1", "within an interval"),
    ]


def test_the_advisory_locks_the_instances_share_are_distinct() -> None:
    """One key for two locks stalls every instance: the holder of the sender role (a
    session lock) kept every other poller's story step (a transaction lock) waiting."""
    from storage.postgres.articles import STORIES_LOCK
    from storage.postgres.chats import CHAT_FEEDS_LOCK
    from storage.postgres.follow import PRUNE_LOCK
    from storage.postgres.pool import MIGRATIONS_LOCK
    from storage.postgres.roles import SENDER_LOCK, UPDATES_LOCK

    pace = 7954895654276264964  # migrations 0007/0008's pace_take
    keys = [MIGRATIONS_LOCK, STORIES_LOCK, SENDER_LOCK, UPDATES_LOCK, PRUNE_LOCK, CHAT_FEEDS_LOCK]
    keys.append(pace)
    assert len(set(keys)) == len(keys)
