"""Inline buttons of the edge: remove a subscription (rm:<id>), confirm /stop (stop:yes|no)."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.chats import replies
from handlers.context import Context, about, edit, target_id


async def remove_button(update: Update, context: Context) -> None:
    """Remove the subscription of a /list or /unsubscribe button, then refresh the list."""
    query, chat = update.callback_query, update.effective_chat
    if query is None or chat is None or query.data is None:
        return
    subscription_id = int(query.data.removeprefix(replies.REMOVE_PREFIX))
    service, target = context.services.subscriptions, target_id(update, context)
    result = service.remove(target, subscription_id)
    remaining = service.subscriptions(target)
    if remaining:
        paused = service.chat(target).paused
        await edit(
            update, about(update, context, replies.subscription_list(remaining, paused=paused))
        )
    else:
        await edit(update, about(update, context, replies.no_subscriptions()))
    # Answered last: the spinner stops once everything is done (tests rely on it too).
    await query.answer(replies.removed_by_button(result.subscription if result else None))


async def stop_button(update: Update, context: Context) -> None:
    """Delete everything about the chat once /stop is confirmed, or cancel."""
    query, chat = update.callback_query, update.effective_chat
    if query is None or chat is None:
        return
    if query.data == replies.STOP_YES:
        target = target_id(update, context)
        context.services.subscriptions.forget_chat(target)
        if target != chat.id:  # a managed channel is gone: back to this chat
            context.services.subscriptions.manage(chat.id, None)
        await edit(update, replies.stopped())
    else:
        await edit(update, replies.stop_cancelled())
    await query.answer()


HANDLERS: list[BaseHandler[Any, Any, Any]] = [
    CallbackQueryHandler(remove_button, pattern=rf"^{replies.REMOVE_PREFIX}\d+$"),
    CallbackQueryHandler(stop_button, pattern=rf"^({replies.STOP_YES}|{replies.STOP_NO})$"),
]
