"""Commands for the bot's operators (NEWSBOT_ADMINS): /status."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler

from bot.chats.replies import Reply
from bot.chats.status import format_status
from bot.models import utcnow
from handlers.context import Context, reply, translator


async def status(update: Update, context: Context) -> None:
    """Report chats, subscriptions, feeds and the outbox to an operator."""
    user = update.effective_user
    found = context.services
    if user is None or user.id not in found.settings.admins:
        refusal = translator(update, context).gettext("/status is for the bot's operators only.")
        await reply(update, context, Reply(refusal))
        return
    figures = found.status.figures()
    await reply(update, context, Reply(format_status(figures, utcnow())))


HANDLERS: list[BaseHandler[Any, Any, Any]] = [CommandHandler("status", status)]
