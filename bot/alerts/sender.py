"""The sender: drains the outbox to Telegram within its flood limits, exactly once per alert.

It depends on a small `Notifier` protocol (the PTB adapter is handlers/notifier.py) and
marks an entry sent only after Telegram accepted it. A Notifier raises the DeliveryError
subclasses of bot.errors (drawn there with the whole tree).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any, TypeVar

from bot.alerts.clock import Clock as Clock  # (the bot imports these three from here)
from bot.alerts.clock import Notifier as Notifier
from bot.alerts.clock import SystemClock as SystemClock
from bot.alerts.decide import BURST_SIZE, Backlog, DeliveryKind, plan_chat
from bot.alerts.format import Look, Message, format_plan
from bot.alerts.limits import Limits, LocalPacer, Pacer, RateLimiter, Slot, Ticket
from bot.alerts.readahead import ReadAhead
from bot.errors import (
    Blocked,
    ChatMoved,
    Rejected,
    RetryLater,
    TransientError,
    Uncertain,
)
from bot.models import UNSENT, Chat, OutboxEntry, OutboxStatus
from storage.base import ChatStore, OutboxStore, Role
from storage.lock import SoleRole

log = logging.getLogger(__name__)

Key = tuple[int, str]
# _next_message's answer when the chat's entries were not read ahead: look again at once.
_UNREAD = datetime.min.replace(tzinfo=UTC)
_T = TypeVar("_T")

MAX_IN_FLIGHT = 64  # concurrent sends: enough to reach 30/s even with slow round trips
BLOCKED_ATTEMPTS = 2  # a chat answering 403 this many times in a row is marked inactive
BLOCKED_RETRY_SECONDS = 1.0
BACKOFF_FIRST = 1.0
BACKOFF_MAX = 60.0
# A 429 delays only its chat, unless 429s for this many different chats come within
# FLOOD_WINDOW seconds: that is Telegram's limit over all chats, and everyone waits as told.
FLOOD_CHATS = 2
FLOOD_WINDOW = 2.0
# One sender at a time over all instances (storage.base.Role): without the role an
# instance stands by and tries to take it this often; with it, it makes sure it still
# holds it this often (and before sending after a pause), and stops at once when not.
STANDBY_RETRY = 2.0
ROLE_CHECK = 1.0
BACKLOG_CHECK = 5.0  # seconds between looks at the queue's size (bot.alerts.decide.Backlog)


@dataclass(slots=True)
class _ChatState:
    """What the sender remembers about one chat between attempts (in memory only); dropped
    again once a send to it succeeded and nothing is left to remember."""

    retry_at: float = 0.0  # monotonic time before which nothing is sent to it
    failures: int = 0  # consecutive transient failures (for the backoff)
    blocked: int = 0  # consecutive 403 answers
    plain: frozenset[Key] = frozenset()  # keys whose HTML was rejected: send them as text

    def forgettable(self, now: float) -> bool:
        return not (self.failures or self.blocked or self.plain) and self.retry_at <= now


@dataclass(slots=True)
class _Planned:
    """A chat's backlog, planned and formatted once, sent message by message."""

    messages: deque[Message]
    withdrawals: int  # the chat's withdrawal count when planned (a change voids the plan)
    look: Look  # the chat's time zone and previews when formatted (a change, too)


@dataclass(frozen=True, slots=True)
class DeliveryStats:
    """Counters for logs and benchmarks."""

    sent: int
    retried_after: int
    blocked_chats: int
    migrated: int
    failed: int
    uncertain: int = 0  # sends whose answer never came, counted as delivered


