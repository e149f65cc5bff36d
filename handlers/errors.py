"""The one error handler: log the unexpected error with its update, apologise, carry on."""

from __future__ import annotations

import json
import logging

from telegram import Update
from telegram.error import TelegramError

from bot.chats import replies
from handlers.context import Context, thread_id

log = logging.getLogger(__name__)


async def error(update: object, context: Context) -> None:
    """Log an error raised while handling an update, then apologise to its chat."""
    if not isinstance(update, Update):
        # Polling and network trouble: PTB retries by itself; keep the log readable.
        log.error("error outside an update: %s", context.error, exc_info=context.error)
        return
    log.error(
        "error while handling update %s",
        json.dumps(update.to_dict(), ensure_ascii=False),
        exc_info=context.error,
    )
    chat = update.effective_chat
    try:
        if update.callback_query is not None:
            await update.callback_query.answer(replies.APOLOGY[:190])
        elif chat is not None:
            await context.bot.send_message(
                chat.id, replies.APOLOGY, message_thread_id=thread_id(update)
            )
    except TelegramError as exc:  # the apology itself failed: nothing more to do but log
        log.warning("could not apologise to chat %s: %s", chat.id if chat else "?", exc)
