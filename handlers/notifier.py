"""The Telegram side of alerts: the Notifier over PTB's Bot, which maps telegram.error to
bot.alerts.sender errors, and the handler that reactivates a chat marked blocked when it writes.

The composition root (bot/app.py) builds the outbox, sender and AlertService around them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from contextvars import ContextVar
from datetime import timedelta
from typing import TYPE_CHECKING, Any

import httpx
from telegram import Bot, LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.error import BadRequest, ChatMigrated, Forbidden, NetworkError, RetryAfter
from telegram.ext import AIORateLimiter, BaseHandler, MessageHandler, filters

from bot.alerts.limits import Pacer
from bot.errors import Blocked, ChatMoved, Rejected, RetryLater, TransientError, Uncertain
from handlers.context import Context, keyboard

if TYPE_CHECKING:
    from telegram import Update


log = logging.getLogger(__name__)

NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
# 400 answers that mean the chat cannot receive anything (like a block), not a bad message.
_UNREACHABLE = (
    "chat not found",
    "have no rights to send",
    "not enough rights to send",
    "bot is not a member",
    "user is deactivated",
    "group chat was deactivated",
)


# A 400 for a message_thread_id whose forum topic no longer exists.
_THREAD_GONE = "message thread not found"
# How long a send waits for Telegram's answer. Long, so that a slow "ok" is an ok: past
# it, the alert may or may not have arrived and is not sent again (docs/alerts.md).
SEND_ANSWER_TIMEOUT = 30.0
# Failures that happen before the request reached Telegram: resending cannot repeat it.
# (A write that failed or timed out left the request incomplete: nothing to act on.)
_NEVER_SENT = (
    httpx.ConnectError,
    httpx.ConnectTimeout,
    httpx.PoolTimeout,
    httpx.WriteTimeout,
    httpx.WriteError,
)


def _seconds(value: int | float | timedelta) -> float:
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


def _reset_by_peer(exc: BaseException) -> bool:
    """Whether a ConnectionResetError lies under exc (httpx -> httpcore -> anyio -> OS)."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, ConnectionResetError):
            return True
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return False


def _network_error(exc: NetworkError) -> TransientError | Uncertain:
    """What a network failure means for the message: never sent, or maybe delivered.

    PTB keeps httpx's exception as the cause. Connecting, waiting for a pooled connection
    or writing the request failed: Telegram cannot have it. A reset (TCP RST) instead of
    an answer: the server's side threw the request away unread (a connection it never
    accepted, its listen queue full, or a kept-alive one it had already closed); a server
    that read the request and then ended, even by crashing, closes with FIN, not RST. So
    it is resent: at worst (a proxy resetting after passing the request on) one repeat,
    never a loss. Anything else after the request was written (no answer in time, the
    connection closed without an answer) may follow its delivery: uncertain.
    """
    cause = exc.__cause__
    if isinstance(cause, _NEVER_SENT):
        return TransientError(str(exc) or type(cause).__name__)
    if isinstance(cause, httpx.ReadError) and _reset_by_peer(cause):
        return TransientError(f"connection reset before the answer: {exc}")
    if isinstance(cause, httpx.HTTPError):
        return Uncertain(f"{type(cause).__name__}: {exc}")
    return TransientError(str(exc))


# Set while BotNotifier sends an alert: the sender has counted it in its limits already.
_SENDING_ALERT: ContextVar[bool] = ContextVar("newsbot_sending_alert", default=False)


