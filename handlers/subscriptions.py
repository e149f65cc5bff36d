"""Subscription commands: /subscribe, /unsubscribe, /list (and their aliases)."""

from __future__ import annotations

import asyncio
from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler

from bot.chats import replies
from bot.chats.subscriptions import Subscribed
from bot.models import utcnow
from handlers.context import Context, command_text, reply, target_id, thread_id


async def subscribe(update: Update, context: Context) -> None:
    """Add a subscription to the chat."""
    text = command_text(update)
    if not text:
        await reply(update, context, replies.usage("subscribe"))
        return
    service = context.services.subscriptions
    # Storing it is a durable write of the chat file: off the event loop, like the dry run
    # (it searches stored articles). This chat's next update waits for this one
    # (handlers/fairness.py), so its commands still apply in order.
    result = await asyncio.to_thread(
        service.subscribe,
        target_id(update, context),
        text,
        dry_run=False,
        thread_id=thread_id(update),
        index=False,
    )
    if isinstance(result, Subscribed):
        service.add_to_index(result.subscription)  # the index changes on the loop only
        result = await asyncio.to_thread(service.with_dry_run, result)
    await reply(update, context, replies.subscribed(result, now=utcnow()))


async def unsubscribe(update: Update, context: Context) -> None:
    """Remove a subscription by text or number; without an argument, offer buttons."""
    service = context.services.subscriptions
    text = command_text(update)
    if not text:
        await reply(
            update,
            context,
            replies.choose_removal(service.subscriptions(target_id(update, context))),
        )
        return
    await reply(
        update, context, replies.unsubscribed(service.unsubscribe(target_id(update, context), text))
    )


async def list_subscriptions(update: Update, context: Context) -> None:
    """Number the chat's subscriptions, with a remove button each."""
    if command_text(update):
        await reply(update, context, replies.usage("list"))
        return
    subscriptions = context.services.subscriptions.subscriptions(target_id(update, context))
    await reply(update, context, replies.subscription_list(subscriptions))


HANDLERS: list[BaseHandler[Any, Any, Any]] = [
    CommandHandler(["subscribe", "sub", "add"], subscribe),
    CommandHandler(["unsubscribe", "unsub", "remove"], unsubscribe),
    CommandHandler(["list", "subscriptions"], list_subscriptions),
]
