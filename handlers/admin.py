"""Commands for the bot's operators (NEWSBOT_ADMINS): /status."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler

from bot.chats.replies import Reply
from bot.chats.status import Figures, format_status
from bot.models import utcnow
from bot.reading.poller import feed_urls
from handlers.context import Context, reply, services


async def status(update: Update, context: Context) -> None:
    """Report chats, subscriptions, feeds and the outbox to an operator."""
    user = update.effective_user
    found = services(context)
    if user is None or user.id not in found.settings.admins:
        await reply(update, context, Reply("/status is for the bot's operators only."))
        return
    extra = found.extra
    feed_states = extra.get("feed_states")
    articles = extra.get("articles")
    alerts = extra.get("alerts")
    figures = Figures(
        chats=found.chats.chats(),
        subscriptions=len(found.chats.all_subscriptions()),
        feeds=feed_states.all() if feed_states is not None else [],
        feeds_configured=len(feed_urls(found.settings)),
        articles=len(articles) if articles is not None else 0,
        unsent=len(alerts.outbox.unsent()) if alerts is not None else 0,
    )
    await reply(update, context, Reply(format_status(figures, utcnow())))


HANDLERS: list[BaseHandler[Any, Any, Any]] = [CommandHandler("status", status)]
