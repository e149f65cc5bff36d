"""Subscription commands: /subscribe, /unsubscribe, /list (and their aliases), the answer
to a bare /subscribe's question, and the hint a plain message gets in a private chat."""

from __future__ import annotations

import asyncio
from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.chats import replies
from bot.chats.subscriptions import Subscribed
from bot.models import utcnow
from handlers.context import Context, command_text, reply, target_id, thread_id, translator

# chat_data key: the bot's open "What should I follow?" questions, message id -> the id of
# the person asked. Only they may answer: in a group, they passed the admin check of
# /subscribe; anyone else's reply is a plain message.
ASKED = "asked_topic"
ASKED_KEPT = 20  # questions remembered per chat (in memory: a restart forgets them)


async def _subscribe_text(update: Update, context: Context, text: str) -> None:
    """Subscribe to `text`: one query (with its dry run), or one a line with one summary."""
    service = context.services.subscriptions
    target, thread = target_id(update, context), thread_id(update)
    lines = [line.strip() for line in text.splitlines() if line.strip()] or [""]

    # Storing is a durable write of the chat file: off the event loop, like the dry run
    # (it searches stored articles). This chat's next update waits for this one
    # (handlers/fairness.py), so its commands still apply in order.
    stored, error = await asyncio.to_thread(
        service.subscribe_unindexed, target, lines, thread_id=thread
    )
    for added in stored:
        if isinstance(added, Subscribed):
            # The index changes on the loop only; its terms were compiled in the thread
            # (~1 ms of a query of 17 ORs is left here, of 3.3): other chats' updates
            # run between a chat's 50, not after all of them.
            service.add_to_index(added.subscription, added.compiled)
            await asyncio.sleep(0)
    if error is not None:  # the lines stored before it match; the error handler answers
        raise error
    results = list(zip(lines, stored, strict=True))
    if len(results) > 1:
        await reply(update, context, replies.subscribed_many(translator(update, context), results))
        return
    result = results[0][1]
    if isinstance(result, Subscribed):
        result = await asyncio.to_thread(service.with_dry_run, result)
    await reply(
        update, context, replies.subscribed(translator(update, context), result, now=utcnow())
    )


async def subscribe(update: Update, context: Context) -> None:
    """Add a subscription to the chat (one a line); without a query, ask for it."""
    text = command_text(update)
    if text:
        await _subscribe_text(update, context, text)
        return
    question = await reply(update, context, replies.ask_topic(translator(update, context)))
    user = update.effective_user
    if question is not None and user is not None and context.chat_data is not None:
        asked: dict[int, int] = context.chat_data.setdefault(ASKED, {})
        asked[question.message_id] = user.id
        for old in list(asked)[:-ASKED_KEPT]:
            del asked[old]


async def plain_message(update: Update, context: Context) -> None:
    """A text that is no command: the answer to "What should I follow?" subscribes; in a
    private chat anything else gets a hint on how to follow it."""
    message, chat = update.effective_message, update.effective_chat
    if message is None or chat is None or not message.text:
        return
    answered, user = message.reply_to_message, update.effective_user
    asked: dict[int, int] = (context.chat_data or {}).get(ASKED, {})
    if answered is not None and user is not None and asked.get(answered.message_id) == user.id:
        del asked[answered.message_id]
        await _subscribe_text(update, context, message.text)
        return
    if chat.type == "private":
        await reply(update, context, replies.hint(translator(update, context), message.text))


async def follow_button(update: Update, context: Context) -> None:
    """The hint's button: subscribe to the text it names."""
    query = update.callback_query
    if query is None or query.data is None:
        return
    await _subscribe_text(update, context, query.data.removeprefix(replies.SUBSCRIBE_PREFIX))
    await query.answer()


async def unsubscribe(update: Update, context: Context) -> None:
    """Remove a subscription by text or number; without an argument, offer buttons."""
    service = context.services.subscriptions
    text = command_text(update)
    if not text:
        await reply(
            update,
            context,
            replies.choose_removal(
                translator(update, context), service.subscriptions(target_id(update, context))
            ),
        )
        return
    await reply(
        update,
        context,
        replies.unsubscribed(
            translator(update, context), service.unsubscribe(target_id(update, context), text)
        ),
    )


async def list_subscriptions(update: Update, context: Context) -> None:
    """Number the chat's subscriptions, with a remove button each (and unmute buttons)."""
    if command_text(update):
        await reply(update, context, replies.usage(translator(update, context), "list"))
        return
    service = context.services.subscriptions
    target = target_id(update, context)
    paused = service.chat(target).paused
    await reply(
        update,
        context,
        replies.subscription_list(
            translator(update, context), service.subscriptions(target), paused=paused
        ),
    )


HANDLERS: list[BaseHandler[Any, Any, Any]] = [
    CommandHandler(["subscribe", "sub", "add"], subscribe),
    CommandHandler(["unsubscribe", "unsub", "remove"], unsubscribe),
    CommandHandler(["list", "subscriptions"], list_subscriptions),
    # New messages only: an edited message or a channel post gets no hint.
    MessageHandler(filters.UpdateType.MESSAGE & filters.TEXT & ~filters.COMMAND, plain_message),
    CallbackQueryHandler(follow_button, pattern=rf"^{replies.SUBSCRIBE_PREFIX}."),
]
