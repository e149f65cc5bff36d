"""Races on one PostgreSQL outbox (tests/postgres.py): a withdrawal racing the sender's
claims, and senders of several instances, fenced by the sender role."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from bot.models import Hit, OutboxEntry, Story
from storage.postgres.outbox import PgOutbox
from storage.postgres.pool import Database
from storage.postgres.roles import SENDER_LOCK, AdvisoryLock
from tests.test_roles import terminate

T0 = datetime(2024, 12, 14, 13, 20, tzinfo=UTC)
Key = tuple[int, str]


def entry(chat: int, story: str) -> OutboxEntry:
    return OutboxEntry(
        chat_id=chat,
        story=Story(id=story, article_id=story, title=story, url=f"https://x.example/{story}"),
        hits=(Hit(1, "q", ("q",)),),
        created=T0,
    )


@pytest.fixture
def instances(pg_url: str) -> Iterator[list[Database]]:
    """Two instances' pools on one database."""
    dbs = [Database(pg_url, max_size=4), Database(pg_url, max_size=4)]
    yield dbs
    for db in dbs:
        db.close()


def test_a_withdrawal_racing_a_send_ends_each_entry_sent_or_withdrawn(
    instances: list[Database],
) -> None:
    sender_box, user_box = PgOutbox(instances[0]), PgOutbox(instances[1])
    chats, stories = range(40), [f"s{n}" for n in range(5)]
    sender_box.enqueue([entry(c, s) for c in chats for s in stories])
    claimed: list[Key] = []
    withdrawn: list[Key] = []
    start = threading.Barrier(2)

    def send() -> None:  # the sender: one message per chat at a time, claimed then marked
        start.wait()
        for story in stories:
            for chat in chats:
                got = sender_box.claim([(chat, story)])
                claimed.extend(got)
                sender_box.mark(got, status="sent", at=T0)

    def unsubscribe() -> None:  # /unsubscribe in every chat, meanwhile
        start.wait()
        for chat in reversed(chats):
            withdrawn.extend(e.key for e in user_box.withdraw(chat, 1, at=T0))

    threads = [threading.Thread(target=send), threading.Thread(target=unsubscribe)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    every = {(c, s) for c in chats for s in stories}
    assert not set(claimed) & set(withdrawn)  # never both
    assert set(claimed) | set(withdrawn) == every  # each one or the other
    for key in every:
        assert sender_box.status(*key) == ("sent" if key in claimed else "withdrawn")
    # A late mark (a sender that lost track) never turns a withdrawn entry into a sent one.
    sender_box.mark(withdrawn, status="sent", at=T0)
    assert {sender_box.status(*k) for k in withdrawn} <= {"withdrawn"}


def test_only_the_role_holder_claims_and_a_takeover_repeats_only_what_was_in_flight(
    instances: list[Database], pg_url: str
) -> None:
    roles = [AdvisoryLock(db, SENDER_LOCK, name=f"sender {n}") for n, db in enumerate(instances)]
    boxes = [PgOutbox(db) for db in instances]
    for role, box in zip(roles, boxes, strict=True):
        box.fence_with(role)
    boxes[0].enqueue([entry(c, "s1") for c in range(3)])

    assert roles[0].acquire()
    assert not roles[1].acquire()
    assert boxes[1].claim([(0, "s1")]) == []  # the standby claims nothing
    assert boxes[0].claim([(0, "s1")]) == [(0, "s1")]
    boxes[0].mark([(0, "s1")], status="sent", at=T0)
    assert boxes[0].claim([(1, "s1")]) == [(1, "s1")]  # in flight when its instance dies

    assert roles[0].pid is not None
    terminate(pg_url, roles[0].pid)  # kill -9 / network loss: the session ends
    # Before it notices, the old holder's claims already come to nothing (fenced).
    assert boxes[0].claim([(2, "s1")]) == []
    assert roles[1].acquire()
    assert boxes[1].requeue_sending() == 1  # (1, "s1"): Telegram may or may not have it
    assert boxes[1].claim([(1, "s1"), (2, "s1")]) == [(1, "s1"), (2, "s1")]
    assert boxes[1].claim([(0, "s1")]) == []  # what was sent is never sent again
    assert not roles[0].check()
    roles[1].release()


def test_two_instances_contending_for_the_role_claim_each_entry_once(
    instances: list[Database],
) -> None:
    roles = [AdvisoryLock(db, SENDER_LOCK, name=f"sender {n}") for n, db in enumerate(instances)]
    boxes = [PgOutbox(db) for db in instances]
    for role, box in zip(roles, boxes, strict=True):
        box.fence_with(role)
    keys = [(c, f"s{s}") for s in range(4) for c in range(50)]
    boxes[0].enqueue([entry(*k) for k in keys])
    sent: list[list[Key]] = [[], []]
    start = threading.Barrier(2)

    def instance(n: int) -> None:
        start.wait()
        for _ in range(3):  # each instance hands the role on twice, midway
            if not roles[n].acquire():
                continue
            boxes[n].requeue_sending()
            for key in [e.key for e in boxes[n].unsent()][:70]:
                got = boxes[n].claim([key])
                sent[n].extend(got)
                boxes[n].mark(got, status="sent", at=T0)
            roles[n].release()

    threads = [threading.Thread(target=instance, args=(n,)) for n in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for n in range(2):  # whoever is left finishes
        if roles[n].acquire():
            for key in [e.key for e in boxes[n].unsent()]:
                got = boxes[n].claim([key])
                sent[n].extend(got)
                boxes[n].mark(got, status="sent", at=T0)
            roles[n].release()
    assert sorted(sent[0] + sent[1]) == sorted(keys)  # every entry once, by one of them
