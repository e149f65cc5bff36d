"""One sender at a time: the sender sends only while it holds the sender role, stands by
without it, takes over what its predecessor had in flight, and stops at once when the role
is lost (a fake role on a virtual clock; then two senders on one PostgreSQL database)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest

from bot.alerts.sender import ROLE_CHECK, Limits, Sender
from storage.memory import MemoryChatStore
from storage.outbox_sqlite import SqliteOutbox
from tests.senders import FakeNotifier, FakeRole, Recorder, VirtualClock, entry, until, wait_for
from tests.test_roles import terminate


def make(role: FakeRole) -> tuple[VirtualClock, FakeNotifier, SqliteOutbox, Sender]:
    clock = VirtualClock()
    notifier = FakeNotifier(clock)
    outbox = SqliteOutbox(None, fsync=False)
    sender = Sender(
        outbox=outbox,
        chats=MemoryChatStore(clock=clock.now),
        notifier=notifier,
        clock=clock,
        offload=False,
        role=role,
    )
    return clock, notifier, outbox, sender


async def test_a_standby_sends_nothing_then_takes_over_and_resends_what_was_in_flight() -> None:
    role = FakeRole(free=False)
    clock, notifier, outbox, sender = make(role)
    outbox.enqueue([entry(1, 1), entry(2, 1), entry(3, 1)])
    outbox.claim([(2, "s1")])  # in flight at the previous sender when it died
    await sender.start()
    await clock.sleep(10)
    await until(lambda: role.acquires >= 3)  # it keeps trying (every STANDBY_RETRY)
    assert notifier.sent == []
    assert not sender.role_held

    role.free = True  # the holder's session ended
    await until(lambda: len(notifier.sent) == 3)
    assert sender.role_held
    assert sorted(s.chat_id for s in notifier.sent) == [1, 2, 3]  # chat 2's: once more
    assert {outbox.status(c, "s1") for c in (1, 2, 3)} == {"sent"}
    await sender.stop()
    assert not role.held  # given up at stop: another instance takes over at once


async def test_a_lost_role_stops_the_sending_at_once() -> None:
    role = FakeRole(free=True)
    clock, notifier, outbox, sender = make(role)
    outbox.enqueue([entry(chat, 1) for chat in range(1, 301)])  # 10 s at 30 a second
    await sender.start()
    await until(lambda: len(notifier.sent) >= 60)
    role.lose()
    lost_at, started = clock.t, len(notifier.attempts)
    await clock.sleep(30)
    await until(lambda: not sender._tasks)
    # Only sends already started (in flight) finished; none began after the loss.
    assert all(at <= lost_at for at, _ in notifier.attempts)
    assert len(notifier.attempts) == started
    assert not sender.role_held
    assert len(outbox.unsent()) == 300 - len(notifier.sent)  # the rest waits for the next
    await sender.stop()


async def test_the_holder_checks_its_role_every_second_or_so() -> None:
    role = FakeRole(free=True)
    clock, _, _, sender = make(role)
    await sender.start()
    await until(lambda: sender.role_held)
    for _ in range(10):
        await clock.sleep(ROLE_CHECK)
    assert 5 <= role.checks <= 11  # idle, it still looks (a lost role is noticed)
    await sender.stop()


async def test_the_embedded_sender_needs_no_role_and_never_checks() -> None:
    clock = VirtualClock()
    notifier = FakeNotifier(clock)
    outbox = SqliteOutbox(None, fsync=False)
    sender = Sender(
        outbox=outbox,
        chats=MemoryChatStore(clock=clock.now),
        notifier=notifier,
        clock=clock,
        offload=False,
    )
    outbox.enqueue([entry(1, 1)])
    await sender.drain()
    assert [s.chat_id for s in notifier.sent] == [1]
    assert sender.role_held


# -- two instances on one PostgreSQL database ------------------------------------------------


@pytest.fixture
def two_instances(pg_url: str) -> Iterator[list[tuple[Sender, Recorder, object]]]:
    from storage.postgres import open_stores

    made = []
    stores = []
    for _ in range(2):
        pg = open_stores(pg_url)
        stores.append(pg)
        recorder = Recorder()
        sender = Sender(
            outbox=pg.outbox,
            chats=pg.chats,
            notifier=recorder,
            role=pg.outbox.sender_role(),
            limits=Limits(overall=200),  # quicker than Telegram's 30/s; the same logic
        )
        made.append((sender, recorder, pg.outbox))
    yield made
    for pg in stores:
        pg.close_unused()


async def test_two_senders_on_one_database_only_one_sends_and_the_other_takes_over(
    two_instances: list[tuple[Sender, Recorder, object]], pg_url: str
) -> None:
    (first, first_sent, outbox), (second, second_sent, _) = two_instances
    from storage.postgres.outbox import PgOutbox

    assert isinstance(outbox, PgOutbox)
    await first.start()
    await wait_for(lambda: first.role_held)
    await second.start()
    outbox.enqueue([entry(chat, 1) for chat in range(1, 41)])
    first.wake()
    second.wake()
    await wait_for(lambda: len(first_sent.sent) == 40)
    await asyncio.sleep(3 * ROLE_CHECK)  # the standby kept trying meanwhile
    assert second_sent.sent == []
    assert not second.role_held

    # The holder's instance dies mid-burst (kill -9): its tasks end where they are, nothing
    # more is marked, and the server ends its database session.
    outbox.enqueue([entry(chat, 2) for chat in range(1, 201)])
    first.wake()
    await wait_for(lambda: len(first_sent.sent) >= 60)
    in_flight = {c for c in first._busy}
    pid = getattr(first._role, "pid", None)
    assert pid is not None
    assert first._runner is not None
    for task in [first._runner, *first._tasks]:
        task.cancel()
    await asyncio.gather(first._runner, *first._tasks, return_exceptions=True)
    terminate(pg_url, pid)
    await wait_for(lambda: second.role_held)
    await wait_for(lambda: outbox.unsent() == [])
    await second.stop()
    first._role.release()  # (the dead instance's connection, closed for the test's sake)

    story2 = [c for c, html in first_sent.sent + second_sent.sent if "Story 2" in html]
    assert sorted(set(story2)) == list(range(1, 201))  # every chat got story 2
    assert {outbox.status(c, "s2") for c in range(1, 201)} == {"sent"}
    assert second_sent.sent  # the standby took over and sent the rest
    # Repeats only of what was in flight at the kill: at most one message per such chat.
    repeated = [c for c in set(story2) if story2.count(c) > 1]
    assert all(story2.count(c) == 2 for c in repeated)
    assert set(repeated) <= in_flight
