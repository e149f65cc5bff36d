"""Each chat's own sources: /feeds, /export, /import, files sent to the bot, feed buttons.

Trying a feed or importing a file waits on the network (up to the fetcher's caps): the
per-chat queues (handlers/fairness.py) keep other chats from waiting for it, and keep a
chat's next command after it.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from telegram import Document, InputFile, Update
from telegram.error import TelegramError
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.chats import feed_replies
from bot.chats.transfer import (
    MAX_IMPORT_BYTES,
    UnreadableFile,
    feeds_opml,
    import_file,
    read_import,
    subscriptions_text,
)
from handlers.context import (
    REPLY_RETRIES,
    Context,
    chat_id,
    command_text,
    edit,
    reply,
    target_id,
    thread_id,
)

log = logging.getLogger(__name__)


async def feeds(update: Update, context: Context) -> None:
    """/feeds [add URL | remove N | only | all]: the chat's sources, and changing them."""
    service = context.services.feeds
    chat = target_id(update, context)  # this chat, or the channel managed from here
    verb, _, rest = command_text(update).partition(" ")
    verb, rest = verb.lower(), rest.strip()
    if not verb and not rest:
        await reply(update, context, feed_replies.feed_list(service.sources(chat)))
    elif verb == "add" and rest:
        await reply(update, context, feed_replies.feed_added(await service.add(chat, rest)))
    elif verb in ("remove", "rm", "delete") and rest:
        await reply(update, context, feed_replies.feed_removed(service.remove(chat, rest)))
    elif verb in ("only", "all") and not rest:
        result = service.set_only(chat, verb == "only")
        await reply(update, context, feed_replies.scope_set(result))
    else:
        await reply(update, context, feed_replies.feeds_usage())


async def remove_feed_button(update: Update, context: Context) -> None:
    """A remove button under /feeds: remove that feed, then show the list again."""
    query, chat = update.callback_query, update.effective_chat
    if query is None or chat is None or query.data is None:
        return
    service, target = context.services.feeds, target_id(update, context)
    key = query.data.removeprefix(feed_replies.FEED_REMOVE_PREFIX)
    result = service.remove_by_key(target, key)
    await edit(update, feed_replies.feed_list(service.sources(target)))
    await query.answer(feed_replies.removed_notice(result))


async def export(update: Update, context: Context) -> None:
    """/export: the chat's feeds as OPML and its subscriptions as text, two files."""
    if command_text(update):
        await reply(update, context, feed_replies.export_usage())
        return
    target = target_id(update, context)  # this chat, or the channel managed from here
    own = context.services.feeds.own_feeds(target)
    subscriptions = context.services.subscriptions.subscriptions(target)
    if own:
        await _send_file(update, context, "newsbot-feeds.opml", feeds_opml(own))
    if subscriptions:
        text = subscriptions_text(subscriptions)
        await _send_file(update, context, "newsbot-subscriptions.txt", text)
    await reply(update, context, feed_replies.exported(len(own), len(subscriptions)))


async def _send_file(update: Update, context: Context, name: str, content: bytes) -> None:
    """Send a file to the chat (and forum topic) the command came from."""
    await context.bot.send_document(
        chat_id(update),
        InputFile(content, filename=name),
        message_thread_id=thread_id(update),
        rate_limit_args=REPLY_RETRIES,
    )


async def import_command(update: Update, context: Context) -> None:
    """/import as a reply to a file the bot should import."""
    message = update.effective_message
    replied = message.reply_to_message if message else None
    document = replied.document if replied else None
    if document is None:
        await reply(update, context, feed_replies.import_usage())
        return
    await _import(update, context, document)


async def document_sent(update: Update, context: Context) -> None:
    """A file sent to the bot in a private chat: import it."""
    message = update.effective_message
    if message is None or message.document is None:
        return
    await _import(update, context, message.document)


async def _import(update: Update, context: Context, document: Document) -> None:
    if document.file_size is not None and document.file_size > MAX_IMPORT_BYTES:
        await reply(update, context, feed_replies.import_refused("the file is too large"))
        return
    try:
        file = await document.get_file()
        data = bytes(await file.download_as_bytearray())
    except TelegramError as exc:
        log.warning("could not download file %s: %s", document.file_id, exc)
        await reply(update, context, feed_replies.import_refused("I could not download it"))
        return
    try:
        found = await asyncio.to_thread(read_import, data)  # parsing XML costs CPU
    except UnreadableFile as exc:
        await reply(update, context, feed_replies.import_refused(str(exc)))
        return
    services = context.services
    summary = await import_file(
        target_id(update, context),
        found,
        feeds=services.feeds,
        subscriptions=services.subscriptions,
        thread_id=thread_id(update),  # queries imported in a forum topic alert into it
    )
    await reply(update, context, feed_replies.imported(summary))


HANDLERS: list[BaseHandler[Any, Any, Any]] = [
    CommandHandler("feeds", feeds),
    CommandHandler("export", export),
    CommandHandler("import", import_command),
    MessageHandler(filters.Document.ALL & filters.ChatType.PRIVATE, document_sent),
    CallbackQueryHandler(
        remove_feed_button, pattern=rf"^{feed_replies.FEED_REMOVE_PREFIX}[0-9a-f]+$"
    ),
]
