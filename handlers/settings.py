"""/settings: everything about the chat on one screen, and its buttons (set:<name>:<value>)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from bot import i18n
from bot.chats import replies, settings_replies
from bot.chats.replies import Reply
from bot.chats.settings_replies import ChatSettings
from bot.models import Chat, DigestMode
from handlers.context import (
    Context,
    about,
    chat_kind,
    command_text,
    edit,
    managed_channel,
    reply,
    translator,
)

# What each button sets: its name after "set:" and the change it makes to the chat.
CHANGES: dict[str, dict[str, Any]] = {
    "paused:on": {"paused": True},
    "paused:off": {"paused": False},
    "previews:on": {"previews": True},
    "previews:off": {"previews": False},
    "digest:off": {"digest": DigestMode.OFF},
    "digest:hourly": {"digest": DigestMode.HOURLY},
    "digest:daily": {"digest": DigestMode.DAILY},
    "quiet:off": {"quiet": ""},
}


def _chat(update: Update, context: Context) -> Chat | None:
    """The chat the screen is about: this one, or the channel managed from it (/channel)."""
    chat = update.effective_chat
    if chat is None:
        return None
    channel = managed_channel(update, context)
    return channel or context.services.subscriptions.chat(chat.id, chat_kind(chat))


def _screen(update: Update, context: Context, chat: Chat) -> Reply:
    subscriptions = context.services.subscriptions.subscriptions(chat.id)
    sources = context.services.feeds.sources(chat.id)
    shown = len(sources.own) if sources.only else len(sources.operator) + len(sources.own)
    user = update.effective_user
    shown_language = i18n.choose(
        chat.language, user.language_code if user else None, context.services.languages
    )
    return settings_replies.settings(
        translator(update, context),
        ChatSettings(
            paused=chat.paused,
            digest=str(chat.digest),
            digest_time=chat.digest_time,
            quiet=chat.quiet,
            timezone=chat.timezone,
            previews=chat.previews,
            feeds=shown,
            own_feeds=len(sources.own),
            own_only=sources.only,
            subscriptions=len(subscriptions),
            muted=sum(1 for s in subscriptions if s.muted),
            language=i18n.language_name(shown_language),
        ),
    )


async def settings(update: Update, context: Context) -> None:
    """Show everything about the chat, with buttons to change it."""
    if command_text(update):
        await reply(update, context, replies.usage(translator(update, context), "settings"))
        return
    chat = _chat(update, context)
    if chat is not None:
        await reply(update, context, _screen(update, context, chat))


async def setting_button(update: Update, context: Context) -> None:
    """Change one setting from the /settings screen, then show the screen again."""
    query, stored = update.callback_query, _chat(update, context)
    if query is None or query.data is None or stored is None:
        return
    name = query.data.removeprefix(replies.SETTING_PREFIX)
    change = CHANGES.get(name)
    if change is None:
        await query.answer(replies.stale_button(translator(update, context)))
        return
    # One step in the store (another admin's change meanwhile is kept); wakes the sender.
    chat = context.services.subscriptions.save_settings(stored, lambda c: replace(c, **change))
    await edit(update, about(update, context, _screen(update, context, chat)))
    await query.answer(
        settings_replies.setting_changed_by_button(translator(update, context), name)
    )


HANDLERS: list[BaseHandler[Any, Any, Any]] = [
    CommandHandler("settings", settings),
    CallbackQueryHandler(setting_button, pattern=rf"^{replies.SETTING_PREFIX}"),
]
