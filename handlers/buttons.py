"""Inline buttons of the edge: remove a subscription (rm:<id>), confirm /stop (stop:yes|no)."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.chats import replies
from handlers.context import Context, edit


async def remove_button(update: Update, context: Context) -> None:
    """Remove the subscription of a /list or /unsubscribe button, then refresh the list."""
    query, chat = update.callback_query, update.effective_chat
    if query is None or chat is None or query.data is None:
        return
    subscription_id = int(query.data.removeprefix(replies.REMOVE_PREFIX))
    service = context.services.subscriptions
    result = service.remove(chat.id, subscription_id)
    remaining = service.subscriptions(chat.id)
    if remaining:
        paused = service.chat(chat.id).paused
        await edit(update, replies.subscription_list(remaining, paused=paused))
    else:
        await edit(update, replies.no_subscriptions())
    # Answered last: the spinner stops once everything is done (tests rely on it too).
    await query.answer(replies.removed_by_button(result.subscription if result else None))


async def stop_button(update: Update, context: Context) -> None:
    """Delete everything about the chat once /stop is confirmed, or cancel."""
    query, chat = update.callback_query, update.effective_chat
    if query is None or chat is None:
        return
    if query.data == replies.STOP_YES:
        context.services.subscriptions.forget_chat(chat.id)
        await edit(update, replies.stopped())
    else:
        await edit(update, replies.stop_cancelled())
    await query.answer()


HANDLERS: list[BaseHandler[Any, Any, Any]] = [
    CallbackQueryHandler(remove_button, pattern=rf"^{replies.REMOVE_PREFIX}\d+$"),
    CallbackQueryHandler(stop_button, pattern=rf"^({replies.STOP_YES}|{replies.STOP_NO})$"),
]