class Sender:
    """Drains the outbox: plans each chat's messages, keeps the limits, handles errors.

    One message per chat is in flight at a time, and the next one to that chat waits
    until the previous one is durably marked sent: a crash can repeat at most the one
    message that was being sent to each chat, and never loses one.
    """

    def __init__(
        self,
        *,
        outbox: OutboxStore,
        chats: ChatStore,
        notifier: Notifier,
        clock: Clock | None = None,
        limits: Limits | None = None,
        max_in_flight: int = MAX_IN_FLIGHT,
        offload: bool = True,
        role: Role | None = None,
        on_role: Callable[[bool], None] = lambda held: None,
        pacer: Pacer | None = None,
    ) -> None:
        self._outbox = outbox
        # The embedded store's one process always holds the role: nothing to check.
        self._role: Role = role if role is not None else SoleRole()
        self._role_check = None if role is None or isinstance(role, SoleRole) else ROLE_CHECK
        self._checked_at = 0.0
        self._taken = False  # the role was taken (and the outbox's in-flight entries requeued)
        self._on_role = on_role  # told each time the role is taken or lost (the metrics)
        self._burst = BURST_SIZE  # BACKLOG_BURST while the queue is a backlog
        self._backlog_at = float("-inf")  # when to look at the queue's size again
        self._chats = chats
        self._notifier = notifier
        self._clock = clock or SystemClock()
        self.limiter = RateLimiter(limits or Limits())
        # Every message's slot under the bot-wide limits (shared by every instance on
        # PostgreSQL); without one, the limiter above counts the whole bot's messages.
        self.pacer: Pacer = pacer or LocalPacer(self.limiter, self._clock.monotonic)
        self._max_in_flight = max_in_flight
        self._offload = offload  # write marks in a thread (False: inline, for virtual clocks)
        self._wake = asyncio.Event()
        self._busy: set[int] = set()
        self._tasks: set[asyncio.Task[None]] = set()
        self._state: dict[int, _ChatState] = {}
        self._paused_until = 0.0  # after a flood of 429s, nothing is sent before this
        self._recent_429: deque[tuple[float, int]] = deque()  # (monotonic time, chat id)
        self._stopping = False
        self._runner: asyncio.Task[None] | None = None
        self._marks: list[tuple[Sequence[Key], str, asyncio.Future[None]]] = []
        self._mark_lock = asyncio.Lock()
        # Accepted by Telegram (or given up), not yet durably marked: never sent again by
        # this process, and written again with the next mark if writing it failed. Only
        # this, not every key ever sent, is kept: the outbox remembers what was sent.
        self._unmarked: dict[Key, str] = {}
        self._planned: dict[int, _Planned] = {}
        # Bumped when a chat's queued alerts are withdrawn: a message planned before that
        # is not sent (it may list a muted term or a story nobody wants any more).
        self._withdrawals: dict[int, int] = {}
        self._sent = self._retried = self._blocked = self._migrated = self._failed = 0
        self._uncertain = 0
        self._ahead = ReadAhead(outbox, chats, self._clock.monotonic)  # run()'s reads

    # --- lifecycle ----------------------------------------------------------------------

    def wake(self) -> None:
        """New entries are in the outbox (or a chat changed): look again now."""
        self._ahead.invalidate()
        self._wake.set()

    async def start(self) -> None:
        """Run the sender in the background until `stop()`."""
        if self._runner is None:
            self._stopping = False
            self._runner = asyncio.create_task(self.run(), name="alert-sender")

    @property
    def role_shared(self) -> bool:
        """Whether several instances share the sender role (else this one always has it)."""
        return self._role_check is not None

    @property
    def role_held(self) -> bool:
        """Whether this instance holds the sender role (and sends)."""
        return self._taken and self._role.held

    async def stop(self, *, grace: float = 10.0) -> None:
        """Stop dispatching, let in-flight sends finish and be marked, give the role up
        (another instance takes over at once), then return."""
        self._stopping = True
        self._wake.set()
        if self._runner is not None:
            runner, self._runner = self._runner, None
            with contextlib.suppress(asyncio.CancelledError):
                await runner
        if self._tasks:
            await asyncio.wait(set(self._tasks), timeout=grace)
        # Sends still hanging are abandoned unmarked: they go again after a restart.
        for task in list(self._tasks):
            task.cancel()
        if self._tasks:
            await asyncio.wait(set(self._tasks))
        await self._offloaded(self._role.release)  # held or not (Role.release)
        if self._taken:
            self._taken = False
            self._on_role(False)
        await self.pacer.close()

    async def run(self) -> None:
        """Dispatch while holding the sender role, stand by without it, until stopped."""
        while not self._stopping:
            self._wake.clear()
            try:
                if not await self._hold_role():
                    await self._idle(STANDBY_RETRY)
                    continue
                delay = await self._dispatch_ahead()
            except Exception:  # a store failure must not kill the sender: try again soon
                log.exception("alert sender: dispatch failed")
                delay = BACKOFF_FIRST
            if self._role_check is not None:  # wake up to check the role now and then
                delay = self._role_check if delay is None else min(delay, self._role_check)
            await self._idle(delay)

    async def _hold_role(self) -> bool:
        """Whether this instance holds the sender role now: checked every ROLE_CHECK
        seconds, taken when free. Taking it over requeues what the previous holder had
        in flight (storage.base.OutboxStore.requeue_sending)."""
        mono = self._clock.monotonic()
        if self._taken and self._role.held:
            if self._role_check is None or mono - self._checked_at < self._role_check:
                return True
            self._checked_at = mono
            if await self._offloaded(self._role.check):
                return True
        if self._taken:  # lost: whatever was planned may be sent by the next holder
            log.warning("alert sender: the sender role was lost; standing by")
            self._taken = False
            self._planned.clear()
            self._on_role(False)
        if not await self._offloaded(self._role.acquire):
            return False
        requeued = await self._offloaded(self._outbox.requeue_sending)
        if requeued:
            log.warning(
                "alert sender: took the role over; %d alerts the previous sender had in"
                " flight go again (Telegram may or may not have them)",
                requeued,
            )
        self._taken, self._checked_at = True, self._clock.monotonic()
        self._planned.clear()
        self._on_role(True)
        return True

    async def _offloaded(self, call: Callable[[], _T]) -> _T:
        """A blocking store or role call, in a thread (inline for virtual clocks)."""
        return await asyncio.to_thread(call) if self._offload else call()

    async def _idle(self, seconds: float | None) -> None:
        if self._wake.is_set():
            return
        waiters: set[asyncio.Future[Any]] = {asyncio.ensure_future(self._wake.wait())}
        if seconds is not None:
            waiters.add(asyncio.ensure_future(self._clock.sleep(max(seconds, 0.0))))
        try:
            await asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for waiter in waiters:
                waiter.cancel()

    async def drain(self, *, limit: float = 60.0) -> None:
        """Send everything that is due now, then return (for tests, tools and shutdown)."""
        deadline = self._clock.monotonic() + limit
        if not await self._hold_role():
            return  # another instance sends
        while self._clock.monotonic() < deadline:
            delay = self.dispatch()
            if not self._tasks and (delay is None or not self._due_now()):
                return
            if self._tasks:
                await asyncio.wait(set(self._tasks), return_when=asyncio.FIRST_COMPLETED)
            elif delay is not None:
                await self._clock.sleep(delay)

    def _due_now(self) -> bool:
        now = self._clock.now()
        for chat_id in self._outbox.unsent_chats():
            if self._planned.get(chat_id):
                return True
            chat = self._chat(chat_id)
            if chat is None:
                return True
            plan = plan_chat(chat, self._entries(chat_id), now, burst=self._burst)
            if plan.kind != DeliveryKind.WAIT:
                return True
        return False

    @property
    def remembered(self) -> int:
        """How many things the sender keeps in memory (chats' states and limits, plans,
        unmarked keys): bounded by the chats with work or sent to in the last minute and
        the sends in flight, not by what was ever sent."""
        return len(self._state) + len(self._planned) + len(self._unmarked) + len(self.limiter)

    @property
    def stats(self) -> DeliveryStats:
        return DeliveryStats(
            self._sent, self._retried, self._blocked, self._migrated, self._failed, self._uncertain
        )

    # --- dispatching --------------------------------------------------------------------

    async def _dispatch_ahead(self) -> float | None:
        """dispatch(), its reads made first in a thread (bot.alerts.readahead): the loop
        keeps sending meanwhile, and a dispatch itself waits on nothing."""
        if not self._role.held:
            return None
        mono = self._clock.monotonic()
        if self._ahead.queue_due(mono):
            self._ahead.set_queue(await self._offloaded(self._ahead.read_queue), mono)
        if mono >= self._backlog_at:
            self._backlog_at = mono + BACKLOG_CHECK
            self._look_at_backlog(await self._offloaded(self._outbox.unsent_counts))
        picked, stale = self._ahead.pick(mono, self._waits, self._delayed)
        heads = {
            c: p.messages[0].keys for c in picked if (p := self._planned.get(c)) and p.messages
        }
        withdrawals = {c: self._withdrawals.get(c, 0) for c in picked}
        view = await self._offloaded(lambda: self._ahead.read(picked, stale, heads))
        self._ahead.remember(view)
        # A withdrawal while reading: what was read for that chat may list it. Read again.
        view.read.difference_update(
            c for c, n in withdrawals.items() if self._withdrawals.get(c, 0) != n
        )
        self._ahead.view = view
        try:
            return self.dispatch(self._ahead.queue)
        finally:
            self._ahead.view = None

    def _entries(self, chat_id: int) -> list[OutboxEntry]:
        """The chat's entries waiting to be sent (not in flight, not sent unmarked)."""
        return [
            e
            for e in self._ahead.entries(chat_id)
            if e.key not in self._unmarked and e.status != OutboxStatus.SENDING
        ]

    def _next_message(self, chat: Chat, now: datetime) -> Message | datetime | None:
        """The chat's next message: from its plan if that still holds, else planned anew
        (the whole backlog formatted once). A datetime: wait until then; None: nothing."""
        planned = self._planned.get(chat.id)
        if planned is not None:
            head = planned.messages[0] if planned.messages else None
            if (
                head is not None
                and planned.withdrawals == self._withdrawals.get(chat.id, 0)
                and planned.look == Look.of(chat)
                and all(self._ahead.status(key) in UNSENT for key in head.keys)
                and not any(key in self._unmarked for key in head.keys)
            ):
                return head
            # Sent, withdrawn, deleted or moved, or /settings changed its look: plan again.
            del self._planned[chat.id]
            if self._ahead.view is not None and chat.id not in self._ahead.view.entries:
                return _UNREAD  # its entries are read with the next read-ahead
        plan = plan_chat(chat, self._entries(chat.id), now, burst=self._burst)
        if plan.kind == DeliveryKind.WAIT:
            return plan.wait
        messages = format_plan(plan, chat)
        if not messages:
            return None
        self._planned[chat.id] = _Planned(
            deque(messages), self._withdrawals.get(chat.id, 0), Look.of(chat)
        )
        return messages[0]

    def _sent_head(self, chat_id: int, message: Message) -> None:
        planned = self._planned.get(chat_id)
        if planned is not None and planned.messages and planned.messages[0] is message:
            planned.messages.popleft()
            if not planned.messages:
                del self._planned[chat_id]

    def _waits(self, chat_id: int, mono: float) -> bool:
        return chat_id in self._busy or self._state.get(chat_id, _ChatState()).retry_at > mono

    def _delayed(self, chat: Chat, mono: float) -> bool:
        return self.limiter.chat_delay(chat.id, chat.is_group, mono) > 0

    def _chat(self, chat_id: int) -> Chat | None:
        """The chat; None: not read ahead for this dispatch though it may be sent to."""
        if (view := self._ahead.view) is None:
            return self._chats.get_chat(chat_id) or Chat(id=chat_id)
        mono = self._clock.monotonic()
        known = self._ahead.chat(chat_id, mono)
        if chat_id in view.read or (known is not None and self._delayed(known, mono)):
            return known
        fresh = self._ahead.chat(chat_id, mono, fresh=True)
        return fresh if fresh is not None and (fresh.paused or not fresh.active) else None

    def dispatch(self, queue: Sequence[int] | None = None) -> float | None:
        """Start every send allowed now; seconds until the next may be (None: none waits).
        queue: the unsent chats (default: read now); see _dispatch_ahead."""
        if not self._role.held:
            return None  # another instance sends (run() stands by)
        mono = self._clock.monotonic()
        if self._paused_until > mono:
            return self._paused_until - mono
        if mono >= self._backlog_at:
            self._backlog_at = mono + BACKLOG_CHECK
            self._look_at_backlog(self._outbox.unsent_counts())
        now = self._clock.now()
        wait: float | None = None

        def sooner(seconds: float) -> None:
            nonlocal wait
            wait = seconds if wait is None else min(wait, seconds)

        for chat_id in list(self._outbox.unsent_chats() if queue is None else queue):
            if len(self._busy) >= self._max_in_flight:
                return wait  # a finishing send wakes the dispatcher
            if chat_id in self._busy:
                continue
            if (state := self._state.get(chat_id)) is not None and state.retry_at > mono:
                sooner(state.retry_at - mono)
                continue
            if (later := self._ahead.later(chat_id, mono)) > 0:  # its plan said wait
                sooner(later)
                continue
            overall = self.limiter.overall_delay(mono)
            if overall > 0:
                sooner(overall)
                return wait
            chat = self._chat(chat_id)
            if chat is None:  # not read ahead this time: at once with the next read-ahead
                sooner(0.0)
                continue
            if chat.paused or not chat.active:
                self._planned.pop(chat_id, None)
                continue
            delay = self.limiter.chat_delay(chat.id, chat.is_group, mono)
            if delay > 0:
                sooner(delay)
                continue
            message = self._next_message(chat, now)
            if message is _UNREAD:
                sooner(0.0)
                continue
            if message is None:
                self._ahead.drop(chat_id)
            if not isinstance(message, Message):
                if message is not None:
                    sooner(self._ahead.wait(chat_id, mono, (message - now).total_seconds()))
                continue
            slots = self.limiter.start(chat.id, chat.is_group, mono)
            self._busy.add(chat_id)
            planned = self._withdrawals.get(chat_id, 0)
            task = asyncio.create_task(self._deliver(chat, message, slots, planned))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
        return wait

    @property
    def pace(self) -> float:
        """Messages a second the sender sends at most, over all chats."""
        return self.limiter.limits.overall / self.limiter.limits.overall_period

    def _look_at_backlog(self, counts: tuple[int, int]) -> None:
        """Combine each chat's alerts while the queue is a backlog (bot.alerts.decide)."""
        backlog = Backlog(*counts, self.pace)
        if backlog.burst != self._burst:
            log.info(
                "alert sender: %d alerts for %d chats (%s at %.0f/s): %s",
                backlog.entries,
                backlog.chats,
                f"{backlog.entries / self.pace:.0f} s",
                self.pace,
                "combining each chat's alerts into one message"
                if backlog.combining
                else "one message per alert again",
            )
            self._burst = backlog.burst

    # --- one send ------------------------------------------------------------------------

    async def _deliver(
        self, chat: Chat, message: Message, slots: tuple[Slot, ...], planned: int = 0
    ) -> None:
        state = self._state.setdefault(chat.id, _ChatState())
        plain = bool(state.plain.intersection(message.keys))
        claimed: list[Key] = []  # in flight: released unless marked
        pacing: asyncio.Future[Ticket] | None = None  # the bot-wide slot, asked for
        try:
            if self._withdrawals.get(chat.id, 0) != planned:
                # Withdrawn between planning and now: drop this message, plan again. (The
                # limiter still counts it: erring on the slow side is harmless.)
                return
            # pending -> sending: from here a withdrawal no longer changes these entries,
            # and no other sender takes them. Some no longer waiting (withdrawn, or the
            # role was lost): this message is not sent, what is left is planned again.
            # Its slot under the bot-wide limits is asked for meanwhile (a round trip too).
            pacing = asyncio.ensure_future(self.pacer.take(chat.id, chat.is_group, reply=False))
            claimed = await self._offloaded(lambda: self._outbox.claim(message.keys))
            if len(claimed) < len(set(message.keys)):
                self._planned.pop(chat.id, None)
                self._checked_at = float("-inf")  # a lost role claims nothing: ask at once
                return
            ticket = await pacing
            pacing = None  # handed back as soon as Telegram answered, below
            try:
                await self._notifier.send(
                    chat.id,
                    message.plain if plain else message.html,
                    buttons=list(message.buttons),
                    preview_url=None if plain else message.preview_url,
                    plain=plain,
                    thread_id=message.thread_id,
                )
            finally:
                # Telegram counted it by now: the limits count it from here, not from
                # when the outbox heard of it (a mark waits for a durable write).
                self.limiter.finish(slots, self._clock.monotonic())  # (a no-op once answered)
                self.pacer.done(ticket)
        except RetryLater as exc:
            self._retried += 1
            mono = self._clock.monotonic()
            until = mono + max(exc.seconds, 0.0)
            state.retry_at = max(state.retry_at, until)
            if self._flooded(chat.id, mono):
                # Telegram's limit over all chats: everyone waits, nobody longer than told.
                self._paused_until = max(self._paused_until, until)
                log.info("429s for several chats: pausing every chat %.1f s", exc.seconds)
            else:
                log.info("429 from Telegram for chat %s: it waits %.1f s", chat.id, exc.seconds)
        except Blocked:
            state.blocked += 1
            if state.blocked >= BLOCKED_ATTEMPTS:
                await self._deactivate(chat)
                state.blocked = 0
            else:
                state.retry_at = self._clock.monotonic() + BLOCKED_RETRY_SECONDS
        except ChatMoved as exc:
            self._release(claimed)  # they move with the chat, waiting again
            claimed = []
            await self._move(chat, exc.new_id)
        except Rejected as exc:
            if plain:
                log.warning(
                    "chat %s rejected alert %s even as plain text (%s): giving up",
                    chat.id,
                    [k[1] for k in message.keys],
                    exc.reason,
                )
                self._sent_head(chat.id, message)
                claimed = []
                await self._mark(message.keys, "failed")
                self._failed += len(message.keys)
            else:
                log.info("chat %s rejected the HTML (%s): resending as text", chat.id, exc.reason)
                state.plain = state.plain | frozenset(message.keys)
        except Uncertain as exc:
            # Sent, answer lost: maybe delivered. Not sent again (see Uncertain).
            log.warning(
                "chat %s: no answer to alert %s (%s): counted as delivered, not resent",
                chat.id,
                [k[1] for k in message.keys],
                exc,
            )
            self._uncertain += 1
            self._sent_head(chat.id, message)
            claimed = []
            await self._mark(message.keys, "sent")
        except TransientError as exc:
            state.failures += 1
            backoff = min(BACKOFF_FIRST * 2 ** (state.failures - 1), BACKOFF_MAX)
            state.retry_at = self._clock.monotonic() + backoff
            log.info("sending to chat %s failed (%s): retry in %.0f s", chat.id, exc, backoff)
        except asyncio.CancelledError:
            raise
        except Exception:  # a bug in a Notifier must not kill the sender
            log.exception("unexpected error sending to chat %s", chat.id)
            state.failures += 1
            state.retry_at = self._clock.monotonic() + BACKOFF_MAX
        else:
            state.failures = state.blocked = 0
            state.plain = state.plain - frozenset(message.keys)
            self._sent_head(chat.id, message)
            self._sent += 1
            claimed = []
            await self._mark(message.keys, "sent")
            if state.forgettable(self._clock.monotonic()):
                self._state.pop(chat.id, None)
        finally:
            self._release(claimed)  # not sent (a 429, an error, a stop): waiting again
            self.limiter.finish(slots, self._clock.monotonic())  # (a no-op once answered)
            if pacing is not None:  # not sent: the slot is handed back once it comes
                pacing.add_done_callback(self._hand_back)
            self._busy.discard(chat.id)
            self._wake.set()

    def _hand_back(self, pacing: asyncio.Future[Ticket]) -> None:
        if not pacing.cancelled() and pacing.exception() is None:
            self.pacer.done(pacing.result())

    def _release(self, keys: Sequence[Key]) -> None:
        """Claimed entries not sent go back to waiting. Inline (one conditional UPDATE; in
        memory on the embedded store), as it also runs when a stop cancels the send. If it
        fails they stay "sending" until the next takeover or restart requeues them."""
        if not keys:
            return
        try:
            self._outbox.release(keys)
        except Exception:
            log.exception("could not put back alerts %s; sent after a restart", list(keys))

    def _flooded(self, chat_id: int, now: float) -> bool:
        """Record a 429 for the chat; whether 429s for several chats came close together
        (the overall limit, not one chat's own)."""
        recent = self._recent_429
        recent.append((now, chat_id))
        while recent and recent[0][0] < now - FLOOD_WINDOW:
            recent.popleft()
        return len({chat for _, chat in recent}) >= FLOOD_CHATS

    async def _mark(self, keys: Sequence[Key], status: str) -> None:
        """Mark keys durably; concurrent marks share one write (group commit). Keys whose
        write failed stay in `_unmarked` (never sent again here) and go with the next write."""
        for key in keys:
            self._unmarked[key] = status
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._marks.append((keys, status, future))
        async with self._mark_lock:
            if not future.done():
                batch, self._marks = self._marks, []
                try:
                    await self._write_marks(batch)
                except Exception as exc:
                    # Telegram has the message: never send it again from this process.
                    log.exception("could not record sent alerts; they stay pending on disk")
                    for *_, waiting in batch:
                        if not waiting.done():
                            waiting.set_exception(exc)
                else:
                    for *_, waiting in batch:
                        if not waiting.done():
                            waiting.set_result(None)
        with contextlib.suppress(Exception):
            await future

    async def _write_marks(
        self, batch: list[tuple[Sequence[Key], str, asyncio.Future[None]]]
    ) -> None:
        at = self._clock.now()
        by_status: dict[str, list[Key]] = {}
        for keys, status, _ in batch:
            by_status.setdefault(status, []).extend(keys)
        for key, status in self._unmarked.items():  # earlier writes that failed, too
            by_status.setdefault(status, []).append(key)
        for status, keys in by_status.items():
            if self._offload:
                await asyncio.to_thread(self._outbox.mark, keys, status=status, at=at)
            else:
                self._outbox.mark(keys, status=status, at=at)
            for key in keys:
                if self._unmarked.get(key) == status:
                    del self._unmarked[key]

    async def _deactivate(self, chat: Chat) -> None:
        self._chats.update_chat(chat.id, lambda c: replace(c or chat, active=False))
        self._ahead.forget(chat.id)
        self._blocked += 1
        log.info("chat %s blocked the bot: marked inactive, subscriptions kept", chat.id)

    async def _move(self, chat: Chat, new_id: int) -> None:
        log.info("chat %s moved to %s: migrating its data", chat.id, new_id)
        self._chats.migrate_chat(chat.id, new_id)
        self._outbox.migrate_chat(chat.id, new_id)
        self.limiter.forget(chat.id)
        self._state.pop(chat.id, None)
        self._planned.pop(chat.id, None)
        self._withdrawals.pop(chat.id, None)
        self._ahead.invalidate()
        self._migrated += 1

    def withdraw(self, chat_id: int, subscription_id: int) -> list[OutboxEntry]:
        """The subscription was muted or removed: its alerts still queued for the chat do
        not go (the outbox takes its hits out, in one write); the entries changed.

        Call it on the event loop, like dispatch: a message already planned for the chat
        but not yet handed to the Notifier is then dropped and planned again. A message
        already handed over cannot be called back.
        """
        changed = self._outbox.withdraw(chat_id, subscription_id, at=self._clock.now())
        if changed:
            self._withdrawals[chat_id] = self._withdrawals.get(chat_id, 0) + 1
            self._wake.set()
        return changed

    def reactivate(self, chat_id: int) -> None:
        """Forget a chat's 403 count (it wrote to the bot again); wake the sender."""
        self._state.pop(chat_id, None)
        self._ahead.forget(chat_id)
        self._wake.set()
