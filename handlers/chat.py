"""Chat-level commands: /start, /help, /pause, /resume, /stop, /latest, unknown commands."""

from __future__ import annotations

import asyncio
from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.chats import replies
from bot.models import utcnow
from handlers.context import (
    Context,
    addressed_to_us,
    chat_kind,
    command_name,
    command_text,
    reply,
    target_id,
)


async def register(update: Update, context: Context) -> None:
    """Store the chat on any command to this bot (any command works first)."""
    chat, message = update.effective_chat, update.effective_message
    if chat is None or message is None or not addressed_to_us(message.text or "", context):
        return
    service = context.services.subscriptions
    kind, title = chat_kind(chat), chat.title or ""
    service.reactivate(chat.id)  # rare (a blocked chat wrote); tells the sender, on the loop
    if service.needs_saving(chat.id, kind, title):
        # A new chat (or a new title): a durable write of the chat file, off the event loop.
        await asyncio.to_thread(service.touch_chat, chat.id, kind, title)


async def start(update: Update, context: Context) -> None:
    """Greet the chat and show the short help."""
    chat = update.effective_chat
    await reply(update, context, replies.start(group=bool(chat and chat.type != "private")))


async def help_command(update: Update, context: Context) -> None:
    """Show the full help with the query syntax."""
    await reply(update, context, replies.help_text())


async def pause(update: Update, context: Context) -> None:
    """Stop pushes to the chat, keeping its subscriptions."""
    if await _refuse_arguments(update, context):
        return
    changed = context.services.subscriptions.set_paused(target_id(update, context), True)
    await reply(update, context, replies.paused(changed))


async def resume(update: Update, context: Context) -> None:
    """Restart pushes to the chat."""
    if await _refuse_arguments(update, context):
        return
    changed = context.services.subscriptions.set_paused(target_id(update, context), False)
    await reply(update, context, replies.resumed(changed))


async def stop(update: Update, context: Context) -> None:
    """Ask to confirm deleting everything stored about the chat."""
    if await _refuse_arguments(update, context):
        return
    count = len(context.services.subscriptions.subscriptions(target_id(update, context)))
    await reply(update, context, replies.stop_confirmation(count))


async def latest(update: Update, context: Context) -> None:
    """The newest stored articles on a topic, or for the chat's subscriptions."""
    service = context.services.subscriptions
    # Searching stored articles costs CPU: in a worker thread, never on the event loop.
    target = target_id(update, context)
    result = await asyncio.to_thread(service.latest, target, command_text(update))
    await reply(update, context, replies.latest(result, now=utcnow()))


async def unknown(update: Update, context: Context) -> None:
    """Answer a command the bot does not know (in groups, only when addressed to it)."""
    chat, message = update.effective_chat, update.effective_message
    if chat is None or message is None:
        return
    word = (message.text or "").split(maxsplit=1)[0]
    if chat.type != "private" and "@" not in word:
        return  # "/foo" in a group may be for another bot
    if not addressed_to_us(message.text or "", context):
        return
    await reply(update, context, replies.unknown_command(command_name(update)))


async def stale_button(update: Update, context: Context) -> None:
    """A button no handler knows (an old message): say so instead of spinning."""
    if update.callback_query is not None:
        await update.callback_query.answer("This button no longer works.")


async def _refuse_arguments(update: Update, context: Context) -> bool:
    if not command_text(update):
        return False
    await reply(update, context, replies.usage(command_name(update)))
    return True


# Runs before the commands (group -2): the chat exists before any command runs.
BEFORE: list[BaseHandler[Any, Any, Any]] = [MessageHandler(filters.COMMAND, register)]

HANDLERS: list[BaseHandler[Any, Any, Any]] = [
    CommandHandler("start", start),
    CommandHandler("help", help_command),
    CommandHandler("pause", pause),
    CommandHandler("resume", resume),
    CommandHandler("stop", stop),
    CommandHandler(["latest", "news"], latest),
]

# Added after every other module's handlers: they catch only what nobody else took.
FALLBACK: list[BaseHandler[Any, Any, Any]] = [
    MessageHandler(filters.COMMAND, unknown),
    CallbackQueryHandler(stale_button),
]
