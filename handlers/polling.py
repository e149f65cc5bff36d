"""Long polling when several instances share one database: only the holder of the updates
role calls getUpdates (Telegram allows one consumer per token and answers a second one
409 Conflict); the others stand by, doing the rest of their work, and one of them takes
over within seconds when the holder dies (bot/ops/standby.py).

PTB's `start_polling` deletes any webhook before its first getUpdates, so the instance
that takes the role asks Telegram first and, when a webhook is registered, does not poll:
it reports the refusal (`newsbot run` then stops with one line and exit code 2).

At least once: PTB's Updater confirms the updates it fetched (the next getUpdates carries
offset = last + 1) as soon as they are in the Application's queue, before they are
handled, so a process killed meanwhile would lose them. `PollingRequest` holds each
getUpdates back until every update fetched before was handled, per-chat queue included
(`confirm_after`), so Telegram gives the unhandled ones to the next poll, whichever
instance makes it. A handler stuck past HANDLING_WAIT no longer holds polling up: the
batch is confirmed then, with a warning. Handling a command twice after a crash is safe:
a /subscribe already stored answers "already subscribed" and stores nothing.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from typing import Any

from telegram.ext import Application
from telegram.request import HTTPXRequest

from bot.cli.webhook import webhook_refusal
from bot.errors import NewsbotError
from bot.ops.metrics import Metrics
from bot.ops.standby import RoleLock, Standby

log = logging.getLogger(__name__)

# `newsbot run`'s exit code when the Bot API refuses the token while the bot runs (revoked
# in @BotFather, or the bot deleted): distinct from 2, a bad setting found at start-up.
EXIT_TOKEN_REFUSED = 3
# Seconds a getUpdates waits for the updates fetched before it to be handled (handlers
# take seconds; searches run under a time limit of their own): past it, one stuck
# handler would stop polling, so the batch is confirmed anyway, with a warning.
HANDLING_WAIT = 60.0

AnyApp = Application[Any, Any, Any, Any, Any, Any]
ROLE = "updates"


class UpdatesPolling:
    """getUpdates through the Application's updater, started and stopped by the role."""

    def __init__(
        self,
        application: AnyApp,
        *,
        registered: Callable[[], str],
        on_refusal: Callable[[], None],
        timeout: int,
        allowed_updates: Sequence[str],
    ) -> None:
        self.application = application
        self.registered = registered  # the webhook URL Telegram has ("" for none)
        self.timeout, self.allowed_updates = timeout, list(allowed_updates)
        self.on_refusal = on_refusal  # told when a webhook is found (the process stops)
        self.refusal: NewsbotError | None = None

    async def start(self) -> None:
        url = await asyncio.to_thread(self.registered)
        if url:
            self.refusal = webhook_refusal(url)  # `newsbot run` prints it as it exits
            self.on_refusal()
            return
        updater = self.application.updater
        if updater is None:
            raise RuntimeError("the Application has no updater to poll with")
        await updater.start_polling(
            timeout=self.timeout,
            allowed_updates=self.allowed_updates,
            # The server answered a moment ago: a blip now is worth a few retries.
            bootstrap_retries=3,
        )

    async def stop(self) -> None:
        updater = self.application.updater
        if updater is not None and updater.running:
            await updater.stop()


@asynccontextmanager
async def polling_serving(
    application: AnyApp, polling: UpdatesPolling, lock: RoleLock, *, metrics: Metrics
) -> AsyncIterator[Standby]:
    """The Application running for the block, polling only while `lock` is held.

    What PTB's run_polling does, in its order (initialize, post_init, start; then stop,
    post_stop, shutdown, post_shutdown), with getUpdates started and stopped by the role
    instead of once.
    """
    role = Standby(
        ROLE,
        lock,
        gain=polling.start,
        lose=polling.stop,
        on_change=lambda held: metrics.hold(ROLE, held),
    )
    await application.initialize()
    started = False
    try:
        started = True  # from here on, post_stop has something to stop
        if application.post_init is not None:
            await application.post_init(application)
        await application.start()
        await role.start()
        yield role
    finally:
        await role.stop()  # getUpdates stops first: no update arrives while stopping
        if application.running:
            await application.stop()
        if started and application.post_stop is not None:
            await application.post_stop(application)
        await application.shutdown()
        if application.post_shutdown is not None:
            await application.post_shutdown(application)


class PollingRequest(HTTPXRequest):
    """The HTTP client of getUpdates, watching for polling being refused while running.

    PTB's polling loop gives up for good on a 401 or 404 (the token was revoked) and the
    process would stay up doing nothing; on a 409 because a webhook was set, it would
    retry forever. Here the first refusal calls `on_refused` (`run` stops the Application
    and exits EXIT_TOKEN_REFUSED, or 2 with the one-line refusal for a webhook); the
    refused poll then waits until the stopping Application cancels it, so PTB logs no
    traceback.
    """

    def __init__(self, *, handling_wait: float = HANDLING_WAIT) -> None:
        super().__init__(connection_pool_size=1)
        self.handling_wait = handling_wait
        self._in_hand: asyncio.Queue[Any] | None = None  # the Application's update queue
        self.refused = False
        self.webhook_set = False  # Telegram refuses getUpdates (409): a webhook was set
        self.on_refused: Callable[[], None] | None = None

    async def do_request(
        self, url: str, method: str, *args: Any, **kwargs: Any
    ) -> tuple[int, bytes]:
        if self.refused or self.webhook_set:
            # PTB's last getUpdates at shutdown: polling is refused, nothing to confirm.
            return 200, b'{"ok": true, "result": []}'
        await self._handled()  # this request's offset confirms what was fetched before
        status, body = await super().do_request(url, method, *args, **kwargs)
        if status == 409 and b"webhook is active" in body:
            # Someone registered a webhook while we poll: stop as `run` would have refused
            # to start (`_run` raises the one-line refusal, exit code 2).
            self.webhook_set = True
        elif status not in (401, 404):
            return status, body
        else:
            self.refused = True
            log.error(
                "newsbot: the Bot API refused TELEGRAM_BOT_TOKEN while running (HTTP %s): "
                "stopping, exit code %s",
                status,
                EXIT_TOKEN_REFUSED,
            )
        if self.on_refused is not None:
            self.on_refused()
        await asyncio.Event().wait()  # until the stopping updater cancels this poll
        raise AssertionError("unreachable")

    def confirm_after(self, update_queue: asyncio.Queue[Any]) -> None:
        """Send no getUpdates (whose offset confirms the updates fetched before) until the
        Application handled every update in `update_queue`: PTB marks one done only once
        its handling finished (our per-chat queue's wait and run included)."""
        self._in_hand = update_queue

    async def _handled(self) -> None:
        queue = self._in_hand
        if queue is None:
            return
        try:
            await asyncio.wait_for(queue.join(), timeout=self.handling_wait)
        except TimeoutError:
            log.warning(
                "updates fetched %g s ago are still being handled: confirming them to "
                "Telegram anyway, so that polling goes on (a crash now would lose them)",
                self.handling_wait,
            )
