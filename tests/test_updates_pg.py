"""Webhook updates across instances on a real PostgreSQL: each update_id handled once,
whichever instance Telegram's (re)delivery reaches (storage/postgres/updates.py,
bot/ops/updates.py SharedUpdates).

Each "instance" is a Database pool of its own on the test's database, as two `newsbot run`
processes behind one load balancer would have.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from datetime import timedelta
from functools import partial

import psycopg
import pytest

from bot.ops.updates import Claim, SharedUpdates, UpdateBusy
from storage.postgres.pool import Database
from storage.postgres.updates import PgUpdateClaims
from tests.test_postgres import together


@pytest.fixture
def instance(pg_url: str) -> Iterator[Callable[..., PgUpdateClaims]]:
    opened: list[PgUpdateClaims] = []

    def start(**options: timedelta) -> PgUpdateClaims:
        opened.append(PgUpdateClaims(Database(pg_url, max_size=2), **options))
        return opened[-1]

    yield start
    for claims in opened:
        claims.close()


class Handling:
    """A handler that counts its runs and, when `gate` is given, waits for it to open."""

    def __init__(self, gate: asyncio.Event | None = None, *, fail: bool = False) -> None:
        self.runs = 0
        self.started = asyncio.Event()
        self.gate, self.fail = gate, fail

    async def __call__(self) -> None:
        self.runs += 1
        self.started.set()
        if self.gate is not None:
            await self.gate.wait()
        if self.fail:
            raise RuntimeError("handler failed")


def test_two_instances_claiming_the_same_updates_together_win_each_once(
    instance: Callable[..., PgUpdateClaims],
) -> None:
    a, b = instance(), instance()
    for update_id in range(1, 41):
        results = together(partial(a.claim, update_id), partial(b.claim, update_id))
        assert sorted(r.value for r in results) == ["handling", "won"], update_id


async def test_the_same_update_on_two_instances_concurrently_is_handled_once(
    instance: Callable[..., PgUpdateClaims],
) -> None:
    first, second = SharedUpdates(instance(), poll=0.01), SharedUpdates(instance(), poll=0.01)
    gate = asyncio.Event()
    handler = Handling(gate)
    one = asyncio.create_task(first.run_once(7, handler))
    other = asyncio.create_task(second.run_once(7, handler))
    await asyncio.wait_for(handler.started.wait(), 10)
    await asyncio.sleep(0.05)  # the repeat looks at the claim a few times meanwhile
    assert not other.done()  # it waits for the first instead of answering "done"
    gate.set()
    results = await asyncio.wait_for(asyncio.gather(one, other), 10)
    assert sorted(results) == [False, True]
    assert handler.runs == 1
    # And a later delivery to either instance is answered at once, not handled.
    assert await first.run_once(7, handler) is False
    assert await second.run_once(7, handler) is False
    assert handler.runs == 1


async def test_a_repeat_while_another_instance_is_still_handling_is_busy(
    instance: Callable[..., PgUpdateClaims],
) -> None:
    first, second = SharedUpdates(instance()), SharedUpdates(instance(), wait=0)
    gate = asyncio.Event()
    handler = Handling(gate)
    one = asyncio.create_task(first.run_once(8, handler))
    await asyncio.wait_for(handler.started.wait(), 10)
    with pytest.raises(UpdateBusy, match="update 8 is being handled by another instance"):
        await second.run_once(8, handler)
    gate.set()
    assert await asyncio.wait_for(one, 10) is True
    assert await second.run_once(8, handler) is False
    assert handler.runs == 1


async def test_a_handler_that_raised_releases_the_claim_for_the_redelivery(
    instance: Callable[..., PgUpdateClaims],
) -> None:
    first, second = SharedUpdates(instance()), SharedUpdates(instance(), wait=0)
    with pytest.raises(RuntimeError, match="handler failed"):
        await first.run_once(9, Handling(fail=True))
    redelivered = Handling()
    assert await second.run_once(9, redelivered) is True
    assert redelivered.runs == 1


def test_a_claim_abandoned_by_a_dead_instance_is_taken_over_once_stale(
    instance: Callable[..., PgUpdateClaims],
) -> None:
    died = instance()
    assert died.claim(10) is Claim.WON  # and its instance dies before finishing
    assert instance().claim(10) is Claim.HANDLING  # soon after: still its claim
    assert instance(stale=timedelta(0)).claim(10) is Claim.WON  # once stale: taken over


def test_claims_older_than_a_day_are_pruned(
    instance: Callable[..., PgUpdateClaims], pg_url: str
) -> None:
    claims = instance()
    for update_id in (1, 2, 3):
        assert claims.claim(update_id) is Claim.WON
        claims.finish(update_id)
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute(
            "UPDATE handled_updates SET at = now() - interval '25 hours' WHERE update_id < 3"
        )
    assert claims.prune() == 2
    assert claims.claim(3) is Claim.DONE
    assert claims.claim(1) is Claim.WON  # forgotten: Telegram no longer redelivers it
