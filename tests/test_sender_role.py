"""One sender at a time: the sender sends only while it holds the sender role, stands by
without it, takes over what its predecessor had in flight, and stops at once when the role
is lost (a fake role on a virtual clock; then two senders on one PostgreSQL database)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest

from bot.alerts.sender import ROLE_CHECK, Sender
from storage.postgres import open_stores
from storage.postgres.outbox import PgOutbox
from tests.senders import FakeNotifier, FakeRole, entry, make_rig, recorded_sender, until, wait_for
from tests.test_roles import terminate


async def test_a_standby_sends_nothing_then_takes_over_and_resends_what_was_in_flight() -> None:
    role = FakeRole(free=False)
    rig = make_rig(role=role)
    rig.outbox.enqueue([entry(1, 1), entry(2, 1), entry(3, 1)])
    rig.outbox.claim([(2, "s1")])  # in flight at the previous sender when it died
    await rig.sender.start()
    await rig.clock.sleep(10)
    await until(lambda: role.acquires >= 3)  # it keeps trying (every STANDBY_RETRY)
    assert rig.notifier.sent == []
    assert not rig.sender.role_held

    role.free = True  # the holder's session ended
    await until(lambda: len(rig.notifier.sent) == 3)
    assert rig.sender.role_held
    assert sorted(s.chat_id for s in rig.notifier.sent) == [1, 2, 3]  # chat 2's: once more
    assert {rig.outbox.status(c, "s1") for c in (1, 2, 3)} == {"sent"}
    await rig.sender.stop()
    assert not role.held  # given up at stop: another instance takes over at once


async def test_a_lost_role_stops_the_sending_at_once() -> None:
    role = FakeRole(free=True)
    rig = make_rig(role=role)
    rig.outbox.enqueue([entry(chat, 1) for chat in range(1, 301)])  # 10 s at 30 a second
    await rig.sender.start()
    await until(lambda: len(rig.notifier.sent) >= 60)
    role.lose()
    lost_at, started = rig.clock.t, len(rig.notifier.attempts)
    await rig.clock.sleep(30)
    await until(lambda: not rig.sender._tasks)
    # Only sends already started (in flight) finished; none began after the loss.
    assert all(at <= lost_at for at, _ in rig.notifier.attempts)
    assert len(rig.notifier.attempts) == started
    assert not rig.sender.role_held
    assert len(rig.outbox.unsent()) == 300 - len(rig.notifier.sent)  # the rest waits for the next
    await rig.sender.stop()


async def test_the_holder_checks_its_role_every_second_or_so() -> None:
    role = FakeRole(free=True)
    rig = make_rig(role=role)
    await rig.sender.start()
    await until(lambda: rig.sender.role_held)
    for _ in range(10):
        await rig.clock.sleep(ROLE_CHECK)
    assert 5 <= role.checks <= 11  # idle, it still looks (a lost role is noticed)
    await rig.sender.stop()


async def test_the_embedded_sender_needs_no_role_and_never_checks() -> None:
    rig = make_rig()
    rig.outbox.enqueue([entry(1, 1)])
    await rig.sender.drain()
    assert [s.chat_id for s in rig.notifier.sent] == [1]
    assert rig.sender.role_held


# -- two instances on one PostgreSQL database ------------------------------------------------


@pytest.fixture
def two_instances(pg_url: str) -> Iterator[list[tuple[Sender, FakeNotifier, PgOutbox]]]:
    made = []
    stores = []
    for _ in range(2):
        pg = open_stores(pg_url)
        stores.append(pg)
        sender, recorder = recorded_sender(pg)
        made.append((sender, recorder, pg.outbox))
    yield made
    for pg in stores:
        pg.close_unused()


async def test_two_senders_on_one_database_only_one_sends_and_the_other_takes_over(
    two_instances: list[tuple[Sender, FakeNotifier, PgOutbox]], pg_url: str
) -> None:
    (first, first_sent, outbox), (second, second_sent, _) = two_instances
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

    story2 = [s.chat_id for s in first_sent.sent + second_sent.sent if "Story 2" in s.text]
    assert sorted(set(story2)) == list(range(1, 201))  # every chat got story 2
    assert {outbox.status(c, "s2") for c in range(1, 201)} == {"sent"}
    assert second_sent.sent  # the standby took over and sent the rest
    # Repeats only of what was in flight at the kill: at most one message per such chat.
    repeated = [c for c in set(story2) if story2.count(c) > 1]
    assert all(story2.count(c) == 2 for c in repeated)
    assert set(repeated) <= in_flight
