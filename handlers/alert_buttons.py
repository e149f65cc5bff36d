"""The buttons under an alert: mute:<id> (undo with unmute:<id>), unsub:<id>, and pick:<ids>
(under a combined message or digest, or a crowded alert: a picker of those subscriptions)."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.alerts.format import PICK_PREFIX, parse_picker
from bot.chats import replies
from handlers.context import Context, reply

MUTE, UNMUTE, UNSUB = replies.MUTE_PREFIX, replies.UNMUTE_PREFIX, replies.UNSUB_PREFIX


def _target(update: Update, prefix: str) -> tuple[int, int] | None:
    query, chat = update.callback_query, update.effective_chat
    if query is None or chat is None or not (query.data or "").startswith(prefix):
        return None
    try:
        return chat.id, int((query.data or "").removeprefix(prefix))
    except ValueError:
        return None


async def _set_muted(update: Update, context: Context, prefix: str, muted: bool) -> None:
    query, target = update.callback_query, _target(update, prefix)
    if query is None or target is None:
        return
    chat_id, subscription_id = target
    # Through the service: muting also withdraws the subscription's queued alerts.
    changed = context.services.subscriptions.set_muted(chat_id, subscription_id, muted)
    if changed is None:
        await query.answer(replies.GONE)
        return
    answer, text = replies.muted(changed) if muted else replies.unmuted(changed)
    await query.answer(answer)
    await reply(update, context, text)


async def mute(update: Update, context: Context) -> None:
    """Mute the subscription that caused the alert; the reply offers the way back."""
    await _set_muted(update, context, MUTE, True)


async def unmute(update: Update, context: Context) -> None:
    """Undo a mute."""
    await _set_muted(update, context, UNMUTE, False)


async def unsubscribe(update: Update, context: Context) -> None:
    """Remove the subscription that caused the alert."""
    query, target = update.callback_query, _target(update, UNSUB)
    if query is None or target is None:
        return
    chat_id, subscription_id = target
    removed = context.services.subscriptions.remove(chat_id, subscription_id)
    if removed is None:
        await query.answer(replies.GONE)
        return
    answer, text = replies.unsubscribed_by_button(removed.subscription)
    await query.answer(answer)
    await reply(update, context, text)


async def pick(update: Update, context: Context) -> None:
    """Offer mute and unsubscribe buttons for the subscriptions behind a message."""
    query, chat = update.callback_query, update.effective_chat
    if query is None or chat is None:
        return
    wanted = parse_picker(query.data or "")
    if wanted is None:
        await query.answer(replies.GONE)
        return
    chosen = [
        s
        for s in context.services.subscriptions.subscriptions(chat.id)
        if not wanted or s.id in wanted
    ]
    await reply(update, context, replies.pick_subscription(chosen))
    await query.answer()


HANDLERS: list[BaseHandler[Any, Any, Any]] = [
    CallbackQueryHandler(mute, pattern=rf"^{MUTE}\d+$"),
    CallbackQueryHandler(unmute, pattern=rf"^{UNMUTE}\d+$"),
    CallbackQueryHandler(unsubscribe, pattern=rf"^{UNSUB}\d+$"),
    CallbackQueryHandler(pick, pattern=rf"^{PICK_PREFIX}"),
]