class SharedPacer(AIORateLimiter):
    """PTB's AIORateLimiter (the bot's rate_limiter), which also makes every message the
    bot sends other than alerts (command replies, menus, documents) take its slot from the
    bot-wide `pacer` (bot.alerts.limits.Pacer, set by the composition root) as a reply:
    Telegram's 30 a second and a chat's own limit count alerts and replies together, so
    alerts leave room for the replies instead of reaching the limits by themselves. In one
    process (LocalPacer) a reply is counted, never held back; across instances (PgPacer)
    it may wait for the overall limit only (never its chat's), ahead of any alert.
    """

    def __init__(self) -> None:
        super().__init__()
        self.pacer: Pacer | None = None

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[dict[str, Any]]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        chat_id = data.get("chat_id")
        pacer = self.pacer
        if (
            pacer is None
            or _SENDING_ALERT.get()
            or not isinstance(chat_id, int)
            or not endpoint.startswith("send")
            or endpoint == "sendChatAction"
        ):
            return await super().process_request(
                callback, args, kwargs, endpoint, data, rate_limit_args
            )
        ticket = await pacer.take(chat_id, chat_id < 0, reply=True)
        try:
            return await super().process_request(
                callback, args, kwargs, endpoint, data, rate_limit_args
            )
        finally:
            pacer.done(ticket)


def share_pacing(bot: Bot, pacer: Pacer) -> None:
    """Make the bot's other messages take their slots from `pacer` (the alert sender's),
    when the bot was built with a SharedPacer."""
    limiter = getattr(bot, "rate_limiter", None)
    if isinstance(limiter, SharedPacer):
        limiter.pacer = pacer


class BotNotifier:
    """bot.alerts.sender.Notifier over a PTB Bot."""

    def __init__(
        self, bot: Bot, *, answer_timeout: float = SEND_ANSWER_TIMEOUT, paid_broadcast: bool = False
    ) -> None:
        self.bot = bot
        self.answer_timeout = answer_timeout
        # allow_paid_broadcast=True on every alert (NEWSBOT_PAID_BROADCAST); else not sent.
        self.paid_broadcast = True if paid_broadcast else None

    async def send(
        self,
        chat_id: int,
        html: str,
        *,
        buttons: list[tuple[str, str]],
        preview_url: str | None,
        plain: bool = False,
        thread_id: int | None = None,
    ) -> None:
        # is_disabled=False said out loud: a field left unset would take the bot-wide
        # default (bot/app.py: previews off for replies), and the alert's preview would not show.
        preview = (
            LinkPreviewOptions(is_disabled=False, url=preview_url) if preview_url else NO_PREVIEW
        )
        alert = _SENDING_ALERT.set(True)  # counted by the sender (see SharedPacer)
        try:
            try:
                await self.bot.send_message(
                    chat_id,
                    html,
                    parse_mode=None if plain else ParseMode.HTML,
                    reply_markup=keyboard(buttons, per_row=2),  # Mute beside its Unsubscribe
                    link_preview_options=preview,
                    message_thread_id=thread_id,
                    read_timeout=self.answer_timeout,
                    allow_paid_broadcast=self.paid_broadcast,
                )
            except BadRequest as exc:
                if thread_id is None or _THREAD_GONE not in str(exc).lower():
                    raise
                # The forum topic was deleted: the chat itself still wants its alerts.
                log.info("topic %s of chat %s is gone: alerting the chat", thread_id, chat_id)
                await self.send(
                    chat_id, html, buttons=buttons, preview_url=preview_url, plain=plain
                )
        except RetryAfter as exc:
            raise RetryLater(_seconds(exc.retry_after)) from exc
        except ChatMigrated as exc:
            raise ChatMoved(int(exc.new_chat_id)) from exc
        except Forbidden as exc:
            raise Blocked(str(exc)) from exc
        except BadRequest as exc:  # before NetworkError: BadRequest is a subclass of it
            reason = str(exc)
            if any(marker in reason.lower() for marker in _UNREACHABLE):
                raise Blocked(reason) from exc
            raise Rejected(reason) from exc
        except NetworkError as exc:  # also TimedOut
            raise _network_error(exc) from exc
        finally:
            _SENDING_ALERT.reset(alert)


async def reactivate(update: Update, context: Context) -> None:
    """Any message from a chat the sender marked inactive (403): it can hear us again."""
    chat = update.effective_chat
    if chat is not None:
        context.services.subscriptions.reactivate(chat.id)


# Added by the composition root before every other handler (group -3).
BEFORE: list[BaseHandler[Any, Any, Any]] = [MessageHandler(filters.ALL, reactivate)]
