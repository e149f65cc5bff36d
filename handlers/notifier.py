"""The Notifier over PTB's Bot: sends alerts and maps telegram.error to bot.delivery errors.

Also `install_alerts`, which the composition root calls once the Application exists:
it builds the outbox, the sender and the AlertService over the application's bot.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.error import BadRequest, ChatMigrated, Forbidden, NetworkError, RetryAfter
from telegram.ext import MessageHandler, filters

from bot.delivery import (
    Blocked,
    ChatMoved,
    Clock,
    Rejected,
    RetryLater,
    Sender,
    SystemClock,
    TransientError,
)

if TYPE_CHECKING:
    from telegram import Update
    from telegram.ext import Application

    from bot.app import Services
    from bot.pipeline import AlertService

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


def _keyboard(buttons: list[tuple[str, str]]) -> InlineKeyboardMarkup | None:
    """Buttons two a row (Mute beside its Unsubscribe)."""
    if not buttons:
        return None
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(text, callback_data=data) for text, data in row] for row in rows]
    )


def _seconds(value: int | float | timedelta) -> float:
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


class BotNotifier:
    """bot.delivery.Notifier over a PTB Bot."""

    def __init__(self, bot: Bot) -> None:
        self.bot = bot

    async def send(
        self,
        chat_id: int,
        html: str,
        *,
        buttons: list[tuple[str, str]],
        preview_url: str | None,
        plain: bool = False,
    ) -> None:
        preview = LinkPreviewOptions(url=preview_url) if preview_url else NO_PREVIEW
        try:
            await self.bot.send_message(
                chat_id,
                html,
                parse_mode=None if plain else ParseMode.HTML,
                reply_markup=_keyboard(buttons),
                link_preview_options=preview,
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
            raise TransientError(str(exc)) from exc


async def reactivate(update: Update, context: Any) -> None:
    """A chat the sender marked inactive (403) wrote to the bot: it can hear us again."""
    chat = update.effective_chat
    services: Services | None = context.bot_data.get("services")
    if chat is None or services is None:
        return
    stored = services.chats.get_chat(chat.id)
    if stored is None or stored.active:
        return
    services.chats.save_chat(replace(stored, active=True))
    alerts = services.extra.get("alerts")
    if alerts is not None:
        alerts.chat_wrote(chat.id)
    log.info("chat %s wrote again: active", chat.id)


def install_alerts(application: Application[Any, Any, Any, Any, Any, Any]) -> AlertService:
    """Build the alert side over the application's bot and the services' stores.

    Puts the AlertService in services.extra["alerts"], adds it to the background items
    (it runs the sender), makes /stop forget the chat's alerts, and makes removing or
    muting a subscription withdraw its queued ones.
    """
    from bot.matching import SubscriptionIndex, prepare
    from bot.pipeline import AlertService
    from storage.outbox import JsonOutbox, outbox_path

    services: Services = application.bot_data["services"]
    settings = services.settings
    outbox = JsonOutbox(outbox_path(settings.db_path))
    clock: Clock = services.extra.get("alert_clock") or SystemClock()  # tests may set one
    sender = Sender(
        outbox=outbox, chats=services.chats, notifier=BotNotifier(application.bot), clock=clock
    )
    index = services.index
    if index is None:  # nobody built the index yet: build it from the store, keep it in step
        index = SubscriptionIndex()
        # In bulk: each distinct stored text is parsed and compiled once.
        stored = ((s.id, s.query) for s in services.chats.all_subscriptions())
        for _, text, _error in index.add_stored(stored, max_length=10_000):
            log.warning("stored query no longer parses: %r", text)
        services.index = index
        services.subscriptions.index = index
    alerts = AlertService(
        index=index,  # type: ignore[arg-type]  # the index the subscription service feeds
        prepare=prepare,
        chats=services.chats,
        outbox=outbox,
        sender=sender,
        retention_days=settings.retention_days,
        clock=clock.now,
    )
    services.extra["alerts"] = alerts
    # Before every other handler: any message from a chat marked blocked reactivates it.
    application.add_handler(MessageHandler(filters.ALL, reactivate), group=-2)
    services.background.append(alerts)
    services.closers.append(outbox.close)
    services.subscriptions.on_forget.append(alerts.forget_chat)
    # Removing or muting a subscription withdraws its alerts still in the outbox.
    services.subscriptions.on_withdraw.append(alerts.withdraw)
    return alerts
