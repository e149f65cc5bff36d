"""The buttons under an alert: mute:<id> (undo with unmute:<id>) and unsub:<id>."""

from __future__ import annotations

from html import escape
from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.chats.replies import Reply
from handlers.context import Context, reply

MUTE, UNMUTE, UNSUB = "mute:", "unmute:", "unsub:"


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
        await query.answer("That subscription no longer exists.")
        return
    name = f"“{escape(changed.query)}”"
    if muted:
        await query.answer(f"Muted “{changed.query}”")
        undo = (f"Unmute “{changed.query[:28]}”", f"{UNMUTE}{subscription_id}")
        await reply(
            update,
            context,
            Reply(
                f"Muted {name}: no alerts for it until you unmute it with the button below. "
                "It stays in /list.",
                (undo,),
            ),
        )
    else:
        await query.answer(f"Unmuted “{changed.query}”")
        await reply(update, context, Reply(f"Unmuted {name}: its alerts come again."))


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
        await query.answer("That subscription no longer exists.")
        return
    text = removed.subscription.query
    await query.answer(f"Unsubscribed from “{text}”")
    await reply(
        update,
        context,
        Reply(
            f"Unsubscribed from “{escape(text)}”. To follow it again: "
            f"<code>/subscribe {escape(text)}</code>"
        ),
    )


HANDLERS: list[BaseHandler[Any, Any, Any]] = [
    CallbackQueryHandler(mute, pattern=rf"^{MUTE}\d+$"),
    CallbackQueryHandler(unmute, pattern=rf"^{UNMUTE}\d+$"),
    CallbackQueryHandler(unsubscribe, pattern=rf"^{UNSUB}\d+$"),
]
