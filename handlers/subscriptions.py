"""Subscription commands: /subscribe, /unsubscribe, /list (and their aliases)."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler

from bot import replies
from handlers.context import Context, command_text, reply, services


async def subscribe(update: Update, context: Context) -> None:
    """Add a subscription to the chat."""
    text = command_text(update)
    if not text:
        await reply(update, context, replies.usage("subscribe"))
        return
    result = services(context).subscriptions.subscribe(_chat_id(update), text)
    await reply(update, context, replies.subscribed(result))


async def unsubscribe(update: Update, context: Context) -> None:
    """Remove a subscription by text or number; without an argument, offer buttons."""
    service = services(context).subscriptions
    text = command_text(update)
    if not text:
        await reply(
            update, context, replies.choose_removal(service.subscriptions(_chat_id(update)))
        )
        return
    await reply(update, context, replies.unsubscribed(service.unsubscribe(_chat_id(update), text)))


async def list_subscriptions(update: Update, context: Context) -> None:
    """Number the chat's subscriptions, with a remove button each."""
    if command_text(update):
        await reply(update, context, replies.usage("list"))
        return
    subscriptions = services(context).subscriptions.subscriptions(_chat_id(update))
    await reply(update, context, replies.subscription_list(subscriptions))


def _chat_id(update: Update) -> int:
    if update.effective_chat is None:
        raise ValueError("a command without a chat")
    return update.effective_chat.id


HANDLERS: list[BaseHandler[Any, Any, Any]] = [
    CommandHandler(["subscribe", "sub", "add"], subscribe),
    CommandHandler(["unsubscribe", "unsub", "remove"], unsubscribe),
    CommandHandler(["list", "subscriptions"], list_subscriptions),
]
