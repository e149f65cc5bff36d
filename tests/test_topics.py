"""Forum topics in the pure alert core: a subscription's topic reaches its entry, and each
message goes to one topic."""

from __future__ import annotations

from dataclasses import replace

from bot.alerts.decide import BURST_SIZE, decide_alerts, plan_chat
from bot.alerts.format import format_plan
from bot.models import Chat, DigestMode, OutboxEntry
from tests.test_alerts import T0, article, entry, m, sub


def in_topic(n: int, thread: int | None) -> OutboxEntry:
    return replace(entry(n, -10), thread_id=thread)


def test_an_entry_goes_to_the_topic_of_its_subscription() -> None:
    subs = {1: sub(1, -10, thread_id=7), 2: sub(2, -20)}
    matches = {"a1": [m(1, "Khmeimim"), m(2, "Khmeimim")]}
    entries = {e.chat_id: e for e in decide_alerts([article()], matches, subs, {}, now=T0)}
    assert entries[-10].thread_id == 7
    assert entries[-20].thread_id is None


def test_a_single_alert_is_sent_into_its_topic() -> None:
    plan = plan_chat(Chat(-10), [in_topic(1, 7)], T0)
    assert [message.thread_id for message in format_plan(plan)] == [7]


def test_a_burst_gathers_one_topic_and_leaves_the_others_for_later() -> None:
    queued = [in_topic(n, 7 if n % 2 else 9) for n in range(1, 2 * BURST_SIZE + 1)]
    plan = plan_chat(Chat(-10), queued, T0)
    assert plan.kind == "burst"
    assert {e.thread_id for e in plan.entries} == {7}
    assert len(plan.entries) == BURST_SIZE
    assert [message.thread_id for message in format_plan(plan)] == [7]
    rest = [e for e in queued if e not in plan.entries]
    plan = plan_chat(Chat(-10), rest, T0)
    assert {e.thread_id for e in plan.entries} == {9}


def test_a_digest_is_one_message_per_topic() -> None:
    chat = Chat(-10, digest=DigestMode.HOURLY)
    queued = [in_topic(1, None), in_topic(2, 7), in_topic(3, None)]
    at_the_hour = T0.replace(hour=14, minute=0)
    plan = plan_chat(chat, queued, at_the_hour)
    assert plan.kind == "digest"
    assert [e.story.id for e in plan.entries] == ["s1", "s3"]
    assert [message.thread_id for message in format_plan(plan)] == [None]
