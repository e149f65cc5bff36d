"""Fair service at the Telegram edge: no chat can delay another chat's reply.

`ChatQueues` lets PTB handle updates of different chats at the same time while one chat's
updates run one after another, in order; `BEFORE` applies the per-chat limit of
bot.chats.limits to the commands that search stored articles (run in a worker thread).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import ApplicationHandlerStop, BaseHandler, BaseUpdateProcessor, MessageHandler
from telegram.ext import filters as ptb_filters

from bot.chats import replies
from bot.chats.limits import Verdict
from handlers.context import Context, command_name, reply

# Commands that search the stored articles (the dry run of /subscribe, /latest).
SEARCHING = frozenset({"latest", "news", "subscribe", "sub", "add"})
# Updates running at once over all chats (PTB's own default for concurrent updates).
MAX_RUNNING = 256
# Updates fetched and waiting for their chat's turn, over all chats (each a small task).
MAX_PENDING = 100_000


class ChatQueues(BaseUpdateProcessor):
    """Concurrent across chats, one at a time and in arrival order within a chat.

    PTB's own bound (`max_concurrent_updates`) is taken before an update reaches here, so
    it only bounds the updates pending in memory; the updates actually running are bounded
    after the chat's turn came (`max_running`). A chat flooding the bot thus holds one
    running slot at most while its other updates wait in its own queue.
    """

    def __init__(self, *, max_running: int = MAX_RUNNING, max_pending: int = MAX_PENDING) -> None:
        super().__init__(max_pending)
        self._running = asyncio.Semaphore(max_running)
        # A chat's queue: how many of its updates are waiting or running; gone at zero.
        self._queues: dict[int | None, tuple[asyncio.Lock, int]] = {}

    def __len__(self) -> int:
        """How many chats have updates waiting or running."""
        return len(self._queues)

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        key = _chat_key(update)
        queued = self._queues.get(key)
        # asyncio.Lock is FIFO: a chat's updates run in the order they came.
        lock, users = queued if queued is not None else (asyncio.Lock(), 0)
        self._queues[key] = (lock, users + 1)
        try:
            async with lock, self._running:
                await coroutine
        finally:
            lock, users = self._queues[key]
            if users <= 1:
                del self._queues[key]
            else:
                self._queues[key] = (lock, users - 1)

    async def initialize(self) -> None:
        """Nothing to open."""

    async def shutdown(self) -> None:
        """Nothing to close."""


def _chat_key(update: object) -> int | None:
    if isinstance(update, Update):
        if update.effective_chat is not None:
            return update.effective_chat.id
        if update.effective_user is not None:
            return update.effective_user.id
    return None  # updates of no chat share one queue


async def limit(update: Update, context: Context) -> None:
    """Stop a searching command over the chat's allowance (one 'slow down' line per window)."""
    chat, message = update.effective_chat, update.effective_message
    name = command_name(update)
    if chat is None or message is None or name not in SEARCHING:
        return
    _, at, bot_name = (message.text or "").split(maxsplit=1)[0].partition("@")
    if at and bot_name.lower() != (context.bot.username or "").lower():
        return  # "/latest@otherbot" in a group is not ours to count
    limiter = context.services.limits
    now = time.monotonic()
    verdict = limiter.check(chat.id, now)
    if verdict is Verdict.RUN:
        return
    if verdict is Verdict.SLOW_DOWN:
        await reply(update, context, replies.slow_down(name, limiter.wait(chat.id, now)))
    raise ApplicationHandlerStop


# Runs before every other group (registration included): a refused command does nothing.
BEFORE: list[BaseHandler[Any, Any, Any]] = [MessageHandler(ptb_filters.COMMAND, limit)]
