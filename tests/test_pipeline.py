"""AlertService: new stories become durable outbox entries exactly once; the outbox is pruned
while the bot runs, not only at start-up."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.alerts.pipeline import PRUNE_EVERY, PRUNE_MARGIN, AlertService
from bot.alerts.sender import Sender
from bot.chats.subscriptions import SubscriptionService
from bot.matching.document import Document, prepare
from bot.matching.index import Match, SubscriptionIndex
from bot.matching.query import parse_query
from bot.matching.terms import MatchedTerm
from bot.models import Article, Chat, Subscription
from storage.memory import MemoryChatStore
from storage.outbox import JsonOutbox
from tests.fakes.matches import FakeMatch, Term
from tests.senders import NoNotifier

T0 = datetime(2024, 12, 14, 13, 20, tzinfo=UTC)


class WordIndex:
    """A stand-in for SubscriptionIndex: a subscription matches when its word is in the title."""

    def __init__(self) -> None:
        self.words: dict[int, str] = {}

    def match(self, doc: Document) -> Sequence[FakeMatch]:
        title = " ".join(doc.surface[: doc.title_end]).lower()
        return [FakeMatch(k, (Term(w),)) for k, w in self.words.items() if w in title]


class Now:
    def __init__(self) -> None:
        self.at = T0

    def __call__(self) -> datetime:
        return self.at


def article(n: int, title: str, *, seen: datetime = T0, story_id: str = "") -> Article:
    return Article(
        id=f"a{n}",
        url=f"https://news.example/{n}",
        title=title,
        summary="",
        source="Example",
        seen=seen,
        story_id=story_id,
    )


def service(tmp_path: Path, clock: Now) -> tuple[AlertService, MemoryChatStore, JsonOutbox]:
    chats = MemoryChatStore(clock=lambda: T0 - timedelta(hours=1))
    outbox = JsonOutbox(tmp_path / "newsbot.outbox.json", fsync=False)
    sender = Sender(outbox=outbox, chats=chats, notifier=NoNotifier(), offload=False)
    index = WordIndex()
    for chat_id, word in ((1, "hmeimim"), (1, "syria"), (2, "hmeimim")):
        index.words[chats.add_subscription(chat_id, word).id] = word
    alerts = AlertService(
        index=index,
        prepare=prepare,
        chats=chats,
        outbox=outbox,
        sender=sender,
        retention_days=7,
        clock=clock,
    )
    return alerts, chats, outbox


async def test_one_entry_per_chat_and_story_listing_every_matching_subscription(
    tmp_path: Path,
) -> None:
    alerts, _, outbox = service(tmp_path, Now())
    added = await alerts.on_new_stories([article(1, "Planes leave Hmeimim in Syria")])
    by_chat = {e.chat_id: e for e in added}
    assert sorted(by_chat) == [1, 2]
    assert by_chat[1].terms == ("hmeimim", "syria")
    assert len(by_chat[1].hits) == 2
    assert len(outbox.unsent()) == 2


async def test_racing_polls_and_second_sources_queue_nothing_more(tmp_path: Path) -> None:
    alerts, _, outbox = service(tmp_path, Now())
    story = article(1, "Planes leave Hmeimim")
    second = article(2, "Planes leave Hmeimim", story_id="a1")  # another feed, same story
    first, again = await asyncio.gather(
        alerts.on_new_stories([story]), alerts.on_new_stories([story, second])
    )
    assert len(first) + len(again) == 2  # chats 1 and 2, once each
    assert len(outbox.unsent()) == 2
    assert await alerts.on_new_stories([second]) == []


async def test_a_running_bot_prunes_the_outbox_past_retention(tmp_path: Path) -> None:
    clock = Now()
    alerts, _, outbox = service(tmp_path, clock)
    await alerts.start()
    try:
        added = await alerts.on_new_stories([article(1, "Planes leave Hmeimim")])
        outbox.mark([e.key for e in added], status="sent", at=clock())
        clock.at += timedelta(days=7) + PRUNE_MARGIN + timedelta(minutes=1)  # no restart
        await alerts.on_new_stories([article(2, "Nothing to see")])
        assert len(outbox) == 0

        # Not on every batch: the next prune comes PRUNE_EVERY after the last one.
        pruned_at = clock()
        added = await alerts.on_new_stories([article(3, "Hmeimim again")])
        outbox.mark([e.key for e in added], status="sent", at=clock() - timedelta(days=9))
        clock.at = pruned_at + PRUNE_EVERY / 2
        await alerts.on_new_stories([article(4, "Nothing to see")])
        assert len(outbox) == 2
        clock.at = pruned_at + PRUNE_EVERY
        await alerts.on_new_stories([article(5, "Nothing to see")])
        assert len(outbox) == 0
    finally:
        await alerts.stop()


async def test_an_old_entry_read_again_after_everything_forgot_it_alerts_nobody(
    tmp_path: Path,
) -> None:
    # A feed still lists a story from a month ago; the article store and the outbox have
    # forgotten it, so the reader hands it over as new: it must not be alerted again.
    clock = Now()
    clock.at = T0 + timedelta(days=30)
    alerts, _, _ = service(tmp_path, clock)
    old = replace(article(1, "Planes leave Hmeimim", seen=clock()), published=T0)
    fresh = replace(article(2, "Hmeimim runway works", seen=clock()), published=clock())
    added = await alerts.on_new_stories([old, fresh])
    assert {e.story.id for e in added} == {"a2"}


# --- muting or removing a subscription withdraws its queued alerts ---------------------------


def wired(alerts: AlertService, chats: MemoryChatStore) -> SubscriptionService:
    """The subscription service as bot.app.build_services wires it."""
    return SubscriptionService(chats, max_subscriptions=50, max_query_length=200, events=alerts)


async def test_removing_or_muting_a_subscription_withdraws_its_queued_alerts(
    tmp_path: Path,
) -> None:
    alerts, chats, outbox = service(tmp_path, Now())
    subs = wired(alerts, chats)
    hmeimim1, syria1 = chats.subscriptions(1)
    (hmeimim2,) = chats.subscriptions(2)
    await alerts.on_new_stories(
        [article(1, "Planes leave Hmeimim in Syria"), article(2, "Syria talks resume")]
    )
    assert len(outbox.unsent()) == 3

    assert subs.remove(1, syria1.id) is not None
    assert outbox.status(1, "a2") == "withdrawn"  # only "syria" matched it
    (both,) = [e for e in outbox.unsent() if e.chat_id == 1]
    assert both.terms == ("hmeimim",)  # still goes, for the other subscription

    assert subs.set_muted(2, hmeimim2.id, True) is not None
    assert outbox.status(2, "a1") == "withdrawn"
    assert subs.set_muted(2, hmeimim2.id, False) is not None
    assert outbox.status(2, "a1") == "withdrawn"  # unmuting does not bring it back
    assert await alerts.on_new_stories([article(1, "Planes leave Hmeimim in Syria")]) == []
    assert outbox.status(1, "a1") == "pending"
    assert hmeimim1.muted is False


async def test_a_subscription_muted_while_its_batch_is_decided_gets_nothing(
    tmp_path: Path,
) -> None:
    alerts, chats, outbox = service(tmp_path, Now())
    subs = wired(alerts, chats)
    read, go_on = threading.Event(), threading.Event()
    real = chats.subscriptions_by_id

    def slow_read(ids: Iterable[int]) -> dict[int, Subscription]:
        found = real(ids)  # the state before the mute below
        read.set()
        go_on.wait(10)
        return found

    chats.subscriptions_by_id = slow_read  # type: ignore[method-assign]  # this store's, slowed
    hmeimim1, _ = chats.subscriptions(1)
    batch = asyncio.create_task(alerts.on_new_stories([article(1, "Planes leave Hmeimim")]))
    assert await asyncio.to_thread(read.wait, 10)
    subs.set_muted(1, hmeimim1.id, True)  # decided as unmuted, muted before it is stored
    go_on.set()
    added = await batch
    assert [e.chat_id for e in added] == [2]
    assert outbox.status(1, "a1") is None
    assert [e.key for e in outbox.unsent()] == [(2, "a1")]


class ReadExplanations:
    """The real SubscriptionIndex, noting the keys of the matches whose explanation (the
    matched terms) the pipeline reads."""

    def __init__(self, index: SubscriptionIndex) -> None:
        self.index = index
        self.explained: list[int] = []

    def match(self, doc: Document) -> list[NotedMatch]:
        return [NotedMatch(m, self.explained) for m in self.index.match(doc)]


@dataclass(frozen=True)
class NotedMatch:
    match: Match
    explained: list[int]

    @property
    def key(self) -> int:
        return self.match.key

    @property
    def terms(self) -> tuple[MatchedTerm, ...]:
        self.explained.append(self.match.key)
        return self.match.terms


async def test_only_the_matches_that_become_alerts_are_explained(tmp_path: Path) -> None:
    # Issue 9: finding matches is the index's fast path; working out the matched terms
    # costs more and is done only for the matches that become alerts.
    chats = MemoryChatStore(clock=lambda: T0 - timedelta(hours=1))
    outbox = JsonOutbox(tmp_path / "newsbot.outbox.json", fsync=False)
    sender = Sender(outbox=outbox, chats=chats, notifier=NoNotifier(), offload=False)
    index = SubscriptionIndex()
    alerting = chats.add_subscription(1, "Kyiv")
    muted = chats.add_subscription(2, "Kyiv")
    chats.set_muted(2, muted.id, True)
    paused = chats.add_subscription(3, "kyiv OR Lviv")
    chats.save_chat(Chat(id=3, paused=True))
    for sub in (alerting, muted, paused):
        index.add(sub.id, parse_query(sub.query))
    spy = ReadExplanations(index)
    alerts = AlertService(
        index=spy, prepare=prepare, chats=chats, outbox=outbox, sender=sender, clock=Now()
    )
    added = await alerts.on_new_stories([article(1, "Shelling of Kiev overnight")])
    assert [(e.chat_id, e.terms) for e in added] == [(1, ("Kiev → Kyiv",))]
    assert sorted(m.key for m in index.match(prepare(article(1, "Kiev")))) == [
        alerting.id,
        muted.id,
        paused.id,
    ]  # all three matched the story
    assert spy.explained == [alerting.id]  # only the alert's match was explained
